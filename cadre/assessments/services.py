"""Writes to capability: profiles, assessment rounds and assessments. Audited."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.assessments.cache_versions import assessments_written
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
from cadre.core.actor import Actor
from cadre.core.inputs import LONG_TEXT, SHORT_TEXT, check_text
from cadre.core.workflow import TransitionConflict, run_transition
from cadre.framework.models import RoleLevel, Skill, SkillLevel
from cadre.notifications.services import absolute_link
from cadre.notifications.triggers import notify
from cadre.people.models import Person

#: The steps of the assessment round workflow (``AssessmentRound`` transitions).
RoundAction = Literal["submit", "agree", "send_back"]
ROUND_ACTIONS: tuple[str, ...] = ("submit", "agree", "send_back")
#: The steps of the development plan agreement workflow (``DevelopmentPlan`` transitions).
PlanAction = Literal["agree", "review", "reopen"]
PLAN_ACTIONS: tuple[str, ...] = ("agree", "review", "reopen")


def _person_of(actor: Actor) -> Person | None:
    """The person record of an account actor (None for the command line and the system)."""
    return Person.objects.filter(account=actor.user).first() if actor.is_user else None


def _is_person(actor: Actor, person_id: int | None) -> bool:
    me = _person_of(actor)
    return me is not None and person_id is not None and me.pk == person_id


@transaction.atomic
def set_profile(
    *, actor: Actor | Any, person: Person, current_role_level: RoleLevel | None,
    targets: list[RoleLevel],
) -> CapabilityProfile:
    """Set a person's current role level and up to three target role levels."""
    actor = Actor.coerce(actor)
    if len(targets) > MAX_TARGETS:
        raise ValidationError({"targets": f"Choose at most {MAX_TARGETS} target role levels."})
    if current_role_level is not None and current_role_level in targets:
        raise ValidationError({"targets": "A target cannot be the current role level."})
    profile, _ = CapabilityProfile.objects.get_or_create(person=person)
    profile.current_role_level = current_role_level
    profile._history_user = actor.user
    profile.save()
    profile.targets.set(targets)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=profile,
                 summary=f"Capability profile of {person.staff_number} set",
                 data={"current": current_role_level.name if current_role_level else None,
                       "targets": [t.name for t in targets]})
    return profile


@transaction.atomic
def start_round(*, actor: Actor | Any, person: Person, role_level: RoleLevel
                ) -> AssessmentRound:
    """Start a self-assessment against a role level, pre-filled with its skills.

    People start their own assessments (the command line may start anyone's).
    """
    actor = Actor.coerce(actor)
    if not (actor.trusted or _is_person(actor, person.pk)):
        raise PermissionDenied("People start their own assessments.")
    if AssessmentRound.objects.filter(person=person, state__in=[
            AssessmentRound.State.DRAFT, AssessmentRound.State.SUBMITTED]).exists():
        raise ValidationError("Finish the assessment already under way first.")
    round_ = AssessmentRound(person=person, role_level=role_level,
                             manager=person.line_manager)
    round_._history_user = actor.user
    round_.save()
    RoundItem.objects.bulk_create(
        RoundItem(round=round_, skill_id=skill_id, required_level_id=level_id)
        for skill_id, level_id in role_level.requirements.values_list("skill_id", "level_id")
    )
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=round_,
                 summary=f"Assessment of {person.staff_number} against {role_level} started")
    return round_


def _level(round_: AssessmentRound, level_id: int | None, field: str = "level"
           ) -> SkillLevel | None:
    if not level_id:
        return None
    level = SkillLevel.objects.filter(pk=level_id,
                                      framework_id=round_.role_level.framework_id).first()
    if level is None:
        raise ValidationError({field: "That level is not on this framework's scale."})
    return level


def _locked_draft(actor: Actor, round_id: int, doing: str) -> AssessmentRound:
    """The round, locked, when it is still a draft and the actor is its person."""
    round_ = (AssessmentRound.objects.select_for_update().select_related("role_level")
              .filter(pk=round_id).first())
    if round_ is None:
        raise AssessmentRound.DoesNotExist(f"No assessment {round_id}.")
    if not (actor.trusted or _is_person(actor, round_.person_id)):
        raise PermissionDenied("Only the person can change their own assessment.")
    if round_.state != AssessmentRound.State.DRAFT:
        raise TransitionConflict(
            instance=round_, transition=doing, current_state=round_.state,
            message=f"This assessment is now '{round_.get_state_display()}' and can no "
                    "longer change.")
    return round_


