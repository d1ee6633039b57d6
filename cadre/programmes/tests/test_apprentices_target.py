"""The 2.3% apprenticeship target against a hand-worked example, the plain computation
against a reference, the command, the page, the API and who sees what.

The target applies only to bodies with 250 or more employees (contractors, consultants
and interims are not employees); the others are "not in scope": no verdict, and left out
of the totals.

Hand-worked example, reporting year 2026 (1 April 2026 to 31 March 2027):

| org | extract counted (on or before 1 April 2026) | employees | in scope | starts | share | met |
|-----|---------------------------------------------|-----------|----------|--------|-------|-----|
| DA  | 31 March 2026 (249 staff + 5 contractors)    | 249       | no       | 6      | .0241 | -   |
| DB  | 31 March 2026 (an earlier one of 90 ignored) | 250       | yes      | 4      | .016  | no  |
| DC  | 1 January 2026 (one of 2 June is ignored)    | 1000      | yes      | 23     | .023  | yes |
| DD  | none                                         | unknown   | unknown  | 1      | -     | -   |

DA would meet 2.3% (6 / 249 = 2.41%) but is not in scope, so it has no verdict.
DB also has an apprentice who started on 31 March 2026 (the year before): not counted.
Totals (in scope only): 2 organisations, 1 met, 1 not met, headcount 1250, 27 starts
(2.16%); 1 not in scope and 1 with no headcount left out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random

import numpy as np
import pytest
from django.core.management import call_command

from cadre.programmes import apprenticeship_target as target
from cadre.programmes import services
from cadre.workforce.models import Extract, ExtractRecord
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

STANDARD = {"referenceNumber": "ST0116", "title": "Software developer", "level": 4,
            "version": "1.1", "route": "Digital", "typicalDuration": 24, "maxFunding": 18000,
            "duties": [], "knowledges": [{"id": "K1", "detail": "Lifecycle"}],
            "skills": [{"id": "S1", "detail": "Code"}], "behaviours": []}


def _extract(org, on: dt.date, employees: int, contractors: int = 0) -> None:  # noqa: ANN001
    extract = Extract.objects.create(organisation=org, taken_on=on, filename="x.csv")
    ExtractRecord.objects.bulk_create(
        [ExtractRecord(extract=extract, staff_number=f"E{i}", employment_type="permanent")
         for i in range(employees)]
        + [ExtractRecord(extract=extract, staff_number=f"C{i}", employment_type="contractor")
           for i in range(contractors)])


def _starts(org, cohort, n: int, on: dt.date) -> None:  # noqa: ANN001
    for _ in range(n):
        services.enrol_apprentice(actor=None, person=PersonFactory(organisation=org),
                                  cohort=cohort, training_provider="Provider", started_on=on)


@pytest.fixture
def example(db, org_a, org_b):  # noqa: ANN001, ANN201
    org_c = OrganisationFactory(name="Department C", abbreviation="DC")
    org_d = OrganisationFactory(name="Department D", abbreviation="DD")
    services.import_standards(actor=None, data=json.dumps([STANDARD]))
    from cadre.programmes.models import ApprenticeshipStandard
    cohort = services.create_cohort(actor=None, name="2026 developers",
                                    standard=ApprenticeshipStandard.objects.get(),
                                    starts_on=dt.date(2026, 9, 1))
    _extract(org_a, dt.date(2026, 3, 31), 249, contractors=5)
    _extract(org_b, dt.date(2025, 12, 31), 90)
    _extract(org_b, dt.date(2026, 3, 31), 250)
    _extract(org_c, dt.date(2026, 1, 1), 1000)
    _extract(org_c, dt.date(2026, 6, 2), 2000)
    _starts(org_a, cohort, 6, dt.date(2026, 9, 1))
    _starts(org_b, cohort, 4, dt.date(2027, 3, 31))
    _starts(org_b, cohort, 1, dt.date(2026, 3, 31))
    _starts(org_c, cohort, 23, dt.date(2026, 4, 1))
    _starts(org_d, cohort, 1, dt.date(2026, 10, 1))
    return org_c, org_d


EXPECTED = [
    {"organisation": "DA", "year_start": "2026-04-01", "headcount_date": "2026-03-31",
     "headcount_at_start": 249, "in_scope": False, "new_apprentice_starts": 6,
     "share": 0.0241, "target_met": None},
    {"organisation": "DB", "year_start": "2026-04-01", "headcount_date": "2026-03-31",
     "headcount_at_start": 250, "in_scope": True, "new_apprentice_starts": 4, "share": 0.016,
     "target_met": False},
    {"organisation": "DC", "year_start": "2026-04-01", "headcount_date": "2026-01-01",
     "headcount_at_start": 1000, "in_scope": True, "new_apprentice_starts": 23,
     "share": 0.023, "target_met": True},
    {"organisation": "DD", "year_start": "2026-04-01", "headcount_date": None,
     "headcount_at_start": None, "in_scope": None, "new_apprentice_starts": 1, "share": None,
     "target_met": None},
]


def test_the_command_matches_the_hand_worked_example(example) -> None:  # noqa: ANN001
    out = io.StringIO()
    call_command("programmes_apprenticeship_target", "--year", "2026", "--format", "json",
                 stdout=out)
    assert json.loads(out.getvalue()) == EXPECTED
    out = io.StringIO()
    call_command("programmes_apprenticeship_target", "--year", "2026", "--format", "csv",
                 stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["organisation"], r["headcount_at_start"], r["in_scope"],
             r["new_apprentice_starts"], r["share"], r["target_met"]) for r in rows] == [
        ("DA", "249", "False", "6", "0.0241", ""), ("DB", "250", "True", "4", "0.016", "False"),
        ("DC", "1000", "True", "23", "0.023", "True"), ("DD", "", "", "1", "", "")]


def test_the_page_says_not_in_scope_and_totals_leave_it_out(example, make_account,  # noqa: ANN001
                                                             web_client, api_client) -> None:  # noqa: ANN001
    from cadre.access.roles import Role
    from cadre.programmes.selectors import apprentices as sel

    central = make_account(Role.CENTRAL_TEAM)
    totals = sel.target_totals(sel.apprenticeship_target(central, 2026))
    assert (totals.in_scope, totals.met, totals.not_met, totals.not_in_scope,
            totals.not_known, totals.headcount, totals.starts, totals.share_words) == (
        2, 1, 1, 1, 1, 1250, 27, "2.16%")
    text = web_client(central).get("/programmes/apprentices/target/?year=2026"
                                   ).content.decode()
    assert text.count("Not in scope (fewer than 250 employees)") == 2  # DA's row, the totals
    assert "Cannot tell (no headcount)" in text
    assert "250 or more employees" in text
    got = api_client(central).get("/api/v1/programmes/apprentices/target/?year=2026").json()
    assert [(r["organisation"], r["in_scope"], r["target_met"]) for r in got] == [
        ("DA", False, None), ("DB", True, False), ("DC", True, True), ("DD", None, None)]


def test_the_year_before_counts_its_own_start(example) -> None:  # noqa: ANN001
    out = io.StringIO()
    call_command("programmes_apprenticeship_target", "--year", "2025", "--format", "json",
                 stdout=out)
    # 1 April 2025: no extract yet; DB's apprentice of 31 March 2026 is in 2025's year
    assert json.loads(out.getvalue()) == [
        {"organisation": "DB", "year_start": "2025-04-01", "headcount_date": None,
         "headcount_at_start": None, "in_scope": None, "new_apprentice_starts": 1,
         "share": None, "target_met": None}]


def test_the_plain_computation_matches_a_reference_on_random_cases() -> None:
    rng = random.Random(15)
    for _ in range(300):
        n = rng.randint(1, 30)
        heads = [rng.choice([-1, 0, rng.randint(1, 5000), rng.randint(240, 260), 249, 250])
                 for _ in range(n)]
        starts = [rng.randint(0, 200) for _ in range(n)]
        got = target.target_figures(heads, starts)
        for i, (h, s) in enumerate(zip(heads, starts, strict=True)):
            in_scope = h >= 250  # the reference: 250 or more employees
            assert bool(got.known[i]) == (h >= 0)
            assert bool(got.in_scope[i]) == in_scope
            if h <= 0:
                assert np.isnan(got.share[i])
            else:
                assert got.share[i] == pytest.approx(s / h)
            # met only in scope; out of scope there is no verdict, even at 2.3% or more
            assert bool(got.met[i]) == (in_scope and s * 1000 >= 23 * h)


def test_the_plain_computation_at_the_edges() -> None:
    got = target.target_figures([249, 250, 1000, 0, -1], [6, 6, 23, 0, 5])
    assert got.in_scope.tolist() == [False, True, True, False, False]
    assert got.known.tolist() == [True, True, True, True, False]
    assert got.met.tolist() == [False, True, True, False, False]
    with pytest.raises(ValueError, match="-1"):
        target.target_figures([-2], [0])
