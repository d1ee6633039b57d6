# ruff: noqa: F811 - pytest fixtures imported from functions_fixtures are named as arguments
"""The done-when of issue 19 for area 4: a planted department declaring a function in house
with nobody in its families is flagged; one with people in them is not. Counted from the
workforce data: current, in-profession people by role family and level."""

from __future__ import annotations

import pytest

from cadre.strategy.selectors import functions as sel
from cadre.strategy.services import functions as services
from cadre.strategy.tests.functions_fixtures import CLI, functions_world  # noqa: F401

pytestmark = pytest.mark.django_db


def _declare(w, organisation, key: str, sourcing: str = "in_house") -> None:  # noqa: ANN001
    services.record_sourcing(actor=CLI, organisation=organisation, function=w.function(key),
                             sourcing=sourcing, maturity="good")


def test_the_planted_department_is_flagged_and_the_staffed_one_is_not(functions_world) -> None:  # noqa: ANN001
    w = functions_world
    # Data needs Data (senior) and Architecture (senior).
    for org in (w.org_a, w.org_b):
        _declare(w, org, "data")
    # Department B has people in the profession in those families; A has none there:
    # only people outside its families, outside the profession, or who have left.
    w.add_people(w.org_b, "Data", 6, 7)
    w.add_people(w.org_b, "Architecture", 8, 2)
    w.add_people(w.org_a, "IT operations", 6, 9)
    w.add_people(w.org_a, "Data", 6, 3, in_profession=False)
    w.add_people(w.org_a, "Architecture", 8, 2, left=True)

    rows = {r.function.key: r for r in sel.matrix(w.org_a)}
    assert rows["data"].flagged
    assert "nobody in the department's profession" in rows["data"].check.words
    assert not any(r.flagged for k, r in rows.items() if k != "data")
    assert not any(r.flagged for r in sel.matrix(w.org_b))

    listed = {(r["organisation"], r["function"]): r for r in sel.entry_rows()}
    assert listed[("DA", "data")]["flagged"] and listed[("DA", "data")]["status"] == "nobody"
    assert not listed[("DB", "data")]["flagged"] and listed[("DB", "data")]["status"] == "ok"
    flagged = {r["function"]: r["flagged_in"] for r in sel.retention_rows()}
    assert flagged["data"] == ["DA"]


def test_outsourcing_the_function_clears_the_flag(functions_world) -> None:  # noqa: ANN001
    w = functions_world
    _declare(w, w.org_a, "data")
    assert sel.checks(w.org_a).flagged
    services.record_sourcing(actor=CLI, organisation=w.org_a, function=w.function("data"),
                             sourcing="outsourced", maturity="good")
    assert not sel.checks(w.org_a).flagged


def test_the_skills_need_is_compared_with_coverage_and_suppressed(functions_world) -> None:  # noqa: ANN001
    w = functions_world
    _declare(w, w.org_a, "data")               # Data senior, Architecture senior
    _declare(w, w.org_a, "analytics", "mixed")  # Data practitioner
    _declare(w, w.org_a, "end-user-services", "outsourced")
    w.add_people(w.org_a, "Data", 4, 3)   # practitioners
    w.add_people(w.org_a, "Data", 6, 9)   # seniors
    w.add_people(w.org_a, "Architecture", 3, 2)  # junior architects only
    found = sel.checks(w.org_a)
    need = [(n.family, n.rank, n.shown, n.covered) for n in found.need]
    # Data: 12 at practitioner or above, 9 at senior or above: 3 between, so 9 is hidden.
    assert need == [("Architecture", 4, 0, False), ("Data", 3, 12, True),
                    ("Data", 4, "[c]", True)]
    assert [r.function.key for r in found.gaps] == ["data"]
    assert not found.flagged
    nearest = found.models[0]
    assert nearest[0].key in ("centralised", "federated")
