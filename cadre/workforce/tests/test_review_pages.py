"""The review queue pages and API: heads of profession see their organisations only."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.framework.models import RoleLevel
from cadre.workforce.models import ReviewStatus, TitleClassification, WorkforceRecord
from cadre.workforce.services_review import classify_organisation
from tests.factories import GradeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(people, org_a, org_b, default_framework):  # noqa: ANN001, ANN201
    seo = GradeFactory(code="SEO", name="Senior Executive Officer", rank=5)
    for person, title in [(people.a_head, "Head of Digital Delivery"),
                          (people.a_manager, "Senior Developer"),
                          (people.a_staff1, "Senior Developer"),
                          (people.a_staff2, "Policy Advisor"),
                          (people.a_other, "Snr Dev"),
                          (people.b_head, "Secret Project Lead"),
                          (people.b_staff, "Data Scientist")]:
        person.job_title, person.grade = title, seo
        person.save()
    classify_organisation(actor=None, organisation=org_a)
    classify_organisation(actor=None, organisation=org_b)
    a = TitleClassification.objects.get(organisation=org_a, title_key="senior developer")
    b = TitleClassification.objects.get(organisation=org_b, title_key="data scientist")
    return {"a": a.pk, "b": b.pk, "org_b": org_b.abbreviation, "org_b_pk": org_b.pk}


def test_head_of_profession_reviews_their_organisation(queue, org_a, make_account,  # noqa: ANN001
                                                       web_client) -> None:
    head = make_account(Role.HEAD_OF_PROFESSION, org_a)
    web = web_client(head)
    page = web.get("/workforce/review/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Senior Developer" in body and "Secret Project Lead" not in body
    # Suggestions waiting for review first, the least confident first.
    waiting = TitleClassification.objects.filter(
        organisation=org_a, status=ReviewStatus.SUGGESTED).order_by("confidence", "-people_count")
    positions = [body.index(f">{c.title}</a>") for c in waiting]
    assert len(positions) > 1 and positions == sorted(positions)
    assert "likely right" in body and "the most doubtful (lowest confidence) first" in body
    detail = web.get(f"/workforce/review/{queue['a']}/")
    assert detail.status_code == 200 and "Senior developer" in detail.content.decode()
    level = RoleLevel.objects.get(name="Lead developer")
    response = web.post(f"/workforce/review/{queue['a']}/",
                        {"in_profession": "yes", "role_level": level.pk})
    assert response.status_code == 302
    c = TitleClassification.objects.get(pk=queue["a"])
    assert c.status == ReviewStatus.CORRECTED and c.role_level == level and c.decided_by == head
    assert WorkforceRecord.objects.filter(classification=c, role_level=level).count() == 3
    assert AuditEvent.objects.filter(actor=head, summary__contains="corrected").exists()
    # A title in the profession needs a level; the error is shown, nothing saved.
    error = web.post(f"/workforce/review/{queue['a']}/", {"in_profession": "yes"})
    assert error.status_code == 200 and "govuk-error-summary" in error.content.decode()
    filtered = web.get("/workforce/review/?status=corrected").content.decode()
    assert "Senior Developer" in filtered and "Policy Advisor" not in filtered
    assert web.post("/workforce/review/classify/",
                    {"organisation": org_a.pk}).status_code == 302


def test_try_a_title(queue, make_account, web_client, api_client) -> None:  # noqa: ANN001
    user = make_account(person=None)
    page = web_client(user).get("/workforce/review/try/", {"job_title": "Snr BA",
                                                           "grade": "SEO"})
    assert page.status_code == 200 and "Senior business analyst" in page.content.decode()
    response = api_client(user).post("/api/v1/workforce/classify/",
                                     {"job_title": "Lead UR"}, format="json")
    assert response.status_code == 200
    assert response.json()["role"] == "User researcher"
    assert response.json()["role_level"] == "Lead user researcher"
    assert api_client(user).post("/api/v1/workforce/classify/", {},
                                 format="json").status_code == 400


def test_api_lists_and_decides(queue, org_a, make_account, api_client) -> None:  # noqa: ANN001
    api = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    listing = api.get("/api/v1/workforce/classifications/").json()
    titles = [row["title"] for row in listing["results"]]
    assert "Senior Developer" in titles and "Data Scientist" not in titles
    assert listing["results"][0]["status"] == "suggested"
    row = api.get(f"/api/v1/workforce/classifications/{queue['a']}/").json()
    accepted = api.post(f"/api/v1/workforce/classifications/{queue['a']}/",
                        {"in_profession": True, "role_level": row["role_level_id"]},
                        format="json")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    bad = api.post(f"/api/v1/workforce/classifications/{queue['a']}/",
                   {"in_profession": True}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "role_level"
    out = api.post(f"/api/v1/workforce/classifications/{queue['a']}/",
                   {"in_profession": False}, format="json")
    assert out.json()["status"] == "corrected" and out.json()["role"] == ""
    started = api.post(f"/api/v1/workforce/organisation/{org_a.abbreviation}/classify/")
    assert started.status_code == 202 and started["Location"] == started.json()["url"]
    job = api.get(started.json()["url"]).json()  # the test backend ran it already
    assert job["state"] == "succeeded" and job["result"] == {"people": 5}


def test_central_team_sees_every_organisation(queue, make_account, api_client) -> None:  # noqa: ANN001
    api = api_client(make_account(Role.CENTRAL_TEAM))
    titles = [r["title"] for r in api.get("/api/v1/workforce/classifications/?page_size=100")
              .json()["results"]]
    assert "Senior Developer" in titles and "Data Scientist" in titles


@pytest.fixture(params=["head of profession elsewhere", "analyst", "professional",
                        "learning lead", "no role"])
def outsider(request, people, org_a, make_account):  # noqa: ANN001, ANN201
    return {
        "head of profession elsewhere": lambda: make_account(Role.HEAD_OF_PROFESSION, org_a),
        "analyst": lambda: make_account(Role.ANALYST),
        "professional": lambda: make_account(Role.PROFESSIONAL, person=people.b_staff),
        "learning lead": lambda: make_account(Role.LEARNING_LEAD, org_a),
        "no role": lambda: make_account(person=people.b_head),
    }[request.param]()


def test_outsiders_get_nothing_of_another_organisation(queue, outsider, web_client,  # noqa: ANN001
                                                       api_client) -> None:
    web, api = web_client(outsider), api_client(outsider)
    pk, abbr = queue["b"], queue["org_b"]
    for url in [f"/workforce/review/{pk}/"]:
        assert web.get(url).status_code in (403, 404), url
    assert web.post(f"/workforce/review/{pk}/", {"in_profession": "no"}).status_code in (403,
                                                                                          404)
    assert web.post("/workforce/review/classify/",
                    {"organisation": queue["org_b_pk"]}).status_code in (403, 404)
    assert api.get(f"/api/v1/workforce/classifications/{pk}/").status_code in (403, 404)
    assert api.post(f"/api/v1/workforce/classifications/{pk}/", {"in_profession": False},
                    format="json").status_code in (403, 404)
    assert api.post(f"/api/v1/workforce/organisation/{abbr}/classify/").status_code in (403,
                                                                                        404)
    listing = api.get("/api/v1/workforce/classifications/")
    assert listing.status_code in (403, 404) or not any(
        r["title"] == "Data Scientist" for r in listing.json()["results"])
    page = web.get("/workforce/review/")
    assert page.status_code in (403, 404) or "Data Scientist" not in page.content.decode()
    assert TitleClassification.objects.get(pk=pk).status == ReviewStatus.SUGGESTED
