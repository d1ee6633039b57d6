"""Pay benchmarks for a role level (and grade): plain NumPy, no Django (issue 21, area 4).

The selector (``cadre.recruitment.selectors.pay``) reads plain numbers from the database
and hands them here:

- **Employed pay**: the annual pay (whole pounds) of each current employed person in the
  profession at the role level (and grade). Count, lower quartile, median and upper
  quartile (linear interpolation between ranks, NumPy's default; the same as
  ``statistics.quantiles(method="inclusive")``).
- **Contingent cost**: each current contractor's, consultant's or interim's day rate at
  the role level, turned into a yearly cost at ``WORKING_DAYS_PER_YEAR`` (220) working
  days, with the same figures.
- **Market figures** the recruitment hub entered, each with its source.

A group of fewer than ``SUPPRESS_BELOW`` (5) people shows no figure at all: its count
reads "fewer than 5 people" when there are 1 to 4, "no people" when there are none, so
the label is always true. The benchmark (``low``, ``median``, ``high``) is employed pay
when it is shown, else the newest market figure, else there is none; ``flags`` compares a
campaign's pay range with it in words.

``reference_*`` functions are the same sums in plain Python, for the tests.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from cadre.learning.rates import WORKING_DAYS_PER_YEAR as _LEARNING_DAYS

__all__ = [
    "SUPPRESS_BELOW",
    "WORKING_DAYS_PER_YEAR",
    "Benchmark",
    "Figure",
    "MarketLine",
    "Spread",
    "count_label",
    "money",
    "reference_spread",
    "spread",
    "yearly_costs",
]

#: Groups of fewer people than this show no figure (ADR 8: counts from 1 to 4 are hidden).
SUPPRESS_BELOW = 5
#: Working days in a year that turn a day rate into a yearly cost: 260 weekdays less 25
#: days' leave, 8 bank holidays and about 7 days of sickness and training. The same
#: constant as the contractor rate benchmarks (``cadre.learning.rates``), so the two
#: never disagree; change it there and every page, API and command says the new figure.
WORKING_DAYS_PER_YEAR: int = _LEARNING_DAYS

_QUANTILES = (25.0, 50.0, 75.0)


def count_label(n: int, *, threshold: int = SUPPRESS_BELOW) -> str:
    """How many people, as shown: "no people", "fewer than 5 people" (1 to 4) or the
    number of people."""
    if n <= 0:
        return "no people"
    if n < threshold:
        return f"fewer than {threshold} people"
    return f"{n:,} people" if n != 1 else "1 person"


def money(value: float | int | None) -> str:
    """Whole pounds as shown: "£52,000"; "" for no value."""
    if value is None:
        return ""
    return f"£{round(value):,}"


@dataclass(frozen=True)
class Spread:
    """Count and quartiles of one group; the quartiles are None when suppressed."""

    count: int
    suppressed: bool
    lower_quartile: float | None = None
    median: float | None = None
    upper_quartile: float | None = None
    threshold: int = SUPPRESS_BELOW

    @property
    def label(self) -> str:
        return count_label(self.count, threshold=self.threshold)


def spread(values: Sequence[float] | np.ndarray, *, threshold: int = SUPPRESS_BELOW
           ) -> Spread:
    """The group's count and quartiles; suppressed below ``threshold`` people (and when
    there is nobody)."""
    data = np.asarray(values, dtype=np.float64).ravel()
    n = int(data.size)
    if n < max(threshold, 1):
        return Spread(count=n, suppressed=True, threshold=threshold)
    low, mid, high = (float(x) for x in np.percentile(data, _QUANTILES))
    return Spread(count=n, suppressed=False, lower_quartile=low, median=mid,
                  upper_quartile=high, threshold=threshold)


def yearly_costs(day_rates: Sequence[float] | np.ndarray, *,
                 days: int = WORKING_DAYS_PER_YEAR) -> np.ndarray:
    """Day rates as yearly costs (rate x working days)."""
    return np.asarray(day_rates, dtype=np.float64).ravel() * float(days)


@dataclass(frozen=True)
class MarketLine:
    """One market figure the hub entered (whole pounds a year)."""

    id: int
    low: int
    median: int
    high: int
    source: str
    source_date: dt.date
    grade: str = ""
    #: True when the figure names the grade asked for (not "any grade").
    for_grade: bool = False


@dataclass(frozen=True)
class Figure:
    """One labelled row of the benchmark table (pages, API, command line)."""

    key: str
    label: str
    people: str
    low: int | None
    median: int | None
    high: int | None
    source: str
    source_date: dt.date | None = None
    suppressed: bool = False

    def as_dict(self) -> dict[str, object]:
        return {"key": self.key, "label": self.label, "people": self.people,
                "low": self.low, "median": self.median, "high": self.high,
                "source": self.source,
                "source_date": self.source_date.isoformat() if self.source_date else None,
                "suppressed": self.suppressed}


def _whole(value: float | None) -> int | None:
    return None if value is None else int(round(value))


_WORDS = {
    "employed": ("the lower quartile of employed pay", "the median of employed pay",
                 "the upper quartile of employed pay"),
    "market": ("the low market figure", "the median market figure",
               "the high market figure"),
}


@dataclass(frozen=True)
class Benchmark:
    """The pay benchmark of a role level (and grade)."""

    employed: Spread
    contingent: Spread
    market: tuple[MarketLine, ...] = ()
    role_level: str = ""
    grade: str = ""
    working_days: int = WORKING_DAYS_PER_YEAR
    employed_source: str = "Workforce data: current employed people in the profession"
    contingent_source: str = (f"Workforce data: current contractors, consultants and "
                              f"interims, day rate x {WORKING_DAYS_PER_YEAR} working days")
    notes: tuple[str, ...] = field(default=())

    @property
    def newest_market(self) -> MarketLine | None:
        """The market figure the benchmark falls back on: one for the grade asked for
        before one for any grade, then the newest source date, then the latest entered."""
        if not self.market:
            return None
        return max(self.market, key=lambda m: (m.for_grade, m.source_date, m.id))

    @property
    def basis(self) -> str | None:
        """"employed", "market", or None when there is nothing to compare with."""
        if not self.employed.suppressed:
            return "employed"
        return "market" if self.market else None

    def _triple(self) -> tuple[int | None, int | None, int | None]:
        if self.basis == "employed":
            e = self.employed
            return _whole(e.lower_quartile), _whole(e.median), _whole(e.upper_quartile)
        line = self.newest_market
        if line is None:
            return None, None, None
        return line.low, line.median, line.high

    @property
    def low(self) -> int | None:
        return self._triple()[0]

    @property
    def median(self) -> int | None:
        return self._triple()[1]

    @property
    def high(self) -> int | None:
        return self._triple()[2]

    @property
    def basis_label(self) -> str:
        if self.basis == "employed":
            return ("The pay of employed people in the profession (lower quartile, median "
                    "and upper quartile).")
        line = self.newest_market
        if line is not None:
            return (f"Fewer than {self.employed.threshold} employed people have pay "
                    f"recorded, so the market figure from {line.source} "
                    f"({line.source_date:%-d %B %Y}) is used."
                    if self.employed.count else
                    f"No employed people have pay recorded, so the market figure from "
                    f"{line.source} ({line.source_date:%-d %B %Y}) is used.")
        return "There is nothing to compare a pay range with yet."

    @property
    def sources(self) -> list[Figure]:
        """Every figure behind the benchmark, labelled, in the order pages show them."""
        e, c = self.employed, self.contingent
        rows = [
            Figure("employed", "Employed pay", e.label, _whole(e.lower_quartile),
                   _whole(e.median), _whole(e.upper_quartile), self.employed_source,
                   suppressed=e.suppressed),
            Figure("contingent", "Contractor cost a year", c.label,
                   _whole(c.lower_quartile), _whole(c.median), _whole(c.upper_quartile),
                   self.contingent_source, suppressed=c.suppressed),
        ]
        for m in sorted(self.market, key=lambda m: (-m.source_date.toordinal(), -m.id)):
            label = f"Market figure ({m.grade})" if m.grade else "Market figure (any grade)"
            rows.append(Figure(f"market-{m.id}", label, "", m.low, m.median, m.high,
                               m.source, m.source_date))
        return rows

    def flags(self, pay_min: float | int | None, pay_max: float | int | None) -> list[str]:
        """Words for a pay range outside the benchmark; empty when it is inside it or
        when there is nothing to compare with."""
        return range_flags(pay_min, pay_max, low=self.low, median=self.median,
                           high=self.high, basis=self.basis)


def range_flags(pay_min: float | int | None, pay_max: float | int | None, *,
                low: float | int | None, median: float | int | None,
                high: float | int | None, basis: str | None) -> list[str]:
    """The flags of a pay range against a benchmark (see :meth:`Benchmark.flags`).

    - the top of the range below the benchmark's low figure (else below its median);
    - the bottom of the range above its high figure (else above its median).
    """
    if basis is None or low is None or median is None or high is None:
        return []
    low_words, median_words, high_words = _WORDS[basis]
    flags: list[str] = []
    if pay_max is not None:
        if pay_max < low:
            flags.append(f"The top of the range, {money(pay_max)}, is below {low_words}, "
                         f"{money(low)}.")
        elif pay_max < median:
            flags.append(f"The top of the range, {money(pay_max)}, is below {median_words}, "
                         f"{money(median)}.")
    if pay_min is not None:
        if pay_min > high:
            flags.append(f"The bottom of the range, {money(pay_min)}, is above {high_words}, "
                         f"{money(high)}.")
        elif pay_min > median:
            flags.append(f"The bottom of the range, {money(pay_min)}, is above "
                         f"{median_words}, {money(median)}.")
    return flags


# ---------------------------------------------------------------------------------------
# Plain reference implementations, for the tests.
# ---------------------------------------------------------------------------------------

def reference_quantile(values: Sequence[float], q: float) -> float:
    """The q-quantile by linear interpolation between the ranks of the sorted values."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (position - below) * (ordered[above] - ordered[below])


def reference_spread(values: Sequence[float], *, threshold: int = SUPPRESS_BELOW
                     ) -> dict[str, object]:
    """The same as :func:`spread`, as a dict, with sorted lists."""
    n = len(values)
    if n < max(threshold, 1):
        return {"count": n, "suppressed": True}
    return {"count": n, "suppressed": False,
            "lower_quartile": reference_quantile(values, 0.25),
            "median": reference_quantile(values, 0.5),
            "upper_quartile": reference_quantile(values, 0.75)}
