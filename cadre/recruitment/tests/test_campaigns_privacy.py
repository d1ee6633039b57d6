# ruff: noqa: F811 - pytest fixtures imported from campaigns_fixtures are named as arguments
"""Who may open each campaign page and endpoint, and what scoping hides.

- Signed out: nothing.
- Everyone signed in: the list and the public summary of open campaigns (no pay benchmark,
  no vacancy, no state actions); another organisation's drafts, sifts and so on are 404,
  on the pages and through the API, and missing from the lists.
- Heads of profession: every campaign of their organisations, to read and change; another
  organisation's open campaign only to read (403 to change it), its drafts not at all (404).
- The hub (central team): every campaign.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.recruitment.tests.campaigns_fixtures import (  # noqa: F401
    CLI,
    mob,
    new_campaign,
    opened,
    world,
)

pytestmark = pytest.mark.django_db

SECRET_DRAFT = "Secret draft role"
OPEN_ROLE = "Open data role"


@pytest.fixture
def campaigns(world):  # noqa: ANN001, ANN201
    """A's open campaign, A's draft and B's draft."""
    w = world
    return (opened(w, title=OPEN_ROLE), new_campaign(w, title=SECRET_DRAFT),
            new_campaign(w, organisation=w.org_b, title="B draft role"))


def _pages(open_, draft) -> dict[str, tuple[str, str]]:  # noqa: ANN001
    """URL name -> (address of A's draft or the open campaign, method)."""
    criterion = draft.criteria.first().pk
    return {
        "recruitment:campaigns": (reverse("recruitment:campaigns"), "get"),
        "recruitment:campaign": (reverse("recruitment:campaign", args=[draft.pk]), "get"),
        "recruitment:campaign-create": (reverse("recruitment:campaign-create"), "get"),
        "recruitment:campaign-edit": (reverse("recruitment:campaign-edit", args=[draft.pk]),
                                      "get"),
        "recruitment:campaign-criteria": (reverse("recruitment:campaign-criteria",
                                                  args=[draft.pk]), "get"),
        "recruitment:campaign-criterion-edit": (reverse("recruitment:campaign-criterion-edit",
                                                        args=[criterion]), "get"),
        "recruitment:campaign-criterion-remove": (
            reverse("recruitment:campaign-criterion-remove", args=[criterion]), "post"),
        "recruitment:campaign-transition": (reverse("recruitment:campaign-transition",
                                                    args=[draft.pk]), "post"),
        "api:recruitment-campaigns": (reverse("api:recruitment-campaigns"), "get"),
        "api:recruitment-campaign": (reverse("api:recruitment-campaign", args=[draft.pk]),
                                     "get"),
        "api:recruitment-campaign-criteria": (reverse("api:recruitment-campaign-criteria",
                                                      args=[draft.pk]), "get"),
        "api:recruitment-campaign-transition": (reverse("api:recruitment-campaign-transition",
                                                        args=[draft.pk]), "post"),
        "api:recruitment-criterion": (reverse("api:recruitment-criterion", args=[criterion]),
                                      "patch"),
    }


def _call(client, url: str, method: str):  # noqa: ANN001, ANN202
    if method == "post":
        return client.post(url, {"to": "cancelled", "reason": "No", "version": "1"})
    if method == "patch":
        return client.patch(url, {"text": "Changed"}, format="json")
    return client.get(url)


def test_signed_out_visitors_get_nothing(campaigns, client) -> None:  # noqa: ANN001
    open_, draft, _ = campaigns
    for name, (url, method) in _pages(open_, draft).items():
        response = _call(client, url, method)
        assert response.status_code in (302, 401, 403), (name, response.status_code)
        assert SECRET_DRAFT.encode() not in response.content


