"""Reserve list privacy, per URL name: outsiders get 403 or 404 and never a candidate's
name; recruiters of a similar campaign see an entry without the name until their
organisation makes an offer; internal candidates see only their own entries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.recruitment.models import ReserveEntryState, ReserveOfferState
from cadre.recruitment.tests.reserve_fixtures import offered, on_reserve, world  # noqa: F401

pytestmark = pytest.mark.django_db

NAME = "Priya Raman"


def _pages(entry, offer):  # noqa: ANN001, ANN202
    """(URL name, address, method) of every reserve page and endpoint on this entry."""
    return [
        ("recruitment:reserve", reverse("recruitment:reserve"), "get"),
        ("recruitment:reserve-add", reverse("recruitment:reserve-add"), "get"),
        ("recruitment:reserve-entry", reverse("recruitment:reserve-entry", args=[entry.pk]),
         "get"),
        ("recruitment:reserve-make-offer",
         reverse("recruitment:reserve-make-offer", args=[entry.pk]), "get"),
        ("recruitment:reserve-entry-withdraw",
         reverse("recruitment:reserve-entry-withdraw", args=[entry.pk]), "post"),
        ("recruitment:reserve-offer", reverse("recruitment:reserve-offer", args=[offer.pk]),
         "get"),
        ("recruitment:reserve-respond", reverse("recruitment:reserve-respond", args=[offer.pk]),
         "get"),
        ("recruitment:reserve-offer-withdraw",
         reverse("recruitment:reserve-offer-withdraw", args=[offer.pk]), "post"),
        ("api:recruitment-reserve", reverse("api:recruitment-reserve"), "get"),
        ("api:recruitment-reserve-entry",
         reverse("api:recruitment-reserve-entry", args=[entry.pk]), "get"),
        ("api:recruitment-reserve-targets",
         reverse("api:recruitment-reserve-targets", args=[entry.pk]), "get"),
        ("api:recruitment-reserve-offers",
         reverse("api:recruitment-reserve-offers", args=[entry.pk]), "get"),
        ("api:recruitment-reserve-withdraw",
         reverse("api:recruitment-reserve-withdraw", args=[entry.pk]), "post"),
        ("api:recruitment-reserve-offer",
         reverse("api:recruitment-reserve-offer", args=[offer.pk]), "get"),
        ("api:recruitment-reserve-respond",
         reverse("api:recruitment-reserve-respond", args=[offer.pk]), "post"),
        ("api:recruitment-reserve-offer-withdraw",
         reverse("api:recruitment-reserve-offer-withdraw", args=[offer.pk]), "post"),
        ("api:recruitment-reserve-expire", reverse("api:recruitment-reserve-expire"), "post"),
    ]


def _state_unchanged(entry, offer) -> None:  # noqa: ANN001
    entry.refresh_from_db()
    offer.refresh_from_db()
    assert entry.state == ReserveEntryState.OFFERED
    assert offer.state == ReserveOfferState.OFFERED


@pytest.mark.parametrize("who", ["nobody", "b_staff"])
def test_outsiders_get_nothing_from_any_reserve_url(world, who, web_client):  # noqa: F811, ANN001
    offer = offered(world)
    entry = offer.entry
    client = web_client(getattr(world, who))
    for name, url, method in _pages(entry, offer):
        response = getattr(client, method)(url, {"reason": "x", "answer": "accept"})
        text = response.content.decode()
        assert NAME not in text, name
        if name in ("recruitment:reserve", "api:recruitment-reserve"):
            assert response.status_code in (200, 403), name
            assert f"R{entry.pk}" not in text, name
        else:
            assert response.status_code in (403, 404), (name, response.status_code)
    _state_unchanged(entry, offer)


def test_a_recruiter_of_a_similar_campaign_sees_no_name_until_offering(world, web_client,  # noqa: F811, ANN001
                                                                         api_client):
    entry = on_reserve(world)
    hop_c = web_client(world.hop_c)
    listing = hop_c.get(reverse("recruitment:reserve")).content.decode()
    assert f"Reserve candidate R{entry.pk}" in listing and NAME not in listing
    page = hop_c.get(reverse("recruitment:reserve-entry", args=[entry.pk])).content.decode()
    assert NAME not in page and "priya@example.com" not in page
    api = api_client(world.hop_c).get(reverse("api:recruitment-reserve-entry",
                                              args=[entry.pk])).json()
    assert api["name_shown"] is False and NAME not in str(api)
    # an offer by another department does not reveal the name to C
    offer = offered(world, entry)
    for url in (reverse("recruitment:reserve-offer", args=[offer.pk]),
                reverse("api:recruitment-reserve-offer", args=[offer.pk]),
                reverse("api:recruitment-reserve-offers", args=[entry.pk])):
        assert NAME not in hop_c.get(url).content.decode(), url
    assert hop_c.get(reverse("recruitment:reserve-respond", args=[offer.pk])).status_code == 403
    assert hop_c.post(reverse("recruitment:reserve-offer-withdraw", args=[offer.pk]),
                      {"reason": "x"}).status_code == 403
    assert hop_c.post(reverse("recruitment:reserve-entry-withdraw", args=[entry.pk]),
                      {"reason": "x"}).status_code == 403
    assert api_client(world.hop_c).post(
        reverse("api:recruitment-reserve-respond", args=[offer.pk]),
        {"answer": "accept"}, format="json").status_code == 403
    assert api_client(world.hop_c).post(
        reverse("api:recruitment-reserve-offer-withdraw", args=[offer.pk]), {},
        format="json").status_code == 403
    assert api_client(world.hop_c).post(
        reverse("api:recruitment-reserve-withdraw", args=[entry.pk]), {},
        format="json").status_code == 403
    assert api_client(world.hop_c).post(reverse("api:recruitment-reserve-expire"), {},
                                        format="json").status_code == 403
    _state_unchanged(entry, offer)
    # B, which made the offer, sees the name
    hop_b = web_client(world.hop_b)
    assert NAME in hop_b.get(reverse("recruitment:reserve-entry", args=[entry.pk])
                             ).content.decode()


def test_a_recruiter_with_no_similar_role_sees_nothing(world, web_client, org_b):  # noqa: F811, ANN001
    from cadre.recruitment.models import Campaign

    entry = on_reserve(world)
    Campaign.objects.filter(organisation=world.org_c).update(state="closed")
    client = web_client(world.hop_c)
    assert client.get(reverse("recruitment:reserve-entry", args=[entry.pk])).status_code == 404
    assert client.get(reverse("recruitment:reserve-make-offer", args=[entry.pk])
                      ).status_code == 404
    assert f"R{entry.pk}" not in client.get(reverse("recruitment:reserve")).content.decode()
    assert client.get(reverse("recruitment:reserve-add")).status_code == 200
    assert NAME not in client.get(reverse("recruitment:reserve-add")).content.decode()


def test_an_internal_candidate_sees_only_their_own(world, web_client):  # noqa: F811, ANN001
    own = on_reserve(world, world.internal)
    other = on_reserve(world)
    staff = web_client(world.staff)
    listing = staff.get(reverse("recruitment:reserve")).content.decode()
    assert reverse("recruitment:reserve-entry", args=[own.pk]) in listing
    assert NAME not in listing
    assert staff.get(reverse("recruitment:reserve-entry", args=[other.pk])).status_code == 404
    assert staff.get(reverse("recruitment:reserve-add")).status_code == 403
    assert staff.get(reverse("recruitment:reserve-make-offer", args=[own.pk])
                     ).status_code == 403