def _field(labels: Mapping[int, str] | None, item_id: int, name: str, default: str) -> str:
    """The input field an item's error is reported on: ``items[2].text`` when the caller
    gave the item's place in its list (``labels``), else ``default``."""
    label = (labels or {}).get(item_id)
    return f"{label}.{name}" if label else default


def _check_items(round_: AssessmentRound, item_ids: Collection[int],
                 labels: Mapping[int, str] | None) -> None:
    """Every item id given must be one of the round's items (never silently ignored)."""
    known = set(round_.items.values_list("pk", flat=True))
    errors = {_field(labels, i, "id", "items"): [f"No item {i} in this assessment."]
              for i in item_ids if i not in known}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_self_assessment(
    *, actor: Actor | Any, round_: AssessmentRound, levels: dict[int, int | None],
    evidence: dict[int, str], add_skill: Skill | None = None,
    labels: Mapping[int, str] | None = None,
) -> AssessmentRound:
    """Save the person's draft: a level (or none) and evidence per item.

    Only the person may, and only while the round is a draft (checked under a row lock;
    a round submitted meanwhile is a ``TransitionConflict``). Writes only changed items.
    Unknown item ids and evidence over :data:`LONG_TEXT` characters are errors, named
    after the input (``labels`` maps an item id to its place, such as ``items[2]``).
    """
    actor = Actor.coerce(actor)
    round_ = _locked_draft(actor, round_.pk, "save")
    _check_items(round_, [*levels, *evidence], labels)
    for item_id, text in evidence.items():
        check_text(text, field=_field(labels, item_id, "text", "evidence"),
                   max_length=LONG_TEXT)
    for item in round_.items.all():
        if item.pk in levels:
            level = _level(round_, levels[item.pk], _field(labels, item.pk, "level", "level"))
            text = evidence.get(item.pk, item.evidence)
            if item.answered and item.self_level_id == (level.pk if level else None) \
                    and item.evidence == text:
                continue
            item.self_level, item.answered, item.evidence = level, True, text
            item._history_user = actor.user
            item.save(update_fields=["self_level", "answered", "evidence"])
    if add_skill is not None:
        if add_skill.framework_id != round_.role_level.framework_id:
            raise ValidationError({"skill": "Add a skill from the same framework."})
        RoundItem.objects.get_or_create(round=round_, skill=add_skill)
    return round_


def _may_step_round(action: str) -> Any:
    """The authorisation of one round step: the person submits; their line manager
    agrees or sends back. The command line may do any step."""
    def authorise(actor: Actor, round_: AssessmentRound) -> bool:
        if actor.trusted:
            return True
        if action == "submit":
            if not _is_person(actor, round_.person_id):
                raise PermissionDenied("Only the person can send their assessment.")
        elif not _is_person(actor, round_.manager_id):
            raise PermissionDenied("Only the person's line manager can review this assessment.")
        return True
    return authorise


def _record_self_levels(actor: Actor, round_: AssessmentRound) -> None:
    missing = [i.skill.name for i in round_.items.select_related("skill") if not i.answered]
    if missing:
        raise ValidationError(
            {"items": f"Choose a level for every skill (or 'not held'): {', '.join(missing)}"})
    today = timezone.localdate()
    SkillAssessment.objects.bulk_create(
        SkillAssessment(person_id=round_.person_id, skill_id=i.skill_id,
                        level_id=i.self_level_id, source=Source.SELF, assessed_by=actor.user,
                        assessed_on=today, evidence=i.evidence, round=round_)
        for i in round_.items.all()
    )
    assessments_written([round_.person_id])  # bulk: no signals (ADR 27)


