"""Reserve list pages: the list, adding, an entry, offering, answering and withdrawing, with
bad input answered by the error summary and a lost race by a 409."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.recruitment.models import (
    ApplicationState,
    ReserveEntry,
    ReserveEntryState,
    ReserveOfferState,
)
from cadre.recruitment.tests.reserve_fixtures import offered, on_reserve, world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_hub_links_to_the_reserve_list(world, web_client):  # noqa: F811, ANN001
    page = web_client(world.hop_a).get(reverse("recruitment:home")).content.decode()
    assert reverse("recruitment:reserve") in page
    assert reverse("recruitment:reserve-add") in page


def test_adding_a_candidate_from_the_page(world, web_client):  # noqa: F811, ANN001
    client = web_client(world.hop_a)
    page = client.get(reverse("recruitment:reserve-add"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Priya Raman" in text and "Sam Okafor" not in text  # no consent: not offered
    response = client.post(reverse("recruitment:reserve-add"),
                           {"application": world.ext.pk})
    entry = ReserveEntry.objects.get(application=world.ext)
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:reserve-entry", args=[entry.pk])
    listing = client.get(reverse("recruitment:reserve")).content.decode()
    assert "Priya Raman" in listing


def test_adding_an_application_not_on_the_list_is_named(world, web_client):  # noqa: F811, ANN001
    response = web_client(world.hop_a).post(reverse("recruitment:reserve-add"),
                                            {"application": world.no_consent.pk})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not ReserveEntry.objects.exists()


def test_offering_from_the_entry_page_then_answering(world, web_client):  # noqa: F811, ANN001
    entry = on_reserve(world)
    hop_b = web_client(world.hop_b)
    before = hop_b.get(reverse("recruitment:reserve-entry", args=[entry.pk])).content.decode()
    assert "Priya Raman" not in before and f"R{entry.pk}" in before
    assert reverse("recruitment:reserve-make-offer", args=[entry.pk]) in before
    form = hop_b.get(reverse("recruitment:reserve-make-offer", args=[entry.pk]))
    assert f"campaign:{world.target.pk}" in form.content.decode()
    assert f"campaign:{world.target_c.pk}" not in form.content.decode()
    made = hop_b.post(reverse("recruitment:reserve-make-offer", args=[entry.pk]),
                      {"target": f"campaign:{world.target.pk}", "note": "Welcome",
                       "version": entry.version})
    assert made.status_code == 302
    offer = entry.offers.get()
    after = hop_b.get(reverse("recruitment:reserve-entry", args=[entry.pk])).content.decode()
    assert "Priya Raman" in after
    page = hop_b.get(reverse("recruitment:reserve-offer", args=[offer.pk])).content.decode()
    assert reverse("recruitment:reserve-respond", args=[offer.pk]) in page
    answered = hop_b.post(reverse("recruitment:reserve-respond", args=[offer.pk]),
                          {"answer": "accept", "version": offer.version})
    assert answered.status_code == 302
    offer.refresh_from_db()
    assert offer.state == ReserveOfferState.ACCEPTED
    assert offer.placed_application.state == ApplicationState.APPOINTED


def test_bad_offer_input_keeps_the_page(world, web_client):  # noqa: F811, ANN001
    entry = on_reserve(world)
    response = web_client(world.hop_b).post(
        reverse("recruitment:reserve-make-offer", args=[entry.pk]),
        {"target": "campaign:424242", "note": "x" * 1001})
    assert response.status_code == 400
    text = response.content.decode()
    assert "govuk-error-summary" in text and "1000 characters or fewer" in text
    assert not entry.offers.exists()


def test_a_second_department_offering_a_stale_entry_gets_409(world, web_client):  # noqa: F811, ANN001
    entry = on_reserve(world)
    offered(world, entry)
    response = web_client(world.hop_c).post(
        reverse("recruitment:reserve-make-offer", args=[entry.pk]),
        {"target": f"campaign:{world.target_c.pk}", "version": entry.version})
    # the entry is offered now: no role to offer (403), or the race lost (409)
    assert response.status_code in (403, 409)


def test_the_race_lost_on_the_page_is_a_409(world, web_client):  # noqa: F811, ANN001
    entry = on_reserve(world)
    hop_b = web_client(world.hop_b)
    hop_b.get(reverse("recruitment:reserve-make-offer", args=[entry.pk]))
    response = hop_b.post(reverse("recruitment:reserve-make-offer", args=[entry.pk]),
                          {"target": f"campaign:{world.target.pk}",
                           "version": entry.version + 5})
    assert response.status_code == 409


def test_the_candidate_answers_and_withdraws(world, web_client):  # noqa: F811, ANN001
    entry = on_reserve(world, world.internal)
    offer = offered(world, entry)
    staff = web_client(world.staff)
    listing = staff.get(reverse("recruitment:reserve")).content.decode()
    assert reverse("recruitment:reserve-entry", args=[entry.pk]) in listing
    page = staff.get(reverse("recruitment:reserve-respond", args=[offer.pk]))
    assert "Your answer" in page.content.decode()
    bad = staff.post(reverse("recruitment:reserve-respond", args=[offer.pk]),
                     {"answer": "perhaps"})
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()
    staff.post(reverse("recruitment:reserve-respond", args=[offer.pk]),
               {"answer": "decline", "reason": "Staying put"})
    offer.refresh_from_db()
    assert offer.state == ReserveOfferState.DECLINED
    gone = staff.post(reverse("recruitment:reserve-entry-withdraw", args=[entry.pk]),
                      {"reason": "No longer looking"})
    assert gone.status_code == 302
    entry.refresh_from_db()
    assert entry.state == ReserveEntryState.WITHDRAWN


def test_the_target_withdraws_an_offer_from_its_page(world, web_client):  # noqa: F811, ANN001
    offer = offered(world)
    hop_b = web_client(world.hop_b)
    response = hop_b.post(reverse("recruitment:reserve-offer-withdraw", args=[offer.pk]),
                          {"reason": "Post filled", "version": offer.version})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.state == ReserveOfferState.WITHDRAWN
    bad = hop_b.post(reverse("recruitment:reserve-entry-withdraw", args=[offer.entry_id]),
                     {"reason": "x"})
    assert bad.status_code == 403


def test_the_list_filter_names_a_bad_state(world, web_client):  # noqa: F811, ANN001
    response = web_client(world.hub).get(reverse("recruitment:reserve") + "?state=nonsense")
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
