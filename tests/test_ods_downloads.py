"""Issue 12: every spreadsheet download offers ODS beside CSV and XLSX, audited like them,
and its page links to it. Cells are read back from the file."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.tabular import read_ods_values

pytestmark = pytest.mark.django_db

ODS = "application/vnd.oasis.opendocument.spreadsheet"


def _ods(client, url: str) -> list[list[object]]:  # noqa: ANN001
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == ODS and ".ods" in response["Content-Disposition"]
    return read_ods_values(response.content)


def test_people_bench_and_audit_downloads_come_as_ods(people, org_a, make_account,
                                                      web_client) -> None:  # noqa: ANN001
    hop = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    listing = hop.get(reverse("people:list")).content.decode()
    assert "format=ods" in listing
    grid = _ods(hop, reverse("people:export") + "?format=ods")
    assert grid[0][0] == "staff_number" and {r[0] for r in grid[1:]} >= {"A1", "A3"}
    assert "format=ods" in hop.get(reverse("bench:bench")).content.decode()
    assert _ods(hop, reverse("bench:bench-export") + "?format=ods")[0]
    admin = web_client(make_account(Role.ADMINISTRATOR))
    assert "format=ods" in admin.get(reverse("audit:list")).content.decode()
    assert _ods(admin, reverse("audit:export") + "?format=ods")[0]
    formats = list(AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT)
                   .order_by("id").values_list("data__format", flat=True))
    assert formats == ["ods", "ods", "ods"]
    assert admin.get(reverse("audit:export") + "?format=pdf").status_code == 400
