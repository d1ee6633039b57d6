"""The outcome figures (no database) against plain-Python sums on random cases, and the
suppression rules: a hidden count reads "fewer than 5" only when it is 1 to 4, no line of
a table has exactly one hidden count beside its total, and narrowing to some organisations
never changes what is hidden."""

from __future__ import annotations

import datetime as dt
import random
import statistics
from collections import defaultdict

import numpy as np
import pytest

from cadre.core.suppression import PROTECTED_LABEL
from cadre.recruitment import outcome_figures as f

START = dt.date(2024, 1, 1)


def _random_rows(rng: random.Random) -> tuple[list[f.AppointmentRow], list[f.CampaignRow]]:
    orgs = [(i + 1, f"Department {chr(65 + i)}") for i in range(rng.randint(1, 5))]
    appointments, campaigns = [], []
    for n in range(rng.randint(0, 60)):
        org, name = rng.choice(orgs)
        opened = START + dt.timedelta(days=rng.randint(0, 500))
        appointments.append(f.AppointmentRow(
            campaign_id=n, organisation_id=org, organisation=name, opened_on=opened,
            appointed_on=opened + dt.timedelta(days=rng.randint(0, 200)),
            internal=rng.random() < 0.5, seniority=rng.choice([None, 4, 8, 10, 12, 14]),
            scs_grade=rng.random() < 0.2))
    for n in range(rng.randint(0, 30)):
        org, name = rng.choice(orgs)
        campaigns.append(f.CampaignRow(
            campaign_id=100 + n, organisation_id=org, organisation=name,
            opened_on=START + dt.timedelta(days=rng.randint(0, 500)),
            appointable=rng.choice([0, 0, 1, 2, 3, 5, 8])))
    return appointments, campaigns


def _label_is_true(count: f.Count) -> None:
    shown = count.shown
    if not count.hidden:
        assert shown == count.value
    elif shown == "fewer than 5":
        assert 0 < count.value < 5
    else:
        assert shown == PROTECTED_LABEL and not 0 < count.value < 5


def _no_lone_hidden(cells: list[f.Count], total: f.Count) -> None:
    """In a line ``cells = total``, exactly one hidden value could be worked out."""
    assert sum(c.hidden for c in (*cells, total)) != 1


def _check_suppression(result: f.Outcomes) -> None:
    lines = [*result.organisations, result.total]
    for line in lines:
        for count in (line.appointments, line.internal, line.external, line.appointable):
            _label_is_true(count)
        _no_lone_hidden([line.internal, line.external], line.appointments)
        if line.median_days is not None:
            assert line.appointments.value >= 5
        if line.appointable_per_campaign is not None:
            assert not line.appointable.hidden
    # Columns: every organisation's counts beside the total for all of them.
    for name in ("internal", "external", "appointments", "appointable"):
        _no_lone_hidden([getattr(line, name) for line in result.organisations],
                        getattr(result.total, name))
    quarters = [*result.quarters, result.quarters_total]
    for q in quarters:
        for count in (q.internal, q.external, q.total):
            _label_is_true(count)
        _no_lone_hidden([q.internal, q.external], q.total)
        if q.share_inside is not None:
            assert not q.internal.hidden and not q.total.hidden
    for name in ("internal", "external", "total"):
        _no_lone_hidden([getattr(q, name) for q in result.quarters],
                        getattr(result.quarters_total, name))


