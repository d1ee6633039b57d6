# ruff: noqa: F811 - pytest fixtures imported from contributions_fixtures are named as arguments
"""Review: a period whose year is in range for the pattern but not a real date (year 0,
or a financial year ending in 10000) is a clear 400, not a 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cadre.strategy.contribution_periods import PeriodError, parse_period
from cadre.strategy.tests.contributions_fixtures import contributions  # noqa: F401

BAD = ("0000", "0000-01", "9999-00")


@pytest.mark.parametrize("text", BAD)
def test_out_of_range_years_are_period_errors(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text, today=dt.date(2026, 1, 1))


@pytest.mark.django_db
def test_counts_page_and_api_refuse_impossible_years(contributions, web_client,
                                                    api_client) -> None:
    w = contributions
    page = web_client(w.analyst)
    api = api_client(w.analyst)
    for text in BAD:
        response = page.get(reverse("strategy:contributions-counts"), {"period": text})
        assert response.status_code == 400
        assert "between 2000 and 2100" in response.content.decode()
        response = api.get(reverse("api:strategy-contributions-counts"), {"period": text})
        assert response.status_code == 400
