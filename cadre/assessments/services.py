"""Writes to capability: profiles, assessment rounds and assessments. Audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cadre.assessments.models import (
    MAX_TARGETS,
    Activity,
    AssessmentCycle,
    AssessmentRound,
    CapabilityProfile,
    DevelopmentPlan,
    EvidenceFile,
    Objective,
    RoundItem,
    SkillAssessment,
    Source,
)
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.framework.models import RoleLevel, Skill, SkillLevel
from cadre.people.models import Person


@transaction.atomic
def set_profile(
    *, actor: Any, person: Person, current_role_level: RoleLevel | None,
    targets: list[RoleLevel],
) -> CapabilityProfile:
    """Set a person's current role level and up to three target role levels."""
    if len(targets) > MAX_TARGETS:
        raise ValidationError({"targets": f"Choose at most {MAX_TARGETS} target role levels."})
    if current_role_level is not None and current_role_level in targets:
        raise ValidationError({"targets": "A target cannot be the current role level."})
    profile, _ = CapabilityProfile.objects.get_or_create(person=person)
    profile.current_role_level = current_role_level
    profile._history_user = actor
    profile.save()
    profile.targets.set(targets)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=profile,
                 summary=f"Capability profile of {person.staff_number} set",
                 data={"current": current_role_level.name if current_role_level else None,
                       "targets": [t.name for t in targets]})
    return profile


@transaction.atomic
def start_round(*, actor: Any, person: Person, role_level: RoleLevel) -> AssessmentRound:
    """Start a self-assessment against a role level, pre-filled with its skills."""
    if AssessmentRound.objects.filter(person=person, state__in=[
            AssessmentRound.State.DRAFT, AssessmentRound.State.SUBMITTED]).exists():
        raise ValidationError("Finish the assessment already under way first.")
    round_ = AssessmentRound.objects.create(person=person, role_level=role_level,
                                            manager=person.line_manager)
    RoundItem.objects.bulk_create(
        RoundItem(round=round_, skill_id=skill_id, required_level_id=level_id)
        for skill_id, level_id in role_level.requirements.values_list("skill_id", "level_id")
    )
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=round_,
                 summary=f"Assessment of {person.staff_number} against {role_level} started")
    return round_


def _level(round_: AssessmentRound, level_id: int | None) -> SkillLevel | None:
    if not level_id:
        return None
    level = SkillLevel.objects.filter(pk=level_id,
                                      framework_id=round_.role_level.framework_id).first()
    if level is None:
        raise ValidationError({"level": "That level is not on this framework's scale."})
    return level


@transaction.atomic
def save_self_assessment(
    *, actor: Any, round_: AssessmentRound, levels: dict[int, int | None],
    evidence: dict[int, str], add_skill: Skill | None = None,
) -> AssessmentRound:
    """Save the person's draft: a level (or none) and evidence per item."""
    if round_.state != AssessmentRound.State.DRAFT:
        raise ValidationError("This assessment has been submitted and can no longer change.")
    for item in round_.items.all():
        if item.pk in levels:
            item.self_level = _level(round_, levels[item.pk])
            item.answered = True
            item.evidence = evidence.get(item.pk, item.evidence)[:5000]
            item._history_user = actor
            item.save()
    if add_skill is not None:
        if add_skill.framework_id != round_.role_level.framework_id:
            raise ValidationError({"skill": "Add a skill from the same framework."})
        RoundItem.objects.get_or_create(round=round_, skill=add_skill)
    return round_


@transaction.atomic
def submit_round(*, actor: Any, round_: AssessmentRound) -> AssessmentRound:
    """Send the draft to the line manager (or complete it when there is none)."""
    if round_.state != AssessmentRound.State.DRAFT:
        raise ValidationError("Only a draft can be submitted.")
    missing = [i.skill.name for i in round_.items.select_related("skill") if not i.answered]
    if missing:
        raise ValidationError(
            {"items": f"Choose a level for every skill (or 'not held'): {', '.join(missing)}"})
    today = timezone.localdate()
    SkillAssessment.objects.bulk_create(
        SkillAssessment(person=round_.person, skill_id=i.skill_id, level_id=i.self_level_id,
                        source=Source.SELF, assessed_by=actor, assessed_on=today,
                        evidence=i.evidence, round=round_)
        for i in round_.items.all()
    )
    round_.state = AssessmentRound.State.SUBMITTED
    round_.submitted_at = timezone.now()
    round_._history_user = actor
    round_.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=round_,
                 summary=f"Assessment {round_.pk} submitted for review")
    return round_


