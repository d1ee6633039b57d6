"""Who sees the specialist bench: every page, endpoint and export."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access.roles import Role
from cadre.bench import services
from cadre.bench.models import DeploymentRequest

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def bench(people, org_b, make_account):  # noqa: ANN001, ANN201
    """a_staff1 has a window; a programme manager has asked for them for org B."""
    window = services.add_window(actor=None, person=people.a_staff1,
                                 available_from=D(2027, 1, 1), available_to=D(2027, 6, 30))
    pm = make_account(Role.PROGRAMME_MANAGER)
    req = services.request_deployment(actor=pm, specialist=people.a_staff1, organisation=org_b,
                                      programme="Borders programme", starts_on=D(2027, 2, 1),
                                      ends_on=D(2027, 3, 1))
    return {"person": people.a_staff1.pk, "window": window.pk, "request": req.pk, "pm": pm}


NAMED = [
    "/talent/bench/people/{person}/",
    "/talent/bench/requests/{request}/",
    "/api/v1/bench/windows/{window}/",
    "/api/v1/bench/deployments/{request}/",
]


@pytest.fixture(params=["peer", "other branch", "head of profession elsewhere", "analyst",
                        "learning lead"])
def outsider(request, people, org_a, org_b, make_account):  # noqa: ANN001, ANN201
    return {
        "peer": lambda: make_account(person=people.a_staff2),
        "other branch": lambda: make_account(person=people.a_other),
        "head of profession elsewhere": lambda: make_account(Role.HEAD_OF_PROFESSION, org_b),
        "analyst": lambda: make_account(Role.ANALYST),
        "learning lead": lambda: make_account(Role.LEARNING_LEAD, org_a),
    }[request.param]()


def _client(user, url, web_client, api_client):  # noqa: ANN001, ANN202
    return api_client(user) if url.startswith("/api/") else web_client(user)


def test_outsiders_get_nothing(bench, outsider, web_client, api_client, people):
    # The HoP of org B sees the request (raised for org B) but not the specialist's windows.
    for url in NAMED:
        if "requests/" in url or "deployments/" in url:
            continue
        response = _client(outsider, url, web_client, api_client).get(url.format(**bench))
        assert response.status_code in (403, 404), url
    for url in ("/talent/bench/", "/api/v1/bench/windows/", "/talent/bench/export/"):
        response = _client(outsider, url, web_client, api_client).get(url)
        assert response.status_code in (200, 403), url
        assert people.a_staff1.last_name.encode() not in response.content, url


def test_outsiders_cannot_see_or_act_on_a_request(bench, people, make_account, web_client,
                                                  api_client):
    for user in (make_account(person=people.a_staff2), make_account(Role.ANALYST),
                 make_account(Role.PROGRAMME_MANAGER)):
        for url in ("/talent/bench/requests/{request}/", "/api/v1/bench/deployments/{request}/"):
            response = _client(user, url, web_client, api_client).get(url.format(**bench))
            assert response.status_code in (403, 404), url
        response = api_client(user).post(
            f"/api/v1/bench/deployments/{bench['request']}/action/", {"action": "accept"},
            format="json")
        assert response.status_code in (403, 404)
        listing = api_client(user).get("/api/v1/bench/deployments/")
        assert b"Borders" not in listing.content
    assert DeploymentRequest.objects.get().state == "requested"


@pytest.mark.parametrize("who", ["self", "line manager", "head of profession", "central",
                                 "programme manager"])
def test_the_circle_and_programme_managers_see_the_windows(bench, people, org_a, who,
                                                           make_account, web_client,
                                                           api_client):
    user = {
        "self": lambda: make_account(person=people.a_staff1),
        "line manager": lambda: make_account(person=people.a_manager),
        "head of profession": lambda: make_account(Role.HEAD_OF_PROFESSION, org_a),
        "central": lambda: make_account(Role.CENTRAL_TEAM),
        "programme manager": lambda: make_account(Role.PROGRAMME_MANAGER),
    }[who]()
    page = web_client(user).get(f"/talent/bench/people/{bench['person']}/")
    assert page.status_code == 200 and b"1 Jan 2027" in page.content
    search = web_client(user).get("/talent/bench/?on=2027-02-01")
    assert people.a_staff1.full_name.encode() in search.content
    api = api_client(user).get("/api/v1/bench/windows/", {"on": "2027-02-01"})
    assert [w["person"] for w in api.json()["results"]] == [bench["person"]]
    export = web_client(user).get("/talent/bench/export/")
    assert people.a_staff1.staff_number.encode() in export.content


def test_a_programme_manager_sees_only_their_own_requests(bench, people, org_b, make_account,
                                                          api_client, web_client):
    assert api_client(bench["pm"]).get(
        f"/api/v1/bench/deployments/{bench['request']}/").status_code == 200
    other_pm = make_account(Role.PROGRAMME_MANAGER)
    assert api_client(other_pm).get(
        f"/api/v1/bench/deployments/{bench['request']}/").status_code == 404
    export = web_client(other_pm).get("/talent/bench/export/?what=requests")
    assert b"Borders" not in export.content
    mine = web_client(bench["pm"]).get("/talent/bench/requests/")
    assert b"Borders programme" in mine.content


def test_the_specialist_sees_requests_for_them(bench, people, make_account, web_client):
    me = make_account(person=people.a_staff1)
    page = web_client(me).get("/talent/bench/requests/")
    assert b"Borders programme" in page.content
    detail = web_client(me).get(f"/talent/bench/requests/{bench['request']}/")
    assert detail.status_code == 200
    # but cannot accept it: that is for their head of profession
    web_client(me).post(f"/talent/bench/requests/{bench['request']}/", {"action": "accept"})
    assert DeploymentRequest.objects.get().state == "requested"


def test_analysts_cannot_open_bench_pages_or_exports(bench, make_account, web_client,
                                                     api_client):
    analyst = make_account(Role.ANALYST)
    for url in ("/talent/bench/", "/talent/bench/export/", "/talent/bench/requests/"):
        assert web_client(analyst).get(url).status_code == 403
    assert api_client(analyst).get("/api/v1/bench/windows/").status_code == 403


def test_the_whole_flow_through_pages(bench, people, org_a, org_b, make_account, web_client):
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    me = make_account(person=people.a_staff1)
    added = web_client(me).post(f"/talent/bench/people/{bench['person']}/",
                                {"available_from": "2027-09-01", "available_to": "2027-08-01"})
    assert added.status_code == 200 and b"must be the same as or after" in added.content
    url = f"/talent/bench/requests/{bench['request']}/"
    web_client(hop).post(url, {"action": "accept"})
    assert DeploymentRequest.objects.get().state == "accepted"
    refused = web_client(bench["pm"]).post(url, {"action": "complete", "text": ""})
    assert refused.status_code == 400
    web_client(bench["pm"]).post(url, {"action": "complete", "text": "Went well"})
    assert DeploymentRequest.objects.get().state == "completed"
    raised = web_client(bench["pm"]).post(
        f"/talent/bench/people/{bench['person']}/request/",
        {"programme": "Tax", "organisation": org_b.pk, "starts_on": "2027-07-01",
         "ends_on": "2027-07-10"})
    assert raised.status_code == 200 and b"no availability window" in raised.content


def test_api_writes_refuse_bad_input_with_field_errors(bench, people, org_b, api_client):
    response = api_client(bench["pm"]).post("/api/v1/bench/deployments/", {
        "specialist": bench["person"], "organisation": org_b.pk, "programme": "Tax",
        "starts_on": "2027-05-01", "ends_on": "2027-04-01"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "ends_on"
    response = api_client(bench["pm"]).post("/api/v1/bench/windows/", {
        "person": bench["person"], "available_from": "2028-01-01",
        "available_to": "2028-02-01"}, format="json")
    assert response.status_code == 403
    assert DeploymentRequest.objects.count() == 1
