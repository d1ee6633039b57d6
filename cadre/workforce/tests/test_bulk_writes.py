"""The bulk writes used by the extract import keep the same history as simple_history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cadre.core.bulk import create_with_history, update_with_history
from cadre.people.models import Person
from cadre.workforce.models import WorkforceRecord

pytestmark = pytest.mark.django_db


def test_created_and_updated_rows_each_get_one_history_row(org_a, make_account) -> None:
    actor = make_account()
    boss = Person(organisation=org_a, staff_number="B1", first_name="Bo", last_name="Ss",
                  start_date=dt.date(2020, 1, 31))
    create_with_history([boss], Person, user=actor)
    staff = [Person(organisation=org_a, staff_number=f"S{i}", first_name="Ann", last_name=f"L{i}",
                    line_manager_id=boss.pk) for i in range(3)]
    create_with_history(staff, Person, user=actor)
    assert all(p.pk for p in staff)
    assert list(Person.objects.filter(line_manager=boss).order_by("staff_number")
                .values_list("pk", flat=True)) == [p.pk for p in staff]
    first = boss.history.get()
    assert (first.history_type, first.history_user, first.staff_number, first.start_date) == (
        "+", actor, "B1", dt.date(2020, 1, 31))

    records = [WorkforceRecord(person=p, day_rate=Decimal("450.50")) for p in staff]
    create_with_history(records, WorkforceRecord, user=None)
    staff[0].job_title = "Data engineer"
    update_with_history([staff[0]], Person, ["job_title"], user=actor)
    assert Person.objects.get(pk=staff[0].pk).job_title == "Data engineer"
    changed = staff[0].history.order_by("history_id")
    assert [(h.history_type, h.job_title) for h in changed] == [("+", ""), ("~", "Data engineer")]
    assert WorkforceRecord.objects.get(person=staff[1]).history.get().day_rate == Decimal("450.50")