def _record_manager_levels(actor: Actor, round_: AssessmentRound,
                           levels: dict[int, int | None], comments: dict[int, str],
                           labels: Mapping[int, str] | None = None) -> None:
    today = timezone.localdate()
    records = []
    _check_items(round_, [*levels, *comments], labels)
    for item in round_.items.all():
        level = _level(round_, levels.get(item.pk, item.self_level_id),
                       _field(labels, item.pk, "level", "level"))
        text_field = _field(labels, item.pk, "text", "comment")
        comment = check_text(comments.get(item.pk, ""), field=text_field,
                             max_length=LONG_TEXT)
        if level != item.self_level and not comment.strip():
            raise ValidationError({text_field: "Say why when you change a level."})
        item.manager_level = level
        item.manager_comment = comment
        item._history_user = actor.user
        item.save(update_fields=["manager_level", "manager_comment"])
        # An agreed "not held" (level None) is recorded too, so it outranks the self level.
        records.append(SkillAssessment(
            person_id=round_.person_id, skill_id=item.skill_id, level=level,
            source=Source.MANAGER, assessed_by=actor.user, assessed_on=today,
            comment=comment, round=round_))
    SkillAssessment.objects.bulk_create(records)
    assessments_written([round_.person_id])  # bulk: no signals (ADR 27)


def transition_round(
    *, actor: Actor | Any, round_id: int, action: RoundAction,
    levels: dict[int, int | None] | None = None, comments: dict[int, str] | None = None,
    reason: str = "", labels: Mapping[int, str] | None = None,
) -> AssessmentRound:
    """The assessment round workflow: the only way a round changes state.

    - ``submit`` (the person): records their self levels; the round waits for the manager;
    - ``agree`` (the line manager): records the agreed levels (a changed level needs a
      comment); the round is final;
    - ``send_back`` (the line manager, with a reason): the round is a draft again.

    A step no longer possible (say the manager agreed while the person's other request
    was sending it back) raises ``TransitionConflict`` (HTTP 409).
    """
    actor = Actor.coerce(actor)
    if action not in ROUND_ACTIONS:
        raise ValidationError({"action": f"Choose one of: {', '.join(ROUND_ACTIONS)}."})
    reason = check_text(reason.strip(), field="reason", max_length=SHORT_TEXT)
    if action == "send_back" and not reason:
        raise ValidationError({"reason": "Say why you are sending the assessment back."})

    def work(round_: AssessmentRound) -> None:
        if action == "submit":
            _record_self_levels(actor, round_)
            _tell_manager(actor, round_)
        elif action == "agree":
            _record_manager_levels(actor, round_, levels or {}, comments or {}, labels)

    summaries = {"submit": "submitted for review", "agree": "agreed by the line manager",
                 "send_back": "sent back to the person"}
    with transaction.atomic():
        round_ = run_transition(
            model=AssessmentRound, pk=round_id, transition=action, actor=actor,
            authorise=_may_step_round(action), reason=reason, work=work,
            queryset=AssessmentRound.objects.select_related("role_level"),
            summary=f"Assessment {round_id} {summaries[action]}",
        )
        if action == "agree":
            _tell_person(actor, round_, lambda: _agreed(round_))
        elif action == "send_back":
            _tell_person(actor, round_, lambda: (
                "sent back to you by your line manager",
                f"The reason they gave: {reason}\n\n"
                "Change what you need to and send it to them again."))
    return round_


def _tell_manager(actor: Actor, round_: AssessmentRound) -> None:
    """Message the line manager that the round waits for them (ADR 30)."""
    manager = round_.manager
    if manager is None:
        return
    notify(
        kind="round_waiting", to=manager.email, recipient=manager.account, actor=actor,
        personalisation=lambda: {
            "manager_name": f"{manager.first_name} {manager.last_name}".strip(),
            "person_name": f"{round_.person.first_name} {round_.person.last_name}".strip(),
            "role_level": str(round_.role_level),
            "link": absolute_link(reverse("assessments:round", args=[round_.pk])),
        })


def _level_name(level: SkillLevel | None) -> str:
    return level.name if level is not None else "not held"


