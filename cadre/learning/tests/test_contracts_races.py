# ruff: noqa: F811 - pytest fixtures imported from contracts_fixtures are named as arguments
"""Races on PostgreSQL: concurrent edits of a contract lock its row, so edits of different
fields both survive; two edits from the same read (If-Match) let one win and refuse the
other; two prices for the same product at once leave one rate card entry, not an error."""

from __future__ import annotations

import pytest

from cadre.core.actor import Actor
from cadre.core.versions import StaleVersion, record_version
from cadre.learning.models import Contract, RateCardEntry
from cadre.learning.services import contracts as services
from cadre.learning.tests.contracts_fixtures import supply  # noqa: F401
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_edits_of_different_fields_both_survive(supply) -> None:  # noqa: ANN001
    pk = supply.c_a.pk
    results = run_together([
        lambda: services.update_contract(actor=Actor.for_user(supply.lead_a), contract=pk,
                                         title="New title"),
        lambda: services.update_contract(actor=Actor.for_user(supply.central), contract=pk,
                                         notes="New notes"),
    ])
    assert all(isinstance(r, Contract) for r in results), results
    contract = Contract.objects.get(pk=pk)
    assert (contract.title, contract.notes) == ("New title", "New notes")


def test_two_edits_from_one_read_one_wins(supply) -> None:  # noqa: ANN001
    pk = supply.c_a.pk
    version = record_version(Contract.objects.get(pk=pk))
    results = run_together([
        lambda: services.update_contract(actor=Actor.system(), contract=pk,
                                         expected_version=(version,), title="First"),
        lambda: services.update_contract(actor=Actor.system(), contract=pk,
                                         expected_version=(version,), title="Second"),
    ])
    assert sum(isinstance(r, Contract) for r in results) == 1, results
    assert sum(isinstance(r, StaleVersion) for r in results) == 1, results


def test_two_prices_for_one_product_at_once(supply) -> None:  # noqa: ANN001
    pk, product = supply.c_a.pk, supply.testing.pk
    results = run_together([
        lambda: services.set_rate(actor=Actor.system(), contract=pk, product=product,
                                  unit_price="100"),
        lambda: services.set_rate(actor=Actor.system(), contract=pk, product=product,
                                  unit_price="200"),
    ])
    assert all(isinstance(r, RateCardEntry) for r in results), results
    assert RateCardEntry.objects.filter(contract_id=pk, product_id=product).count() == 1
