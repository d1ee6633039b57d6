"""Framework pages and API: everyone signed in reads; only the central team changes."""

from __future__ import annotations

import json

import pytest

from cadre.access.roles import Role
from cadre.framework.models import Framework, RoleLevel
from cadre.framework.reference_data import DEFAULT_FRAMEWORK_JSON

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(default_framework) -> Framework:  # noqa: ANN001
    return default_framework


def _level(framework: Framework, name: str) -> RoleLevel:
    return RoleLevel.objects.get(framework=framework, name=name)


def test_pages_render_for_a_professional(framework, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.PROFESSIONAL))
    junior = _level(framework, "Junior developer")
    skill = junior.requirements.first().skill
    for url in ("/framework/", f"/framework/role-levels/{junior.pk}/",
                f"/framework/role-levels/{junior.pk}/profile/", f"/framework/skills/{skill.pk}/",
                "/framework/compare/", "/framework/paths/", "/framework/versions/",
                "/framework/search/?q=data"):
        assert client.get(url).status_code == 200, url
    page = client.get(f"/framework/role-levels/{junior.pk}/").content.decode()
    assert "Developer" in page and "Apprenticeship" in page and "Skills this level needs" in page


def test_compare_shows_the_gap(framework, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.PROFESSIONAL))
    a, b = _level(framework, "Developer"), _level(framework, "Senior developer")
    response = client.get(f"/framework/compare/?a={a.pk}&b={b.pk}")
    rows = response.context["rows"]
    assert rows and rows[0]["gap"] >= rows[-1]["gap"]
    assert response.context["total_gap"] == sum(r["gap"] for r in rows) > 0


def test_path_finder_page_and_api_agree(framework, make_account, web_client, api_client) -> None:  # noqa: ANN001
    user = make_account(Role.PROFESSIONAL)
    a, b = _level(framework, "Junior developer"), _level(framework, "Lead data engineer")
    page = web_client(user).get(f"/framework/paths/?from={a.pk}&to={b.pk}")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    steps = page.context["steps"]
    assert steps[0]["source"] == a and steps[-1]["target"] == b
    api = api_client(user).get(f"/api/v1/career-path/?from={a.pk}&to={b.pk}").json()
    assert api["reachable"] and api["total_development"] == page.context["total"]
    assert [s["to"] for s in api["steps"]] == [s["target"].pk for s in steps]


def test_api_reads(framework, make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.ANALYST))
    levels = client.get("/api/v1/role-levels/?page_size=500").json()
    assert levels["count"] == 205
    junior = _level(framework, "Junior developer")
    detail = client.get(f"/api/v1/role-levels/{junior.pk}/").json()
    assert detail["role"] == "Software developer" and detail["requirements"]
    assert client.get("/api/v1/skills/").json()["count"] == 188
    exported = client.get(f"/api/v1/frameworks/{framework.pk}/export/").json()
    assert len(exported["roles"]) == 52


def test_only_the_central_team_imports_or_reorders(framework, make_account, api_client,
                                                    web_client) -> None:  # noqa: ANN001
    document = json.loads(DEFAULT_FRAMEWORK_JSON.read_text(encoding="utf-8"))
    professional = api_client(make_account(Role.PROFESSIONAL))
    assert professional.post("/api/v1/frameworks/import/?version=v9", document,
                             format="json").status_code == 403
    central = api_client(make_account(Role.CENTRAL_TEAM))
    created = central.post("/api/v1/frameworks/import/?version=v9", document, format="json")
    assert created.status_code == 201 and created.json()["version"] == "v9"
    document["requirements"][0]["level"] = "Wizard"
    bad = central.post("/api/v1/frameworks/import/?version=v10", document, format="json")
    assert bad.status_code == 400 and "Wizard" in bad.json()["errors"][0]["message"]
    assert not Framework.objects.filter(version="v10").exists()
    role = _level(framework, "Junior developer").role
    assert web_client(make_account(Role.PROFESSIONAL)).get(
        f"/framework/roles/{role.pk}/order/").status_code == 403


def test_level_order_correction(framework, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.CENTRAL_TEAM))
    role = _level(framework, "Problem analyst").role
    analyst, manager = _level(framework, "Problem analyst"), _level(framework, "Problem manager")
    client.post(f"/framework/roles/{role.pk}/order/",
                {f"position-{analyst.pk}": "2", f"position-{manager.pk}": "1"})
    analyst.refresh_from_db()
    manager.refresh_from_db()
    assert (manager.order, analyst.order) == (0, 1)


def test_version_diff_page_and_json(framework, make_account, web_client) -> None:  # noqa: ANN001
    from cadre.framework.services import import_document

    document = json.loads(DEFAULT_FRAMEWORK_JSON.read_text(encoding="utf-8"))
    document["skills"][0]["description"] = "Changed."
    newer = import_document(actor=None, document=document, version="next")
    client = web_client(make_account(Role.PROFESSIONAL))
    page = client.get(f"/framework/versions/diff/?from={framework.pk}&to={newer.pk}")
    assert page.status_code == 200 and page.context["summary"]["skills"]["changed"] == 1
    data = client.get(f"/framework/versions/diff/?from={framework.pk}&to={newer.pk}"
                      "&format=json").json()
    assert data["changed"][0]["fields"]["description"]["to"] == "Changed."


def test_role_profile_downloads(framework, make_account, web_client) -> None:  # noqa: ANN001
    import io
    import zipfile

    client = web_client(make_account(Role.PROFESSIONAL))
    level = _level(framework, "Senior developer")
    docx = client.get(f"/framework/role-levels/{level.pk}/profile/?format=docx")
    assert docx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        body = archive.read("word/document.xml").decode()
    assert "Senior developer" in body and "Essential skills" in body
    pdf = client.get(f"/framework/role-levels/{level.pk}/profile/?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