def _tell_person(actor: Actor, round_: AssessmentRound,
                 decision: Callable[[], tuple[str, str]]) -> None:
    """Message the person assessed that their round was decided (ADR 30); ``decision``
    gives the outcome and its details. Never fails the step."""
    person = round_.person

    def personalisation() -> dict[str, str]:
        outcome, details = decision()
        return {"person_name": person.full_name.strip(), "role_level": str(round_.role_level),
                "outcome": outcome, "details": details,
                "link": absolute_link(reverse("assessments:round", args=[round_.pk]))}

    notify(kind="round_decided", to=person.email, recipient=person.account, actor=actor,
           personalisation=personalisation)


def _agreed(round_: AssessmentRound) -> tuple[str, str]:
    """The agreed levels that differ from the person's own, with the manager's comments."""
    items = round_.items.select_related("skill", "self_level", "manager_level")
    changed = [f"* {i.skill.name}: you chose {_level_name(i.self_level)}; your line manager "
               f"agreed {_level_name(i.manager_level)}. Their reason: {i.manager_comment}"
               for i in items if i.manager_level_id != i.self_level_id]
    remarks = [f"* {i.skill.name}: {i.manager_comment}" for i in items
               if i.manager_level_id == i.self_level_id and i.manager_comment.strip()]
    if changed:
        outcome = "agreed by your line manager, with changes"
        details = "What your line manager changed:\n\n" + "\n".join(changed)
    else:
        outcome = "agreed by your line manager"
        details = "Your line manager agreed every level as you chose it."
    if remarks:
        details += "\n\nTheir comments:\n\n" + "\n".join(remarks)
    return outcome, details


@transaction.atomic
def validate_round(*, actor: Actor | Any, round_id: int,
                   levels: dict[int, int | None] | None = None,
                   comments: dict[int, str] | None = None) -> AssessmentRound:
    """An assessor validates an agreed assessment (ADR 23): one validated level per skill,
    the line manager's unless ``levels`` says otherwise (a changed level needs a comment).

    Only assessors of the person's organisation (or the command line) may; the round must
    be agreed and not validated before. The round row is locked so two assessors cannot
    both validate it.
    """
    actor = Actor.coerce(actor)
    round_ = (AssessmentRound.objects.select_for_update().select_related("person", "role_level")
              .filter(pk=round_id).first())
    if round_ is None:
        raise AssessmentRound.DoesNotExist(f"No assessment {round_id}.")
    if not actor.trusted and not (actor.is_user and round_.person.organisation_id in scope_for(
            actor.user).organisations_for(Role.ASSESSOR)):
        raise PermissionDenied("Only an assessor for the person's organisation can validate.")
    if round_.state != AssessmentRound.State.COMPLETED:
        raise ValidationError("Only an assessment the line manager has agreed can be validated.")
    if SkillAssessment.objects.filter(round=round_, source=Source.VALIDATED).exists():
        raise ValidationError("This assessment has been validated already.")
    levels, comments = levels or {}, comments or {}
    _check_items(round_, [*levels, *comments], None)
    today = timezone.localdate()
    records, changed = [], []
    for item in round_.items.select_related("skill", "manager_level"):
        level = _level(round_, levels[item.pk]) if item.pk in levels else item.manager_level
        comment = check_text(comments.get(item.pk, ""), field="comment", max_length=LONG_TEXT)
        if level != item.manager_level and not comment.strip():
            raise ValidationError({"comment": "Say why when you change a level."})
        if level != item.manager_level:
            changed.append(f"* {item.skill.name}: agreed at {_level_name(item.manager_level)}; "
                           f"validated at {_level_name(level)}. The reason: {comment}")
        records.append(SkillAssessment(
            person_id=round_.person_id, skill_id=item.skill_id, level=level,
            source=Source.VALIDATED, assessed_by=actor.user, assessed_on=today,
            comment=comment, round=round_))
    SkillAssessment.objects.bulk_create(records)
    assessments_written([round_.person_id])  # bulk: no signals (ADR 27)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=round_,
                 summary=f"Assessment {round_.pk} of {round_.person.staff_number} validated",
                 data={"skills": len(records)})
    if changed:
        _tell_person(actor, round_, lambda: (
            "validated by an assessor, with changes",
            "What the assessor changed from the levels agreed with your line manager:\n\n"
            + "\n".join(changed)))
    return round_


