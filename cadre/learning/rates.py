"""Contractor day-rate benchmarks (issue 17 point 6): plain NumPy, no Django.

Input is one row per current contingent person (contractor, consultant, interim) with a
day rate and a role level: ``(rate, family, level, organisation, supplier)`` as NumPy
arrays of the same length (ids; supplier -1 when none is recorded). Everything is grouped
by one sort of a 64-bit key (the group's code, then the rate in pence) and reading the
group boundaries, never by a Python loop over people.

- **Groups**: a role level within its family, and the whole family (level ``WHOLE_FAMILY``).
- **Benchmarks** per group: count, median, 25th and 75th percentiles (linear interpolation
  between ranks, NumPy's default, the same as ``statistics.quantiles(method="inclusive")``).
  A group of fewer than ``threshold`` (5) people is *suppressed*: its rates are NaN and no
  figure of it is shown anywhere.
- **Flags**: a rate above the 75th percentile of its role-level group (only groups that are
  not suppressed flag anyone).
- **Variance** by organisation or supplier within each group: the sub-group's median
  against the group's, suppressed when the sub-group has fewer than ``threshold`` people.
- **Costs**: the yearly cost of the contingent people of a role level (and organisation) at
  their day rates (``rate x WORKING_DAYS_PER_YEAR``) against employing the same number at
  the employed cost per head the caller gives for the level (pay range midpoint x (1 +
  employer on-cost), worked out by :func:`employed_cost`).

``reference_*`` functions are the same sums in plain Python, for the tests.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

#: Working days in a year used to turn a day rate into a yearly cost. 52 weeks of 5 days
#: is 260; less 25 days' annual leave and 8 bank holidays (England and Wales) is 227, less
#: about 7 days of sickness absence and training gives 220, the round figure conventionally
#: used in the UK contractor market to turn a day rate into a yearly cost or an annual
#: salary into a day rate. A constant, not a setting: change it here and the pages, API
#: and command line say the new figure.
WORKING_DAYS_PER_YEAR = 220

#: The level id meaning "every level of the family" in benchmark and variance groups.
WHOLE_FAMILY = -1
#: The organisation id meaning "every organisation" in cost rows.
ALL_ORGANISATIONS = -1
#: The supplier code of a rate with no supplier recorded.
NO_SUPPLIER = -1
#: Groups smaller than this show no figure (ADR 8: counts from 1 to 4 are hidden).
THRESHOLD = 5

_QUANTILES = (0.25, 0.5, 0.75)


@dataclass(frozen=True)
class RateData:
    """One row per contingent person with a day rate and a role level."""

    rate: np.ndarray
    family: np.ndarray
    level: np.ndarray
    organisation: np.ndarray
    supplier: np.ndarray

    @classmethod
    def from_columns(cls, rate: Sequence[float], family: Sequence[int], level: Sequence[int],
                     organisation: Sequence[int], supplier: Sequence[int]) -> RateData:
        data = cls(np.asarray(rate, dtype=np.float64), np.asarray(family, dtype=np.int64),
                   np.asarray(level, dtype=np.int64),
                   np.asarray(organisation, dtype=np.int64),
                   np.asarray(supplier, dtype=np.int64))
        n = data.rate.shape[0]
        if any(a.shape != (n,) for a in (data.family, data.level, data.organisation,
                                         data.supplier)):
            raise ValueError("every column must have one value per person")
        if n and (not np.isfinite(data.rate).all() or (data.rate < 0).any()
                  or (data.rate > MAX_RATE).any()):
            raise ValueError(f"day rates must be from 0 to {MAX_RATE:,.2f}")
        return data

    @classmethod
    def empty(cls) -> RateData:
        return cls.from_columns([], [], [], [], [])

    def __len__(self) -> int:
        return int(self.rate.shape[0])


#: Rates are ordered to the penny inside one 64-bit sort key: the group's code above
#: ``_RATE_BITS`` bits of pence. Day rates are stored with two decimals below £1,000,000.
_RATE_BITS = 27
MAX_RATE = (2**_RATE_BITS - 1) / 100
_MAX_GROUP_CODES = 2**36


class _Encoder:
    """Turns rows of integer keys into one int64 code per row, in the rows' lexicographic
    order: offsets from each column's minimum times the spans of the columns after it, or,
    when the ids are too spread out for that, positions among each column's distinct
    values."""

    def __init__(self, keys: np.ndarray) -> None:
        width = keys.shape[1]
        self.uniques: list[np.ndarray] | None = None
        if len(keys):
            self.mins = keys.min(axis=0)
            spans = [int(x) for x in keys.max(axis=0) - self.mins + 1]
        else:
            self.mins = np.zeros(width, dtype=np.int64)
            spans = [1] * width
        if math.prod(spans) >= _MAX_GROUP_CODES:
            self.uniques = [np.unique(keys[:, i]) for i in range(width)]
            spans = [max(1, len(u)) for u in self.uniques]
            if math.prod(spans) >= _MAX_GROUP_CODES:
                raise ValueError("too many distinct groups to code")
        self.spans = np.asarray(spans, dtype=np.int64)
        mults = [1] * width
        for i in range(width - 2, -1, -1):
            mults[i] = mults[i + 1] * spans[i + 1]
        self.mults = np.asarray(mults, dtype=np.int64)

    def encode(self, keys: np.ndarray, *, check: bool = False
               ) -> tuple[np.ndarray, np.ndarray | None]:
        """(codes, known): with ``check``, ``known`` is False for a row holding a value
        never seen (else None). Column by column: no n x k temporaries."""
        codes = np.zeros(len(keys), dtype=np.int64)
        known = np.ones(len(keys), dtype=bool) if check else None
        for i in range(keys.shape[1]):
            column = keys[:, i]
            if self.uniques is None:
                part = column - self.mins[i]
                if check:
                    known &= (part >= 0) & (part < self.spans[i])
            else:
                values = self.uniques[i]
                part = np.minimum(np.searchsorted(values, column), max(len(values) - 1, 0))
                if check:
                    known &= (values[part] == column) if len(values) else False
            if self.mults[i] != 1:
                part = part * self.mults[i]
            codes += part
        return codes, known


@dataclass(frozen=True)
class GroupStats:
    """Figures per group; ``keys`` has one column per grouping key, sorted."""

    keys: np.ndarray
    count: np.ndarray
    lower_quartile: np.ndarray
    median: np.ndarray
    upper_quartile: np.ndarray
    total: np.ndarray
    suppressed: np.ndarray
    codes: np.ndarray
    encoder: _Encoder

    def __len__(self) -> int:
        return int(self.count.shape[0])

    def locate(self, keys: np.ndarray) -> np.ndarray:
        """The group index of each row of ``keys`` (every row must be a group)."""
        keys = np.asarray(keys, dtype=np.int64).reshape(-1, self.keys.shape[1])
        if len(keys) == 0:
            return np.zeros(0, dtype=np.int64)
        codes, known = self.encoder.encode(keys, check=True)
        index = np.minimum(np.searchsorted(self.codes, codes), max(len(self.codes) - 1, 0))
        if not len(self.codes) or not known.all() or (self.codes[index] != codes).any():
            raise ValueError("a group was not found")
        return index


def group_stats(keys: np.ndarray, rates: np.ndarray, *, threshold: int = THRESHOLD
                ) -> GroupStats:
    """Count, quartiles and sum of ``rates`` per distinct row of ``keys`` (n x k ints).

    One sort of a 64-bit key (the row's group code, then the rate in pence), boundaries
    where the code changes, and the quartiles read from the sorted rates by position.
    Suppressed groups (count below ``threshold``) get NaN for every rate figure and their
    total."""
    keys = np.asarray(keys, dtype=np.int64)
    width = keys.shape[1] if keys.ndim == 2 else 1
    keys = keys.reshape(len(rates), width)
    encoder = _Encoder(keys)
    if len(rates) == 0:
        empty = np.zeros(0)
        return GroupStats(np.zeros((0, width), dtype=np.int64), np.zeros(0, dtype=np.int64),
                          empty, empty.copy(), empty.copy(), empty.copy(),
                          np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64), encoder)
    codes, _ = encoder.encode(keys)
    pence = np.rint(rates * 100).astype(np.int64)
    order = np.argsort((codes << _RATE_BITS) | pence)
    sorted_codes = codes[order]
    sorted_rates = rates[order]
    change = np.ones(len(rates), dtype=bool)
    change[1:] = sorted_codes[1:] != sorted_codes[:-1]
    starts = np.flatnonzero(change)
    count = np.diff(np.append(starts, len(rates)))
    figures = []
    for q in _QUANTILES:
        position = (count - 1) * q
        low = np.floor(position).astype(np.int64)
        high = np.minimum(low + 1, count - 1)
        fraction = position - low
        a = sorted_rates[starts + low]
        b = sorted_rates[starts + high]
        figures.append(a + fraction * (b - a))
    total = np.add.reduceat(sorted_rates, starts)
    suppressed = count < threshold
    for values in (*figures, total):
        values[suppressed] = np.nan
    return GroupStats(keys[order[starts]], count, figures[0], figures[1], figures[2], total,
                      suppressed, sorted_codes[starts], encoder)


def _with_family_groups(data: RateData, *extra: np.ndarray) -> np.ndarray:
    """Keys (family, level, *extra) with each person also in their family's whole group."""
    level_keys = np.column_stack((data.family, data.level, *extra))
    family_keys = np.column_stack((data.family, np.full(len(data), WHOLE_FAMILY), *extra))
    return np.concatenate((level_keys, family_keys))


def benchmarks(data: RateData, *, threshold: int = THRESHOLD) -> GroupStats:
    """Per role level (keys ``family, level``) and per family (level ``WHOLE_FAMILY``)."""
    keys = _with_family_groups(data).reshape(-1, 2)
    return group_stats(keys, np.concatenate((data.rate, data.rate)), threshold=threshold)


@dataclass(frozen=True)
class Variance:
    """Sub-groups (keys ``family, level, by``) beside their group's figures."""

    stats: GroupStats
    group_count: np.ndarray
    group_median: np.ndarray
    group_suppressed: np.ndarray

    @property
    def difference(self) -> np.ndarray:
        """The sub-group's median less the group's (NaN when either is suppressed)."""
        return self.stats.median - self.group_median

    @property
    def ratio(self) -> np.ndarray:
        """The sub-group's median as a fraction of the group's, less one."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.group_median > 0,
                            self.stats.median / self.group_median - 1.0, np.nan)


def variance(data: RateData, by: np.ndarray, *, threshold: int = THRESHOLD,
             groups: GroupStats | None = None) -> Variance:
    """Median per organisation (or supplier) within each group against the group's.

    ``by`` is the organisation or supplier code of each person; people with code -1 (no
    supplier) are left out of the sub-groups but still count in the groups."""
    groups = groups if groups is not None else benchmarks(data, threshold=threshold)
    by = np.asarray(by, dtype=np.int64)
    keep = by >= 0
    kept = RateData(data.rate[keep], data.family[keep], data.level[keep],
                    data.organisation[keep], data.supplier[keep])
    keys = _with_family_groups(kept, by[keep]).reshape(-1, 3)
    stats = group_stats(keys, np.concatenate((kept.rate, kept.rate)), threshold=threshold)
    where = groups.locate(stats.keys[:, :2])
    return Variance(stats, groups.count[where], groups.median[where], groups.suppressed[where])


def flags(data: RateData, groups: GroupStats) -> np.ndarray:
    """True for each rate above its role level's 75th percentile (groups not suppressed)."""
    if len(data) == 0:
        return np.zeros(0, dtype=bool)
    where = groups.locate(np.column_stack((data.family, data.level)))
    upper = groups.upper_quartile[where]
    with np.errstate(invalid="ignore"):
        return ~groups.suppressed[where] & (data.rate > upper)


@dataclass(frozen=True)
class FlagCounts:
    """Per organisation or supplier code: people with a rate, and how many are flagged."""

    code: np.ndarray
    rated: np.ndarray
    above: np.ndarray


def flag_counts(by: np.ndarray, flagged: np.ndarray) -> FlagCounts:
    """Counts of rates, and of flagged rates, per code (codes below 0 left out)."""
    by = np.asarray(by, dtype=np.int64)
    keep = by >= 0
    codes, inverse = np.unique(by[keep], return_inverse=True)
    rated = np.bincount(inverse, minlength=len(codes))
    above = np.bincount(inverse, weights=flagged[keep].astype(np.float64),
                        minlength=len(codes)).astype(np.int64)
    return FlagCounts(codes, rated, above)


@dataclass(frozen=True)
class Costs:
    """Per (family, level, organisation) and per (family, level) across organisations
    (organisation ``ALL_ORGANISATIONS``): the yearly cost of the contingent people at their
    day rates and of employing as many at the level's employed cost per head (NaN where no
    pay range is held, or the row is suppressed)."""

    keys: np.ndarray
    count: np.ndarray
    contingent: np.ndarray
    employed: np.ndarray
    suppressed: np.ndarray

    @property
    def difference(self) -> np.ndarray:
        """Contingent less employed: what the contingent people cost above employed staff."""
        return self.contingent - self.employed


def costs(data: RateData, employed_per_head: Mapping[int, float], *,
          threshold: int = THRESHOLD, days: int = WORKING_DAYS_PER_YEAR) -> Costs:
    """Yearly contingent cost against employed cost per role level and organisation.

    ``employed_per_head`` maps a level id to the yearly cost of one employed person at the
    grade the level expects; a level not in it has no employed cost (NaN)."""
    n = len(data)
    keys = np.concatenate((
        np.column_stack((data.family, data.level, data.organisation)),
        np.column_stack((data.family, data.level, np.full(n, ALL_ORGANISATIONS))),
    )).reshape(-1, 3)
    stats = group_stats(keys, np.concatenate((data.rate, data.rate)), threshold=threshold)
    contingent = stats.total * days
    per_head = np.array([employed_per_head.get(int(level), np.nan)
                         for level in stats.keys[:, 1]], dtype=np.float64)
    employed = per_head * stats.count
    employed[stats.suppressed] = np.nan
    return Costs(stats.keys, stats.count, contingent, employed, stats.suppressed)


def employed_cost(*, minimum: float, maximum: float, on_cost_percent: float) -> float:
    """Yearly cost of one employed person: the pay range's midpoint plus employer on-costs
    (National Insurance, pension) as a percentage of pay."""
    return (minimum + maximum) / 2.0 * (1.0 + on_cost_percent / 100.0)


# ---------------------------------------------------------------------------------------
# Plain reference implementations (dicts and sorted lists), for the tests.
# ---------------------------------------------------------------------------------------

def reference_quantile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between ranks (NumPy's default, R's type 7)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (position - low) * (ordered[high] - ordered[low])


def _reference_groups(rows: Sequence[tuple], key_of) -> dict[tuple, list[float]]:  # noqa: ANN001
    groups: dict[tuple, list[float]] = defaultdict(list)
    for row in rows:
        for key in key_of(row):
            groups[key].append(row[0])
    return groups


def _reference_figures(values: list[float], threshold: int) -> dict[str, float | int | bool]:
    n = len(values)
    if n < threshold:
        return {"count": n, "suppressed": True}
    return {"count": n, "suppressed": False,
            "lower_quartile": reference_quantile(values, 0.25),
            "median": reference_quantile(values, 0.5),
            "upper_quartile": reference_quantile(values, 0.75),
            "total": sum(values)}


def reference_benchmarks(rows: Sequence[tuple[float, int, int, int, int]], *,
                         threshold: int = THRESHOLD) -> dict[tuple[int, int], dict]:
    """``{(family, level): figures}`` from rows ``(rate, family, level, org, supplier)``."""
    groups = _reference_groups(rows, lambda r: [(r[1], r[2]), (r[1], WHOLE_FAMILY)])
    return {k: _reference_figures(v, threshold) for k, v in groups.items()}


def reference_variance(rows: Sequence[tuple[float, int, int, int, int]], column: int, *,
                       threshold: int = THRESHOLD) -> dict[tuple[int, int, int], dict]:
    """``{(family, level, code): figures + group_median}``; column 3 organisation, 4
    supplier (codes below 0 left out)."""
    groups = reference_benchmarks(rows, threshold=threshold)
    subs = _reference_groups(
        [r for r in rows if r[column] >= 0],
        lambda r: [(r[1], r[2], r[column]), (r[1], WHOLE_FAMILY, r[column])])
    out = {}
    for key, values in subs.items():
        figures = _reference_figures(values, threshold)
        figures["group_median"] = groups[key[:2]].get("median")
        out[key] = figures
    return out


def reference_flags(rows: Sequence[tuple[float, int, int, int, int]], *,
                    threshold: int = THRESHOLD) -> list[bool]:
    groups = reference_benchmarks(rows, threshold=threshold)
    result = []
    for row in rows:
        group = groups[(row[1], row[2])]
        result.append(not group["suppressed"] and row[0] > group["upper_quartile"])
    return result


def reference_costs(rows: Sequence[tuple[float, int, int, int, int]],
                    employed_per_head: Mapping[int, float], *, threshold: int = THRESHOLD,
                    days: int = WORKING_DAYS_PER_YEAR) -> dict[tuple[int, int, int], dict]:
    groups = _reference_groups(rows, lambda r: [(r[1], r[2], r[3]),
                                                (r[1], r[2], ALL_ORGANISATIONS)])
    out = {}
    for key, values in groups.items():
        n = len(values)
        if n < threshold:
            out[key] = {"count": n, "suppressed": True}
            continue
        per_head = employed_per_head.get(key[1])
        out[key] = {"count": n, "suppressed": False, "contingent": sum(values) * days,
                    "employed": None if per_head is None else per_head * n}
    return out
