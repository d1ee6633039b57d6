# ruff: noqa: F811 - pytest fixtures imported from commitments_fixtures are named as arguments
"""Races on PostgreSQL: two people entering the same organisation's entry for one period at
once, and two imports of one new file at once. Both succeed and there is still one entry
(the later write replaces the earlier, kept in history), one strategy and one action. Two
changes of different fields of one entry at once both stay (no lost update)."""

from __future__ import annotations

import time

import pytest

from cadre.strategy.models import Action, CommitmentEntry, Strategy
from cadre.strategy.services import commitments as services
from cadre.strategy.tests.commitments_fixtures import (  # noqa: F401
    CLI,
    commitments_world,
    csv_bytes,
    row,
    stub_organisations,
)
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_writers_of_one_new_entry(commitments_world) -> None:  # noqa: ANN001
    w = commitments_world

    def write(text: str):  # noqa: ANN202
        return lambda: services.save_entry(actor=CLI, action=w.action, organisation=w.org_a,
                                           kind="plan", period="2016", text=text)

    results = run_together([write("First."), write("Second.")])
    assert all(isinstance(r, services.Saved) for r in results), results
    assert sorted(r.created for r in results) == [False, True]
    entry = CommitmentEntry.objects.get(organisation=w.org_a, kind="plan", period="2016")
    assert entry.text in ("First.", "Second.")
    assert entry.history.count() == 2


def test_two_imports_of_one_new_file(org_a, org_b, stub_organisations) -> None:  # noqa: ANN001
    data = csv_bytes([row("Department A"), row("Department B"),
                      row("Department A", "progress", "2013", "Done.")])

    def run():  # noqa: ANN202
        return services.import_commitments(actor=CLI, data=data, filename="c.csv")

    results = run_together([run, run])
    assert all(isinstance(r, services.ImportResult) for r in results), results
    assert sorted(r.created for r in results) == [0, 3]
    assert Strategy.objects.count() == 1 and Action.objects.count() == 1
    assert CommitmentEntry.objects.count() == 3


def test_two_changes_of_different_fields_both_stay(commitments_world,  # noqa: ANN001
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """One changes the text, the other the not-applicable mark; each merges the field it
    did not send from the row. Slowed between reading and writing, an unlocked read would
    write back the other's old value."""
    w = commitments_world
    check = services.check_entry

    def slow_check(values):  # noqa: ANN001, ANN202
        time.sleep(0.5)
        return check(values)

    monkeypatch.setattr(services, "check_entry", slow_check)
    results = run_together([
        lambda: services.update_entry(actor=CLI, entry_id=w.entry_a.pk, text="New words."),
        lambda: services.update_entry(actor=CLI, entry_id=w.entry_a.pk, not_applicable=True),
    ])
    assert all(isinstance(r, services.Saved) for r in results), results
    entry = CommitmentEntry.objects.get(pk=w.entry_a.pk)
    assert (entry.text, entry.not_applicable) == ("New words.", True)
