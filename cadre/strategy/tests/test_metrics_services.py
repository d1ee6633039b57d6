# ruff: noqa: F811 - pytest fixtures imported from metrics_fixtures are named as arguments
"""Metric definitions, entered values with history, and computing values in bulk."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.audit.models import AuditEvent
from cadre.strategy.models import MetricDefinition, MetricValue
from cadre.strategy.selectors import metrics as sel
from cadre.strategy.services import metrics as services
from cadre.strategy.tests.metrics_fixtures import (  # noqa: F401
    CLI,
    FY,
    PREVIOUS,
    fake_source,
    metrics_world,
)

pytestmark = pytest.mark.django_db


def test_definition_fields_are_checked_all_at_once(metrics_world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as caught:
        services.create_definition(
            actor=CLI, key="Bad Key", name="x" * 201, unit="furlongs", direction="up",
            frequency="weekly", baseline_value="abc", baseline_period="2025 Q9",
            source="computed", source_key="nothing")
    errors = caught.value.message_dict
    assert set(errors) == {"key", "name", "unit", "direction", "frequency", "baseline_value",
                           "baseline_period", "source_key"}
    with pytest.raises(ValidationError, match="exists already"):
        services.create_definition(actor=CLI, key="fake-share", name="Other",
                                   unit="count", direction="higher")
    with pytest.raises(ValidationError, match="computed from this source already"):
        services.create_definition(actor=CLI, key="another", name="Another", unit="percent",
                                   direction="higher", source="computed",
                                   source_key="fake-share")
    with pytest.raises(ValidationError, match="0 to 100"):
        services.create_definition(actor=CLI, key="p", name="P", unit="percent",
                                   direction="higher", target_value=120)
    with pytest.raises(ValidationError, match="no source"):
        services.create_definition(actor=CLI, key="p", name="P", unit="count",
                                   direction="higher", source_key="fake-share")


def test_only_editors_define(metrics_world, make_account) -> None:  # noqa: ANN001
    head = make_account("head_of_profession", metrics_world.orgs["DA"])
    with pytest.raises(PermissionDenied):
        services.create_definition(actor=head, key="k", name="K", unit="count",
                                   direction="higher")
    with pytest.raises(PermissionDenied):
        services.update_definition(actor=head, definition_id=metrics_world.entered.pk,
                                   name="New")
    central = make_account("central_team")
    changed = services.update_definition(actor=central, definition_id=metrics_world.entered.pk,
                                         name="Satisfaction of users", agreed=False)
    assert (changed.name, changed.agreed) == ("Satisfaction of users", False)
    assert AuditEvent.objects.filter(action="record_updated",
                                     summary__contains="user-satisfaction").exists()


def test_unit_is_fixed_once_there_are_values(metrics_world) -> None:  # noqa: ANN001
    entered = metrics_world.entered
    services.update_definition(actor=CLI, definition_id=entered.pk, unit="ratio",
                               target_value=5)
    services.update_definition(actor=CLI, definition_id=entered.pk, unit="percent")
    services.record_value(actor=CLI, definition_id=entered.pk, organisation=None,
                          period="2025-26", value=70)
    with pytest.raises(ValidationError, match="cannot change"):
        services.update_definition(actor=CLI, definition_id=entered.pk, unit="count")
    with pytest.raises(ValidationError, match="key never changes"):
        services.update_definition(actor=CLI, definition_id=entered.pk, key="other")


def test_entering_a_value_supersedes_and_keeps_history(metrics_world, make_account) -> None:  # noqa: ANN001
    da = metrics_world.orgs["DA"]
    head = make_account("head_of_profession", da)
    first = services.record_value(actor=head, definition_id=metrics_world.entered.pk,
                                  organisation=da, period="2025/26", value="71.5",
                                  people=40, note="From the staff survey")
    second = services.record_value(actor=head, definition_id=metrics_world.entered.pk,
                                   organisation=da.pk, period="2025-26", value=72,
                                   origin="submitted")
    first.refresh_from_db()
    assert (first.current, second.current) == (False, True)
    assert first.superseded_at is not None and first.value == Decimal("71.5")
    assert second.recorded_by == head and second.recorded_by_label == head.email
    assert second.origin == "submitted" and second.period_label == "2025-26"
    rows = sel.history(metrics_world.entered, "2025-26")
    assert [(s.row.pk, s.row.current) for s in rows] == [(second.pk, True), (first.pk, False)]
    assert MetricValue.objects.filter(definition=metrics_world.entered, current=True).count() == 1


def test_value_checks_and_scope(metrics_world, make_account) -> None:  # noqa: ANN001
    da, db = metrics_world.orgs["DA"], metrics_world.orgs["DB"]
    head = make_account("head_of_profession", da)
    entered = metrics_world.entered.pk
    with pytest.raises(PermissionDenied, match="organisations you lead"):
        services.record_value(actor=head, definition_id=entered, organisation=db,
                              period="2025-26", value=1)
    with pytest.raises(PermissionDenied, match="whole-of-government"):
        services.record_value(actor=head, definition_id=entered, organisation=None,
                              period="2025-26", value=1)
    analyst = make_account("analyst")
    with pytest.raises(PermissionDenied):
        services.record_value(actor=analyst, definition_id=entered, organisation=da,
                              period="2025-26", value=1)
    with pytest.raises(ValidationError) as caught:
        services.record_value(actor=head, definition_id=entered, organisation=da,
                              period="2025 Q1", value="101", people="²", numerator=5,
                              denominator=2, note="x" * 501)
    assert set(caught.value.message_dict) == {"period", "value", "people", "numerator",
                                              "note"}
    with pytest.raises(ValidationError, match="computed from Cadre"):
        services.record_value(actor=CLI, definition_id=metrics_world.computed.pk,
                              organisation=da, period="2025-26", value=1)
    with pytest.raises(ValidationError, match="computed values come"):
        services.record_value(actor=CLI, definition_id=entered, organisation=da,
                              period="2025-26", value=1, origin="computed")


def test_compute_stores_in_bulk_and_skips_unchanged(metrics_world, fake_source) -> None:  # noqa: ANN001
    figures, calls = fake_source
    with CaptureQueriesContext(connection) as queries:
        result = services.compute_metrics(actor=CLI, period=FY)
    assert result.stored == 4 and result.definitions == ["fake-share"]
    inserts = [q for q in queries.captured_queries
               if q["sql"].startswith('INSERT INTO "strategy_metricvalue"')]
    assert len(inserts) == 1
    rows = {(v.organisation_id, v.value, v.people, v.origin, v.recorded_by_label)
            for v in MetricValue.objects.filter(period_label="2025-26")}
    assert (metrics_world.orgs["DA"].pk, Decimal("50"), 60, "computed", "cli:tester") in rows
    again = services.compute_metrics(actor=CLI, period=FY)
    assert (again.stored, again.unchanged) == (0, 4)
    da = metrics_world.orgs["DA"].pk
    figures["2025-26"][da] = figures["2025-26"][da].__class__(55.0, 62, 34.1, 62)
    third = services.compute_metrics(actor=CLI, period=FY, keys=["fake-share"])
    assert (third.stored, third.superseded, third.unchanged) == (1, 1, 3)
    assert MetricValue.objects.filter(organisation_id=da, period_label="2025-26").count() == 2
    computed = AuditEvent.objects.filter(summary__startswith="Metrics computed for 2025-26")
    assert computed.count() == 3
    quarter = services.compute_metrics(actor=CLI, period=sel.as_period("2025 Q3"))
    assert quarter.stored == 0 and "yearly" in quarter.skipped["fake-share"]
    with pytest.raises(ValidationError, match="No computed metric"):
        services.compute_metrics(actor=CLI, period=FY, keys=["user-satisfaction"])
    assert calls == ["2025-26", "2025-26", "2025-26"]


def test_compute_needs_an_editor(metrics_world, make_account) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        services.compute_metrics(actor=make_account("analyst"), period=FY)


def test_suppression_across_organisations(metrics_world) -> None:  # noqa: ANN001
    services.compute_metrics(actor=CLI, period=FY)
    services.compute_metrics(actor=CLI, period=PREVIOUS)
    shown = {s.organisation_name: s for s in sel.comparison(metrics_world.computed, "2025-26")}
    assert list(shown) == ["Whole of government", "Department A", "Department B",
                           "Department C"]
    assert shown["Department C"].mark == "small" and shown["Department C"].value is None
    assert shown["Department C"].label == "fewer than 5 people"
    # DC alone is hidden and the total is shown, so DB (36 people, fewer than DA) is too.
    assert shown["Department B"].mark == "protected" and shown["Department B"].numerator is None
    assert shown["Department A"].value == Decimal("50")
    trend = sel.trend(metrics_world.computed, metrics_world.orgs["DB"])
    assert [(s.row.period_label, s.hidden) for s in trend] == [("2024-25", False),
                                                               ("2025-26", True)]
    rows = sel.value_rows(period="2025-26")
    dc = next(r for r in rows if r["organisation"] == "DC")
    assert dc["value"] is None and dc["people"] is None and dc["suppressed"]
    assert dc["note"] == "Hidden: based on fewer than 5 people"
    assert sel.period_labels(metrics_world.computed) == ["2024-25", "2025-26"]


def test_definitions_of_the_published_set(metrics_world) -> None:  # noqa: ANN001
    MetricDefinition.objects.filter(pk=metrics_world.entered.pk).update(agreed=False)
    assert [d.key for d in sel.published_definitions()] == ["fake-share"]
    services.compute_metrics(actor=CLI, period=FY)
    rows = sel.published_rows()
    assert {r["metric"] for r in rows} == {"fake-share"} and "recorded_by" not in rows[0]
    assert sum(r["suppressed"] for r in rows) == 2


def test_storage_queries_do_not_grow_with_organisations(db, monkeypatch) -> None:  # noqa: ANN001
    from cadre.strategy.selectors import metric_sources
    from cadre.strategy.selectors.metric_sources import Figure, Source
    from tests.factories import OrganisationFactory

    orgs = [OrganisationFactory().pk for _ in range(60)]

    def source(key: str, size: int) -> Source:
        return Source(key, key, "count", "up", "Test.", lambda p: {
            None: Figure(1000, 1000), **{o: Figure(i + 10, i + 10)
                                         for i, o in enumerate(orgs[:size])}})

    def queries(size: int, label: str) -> int:
        monkeypatch.setattr(metric_sources, "SOURCES", {
            f"s{i}": source(f"s{i}", size) for i in range(5)})
        for i in range(5):
            if not MetricDefinition.objects.filter(key=f"s{i}").exists():
                services.create_definition(actor=CLI, key=f"s{i}", name=f"S {i}", unit="count",
                                           direction="higher", source="computed",
                                           source_key=f"s{i}")
        with CaptureQueriesContext(connection) as captured:
            result = services.compute_metrics(actor=CLI, period=sel.as_period(label))
        assert result.stored + result.unchanged == 5 * (size + 1)
        return len(captured.captured_queries)

    # 305 values in a handful of statements (bulk inserts; SQLite splits them by its limit
    # on parameters, PostgreSQL sends one per 1,000 rows).
    assert queries(3, "2023-24") <= 8
    assert queries(60, "2024-25") <= 8 + 305 * 18 // 999 + 1
    assert queries(60, "2024-25") <= 6  # unchanged: read, no update, no insert
