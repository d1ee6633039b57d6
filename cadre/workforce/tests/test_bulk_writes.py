"""The bulk writes used by the extract import keep the same history as simple_history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cadre.core.bulk import (
    create_rows_with_history,
    create_with_history,
    update_rows,
    update_with_history,
)
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


def _tracked(history_row: object, model: type) -> dict[str, object]:
    """A history row's copy of the model's own fields."""
    return {f.attname: getattr(history_row, f.attname) for f in model._meta.concrete_fields}


def test_plain_rows_get_history_copied_by_the_database(org_a, make_account) -> None:
    """``create_rows_with_history`` and ``update_with_history`` write the history rows with
    one INSERT ... SELECT; they hold what simple_history's own save would have written."""
    actor = make_account()
    saved = Person(organisation=org_a, staff_number="R0", first_name="Ref", last_name="Erence",
                   email="ref@example.gov.uk", start_date=dt.date(2021, 3, 1))
    saved._history_user = actor
    saved.save()  # simple_history's own history row, to compare with
    rows = [{"organisation_id": org_a.pk, "staff_number": f"R{i}", "first_name": "Ref",
             "last_name": "Erence", "email": "ref@example.gov.uk",
             "start_date": dt.date(2021, 3, 1), "line_manager_id": saved.pk}
            for i in range(1, 4)]
    ids = create_rows_with_history(Person, rows, user=actor)
    assert len(ids) == 3 and len(set(ids)) == 3
    reference = _tracked(saved.history.get(), Person)
    for pk, row in zip(ids, rows, strict=True):
        person = Person.objects.get(pk=pk)
        assert person.staff_number == row["staff_number"]
        history = person.history.get()
        assert (history.history_type, history.history_user, history.history_change_reason) == (
            "+", actor, None)
        assert _tracked(history, Person) == _tracked(person, Person)
        assert {k: v for k, v in _tracked(history, Person).items()
                if k not in ("id", "staff_number", "line_manager_id", "created_at",
                             "updated_at")} == {
            k: v for k, v in reference.items()
            if k not in ("id", "staff_number", "line_manager_id", "created_at", "updated_at")}

    records = [WorkforceRecord(person_id=pk, day_rate=Decimal("300.25"), supplier="Acme")
               for pk in ids]
    create_with_history(records, WorkforceRecord, user=actor)
    people = list(Person.objects.filter(pk__in=ids).order_by("pk"))
    for person in people:
        person.job_title = f"Analyst {person.staff_number}"
    update_with_history(people, Person, ["job_title"], user=actor)
    for person in people:
        kinds = list(person.history.order_by("history_id").values_list(
            "history_type", "job_title", "history_user"))
        assert kinds == [("+", "", actor.pk), ("~", f"Analyst {person.staff_number}", actor.pk)]
    for record in records:
        record.day_rate = Decimal("310.00")
    update_with_history(records, WorkforceRecord, ["day_rate"], user=None)
    latest = WorkforceRecord.history.filter(person_id=ids[0]).order_by("-history_id").first()
    assert (latest.history_type, latest.day_rate, latest.supplier) == (
        "~", Decimal("310.00"), "Acme")


def test_update_rows_sets_values_by_key_and_writes_no_history(org_a) -> None:
    """``update_rows`` (one statement on PostgreSQL, executemany on SQLite) sets each row's
    values, NULLs, dates and decimals included, by the primary key or a unique column."""
    people = [Person.objects.create(organisation=org_a, staff_number=f"U{i}", first_name="A",
                                    last_name=f"B{i}", start_date=dt.date(2020, 1, 1))
              for i in range(3)]
    records = [WorkforceRecord.objects.create(person=p, supplier="Old", day_rate=Decimal("1"))
               for p in people]
    before = WorkforceRecord.history.count()
    get = WorkforceRecord._meta.get_field
    assert update_rows(WorkforceRecord, WorkforceRecord._meta.pk,
                       [get("day_rate"), get("supplier"), get("in_profession")],
                       [(Decimal("450.50"), "New", True, records[0].pk),
                        (None, "", None, records[2].pk)]) == 2
    assert update_rows(WorkforceRecord, get("person"), [get("fingerprint")],
                       [("f" * 32, people[1].pk)]) == 1
    got = {r.person_id: (r.day_rate, r.supplier, r.in_profession, r.fingerprint)
           for r in WorkforceRecord.objects.all()}
    assert got == {people[0].pk: (Decimal("450.50"), "New", True, ""),
                   people[1].pk: (Decimal("1.00"), "Old", None, "f" * 32),
                   people[2].pk: (None, "", None, "")}
    assert WorkforceRecord.history.count() == before
    person_fields = [Person._meta.get_field(n) for n in ("start_date", "line_manager")]
    update_rows(Person, Person._meta.pk, person_fields,
                [(dt.date(2021, 5, 6), people[0].pk, people[1].pk),
                 (None, None, people[2].pk)])
    people[1].refresh_from_db()
    people[2].refresh_from_db()
    assert (people[1].start_date, people[1].line_manager_id) == (dt.date(2021, 5, 6),
                                                                   people[0].pk)
    assert (people[2].start_date, people[2].line_manager_id) == (None, None)