@pytest.mark.parametrize("seed", range(200))
def test_figures_match_plain_python_and_suppression_holds(seed: int) -> None:
    rng = random.Random(seed)
    appointments, campaigns = _random_rows(rng)
    result = f.outcomes(appointments, campaigns)
    _check_suppression(result)

    by_org: dict[int, list[f.AppointmentRow]] = defaultdict(list)
    for row in appointments:
        by_org[row.organisation_id].append(row)
    camp_by_org: dict[int, list[f.CampaignRow]] = defaultdict(list)
    for row in campaigns:
        camp_by_org[row.organisation_id].append(row)
    assert [line.organisation_id for line in result.organisations] == sorted(
        {*by_org, *camp_by_org}, key=lambda o: (f"Department {chr(64 + o)}".casefold(), o))
    for line in [*result.organisations, result.total]:
        rows = appointments if line.organisation_id is None else by_org[line.organisation_id]
        camps = campaigns if line.organisation_id is None else camp_by_org[line.organisation_id]
        assert line.appointments.value == len(rows)
        assert line.internal.value == sum(r.internal for r in rows)
        assert line.external.value == sum(not r.internal for r in rows)
        days = [(r.appointed_on - r.opened_on).days for r in rows]
        if len(days) >= 5:
            assert line.median_days == pytest.approx(statistics.median(days))
            assert line.p90_days == pytest.approx(f.reference_percentile(days, 90.0))
            expected_p90 = statistics.quantiles(days, n=10, method="inclusive")[8]
            assert line.p90_days == pytest.approx(expected_p90)
        else:
            assert line.median_days is None and line.p90_days is None
        assert line.campaigns == len(camps)
        assert line.campaigns_without_appointable == sum(c.appointable == 0 for c in camps)
        assert line.appointable.value == sum(c.appointable for c in camps)
        if not line.appointable.hidden and camps:
            assert line.appointable_per_campaign == pytest.approx(
                sum(c.appointable for c in camps) / len(camps))

    senior = [r for r in appointments
              if r.scs_grade or (r.seniority is not None and r.seniority >= 10)]
    quarters: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in senior:
        label = f"{r.appointed_on.year} Q{(r.appointed_on.month - 1) // 3 + 1}"
        quarters[label][0 if r.internal else 1] += 1
    assert [q.quarter for q in result.quarters] == sorted(quarters)
    for q in result.quarters:
        assert (q.internal.value, q.external.value) == tuple(quarters[q.quarter])
        assert q.total.value == sum(quarters[q.quarter])
        if q.share_inside is not None:
            assert q.share_inside == pytest.approx(100 * q.internal.value / q.total.value)
    assert result.quarters_total.total.value == len(senior)


@pytest.mark.parametrize("seed", range(50))
def test_narrowing_leaves_what_is_hidden_alone(seed: int) -> None:
    rng = random.Random(1000 + seed)
    appointments, campaigns = _random_rows(rng)
    full = f.outcomes(appointments, campaigns)
    keep = {line.organisation_id for line in full.organisations if rng.random() < 0.5}
    narrow = full.narrowed(keep)
    assert narrow.total == full.total and narrow.quarters == full.quarters
    assert list(narrow.organisations) == [
        line for line in full.organisations if line.organisation_id in keep]
    assert full.narrowed(None) is full


def test_a_lone_small_count_hides_a_partner_and_says_why() -> None:
    """A: 7 inside, 3 outside (10); B: 6 inside, 0 outside. The 3 is small; its row would
    give it away from A's 10 and its column from the total of 3, so a partner in each line
    is hidden as [c]: never labelled "fewer than 5"."""
    def row(org: int, internal: bool, n: int) -> f.AppointmentRow:
        return f.AppointmentRow(campaign_id=n, organisation_id=org,
                                organisation=f"Department {'AB'[org - 1]}",
                                opened_on=START, appointed_on=START + dt.timedelta(days=n),
                                internal=internal, seniority=4, scs_grade=False)
    rows = ([row(1, True, n) for n in range(7)] + [row(1, False, n) for n in range(3)]
            + [row(2, True, n) for n in range(6)])
    result = f.outcomes(rows, [])
    a, b = result.organisations
    assert a.external.shown == "fewer than 5"
    assert a.internal.shown == PROTECTED_LABEL  # A's row: 10 - 7 would give the 3
    assert result.total.external.shown == "fewer than 5"  # the column's total is 3 itself
    assert b.external.shown in (0, PROTECTED_LABEL)
    _check_suppression(result)
    assert result.any_protected
    # 10 appointments: the median shows although the count's partner is withheld.
    assert a.median_days == pytest.approx(float(np.median([0, 1, 2, 3, 4, 5, 6, 0, 1, 2])))


def test_nothing_to_count() -> None:
    result = f.outcomes([], [])
    assert result.organisations == () and result.quarters == ()
    assert result.total.appointments.shown == 0 and result.total.median_days is None
    assert result.quarters_total.share_inside is None
    assert not result.any_hidden


@pytest.mark.parametrize(("seniority", "scs", "senior"), [
    (None, False, False), (8, False, False), (10, False, True), (14, False, True),
    (4, True, True), (None, True, True)])
def test_what_is_senior(seniority: int | None, scs: bool, senior: bool) -> None:
    assert f.is_senior(seniority, scs) is senior
    assert f.SENIOR_SENIORITY == 10


def test_quarters_are_calendar_quarters() -> None:
    assert [f.quarter_label(dt.date(2025, m, 1)) for m in (1, 3, 4, 7, 12)] == [
        "2025 Q1", "2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4"]


def test_the_reference_percentile_is_numpy_s() -> None:
    rng = random.Random(7)
    for _ in range(100):
        values = [rng.randint(0, 300) for _ in range(rng.randint(1, 40))]
        for q in (50.0, 90.0):
            assert f.reference_percentile(values, q) == pytest.approx(
                float(np.percentile(values, q)))
