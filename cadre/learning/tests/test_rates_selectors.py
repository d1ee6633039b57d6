"""A hand-worked example through the selectors (see rates_fixtures for the world)."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.learning.selectors import rates as sel
from cadre.learning.tests.rates_fixtures import pay_ranges, rates_world  # noqa: F401

pytestmark = pytest.mark.django_db


def _row(rows, **match):  # noqa: ANN001, ANN003, ANN202
    found = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, (match, rows)
    return found[0]


def test_only_current_contingent_people_with_a_rate_and_level_are_read(rates_world) -> None:  # noqa: ANN001, F811
    loaded = sel.load_rates()
    assert len(loaded.data) == 15
    assert sorted(loaded.data.rate.tolist())[-1] == 1000
    assert {s.casefold() for s in loaded.suppliers} == {"acme", "bravo", "delta"}


def test_benchmarks_by_hand(rates_world) -> None:  # noqa: ANN001, F811
    rows = sel.benchmark_rows()
    family = _row(rows, family="Software development", role_level="All levels")
    assert (family["count"], family["lower_quartile"], family["median"],
            family["upper_quartile"]) == (9, 550, 650, 800)
    developer = _row(rows, role_level="Developer")
    # 400 500 550 600 650 700 1000: positions 1.5, 3 and 4.5.
    assert (developer["lower_quartile"], developer["median"],
            developer["upper_quartile"]) == (525, 600, 675)
    # Shown, its count would give away the senior developers' 2 by subtraction from 9.
    assert developer["count"] == "[c]" and not developer["suppressed"]
    senior = _row(rows, role_level="Senior developer")
    assert senior == {**senior, "count": "fewer than 5", "median": None,
                      "lower_quartile": None, "upper_quartile": None, "suppressed": True}
    analyst = _row(rows, role_level="Data analyst")
    assert (analyst["count"], analyst["lower_quartile"], analyst["median"],
            analyst["upper_quartile"]) == (6, 312.5, 325, 337.5)
    assert [r["role_level"] for r in rows] == ["All levels", "Data analyst", "All levels",
                                               "Developer", "Senior developer"]


def test_benchmarks_of_one_organisation(rates_world) -> None:  # noqa: ANN001, F811
    rows = sel.benchmark_rows(organisation_id=rates_world.org_b.pk)
    developer = _row(rows, role_level="Developer")
    assert developer["suppressed"] and developer["median"] is None
    assert developer["count"] == "fewer than 5"


def test_variance_by_organisation_by_hand(rates_world) -> None:  # noqa: ANN001, F811
    rows = sel.variance_rows(by="organisation")
    da = _row(rows, role_level="All levels", family="Software development",
              organisation="Department A (DA)")
    # DA's 7 rates have median 700 against the family's 650.
    assert (da["median"], da["group_median"], da["difference"],
            da["difference_percent"]) == (700, 650, 50, 7.7)
    db = _row(rows, role_level="Developer", organisation="Department B (DB)")
    assert db["suppressed"] and db["median"] is None and db["difference"] is None
    assert db["count"] == "fewer than 5"
    assert not [r for r in rows if r["role_level"] == "Senior developer"]


def test_variance_by_supplier_joins_spellings(rates_world) -> None:  # noqa: ANN001, F811
    rows = sel.variance_rows(by="supplier")
    acme = [r for r in rows if r["role_level"] == "Developer"
            and r["supplier"].casefold() == "acme"]
    assert len(acme) == 1 and acme[0]["median"] == 550 and acme[0]["group_median"] == 600
    bravo = [r for r in rows if r["role_level"] == "Developer" and r["supplier"] == "Bravo"]
    assert bravo[0]["suppressed"] and bravo[0]["median"] is None


def test_rates_above_the_upper_quartile_per_organisation(rates_world) -> None:  # noqa: ANN001, F811
    rows = sel.above_upper_quartile(by="organisation")
    # DA: 700 and 1000 above 675; DB: 340 and 350 above 337.5. Both 2: hidden, with partners.
    assert rows == [
        {"organisation": "Department A (DA)", "rated": 7, "above_upper_quartile":
         "fewer than 5", "share_percent": None},
        {"organisation": "Department B (DB)", "rated": 8, "above_upper_quartile":
         "fewer than 5", "share_percent": None},
    ]


def test_costs_by_hand(rates_world, pay_ranges) -> None:  # noqa: ANN001, F811
    rows = sel.cost_rows()
    everyone = _row(rows, role_level="Developer", organisation="All organisations")
    # HEO 38,000 x 1.25 = 47,500; SEO 46,000 x 1.25 = 57,500 (the 2020 range is not in
    # force): 52,500 a head. Rates 4,400 a day x 220.
    assert everyone["count"] == 7
    assert everyone["contingent_yearly_cost"] == 968_000
    assert everyone["employed_yearly_cost"] == 367_500
    assert everyone["difference"] == 600_500
    assert everyone["expected_grade"] == "HEO to SEO"
    assert "£36,000 to £40,000" in everyone["pay_range"]
    assert "£44,000 to £48,000" in everyone["pay_range"]
    da = _row(rows, role_level="Developer", organisation="Department A (DA)")
    assert da["count"] == "[c]" and da["contingent_yearly_cost"] is None
    assert da["employed_yearly_cost"] is None
    senior = _row(rows, role_level="Senior developer", organisation="All organisations")
    assert senior["pay_range"] == "No pay range held for G7"
    assert senior["contingent_yearly_cost"] is None
    analyst = _row(rows, role_level="Data analyst", organisation="All organisations")
    assert analyst["contingent_yearly_cost"] == 1950 * 220
    assert analyst["employed_yearly_cost"] is None
    assert analyst["expected_grade"] == "No expected grade"


def test_no_pay_range_held_is_said(rates_world) -> None:  # noqa: ANN001, F811
    rows = sel.cost_rows()
    everyone = _row(rows, role_level="Developer", organisation="All organisations")
    assert everyone["pay_range"] == "No pay range held for HEO, SEO"
    assert everyone["employed_yearly_cost"] is None and everyone["difference"] is None


def test_named_rates_follow_the_organisations_managed(rates_world, make_account) -> None:  # noqa: ANN001, F811
    central = make_account("central_team")
    hop_a = make_account("head_of_profession", rates_world.org_a)
    lead_a = make_account("learning_lead", rates_world.org_a)
    analyst = make_account("analyst")
    names = {r["name"].split()[-1] for r in sel.flagged_people(central)}
    assert names == {"Dev700", "Dev1000"} | {
        rates_world.people["b340"].last_name, rates_world.people["b350"].last_name}
    rows = sel.flagged_people(hop_a)
    assert {r["name"].split()[-1] for r in rows} == {"Dev700", "Dev1000"}
    top = rows[0]
    assert (top["day_rate"], top["group_median"], top["group_upper_quartile"]) == (1000, 600,
                                                                                   675)
    assert sel.flagged_people(hop_a, organisation_id=rates_world.org_b.pk) == []
    assert sel.flagged_people(lead_a) == [] and sel.flagged_people(analyst) == []


def test_a_change_is_read_at_once_through_the_cache(rates_world) -> None:  # noqa: ANN001, F811
    before = _row(sel.benchmark_rows(), role_level="Data analyst")["median"]
    assert sel.load_rates(suppliers=False, organisations=False) is not None
    record = rates_world.people["b300"].workforce
    record.day_rate = 2000
    record.save()
    rows = sel.benchmark_rows()
    assert before == 325 and _row(rows, role_level="Data analyst")["median"] == 335
    person = rates_world.people["b310"]
    person.end_date = dt.date(2020, 1, 1)
    person.save()
    assert _row(sel.benchmark_rows(), role_level="Data analyst")["count"] == 5


def test_names_are_read_in_batches(rates_world, make_account, monkeypatch) -> None:  # noqa: ANN001, F811
    central = make_account("central_team")
    whole = sel.flagged_people(central)
    monkeypatch.setattr(sel, "NAMED_BATCH", 1)
    assert sel.flagged_people(central) == whole and len(whole) == 4
