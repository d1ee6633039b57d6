# ruff: noqa: F811 - pytest fixtures imported from workstreams_fixtures are named as arguments
"""Strategies, workstreams, milestones, scales, periods and ratings: who may do what, the
version checks (a stale change is a conflict, never a lost update), ratings on the
period's scale with their common score, history and audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.strategy.models import ConfidenceRating, Milestone, MilestoneStatus, Workstream
from cadre.strategy.selectors import workstreams as sel
from cadre.strategy.services import workstreams as services
from cadre.strategy.tests.workstreams_fixtures import CLI, ws_world  # noqa: F401

pytestmark = pytest.mark.django_db


def _as(user) -> Actor:  # noqa: ANN001
    return Actor.for_user(user)


def test_milestone_baseline_is_read_from_its_date_text(ws_world) -> None:  # noqa: ANN001
    m = ws_world.milestone
    assert (m.baseline_kind, m.baseline_start, m.baseline_end) == ("due", None,
                                                                   dt.date(2012, 3, 31))
    other = services.create_milestone(actor=CLI, workstream=ws_world.workstream,
                                      title="Later", date_text="some day")
    assert other.baseline_kind == "unread" and other.date_text == "some day"
    assert other.position == m.position + 1


def test_only_the_central_team_sets_up(ws_world) -> None:  # noqa: ANN001
    for user in (ws_world.owner, ws_world.analyst, ws_world.professional):
        with pytest.raises(PermissionDenied):
            services.create_strategy(actor=_as(user), name="Another")
        with pytest.raises(PermissionDenied):
            services.create_milestone(actor=_as(user), workstream=ws_world.workstream,
                                      title="x")
    strategy = services.create_strategy(actor=_as(ws_world.central), name="Another")
    assert strategy.pk


def test_workstream_values_are_checked(ws_world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as error:
        services.create_workstream(actor=CLI, strategy=ws_world.strategy, name="x" * 301,
                                   lead_organisation="NOPE")
    assert set(error.value.message_dict) == {"name", "lead_organisation"}
    with pytest.raises(ValidationError) as error:
        services.create_workstream(actor=CLI, strategy=ws_world.strategy, name="Plan",
                                   lead_organisation="DA", kind="departmental_plan")
    assert "organisation" in error.value.message_dict
    plan = services.create_workstream(actor=CLI, strategy=ws_world.strategy, name="DA plan",
                                      lead_organisation="DA", kind="departmental_plan",
                                      organisation="DA")
    assert plan.get_kind_display() == "Departmental implementation plan"
    with pytest.raises(ValidationError):
        services.create_workstream(actor=CLI, strategy=ws_world.strategy,
                                   name="accreditation", lead_organisation="DA")
    with pytest.raises(ValidationError) as error:
        services.create_workstream(actor=CLI, strategy=ws_world.strategy, name="N\x00",
                                   lead_organisation="DA")
    assert "name" in error.value.message_dict


def test_owner_updates_progress_and_the_version_goes_up(ws_world) -> None:  # noqa: ANN001
    m = ws_world.milestone
    row = services.change_milestone(actor=_as(ws_world.owner), milestone=m, version=1,
                                    status="at risk", forecast_date="2012-05-31",
                                    evidence="Waiting for the panel.")
    assert (row.status, row.forecast_date, row.version) == (
        MilestoneStatus.AT_RISK, dt.date(2012, 5, 31), 2)
    assert row.updated_by == ws_world.owner
    assert AuditEvent.objects.filter(summary=f"Milestone {m.pk} progress updated").exists()
    assert m.history.count() == 2


def test_a_stale_form_is_a_conflict_and_changes_nothing(ws_world) -> None:  # noqa: ANN001
    m = ws_world.milestone
    services.change_milestone(actor=_as(ws_world.owner), milestone=m, version=1,
                              status="on_track")
    with pytest.raises(services.WorkstreamConflict):
        services.change_milestone(actor=_as(ws_world.central), milestone=m, version=1,
                                  status="late")
    assert Milestone.objects.get(pk=m.pk).status == MilestoneStatus.ON_TRACK
    with pytest.raises(ValidationError):
        services.change_milestone(actor=_as(ws_world.owner), milestone=m, version="x",
                                  status="late")


def test_other_organisations_and_analysts_may_not_update(ws_world) -> None:  # noqa: ANN001
    for user in (ws_world.other_hop, ws_world.analyst, ws_world.professional):
        assert not sel.may_own(user, ws_world.milestone)
        with pytest.raises(PermissionDenied):
            services.change_milestone(actor=_as(user), milestone=ws_world.milestone,
                                      version=1, status="late")
    assert sel.may_own(ws_world.central, ws_world.milestone)


def test_the_owner_organisation_of_a_milestone_owns_it(ws_world) -> None:  # noqa: ANN001
    m = services.create_milestone(actor=CLI, workstream=ws_world.workstream, title="B's part",
                                  date_text="June 2012", owner_organisation="DB")
    assert sel.may_own(ws_world.other_hop, m) and sel.may_own(ws_world.owner, m)
    assert not sel.may_own(ws_world.other_hop, ws_world.milestone)


def test_progress_values_are_checked(ws_world) -> None:  # noqa: ANN001
    m = ws_world.milestone
    with pytest.raises(ValidationError) as error:
        services.change_milestone(actor=CLI, milestone=m, version=1, status="done")
    assert "actual_date" in error.value.message_dict
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    with pytest.raises(ValidationError) as error:
        services.change_milestone(actor=CLI, milestone=m, version=1, actual_date=future)
    assert "actual_date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.change_milestone(actor=CLI, milestone=m, version=1, status="finished",
                                  evidence="x" * 4001, evidence_url="ftp://x")
    assert set(error.value.message_dict) == {"status", "evidence", "evidence_url"}
    with pytest.raises(ValidationError):
        services.change_milestone(actor=CLI, milestone=m, version="¹", status="late")
    done = services.change_milestone(actor=CLI, milestone=m, version=1, status="Done",
                                     actual_date="2012-03-20")
    assert done.status == "done"


def test_owner_and_central_ratings_are_separate(ws_world) -> None:  # noqa: ANN001
    m, period = ws_world.milestone, ws_world.period
    owner = services.rate_milestone(actor=_as(ws_world.owner), milestone=m, period=period,
                                    rater_kind="owner", level="Amber-green", version=0,
                                    comment="On course.")
    central = services.rate_milestone(actor=_as(ws_world.central), milestone=m,
                                      period=period, rater_kind="central", level="Amber-red",
                                      version=0)
    assert (owner.level.label, owner.level.score) == ("Amber-green", Decimal("0.750"))
    assert (central.level.label, central.level.score) == ("Amber-red", Decimal("0.250"))
    with pytest.raises(PermissionDenied):
        services.rate_milestone(actor=_as(ws_world.owner), milestone=m, period=period,
                                rater_kind="central", level="Green", version=1)
    with pytest.raises(PermissionDenied):
        services.rate_milestone(actor=_as(ws_world.other_hop), milestone=m, period=period,
                                rater_kind="owner", level="Green", version=1)
    rated = sel.ratings_by_milestone([m.pk], period)[m.pk]
    assert set(rated) == {"owner", "central"}


def test_changing_a_rating_keeps_its_history(ws_world) -> None:  # noqa: ANN001
    m, period = ws_world.milestone, ws_world.period
    services.rate_milestone(actor=CLI, milestone=m, period=period, rater_kind="central",
                            level="Green", version=0)
    changed = services.rate_milestone(actor=_as(ws_world.central), milestone=m,
                                      period=period, rater_kind="central", level=5,
                                      comment="Slipping.", version=1)
    assert changed.level.label == "Red" and changed.version == 2
    assert ConfidenceRating.objects.filter(milestone=m).count() == 1
    history = sel.rating_history(changed)
    assert [h["level"] for h in history] == ["Red", "Green"]
    with pytest.raises(services.WorkstreamConflict):
        services.rate_milestone(actor=_as(ws_world.central), milestone=m, period=period,
                                rater_kind="central", level="Amber", version=1)
    with pytest.raises(services.WorkstreamConflict):
        services.rate_milestone(actor=_as(ws_world.central), milestone=m, period=period,
                                rater_kind="owner", level="Amber", version=1)


def test_a_level_must_be_on_the_periods_scale(ws_world) -> None:  # noqa: ANN001
    other_level = ws_world.three.levels.get(label="Amber")
    with pytest.raises(ValidationError) as error:
        services.rate_milestone(actor=CLI, milestone=ws_world.milestone,
                                period=ws_world.period, rater_kind="owner",
                                level=other_level, version=0)
    assert "Five-point" in str(error.value)
    with pytest.raises(ValidationError):
        services.rate_milestone(actor=CLI, milestone=ws_world.milestone,
                                period=ws_world.period, rater_kind="owner", level="Purple")


def test_scales_stay_comparable_and_periods_keep_their_scale(ws_world) -> None:  # noqa: ANN001
    three_period = services.create_period(actor=CLI, label="2025 Q4", starts_on="2025-10-01",
                                          ends_on="2025-12-31", scale=ws_world.three)
    a = services.rate_milestone(actor=CLI, milestone=ws_world.milestone,
                                period=ws_world.period, rater_kind="owner", level="Amber")
    b = services.rate_milestone(actor=CLI, milestone=ws_world.milestone, period=three_period,
                                rater_kind="owner", level="Amber")
    assert a.level.score == b.level.score == Decimal("0.500")
    with pytest.raises(ValidationError) as error:
        services.update_period(actor=CLI, period=ws_world.period, scale=ws_world.three)
    assert "scale" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.update_period(actor=CLI, period=ws_world.period, ends_on="2025-10-31")
    assert "starts_on" in error.value.message_dict
    renamed = services.update_period(actor=CLI, period=ws_world.period, label="Q3 2025")
    assert renamed.label == "Q3 2025"
    empty = services.create_period(actor=CLI, label="2026 Q1", starts_on="2026-01-01",
                                   ends_on="2026-03-31", scale=ws_world.scale)
    assert services.update_period(actor=CLI, period=empty, scale=ws_world.three).scale == \
        ws_world.three


def test_scale_and_period_values_are_checked(ws_world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError):
        services.create_scale(actor=CLI, name="One", levels=["Only"])
    with pytest.raises(ValidationError):
        services.create_scale(actor=CLI, name="Dup", levels=["A", "a"])
    with pytest.raises(ValidationError):
        services.create_scale(actor=CLI, name="Up", levels=[("Low", 0), ("High", 1)])
    custom = services.create_scale(actor=CLI, name="Custom",
                                   levels=[("Yes", 1), ("Probably", "0.8"), ("No", 0)])
    assert [str(lv.score) for lv in custom.levels.order_by("position")] == \
        ["1.000", "0.800", "0.000"]
    with pytest.raises(ValidationError) as error:
        services.create_period(actor=CLI, label="Backwards", starts_on="2025-02-01",
                               ends_on="2025-01-01", scale=custom)
    assert "ends_on" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.create_scale(actor=_as(ws_world.owner), name="Mine", levels=["A", "B"])


def test_the_document_has_workstreams_milestones_and_ratings(ws_world) -> None:  # noqa: ANN001
    services.rate_milestone(actor=CLI, milestone=ws_world.milestone, period=ws_world.period,
                            rater_kind="central", level="Amber")
    document = sel.workstream_document(period=ws_world.period)
    assert [w["name"] for w in document] == ["Accreditation"]
    first = document[0]["milestones"][0]
    assert first["central_rating"]["level"] == "Amber" and first["owner_rating"] is None
    assert document[0]["participants"] == ["WF"]
    rows = sel.workstream_csv_rows(document)
    assert rows[0]["central_score"] == 0.5 and rows[0]["baseline_end"] == "2012-03-31"
    assert Workstream.objects.count() == 1