@transaction.atomic
def record_assessment(
    *, actor: Actor | Any, person: Person, skill: Skill, level: SkillLevel, source: str,
    assessed_on: Any = None, evidence: str = "",
) -> SkillAssessment:
    """Add one assessment (for validation by assessors, or imports)."""
    actor = Actor.coerce(actor)
    if level.framework_id != skill.framework_id:
        raise ValidationError({"level": "The level is not on the skill's framework scale."})
    assessment = SkillAssessment.objects.create(
        person=person, skill=skill, level=level, source=source, assessed_by=actor.user,
        assessed_on=assessed_on or timezone.localdate(), evidence=evidence)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=assessment,
                 summary=f"{skill} assessed at {level} for {person.staff_number} ({source})")
    return assessment


@transaction.atomic
def import_assessments(*, actor: Actor | Any, table: Any, framework: Any, filename: str
                       ) -> int:
    """Load assessments from a checked spreadsheet; all rows or none. Returns the count."""
    actor = Actor.coerce(actor)
    from cadre.assessments.imports import plan_assessment_import

    planned = plan_assessment_import(table, framework)
    SkillAssessment.objects.bulk_create(
        SkillAssessment(person=p.person, skill_id=p.skill_id, level_id=p.level_id,
                        source=p.source, assessed_by=actor.user, assessed_on=p.assessed_on,
                        evidence=p.evidence) for p in planned)
    assessments_written(p.person.pk for p in planned)  # bulk: no signals (ADR 27)
    record_event(actor=actor, action=AuditEvent.Action.IMPORT,
                 summary=f"Assessments import from {filename}: {len(planned)} rows",
                 data={"file": filename, "rows": len(planned), "framework": str(framework)})
    return len(planned)


def _plan_for(person: Person) -> DevelopmentPlan:
    plan, _ = DevelopmentPlan.objects.get_or_create(person=person)
    return plan


def _unagree(plan: DevelopmentPlan, actor: Actor) -> None:
    """A changed plan needs the line manager's agreement again."""
    if plan.state == DevelopmentPlan.State.AGREED:
        transition_plan(actor=actor, plan_id=plan.pk, action="reopen",
                        reason="The plan changed.")


@transaction.atomic
def add_objective(
    *, actor: Actor | Any, person: Person, skill: Skill, target_level: SkillLevel,
    target_date: Any, description: str = "",
) -> Objective:
    actor = Actor.coerce(actor)
    if target_level.framework_id != skill.framework_id:
        raise ValidationError({"target_level": "Choose a level on the skill's scale."})
    if target_date < timezone.localdate():
        raise ValidationError({"target_date": "The target date must be in the future."})
    plan = _plan_for(person)
    objective = Objective(plan=plan, skill=skill, target_level=target_level,
                          target_date=target_date,
                          description=check_text(description, field="description",
                                                 max_length=LONG_TEXT))
    objective._history_user = actor.user
    objective.save()
    if plan.state == DevelopmentPlan.State.DRAFT and plan.objectives.count() == 1:
        # The plan can be agreed from its first objective; a reopened plan is told below.
        _tell_plan_manager(actor, plan, "it has its first objective.")
    _unagree(plan, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=objective,
                 summary=f"Objective for {person.staff_number}: {objective}")
    return objective


@transaction.atomic
def add_activity(*, actor: Actor | Any, objective: Objective, kind: str, description: str
                 ) -> Activity:
    actor = Actor.coerce(actor)
    if kind not in Activity.Kind.values:
        raise ValidationError({"kind": "Choose on the job, learning from others or formal."})
    if not description.strip():
        raise ValidationError({"description": "Describe the activity."})
    activity = Activity(objective=objective, kind=kind, description=check_text(
        description.strip(), field="description", max_length=SHORT_TEXT))
    activity._history_user = actor.user
    activity.save()
    _unagree(objective.plan, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=activity,
                 summary=f"Activity added: {activity}")
    return activity


@transaction.atomic
def set_activity_status(*, actor: Actor | Any, activity: Activity, status: str) -> Activity:
    actor = Actor.coerce(actor)
    if status not in Activity.Status.values:
        raise ValidationError({"status": "Choose planned, in progress or done."})
    activity.status = status
    activity._history_user = actor.user
    activity.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=activity,
                 summary=f"Activity '{activity}' is {activity.get_status_display().lower()}")
    return activity


