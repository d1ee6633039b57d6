"""The spend baseline and price variance through the selectors, on the hand-worked world of
``figures_fixtures`` (every expected number is worked out in its docstring)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cadre.learning.selectors import figures as sel
from cadre.learning.tests.figures_fixtures import world  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def _by_label(rows: list) -> dict:  # noqa: ANN001
    return {r.label: r for r in rows}


def test_baseline_by_organisation_with_totals_and_per_head(world) -> None:  # noqa: ANN001, F811
    b = sel.baseline()
    assert b.year == 2025 and b.years == [2025, 2024]
    assert b.total_spend == 5450 and b.total_lines == 9 and b.total_attendees == 21
    orgs = _by_label(b.tables["organisation"])
    assert [r.label for r in b.tables["organisation"]] == [
        "Department A", "Department B", "Department C"]
    assert (orgs["Department A"].spend, orgs["Department A"].lines) == (3100, 4)
    assert (orgs["Department B"].spend, orgs["Department B"].lines) == (1700, 3)
    assert (orgs["Department C"].spend, orgs["Department C"].lines) == (650, 2)
    # B has 2 people: hidden; A (6) is hidden with it so that the total cannot give it away.
    assert orgs["Department B"].headcount == "fewer than 5"
    assert orgs["Department B"].per_head == "[c]"
    assert orgs["Department A"].headcount == "[c]" and orgs["Department A"].per_head == "[c]"
    # C: 10 current people in the profession (not the leaver, not the one outside it).
    assert orgs["Department C"].headcount == 10 and orgs["Department C"].per_head == 65
    assert b.headcount == 18 and b.per_head == pytest.approx(5450 / 18)
    assert sum(r.share for r in b.tables["organisation"]) == pytest.approx(1)


def test_baseline_by_supplier_product_and_family(world) -> None:  # noqa: ANN001, F811
    b = sel.baseline(2025)
    suppliers = {r.label: r.spend for r in b.tables["supplier"]}
    assert suppliers == {"Acme Learning": 4150, sel.SUPPLIER_NOT_MATCHED: 1300}
    products = {r.label: (r.spend, r.supplier) for r in b.tables["product"]}
    assert products == {"Data modelling": (3350, "Acme Learning"),
                        "SQL basics": (800, "Acme Learning"),
                        sel.PRODUCT_NOT_MATCHED: (1300, "")}
    families = {r.label: r.spend for r in b.tables["family"]}
    # X's 3,350 split equally between Data and Technical; Y's 800 all Data.
    assert families == {"Data": 2475, "Technical": 1675, sel.PRODUCT_NOT_MATCHED: 1300}
    assert sum(families.values()) == b.total_spend


def test_baseline_of_another_year_and_no_year(world) -> None:  # noqa: ANN001, F811
    b = sel.baseline("2024")
    assert b.total_spend == 900 and [r.label for r in b.tables["organisation"]] == [
        "Department A"]
    empty = sel.baseline(2030)
    assert empty.total_spend == 0 and empty.tables["organisation"] == []


def test_baseline_with_no_spend_at_all(db) -> None:  # noqa: ANN001
    b = sel.baseline()
    assert b.year is None and b.tables == {}
    assert sel.variance().products == []


@pytest.mark.parametrize("value", ["twenty", "1999", "2101", "20.5", "-2025"])
def test_a_bad_year_names_the_field(db, value: str) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as caught:
        sel.baseline(value)
    assert "year" in caught.value.message_dict


def test_variance_per_product(world) -> None:  # noqa: ANN001, F811
    v = sel.variance()
    assert v.year == 2025
    rows = {p.product: p for p in v.products}
    assert set(rows) == {"Data modelling", "SQL basics"}  # Z waits for review
    x = rows["Data modelling"]
    assert (x.organisations, x.min_price, x.median_price, x.max_price) == (3, 300, 400, 500)
    assert x.best_rate == 350 and x.saving_at_median == 300 and x.saving_at_best == 500
    assert x.spend == 3100 and x.attendees == 8  # C's line without attendees is not priced
    y = rows["SQL basics"]
    assert (y.median_price, y.saving_at_median) == (250, 100)
    assert y.best_rate != y.best_rate  # no contract: nan
    assert v.products[0].product == "Data modelling"  # the largest saving first
    assert v.total_saving_at_median == 400 and v.total_saving_at_best == 500
    [acme] = v.suppliers
    assert (acme.supplier, acme.products, acme.prices) == ("Acme Learning", 2, 5)
    assert (acme.saving_at_median, acme.saving_at_best, acme.products_with_rate) == (
        400, 500, 1)


def test_variance_rows_per_product_and_organisation(world) -> None:  # noqa: ANN001, F811
    rows = sel.variance(2025, with_prices=True).rows()
    assert [list(r)[:6] for r in rows[:1]] == [[
        "product", "supplier", "organisation", "unit_price", "median_unit_price",
        "saving_at_median"]]
    found = {(r["product"], r["organisation"]): r for r in rows}
    a_x = found[("Data modelling", "Department A")]
    assert a_x["unit_price"] == "500.00" and a_x["median_unit_price"] == "400.00"
    assert a_x["saving_at_median"] == "300.00" and a_x["saving_at_best_rate"] == "450.00"
    assert a_x["best_contracted_rate"] == "350.00" and a_x["supplier"] == "Acme Learning"
    b_y = found[("SQL basics", "Department B")]
    assert b_y["saving_at_median"] == "0.00" and b_y["best_contracted_rate"] is None
    assert len(rows) == 5


def test_product_drill_down(world) -> None:  # noqa: ANN001, F811
    detail = sel.product_variance(world.x, 2025)
    assert detail.row.median_price == 400
    assert [(p.organisation, p.unit_price) for p in detail.figures.prices] == [
        ("Department A", 500), ("Department C", 400), ("Department B", 300)]
    assert (detail.unpriced_spend, detail.unpriced_lines) == (250, 1)
    against = [p.display()["against"] for p in detail.figures.prices]
    assert against == ["£100.00 above the median", "At the median",
                       "£100.00 below the median"]


def test_best_contracted_rates_only_counts_contracts_running_on_the_day(world) -> None:  # noqa: ANN001, F811
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    assert sel.best_contracted_rates(on=today) == {world.x.pk: 350}
    assert sel.best_contracted_rates(on=today + dt.timedelta(days=100)) == {world.x.pk: 350}
    assert sel.best_contracted_rates(on=today - dt.timedelta(days=200)) == {world.x.pk: 380}
    assert sel.best_contracted_rates(on=today - dt.timedelta(days=500)) == {world.x.pk: 100}


def test_money_and_pounds() -> None:
    assert sel.money(1234.5) == "1234.50" and sel.money(None) is None
    assert sel.money(float("nan")) is None and sel.money(0.125) == "0.13"
    assert sel.pounds(1234.6) == "£1,235" and sel.pounds(None) == ""
    assert sel.pounds(1234.5, pence=True) == "£1,234.50"


def test_cached_figures_follow_new_imports_and_review_decisions(world) -> None:  # noqa: ANN001, F811
    from cadre.learning.models import MatchStatus, SpendLine, SupplierName
    from cadre.learning.tests.figures_fixtures import spend

    assert sel.baseline(2025).total_spend == 5450  # now cached
    spend(world.c, [("50", 1, world.acme, world.y, MatchStatus.MATCHED)])
    b = sel.baseline(2025)
    assert b.total_spend == 5500
    # A reviewer decides B's unknown supplier: the decision is saved and its lines updated.
    name = SupplierName.objects.create(name_key="unknown ltd", name="Unknown Ltd")
    assert {r.label for r in sel.baseline(2025).tables["supplier"]} >= {
        sel.SUPPLIER_NOT_MATCHED}
    SpendLine.objects.filter(match_status=MatchStatus.UNMATCHED).update(
        provider=world.beta, match_status=MatchStatus.CONFIRMED)
    name.provider = world.beta
    name.save()
    suppliers = {r.label: r.spend for r in sel.baseline(2025).tables["supplier"]}
    assert suppliers["Beta Training"] == 300
