"""Assessor pool and round allocation services: exclusions as data with reasons, dry run,
apply, capacity, races and who may do what; the CLI's exact JSON shape."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.accreditation.models import (
    AccreditationRound,
    Allocation,
    Application,
    AssessorCapacity,
    DeclaredConflict,
    Exclusion,
    ExclusionReason,
)
from cadre.accreditation.services import allocation as svc
from cadre.accreditation.services import assessors as pool_svc
from cadre.accreditation.tests import alloc_fixtures
from cadre.accreditation.tests.alloc_fixtures import Pool
from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict
from tests.factories import PersonFactory

pool = alloc_fixtures.pool

R = ExclusionReason


def reasons(plan: svc.Plan, application: Application) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for e in plan.exclusions:
        if e.application.pk == application.pk:
            found.setdefault(e.assessor.person.staff_number, set()).add(e.reason)
    return found


def test_every_conflict_rule_is_recorded_with_its_reason(pool: Pool) -> None:
    plan = svc.dry_run(actor=pool.runner, round_id=pool.round.pk)
    assert reasons(plan, pool.app_a) == {
        "A2": {R.LINE_CHAIN, R.SAME_ORGANISATION},  # a_manager: manager of a_staff1
        "A1": {R.LINE_CHAIN, R.SAME_ORGANISATION},  # a_head: two levels up
        "E_ONE": {R.DECLARED},
    }
    assert reasons(plan, pool.app_b) == {
        "B1": {R.LINE_CHAIN, R.SAME_ORGANISATION},
        "D_TWO": {R.SUPPORTER},
        "E_TWO": {R.RECENT},  # assessed b_staff a year ago
    }
    assert reasons(plan, pool.app_c) == {"C_TWO": {R.SAME_ORGANISATION}}


def test_dry_run_writes_nothing_and_breaks_no_rule(pool: Pool) -> None:
    plan = svc.dry_run(actor=pool.runner, round_id=pool.round.pk)
    assert not Allocation.objects.filter(application__round=pool.round).exists()
    assert not Exclusion.objects.exists()
    excluded = {(e.application.pk, e.assessor.pk) for e in plan.exclusions}
    for row in plan.assignments:
        assert len(row.assessors) == 2 and not row.short
        assert not excluded & {(row.application.pk, a.pk) for a in row.assessors}
    # Family match preferred: the Software applications never get the Data assessor while
    # Software assessors have places.
    assert all(a.person.staff_number != "D_DATA" for r in plan.assignments for a in r.assessors)


def test_allocate_stores_exclusions_allocations_and_steps(pool: Pool) -> None:
    plan = svc.allocate_round(actor=pool.runner, round_id=pool.round.pk)
    pool.round.refresh_from_db()
    assert pool.round.state == AccreditationRound.State.ALLOCATED
    assert plan.applied
    for app in (pool.app_a, pool.app_b, pool.app_c):
        app.refresh_from_db()
        assert app.state == Application.State.ASSESSING
        assert app.allocations.count() == 2
    stored = set(Exclusion.objects.values_list("application_id", "assessor_id", "reason"))
    assert stored == {(e.application.pk, e.assessor.pk, e.reason) for e in plan.exclusions}
    for app_id, assessor_id, _ in stored:
        assert not Allocation.objects.filter(
            application_id=app_id, assessor_id=assessor_id
        ).exists()
    summary = f"Accreditation round {pool.round.pk}: allocate"
    assert AuditEvent.objects.filter(summary=summary).exists()
    # A second run is a lost race / wrong state: 409.
    with pytest.raises(TransitionConflict):
        svc.allocate_round(actor=pool.runner, round_id=pool.round.pk)


def test_capacity_per_round_and_shortfall_reported(pool: Pool) -> None:
    for name, assessor in pool.assessors.items():
        AssessorCapacity.objects.create(
            assessor=assessor, round=pool.round, capacity=1 if name in ("d_one", "d_two") else 0
        )
    plan = svc.allocate_round(actor=pool.runner, round_id=pool.round.pk)
    placed = [r for r in plan.assignments if r.assessors]
    assert len(placed) == 1  # d_one + d_two together; app_b may not have d_two
    assert {a.person.staff_number for a in placed[0].assessors} == {"D_ONE", "D_TWO"}
    short = [r for r in plan.assignments if r.short]
    assert len(short) == 2
    for row in short:
        row.application.refresh_from_db()
        assert row.application.state == Application.State.SUBMITTED
        assert not row.application.allocations.exists()


def test_inactive_assessors_are_never_allocated(pool: Pool) -> None:
    for name in ("d_one", "d_two", "e_one", "e_two"):
        pool_svc.update_assessor(actor=pool.runner, assessor=pool.assessors[name], active=False)
    plan = svc.dry_run(actor=pool.runner, round_id=pool.round.pk)
    used = {a.person.staff_number for r in plan.assignments for a in r.assessors}
    assert used.isdisjoint({"D_ONE", "D_TWO", "E_ONE", "E_TWO"})


def test_only_runners_allocate_and_not_in_a_round_with_their_application(
    pool: Pool, make_account
) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        svc.dry_run(actor=pool.applicant, round_id=pool.round.pk)
    with pytest.raises(PermissionDenied):
        svc.allocate_round(actor=pool.applicant, round_id=pool.round.pk)
    from cadre.access.roles import Role

    runner_applicant = make_account(Role.CENTRAL_TEAM, person=pool.app_c.person)
    with pytest.raises(PermissionDenied, match="someone else"):
        svc.allocate_round(actor=runner_applicant, round_id=pool.round.pk)
    assert not Allocation.objects.filter(application__round=pool.round).exists()


def test_pool_services(pool: Pool) -> None:
    person = PersonFactory(organisation=pool.people["d_one"].organisation)
    assessor = pool_svc.add_assessor(
        actor=pool.runner, person=person, families=[pool.data], default_capacity=3
    )
    assert list(assessor.families.all()) == [pool.data]
    with pytest.raises(ValidationError):
        pool_svc.add_assessor(actor=pool.runner, person=person)
    with pytest.raises(ValidationError):
        pool_svc.update_assessor(actor=pool.runner, assessor=assessor, default_capacity=51)
    with pytest.raises(PermissionDenied):
        pool_svc.add_assessor(actor=pool.applicant, person=pool.people["a_other"])
    pool_svc.set_capacity(actor=pool.runner, assessor=assessor, round_=pool.round, capacity=2)
    assert AssessorCapacity.objects.get(assessor=assessor).capacity == 2
    # The assessor declares their own conflict; others may not do it for them.
    own = pool.runner_assessor
    mine = pool.assessors["c_two"]
    conflict = pool_svc.declare_conflict(
        actor=own, assessor=mine, person=pool.people["d_one"], reason="Old friends."
    )
    with pytest.raises(PermissionDenied):
        pool_svc.declare_conflict(
            actor=pool.applicant, assessor=mine, person=pool.people["d_two"], reason="x"
        )
    with pytest.raises(ValidationError):
        pool_svc.declare_conflict(
            actor=own, assessor=mine, person=pool.people["d_two"], reason="x" * 2001
        )
    pool_svc.withdraw_conflict(actor=own, conflict=conflict)
    assert not DeclaredConflict.objects.filter(pk=conflict.pk).exists()


@pytest.mark.usefixtures("keep_connection_open")
def test_cli_json_shape_is_exactly_the_issues(pool: Pool) -> None:
    out = io.StringIO()
    call_command(
        "accreditation_allocate",
        "--round",
        str(pool.round.pk),
        "--dry-run",
        "--format",
        "json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert set(data) == {"assignments", "exclusions"}
    assert len(data["assignments"]) == 3
    for row in data["assignments"]:
        assert set(row) == {
            "application",
            "applicant_staff_number",
            "applicant_organisation",
            "assessors",
            "cost",
        }
        assert isinstance(row["application"], int) and isinstance(row["cost"], float | int)
        assert len(row["assessors"]) == 2
        for assessor in row["assessors"]:
            assert set(assessor) == {"email", "organisation"}
    first = next(r for r in data["assignments"] if r["application"] == pool.app_a.pk)
    assert (first["applicant_staff_number"], first["applicant_organisation"]) == ("A3", "DA")
    for row in data["exclusions"]:
        assert set(row) == {"application", "assessor", "reason"}
        assert row["reason"] in ExclusionReason.values
    assert {
        "application": pool.app_a.pk,
        "assessor": pool.people["e_one"].email,
        "reason": "declared",
    } in data["exclusions"]
    assert not Allocation.objects.filter(application__round=pool.round).exists()
    out = io.StringIO()
    call_command(
        "accreditation_allocate", "--round", str(pool.round.pk), "--format", "csv", stdout=out
    )
    lines = out.getvalue().splitlines()
    assert lines[0] == ",".join(svc.PLAN_COLUMNS)
    assert sum(1 for line in lines if line.startswith("assignment,")) == 6
    assert Allocation.objects.filter(application__round=pool.round).count() == 6
    with pytest.raises(CommandError, match="No round"):
        call_command("accreditation_allocate", "--round", "999999", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("accreditation_allocate", "--round", str(pool.round.pk), stdout=io.StringIO())


def test_system_actor_allocates(pool: Pool) -> None:
    plan = svc.allocate_round(actor=Actor.system(), round_id=pool.round.pk)
    assert sum(len(r.assessors) for r in plan.assignments) == 6
