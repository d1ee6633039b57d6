"""Who sees the Fast Stream: every page and endpoint, as outsiders and as insiders."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.programmes import services
from cadre.programmes.models import Posting
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(fast_stream, central):  # noqa: ANN001, ANN201
    fs = fast_stream
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.a_streamer,
                             offers=[fs.data])
    services.allocate_round(actor=central, round_=fs.round)
    services.transition_round(actor=central, round_id=fs.round.pk, action="publish")
    posting = Posting.objects.get(fast_streamer=fs.a_streamer)
    return {"round": fs.round.pk, "offer": fs.data.pk, "posting": posting.pk}


NAMED = [
    "/programmes/fast-stream/rounds/{round}/",
    "/programmes/fast-stream/offers/{offer}/",
    "/programmes/fast-stream/postings/{posting}/",
    "/api/v1/programmes/rounds/{round}/",
    "/api/v1/programmes/postings/{posting}/",
]
ROUND_LEVEL = {NAMED[0], NAMED[3]}
CENTRAL_ONLY = [
    "/programmes/fast-stream/rounds/{round}/allocation/",
    "/api/v1/programmes/rounds/{round}/allocation/",
]


@pytest.fixture(params=["peer", "head of profession elsewhere", "analyst", "learning lead"])
def outsider(request, people, fast_stream, make_account):  # noqa: ANN001, ANN201
    return {
        "peer": lambda: make_account(person=people.a_staff2),
        "head of profession elsewhere": lambda: make_account(
            Role.HEAD_OF_PROFESSION, OrganisationFactory(name="Department D",
                                                         abbreviation="DD")),
        "analyst": lambda: make_account(Role.ANALYST),
        "learning lead": lambda: make_account(Role.LEARNING_LEAD, fast_stream.org_c),
    }[request.param]()


def _client(user, url, web_client, api_client):  # noqa: ANN001, ANN202
    return api_client(user) if url.startswith("/api/") else web_client(user)


def test_outsiders_get_nothing(published, outsider, web_client, api_client) -> None:  # noqa: ANN001
    for url in NAMED + CENTRAL_ONLY:
        response = _client(outsider, url, web_client, api_client).get(url.format(**published))
        if url in ROUND_LEVEL and response.status_code == 200:
            # heads of profession see every round (to offer postings), not its people
            assert "Astaffone" not in response.content.decode()
            assert "Data engineer" not in response.content.decode()
            continue
        assert response.status_code in (403, 404), url
    response = api_client(outsider).get("/api/v1/programmes/postings/")
    assert response.status_code == 403 or response.json()["count"] == 0
    response = api_client(outsider).get("/api/v1/programmes/rounds/")
    assert response.status_code in (200, 403)
    web = web_client(outsider)
    for url in ("/programmes/fast-stream/", "/programmes/fast-stream/mine/"):
        response = web.get(url)
        assert response.status_code == 403 or "Astaffone" not in response.content.decode()
    assert web.get(f"/programmes/fast-stream/rounds/{published['round']}/preferences/"
                   ).status_code in (403, 404)
    offer_form = web.get(f"/programmes/fast-stream/rounds/{published['round']}/offers/new/")
    assert offer_form.status_code in (403, 404) or "Department B" not in offer_form.content.decode()
    api = api_client(outsider)
    for method, url, body in (
        ("put", "/api/v1/programmes/rounds/{round}/preferences/", {"ranked": []}),
        ("get", "/api/v1/programmes/rounds/{round}/preferences/", None),
        ("put", "/api/v1/programmes/offers/{offer}/ranking/", {"ranked": []}),
        ("post", "/api/v1/programmes/rounds/{round}/transition/", {"action": "reopen"}),
        ("post", "/api/v1/programmes/postings/{posting}/override/", {"offer": 1, "reason": "x"}),
        ("get", "/api/v1/programmes/rounds/{round}/offers/", None),
    ):
        response = getattr(api, method)(url.format(**published), body, format="json")
        assert response.status_code in (403, 404) or (
            method == "get" and response.json().get("count", 0) == 0), (method, url)


def test_a_fast_streamer_sees_only_their_own_posting_and_only_once_published(
        fast_stream, central, people, make_account, api_client, web_client) -> None:  # noqa: ANN001
    fs = fast_stream
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.a_streamer,
                             offers=[fs.data])
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.b_streamer,
                             offers=[fs.design])
    services.allocate_round(actor=central, round_=fs.round)
    a1 = make_account(person=people.a_staff1)
    mine = Posting.objects.get(fast_streamer=fs.a_streamer)
    theirs = Posting.objects.get(fast_streamer=fs.b_streamer)
    assert api_client(a1).get(f"/api/v1/programmes/postings/{mine.pk}/").status_code == 404
    services.transition_round(actor=central, round_id=fs.round.pk, action="publish")
    assert api_client(a1).get(f"/api/v1/programmes/postings/{mine.pk}/").status_code == 200
    assert api_client(a1).get(f"/api/v1/programmes/postings/{theirs.pk}/").status_code == 404
    listing = api_client(a1).get("/api/v1/programmes/postings/").json()
    assert [p["id"] for p in listing["results"]] == [mine.pk]
    # the round page lists only their posting, not the other fast streamer's
    page = web_client(a1).get(f"/programmes/fast-stream/rounds/{fs.round.pk}/").content.decode()
    assert "Astaffone" in page and "Bstaff" not in page


def test_heads_of_profession_see_their_organisation(fast_stream, central, org_a,
                                                    make_account, api_client) -> None:  # noqa: ANN001
    fs = fast_stream
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.a_streamer,
                             offers=[fs.data])
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.b_streamer,
                             offers=[fs.design])
    services.allocate_round(actor=central, round_=fs.round)
    hop_a = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    staff = {p["staff_number"] for p in hop_a.get("/api/v1/programmes/postings/").json()[
        "results"]}
    assert staff == {"A3"}
    assert hop_a.get(f"/api/v1/programmes/rounds/{fs.round.pk}/allocation/").status_code == 403


def test_host_manager_sees_their_offer_not_others(fast_stream, people, make_account,
                                                  api_client) -> None:  # noqa: ANN001
    fs = fast_stream
    host = api_client(make_account(person=people.b_head))
    offers = host.get(f"/api/v1/programmes/rounds/{fs.round.pk}/offers/").json()["results"]
    assert [o["id"] for o in offers] == [fs.data.pk]
    assert host.put(f"/api/v1/programmes/offers/{fs.design.pk}/ranking/",
                    {"ranked": [fs.a_streamer.pk]}, format="json").status_code == 404
