# ruff: noqa: F811 - pytest fixtures imported from contracts_fixtures are named as arguments
"""Services and selectors for supply frameworks, lots, contracts and rate cards: who may
write, every field's limit, the register's sections, coverage and the best rates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.core.versions import StaleVersion, record_version
from cadre.learning.models import (
    MAX_BUYERS,
    MAX_CEILING_VALUE,
    MAX_CONTRACT_YEARS,
    MAX_CONTRACTED_PRICE,
    MAX_LOTS,
    Contract,
    Lot,
    RateCardEntry,
    SupplyFramework,
)
from cadre.learning.selectors import contracts as sel
from cadre.learning.services import contracts as services
from cadre.learning.tests.contracts_fixtures import supply  # noqa: F401
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _contract(s, **overrides):  # noqa: ANN001, ANN202
    values = {"reference": "NEW-1", "title": "New contract", "supplier": s.acme,
              "buyers": [s.org_a], "starts_on": s.today, "ends_on": s.today + relativedelta(
                  years=1)}
    values.update(overrides)
    return values


def _errors(exc: pytest.ExceptionInfo) -> dict:
    return exc.value.message_dict


# ---------------------------------------------------------------- rights


def test_a_learning_lead_creates_a_contract_for_their_organisation(supply) -> None:  # noqa: ANN001
    contract = services.create_contract(actor=Actor.for_user(supply.lead_a), **_contract(supply))
    assert list(contract.buyers.all()) == [supply.org_a]
    event = AuditEvent.objects.filter(target_id=str(contract.pk),
                                      action=AuditEvent.Action.RECORD_CREATED).get()
    assert event.actor == supply.lead_a
    assert contract.history.first().history_user == supply.lead_a


def test_a_learning_lead_cannot_name_another_organisation(supply) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        services.create_contract(actor=Actor.for_user(supply.lead_a),
                                 **_contract(supply, buyers=[supply.org_a, supply.org_b]))
    assert not Contract.objects.filter(reference="NEW-1").exists()


def test_a_learning_lead_cannot_change_another_organisations_contract(supply) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        services.update_contract(actor=Actor.for_user(supply.lead_a), contract=supply.c_b,
                                 title="Taken over")
    with pytest.raises(PermissionDenied):
        services.set_rate(actor=Actor.for_user(supply.lead_a), contract=supply.c_b,
                          product=supply.research, unit_price="1")
    entry = supply.c_b.rates.get()
    with pytest.raises(PermissionDenied):
        services.remove_rate(actor=Actor.for_user(supply.lead_a), entry=entry)
    # Nor add their own organisation to it, nor move their own contract to another's.
    with pytest.raises(PermissionDenied):
        services.update_contract(actor=Actor.for_user(supply.lead_a), contract=supply.c_a,
                                 buyers=[supply.org_a, supply.org_b])
    supply.c_b.refresh_from_db()
    assert supply.c_b.title == "Research for DB"
    assert list(supply.c_a.buyers.all()) == [supply.org_a]


def test_only_central_and_administrators_write_frameworks(supply) -> None:  # noqa: ANN001
    for user in (supply.lead_a, supply.hop):
        with pytest.raises(PermissionDenied):
            services.create_framework(actor=Actor.for_user(user), name="F2",
                                      starts_on=supply.today, ends_on=supply.today)
        with pytest.raises(PermissionDenied):
            services.add_lot(actor=Actor.for_user(user), framework=supply.framework,
                             number=2, title="Lot")
        with pytest.raises(PermissionDenied):
            services.update_lot(actor=Actor.for_user(user), lot=supply.lot, title="x")
    framework = services.create_framework(actor=Actor.for_user(supply.central), name="F2",
                                          starts_on=supply.today, ends_on=supply.today)
    services.update_framework(actor=Actor.for_user(supply.admin), framework=framework,
                              reference="RM9")
    framework.refresh_from_db()
    assert framework.reference == "RM9"


def test_someone_without_a_supply_role_may_not_create_contracts(supply) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        services.create_contract(actor=Actor.for_user(supply.hop), **_contract(supply))


def test_central_changes_any_contract_and_the_change_is_audited(supply) -> None:  # noqa: ANN001
    services.update_contract(actor=Actor.for_user(supply.central), contract=supply.c_b,
                             buyers=[supply.org_a, supply.org_b], title="Shared research")
    supply.c_b.refresh_from_db()
    assert supply.c_b.title == "Shared research"
    assert {o.pk for o in supply.c_b.buyers.all()} == {supply.org_a.pk, supply.org_b.pk}
    event = AuditEvent.objects.filter(target_id=str(supply.c_b.pk),
                                      action=AuditEvent.Action.RECORD_UPDATED).latest("id")
    assert event.data["fields"] == ["title", "buyers"]
    assert event.actor == supply.central


def test_a_stale_version_is_refused(supply) -> None:  # noqa: ANN001
    version = record_version(supply.c_a)
    services.update_contract(actor=Actor.system(), contract=supply.c_a, title="First")
    with pytest.raises(StaleVersion):
        services.update_contract(actor=Actor.system(), contract=supply.c_a,
                                 expected_version=(version,), title="Second")
    supply.c_a.refresh_from_db()
    assert supply.c_a.title == "First"
    fresh = record_version(supply.c_a)
    services.update_contract(actor=Actor.system(), contract=supply.c_a,
                             expected_version=(fresh,), title="Second")


# ---------------------------------------------------------------- limits


@pytest.mark.parametrize(("overrides", "field"), [
    ({"reference": ""}, "reference"),
    ({"reference": "R" * 51}, "reference"),
    ({"reference": "ca-1"}, "reference"),  # already held, whatever the case
    ({"title": ""}, "title"),
    ({"title": "T" * 201}, "title"),
    ({"supplier": None}, "supplier"),
    ({"supplier": 999999}, "supplier"),
    ({"buyers": []}, "buyers"),
    ({"buyers": [999999]}, "buyers"),
    ({"starts_on": "2025-02-30"}, "starts_on"),
    ({"starts_on": "1999-12-31"}, "starts_on"),
    ({"ends_on": ""}, "ends_on"),
    ({"ceiling_value": "-1"}, "ceiling_value"),
    ({"ceiling_value": str(MAX_CEILING_VALUE + 1)}, "ceiling_value"),
    ({"ceiling_value": "10.001"}, "ceiling_value"),
    ({"ceiling_value": "lots"}, "ceiling_value"),
    ({"notes": "n" * 5001}, "notes"),
    ({"framework": 999999}, "framework"),
])
def test_each_contract_field_is_checked(supply, overrides, field) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.create_contract(actor=Actor.system(), **_contract(supply, **overrides))
    assert field in _errors(exc)
    assert not Contract.objects.filter(title="New contract").exists()


def test_dates_must_be_in_order_and_not_too_long(supply) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.create_contract(actor=Actor.system(), **_contract(
            supply, ends_on=supply.today - relativedelta(days=1)))
    assert "ends_on" in _errors(exc) and "after the start" in _errors(exc)["ends_on"][0]
    with pytest.raises(ValidationError) as exc:
        services.create_contract(actor=Actor.system(), **_contract(
            supply, ends_on=supply.today + relativedelta(years=MAX_CONTRACT_YEARS, days=1)))
    assert f"{MAX_CONTRACT_YEARS} years" in _errors(exc)["ends_on"][0]
    # Exactly the limit is fine.
    services.create_contract(actor=Actor.system(), **_contract(
        supply, ends_on=supply.today + relativedelta(years=MAX_CONTRACT_YEARS)))


def test_too_many_buyers_is_refused(supply) -> None:  # noqa: ANN001
    many = [OrganisationFactory() for _ in range(MAX_BUYERS + 1)]
    with pytest.raises(ValidationError) as exc:
        services.create_contract(actor=Actor.system(), **_contract(supply, buyers=many))
    assert "at most" in _errors(exc)["buyers"][0]


def test_the_lot_must_belong_to_the_framework(supply) -> None:  # noqa: ANN001
    other = services.create_framework(actor=Actor.system(), name="Other DPS",
                                      starts_on=supply.today, ends_on=supply.today
                                      + relativedelta(years=1))
    with pytest.raises(ValidationError) as exc:
        services.create_contract(actor=Actor.system(), **_contract(
            supply, framework=other, lot=supply.lot))
    assert "lot" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        services.create_contract(actor=Actor.system(), **_contract(supply, lot=supply.lot))
    assert "lot" in _errors(exc)


def test_a_contract_starts_while_its_framework_runs(supply) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.create_contract(actor=Actor.system(), **_contract(
            supply, framework=supply.framework,
            starts_on=supply.framework.ends_on + relativedelta(days=1),
            ends_on=supply.framework.ends_on + relativedelta(years=1)))
    assert "starts_on" in _errors(exc)


def test_rate_card_entries_only_of_the_suppliers_products_and_within_limits(supply) -> None:  # noqa: ANN001
    actor = Actor.system()
    with pytest.raises(ValidationError) as exc:
        services.set_rate(actor=actor, contract=supply.c_a, product=supply.research,
                          unit_price="10")
    assert "product" in _errors(exc)
    for price in ("-1", str(MAX_CONTRACTED_PRICE + 1), "1.234", "", "free"):
        with pytest.raises(ValidationError) as exc:
            services.set_rate(actor=actor, contract=supply.c_a, product=supply.testing,
                              unit_price=price)
        assert "unit_price" in _errors(exc), price
    assert not RateCardEntry.objects.filter(product=supply.testing).exists()
    entry = services.set_rate(actor=actor, contract=supply.c_a, product=supply.testing,
                              unit_price="450.50")
    assert entry.unit_price == Decimal("450.50")
    again = services.set_rate(actor=actor, contract=supply.c_a, product=supply.testing,
                              unit_price="400")
    assert again.pk == entry.pk and again.unit_price == Decimal("400.00")
    services.remove_rate(actor=actor, entry=entry)
    assert not RateCardEntry.objects.filter(pk=entry.pk).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.RECORD_DELETED,
                                     target_id=str(entry.pk)).exists()


def test_the_supplier_cannot_change_under_a_rate_card(supply) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.update_contract(actor=Actor.system(), contract=supply.c_a,
                                 supplier=supply.other)
    assert "supplier" in _errors(exc)


def test_framework_and_lot_limits(supply) -> None:  # noqa: ANN001
    actor = Actor.system()
    with pytest.raises(ValidationError) as exc:
        services.create_framework(actor=actor, name="", starts_on="x", ends_on="")
    assert {"name", "starts_on", "ends_on"} <= set(_errors(exc))
    with pytest.raises(ValidationError) as exc:
        services.create_framework(actor=actor, name="learning dps", starts_on=supply.today,
                                  ends_on=supply.today)
    assert "already exists" in _errors(exc)["name"][0]
    with pytest.raises(ValidationError) as exc:
        services.create_framework(actor=actor, name="F", reference="R" * 51,
                                  starts_on=supply.today, ends_on=supply.today)
    assert "reference" in _errors(exc)
    for number in (0, MAX_LOTS + 1, "x", 1):
        with pytest.raises(ValidationError) as exc:
            services.add_lot(actor=actor, framework=supply.framework, number=number,
                             title="Lot")
        assert "number" in _errors(exc), number
    with pytest.raises(ValidationError) as exc:
        services.add_lot(actor=actor, framework=supply.framework, number=2, title="",
                         skills=[999999])
    assert {"title", "skills"} <= set(_errors(exc))
    lot = services.add_lot(actor=actor, framework=supply.framework, number=2, title="Data",
                           skills=[supply.skills["Programming"].pk])
    services.update_lot(actor=actor, lot=lot, skills=[supply.skills["Testing"]])
    assert list(lot.skills.all()) == [supply.skills["Testing"]]
    assert Lot.objects.filter(framework=supply.framework).count() == 2
    assert SupplyFramework.objects.count() == 1


# ---------------------------------------------------------------- reads


def test_selectors_scope_contracts(supply) -> None:  # noqa: ANN001
    assert set(sel.visible_contracts(supply.lead_a)) == {supply.c_a}
    assert set(sel.visible_contracts(supply.lead_b)) == {supply.c_b}
    assert set(sel.visible_contracts(supply.central)) == {supply.c_a, supply.c_b}
    assert set(sel.visible_contracts(supply.hop)) == set()
    assert list(sel.visible_frameworks(supply.hop)) == []
    assert list(sel.visible_frameworks(supply.lead_b)) == [supply.framework]


def test_the_register_has_sections_by_end_date(supply) -> None:  # noqa: ANN001
    today = supply.today
    actor = Actor.system()
    ended = services.create_contract(actor=actor, **_contract(
        supply, reference="OLD", starts_on=today - relativedelta(years=2),
        ends_on=today - relativedelta(days=1)))
    later = services.create_contract(actor=actor, **_contract(
        supply, reference="LATER", starts_on=today + relativedelta(days=10),
        ends_on=today + relativedelta(years=2)))
    long = services.create_contract(actor=actor, **_contract(
        supply, reference="LONG", ends_on=today + relativedelta(months=13)))
    sections = {s["key"]: [c.reference for c in s["contracts"]] for s in
                sel.register_sections(sel.register(supply.central, today=today))}
    assert sections == {"ending_6": ["CA-1"], "ending_12": ["CB-1"], "current": ["LONG"],
                        "upcoming": ["LATER"], "ended": ["OLD"]}
    assert ended and later and long
    within = sel.register(supply.central, today=today, expiring_within=6)
    assert [c.reference for c in within] == ["CA-1"]
    by_org = sel.register(supply.central, today=today, organisation=supply.org_b.pk)
    assert [c.reference for c in by_org] == ["CB-1"]
    by_supplier = sel.register(supply.lead_a, today=today, supplier=supply.other.pk)
    assert list(by_supplier) == []
    by_framework = sel.register(supply.central, today=today, framework=supply.framework.pk)
    assert [c.reference for c in by_framework] == ["CA-1"]


def test_contract_coverage_lists_skills_levels_and_the_lot(supply) -> None:  # noqa: ANN001
    services.set_rate(actor=Actor.system(), contract=supply.c_a, product=supply.testing,
                      unit_price="100")
    rows = {r["skill"]: r for r in sel.contract_coverage(supply.c_a)}
    assert set(rows) == {"Programming", "Testing", "Data engineering"}
    assert rows["Testing"]["level"] == "Level 4"  # the highest of the two products
    assert rows["Programming"]["level"] == "Level 3"
    assert rows["Data engineering"]["in_lot"] and rows["Data engineering"]["level"] is None


def test_coverage_across_current_contracts(supply) -> None:  # noqa: ANN001
    result = sel.coverage(supply.central, on=supply.today)
    covered = {r["skill"].name: r for r in result["covered"]}
    assert set(covered) == {"Programming", "Testing", "Data engineering", "User research"}
    assert covered["User research"]["contracts"] == [{"id": supply.c_b.pk, "reference": "CB-1"}]
    assert result["uncovered"] == []
    mine = sel.coverage(supply.lead_a, on=supply.today)
    assert [s.name for s in mine["uncovered"]] == ["User research"]
    later = sel.coverage(supply.central, on=supply.today + relativedelta(months=5))
    assert {s.name for s in later["uncovered"]} == {"Programming", "Testing",
                                                     "Data engineering"}


def test_best_contracted_rates_in_one_query(supply, django_assert_num_queries) -> None:  # noqa: ANN001
    other = services.create_contract(actor=Actor.system(), **_contract(supply))
    services.set_rate(actor=Actor.system(), contract=other, product=supply.python,
                      unit_price="420")
    with django_assert_num_queries(1):
        rates = sel.best_contracted_rates(on=supply.today)
    assert rates == {supply.python.pk: Decimal("420.00"),
                     supply.research.pk: Decimal("300.00")}
    assert sel.best_contracted_rates(on=supply.today + relativedelta(years=3)) == {}