@transaction.atomic
def review_round(
    *, actor: Any, reviewer: Person, round_: AssessmentRound, levels: dict[int, int | None],
    comments: dict[int, str],
) -> AssessmentRound:
    """The line manager agrees or adjusts each skill; the round is then final."""
    if round_.state != AssessmentRound.State.SUBMITTED:
        raise ValidationError("Only a submitted assessment can be reviewed.")
    if round_.manager_id != reviewer.pk:
        raise ValidationError("Only the person's line manager can review this assessment.")
    today = timezone.localdate()
    records = []
    for item in round_.items.all():
        level = _level(round_, levels.get(item.pk, item.self_level_id))
        comment = comments.get(item.pk, "")[:5000]
        if level != item.self_level and not comment.strip():
            raise ValidationError({"comment": "Say why when you change a level."})
        item.manager_level = level
        item.manager_comment = comment
        item._history_user = actor
        item.save()
        # An agreed "not held" (level None) is recorded too, so it outranks the self level.
        records.append(SkillAssessment(
            person=round_.person, skill_id=item.skill_id, level=level,
            source=Source.MANAGER, assessed_by=actor, assessed_on=today,
            comment=comment, round=round_))
    SkillAssessment.objects.bulk_create(records)
    round_.state = AssessmentRound.State.COMPLETED
    round_.completed_at = timezone.now()
    round_._history_user = actor
    round_.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=round_,
                 summary=f"Assessment {round_.pk} agreed by the line manager")
    return round_


@transaction.atomic
def record_assessment(
    *, actor: Any, person: Person, skill: Skill, level: SkillLevel, source: str,
    assessed_on: Any = None, evidence: str = "",
) -> SkillAssessment:
    """Add one assessment (for validation by assessors, or imports)."""
    if level.framework_id != skill.framework_id:
        raise ValidationError({"level": "The level is not on the skill's framework scale."})
    assessment = SkillAssessment.objects.create(
        person=person, skill=skill, level=level, source=source, assessed_by=actor,
        assessed_on=assessed_on or timezone.localdate(), evidence=evidence)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=assessment,
                 summary=f"{skill} assessed at {level} for {person.staff_number} ({source})")
    return assessment


@transaction.atomic
def import_assessments(*, actor: Any, table: Any, framework: Any, filename: str) -> int:
    """Load assessments from a checked spreadsheet; all rows or none. Returns the count."""
    from cadre.assessments.imports import plan_assessment_import

    planned = plan_assessment_import(table, framework)
    SkillAssessment.objects.bulk_create(
        SkillAssessment(person=p.person, skill_id=p.skill_id, level_id=p.level_id,
                        source=p.source, assessed_by=actor, assessed_on=p.assessed_on,
                        evidence=p.evidence) for p in planned)
    record_event(actor=actor, action=AuditEvent.Action.IMPORT,
                 summary=f"Assessments import from {filename}: {len(planned)} rows",
                 data={"file": filename, "rows": len(planned), "framework": str(framework)})
    return len(planned)


def _plan_for(person: Person) -> DevelopmentPlan:
    plan, _ = DevelopmentPlan.objects.get_or_create(person=person)
    return plan


def _unagree(plan: DevelopmentPlan, actor: Any) -> None:
    """A changed plan needs the line manager's agreement again."""
    if plan.agreed_at is not None:
        plan.agreed_at = None
        plan.agreed_by = None
        plan._history_user = actor
        plan.save()


@transaction.atomic
def add_objective(
    *, actor: Any, person: Person, skill: Skill, target_level: SkillLevel,
    target_date: Any, description: str = "",
) -> Objective:
    if target_level.framework_id != skill.framework_id:
        raise ValidationError({"target_level": "Choose a level on the skill's scale."})
    if target_date < timezone.localdate():
        raise ValidationError({"target_date": "The target date must be in the future."})
    plan = _plan_for(person)
    objective = Objective(plan=plan, skill=skill, target_level=target_level,
                          target_date=target_date, description=description[:2000])
    objective._history_user = actor
    objective.save()
    _unagree(plan, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=objective,
                 summary=f"Objective for {person.staff_number}: {objective}")
    return objective


