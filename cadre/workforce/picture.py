"""The workforce picture: headcount tables, contingent labour and change over extracts.

Plain Python and NumPy, no Django. The input is already aggregated by the
database: each ``Group`` is one row of a GROUP BY (people who share a role,
grade, location, employment type and organisation), so the work here grows with
the number of distinct combinations, not with the number of people.

Every table is built once, with or without small-cell suppression
(``cadre.core.suppression``): counts from 1 to 4 are hidden, partners are
hidden where a total would give them away, and anything worked out from a
hidden count (a share, a cost, a change) is hidden with it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from cadre.core.suppression import (
    PROTECTED_LABEL,
    suppress_series,
    suppress_table,
    suppressed_label,
)

#: Working days a year used to annualise day rates (shown on the pages too).
WORKING_DAYS_PER_YEAR = 220
#: Cells below this are hidden where suppression applies.
THRESHOLD = 5
#: Label of a group whose value is not recorded (no role level, grade or location).
NOT_RECORDED = "Not recorded"

EMPLOYED = "Employed"
CONTINGENT = "Contractors, consultants and interims"


@dataclass(frozen=True)
class Group:
    """People who share every characteristic below (one row of a GROUP BY)."""

    count: int
    family: str = ""
    role: str = ""
    grade: str = ""
    location: str = ""
    employment_type: str = ""
    organisation: str = ""
    #: How many of them have a day rate, and the sum of those day rates.
    rated: int = 0
    day_rate_total: float = 0.0


@dataclass(frozen=True)
class ExtractPoint:
    """One extract: the profession in it and what changed since the previous one."""

    organisation: str
    taken_on: dt.date
    headcount: int
    contingent: int
    joiners: int = 0
    leavers: int = 0
    changed: int = 0


@dataclass(frozen=True)
class Cell:
    """A value as shown: ``value`` is None when hidden or when there is nothing to show.

    ``small`` marks a hidden count that is itself below the threshold ("fewer than
    5"); any other hidden value (a partner, a total, a share or cost worked out
    from a hidden count) reads ``[c]``.
    """

    value: int | float | None
    suppressed: bool = False
    kind: str = "count"  # count, percent or money
    small: bool = False

    @property
    def hidden_label(self) -> str:
        return suppressed_label(THRESHOLD) if self.small else PROTECTED_LABEL

    @property
    def text(self) -> str:
        if self.suppressed:
            return self.hidden_label
        if self.value is None:
            return ""
        if self.kind == "percent":
            return f"{self.value:.1f}%"
        if self.kind == "money":
            return f"£{self.value:,.0f}"
        return f"{int(self.value):,}"

    def __str__(self) -> str:
        return self.text


HIDDEN = Cell(None, suppressed=True)


@dataclass
class TableRow:
    label: str
    cells: list[Cell]


@dataclass
class Table:
    """One table of the picture; ``chart_column`` is the column its bar chart draws."""

    key: str
    caption: str
    row_header: str
    columns: list[str]
    rows: list[TableRow]
    total: TableRow | None = None
    chart_column: int = 0
    suppressed: bool = False
    notes: list[str] = field(default_factory=list)

    def chart_values(self) -> list[tuple[str, float | str | None]]:
        """(label, value) pairs for a chart; a hidden value is its label (text)."""
        return [(r.label, r.cells[self.chart_column].hidden_label
                 if r.cells[self.chart_column].suppressed else r.cells[self.chart_column].value)
                for r in self.rows]

    @property
    def any_hidden(self) -> bool:
        return any(c.suppressed for r in self._all_rows() for c in r.cells)

    def _all_rows(self) -> list[TableRow]:
        return [*self.rows, self.total] if self.total else list(self.rows)


SMALL = Cell(None, suppressed=True, small=True)


def _count(value: int | str) -> Cell:
    if isinstance(value, str):
        return HIDDEN if value == PROTECTED_LABEL else SMALL
    return Cell(int(value))


def _share(part: Cell, whole: Cell) -> Cell:
    """``part`` as a percentage of ``whole``; hidden if either is hidden."""
    if part.suppressed or whole.suppressed:
        return HIDDEN
    if not whole.value:
        return Cell(None, kind="percent")
    return Cell(round(100 * float(part.value or 0) / float(whole.value), 1), kind="percent")


def _protect(counts: np.ndarray, suppress: bool):  # noqa: ANN202
    # A threshold of 1 hides nothing: the same table, shown exactly.
    return suppress_table(counts, threshold=THRESHOLD if suppress else 1)


def _ordered(labels: Iterable[str], order: Sequence[str] | None) -> list[str]:
    present = set(labels)
    first = [x for x in (order or ()) if x in present]
    rest = sorted(present - set(first), key=lambda x: (x == NOT_RECORDED, x.lower()))
    return first + rest


_CONTINGENT_TYPES: frozenset[str] = frozenset({"contractor", "consultant", "interim"})
DIMENSIONS = ("family", "role", "grade", "location", "organisation", "employment_type")


@dataclass
class Profession:
    """The current profession as columns: one entry per person, or per group of people.

    ``codes[dimension]`` holds an integer per entry (-1 when not recorded) and
    ``labels[dimension]`` names each code; several codes may share a name (the
    levels of one role, say), and their people are then counted together. The
    labels of ``employment_type`` are the stored values (``contractor``, ...).
    """

    count: np.ndarray
    rated: np.ndarray
    day_rate_total: np.ndarray
    codes: dict[str, np.ndarray]
    labels: dict[str, Mapping[int, str]]

    @cached_property
    def contingent(self) -> np.ndarray:
        wanted = [c for c, t in self.labels["employment_type"].items() if t in _CONTINGENT_TYPES]
        return np.isin(self.codes["employment_type"], wanted)

    @classmethod
    def from_groups(cls, groups: Sequence[Group]) -> Profession:
        """Columns from ``Group`` rows, coding each dimension by its text."""
        codes, labels = {}, {}
        for dim in DIMENSIONS:
            names = sorted({getattr(g, dim) for g in groups if getattr(g, dim)})
            index = {name: i for i, name in enumerate(names)}
            codes[dim] = np.array([index.get(getattr(g, dim), -1) for g in groups],
                                  dtype=np.int64)
            labels[dim] = dict(enumerate(names))
        return cls(
            count=np.array([g.count for g in groups], dtype=np.int64),
            rated=np.array([g.rated for g in groups], dtype=np.int64),
            day_rate_total=np.array([g.day_rate_total for g in groups], dtype=np.float64),
            codes=codes, labels=labels)


#: Codes up to this are summed with ``np.bincount`` (no sort); larger ones with ``np.unique``.
_DENSE_LIMIT = 1_000_000


def _sum_by(keys: np.ndarray, *weights: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """The distinct keys (codes of -1 and up), and each weight summed per key."""
    if keys.size == 0:
        return keys, [np.zeros(0) for _ in weights]
    top = int(keys.max())
    if top < _DENSE_LIMIT:
        shifted = keys + 1
        present = np.flatnonzero(np.bincount(shifted, minlength=top + 2))
        return present - 1, [np.bincount(shifted, weights=w, minlength=top + 2)[present]
                             for w in weights]
    distinct, inverse = np.unique(keys, return_inverse=True)
    return distinct, [np.bincount(inverse, weights=w, minlength=distinct.size)
                      for w in weights]


def headcount_table(profession: Profession, dimension: str, *, key: str, caption: str,
                    row_header: str, suppress: bool,
                    order: Sequence[str] | None = None) -> Table:
    """Headcount by one dimension, split into employed and contingent labour.

    ``dimension`` is one of ``DIMENSIONS``. Columns: employed, contingent,
    headcount, contingent share.
    """
    codes = profession.codes[dimension]
    names = profession.labels[dimension]
    contingent = profession.contingent
    distinct, (employed_n, contingent_n) = _sum_by(
        codes, profession.count * ~contingent, profession.count * contingent)
    label_of = [names.get(int(c), NOT_RECORDED) if c >= 0 else NOT_RECORDED for c in distinct]
    labels = _ordered(label_of, order)
    index = {label: i for i, label in enumerate(labels)}
    counts = np.zeros((len(labels), 2), dtype=np.int64)
    for k, label in enumerate(label_of):
        counts[index[label]] += (int(employed_n[k]), int(contingent_n[k]))
    table = _protect(counts, suppress)

    def line(label: str, employed: Cell, contingent: Cell, total: Cell) -> TableRow:
        return TableRow(label, [employed, contingent, total, _share(contingent, total)])

    rows = [line(label, _count(table.display(i, 0)), _count(table.display(i, 1)),
                 _count(table.display_row_total(i))) for i, label in enumerate(labels)]
    total = line("Total", _count(table.display_col_total(0)),
                 _count(table.display_col_total(1)), _count(table.display_grand_total()))
    return Table(key=key, caption=caption, row_header=row_header,
                 columns=[EMPLOYED, CONTINGENT, "Headcount", "Contingent share"],
                 rows=rows, total=total, chart_column=2, suppressed=suppress)


def _by_type(profession: Profession) -> dict[str, tuple[int, int, float]]:
    """Per stored employment type: people, people with a day rate, sum of day rates."""
    distinct, (count, rated, cost) = _sum_by(
        profession.codes["employment_type"], profession.count, profession.rated,
        profession.day_rate_total)
    names = profession.labels["employment_type"]
    totals: dict[str, tuple[int, int, float]] = {}
    for k, code in enumerate(distinct):
        name = names.get(int(code), "") if code >= 0 else ""
        before = totals.get(name, (0, 0, 0.0))
        totals[name] = (before[0] + int(count[k]), before[1] + int(rated[k]),
                        before[2] + float(cost[k]))
    return totals


def employment_type_table(profession: Profession, labels: Mapping[str, str], *,
                          suppress: bool) -> Table:
    """Headcount by employment type (``labels`` maps stored values to names, in order)."""
    totals = _by_type(profession)
    keys = list(labels) + sorted(set(totals) - set(labels))
    counts = np.array([[totals.get(k, (0, 0, 0.0))[0]] for k in keys],
                      dtype=np.int64).reshape(-1, 1)
    table = _protect(counts, suppress)
    rows = [TableRow(labels.get(k, k or NOT_RECORDED), [_count(table.display(i, 0))])
            for i, k in enumerate(keys)]
    return Table(key="employment-type", caption="Headcount by employment type",
                 row_header="Employment type", columns=["Headcount"], rows=rows,
                 total=TableRow("Total", [_count(table.display_grand_total())]),
                 suppressed=suppress)


def contingent_cost_table(profession: Profession, labels: Mapping[str, str], *,
                          suppress: bool,
                          working_days: int = WORKING_DAYS_PER_YEAR) -> Table:
    """Contractors, consultants and interims: headcount, day-rate cost per day and year.

    Costs are worked out only from people with a day rate; a cost, average or
    annual figure is hidden whenever the count of people it comes from is hidden.
    """
    totals = _by_type(profession)
    keys = [k for k in labels if k in _CONTINGENT_TYPES]
    counts = np.zeros((len(keys), 2), dtype=np.int64)  # with a day rate, without one
    money = np.zeros(len(keys), dtype=np.float64)
    for i, k in enumerate(keys):
        count, rated, cost = totals.get(k, (0, 0, 0.0))
        counts[i] = (rated, count - rated)
        money[i] = cost
    table = _protect(counts, suppress)

    def line(label: str, headcount: int | str, rated: int | str, cost: float) -> TableRow:
        rated_cell = _count(rated)
        if rated_cell.suppressed:
            daily = average = annual = HIDDEN
        else:
            daily = Cell(round(cost, 2), kind="money")
            average = (Cell(round(cost / rated_cell.value, 2), kind="money")
                       if rated_cell.value else Cell(None, kind="money"))
            annual = Cell(round(cost * working_days, 2), kind="money")
        return TableRow(label, [_count(headcount), rated_cell, daily, average, annual])

    rows = [line(labels[k], table.display_row_total(i), table.display(i, 0), float(money[i]))
            for i, k in enumerate(keys)]
    total = line("Total", table.display_grand_total(), table.display_col_total(0),
                 float(money.sum()))
    return Table(
        key="contingent-cost", caption="Contractors, consultants and interims: day-rate cost",
        row_header="Employment type",
        columns=["Headcount", "With a day rate", "Cost per day", "Average day rate",
                 f"Cost per year ({working_days} days)"],
        rows=rows, total=total, chart_column=2, suppressed=suppress,
        notes=[f"Cost per year assumes {working_days} working days a year; it counts only "
               "people whose day rate is recorded."])


def combine_by_month(points: Sequence[ExtractPoint]) -> list[ExtractPoint]:
    """Several organisations' extracts as one series, one point per month.

    Each month uses every organisation's latest extract taken by the end of that
    month (carried forward), so organisations that report on different days add
    up; joiners, leavers and changes are those of the extracts taken in the month.
    """
    if not points:
        return []
    months = sorted({(p.taken_on.year, p.taken_on.month) for p in points})
    by_org: dict[str, list[ExtractPoint]] = defaultdict(list)
    for p in sorted(points, key=lambda p: p.taken_on):
        by_org[p.organisation].append(p)
    series = []
    for year, month in months:
        latest = []
        for org_points in by_org.values():
            before = [p for p in org_points if (p.taken_on.year, p.taken_on.month) <= (year,
                                                                                      month)]
            if before:
                latest.append(before[-1])
        within = [p for p in points if (p.taken_on.year, p.taken_on.month) == (year, month)]
        series.append(ExtractPoint(
            organisation="", taken_on=dt.date(year, month, 1),
            headcount=sum(p.headcount for p in latest),
            contingent=sum(p.contingent for p in latest),
            joiners=sum(p.joiners for p in within), leavers=sum(p.leavers for p in within),
            changed=sum(p.changed for p in within)))
    return series


def change_table(points: Sequence[ExtractPoint], *, suppress: bool,
                 monthly: bool = False) -> Table:
    """Headcount of the profession and contingent share per extract, and the change."""
    rows: list[TableRow] = []
    previous: Cell | None = None
    for p in sorted(points, key=lambda p: p.taken_on):
        table = _protect(np.array([[p.headcount - p.contingent, p.contingent]]), suppress)
        headcount = _count(table.display_row_total(0))
        contingent = _count(table.display(0, 1))
        if previous is None or previous.suppressed or headcount.suppressed:
            change = HIDDEN if (previous is not None) else Cell(None)
        else:
            change = Cell(int(headcount.value) - int(previous.value))
        flows = (suppress_series([p.joiners, p.leavers, p.changed], threshold=THRESHOLD,
                                 total_shown=False)
                 if suppress else [p.joiners, p.leavers, p.changed])
        label = p.taken_on.strftime("%B %Y") if monthly else p.taken_on.isoformat()
        rows.append(TableRow(label, [headcount, contingent, _share(contingent, headcount),
                                     change, *(_count(f) for f in flows)]))
        previous = headcount
    return Table(
        key="change", caption="The profession over time, extract by extract"
        if not monthly else "The profession over time, month by month",
        row_header="Month" if monthly else "Extract taken on",
        columns=["Headcount", CONTINGENT, "Contingent share", "Change in headcount",
                 "Joiners (whole extract)", "Leavers (whole extract)",
                 "Changed records (whole extract)"],
        rows=rows, chart_column=0, suppressed=suppress,
        notes=["Joiners, leavers and changed records count everyone in the extract, "
               "not only the profession."] + (
            ["Each month adds up every organisation's latest extract by the end of that "
             "month."] if monthly else []))


@dataclass(frozen=True)
class Labels:
    """Names and orders the tables need from reference data (no Django here)."""

    employment_types: Mapping[str, str]
    grade_order: Sequence[str] = ()


def build_picture(profession: Profession, points: Sequence[ExtractPoint], labels: Labels, *,
                  suppress: bool, by_organisation: bool = False) -> list[Table]:
    """Every table of an organisation's (or, with ``by_organisation``, government's) picture."""
    tables = []
    if by_organisation:
        tables.append(headcount_table(profession, "organisation", key="organisation",
                                      caption="Headcount by organisation",
                                      row_header="Organisation", suppress=suppress))
    tables += [
        headcount_table(profession, "family", key="role-family", caption="Headcount by role family",
                        row_header="Role family", suppress=suppress),
        headcount_table(profession, "role", key="role", caption="Headcount by role",
                        row_header="Role", suppress=suppress),
        headcount_table(profession, "grade", key="grade", caption="Headcount by grade",
                        row_header="Grade", suppress=suppress, order=labels.grade_order),
        headcount_table(profession, "location", key="location", caption="Headcount by location",
                        row_header="Location", suppress=suppress),
        employment_type_table(profession, labels.employment_types, suppress=suppress),
        contingent_cost_table(profession, labels.employment_types, suppress=suppress),
        change_table(combine_by_month(points) if by_organisation else points,
                     suppress=suppress, monthly=by_organisation),
    ]
    return tables


def _raw(cell: Cell) -> int | float | str | None:
    return cell.hidden_label if cell.suppressed else cell.value


def table_records(table: Table) -> tuple[list[str], list[dict[str, object]]]:
    """Columns and rows for a CSV/XLSX/ODS file; hidden cells carry their label
    ("fewer than 5" when small, ``[c]`` when hidden to protect another)."""
    columns = [table.row_header, *table.columns]
    rows = [r for r in ([*table.rows, table.total] if table.total else table.rows)]
    return columns, [{table.row_header: r.label,
                      **{c: _raw(cell) for c, cell in zip(table.columns, r.cells, strict=True)}}
                     for r in rows]


def long_records(tables: Sequence[Table]) -> tuple[list[str], list[dict[str, object]]]:
    """Every table in one long list: table, group, measure, value."""
    columns = ["table", "group", "measure", "value"]
    rows = []
    for t in tables:
        for r in ([*t.rows, t.total] if t.total else t.rows):
            for c, cell in zip(t.columns, r.cells, strict=True):
                rows.append({"table": t.key, "group": r.label, "measure": c, "value": _raw(cell)})
    return columns, rows


def _row_json(row: TableRow) -> dict[str, object]:
    return {"label": row.label, "values": [c.value for c in row.cells],
            "suppressed": [c.suppressed for c in row.cells]}


def table_json(table: Table) -> dict[str, object]:
    """A table for the API: hidden values are null with ``suppressed`` true beside them."""
    return {"key": table.key, "caption": table.caption, "row_header": table.row_header,
            "columns": table.columns, "rows": [_row_json(r) for r in table.rows],
            "total": _row_json(table.total) if table.total else None,
            "notes": table.notes}
