"""Organisation.objects.open() and open_or(): closed organisations in choices and tables."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.organisations.models import Organisation
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 6, 1)


def test_open_on_a_day_counts_its_first_and_last_days() -> None:
    always = OrganisationFactory(abbreviation="ALW")
    closed = OrganisationFactory(abbreviation="CLO", active_to=dt.date(2016, 7, 14))
    last_day = OrganisationFactory(abbreviation="LST", active_to=DAY)
    first_day = OrganisationFactory(abbreviation="FST", active_from=DAY)
    future = OrganisationFactory(abbreviation="FUT", active_from=DAY + dt.timedelta(days=1))
    open_ids = set(Organisation.objects.open(DAY).values_list("pk", flat=True))
    assert open_ids == {always.pk, last_day.pk, first_day.pk}
    assert closed.pk not in open_ids and future.pk not in open_ids
    assert closed.is_closed(DAY) and not last_day.is_closed(DAY)


def test_open_or_keeps_a_closed_organisation_with_records_only() -> None:
    open_org = OrganisationFactory(abbreviation="OPN")
    empty = OrganisationFactory(abbreviation="EMP", active_to=dt.date(2016, 7, 14))
    with_people = OrganisationFactory(abbreviation="PPL", active_to=dt.date(2016, 7, 14))
    PersonFactory(organisation=with_people)
    from cadre.people.models import Person

    listed = set(Organisation.objects.open_or(Person.objects.values("organisation_id"))
                 .values_list("abbreviation", flat=True))
    assert {"OPN", "PPL"} <= listed and "EMP" not in listed
    # A plain list of ids (an edited record's organisation), with None ignored.
    kept = set(Organisation.objects.open_or([empty.pk, None]).values_list("pk", flat=True))
    assert {open_org.pk, empty.pk} <= kept and with_people.pk not in kept
