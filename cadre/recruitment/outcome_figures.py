"""Recruitment outcomes from plain rows: no Django (issue 21, area 6).

The selector (``cadre.recruitment.selectors.outcomes``) reads two kinds of plain row and
hands them here:

- :class:`AppointmentRow`: one per candidate appointed (campaign, organisation, the day the
  campaign opened, the day of appointment, inside or outside government, the role level's
  seniority and whether the grade is in the Senior Civil Service);
- :class:`CampaignRow`: one per campaign (organisation, the day it opened and how many of
  its candidates reached the appointable line).

From them :func:`outcomes` works out, per organisation and for every organisation together:

- **time to hire**: days from the campaign opening to the appointment; the median and the
  90th percentile (linear interpolation between ranks: NumPy's default, the same as
  ``statistics.quantiles(method="inclusive")``);
- **appointable candidates per campaign**: campaigns, campaigns with nobody appointable,
  appointable candidates and their mean per campaign;
- **internal and external appointments**;
- **senior posts filled from inside** by calendar quarter of appointment ("2025 Q3"): a post
  is senior when :func:`is_senior` says so (:data:`SENIOR_SENIORITY`).

Suppression (the house rule, ``cadre.core.suppression``): a count of people from 1 to 4
reads "fewer than 5"; when a hidden count sits in a line beside its total alone, a second
count in that line is hidden too and reads "[c]" (withheld to protect another, not small),
so no hidden count can be worked out by subtraction. The internal and external table is
suppressed as a whole (rows, columns and their totals); the appointments column of the time
to hire table *is* that table's row totals, with the same labels, so the two tables cannot
be played off against each other. A median, percentile, mean or share is hidden with any
count it rests on, except that a median of 5 or more appointments stays shown when its
count is only withheld as "[c]" (a median does not reveal the count). Zero is shown.

Suppression is always worked out over every organisation; narrowing to some organisations
(:meth:`Outcomes.narrowed`) only leaves rows out, it never changes what is hidden.

``reference_*`` functions are the same sums in plain Python, for the tests.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from cadre.core.suppression import (
    PROTECTED_LABEL,
    hidden_label,
    suppress_series,
    suppress_table,
    suppressed_label,
)

__all__ = [
    "ALL_ORGANISATIONS",
    "SENIOR_SENIORITY",
    "SUPPRESS_BELOW",
    "AppointmentRow",
    "CampaignRow",
    "Count",
    "OrganisationLine",
    "Outcomes",
    "QuarterLine",
    "is_senior",
    "legend",
    "outcomes",
    "quarter_label",
    "reference_percentile",
    "senior_by_quarter",
]

#: Counts of people from 1 to this less one are hidden (ADR 8).
SUPPRESS_BELOW = 5
#: A role level at this seniority or above is senior: principal (10), head of (12) and
#: chief (14) on the framework's fine scale (``cadre.framework.level_order``). A post is
#: also senior when its grade is in the Senior Civil Service or equivalent to such a grade,
#: whatever the role level.
SENIOR_SENIORITY = 10
#: The name of the line for every organisation together.
ALL_ORGANISATIONS = "All organisations"


def is_senior(seniority: int | None, scs_grade: bool) -> bool:
    """Whether a post is senior: role level seniority at least :data:`SENIOR_SENIORITY`,
    or a Senior Civil Service grade (or one equivalent to it)."""
    return bool(scs_grade) or (seniority is not None and seniority >= SENIOR_SENIORITY)


def quarter_label(day: dt.date) -> str:
    """The calendar quarter a day is in, written as the strategy metrics write it."""
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class AppointmentRow:
    """One appointed candidate."""

    campaign_id: int
    organisation_id: int
    organisation: str
    opened_on: dt.date
    appointed_on: dt.date
    internal: bool
    seniority: int | None
    scs_grade: bool

    @property
    def days(self) -> int:
        return (self.appointed_on - self.opened_on).days

    @property
    def senior(self) -> bool:
        return is_senior(self.seniority, self.scs_grade)


@dataclass(frozen=True)
class CampaignRow:
    """One campaign and how many of its candidates reached the appointable line."""

    campaign_id: int
    organisation_id: int
    organisation: str
    opened_on: dt.date
    appointable: int


@dataclass(frozen=True)
class Count:
    """A count of people as shown: its value, whether it is hidden and the words shown."""

    value: int
    hidden: bool = False
    threshold: int = SUPPRESS_BELOW

    @property
    def small(self) -> bool:
        return 0 < self.value < self.threshold

    @property
    def shown(self) -> int | str:
        """The number, "fewer than 5" (hidden and small) or "[c]" (hidden to protect one)."""
        if not self.hidden:
            return self.value
        return hidden_label(primary=self.small, threshold=self.threshold)


@dataclass(frozen=True)
class OrganisationLine:
    """One organisation's outcomes (or every organisation's, ``organisation_id`` None)."""

    organisation_id: int | None
    organisation: str
    appointments: Count
    internal: Count
    external: Count
    median_days: float | None
    p90_days: float | None
    campaigns: int
    campaigns_without_appointable: int
    appointable: Count
    appointable_per_campaign: float | None


@dataclass(frozen=True)
class QuarterLine:
    """Senior appointments of one quarter (or of every quarter, ``quarter`` "All quarters")."""

    quarter: str
    internal: Count
    external: Count
    total: Count
    share_inside: float | None


@dataclass(frozen=True)
class Outcomes:
    """Every table; ``organisations`` sorted by name, ``total`` for all of them."""

    organisations: tuple[OrganisationLine, ...]
    total: OrganisationLine
    quarters: tuple[QuarterLine, ...]
    quarters_total: QuarterLine
    threshold: int = SUPPRESS_BELOW

    @property
    def any_hidden(self) -> bool:
        return any(c.hidden for c in self._counts())

    @property
    def any_protected(self) -> bool:
        """Whether some hidden count is not small (shown as "[c]")."""
        return any(c.hidden and not c.small for c in self._counts())

    def _counts(self) -> Iterable[Count]:
        for line in (*self.organisations, self.total):
            yield from (line.appointments, line.internal, line.external, line.appointable)
        for q in (*self.quarters, self.quarters_total):
            yield from (q.internal, q.external, q.total)

    def narrowed(self, organisation_ids: Collection[int] | None) -> Outcomes:
        """Only the lines of these organisations (None: all); the totals and what is hidden
        stay as worked out over every organisation."""
        if organisation_ids is None:
            return self
        return replace(self, organisations=tuple(
            line for line in self.organisations if line.organisation_id in organisation_ids))


# --- figures --------------------------------------------------------------------------------

def _percentiles(days: Sequence[int]) -> tuple[float | None, float | None]:
    if not days:
        return None, None
    median, p90 = np.percentile(np.asarray(days, dtype=np.float64), [50.0, 90.0])
    return float(median), float(p90)


def _spread_shown(count: Count, days: Sequence[int]) -> tuple[float | None, float | None]:
    """The median and 90th percentile, hidden when the count itself is small (or hidden
    for a reason other than protection and below the threshold)."""
    if count.value < count.threshold:
        return None, None
    return _percentiles(days)


def _series(values: Sequence[int], total: int, threshold: int
            ) -> tuple[list[Count], Count]:
    """A column of counts beside its total: primary and secondary suppression."""
    shown = suppress_series(values, threshold=threshold, total_shown=True)
    counts = [Count(int(v), isinstance(s, str), threshold)
              for v, s in zip(values, shown, strict=True)]
    return counts, Count(total, 0 < total < threshold, threshold)


def _pair_table(pairs: Sequence[tuple[int, int]], threshold: int
                ) -> tuple[list[tuple[Count, Count, Count]], tuple[Count, Count, Count]]:
    """Rows of (first, second) counts with row totals, column totals and the grand total,
    suppressed as one table: [(first, second, row total)], (first, second, grand total)."""
    if not pairs:
        zero = Count(0, False, threshold)
        return [], (zero, zero, zero)
    table = suppress_table(np.asarray(pairs, dtype=np.int64).reshape(len(pairs), 2),
                           threshold=threshold)
    rows = [(Count(int(table.counts[i, 0]), bool(table.mask[i, 0]), threshold),
             Count(int(table.counts[i, 1]), bool(table.mask[i, 1]), threshold),
             Count(int(table.row_totals[i]), bool(table.row_total_mask[i]), threshold))
            for i in range(len(pairs))]
    totals = (Count(int(table.col_totals[0]), bool(table.col_total_mask[0]), threshold),
              Count(int(table.col_totals[1]), bool(table.col_total_mask[1]), threshold),
              Count(int(table.grand_total), bool(table.grand_total_hidden), threshold))
    return rows, totals


def _share(part: Count, whole: Count) -> float | None:
    if part.hidden or whole.hidden or whole.value == 0:
        return None
    return 100.0 * part.value / whole.value


def _mean(count: Count, campaigns: int) -> float | None:
    if count.hidden or campaigns == 0:
        return None
    return count.value / campaigns


def senior_by_quarter(appointments: Iterable[AppointmentRow], *,
                      threshold: int = SUPPRESS_BELOW) -> tuple[tuple[QuarterLine, ...],
                                                                QuarterLine]:
    """Senior appointments from inside and outside by quarter, and for every quarter."""
    senior = [row for row in appointments if row.senior]
    quarters = sorted({quarter_label(row.appointed_on) for row in senior})
    by_quarter = {q: [0, 0] for q in quarters}
    for row in senior:
        by_quarter[quarter_label(row.appointed_on)][0 if row.internal else 1] += 1
    q_rows, (q_in, q_out, q_all) = _pair_table([tuple(by_quarter[q]) for q in quarters],
                                               threshold)
    lines = tuple(QuarterLine(quarter=q, internal=a, external=b, total=t,
                              share_inside=_share(a, t))
                  for q, (a, b, t) in zip(quarters, q_rows, strict=True))
    return lines, QuarterLine(quarter="All quarters", internal=q_in, external=q_out,
                              total=q_all, share_inside=_share(q_in, q_all))


def outcomes(appointments: Iterable[AppointmentRow], campaigns: Iterable[CampaignRow], *,
             quarters_of: int | None = None, threshold: int = SUPPRESS_BELOW) -> Outcomes:
    """Every outcome table from the rows, suppressed (see the module's docstring). The
    quarterly senior table is of every organisation, or of ``quarters_of`` alone."""
    appointed = list(appointments)
    opened = list(campaigns)
    names: dict[int, str] = {}
    for row in (*appointed, *opened):
        names.setdefault(row.organisation_id, row.organisation)
    order = sorted(names, key=lambda org: (names[org].casefold(), org))
    index = {org: i for i, org in enumerate(order)}

    pairs = [[0, 0] for _ in order]
    days: list[list[int]] = [[] for _ in order]
    for row in appointed:
        i = index[row.organisation_id]
        pairs[i][0 if row.internal else 1] += 1
        days[i].append(row.days)
    rows, (all_in, all_out, all_appointed) = _pair_table([tuple(p) for p in pairs], threshold)

    n_campaigns = [0] * len(order)
    none_appointable = [0] * len(order)
    appointable = [0] * len(order)
    for row in opened:
        i = index[row.organisation_id]
        n_campaigns[i] += 1
        appointable[i] += row.appointable
        none_appointable[i] += row.appointable == 0
    appointable_counts, appointable_total = _series(appointable, sum(appointable), threshold)

    lines = []
    for i, org in enumerate(order):
        internal, external, total = rows[i]
        median, p90 = _spread_shown(total, days[i])
        lines.append(OrganisationLine(
            organisation_id=org, organisation=names[org], appointments=total,
            internal=internal, external=external, median_days=median, p90_days=p90,
            campaigns=n_campaigns[i], campaigns_without_appointable=none_appointable[i],
            appointable=appointable_counts[i],
            appointable_per_campaign=_mean(appointable_counts[i], n_campaigns[i])))
    median, p90 = _spread_shown(all_appointed, [d for ds in days for d in ds])
    total_line = OrganisationLine(
        organisation_id=None, organisation=ALL_ORGANISATIONS, appointments=all_appointed,
        internal=all_in, external=all_out, median_days=median, p90_days=p90,
        campaigns=sum(n_campaigns), campaigns_without_appointable=sum(none_appointable),
        appointable=appointable_total,
        appointable_per_campaign=_mean(appointable_total, sum(n_campaigns)))

    quarters, quarters_total = senior_by_quarter(
        (row for row in appointed if quarters_of is None or row.organisation_id == quarters_of),
        threshold=threshold)
    return Outcomes(organisations=tuple(lines), total=total_line, quarters=quarters,
                    quarters_total=quarters_total, threshold=threshold)


def legend(threshold: int = SUPPRESS_BELOW) -> str:
    """The sentence shown beside the tables and in downloads."""
    return (f'"{suppressed_label(threshold)}" means the count is between 1 and '
            f"{threshold - 1}. {PROTECTED_LABEL} means the count is withheld although it is "
            "not small: beside a total, it would let a small count be worked out by "
            "subtraction. A median, mean or share resting on a hidden count is hidden too.")


# --- plain-Python references for the tests ---------------------------------------------------

def reference_percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile by linear interpolation between ranks, in plain Python."""
    data = sorted(float(v) for v in values)
    if len(data) == 1:
        return data[0]
    if q == 50.0:
        return float(statistics.median(data))
    position = (len(data) - 1) * q / 100.0
    low = math.floor(position)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (position - low)
