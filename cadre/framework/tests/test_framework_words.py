"""Issue 12 on framework pages: version labels without "(embedded) (default)", no
command-line instructions, download names from role and level names."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.framework.models import Framework, RoleLevel

pytestmark = pytest.mark.django_db


def test_versions_page_speaks_to_people_who_do_not_use_the_command_line(
        default_framework, make_account, web_client) -> None:  # noqa: ANN001
    assert "(embedded)" in default_framework.version  # the stored label is unchanged
    assert "(embedded)" not in default_framework.version_label
    assert "(embedded)" not in str(default_framework)
    client = web_client(make_account(Role.PROFESSIONAL))
    page = client.get("/framework/versions/").content.decode()
    assert "cadre framework" not in page and "<code>" not in page
    assert "(embedded)" not in page and "(default)" not in page
    assert 'id="new-versions"' in page and "central profession team" in page
    assert "In use" in page
    home = client.get("/framework/").content.decode()
    assert "(embedded)" not in home and "(default)" not in home


def test_role_profile_is_named_after_the_role_level(default_framework, make_account,  # noqa: ANN001
                                                    web_client) -> None:
    level = RoleLevel.objects.get(framework=default_framework, name="Senior developer")
    client = web_client(make_account(Role.PROFESSIONAL))
    for fmt in ("docx", "pdf"):
        response = client.get(f"/framework/role-levels/{level.pk}/profile/?format={fmt}")
        assert response["Content-Disposition"] == (
            f'attachment; filename="role-profile-software-developer-senior-developer.{fmt}"')
        assert str(level.pk) not in response["Content-Disposition"]
    export = client.get(f"/framework/versions/{default_framework.pk}/export/")
    assert f"-{default_framework.pk}.json" not in export["Content-Disposition"]
    assert Framework.objects.count() == 1
