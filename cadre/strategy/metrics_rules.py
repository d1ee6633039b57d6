"""Plain rules for strategy metrics (issue 19 point 3): reading period labels, checking a
value against its unit, and which values must be hidden. No Django.

Period labels
-------------
- a financial year ``2025-26``: 1 April 2025 to 31 March 2026 (``2025/26`` is read too);
- a quarter ``2025 Q3``: a calendar quarter, here 1 July to 30 September 2025;
- a month ``2025-10``: 1 to 31 October 2025.

``2011-12`` could be the financial year 2011-12 or December 2011; when the metric's
frequency is known (yearly or monthly) it decides, otherwise such a label is refused with
both readings named. Years run from ``MIN_YEAR`` to ``MAX_YEAR``.

Hiding values
-------------
A value resting on 1 to 4 people (``THRESHOLD`` 5) is hidden and reads "fewer than 5
people". When the whole-of-government value of the same metric and period is shown and
exactly one organisation's value is hidden, the organisation whose value rests on the
fewest people (more than none) is hidden too, marked ``[c]``: otherwise the hidden one
could be worked out from the total and the others (:func:`hidden_marks`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

__all__ = [
    "MAX_ABS_VALUE",
    "MAX_YEAR",
    "MIN_YEAR",
    "PROTECTED",
    "SMALL",
    "THRESHOLD",
    "PeriodError",
    "PeriodSpec",
    "ValueProblem",
    "check_value",
    "hidden_marks",
    "note_for",
    "parse_period",
    "period_label",
    "period_kind",
]

MIN_YEAR, MAX_YEAR = 1990, 2100
#: Values rest on at least this many people to be shown.
THRESHOLD = 5
#: The largest value (in size) any metric holds, and the places kept after the point.
MAX_ABS_VALUE = 10**12
PLACES = 4
#: Marks of a hidden value: small itself, or hidden to protect another.
SMALL, PROTECTED = "small", "protected"

YEARLY, QUARTERLY, MONTHLY = "yearly", "quarterly", "monthly"

_FY = re.compile(r"([0-9]{4})\s*[-/]\s*([0-9]{2})")
_QUARTER = re.compile(r"([0-9]{4})\s*[- ]?\s*[Qq]([0-9])")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


class PeriodError(ValueError):
    """A label that names no period; the message says what to write instead."""


@dataclass(frozen=True)
class PeriodSpec:
    """A period read from its label: canonical label, first and last day, frequency."""

    label: str
    start: dt.date
    end: dt.date
    frequency: str

    @property
    def words(self) -> str:
        if self.frequency == YEARLY:
            return f"financial year {self.label}"
        return f"{self.start:%B %Y}" if self.frequency == MONTHLY else self.label


HELP = ('Write a financial year as "2025-26", a quarter as "2025 Q3" or a month as '
        '"2025-10".')


def _year(text: str) -> int:
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"The year {year} is outside {MIN_YEAR} to {MAX_YEAR}.")
    return year


def financial_year(year: int) -> PeriodSpec:
    return PeriodSpec(f"{year}-{(year + 1) % 100:02d}", dt.date(year, 4, 1),
                      dt.date(year + 1, 3, 31), YEARLY)


def quarter(year: int, number: int) -> PeriodSpec:
    first = 3 * (number - 1) + 1
    last = first + 2
    return PeriodSpec(f"{year} Q{number}", dt.date(year, first, 1),
                      dt.date(year, last, calendar.monthrange(year, last)[1]), QUARTERLY)


def month(year: int, number: int) -> PeriodSpec:
    return PeriodSpec(f"{year}-{number:02d}", dt.date(year, number, 1),
                      dt.date(year, number, calendar.monthrange(year, number)[1]), MONTHLY)


def parse_period(text: object, frequency: str | None = None) -> PeriodSpec:
    """The period ``text`` names; ``frequency`` (yearly, quarterly, monthly) when known
    settles ``2011-12`` and refuses a label of another frequency."""
    raw = str(text if text is not None else "").strip()
    if not raw:
        raise PeriodError(f"Give a period. {HELP}")
    if len(raw) > 20 or "\x00" in raw:
        raise PeriodError(f"'{raw[:20]}…' is not a period. {HELP}")
    readings: list[PeriodSpec] = []
    if found := _QUARTER.fullmatch(raw):
        number = int(found.group(2))
        if not 1 <= number <= 4:
            raise PeriodError(f"'{raw}': a year has quarters Q1 to Q4.")
        readings.append(quarter(_year(found.group(1)), number))
    if found := _FY.fullmatch(raw):
        year = _year(found.group(1))
        if int(found.group(2)) == (year + 1) % 100:
            readings.append(financial_year(year))
        elif "/" in raw:
            raise PeriodError(f"'{raw}': a financial year runs into the next year, so "
                              f"{year} is followed by {(year + 1) % 100:02d} ({year}-"
                              f"{(year + 1) % 100:02d}).")
    if found := _MONTH.fullmatch(raw):
        year, number = _year(found.group(1)), int(found.group(2))
        if 1 <= number <= 12:
            readings.append(month(year, number))
        elif not readings:
            raise PeriodError(f"'{raw}' is neither a month (01 to 12) nor a financial year "
                              f"(which would be {year}-{(year + 1) % 100:02d}).")
    if not readings:
        raise PeriodError(f"'{raw}' is not a period. {HELP}")
    if frequency is not None:
        matching = [r for r in readings if r.frequency == frequency]
        if not matching:
            raise PeriodError(f"'{raw}' is a {readings[0].frequency} period; this metric "
                              f"is {frequency}: {_example(frequency)}.")
        return matching[0]
    if len(readings) > 1:
        raise PeriodError(f"'{raw}' could be the financial year {readings[0].label} or "
                          f"{readings[1].start:%B %Y}; choose the metric (or frequency) "
                          "to settle it.")
    return readings[0]


def period_label(text: object) -> str:
    """The canonical label of ``text`` read as a period of any frequency (``2011-12``
    stays as it is: it reads as a financial year and a month alike); ``PeriodError`` when
    it names none."""
    problem: PeriodError | None = None
    for frequency in (YEARLY, QUARTERLY, MONTHLY):
        try:
            return parse_period(text, frequency).label
        except PeriodError as error:
            problem = problem or error
    try:
        return parse_period(text).label
    except PeriodError as error:
        raise error from problem


def _example(frequency: str) -> str:
    return {YEARLY: 'write a financial year such as "2025-26"',
            QUARTERLY: 'write a quarter such as "2025 Q3"',
            MONTHLY: 'write a month such as "2025-10"'}[frequency]


def period_kind(frequency: str) -> str:
    return {YEARLY: "financial year", QUARTERLY: "quarter", MONTHLY: "month"}[frequency]


class ValueProblem(ValueError):
    """A value its unit cannot hold; the message says why."""


def check_value(value: float, unit: str) -> float:
    """``value`` if its unit allows it: a percentage from 0 to 100, a count a whole number
    of at least 0, pounds, days and ratios at least 0; never more than ``MAX_ABS_VALUE``
    nor more than ``PLACES`` places after the point."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueProblem("Give a number.")
    if not math.isfinite(value):
        raise ValueProblem("Give a finite number.")
    if value < 0:
        raise ValueProblem("A value cannot be negative.")
    if value > MAX_ABS_VALUE:
        raise ValueProblem(f"Give a value of at most {MAX_ABS_VALUE:,}.")
    if unit == "percent" and value > 100:
        raise ValueProblem("A percentage is from 0 to 100.")
    if unit == "count" and value != int(value):
        raise ValueProblem("A count is a whole number.")
    if round(value, PLACES) != value:
        raise ValueProblem(f"Give at most {PLACES} places after the decimal point.")
    return value


def hidden_marks(people: Mapping[Hashable, int | None], *, total_shown: bool,
                 threshold: int = THRESHOLD) -> dict[Hashable, str]:
    """Which of one metric's values for one period to hide: key -> ``SMALL`` (rests on 1
    to ``threshold - 1`` people) or ``PROTECTED`` (the smallest other value hidden with a
    lone small one while the total is shown). ``people`` of None (not known) is never
    small and never a partner."""
    marks = {key: SMALL for key, n in people.items() if n is not None and 0 < n < threshold}
    if total_shown and len(marks) == 1:
        others = [(n, str(key), key) for key, n in people.items()
                  if key not in marks and n is not None]
        nonzero = [o for o in others if o[0] > 0]
        pool = nonzero or others
        if pool:
            marks[min(pool)[2]] = PROTECTED
    return marks


def note_for(mark: str | None, threshold: int = THRESHOLD) -> str:
    """The words shown in place of a hidden value (empty for a shown one)."""
    if mark == SMALL:
        return f"Hidden: based on fewer than {threshold} people"
    if mark == PROTECTED:
        return ("Hidden [c]: not small, but shown it would let a smaller figure be "
                "worked out")
    return ""
