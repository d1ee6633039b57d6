"""Who sees what in mobility, for every page and endpoint: drafts, matches and moves are for
the organisations concerned and the central team; a move is also for the person moved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cadre.mobility import services
from cadre.mobility.models import MoveRequest, Vacancy
from cadre.mobility.tests.mobility_setup import draft_vacancy, mob, open_vacancy  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(mob):  # noqa: ANN001, ANN201, F811
    draft = draft_vacancy(mob, title="Secret draft")
    opened = open_vacancy(mob, title="Posted role")
    move = services.propose_move(actor=mob.a_hop, person=mob.people.b_staff,
                                 receiving=mob.org_a, vacancy=opened)
    return mob, draft, opened, move


def _pages(draft: Vacancy, opened: Vacancy, move: MoveRequest) -> dict[str, str]:
    return {
        "draft": reverse("mobility:vacancy", args=[draft.pk]),
        "draft-edit": reverse("mobility:vacancy-edit", args=[draft.pk]),
        "matches": reverse("mobility:vacancy-matches", args=[opened.pk]),
        "matches-export": reverse("mobility:vacancy-matches-export", args=[opened.pk]),
        "move": reverse("mobility:move", args=[move.pk]),
        "api-draft": reverse("api:vacancy-detail", args=[draft.pk]),
        "api-matches": reverse("api:vacancy-matches", args=[opened.pk]),
        "api-move": reverse("api:move-detail", args=[move.pk]),
    }


SECRET_WORDS = ("Secret draft", "Bstaff")


@pytest.mark.parametrize("who", ["b_hop", "analyst", "a_staff_user"])
def test_outsiders_get_nothing_about_drafts_matches_or_moves(world, who, web_client,
                                                             api_client):
    w, draft, opened, move = world
    user = getattr(w, who)
    web, api = web_client(user), api_client(user)
    pages = _pages(draft, opened, move)
    expected = {
        # b_hop releases b_staff, so may see the move; not A's draft or A's matches.
        "b_hop": {"draft": 404, "draft-edit": 404, "matches": 404, "matches-export": 404,
                  "move": 200,
                  "api-draft": 404, "api-matches": 404, "api-move": 200},
        "analyst": {"draft": 404, "draft-edit": 403, "matches": 403, "matches-export": 403,
                    "move": 403,
                    "api-draft": 404, "api-matches": 403, "api-move": 403},
        "a_staff_user": {"draft": 404, "draft-edit": 403, "matches": 403,
                         "matches-export": 403, "move": 404,
                         "api-draft": 404, "api-matches": 403, "api-move": 404},
    }[who]
    for name, url in pages.items():
        client = api if name.startswith("api") else web
        response = client.get(url)
        assert response.status_code == expected[name], (name, response.status_code)
        if response.status_code != 200:
            assert b"Bstaff" not in response.content and b"Secret draft" not in response.content
    # Lists: drafts and other people's moves never appear.
    for url in (reverse("mobility:vacancy-board"), reverse("api:vacancy-list")):
        body = (api if "api" in url else web).get(url).content
        assert b"Secret draft" not in body and b"Posted role" in body
    moves_web = web.get(reverse("mobility:moves"))
    moves_api = api.get(reverse("api:move-list"))
    if who == "b_hop":
        assert b"Bstaff" in moves_web.content and moves_api.json()["count"] == 1
    else:
        assert moves_web.status_code in (200, 403) and b"Bstaff" not in moves_web.content
        assert moves_api.status_code == 403 or moves_api.json()["results"] == []


def test_outsiders_cannot_act(world, web_client, api_client):
    w, draft, opened, move = world
    b = api_client(w.b_hop)
    assert b.post(reverse("api:vacancy-transition", args=[draft.pk, "open"])).status_code == 404
    assert b.patch(reverse("api:vacancy-detail", args=[opened.pk]), {"title": "Mine"},
                   format="json").status_code == 404
    assert b.post(reverse("api:move-transition", args=[move.pk, "agree-receiving"])
                  ).status_code == 403
    web = web_client(w.b_hop)
    assert web.post(reverse("mobility:vacancy", args=[opened.pk]),
                    {"action": "close"}).status_code == 403
    staff = api_client(w.b_staff_user)
    assert staff.post(reverse("api:move-transition", args=[move.pk, "cancel"]),
                      {"reason": "x"}).status_code == 403
    analyst = api_client(w.analyst)
    assert analyst.put(reverse("api:mobility-policy"), {"internal_days": 1},
                       format="json").status_code == 403
    draft.refresh_from_db()
    opened.refresh_from_db()
    move.refresh_from_db()
    assert draft.state == Vacancy.State.DRAFT and opened.state == Vacancy.State.OPEN
    assert opened.title == "Posted role" and move.state == MoveRequest.State.PROPOSED
    assert services.current_policy().internal_days == 28


def test_the_person_sees_their_own_move_but_not_matches(world, web_client, api_client):
    w, _, opened, move = world
    web, api = web_client(w.b_staff_user), api_client(w.b_staff_user)
    assert web.get(reverse("mobility:move", args=[move.pk])).status_code == 200
    assert api.get(reverse("api:move-detail", args=[move.pk])).json()["state"] == "proposed"
    assert [m["id"] for m in api.get(reverse("api:move-list")).json()["results"]] == [move.pk]
    assert b"DB to DA" in web.get(reverse("mobility:mobility-preference")).content
    assert web.get(reverse("mobility:vacancy-matches", args=[opened.pk])).status_code == 403


def test_hiring_head_and_central_see_named_matches(world, web_client, api_client):
    w, draft, opened, move = world
    for user in (w.a_hop, w.central):
        page = web_client(user).get(reverse("mobility:vacancy-matches", args=[opened.pk]))
        assert page.status_code == 200 and b"Bstaff" in page.content
        # b_head is not opted in: a count (suppressed below 5), never a name.
        assert b"Bhead" not in page.content and b"fewer than 5" in page.content
        export = web_client(user).get(reverse("mobility:vacancy-matches-export",
                                              args=[opened.pk]) + "?format=csv")
        assert b"Bstaff" in export.content and b"Bhead" not in export.content
        data = api_client(user).get(reverse("api:vacancy-matches", args=[opened.pk])).json()
        assert [r["person_id"] for r in data["results"]] == [w.people.b_staff.pk]
        assert web_client(user).get(reverse("mobility:vacancy", args=[draft.pk])).status_code \
            == 200


def test_anonymous_is_sent_to_sign_in(world, client):
    w, draft, opened, move = world
    for url in _pages(draft, opened, move).values():
        assert client.get(url).status_code in (302, 401, 403)
    assert client.get(reverse("mobility:vacancy-board")).status_code == 302


def test_duration_report_is_limited_to_visible_moves(world, web_client, api_client):
    w, _, _, move = world
    MoveRequest.objects.filter(pk=move.pk).update(
        state=MoveRequest.State.COMPLETED,
        completed_at=move.proposed_at + dt.timedelta(days=12))
    rows = api_client(w.a_hop).get(reverse("api:move-durations")).json()
    assert rows[0] == {"organisation": "All organisations", "moves": 1, "median_days": 12.0,
                       "mean_days": 12.0}
    other = api_client(w.central)
    assert other.get(reverse("api:move-durations")).json()[0]["moves"] == 1
    assert api_client(w.analyst).get(reverse("api:move-durations")).status_code == 403
    page = web_client(w.a_hop).get(reverse("mobility:move-durations"))
    assert page.status_code == 200 and b"12.0" in page.content


MOBILITY_PAGES = ["vacancy-board", "vacancies-managed", "vacancy-create", "vacancies-for-me",
                  "vacancy", "vacancy-edit", "vacancy-matches", "vacancy-matches-export",
                  "mobility-preference",
                  "mobility-policy", "moves", "move-durations", "move"]
MOBILITY_API = ["vacancy-list", "vacancies-for-me", "vacancy-detail", "vacancy-matches",
                "mobility-preference", "mobility-policy", "move-list", "move-durations",
                "move-detail"]


def _args(name: str, draft: Vacancy, move: MoveRequest) -> list[int]:
    if name in ("vacancy", "vacancy-edit", "vacancy-matches", "vacancy-matches-export",
                "vacancy-detail"):
        return [draft.pk]
    if name in ("move", "move-detail"):
        return [move.pk]
    return []


@pytest.mark.parametrize("who", ["analyst", "a_staff_user", "b_hop_of_c"])
def test_no_mobility_page_or_endpoint_leaks_to_outsiders(world, who, web_client, api_client,
                                                         make_account):
    """Every GET page and endpoint, for accounts outside the draft and the move: the draft's
    title and the moved person's name never appear."""
    from cadre.access.roles import Role
    from tests.factories import OrganisationFactory

    w, draft, _, move = world
    user = (make_account(Role.HEAD_OF_PROFESSION, OrganisationFactory(abbreviation="DC"))
            if who == "b_hop_of_c" else getattr(w, who))
    web, api = web_client(user), api_client(user)
    checked = 0
    for name in MOBILITY_PAGES:
        response = web.get(reverse(f"mobility:{name}", args=_args(name, draft, move)))
        assert response.status_code in (200, 403, 404), name
        assert b"Secret draft" not in response.content, name
        assert b"Bstaff" not in response.content, name
        checked += 1
    for name in MOBILITY_API:
        response = api.get(reverse(f"api:{name}", args=_args(name, draft, move)))
        assert response.status_code in (200, 403, 404), name
        assert b"Secret draft" not in response.content, name
        assert b"Bstaff" not in response.content, name
        checked += 1
    assert checked == len(MOBILITY_PAGES) + len(MOBILITY_API)
