"""The baseline and price variance pages, downloads, API and commands over the hand-worked
world of ``figures_fixtures``: the same numbers everywhere, tables with captions in words,
the command's columns exactly as issue 17 names them, and bad input named by field."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.learning.tests.figures_fixtures import world  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

FIRST_SIX = ["product", "supplier", "organisation", "unit_price", "median_unit_price",
             "saving_at_median"]


@pytest.fixture
def lead(world, make_account):  # noqa: ANN001, ANN201, F811
    return make_account(Role.LEARNING_LEAD, organisation=world.a)


def _words_not_codes(html: str) -> None:
    for code in ("unmatched", "confirmed", "match_status", "e_learning", "None", "nan"):
        assert not re.search(rf"\b{code}\b", html), code


def test_baseline_page(world, lead, web_client) -> None:  # noqa: ANN001, F811
    page = web_client(lead).get(reverse("learning:baseline"))
    assert page.status_code == 200
    html = page.content.decode()
    for caption in ("Spend by organisation, April 2025 to March 2026",
                    "Spend by supplier, April 2025 to March 2026",
                    "Spend by product, April 2025 to March 2026",
                    "Spend by skill family, April 2025 to March 2026"):
        assert f'<caption class="govuk-table__caption govuk-table__caption--m">{caption}' in html
    for text in ("£5,450", "£3,100", "Supplier not yet matched", "Technical", "£2,475",
                 "fewer than 5", "[c]", "£65", "April 2024 to March 2025",
                 "Lines without attendees count in spend but not in prices",
                 "split equally"):
        assert text in html, text
    _words_not_codes(html)
    assert reverse("learning:variance-product", args=[world.x.pk]) in html
    older = web_client(lead).get(reverse("learning:baseline"), {"year": "2024"})
    assert "£900" in older.content.decode()


def test_baseline_page_bad_year(world, lead, web_client) -> None:  # noqa: ANN001, F811
    page = web_client(lead).get(reverse("learning:baseline"), {"year": "twenty"})
    assert page.status_code == 400
    html = page.content.decode()
    assert "There is a problem" in html and 'href="#year"' in html
    assert "Enter a financial year as four digits" in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_baseline_downloads(world, lead, web_client, fmt: str) -> None:  # noqa: ANN001, F811
    response = web_client(lead).get(reverse("learning:baseline-download"),
                                    {"year": "2025", "by": "supplier", "format": fmt})
    assert response.status_code == 200
    assert f"learning-spend-2025-by-supplier.{fmt}" in response["Content-Disposition"]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == {"supplier": "Acme Learning", "spend": "4150.00", "lines": "7",
                           "attendees": "11", "share_of_spend": "0.761"}
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).latest("pk")
    assert event.data["what"] == "learning-spend-baseline" and event.data["format"] == fmt


def test_downloads_refuse_unknown_formats_and_tables(world, lead, web_client) -> None:  # noqa: ANN001, F811
    client = web_client(lead)
    assert client.get(reverse("learning:baseline-download"),
                      {"format": "pdf"}).status_code == 404
    assert client.get(reverse("learning:baseline-download"),
                      {"by": "colour"}).status_code == 404
    assert client.get(reverse("learning:variance-download"),
                      {"year": "nope"}).status_code == 404


def test_variance_page_and_drill_down(world, lead, web_client) -> None:  # noqa: ANN001, F811
    client = web_client(lead)
    html = client.get(reverse("learning:variance")).content.decode()
    for text in ("Unit prices paid for each product, largest saving at the median first",
                 "Savings for each supplier, summed over its products",
                 "Data modelling", "£300.00", "£400.00", "£500.00", "£350.00",
                 "No contract", "Acme Learning", "How these figures are worked out"):
        assert text in html, text
    assert "Agile" not in html  # waiting for review: no price yet
    _words_not_codes(html)
    url = reverse("learning:variance-product", args=[world.x.pk])
    assert url in html
    detail = client.get(url, {"year": "2025"}).content.decode()
    assert ("Each organisation's unit price against the median, highest first" in detail)
    for text in ("Department A", "£100.00 above the median", "At the median",
                 "£100.00 below the median", "£250 on 1 matched line gave no attendees"):
        assert text in detail, text
    _words_not_codes(detail)
    assert client.get(reverse("learning:variance-product", args=[99999])).status_code == 404
    nothing = client.get(reverse("learning:variance-product", args=[world.z.pk])).content
    assert b"there is no unit price" in nothing


def test_variance_download(world, lead, web_client) -> None:  # noqa: ANN001, F811
    response = web_client(lead).get(reverse("learning:variance-download"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == FIRST_SIX and len(rows) == 6


def test_baseline_api(world, lead, api_client) -> None:  # noqa: ANN001, F811
    api = api_client(lead)
    data = api.get(reverse("api:learning-baseline")).json()
    assert data["year"] == 2025 and data["total_spend"] == "5450.00"
    assert data["by_organisation"][0] == {
        "organisation": "Department A", "spend": "3100.00", "lines": 4, "attendees": 15,
        "share_of_spend": 0.569, "profession_headcount": "[c]", "spend_per_head": "[c]"}
    assert data["by_organisation"][2]["spend_per_head"] == "65.00"
    only = api.get(reverse("api:learning-baseline"), {"by": "family", "year": 2025}).json()
    assert set(only) & {"by_organisation", "by_family"} == {"by_family"}
    bad = api.get(reverse("api:learning-baseline"), {"year": "1066", "by": "colour"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] in ("year", "by")
    bad_year = api.get(reverse("api:learning-baseline"), {"year": "1066"})
    assert bad_year.status_code == 400 and bad_year.json()["errors"][0]["field"] == "year"


def test_variance_api(world, lead, api_client) -> None:  # noqa: ANN001, F811
    api = api_client(lead)
    data = api.get(reverse("api:learning-variance"), {"year": 2025}).json()
    assert data["saving_at_median"] == "400.00" and data["saving_at_best_rate"] == "500.00"
    assert "organisations" not in data
    x = next(p for p in data["products"] if p["product"] == "Data modelling")
    assert (x["median_unit_price"], x["best_contracted_rate"], x["organisations"]) == (
        "400.00", "350.00", 3)
    assert data["suppliers"][0]["supplier"] == "Acme Learning"
    one = api.get(reverse("api:learning-variance"), {"product": world.x.pk}).json()
    assert [o["organisation"] for o in one["organisations"]] == [
        "Department A", "Department C", "Department B"]
    for value in ("abc", "99999", "99999999999999"):
        bad = api.get(reverse("api:learning-variance"), {"product": value})
        assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "product"


def test_variance_command_columns(world, keep_connection_open) -> None:  # noqa: ANN001, F811
    out = io.StringIO()
    call_command("learning_variance", "--format", "csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == [*FIRST_SIX, "attendees", "spend", "best_contracted_rate",
                       "saving_at_best_rate"]
    assert rows[1][:6] == ["Data modelling", "Acme Learning", "Department A", "500.00",
                           "400.00", "300.00"]
    out = io.StringIO()
    call_command("learning_variance", "--year", "2024", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["columns"][:6] == FIRST_SIX
    assert data["rows"] == [{
        "product": "Data modelling", "supplier": "Acme Learning",
        "organisation": "Department A", "unit_price": "900.00",
        "median_unit_price": "900.00", "saving_at_median": "0.00", "attendees": 1,
        "spend": "900.00", "best_contracted_rate": "350.00",
        "saving_at_best_rate": "550.00"}]
    with pytest.raises(CommandError, match="year: Enter a financial year"):
        call_command("learning_variance", "--year", "19", stdout=io.StringIO())


def test_baseline_command(world, keep_connection_open) -> None:  # noqa: ANN001, F811
    out = io.StringIO()
    call_command("learning_baseline", "--by", "family", "--format", "csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["skill_family"], r["spend"]) for r in rows] == [
        ("Data", "2475.00"), ("Technical", "1675.00"),
        ("Not yet matched to a product", "1300.00")]
    out = io.StringIO()
    call_command("learning_baseline", "--year", "2025", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["columns"] == ["organisation", "spend", "lines", "attendees",
                               "share_of_spend", "profession_headcount", "spend_per_head"]
    assert data["rows"][1]["profession_headcount"] == "fewer than 5"
    with pytest.raises(CommandError):
        call_command("learning_baseline", "--by", "colour", stdout=io.StringIO())


def test_a_year_without_spend_shows_empty_tables_and_stays_chosen(world, lead, web_client) -> None:  # noqa: ANN001, F811, E501
    html = web_client(lead).get(reverse("learning:baseline"), {"year": "2030"}).content.decode()
    assert '<option value="2030" selected>April 2030 to March 2031</option>' in html
    assert "£0" in html
    html = web_client(lead).get(reverse("learning:variance"), {"year": "2030"}).content.decode()
    assert "there are no unit prices to compare" in html
