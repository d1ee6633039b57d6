# ruff: noqa: F811 - pytest fixtures imported from rates_fixtures are named as arguments
"""Pages, API and command line show the same figures, and no group below 5 shows a rate
on any of them."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from cadre.audit.models import AuditEvent
from cadre.learning.tests.rates_fixtures import pay_ranges, rates_world  # noqa: F401

pytestmark = pytest.mark.django_db

#: Figures of the two senior developers (800 and 900): their median, quartiles, total.
SENIOR_FIGURES = ("825", "850", "875", "1,700", "1700", "374,000", "374000")


@pytest.fixture
def central(make_account):  # noqa: ANN001, ANN201
    return make_account("central_team")


def test_benchmark_page(rates_world, central, web_client) -> None:  # noqa: ANN001
    page = web_client(central).get(reverse("learning:rates"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Senior developer" in text and "Not shown: fewer than 5 people" in text
    assert "£525" in text and "£600" in text and "£675" in text and "£312.50" in text
    assert not any(f in text for f in SENIOR_FIGURES)
    assert 'id="suppression-notice"' in text
    one = web_client(central).get(reverse("learning:rates"), {"organisation": "DB"})
    assert "£550" not in one.content.decode() and "£650" not in one.content.decode()


def test_benchmark_page_downloads_are_audited(rates_world, central, web_client) -> None:  # noqa: ANN001
    for fmt in ("csv", "xlsx", "ods"):
        response = web_client(central).get(reverse("learning:rates"), {"format": fmt})
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(web_client(central).get(
        reverse("learning:rates"), {"format": "csv"}).content.decode("utf-8-sig"))))
    senior = next(r for r in rows if r["role_level"] == "Senior developer")
    assert senior["median"] == "" and senior["count"] == "fewer than 5"
    assert AuditEvent.objects.filter(action="export",
                                     data__what="learning_rates").count() == 4


def test_bad_filters_are_named(rates_world, central, web_client) -> None:  # noqa: ANN001
    page = web_client(central).get(reverse("learning:rates"), {"organisation": "NOPE"})
    assert page.status_code == 400 and "Organisation" in page.content.decode()
    page = web_client(central).get(reverse("learning:rates-variance"),
                                   {"by": "colour", "family": "abc"})
    assert page.status_code == 400
    assert "Compare by" in page.content.decode() and "Role family" in page.content.decode()


def test_variance_costs_and_above_pages(rates_world, pay_ranges, central, web_client) -> None:  # noqa: ANN001
    web = web_client(central)
    dev = rates_world.developer.role.family_id
    variance = web.get(reverse("learning:rates-variance"), {"family": dev}).content.decode()
    assert "Department A" in variance and "£700" in variance and "£50 more" in variance
    suppliers = web.get(reverse("learning:rates-variance"),
                        {"by": "supplier", "family": dev}).content.decode()
    assert "Bravo" in suppliers and "£550" in suppliers
    costs = web.get(reverse("learning:rates-costs"), {"family": dev}).content.decode()
    assert "£968,000" in costs and "£367,500" in costs and "No pay range held for G7" in costs
    assert not any(f in costs for f in SENIOR_FIGURES)
    above = web.get(reverse("learning:rates-above")).content.decode()
    assert "Department A" in above and "fewer than 5" in above
    assert "Named rates above the upper quartile" in above


def test_api_figures(rates_world, pay_ranges, central, api_client) -> None:  # noqa: ANN001
    api = api_client(central)
    body = api.get(reverse("api:learning-rates")).json()
    senior = next(r for r in body["rows"] if r["role_level"] == "Senior developer")
    assert senior["median"] is None and senior["upper_quartile"] is None
    assert senior["count"] == "fewer than 5"
    assert api.get(reverse("api:learning-rates"), {"organisation": "NOPE"}).json()[
        "errors"][0]["field"] == "organisation"
    variance = api.get(reverse("api:learning-rates-variance"), {"by": "supplier"}).json()
    assert variance["by"] == "supplier" and variance["rows"]
    bad = api.get(reverse("api:learning-rates-variance"), {"by": "colour"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "by"
    assert api.get(reverse("api:learning-rates-variance"), {"family": "x"}).status_code == 400
    costs = api.get(reverse("api:learning-rates-costs")).json()
    assert costs["working_days_per_year"] == 220
    assert all(r["contingent_yearly_cost"] is None for r in costs["rows"]
               if r["role_level"] == "Senior developer")
    above = api.get(reverse("api:learning-rates-above"), {"by": "supplier"}).json()
    assert {r["supplier"].casefold() for r in above["rows"]} == {"acme", "bravo", "delta"}


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command("learning_rates", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_command_line(rates_world, pay_ranges, keep_connection_open) -> None:  # noqa: ANN001
    rows = json.loads(_command("--format", "json"))["rows"]
    assert [r for r in rows if r["role_level"] == "Developer"][0]["median"] == 600
    for row in rows:
        assert (row["median"] is None) == row["suppressed"]
        if isinstance(row["count"], int):
            assert row["count"] >= 5
    table = list(csv.DictReader(io.StringIO(_command("--format", "csv"))))
    assert list(table[0]) == ["family", "role_level", "count", "median", "lower_quartile",
                              "upper_quartile", "suppressed"]
    senior = next(r for r in table if r["role_level"] == "Senior developer")
    assert senior["median"] == senior["lower_quartile"] == senior["upper_quartile"] == ""
    only_b = json.loads(_command("--organisation", "db"))["rows"]
    assert all(r["median"] is None for r in only_b if r["family"] == "Software development")
    for extra in (["--table", "variance", "--by", "supplier"], ["--table", "above"],
                  ["--table", "costs"]):
        text = _command(*extra, "--format", "csv")
        assert not any(f in text for f in SENIOR_FIGURES), extra


def test_command_line_refuses_unknown_organisation(rates_world) -> None:  # noqa: ANN001
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No organisation"):
        _command("--organisation", "NOPE")
    with pytest.raises(CommandError, match="--organisation"):
        _command("--organisation", "DA", "--table", "variance")
