"""Date arithmetic for keeping applicants' personal data (plain Python, no Django).

A campaign keeps its candidates' personal data for ``retention_months`` after the day it
closed or was cancelled; the data become due for deletion on the first day after that
period (``is_due``).
"""

from __future__ import annotations

import calendar
import datetime as dt

__all__ = ["add_months", "deletion_due_on", "is_due"]


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved on by whole calendar months; the 31st of a shorter month becomes its
    last day (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def deletion_due_on(closed_on: dt.date, retention_months: int) -> dt.date:
    """The first day the data may no longer be kept: the day after the retention period."""
    return add_months(closed_on, retention_months) + dt.timedelta(days=1)


def is_due(closed_on: dt.date | None, retention_months: int, today: dt.date) -> bool:
    """Whether a campaign closed on ``closed_on`` has kept its data for more than
    ``retention_months`` by ``today`` (never, while it has not closed)."""
    return closed_on is not None and today >= deletion_due_on(closed_on, retention_months)
