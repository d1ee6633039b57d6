# ruff: noqa: F811 - pytest fixtures imported from reserve_fixtures are named as arguments
"""Review fix: an offer from the reserve list cannot be accepted once the candidate's own
application has moved on (appointed in their own campaign, withdrawn, consent taken back)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cadre.recruitment.models import (
    Application,
    ApplicationState,
    ReserveEntryState,
    ReserveOfferState,
)
from cadre.recruitment.services import applications as application_services
from cadre.recruitment.services import reserve as services
from cadre.recruitment.tests.reserve_fixtures import CLI, offered, world  # noqa: F401

pytestmark = pytest.mark.django_db


def _refused(w, offer) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as caught:
        services.respond(actor=CLI, offer_id=offer.pk, answer="accept")
    assert "answer" in caught.value.message_dict
    offer.refresh_from_db()
    assert offer.state == ReserveOfferState.OFFERED
    assert offer.entry.state == ReserveEntryState.OFFERED
    assert not Application.objects.filter(campaign=w.target).exists()


def test_not_accepted_after_appointment_in_the_own_campaign(world) -> None:  # noqa: ANN001
    offer = offered(world)
    for to in (ApplicationState.OFFERED, ApplicationState.APPOINTED):
        application_services.transition(actor=CLI, application_id=world.ext.pk, to=to)
    _refused(world, offer)


def test_not_accepted_after_the_consent_is_taken_back(world) -> None:  # noqa: ANN001
    offer = offered(world)
    application_services.set_reserve_consent(actor=CLI, application_id=world.ext.pk,
                                             consent=False)
    _refused(world, offer)


def test_still_accepted_while_the_application_is_unchanged(world) -> None:  # noqa: ANN001
    offer = services.respond(actor=CLI, offer_id=offered(world).pk, answer="accept")
    assert offer.state == ReserveOfferState.ACCEPTED
    assert Application.objects.get(campaign=world.target).state == ApplicationState.APPOINTED
