"""Who sees workforce plans: pages, endpoints and downloads."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.framework.models import Framework, RoleFamily, RoleLevel
from cadre.framework.models import Role as FrameworkRole
from cadre.planning import services
from cadre.planning.models import PlannedDemand, WorkforcePlan
from cadre.workforce.models import WorkforceRecord
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(org_a):  # noqa: ANN001, ANN201
    framework = Framework.objects.create(name="Test", version="1", is_default=True)
    family = RoleFamily.objects.create(framework=framework, name="Data")
    role = FrameworkRole.objects.create(framework=framework, family=family, name="Analyst role")
    for order, name in enumerate(["Junior analyst", "Analyst", "Senior analyst"]):
        RoleLevel.objects.create(framework=framework, role=role, name=name, order=order,
                                 seniority=3 + order)
    level = RoleLevel.objects.get(name="Analyst")
    for _ in range(3):
        WorkforceRecord.objects.create(person=PersonFactory(organisation=org_a),
                                       in_profession=True, role_level=level)
    plan = services.create_plan(actor=None, organisation=org_a, role_family=family,
                                first_year=2027, attrition_rate="0.1")
    services.set_demand(actor=None, plan=plan, cells={(2027, level.pk): 7})
    return plan


DETAIL = ["/talent/plans/{pk}/", "/talent/plans/{pk}/download/?format=csv",
          "/api/v1/workforce-plans/{pk}/"]


def _get(user, url, web_client, api_client):  # noqa: ANN001, ANN202
    return (api_client if url.startswith("/api/") else web_client)(user).get(url)


@pytest.mark.parametrize("who", ["head of profession elsewhere", "professional",
                                 "programme manager", "learning lead"])
def test_outsiders_get_no_plan(plan, people, org_a, org_b, who, make_account, web_client,
                               api_client):
    user = {
        "head of profession elsewhere": lambda: make_account(Role.HEAD_OF_PROFESSION, org_b),
        "professional": lambda: make_account(person=people.a_head),
        "programme manager": lambda: make_account(Role.PROGRAMME_MANAGER),
        "learning lead": lambda: make_account(Role.LEARNING_LEAD, org_a),
    }[who]()
    for url in [*DETAIL, "/talent/plans/{pk}/demand/"]:
        response = _get(user, url.format(pk=plan.pk), web_client, api_client)
        assert response.status_code in (403, 404), url
    listing = _get(user, "/api/v1/workforce-plans/", web_client, api_client)
    assert listing.status_code == 403 or listing.json()["results"] == []
    response = api_client(user).put(f"/api/v1/workforce-plans/{plan.pk}/demand/",
                                    {"demand": []}, format="json")
    assert response.status_code in (403, 404)


def test_analysts_see_suppressed_totals_only(plan, make_account, web_client, api_client):
    analyst = make_account(Role.ANALYST)
    page = web_client(analyst).get(f"/talent/plans/{plan.pk}/")
    assert page.status_code == 200
    assert b"fewer than 5" in page.content and b"Senior analyst" not in page.content
    # Projected supply and gap hide only to protect today's count: [c], with the legend.
    assert b"[c]" in page.content and b'id="suppression-notice"' in page.content
    assert b"halves rounded up" in page.content  # the rounding method is stated
    listing = api_client(analyst).get("/api/v1/workforce-plans/").json()
    assert [p["id"] for p in listing["results"]] == [plan.pk]
    data = api_client(analyst).get(f"/api/v1/workforce-plans/{plan.pk}/").json()
    assert data["current_supply"] == "fewer than 5" and "levels" not in data
    assert data["totals"][0]["demand"] == 7
    csv = web_client(analyst).get(f"/talent/plans/{plan.pk}/download/?format=csv")
    header = csv.content.decode("utf-8-sig").splitlines()[0]
    assert header == "year,demand,supply,gap,joiners,promoted"
    # The file has no count of people below 5, only values hidden to protect one.
    assert b"fewer than 5" not in csv.content and b"[c]" in csv.content
    assert csv.content.decode("utf-8-sig").splitlines()[1].split(",")[2:4] == ["[c]", "[c]"]
    assert web_client(analyst).get(f"/talent/plans/{plan.pk}/demand/").status_code == 403
    assert web_client(analyst).post(f"/talent/plans/{plan.pk}/", {
        "first_year": 2030, "attrition_rate": "0.5"}).status_code == 403
    assert api_client(analyst).patch(f"/api/v1/workforce-plans/{plan.pk}/", {
        "attrition_rate": "0.5"}, format="json").status_code == 403
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, actor=analyst).exists()


@pytest.mark.parametrize("who", ["head of profession", "central"])
def test_people_managers_see_every_level_and_edit(plan, org_a, who, make_account, web_client,
                                                 api_client):
    user = make_account(Role.HEAD_OF_PROFESSION, org_a) if who == "head of profession" \
        else make_account(Role.CENTRAL_TEAM)
    page = web_client(user).get(f"/talent/plans/{plan.pk}/")
    assert page.status_code == 200
    assert b'role="img"' in page.content and b"<caption" in page.content
    assert b"Analyst" in page.content
    data = api_client(user).get(f"/api/v1/workforce-plans/{plan.pk}/").json()
    assert data["current_supply"] == 3 and len(data["levels"]) == 15
    xlsx = web_client(user).get(f"/talent/plans/{plan.pk}/download/?format=xlsx")
    assert xlsx.content[:2] == b"PK"
    analyst_level = RoleLevel.objects.get(name="Senior analyst")
    response = web_client(user).post(f"/talent/plans/{plan.pk}/demand/", {
        f"d-2028-{analyst_level.pk}": "4"})
    assert response.status_code == 302
    assert PlannedDemand.objects.filter(year=2028, role_level=analyst_level,
                                        headcount=4).exists()


def test_demand_upload_errors_are_shown_and_nothing_written(plan, org_a, make_account,
                                                            web_client, api_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    upload = SimpleUploadedFile("d.csv", b"year,role_level,headcount\n2027,Analyst,2\n"
                                b"2040,Nobody,x\n", content_type="text/csv")
    response = web_client(hop).post(f"/talent/plans/{plan.pk}/demand/", {"file": upload})
    assert response.status_code == 400
    assert b"Row 3, column &#x27;year&#x27;" in response.content
    assert b"Row 3, column &#x27;headcount&#x27;" in response.content
    assert PlannedDemand.objects.get().headcount == 7
    bad = api_client(hop).put(f"/api/v1/workforce-plans/{plan.pk}/demand/", {"demand": [
        {"year": 2027, "role_level": RoleLevel.objects.get(name="Analyst").pk,
         "headcount": -1}]}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "demand[0].headcount"
    assert PlannedDemand.objects.get().headcount == 7


def test_plans_are_created_by_people_managers_only(plan, org_a, org_b, make_account,
                                                   api_client):
    family = plan.role_family
    other = RoleFamily.objects.create(framework=family.framework, name="Other")
    hop_b = make_account(Role.HEAD_OF_PROFESSION, org_b)
    refused = api_client(hop_b).post("/api/v1/workforce-plans/", {
        "organisation": org_a.pk, "role_family": other.pk, "first_year": 2027,
        "attrition_rate": "0.1"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "organisation"
    hop_a = make_account(Role.HEAD_OF_PROFESSION, org_a)
    made = api_client(hop_a).post("/api/v1/workforce-plans/", {
        "organisation": org_a.pk, "role_family": other.pk, "first_year": 2027,
        "attrition_rate": "0.1"}, format="json")
    assert made.status_code == 201
    assert WorkforcePlan.objects.count() == 2
