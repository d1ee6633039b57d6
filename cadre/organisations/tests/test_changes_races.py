"""Races on PostgreSQL: the same change, former name or closed organisation sent twice at
once gives one record and one clear refusal (a ValidationError), never a duplicate or a
database error."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cadre.core.actor import Actor
from cadre.organisations import services
from cadre.organisations.models import Organisation, OrganisationChange, OrganisationName
from cadre.organisations.tests.changes_fixtures import org
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]
CLI = Actor.command_line("race")


def _one_made_one_refused(results: list) -> None:
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert sum(not isinstance(r, Exception) for r in results) == 1, results


def test_the_same_change_twice_at_once() -> None:
    a, b = org("A"), org("B")
    _one_made_one_refused(run_together([
        lambda: services.record_change(actor=CLI, kind="merger", date=dt.date(2020, 9, 2),
                                       predecessor=a, successor=b),
    ] * 2))
    assert OrganisationChange.objects.count() == 1


def test_the_same_closure_twice_at_once() -> None:
    a = org("A")
    _one_made_one_refused(run_together([
        lambda: services.record_change(actor=CLI, kind="closure", date=dt.date(2020, 1, 31),
                                       predecessor=a),
    ] * 2))
    assert OrganisationChange.objects.count() == 1


def test_the_same_former_name_twice_at_once() -> None:
    a = org("A")
    _one_made_one_refused(run_together([
        lambda: services.add_former_name(actor=CLI, organisation=a, name="Old A"),
    ] * 2))
    assert OrganisationName.objects.count() == 1


def test_the_same_closed_organisation_twice_at_once() -> None:
    _one_made_one_refused(run_together([
        lambda: services.create_closed_organisation(actor=CLI, name="Old Department"),
    ] * 2))
    assert Organisation.objects.filter(name="Old Department").count() == 1