@pytest.mark.parametrize("who", ["a_staff_user", "analyst"])
def test_people_who_do_not_recruit_see_only_open_campaigns(campaigns, world, who, web_client,
                                                           api_client) -> None:  # noqa: ANN001
    open_, draft, other = campaigns
    user = getattr(world.mob, who)
    web, api = web_client(user), api_client(user)
    expected = {"recruitment:campaigns": 200, "api:recruitment-campaigns": 200,
                "recruitment:campaign": 404, "api:recruitment-campaign": 404,
                "api:recruitment-campaign-criteria": 404}
    for name, (url, method) in _pages(open_, draft).items():
        client = api if name.startswith("api:") else web
        response = _call(client, url, method)
        assert response.status_code == expected.get(name, 403), (name, response.status_code)
        assert SECRET_DRAFT.encode() not in response.content, name
        assert b"B draft role" not in response.content, name
    page = web.get(reverse("recruitment:campaign", args=[open_.pk])).content.decode()
    assert OPEN_ROLE in page and "Presents a plan" in page
    assert "Move the campaign on" not in page and "From the vacancy" not in page
    listing = web.get(reverse("recruitment:campaigns")).content.decode()
    assert OPEN_ROLE in listing and SECRET_DRAFT not in listing
    rows = api.get(reverse("api:recruitment-campaigns")).json()["results"]
    assert [r["title"] for r in rows] == [OPEN_ROLE] and rows[0]["may_manage"] is False
    detail = api.get(reverse("api:recruitment-campaign", args=[open_.pk])).json()
    assert detail["pay_benchmark"] is None
    assert api.get(reverse("api:recruitment-campaign-criteria",
                           args=[other.pk])).status_code == 404


def test_another_organisations_head_reads_its_open_campaign_and_nothing_else(
        campaigns, world, web_client, api_client) -> None:  # noqa: ANN001
    open_, draft, own = campaigns
    head = world.mob.b_hop
    web, api = web_client(head), api_client(head)
    # A's draft: not found, page and API alike.
    for name, (url, method) in _pages(open_, draft).items():
        client = api if name.startswith("api:") else web
        response = _call(client, url, method)
        assert SECRET_DRAFT.encode() not in response.content, name
        if name in ("recruitment:campaigns", "api:recruitment-campaigns",
                    "recruitment:campaign-create"):
            assert response.status_code == 200, name
        else:
            assert response.status_code == 404, (name, response.status_code)
    # A's open campaign: read only.
    for name, (url, method) in _pages(draft, open_).items():
        client = api if name.startswith("api:") else web
        response = _call(client, url, method)
        reads = name in ("recruitment:campaigns", "recruitment:campaign",
                         "recruitment:campaign-create", "api:recruitment-campaigns",
                         "api:recruitment-campaign", "api:recruitment-campaign-criteria")
        assert response.status_code == (200 if reads else 403), (name, response.status_code)
    listing = web.get(reverse("recruitment:campaigns")).content.decode()
    assert OPEN_ROLE in listing and "B draft role" in listing and SECRET_DRAFT not in listing
    # Its own draft: everything.
    assert web.get(reverse("recruitment:campaign-edit", args=[own.pk])).status_code == 200
    page = web.get(reverse("recruitment:campaign-create")).content.decode()
    assert "Department B" in page and "Department A" not in page
    assert api.post(reverse("api:recruitment-campaigns"),
                    {"organisation": "DA", "title": "X", "role_level": world.role_level.pk,
                     "grade": "G6", "location": "Leeds", "closing_date": "2099-01-01"},
                    format="json").status_code == 403


def test_the_campaigns_own_head_and_the_hub_open_everything(campaigns, world, web_client,
                                                            api_client) -> None:  # noqa: ANN001
    open_, draft, other = campaigns
    for user in (world.mob.a_hop, world.mob.central):
        web, api = web_client(user), api_client(user)
        for name, (url, method) in _pages(open_, draft).items():
            if method != "get":
                continue
            client = api if name.startswith("api:") else web
            assert client.get(url).status_code == 200, name
        assert web.get(reverse("recruitment:campaign", args=[draft.pk])).content.decode(
            ).count(SECRET_DRAFT) >= 1
    head = web_client(world.mob.a_hop)
    assert head.get(reverse("recruitment:campaign", args=[other.pk])).status_code == 404
    hub = web_client(world.mob.central)
    assert hub.get(reverse("recruitment:campaign", args=[other.pk])).status_code == 200
