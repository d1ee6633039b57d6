# ruff: noqa: F811 - pytest fixtures imported from commitments_fixtures are named as arguments
"""Commitments: the importer (atomic, idempotent, every problem named, organisation names
matched, mapped or created), entering one entry (own organisation only), history, and the
roll-up of a closed organisation into its successors."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.core.tabular import TableError
from cadre.organisations.models import Organisation
from cadre.strategy.models import Action, CommitmentEntry, Strategy
from cadre.strategy.selectors import commitments as sel
from cadre.strategy.services import commitments as services
from cadre.strategy.tests.commitments_fixtures import (  # noqa: F401
    ACTION,
    CLI,
    STRATEGY,
    accounts,
    commitments_world,
    csv_bytes,
    row,
    stub_organisations,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _import(data: bytes, **options: object) -> services.ImportResult:
    return services.import_commitments(actor=CLI, data=data, filename="c.csv", **options)


def _messages(exc: pytest.ExceptionInfo) -> list[str]:
    return [str(e) for e in exc.value.errors]


def test_import_creates_strategy_action_and_entries(org_a, org_b, stub_organisations) -> None:  # noqa: ANN001
    result = _import(csv_bytes([
        row("Department A"), row("department b", text="This action is not applicable."),
        row("DA", "progress", "2013", "Done."), row("Department A", "plan", "2014", "More."),
    ]))
    assert (result.rows, result.created, result.updated, result.unchanged) == (4, 4, 0, 0)
    assert result.organisations == 2 and result.not_applicable == 1
    assert result.unmatched == [] and result.strategies_created == [STRATEGY]
    action = Action.objects.get(strategy__name=STRATEGY, name=ACTION)
    assert action.entries.count() == 4
    entry = CommitmentEntry.objects.get(organisation=org_b)
    assert entry.not_applicable and entry.text == "This action is not applicable."
    assert entry.entered_via == "cli:tests" and entry.entered_by is None
    assert AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).count() == 1


def test_reimporting_the_same_file_changes_nothing(org_a, org_b, stub_organisations) -> None:  # noqa: ANN001
    data = csv_bytes([row("Department A"), row("Department B")])
    _import(data)
    history = CommitmentEntry.history.count()
    again = _import(data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert CommitmentEntry.objects.count() == 2 and Strategy.objects.count() == 1
    assert CommitmentEntry.history.count() == history


def test_import_changes_text_keeping_history(org_a, stub_organisations) -> None:  # noqa: ANN001
    _import(csv_bytes([row("Department A")]))
    result = _import(csv_bytes([row("Department A", text="Not applicable to us.")]))
    assert result.updated == 1
    entry = CommitmentEntry.objects.get()
    assert entry.not_applicable and entry.history.count() == 2


def test_faulty_file_names_every_row_and_column(org_a, stub_organisations) -> None:  # noqa: ANN001
    data = csv_bytes([
        row("Department A"),
        row("Department A", kind="promise"),
        row("Department A", "progress", period="2013-13"),
        row("Department A", "plan", period="next year"),
        row("Department A", "progress", "2014", text="x" * 10_001),
        row("Department A"),  # repeats row 2
        row("Department A", "plan", "2015", text=""),
        row("Department A", "plan", "2016", strategy=""),
    ])
    with pytest.raises(TableError) as exc:
        _import(data)
    messages = _messages(exc)
    assert any(m.startswith("Row 3, column 'kind'") and "promise" in m for m in messages)
    assert any(m.startswith("Row 4, column 'period'") and "month" in m for m in messages)
    assert any(m.startswith("Row 5, column 'period'") for m in messages)
    assert any(m.startswith("Row 6, column 'text'") and "10,001" in m for m in messages)
    assert any(m.startswith("Row 7:") and "repeats row 2" in m for m in messages)
    assert any(m.startswith("Row 8, column 'text'") for m in messages)
    assert any(m.startswith("Row 9, column 'strategy'") for m in messages)
    assert len(messages) == 7
    assert not CommitmentEntry.objects.exists() and not Strategy.objects.exists()


def test_missing_column_is_rejected(org_a, stub_organisations) -> None:  # noqa: ANN001
    columns = ("strategy", "action", "organisation", "kind", "text")
    with pytest.raises(TableError) as exc:
        _import(csv_bytes([row("Department A")], columns))
    assert "missing column: period" in " ".join(_messages(exc))
    assert not CommitmentEntry.objects.exists()


def test_unmatched_names_stop_the_import_listing_each(org_a, stub_organisations) -> None:  # noqa: ANN001
    data = csv_bytes([row("Department A"), row("Old Department", kind="commitment"),
                      row("Old Department", "progress", "2013"), row("Gone Office")])
    with pytest.raises(TableError) as exc:
        _import(data)
    messages = _messages(exc)
    assert len(messages) == 2
    assert "'Old Department' (rows 3, 4) matches no organisation" in messages[0]
    assert "'Gone Office' (row 5)" in messages[1] and "--create-missing" in messages[1]
    assert not CommitmentEntry.objects.exists()


def test_a_mapping_resolves_a_name(org_a, org_b, stub_organisations) -> None:  # noqa: ANN001
    data = csv_bytes([row("Old Department"), row("Department A")])
    result = _import(data, mappings=["Old Department=db", "Unused name=DA"])
    assert result.matched == {"Old Department": "DB", "Department A": "DA"}
    assert result.unused_mappings == ["Unused name"]
    assert CommitmentEntry.objects.filter(organisation=org_b).exists()


def test_a_bad_mapping_is_named(org_a, stub_organisations) -> None:  # noqa: ANN001
    with pytest.raises(TableError) as exc:
        _import(csv_bytes([row("Department A")]), mappings=["Department A=NOPE", "junk"])
    text = " ".join(_messages(exc))
    assert "'NOPE'" in text and "'junk' is not NAME=ABBREVIATION" in text


def test_two_names_for_one_organisation_are_a_duplicate(org_a, stub_organisations) -> None:  # noqa: ANN001
    with pytest.raises(TableError) as exc:
        _import(csv_bytes([row("Department A"), row("DA")]))
    assert "same organisation as in row 2" in " ".join(_messages(exc))


def test_create_missing_makes_closed_organisations(org_a, stub_organisations) -> None:  # noqa: ANN001
    result = _import(csv_bytes([row("Department A"), row("Gone Office")]), create_missing=True)
    assert result.created_organisations == ["Gone Office"]
    assert CommitmentEntry.objects.filter(organisation__name="Gone Office").exists()


def test_dry_run_writes_nothing(org_a, stub_organisations) -> None:  # noqa: ANN001
    result = _import(csv_bytes([row("Department A"), row("Gone Office")]),
                     create_missing=True, dry_run=True)
    assert result.dry_run and result.created == 2
    assert not CommitmentEntry.objects.exists()
    assert not Organisation.objects.filter(name="Gone Office").exists()
    assert not Strategy.objects.exists()


def test_only_the_central_team_imports(accounts, org_a, stub_organisations) -> None:  # noqa: ANN001
    data = csv_bytes([row("Department A")])
    for name in ("hop_a", "analyst"):
        with pytest.raises(PermissionDenied):
            services.import_commitments(actor=Actor.for_user(accounts[name]), data=data,
                                        filename="c.csv")
    result = services.import_commitments(actor=Actor.for_user(accounts["central"]),
                                         data=data, filename="c.csv")
    assert result.created == 1
    assert CommitmentEntry.objects.get().entered_by == accounts["central"]


def test_head_of_profession_updates_own_organisation_only(commitments_world, accounts) -> None:  # noqa: ANN001
    w = commitments_world
    hop = Actor.for_user(accounts["hop_a"])
    saved = services.save_entry(actor=hop, action=w.action, organisation=w.org_a,
                                kind="progress", period="2014", text="All trained.")
    assert saved.created and saved.entry.entered_by == accounts["hop_a"]
    with pytest.raises(PermissionDenied, match="head of profession in"):
        services.save_entry(actor=hop, action=w.action, organisation=w.org_b,
                            kind="progress", period="2014", text="Not ours.")
    with pytest.raises(PermissionDenied):
        services.update_entry(actor=hop, entry_id=w.entry_b.pk, text="Changed.")
    changed = services.update_entry(actor=hop, entry_id=w.entry_a.pk, not_applicable=True)
    assert changed.changed and changed.entry.not_applicable
    assert changed.entry.text == "We will train everyone."
    central = Actor.for_user(accounts["central"])
    assert services.update_entry(actor=central, entry_id=w.entry_b.pk, text="New.").changed
    assert AuditEvent.objects.filter(action=AuditEvent.Action.RECORD_UPDATED).count() == 2


def test_entry_values_are_checked_together(commitments_world, accounts) -> None:  # noqa: ANN001
    w = commitments_world
    with pytest.raises(ValidationError) as exc:
        services.save_entry(actor=CLI, action=w.action, organisation=w.org_a, kind="wish",
                            period="2013-00", text="x" * 10_001)
    assert set(exc.value.message_dict) == {"kind", "period", "text"}
    with pytest.raises(ValidationError) as exc:
        services.save_entry(actor=CLI, action=w.action, organisation=w.org_a, kind="plan",
                            period="2015", text="")
    assert "not applicable" in exc.value.message_dict["text"][0]
    saved = services.save_entry(actor=CLI, action=w.action, organisation=w.org_a,
                                kind="plan", period="2015", text="", not_applicable=True)
    assert saved.entry.not_applicable and saved.entry.text == ""


def test_saving_the_same_values_writes_nothing(commitments_world) -> None:  # noqa: ANN001
    w = commitments_world
    before = CommitmentEntry.history.count()
    saved = services.update_entry(actor=CLI, entry_id=w.entry_a.pk, text=w.entry_a.text)
    assert not saved.changed and CommitmentEntry.history.count() == before


def test_comparison_rolls_closed_organisations_into_successors(
        commitments_world, stub_organisations) -> None:  # noqa: ANN001
    w = commitments_world
    closed = OrganisationFactory(name="Old Department", abbreviation="OLD")
    services.save_entry(actor=CLI, action=w.action, organisation=closed, kind="commitment",
                        period="2012-12", text="Old words.")
    plain = sel.comparison(w.action)
    assert [r.organisation.name for r in plain.rows] == [
        "Department A", "Department B", "Old Department"]
    assert plain.columns == [("2012-12", "commitment"), ("2013", "progress")]
    stub_organisations[closed.pk] = [w.org_a.pk, w.org_b.pk]
    rolled = sel.comparison(w.action, roll_up=True)
    assert [r.organisation.name for r in rolled.rows] == ["Department A", "Department B"]
    first = rolled.rows[0]
    assert first.rolled_from == [closed]
    cell = first.cells[0].entries
    assert [(e.text, source) for e, source in cell] == [
        ("We will train everyone.", None), ("Old words.", closed)]
    assert rolled.rolled == [(closed, [w.org_a, w.org_b])]


def test_export_rows_and_filters(commitments_world) -> None:  # noqa: ANN001
    w = commitments_world
    rows = sel.export_rows(sel.entries(organisation=w.org_a))
    assert rows[0] == {"strategy": STRATEGY, "action": ACTION, "organisation": "Department A",
                       "kind": "commitment", "period": "2012-12", "not_applicable": False,
                       "text": "We will train everyone."}
    assert len(rows) == 2
    assert sel.entries(action=ACTION.upper(), kind="progress").count() == 1
    assert sel.entries(action=w.action.pk, period="2012-12").count() == 2
