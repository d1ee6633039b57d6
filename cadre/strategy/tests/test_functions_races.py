# ruff: noqa: F811 - pytest fixtures imported from functions_fixtures are named as arguments
"""Races on PostgreSQL: two editors saving changes to one matrix row from the same version,
and two first recordings of one function. One succeeds, the other gets a 409; no change is
lost silently."""

from __future__ import annotations

import pytest

from cadre.strategy.models import FunctionSourcing
from cadre.strategy.services import functions as services
from cadre.strategy.tests.functions_fixtures import CLI, functions_world  # noqa: F401
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def _save(w, sourcing: str, version: int):  # noqa: ANN001, ANN202
    return lambda: services.record_sourcing(
        actor=CLI, organisation=w.org_a, function=w.function("data"), sourcing=sourcing,
        maturity="better", expected_version=version)


def test_two_edits_from_one_version(functions_world) -> None:  # noqa: ANN001
    w = functions_world
    services.record_sourcing(actor=CLI, organisation=w.org_a, function=w.function("data"),
                             sourcing="in_house", maturity="good")
    results = run_together([_save(w, "outsourced", 1), _save(w, "mixed", 1)])
    saved = [r for r in results if isinstance(r, FunctionSourcing)]
    assert len(saved) == 1, results
    assert sum(isinstance(r, services.FunctionConflict) for r in results) == 1, results
    row = FunctionSourcing.objects.get()
    assert row.version == 2 and row.sourcing == saved[0].sourcing
    assert row.history.count() == 2


def test_two_first_recordings(functions_world) -> None:  # noqa: ANN001
    w = functions_world
    results = run_together([_save(w, "outsourced", 0), _save(w, "mixed", 0)])
    assert sum(isinstance(r, FunctionSourcing) for r in results) == 1, results
    assert sum(isinstance(r, services.FunctionConflict) for r in results) == 1, results
    assert FunctionSourcing.objects.get().version == 1