def _may_step_plan(action: str) -> Any:
    """The person's line manager agrees and reviews; a change by the person (or their
    manager) reopens it. The command line may do any step."""
    def authorise(actor: Actor, plan: DevelopmentPlan) -> bool:
        if actor.trusted:
            return True
        person = plan.person
        if action == "reopen" and _is_person(actor, person.pk):
            return True
        if not _is_person(actor, person.line_manager_id):
            raise PermissionDenied("Only the person's line manager can agree or review the "
                                   "plan.")
        return True
    return authorise


def transition_plan(
    *, actor: Actor | Any, plan_id: int, action: PlanAction, note: str = "", reason: str = "",
) -> DevelopmentPlan:
    """The development plan agreement workflow: the only way a plan changes state.

    ``agree`` (line manager, at least one objective), ``review`` (line manager, an agreed
    plan) and ``reopen`` (a change to an agreed plan). A lost race is a
    ``TransitionConflict`` (HTTP 409).
    """
    actor = Actor.coerce(actor)
    if action not in PLAN_ACTIONS:
        raise ValidationError({"action": f"Choose one of: {', '.join(PLAN_ACTIONS)}."})
    check_text(note, field="note", max_length=LONG_TEXT)
    arguments: dict[str, Any] = {}
    if action == "agree":
        arguments = {"by": actor.user, "note": note}
    elif action == "review":
        arguments = {"note": note}
    with transaction.atomic():
        plan = run_transition(
            model=DevelopmentPlan, pk=plan_id, transition=action, actor=actor,
            authorise=_may_step_plan(action),
            reason=check_text((reason or note).strip(), field="note", max_length=LONG_TEXT),
            arguments=arguments, queryset=DevelopmentPlan.objects.select_related("person"),
            summary=f"Development plan {plan_id}: {action}",
        )
        if action == "reopen":
            _tell_plan_manager(actor, plan, "it changed since you agreed it.")
    return plan


def _tell_plan_manager(actor: Actor, plan: DevelopmentPlan, why: str) -> None:
    """Message the line manager, who agrees the plan, that it waits for them (ADR 30)."""
    person = plan.person
    manager = person.line_manager
    if manager is None:
        return
    notify(kind="plan_waiting", to=manager.email, recipient=manager.account, actor=actor,
           personalisation=lambda: {
               "manager_name": manager.full_name.strip(),
               "person_name": person.full_name.strip(),
               "why": why, "objectives": str(plan.objectives.count()),
               "link": absolute_link(reverse("assessments:plan", args=[person.pk])),
           })


def agree_plan(*, actor: Actor | Any, plan: DevelopmentPlan, note: str = "",
               **_: Any) -> DevelopmentPlan:
    """The line manager agrees the plan, or records a progress review of an agreed plan.

    Which step is chosen from the state the caller saw; if that changed meanwhile the
    workflow answers 409.
    """
    action: PlanAction = "review" if plan.state == DevelopmentPlan.State.AGREED else "agree"
    return transition_plan(actor=actor, plan_id=plan.pk, action=action, note=note)


@transaction.atomic
def open_cycle(
    *, actor: Actor | Any, organisation: Any, name: str, opens_on: Any, closes_on: Any,
    unit_path: str = "",
) -> AssessmentCycle:
    """Open an assessment cycle for the organisation's current people (or one unit's)."""
    actor = Actor.coerce(actor)
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
    cycle = AssessmentCycle(organisation=organisation,
                            name=check_text(name.strip(), field="name", max_length=200),
                            opens_on=opens_on, closes_on=closes_on, created_by=actor.user)
    cycle._history_user = actor.user
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
def attach_evidence(*, actor: Actor | Any, item: RoundItem, name: str, data: bytes
                    ) -> EvidenceFile:
    """Store an evidence file after checking its size and that its content matches its type.

    Only the person, and only while the round is a draft (checked under the round's lock).
    """
    from pathlib import PurePath

    from django.core.files.base import ContentFile

    actor = Actor.coerce(actor)
    _locked_draft(actor, item.round_id, "attach evidence")
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
