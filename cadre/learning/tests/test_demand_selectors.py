"""Needs counted through the selectors on a small hand-worked data set: plans, gaps, one
person counted once per skill, leavers left out; queries flat as people grow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.assessments.models import Activity, Source
from cadre.learning import demand as calc
from cadre.learning.selectors import demand as sel
from cadre.learning.tests.demand_fixtures import (
    assess,
    build_world,
    objective,
    person_with_role,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 5)
Q1_27 = calc.quarter_of(dt.date(2027, 1, 1))
Q3_27 = calc.quarter_of(dt.date(2027, 7, 1))


def _hand_worked():  # noqa: ANN202
    w = build_world(people_a=0, people_b=2)
    a = [person_with_role(w.org_a, w.role_level) for _ in range(6)]
    # a1: design validated at 3 (no gap); data agreed at 1, self-assessed at 2 (self does
    # not count): a data gap.
    assess(a[0], w.design, w.levels[3], Source.VALIDATED)
    assess(a[0], w.data, w.levels[1], Source.MANAGER)
    assess(a[0], w.data, w.levels[2], Source.SELF, dt.date(2026, 6, 1))
    # a2: an objective for design at 4 (no activities yet): counted once, at 4 in Q1 2027.
    objective(a[1], w.design, w.levels[4], dt.date(2027, 2, 10))
    # a3: a design objective whose activities are all done: the gap counts instead.
    objective(a[2], w.design, w.levels[3], dt.date(2027, 5, 1),
              (Activity.Status.DONE, Activity.Status.DONE))
    # a4: two data objectives: the higher (3, September 2027) counts, once.
    objective(a[3], w.data, w.levels[2], dt.date(2027, 8, 1), (Activity.Status.IN_PROGRESS,))
    objective(a[3], w.data, w.levels[3], dt.date(2027, 9, 1),
              (Activity.Status.DONE, Activity.Status.PLANNED))
    # a5: has left: not counted.
    a[4].end_date = dt.date(2026, 1, 31)
    a[4].save()
    # a6: validated at 2, agreed at 4 later: validated counts, a design gap.
    assess(a[5], w.design, w.levels[2], Source.VALIDATED, dt.date(2025, 1, 1))
    assess(a[5], w.design, w.levels[4], Source.MANAGER, dt.date(2026, 5, 1))
    # a7: no role level, one objective.
    a7 = PersonFactory(organisation=w.org_a)
    objective(a7, w.other, w.levels[1], dt.date(2027, 1, 15))
    return w


def test_hand_worked_counts() -> None:
    w = _hand_worked()
    A, B = w.org_a.pk, w.org_b.pk  # noqa: N806
    counts = calc.count_needs(sel.need_rows(TODAY))
    assert counts == {
        (A, w.design.pk, 3, None): 3,
        (A, w.design.pk, 4, Q1_27): 1,
        (A, w.data.pk, 2, None): 4,
        (A, w.data.pk, 3, Q3_27): 1,
        (A, w.other.pk, 1, Q1_27): 1,
        (B, w.design.pk, 3, None): 2,
        (B, w.data.pk, 2, None): 2,
    }


def test_a_leaving_date_to_come_is_current() -> None:
    w = build_world(people_a=1, people_b=0)
    person = w.org_a.people.get()
    person.end_date = TODAY + dt.timedelta(days=10)
    person.save()
    assert sum(r[4] for r in sel.need_rows(TODAY)) == 2


def test_view_filters_and_products() -> None:
    w = build_world(people_a=6, people_b=2)
    table = sel.government_table(TODAY)
    view = sel.demand_view(sel.Filters(organisation=w.org_a), table=table)
    assert {(r.skill, r.level, r.total) for r in view.rows} == {
        ("Service design", "Practitioner", 6), ("Data analysis", "Working", 6)}
    design = next(r for r in view.rows if r.skill == "Service design")
    # The lowest sufficient level first (Practitioner course at 900 before the Expert one).
    assert [p.title for p in design.products] == ["Service design practice",
                                                  "Service design mastery"]
    data = next(r for r in view.rows if r.skill == "Data analysis")
    assert data.products == []
    # Organisation B's rows are 2 each: hidden as small, and the quarter total is shown.
    whole = sel.demand_view(sel.Filters(), table=table)
    b_rows = [r for r in whole.rows if r.abbreviation == "DBETA"]
    assert all(r.total == "fewer than 5" for r in b_rows)
    assert whole.grand_total == 16


def test_family_filter_and_quarters() -> None:
    w = _hand_worked()
    filters = sel.parse_filters(family=str(w.family.pk), quarter_from="2027-Q1",
                                quarter_to="2027-Q2")
    view = sel.demand_view(filters, on=TODAY)
    assert {r.skill for r in view.rows} == {"Service design", "Data analysis"}
    assert [label for _k, label in view.quarters] == ["January to March 2027", "No date set"]


@pytest.mark.parametrize("raw, field", [
    ({"organisation": "NOPE"}, "organisation"),
    ({"family": "abc"}, "family"),
    ({"quarter_from": "2027-Q5"}, "quarter_from"),
    ({"quarter_to": "1999-Q1"}, "quarter_to"),
    ({"quarter_from": "2027-Q3", "quarter_to": "2027-Q1"}, "quarter_to"),
])
def test_bad_filters_name_the_field(raw, field) -> None:  # noqa: ANN001
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        sel.parse_filters(**raw)
    assert field in caught.value.message_dict


def test_pack_prices_and_estimates() -> None:
    w = build_world(people_a=6, people_b=2)
    pack = sel.demand_pack(w.lot, contracts=sel.all_contracts(), on=TODAY)
    rows = {(p.row.abbreviation, p.row.skill): p for p in pack.rows}
    assert set(rows) == {("DALPHA", "Service design"), ("DBETA", "Service design")}
    a = rows[("DALPHA", "Service design")]
    assert a.product.title == "Service design practice"
    assert a.product.price == Decimal("700.00") and a.product.basis == sel.CONTRACTED_PRICE
    assert a.estimate == Decimal("4200.00")
    b = rows[("DBETA", "Service design")]
    assert b.row.total == "fewer than 5" and b.estimate == "[c]"
    assert pack.estimate_shown == Decimal("4200.00")
    # Without sight of the contract: list prices, and the cheaper Expert course is second.
    pack = sel.demand_pack(w.lot, contracts=sel.all_contracts().none(), on=TODAY)
    a = next(p for p in pack.rows if p.row.abbreviation == "DALPHA")
    assert a.product.basis == sel.LIST_PRICE and a.product.price == Decimal("900.00")
    assert a.on_lot is True


def test_expired_contract_gives_list_price_on_the_lot() -> None:
    w = build_world(people_a=6, people_b=0)
    w.contract.ends_on = dt.date(2026, 1, 1)
    w.contract.save()
    pack = sel.demand_pack(w.lot, contracts=sel.all_contracts(), on=TODAY)
    a = pack.rows[0]
    assert a.on_lot and a.product.basis == sel.LIST_PRICE and a.estimate == Decimal("5400.00")


def _queries(people: int) -> int:
    from cadre.learning.models import Lot

    w = build_world(people_a=people, people_b=people) if not Lot.objects.exists() else None
    if w is None:
        from cadre.framework.models import RoleLevel
        from cadre.organisations.models import Organisation

        level = RoleLevel.objects.get()
        for org in Organisation.objects.all():
            for _ in range(people):
                person_with_role(org, level)
    lot = Lot.objects.get()
    with CaptureQueriesContext(connection) as ctx:
        sel.demand_view(sel.Filters())
        sel.demand_pack(lot, contracts=sel.all_contracts(), on=TODAY)
    return len(ctx.captured_queries)


def test_query_counts_flat_as_people_grow() -> None:
    few = _queries(3)
    more = _queries(30)
    assert few == more, (few, more)


def _counts(table) -> dict:  # noqa: ANN001
    return {(*key, q): int(table.table.counts[i, j]) for i, key in enumerate(table.rows)
            for j, q in enumerate(table.quarters) if table.table.counts[i, j]}


def test_cached_counts_follow_plan_changes() -> None:
    w = build_world(people_a=5, people_b=0)
    person = w.org_a.people.first()
    before = _counts(sel.government_table(TODAY))
    assert before == _counts(sel.government_table(TODAY))
    obj = objective(person, w.design, w.levels[4], dt.date(2027, 2, 10))
    after = _counts(sel.government_table(TODAY))
    assert after[(w.org_a.pk, w.design.pk, 4, Q1_27)] == 1
    activity = Activity.objects.create(objective=obj, kind=Activity.Kind.FORMAL,
                                       description="Course", status=Activity.Status.PLANNED)
    activity.status = Activity.Status.DONE
    activity.save()
    assert (w.org_a.pk, w.design.pk, 4, Q1_27) not in _counts(sel.government_table(TODAY))
    assess(person, w.data, w.levels[2], Source.MANAGER)
    assert _counts(sel.government_table(TODAY))[(w.org_a.pk, w.data.pk, 2, None)] == 4
