"""Periods for counting contributions (plain Python, no Django).

A period is a financial year written ``2025-26`` (1 April 2025 to 31 March 2026) or a
calendar year written ``2025``. A contribution counts in a period when its dates overlap it
(a contribution still going on has no end).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MIN_YEAR = 2000
MAX_YEAR = 2100
MAX_PERIOD_LENGTH = 7

_FINANCIAL = re.compile(r"([0-9]{4})-([0-9]{2})")
_CALENDAR = re.compile(r"([0-9]{4})")


class PeriodError(ValueError):
    """A period that is not ``YYYY-YY`` or ``YYYY`` between 2000 and 2100."""


@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date

    def overlaps(self, starts_on: date | None, ends_on: date | None) -> bool:
        """Whether dates from ``starts_on`` to ``ends_on`` (either open) meet the period."""
        return ((starts_on is None or starts_on <= self.end)
                and (ends_on is None or ends_on >= self.start))


def financial_year(on: date) -> Period:
    """The financial year holding ``on``."""
    first = on.year if on.month >= 4 else on.year - 1
    return Period(f"{first}-{(first + 1) % 100:02d}", date(first, 4, 1), date(first + 1, 3, 31))


def parse_period(text: str | None, *, today: date) -> Period:
    """The period ``text`` names; the financial year holding ``today`` when blank."""
    value = (text or "").strip()
    if not value:
        return financial_year(today)
    if len(value) > MAX_PERIOD_LENGTH or "\x00" in value:
        raise PeriodError("Enter a period as a financial year like 2025-26 or a year like 2025.")
    if match := _FINANCIAL.fullmatch(value):
        first, second = int(match.group(1)), int(match.group(2))
        _check_year(first)
        if second != (first + 1) % 100:
            raise PeriodError(f"{value} is not a financial year: the second year follows the "
                              f"first, as in {first}-{(first + 1) % 100:02d}.")
        period = Period(value, date(first, 4, 1), date(first + 1, 3, 31))
    elif match := _CALENDAR.fullmatch(value):
        first = _check_year(int(match.group(1)))
        period = Period(value, date(first, 1, 1), date(first, 12, 31))
    else:
        raise PeriodError("Enter a period as a financial year like 2025-26 or a year like 2025.")
    return period


def _check_year(first: int) -> int:
    """The first year, checked before any date is made of it (year 0 is no date)."""
    if not MIN_YEAR <= first <= MAX_YEAR:
        raise PeriodError(f"The period must start between {MIN_YEAR} and {MAX_YEAR}.")
    return first
