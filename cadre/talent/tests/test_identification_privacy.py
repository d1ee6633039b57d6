"""Who sees ratings, pools and succession plans (issue 6, part 8), on every page, API
endpoint and export of talent identification and succession.

The subject is a_staff1: rated by a_manager, a member of a pool, a successor for a post.
Allowed: their line manager, the manager's manager, organisation A's head of profession,
the central team. Not allowed: a peer, the person themselves (except their own pool
memberships), organisation B's head of profession, an analyst.
"""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.talent.models import CriticalPost, DevelopmentAction, Successor, TalentRating
from cadre.talent.tests.identification_data import talent_records  # noqa: F401

pytestmark = pytest.mark.django_db

NAME = "Astaffone"  # a_staff1's surname

VIEWERS = ["line manager", "manager's manager", "peer", "the person", "head of profession",
           "head of profession elsewhere", "analyst", "central team"]
CHAIN = {"line manager", "manager's manager", "head of profession", "central team"}
MANAGERS = {"head of profession", "central team"}


@pytest.fixture(params=VIEWERS)
def viewer(request, people, org_a, org_b, make_account):  # noqa: ANN001, ANN201
    make = {
        "line manager": lambda: make_account(person=people.a_manager),
        "manager's manager": lambda: make_account(person=people.a_head),
        "peer": lambda: make_account(person=people.a_staff2),
        "the person": lambda: make_account(person=people.a_staff1),
        "head of profession": lambda: make_account(Role.HEAD_OF_PROFESSION, org_a),
        "head of profession elsewhere": lambda: make_account(Role.HEAD_OF_PROFESSION, org_b),
        "analyst": lambda: make_account(Role.ANALYST),
        "central team": lambda: make_account(Role.CENTRAL_TEAM),
    }
    return request.param, make[request.param]()


# (url, who may open it); everyone else gets 403 or 404 and no data.
RECORD_URLS = [
    # The rating page is where a rating is calibrated, reached from the nine-box grid:
    # line managers see their team's ratings on "Rate your team" and in the API instead.
    ("/talent/identification/ratings/{rating}/", MANAGERS),
    ("/api/v1/talent/ratings/{rating}/", CHAIN),
    ("/talent/pools/{pool}/", CHAIN),
    ("/talent/pools/{pool}/export/", CHAIN),
    ("/api/v1/talent/pools/{pool}/", CHAIN),
    ("/talent/succession/{post}/", CHAIN),
    ("/api/v1/succession/posts/{post}/", CHAIN),
    ("/api/v1/succession/successors/{successor}/", CHAIN),
    ("/talent/identification/cycles/{cycle}/", MANAGERS),
    ("/talent/identification/cycles/{cycle}/export/", MANAGERS),
    ("/api/v1/talent/cycles/{cycle}/ninebox/", MANAGERS),
    ("/api/v1/succession/posts/{post}/candidates/", MANAGERS),
    ("/talent/identification/government/", {"central team"}),
    ("/api/v1/talent/ninebox/", {"central team"}),
]

# Lists and exports that accounts with talent records in reach may open (line managers,
# heads of profession, the central team); the subject's name appears only for viewers
# allowed to see it. Accounts with no reports and no role (a peer, the person) get 403.
NO_TALENT_LISTS = {"analyst", "peer", "the person"}
LIST_URLS = [
    "/api/v1/talent/ratings/",
    "/talent/succession/",
    "/talent/succession/export/",
    "/api/v1/succession/posts/",
    "/api/v1/talent/pools/",
    "/talent/pools/",
]


def _client(url: str, user, web_client, api_client):  # noqa: ANN001, ANN202
    return api_client(user) if url.startswith("/api/") else web_client(user)


def _record_pages_endpoints_and_exports(talent_records, kind, user, web_client,  # noqa: F811
                                        api_client) -> None:  # noqa: ANN001
    for template, allowed in RECORD_URLS:
        url = template.format(**talent_records)
        response = _client(url, user, web_client, api_client).get(url)
        if kind in allowed:
            assert response.status_code == 200, (kind, url)
        else:
            assert response.status_code in (403, 404), (kind, url, response.status_code)
            assert NAME not in response.content.decode(), (kind, url)


def _lists_show_the_subject_only_to_the_allowed(talent_records, kind, user, web_client,  # noqa: F811
                                                api_client) -> None:  # noqa: ANN001
    for url in LIST_URLS:
        response = _client(url, user, web_client, api_client).get(url)
        if kind in NO_TALENT_LISTS:
            assert response.status_code == 403, (kind, url)
            assert NAME not in response.content.decode(), (kind, url)
            continue
        assert response.status_code == 200, (kind, url)
        body = response.content.decode()
        shown = NAME in body or "Chief architect" in body or "Ready for SCS" in body
        if url == "/api/v1/talent/ratings/":
            shown = str(talent_records["rating"]) in [str(r["id"]) for r in
                                                      response.json()["results"]]
        assert shown == (kind in CHAIN), (kind, url)