@transaction.atomic
def add_activity(*, actor: Any, objective: Objective, kind: str, description: str) -> Activity:
    if kind not in Activity.Kind.values:
        raise ValidationError({"kind": "Choose on the job, learning from others or formal."})
    if not description.strip():
        raise ValidationError({"description": "Describe the activity."})
    activity = Activity(objective=objective, kind=kind, description=description.strip()[:500])
    activity._history_user = actor
    activity.save()
    _unagree(objective.plan, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=activity,
                 summary=f"Activity added: {activity}")
    return activity


@transaction.atomic
def set_activity_status(*, actor: Any, activity: Activity, status: str) -> Activity:
    if status not in Activity.Status.values:
        raise ValidationError({"status": "Choose planned, in progress or done."})
    activity.status = status
    activity._history_user = actor
    activity.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=activity,
                 summary=f"Activity '{activity}' is {activity.get_status_display().lower()}")
    return activity


@transaction.atomic
def agree_plan(*, actor: Any, reviewer: Person, plan: DevelopmentPlan,
               note: str = "") -> DevelopmentPlan:
    """The line manager agrees the plan, or records a progress review of an agreed plan."""
    if plan.person.line_manager_id != reviewer.pk:
        raise ValidationError("Only the person's line manager can agree or review the plan.")
    if not plan.objectives.exists():
        raise ValidationError("Add at least one objective before agreeing the plan.")
    now = timezone.now()
    if plan.agreed_at is None:
        plan.agreed_at, plan.agreed_by = now, actor
    plan.reviewed_at = now
    plan.review_note = note[:2000]
    plan._history_user = actor
    plan.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=plan,
                 summary=f"Development plan of {plan.person.staff_number} agreed or reviewed")
    return plan


@transaction.atomic
def open_cycle(
    *, actor: Any, organisation: Any, name: str, opens_on: Any, closes_on: Any,
    unit_path: str = "",
) -> AssessmentCycle:
    """Open an assessment cycle for the organisation's current people (or one unit's)."""
    if not name.strip():
        raise ValidationError({"name": "Give the cycle a name."})
    if closes_on < opens_on:
        raise ValidationError({"closes_on": "The cycle must close after it opens."})
    people = Person.objects.filter(organisation=organisation, end_date__isnull=True)
    if unit_path.strip():
        path = unit_path.strip().strip("/")
        people = people.filter(Q(unit__path=path) | Q(unit__path__startswith=f"{path}/"))
    if not people.exists():
        raise ValidationError({"unit": "Nobody is in that organisation or unit."})
    cycle = AssessmentCycle(organisation=organisation, name=name.strip()[:200],
                            opens_on=opens_on, closes_on=closes_on, created_by=actor)
    cycle._history_user = actor
    cycle.save()
    cycle.people.set(people)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=cycle,
                 summary=f"Assessment cycle '{cycle}' opened for {people.count()} people")
    return cycle


#: Evidence files: at most 5 MB, and only these kinds (by extension and by content).
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
EVIDENCE_TYPES = {
    ".pdf": (b"%PDF", "application/pdf"),
    ".png": (b"\x89PNG", "image/png"),
    ".jpg": (b"\xff\xd8\xff", "image/jpeg"),
    ".jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    ".docx": (b"PK\x03\x04",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".txt": (b"", "text/plain"),
}


@transaction.atomic
def attach_evidence(*, actor: Any, item: RoundItem, name: str, data: bytes) -> EvidenceFile:
    """Store an evidence file after checking its size and that its content matches its type."""
    from pathlib import PurePath

    from django.core.files.base import ContentFile

    if item.round.state != AssessmentRound.State.DRAFT:
        raise ValidationError("Evidence can only be added while the assessment is a draft.")
    if len(data) > EVIDENCE_MAX_BYTES:
        raise ValidationError({"file": "Evidence files must be 5 MB or smaller."})
    suffix = PurePath(name).suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        raise ValidationError({"file": "Attach a PDF, Word (.docx), PNG, JPEG or text file."})
    magic, content_type = EVIDENCE_TYPES[suffix]
    if not data.startswith(magic) or (suffix == ".txt" and b"\x00" in data[:4096]):
        raise ValidationError({"file": f"The file's content is not a {suffix} file."})
    clean_name = PurePath(name).name[:200]
    evidence = EvidenceFile(item=item, name=clean_name, size=len(data),
                            content_type=content_type)
    evidence.file.save(f"evidence{suffix}", ContentFile(data), save=False)
    evidence.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=evidence,
                 summary=f"Evidence '{clean_name}' attached to {item}")
    return evidence
