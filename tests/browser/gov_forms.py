"""Filling GOV.UK form components in browser tests (ADR 22)."""

from __future__ import annotations

import datetime as dt


def fill_date(page, legend: str, value: dt.date) -> None:  # noqa: ANN001
    """Type ``value`` into the GOV.UK date input whose legend is ``legend``."""
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(value.day))
    group.get_by_label("Month").fill(str(value.month))
    group.get_by_label("Year").fill(str(value.year))
