"""Checking departmental commitment rows, and rolling entries up into successors.

Plain Python, no Django: the importer (``services.commitments``) reads the file with
``core.tabular`` and hands the rows here; every problem of every row is collected before
anything is written. Limits are documented in docs/limits.md ("Strategy", "Commitments").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

COLUMNS = ("strategy", "action", "organisation", "kind", "period", "text")
#: An export's column, read when present: yes/true or no/false; blank reads the text.
OPTIONAL_COLUMNS = ("not_applicable",)
_YES, _NO = {"true", "yes", "1", "y"}, {"false", "no", "0", "n"}
KINDS = ("commitment", "progress", "plan")
MAX_STRATEGY = 200
MAX_ACTION = 300
MAX_ORGANISATION = 200
MAX_PERIOD = 20
MAX_TEXT = 10_000
MAX_ABBREVIATION = 30
#: Periods from this year to this year are accepted.
FIRST_YEAR, LAST_YEAR = 1990, 2100

_PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?")
#: The text opens by saying the action does not apply: "Not applicable but ...", "N/A",
#: "This action is not applicable to HMT.", "The action does not apply to us". The words
#: later in a sentence ("training is not applicable to contractors; we trained 200") do not.
_NOT_APPLICABLE = re.compile(
    r"[\W_]*(?:(?:this|the)\s+(?:action|commitment)\s+(?:is|was)\s+not[\s-]+applicable"
    r"|(?:this|the)\s+(?:action|commitment)\s+(?:does|did)\s+not\s+apply"
    r"|not[\s-]+applicable|n/a)\b", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def period_problem(value: str) -> str | None:
    """Why ``value`` is not a period (a year "2013" or a month "2012-12"), or None."""
    match = _PERIOD.fullmatch(value)
    if not match:
        return (f"'{value[:40]}' is not a period: give a year (2013) or a year and month "
                "(2012-12).")
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"the year must be from {FIRST_YEAR} to {LAST_YEAR}, not {year}."
    if match.group(2) is not None and not 1 <= int(match.group(2)) <= 12:
        return f"the month must be from 01 to 12, not {match.group(2)}."
    return None


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def period_label(period: str) -> str:
    """A period in words: "2012-12" is "December 2012", a year stays as it is (anything
    else, which the checks keep out, is shown as given)."""
    match = _PERIOD.fullmatch(period)
    if match and match.group(2) is not None and 1 <= int(match.group(2)) <= 12:
        return f"{_MONTHS[int(match.group(2)) - 1]} {match.group(1)}"
    return period


def says_not_applicable(text: str) -> bool:
    """Whether the text opens by recording the action as not applicable ("This action is
    not applicable to HMT.", "Not applicable but ..."); the words inside a later sentence
    are not read as the mark."""
    return bool(_NOT_APPLICABLE.match(text))


def name_key(name: str) -> str:
    """How two spellings of one name in a file are compared: case and spacing ignored."""
    return _SPACES.sub(" ", name.replace("\u2019", "'")).strip().casefold()


@dataclass(frozen=True)
class RowProblem:
    """One problem: its row (None for the file) and column (None for the whole row)."""

    row: int | None
    column: str | None
    message: str


@dataclass(frozen=True)
class CheckedRow:
    """A row that passed every check, its values trimmed and the kind in lower case."""

    number: int
    strategy: str
    action: str
    organisation: str
    kind: str
    period: str
    text: str
    not_applicable: bool


_LIMITS = {"strategy": MAX_STRATEGY, "action": MAX_ACTION, "organisation": MAX_ORGANISATION,
           "period": MAX_PERIOD, "text": MAX_TEXT}


def check_rows(rows: Iterable[tuple[int, Mapping[str, str]]]
               ) -> tuple[list[CheckedRow], list[RowProblem]]:
    """Check each ``(row number, values)``: every column present, within its limit, a known
    kind, a valid period, a readable ``not_applicable`` if given (text may then be blank),
    and no two rows for one strategy, action, organisation, kind and period. Returns the
    good rows and every problem found."""
    good: list[CheckedRow] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, ...], int] = {}
    for number, values in rows:
        cells = {c: str(values.get(c) or "").strip() for c in COLUMNS}
        flag = str(values.get("not_applicable") or "").strip().lower()
        bad = False
        for column in COLUMNS:
            value = cells[column]
            if "\x00" in value:
                problems.append(RowProblem(number, column, "contains a NUL character."))
                bad = True
            elif not value and not (column == "text" and flag in _YES):
                problems.append(RowProblem(number, column, "is empty: give a value."))
                bad = True
            elif len(value) > _LIMITS.get(column, MAX_TEXT):
                problems.append(RowProblem(
                    number, column, f"has {len(value):,} characters; the limit is "
                                    f"{_LIMITS.get(column, MAX_TEXT):,}."))
                bad = True
        kind = cells["kind"].lower()
        if cells["kind"] and "\x00" not in kind and kind not in KINDS:
            problems.append(RowProblem(number, "kind", f"'{cells['kind'][:40]}' is not a "
                                       f"kind: use {', '.join(KINDS)}."))
            bad = True
        if cells["period"] and len(cells["period"]) <= MAX_PERIOD \
                and "\x00" not in cells["period"]:
            problem = period_problem(cells["period"])
            if problem:
                problems.append(RowProblem(number, "period", problem))
                bad = True
        if flag and flag not in _YES | _NO:
            problems.append(RowProblem(number, "not_applicable", (
                f"'{flag[:20]}' is not yes or no (leave it blank to read the text).")))
            bad = True
        if bad:
            continue
        key = (name_key(cells["strategy"]), name_key(cells["action"]),
               name_key(cells["organisation"]), kind, cells["period"])
        if key in seen:
            problems.append(RowProblem(number, None, (
                f"repeats row {seen[key]}: one entry per strategy, action, organisation, "
                "kind and period.")))
            continue
        seen[key] = number
        good.append(CheckedRow(number=number, strategy=cells["strategy"],
                               action=cells["action"], organisation=cells["organisation"],
                               kind=kind, period=cells["period"], text=cells["text"],
                               not_applicable=(flag in _YES if flag else
                                               says_not_applicable(cells["text"]))))
    return good, problems


def parse_mappings(lines: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """``"Old name=ABBR"`` pairs (the last "=" splits them) as {name: abbreviation}, and
    a message for each that cannot be read."""
    mapping: dict[str, str] = {}
    problems: list[str] = []
    for raw in lines:
        text = str(raw).strip()
        if not text:
            continue
        name, sep, abbreviation = text.rpartition("=")
        name, abbreviation = name.strip(), abbreviation.strip()
        if not sep or not name or not abbreviation:
            problems.append(f"'{text[:60]}' is not NAME=ABBREVIATION.")
        elif "\x00" in text:
            problems.append("A mapping contains a NUL character.")
        elif len(name) > MAX_ORGANISATION or len(abbreviation) > MAX_ABBREVIATION:
            problems.append(f"'{text[:60]}': a name has at most {MAX_ORGANISATION} "
                            f"characters and an abbreviation at most {MAX_ABBREVIATION}.")
        elif name_key(name) in {name_key(n) for n in mapping}:
            problems.append(f"'{name[:60]}' is mapped twice.")
        else:
            mapping[name] = abbreviation
    return mapping, problems


def order_periods(columns: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(period, kind) columns in time order, and within a period commitment, progress,
    then plan. A month ("2012-12") sorts before the next year ("2013")."""
    return sorted(set(columns), key=lambda c: (c[0], KINDS.index(c[1]) if c[1] in KINDS
                                               else len(KINDS)))


@dataclass
class RolledUp:
    """Cells of a comparison after rolling up: ``cells[row id][(period, kind)]`` is a list
    of ``(from id, item)``; ``rolled[closed id]`` names the successors it went into."""

    cells: dict[int, dict[tuple[str, str], list[tuple[int, object]]]] = field(
        default_factory=dict)
    rolled: dict[int, list[int]] = field(default_factory=dict)


def roll_up(items: Sequence[tuple[int, tuple[str, str], object]],
            successors: Mapping[int, Sequence[int]]) -> RolledUp:
    """Put each ``(organisation id, column, item)`` in its organisation's row, or, when the
    organisation has successors other than itself, in each successor's row instead
    (a split shows the entry under every successor; a merger shows several entries in one
    cell). Every item keeps the id of the organisation it came from."""
    result = RolledUp()
    for owner, column, item in items:
        targets = [s for s in successors.get(owner, ()) if s != owner]
        if targets:
            result.rolled.setdefault(owner, sorted(set(targets)))
        for target in (sorted(set(targets)) or [owner]):
            result.cells.setdefault(target, {}).setdefault(column, []).append((owner, item))
    return result
