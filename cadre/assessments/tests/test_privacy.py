"""Every capability URL and endpoint refuses people outside the person's circle."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from cadre.access.roles import Role
from cadre.assessments import services
from cadre.assessments.models import EvidenceFile
from cadre.framework.models import RoleLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(people, default_framework, settings, tmp_path):  # noqa: ANN001, ANN201
    settings.MEDIA_ROOT = tmp_path
    level = RoleLevel.objects.get(framework=default_framework, name="Developer")
    services.set_profile(actor=None, person=people.a_staff1, current_role_level=level,
                         targets=[])
    round_ = services.start_round(actor=None, person=people.a_staff1, role_level=level)
    item = round_.items.first()
    evidence = EvidenceFile(item=item, name="e.txt", size=1, content_type="text/plain")
    evidence.file.save("e.txt", ContentFile(b"x"))
    return {"person": people.a_staff1.pk, "level": level.pk, "round": round_.pk,
            "evidence": evidence.pk}


PAGES = [
    "/capability/people/{person}/",
    "/capability/people/{person}/plan/",
    "/capability/people/{person}/gaps/{level}/",
    "/capability/people/{person}/gaps/{level}/?format=pdf",
    "/capability/rounds/{round}/",
    "/capability/evidence/{evidence}/",
    "/api/v1/capability/{person}/",
    "/api/v1/assessment-rounds/{round}/",
]
WRITES = [
    ("put", "/api/v1/capability/{person}/profile/", {"current_role_level": None}),
    ("post", "/api/v1/capability/{person}/rounds/", {"role_level": 1}),
    ("post", "/api/v1/capability/{person}/objectives/", {}),
    ("post", "/api/v1/capability/{person}/plan/agree/", {}),
    ("post", "/api/v1/assessment-rounds/{round}/items/", {"items": []}),
]


@pytest.fixture(params=["peer", "other branch", "head of profession elsewhere",
                        "learning lead", "analyst"])
def outsider(request, people, org_a, org_b, make_account):  # noqa: ANN001, ANN201
    return {
        "peer": lambda: make_account(person=people.a_staff2),
        "other branch": lambda: make_account(person=people.a_other),
        "head of profession elsewhere": lambda: make_account(Role.HEAD_OF_PROFESSION, org_b),
        "learning lead": lambda: make_account(Role.LEARNING_LEAD, org_a),
        "analyst": lambda: make_account(Role.ANALYST),
    }[request.param]()


def test_outsiders_get_nothing(records, outsider, web_client, api_client) -> None:  # noqa: ANN001
    web, api = web_client(outsider), api_client(outsider)
    for template in PAGES:
        url = template.format(**records)
        client = api if url.startswith("/api/") else web
        response = client.get(url)
        assert response.status_code in (403, 404), url
    for method, template, body in WRITES:
        url = template.format(**records)
        response = getattr(api, method)(url, body, format="json")
        assert response.status_code in (403, 404), url
    post = web.post(f"/capability/people/{records['person']}/", {"current": ""})
    assert post.status_code in (403, 404)
    assert web.post(f"/capability/rounds/{records['round']}/",
                    {"action": "save"}).status_code in (403, 404)