def _the_person_sees_their_own_pool_memberships_only(kind, user, web_client,
                                                     api_client) -> None:  # noqa: ANN001
    page = web_client(user).get("/talent/pools/mine/")
    api = api_client(user).get("/api/v1/talent/pools/mine/")
    assert page.status_code == 200 and api.status_code == 200
    mine = kind == "the person"
    assert ("Ready for SCS" in page.content.decode()) == mine
    assert (api.json()["count"] == 1) == mine
    if mine:
        assert api.json()["results"][0]["actions"][0]["description"] == "Lead a programme"


def _only_the_chain_sees_the_rating_page_for_their_team(kind, user, web_client) -> None:  # noqa: ANN001
    response = web_client(user).get("/talent/identification/ratings/")
    assert response.status_code == 200
    assert (NAME in response.content.decode()) == (kind in {"line manager",
                                                            "manager's manager"})


def _writes_are_refused_outside_the_managers(talent_records, kind, user, web_client,  # noqa: F811
                                             api_client, people) -> None:  # noqa: ANN001
    if kind in MANAGERS:
        return
    api, web = api_client(user), web_client(user)
    r = talent_records
    writes = [
        ("post", f"/api/v1/talent/ratings/{r['rating']}/calibrate/",
         {"performance": 1, "potential": 1, "reason": "x"}),
        ("post", f"/api/v1/talent/pools/{r['pool']}/members/", {"person": people.a_staff2.pk}),
        ("delete", f"/api/v1/talent/pool-members/{r['membership']}/", None),
        ("patch", f"/api/v1/talent/pool-members/{r['membership']}/",
         {"review_on": None, "note": "x"}),
        ("post", f"/api/v1/talent/pool-members/{r['membership']}/actions/",
         {"description": "x"}),
        ("post", f"/api/v1/succession/posts/{r['post']}/successors/",
         {"person": people.a_staff2.pk, "readiness": "now"}),
        ("patch", f"/api/v1/succession/successors/{r['successor']}/",
         {"readiness": "3_plus_years"}),
        ("delete", f"/api/v1/succession/successors/{r['successor']}/", None),
        ("patch", f"/api/v1/talent/pool-actions/{r['action']}/", {"status": "done"}),
        ("patch", f"/api/v1/succession/posts/{r['post']}/",
         {"incumbent": None, "risk_of_loss": "low"}),
    ]
    for method, url, body in writes:
        response = getattr(api, method)(url, body, format="json")
        assert response.status_code in (403, 404), (kind, url)
    assert web.post(f"/talent/identification/ratings/{r['rating']}/",
                    {"performance": 1, "potential": 1, "reason": "x"}).status_code in (403, 404)
    assert web.post(f"/talent/pools/{r['pool']}/", {"action": "remove",
                                                   "membership": r["membership"]}
                    ).status_code in (403, 404)
    assert web.post(f"/talent/succession/{r['post']}/", {"action": "add", "readiness": "now",
                                                        "person": people.a_staff2.pk}
                    ).status_code in (403, 404)
    assert web.post(f"/talent/succession/{r['post']}/", {"action": "edit",
                                                        "risk_of_loss": "low"}
                    ).status_code in (403, 404)
    assert CriticalPost.objects.get(pk=r["post"]).risk_of_loss == "high"
    rating = TalentRating.objects.get(pk=r["rating"])
    assert rating.calibrated_at is None
    assert Successor.objects.get(pk=r["successor"]).readiness == "now"
    assert DevelopmentAction.objects.get(pk=r["action"]).status == "planned"


def test_visibility_of_ratings_pools_and_succession(talent_records, viewer, web_client,  # noqa: F811
                                                   api_client, people) -> None:  # noqa: ANN001
    """Every rule above for one kind of viewer (one set-up per viewer keeps this quick)."""
    kind, user = viewer
    _record_pages_endpoints_and_exports(talent_records, kind, user, web_client, api_client)
    _lists_show_the_subject_only_to_the_allowed(talent_records, kind, user, web_client,
                                                api_client)
    _the_person_sees_their_own_pool_memberships_only(kind, user, web_client, api_client)
    _only_the_chain_sees_the_rating_page_for_their_team(kind, user, web_client)
    _writes_are_refused_outside_the_managers(talent_records, kind, user, web_client,
                                             api_client, people)
