"""Reserve list services: who adds, offers, answers and withdraws, what is refused and why,
one live offer per entry, and placement without a second assessment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict
from cadre.mobility.models import Vacancy
from cadre.recruitment import reserve_match
from cadre.recruitment.models import (
    RESERVE_MONTHS,
    Application,
    ApplicationState,
    ReserveEntryState,
    ReserveOfferState,
)
from cadre.recruitment.selectors import reserve as sel
from cadre.recruitment.services import reserve as services
from cadre.recruitment.tests.reserve_fixtures import (  # noqa: F401
    CLI,
    found,
    offered,
    on_reserve,
    world,
)

pytestmark = pytest.mark.django_db


def _user(user):  # noqa: ANN001, ANN202
    return Actor.for_user(user)


def test_the_source_recruiters_add_a_consenting_appointable_candidate(world):  # noqa: F811
    entry = services.add_to_reserve(actor=_user(world.hop_a), application_id=world.ext.pk)
    assert entry.state == ReserveEntryState.ACTIVE
    assert entry.role_level == world.levels["senior"]
    assert entry.decided_on == timezone.localdate()
    assert entry.expires_on == reserve_match.expires_on(entry.decided_on, RESERVE_MONTHS)
    assert RESERVE_MONTHS == 12
    assert AuditEvent.objects.filter(target_id=str(entry.pk),
                                     action=AuditEvent.Action.RECORD_CREATED).exists()


@pytest.mark.parametrize("who", ["hop_b", "staff", "nobody"])
def test_others_may_not_add(world, who):  # noqa: F811, ANN001
    with pytest.raises(PermissionDenied):
        services.add_to_reserve(actor=_user(getattr(world, who)), application_id=world.ext.pk)


def test_refused_without_consent_naming_why(world):  # noqa: F811
    with pytest.raises(ValidationError) as caught:
        services.add_to_reserve(actor=CLI, application_id=world.no_consent.pk)
    assert "reserve_consent" in caught.value.message_dict
    assert "not agreed" in caught.value.message_dict["reserve_consent"][0]


def test_refused_when_not_appointable(world):  # noqa: F811
    with pytest.raises(ValidationError) as caught:
        services.add_to_reserve(actor=CLI, application_id=world.not_appointable.pk)
    assert "Not appointable" in caught.value.message_dict["application"][0]


def test_refused_when_appointed_twice_or_too_old(world):  # noqa: F811
    found(world.ext, ApplicationState.APPOINTED)
    with pytest.raises(ValidationError, match="was appointed"):
        services.add_to_reserve(actor=CLI, application_id=world.ext.pk)
    on_reserve(world, world.internal)
    with pytest.raises(ValidationError, match="already on the reserve list"):
        on_reserve(world, world.internal)
    old = timezone.localdate() - dt.timedelta(days=400)
    found(world.no_consent, decided=old)
    Application.objects.filter(pk=world.no_consent.pk).update(reserve_consent=True,
                                                              reserve_consent_on=old)
    with pytest.raises(ValidationError, match="too long ago"):
        services.add_to_reserve(actor=CLI, application_id=world.no_consent.pk)
    with pytest.raises(ValidationError, match="no application"):
        services.add_to_reserve(actor=CLI, application_id=999999)


def test_similar_targets_same_family_one_step_other_organisation(world):  # noqa: F811
    external = on_reserve(world)
    keys = [t.key for t in sel.similar_targets(CLI, external)]
    assert f"campaign:{world.target.pk}" in keys
    assert f"campaign:{world.target_c.pk}" in keys
    assert f"campaign:{world.too_senior.pk}" not in keys
    assert f"campaign:{world.other_family.pk}" not in keys
    assert f"campaign:{world.source.pk}" not in keys
    # an external candidate is offered campaigns only; an internal one vacancies too
    assert f"vacancy:{world.vacancy.pk}" not in keys
    internal = on_reserve(world, world.internal)
    assert f"vacancy:{world.vacancy.pk}" in [t.key for t in sel.similar_targets(CLI, internal)]
    only_b = sel.similar_targets(world.hop_b, external, offerable_only=True)
    assert {t.organisation_id for t in only_b} == {world.org_b.pk}


def test_offer_by_the_target_recruiters_and_no_second_live_offer(world):  # noqa: F811
    entry = on_reserve(world)
    offer = services.make_offer(actor=_user(world.hop_b), entry_id=entry.pk,
                                target=f"campaign:{world.target.pk}", note="Start in May",
                                version=entry.version)
    entry.refresh_from_db()
    assert entry.state == ReserveEntryState.OFFERED
    assert offer.state == ReserveOfferState.OFFERED and offer.note == "Start in May"
    with pytest.raises(TransitionConflict):
        services.make_offer(actor=_user(world.hop_c), entry_id=entry.pk,
                            target=f"campaign:{world.target_c.pk}")


def test_offer_refusals(world):  # noqa: F811
    entry = on_reserve(world)
    with pytest.raises(PermissionDenied):
        services.make_offer(actor=_user(world.hop_c), entry_id=entry.pk, target=world.target)
    with pytest.raises(ValidationError, match="not similar enough"):
        services.make_offer(actor=CLI, entry_id=entry.pk, target=world.too_senior)
    with pytest.raises(ValidationError, match="other organisations"):
        services.make_offer(actor=CLI, entry_id=entry.pk, target=world.source)
    with pytest.raises(ValidationError, match="from outside"):
        services.make_offer(actor=CLI, entry_id=entry.pk, target=world.vacancy)
    with pytest.raises(ValidationError, match="campaign:ID"):
        services.make_offer(actor=CLI, entry_id=entry.pk, target="nonsense")
    with pytest.raises(TransitionConflict, match="changed since you read it"):
        services.make_offer(actor=CLI, entry_id=entry.pk, target=world.target, version=99)
    with pytest.raises(ValidationError, match="ended on"):
        services.make_offer(actor=CLI, entry_id=entry.pk, target=world.target,
                            today=entry.expires_on + dt.timedelta(days=1))
    entry.refresh_from_db()
    assert entry.state == ReserveEntryState.ACTIVE and not entry.offers.exists()


def test_accepting_a_campaign_appoints_without_a_second_assessment(world):  # noqa: F811
    offer = offered(world)
    answered = services.respond(actor=_user(world.hop_b), offer_id=offer.pk, answer="accept",
                                version=offer.version)
    assert answered.state == ReserveOfferState.ACCEPTED
    new = answered.placed_application
    assert new.campaign == world.target and new.from_reserve
    assert new.state == ApplicationState.APPOINTED
    assert new.candidate.name == "Priya Raman" and new.candidate.pk != world.ext.candidate_id
    assert not new.evidence.exists()
    states = list(new.history.order_by("history_id").values_list("state", flat=True))
    assert states[-2:] == [ApplicationState.OFFERED, ApplicationState.APPOINTED]
    assert new.decided_at is not None
    assert ApplicationState.SIFTED_IN not in states and ApplicationState.INTERVIEWED not in states
    offer.entry.refresh_from_db()
    assert offer.entry.state == ReserveEntryState.PLACED


def test_the_internal_candidate_accepts_a_vacancy_which_mobility_fills(world):  # noqa: F811
    entry = on_reserve(world, world.internal)
    offer = services.make_offer(actor=_user(world.hop_b), entry_id=entry.pk,
                                target=world.vacancy)
    services.respond(actor=_user(world.staff), offer_id=offer.pk, answer="accept")
    world.vacancy.refresh_from_db()
    assert world.vacancy.state == Vacancy.State.FILLED
    assert world.vacancy.filled_by == world.people.a_staff1


def test_the_candidate_accepts_a_campaign_themselves(world):  # noqa: F811
    entry = on_reserve(world, world.internal)
    offer = offered(world, entry)
    answered = services.respond(actor=_user(world.staff), offer_id=offer.pk, answer="accept")
    assert answered.placed_application.state == ApplicationState.APPOINTED
    assert answered.placed_application.candidate.person == world.people.a_staff1


def test_declining_puts_the_entry_back_and_another_may_offer(world):  # noqa: F811
    offer = offered(world)
    with pytest.raises(PermissionDenied):
        services.respond(actor=_user(world.hop_c), offer_id=offer.pk, answer="decline")
    with pytest.raises(PermissionDenied):
        services.respond(actor=_user(world.staff), offer_id=offer.pk, answer="decline")
    services.respond(actor=_user(world.hop_b), offer_id=offer.pk, answer="decline",
                     reason="Prefers Leeds")
    offer.refresh_from_db()
    assert offer.state == ReserveOfferState.DECLINED and offer.reason == "Prefers Leeds"
    assert offer.entry.state == ReserveEntryState.ACTIVE
    second = services.make_offer(actor=_user(world.hop_c), entry_id=offer.entry_id,
                                 target=world.target_c)
    assert second.state == ReserveOfferState.OFFERED
    with pytest.raises(TransitionConflict):
        services.respond(actor=CLI, offer_id=offer.pk, answer="accept")
    with pytest.raises(ValidationError) as caught:
        services.respond(actor=CLI, offer_id=second.pk, answer="maybe")
    assert "answer" in caught.value.message_dict


def test_withdrawing_an_offer_and_an_entry(world):  # noqa: F811
    offer = offered(world)
    with pytest.raises(PermissionDenied):
        services.withdraw_offer(actor=_user(world.hop_a), offer_id=offer.pk)
    services.withdraw_offer(actor=_user(world.hop_b), offer_id=offer.pk, reason="Filled")
    offer.refresh_from_db()
    assert offer.state == ReserveOfferState.WITHDRAWN
    again = offered(world, offer.entry)
    with pytest.raises(PermissionDenied):
        services.withdraw_entry(actor=_user(world.hop_b), entry_id=offer.entry_id)
    entry = services.withdraw_entry(actor=_user(world.hub), entry_id=offer.entry_id,
                                    reason="Asked to be removed")
    again.refresh_from_db()
    assert entry.state == ReserveEntryState.WITHDRAWN
    assert again.state == ReserveOfferState.WITHDRAWN


def test_the_internal_candidate_withdraws_their_own_entry(world):  # noqa: F811
    entry = on_reserve(world, world.internal)
    with pytest.raises(PermissionDenied):
        services.withdraw_entry(actor=_user(world.b_staff), entry_id=entry.pk)
    services.withdraw_entry(actor=_user(world.staff), entry_id=entry.pk,
                            version=entry.version)
    entry.refresh_from_db()
    assert entry.state == ReserveEntryState.WITHDRAWN


def test_every_step_is_audited_as_a_transition(world):  # noqa: F811
    offer = offered(world)
    services.respond(actor=CLI, offer_id=offer.pk, answer="decline")
    steps = AuditEvent.objects.filter(action="transition",
                                      summary__startswith="Reserve list").count()
    assert steps == 3  # entry offered, offer declined, entry released
