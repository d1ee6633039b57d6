"""The workforce picture and the job-title review queue, pages and API: counts only for
analysts, nothing of another organisation for its heads of profession, nothing at all for
staff without an aggregate role; no names of senior staff outside the organisation's
managers."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.workforce.models import ReviewStatus, TitleClassification
from cadre.workforce.tests.test_picture_pages import data  # noqa: F401
from cadre.workforce.tests.test_review_pages import queue  # noqa: F401

pytestmark = pytest.mark.django_db

PICTURE_PAGES = ["/workforce/", "/workforce/government/", "/workforce/organisation/DA/",
                 "/workforce/organisation/DA/senior/"]
PICTURE_API = ["/api/v1/workforce/government/picture/",
               "/api/v1/workforce/organisation/DA/picture/",
               "/api/v1/workforce/organisation/DA/senior/"]


def test_the_picture_shows_no_names_outside_the_organisations_managers(
        data, people, org_b, make_account, web_client, api_client) -> None:  # noqa: ANN001, F811
    director = data["director"].last_name
    professional = make_account(person=people.a_staff1)
    for url in PICTURE_PAGES:
        assert web_client(professional).get(url).status_code == 403, url
    for url in PICTURE_API:
        assert api_client(professional).get(url).status_code == 403, url
    b_hop = make_account(Role.HEAD_OF_PROFESSION, org_b)
    for url in PICTURE_PAGES[2:]:
        response = web_client(b_hop).get(url)
        assert response.status_code == 404 and director not in response.content.decode()
    for url in PICTURE_API[1:]:
        assert api_client(b_hop).get(url).status_code == 404
    analyst = make_account(Role.ANALYST)
    for url in PICTURE_PAGES[:3]:
        response = web_client(analyst).get(url)
        assert response.status_code == 200 and director not in response.content.decode()
    assert web_client(analyst).get(PICTURE_PAGES[3]).status_code == 403
    assert api_client(analyst).get(PICTURE_API[2]).status_code == 403


def test_the_review_queue_stays_in_the_organisation(queue, people, org_a, make_account,  # noqa: F811
                                                   web_client, api_client) -> None:  # noqa: ANN001
    theirs = queue["b"]
    a_hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    web, api = web_client(a_hop), api_client(a_hop)
    assert "Data Scientist" not in web.get("/workforce/review/").content.decode()
    listing = api.get("/api/v1/workforce/classifications/").json()["results"]
    assert "Data Scientist" not in [row["title"] for row in listing]
    assert web.get(f"/workforce/review/{theirs}/").status_code == 404
    assert web.post(f"/workforce/review/{theirs}/", {"in_profession": "no"}).status_code == 404
    assert api.get(f"/api/v1/workforce/classifications/{theirs}/").status_code == 404
    assert api.post(f"/api/v1/workforce/classifications/{theirs}/",
                    {"in_profession": False}, format="json").status_code == 404
    assert web.post("/workforce/review/classify/",
                    {"organisation": queue["org_b_pk"]}).status_code in (400, 403, 404)
    assert api.post(f"/api/v1/workforce/organisation/{queue['org_b']}/classify/"
                    ).status_code == 404
    for outsider in (make_account(Role.ANALYST), make_account(person=people.a_manager)):
        assert web_client(outsider).get("/workforce/review/").status_code == 403
        assert api_client(outsider).get(
            "/api/v1/workforce/classifications/").status_code == 403
    assert TitleClassification.objects.get(pk=theirs).status == ReviewStatus.SUGGESTED


def test_the_threshold_is_the_central_teams(people, org_a, make_account, web_client,  # noqa: ANN001
                                            api_client) -> None:
    """Reviewers read the threshold through the API; only the central team and administrators
    open its page or change it. Nobody else reads it at all."""
    from cadre.workforce.models import ClassificationSettings

    page, api = "/workforce/review/settings/", "/api/v1/workforce/classification-settings/"
    change = {"auto_accept_above": "0.9", "version": "0"}
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    assert api_client(hop).get(api).status_code == 200
    assert web_client(hop).get(page).status_code == 403
    assert web_client(hop).post(page, change).status_code == 403
    for method in ("put", "patch"):
        assert getattr(api_client(hop), method)(api, change, format="json").status_code == 403
    for outsider in (make_account(Role.ANALYST), make_account(person=people.a_manager),
                     make_account(Role.LEARNING_LEAD, org_a), make_account(Role.PROFESSIONAL,
                                                                           person=people.b_staff)):
        assert web_client(outsider).get(page).status_code == 403
        assert web_client(outsider).post(page, change).status_code == 403
        assert api_client(outsider).get(api).status_code == 403
        assert api_client(outsider).put(api, change, format="json").status_code == 403
    assert not ClassificationSettings.objects.exists()
    for insider in (make_account(Role.CENTRAL_TEAM), make_account(Role.ADMINISTRATOR)):
        assert web_client(insider).get(page).status_code == 200
        assert api_client(insider).get(api).status_code == 200
