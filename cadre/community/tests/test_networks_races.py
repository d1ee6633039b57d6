# ruff: noqa: F811 - pytest fixtures imported from networks_fixtures are named as arguments
"""Races on PostgreSQL, each under the event's row lock: two people for the last place get
one place and one waiting-list place; one person registering twice at once gets one
registration and one 409; giving up a place while someone registers promotes exactly one;
two changes of an event at once give two sequence numbers, never one twice."""

from __future__ import annotations

import pytest

from cadre.community.models import CommunityEvent, Registration, RegistrationStatus
from cadre.community.services import networks as services
from cadre.community.tests.networks_fixtures import SYSTEM, world  # noqa: F401
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_people_for_the_last_place(world) -> None:  # noqa: ANN001
    services.register(actor=SYSTEM, event=world.event, person=world.lead_person)
    results = run_together([
        lambda: services.register(actor=SYSTEM, event=world.event.pk,
                                  person=world.member_person.pk),
        lambda: services.register(actor=SYSTEM, event=world.event.pk,
                                  person=world.other_person.pk),
    ])
    assert all(isinstance(r, Registration) for r in results), results
    statuses = sorted(r.status for r in results)
    assert statuses == [RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]
    assert Registration.objects.filter(event=world.event,
                                       status=RegistrationStatus.REGISTERED).count() == 2


def test_one_person_registering_twice_at_once(world) -> None:  # noqa: ANN001
    results = run_together([
        lambda: services.register(actor=SYSTEM, event=world.event.pk,
                                  person=world.member_person.pk),
        lambda: services.register(actor=SYSTEM, event=world.event.pk,
                                  person=world.member_person.pk),
    ])
    assert sum(isinstance(r, services.NetworkConflict) for r in results) == 1, results
    assert Registration.objects.filter(event=world.event).count() == 1


def test_giving_up_a_place_while_another_registers(world) -> None:  # noqa: ANN001
    services.register(actor=SYSTEM, event=world.event, person=world.lead_person)
    services.register(actor=SYSTEM, event=world.event, person=world.member_person)
    services.register(actor=SYSTEM, event=world.event, person=world.other_person)  # waiting
    results = run_together([
        lambda: services.cancel_registration(actor=SYSTEM, event=world.event.pk,
                                             person=world.member_person.pk),
        lambda: services.register(actor=SYSTEM, event=world.event.pk,
                                  person=world.outsider_person.pk),
    ])
    assert not any(isinstance(r, Exception) for r in results), results
    places = Registration.objects.filter(event=world.event,
                                         status=RegistrationStatus.REGISTERED)
    assert places.count() == 2
    assert places.filter(person=world.other_person).exists()  # the head of the list
    assert Registration.objects.get(event=world.event, person=world.outsider_person).status \
        == RegistrationStatus.WAITING


def test_two_changes_at_once_each_get_a_sequence(world) -> None:  # noqa: ANN001
    results = run_together([
        lambda: services.update_event(actor=SYSTEM, event=world.event.pk, location="Room A"),
        lambda: services.update_event(actor=SYSTEM, event=world.event.pk, location="Room B"),
    ])
    assert not any(isinstance(r, Exception) for r in results), results
    assert sorted(r.sequence for r in results) == [1, 2]
    assert CommunityEvent.objects.get(pk=world.event.pk).sequence == 2


def test_cancelling_twice_at_once_is_one_cancel_and_one_conflict(world) -> None:  # noqa: ANN001
    results = run_together([
        lambda: services.cancel_event(actor=SYSTEM, event=world.event.pk),
        lambda: services.cancel_event(actor=SYSTEM, event=world.event.pk),
    ])
    assert sum(isinstance(r, services.NetworkConflict) for r in results) == 1, results
    assert CommunityEvent.objects.get(pk=world.event.pk).sequence == 1
