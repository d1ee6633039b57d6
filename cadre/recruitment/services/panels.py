"""Writes for sift and interview panels (issue 21 point 3).

Every write is keyword-only, runs in one transaction, checks each value against its limit
(docs/limits.md, "Recruitment: panels"), is authorised with an ``Actor`` and records one
audit event that names records by id only (no candidate's name, no score comments).

Who may do what:

- Adding and removing panel members, allocating a stage, writing and releasing feedback:
  the campaign's recruiters (``selectors.campaigns.may_manage``: the hub for every campaign,
  a head of profession for their organisations'), and the command line. The hub adds people
  from any organisation; a head of profession adds people from the organisations they
  run campaigns for. Someone with an application in the campaign does none of these.
- Declaring a conflict: the member themselves (on an application allocated to them), or
  the campaign's recruiters for any member and application.
- Submitting scores: only the member the application was allocated to.
- Moderating and deciding a stage: the chair of the panel, and the command line.

Allocation (:func:`plan_stage`, :func:`allocate_stage`): the applications waiting at a
stage (sift: submitted; interview: sifted in) while the campaign is at that stage, to the
members sitting at it, 2 per application at the sift and 3 at interview, by the
accreditation optimiser (``cadre.accreditation.allocation``, a min-cost flow) under the
rules that apply to panels: a member is never given their own application, an application
of someone in their line-management chain, of an internal candidate of their own
organisation, or one they declared a conflict with. ``allocate_stage`` locks the campaign
row, so two allocations at once give each place once.

Scores are submitted together per application and stage and never change; a second
submission, a second decision or a second release is a ``TransitionConflict`` (HTTP 409).
A decision moves the application through ``services.applications.transition`` (sift:
sifted in or out; interview: interviewed, then appointable or not), under the row's lock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadre.access.rules import RECRUITMENT_HUB
from cadre.accreditation import allocation as optimiser
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import check_text, invalid, parse_id
from cadre.core.workflow import TransitionConflict
from cadre.people.models import Person
from cadre.recruitment.models import (
    MAX_CONFLICT_REASON,
    MAX_DECISION_REASONS,
    MAX_FEEDBACK_TEXT,
    MAX_MODERATION_NOTE,
    MAX_PANEL_CAPACITY,
    MAX_PANEL_MEMBERS,
    MAX_SCORE,
    MAX_SCORE_COMMENT,
    MIN_SCORE,
    Application,
    ApplicationState,
    Assignment,
    Campaign,
    CampaignState,
    DeclaredConflict,
    Feedback,
    Moderation,
    PanelMember,
    PanelRole,
    PanelStage,
    PanelStages,
    Score,
    StageDecision,
    StageOutcome,
)
from cadre.recruitment.selectors import panels as sel
from cadre.recruitment.selectors.applications import person_of
from cadre.recruitment.selectors.campaigns import managed_organisation_ids, may_manage
from cadre.recruitment.services import applications as application_services

__all__ = [
    "NOT_RECRUITER",
    "OUTCOMES",
    "PlannedApplication",
    "PlannedExclusion",
    "StagePlan",
    "add_member",
    "allocate_stage",
    "declare_conflict",
    "decide",
    "dry_run",
    "erase_texts",
    "is_hub",
    "moderate",
    "plan_stage",
    "release_feedback",
    "remove_member",
    "submit_scores",
    "write_feedback",
]

NOT_RECRUITER = ("Only the campaign's recruiters (the recruitment hub, or the head of "
                 "profession of its organisation) can do this.")
NOT_CHAIR = "Only the chair of the campaign's panel can do this."
#: The outcomes a decision may have at each stage.
OUTCOMES = {PanelStage.SIFT: (StageOutcome.SIFTED_IN, StageOutcome.SIFTED_OUT),
            PanelStage.INTERVIEW: (StageOutcome.APPOINTABLE, StageOutcome.NOT_APPOINTABLE)}
_FINISHED = (CampaignState.CLOSED, CampaignState.CANCELLED)


# ------------------------------------------------------------------------ helpers


def _saved(instance: Any, actor: Actor, **kwargs: Any) -> Any:
    instance._history_user = history_user(actor)
    instance.save(**kwargs)
    return instance


def _text(value: Any, *, field: str, what: str, max_length: int, required: bool) -> str:
    text = str(value if value is not None else "").strip()
    if "\x00" in text:
        raise invalid(field, "Remove the NUL character.")
    if required and not text:
        raise invalid(field, f"Enter {what}.")
    return check_text(text, field=field, max_length=max_length)


def _stage(value: Any) -> str:
    text = str(value or "").strip().lower()
    if text not in PanelStage.values:
        raise invalid("stage", "Choose the stage: sift or interview.")
    return text


def _record(model: Any, value: Any, *, field: str, what: str) -> Any:
    if isinstance(value, model):
        return value
    pk = parse_id(value, field=field)
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise invalid(field, f"There is no {what} {pk}.")
    return found


def _locked_campaign(campaign: Campaign | int | str) -> Campaign:
    pk = _record(Campaign, campaign, field="campaign", what="campaign").pk
    return Campaign.objects.select_for_update().get(pk=pk)


def _locked_application(application: Application | int | str) -> Application:
    pk = _record(Application, application, field="application", what="application").pk
    return (Application.objects.select_for_update(of=("self",))
            .select_related("campaign", "candidate").get(pk=pk))


def _person_id(actor: Actor) -> int | None:
    if actor.trusted:
        return None
    person = person_of(actor.user)
    return person.pk if person is not None else None


def _is_candidate(actor: Actor, campaign: Campaign) -> bool:
    person = _person_id(actor)
    return person is not None and Application.objects.filter(
        campaign=campaign, candidate__person_id=person).exists()


def _require_runner(actor: Actor, campaign: Campaign) -> None:
    if not (actor.trusted or may_manage(actor, campaign)):
        raise PermissionDenied(NOT_RECRUITER)
    if _is_candidate(actor, campaign):
        raise PermissionDenied("You have applied to this campaign, so someone else runs its "
                               "panel.")


def _require_live(campaign: Campaign) -> None:
    if campaign.state in _FINISHED:
        raise invalid("campaign", f"The campaign is {campaign.get_state_display().lower()}, "
                                  "so its panel no longer changes.")


def _seat(actor: Actor, campaign: Campaign) -> PanelMember | None:
    person = _person_id(actor)
    if person is None:
        return None
    return PanelMember.objects.filter(campaign=campaign, person_id=person).first()


def _require_chair(actor: Actor, campaign: Campaign) -> PanelMember | None:
    """The chair's seat (None for the command line); refused for anyone else."""
    if actor.trusted:
        return PanelMember.objects.filter(campaign=campaign, role=PanelRole.CHAIR).first()
    seat = _seat(actor, campaign)
    if seat is None or seat.role != PanelRole.CHAIR:
        raise PermissionDenied(NOT_CHAIR)
    return seat


def _at_stage(campaign: Campaign, stage: str, doing: str) -> None:
    wanted = sel.STAGE_CAMPAIGN_STATE[stage]
    if campaign.state != wanted:
        raise invalid("stage", f"The campaign is at '{campaign.get_state_display()}'; "
                               f"{doing} at the {stage} happens while it is at "
                               f"'{CampaignState(wanted).label}'.")


def _conflict(application: Application, message: str, step: str) -> TransitionConflict:
    return TransitionConflict(instance=application, transition=step,
                              current_state=application.state, message=message)


# ------------------------------------------------------------------------ members


def _person(value: Any) -> Person:
    if isinstance(value, Person):
        return value
    text = str(value if value is not None else "").strip()
    if not text:
        raise invalid("person", "Choose the person to add to the panel.")
    if "\x00" in text or len(text) > 254:
        raise invalid("person", "Give a person's id, email address or staff number.")
    found = None
    if text.isascii() and text.isdigit() and len(text) <= 12:
        found = Person.objects.filter(pk=int(text)).first()
    if found is None and "@" in text:
        found = Person.objects.filter(email__iexact=text).order_by("pk").first()
    if found is None:
        found = Person.objects.filter(staff_number__iexact=text).order_by("pk").first()
    if found is None:
        raise invalid("person", f"There is no person '{text[:40]}' in Cadre.")
    return found


def _choice(value: Any, *, field: str, choices: Any, what: str, default: str) -> str:
    text = str(value if value not in (None, "") else default).strip().lower()
    if text not in choices.values:
        raise invalid(field, f"Choose {what}: one of {', '.join(choices.values)}.")
    return text


def _capacity(value: Any) -> int:
    if value in (None, ""):
        return 10
    text = str(value).strip()
    if isinstance(value, bool) or not (text.isascii() and text.isdigit()) or len(text) > 6:
        raise invalid("capacity", "Give the most applications the member takes at each "
                                  "stage as a whole number.")
    number = int(text)
    if not 1 <= number <= MAX_PANEL_CAPACITY:
        raise invalid("capacity", f"Give from 1 to {MAX_PANEL_CAPACITY} applications.")
    return number


@transaction.atomic
def add_member(*, actor: Actor | Any, campaign: Campaign | int | str, person: Any,
               role: str = PanelRole.MEMBER, stages: str = PanelStages.BOTH,
               capacity: Any = 10) -> PanelMember:
    """Seat ``person`` on the campaign's panel (one chair per campaign)."""
    actor = Actor.coerce(actor)
    row = _locked_campaign(campaign)
    _require_runner(actor, row)
    _require_live(row)
    chosen = _person(person)
    role = _choice(role, field="role", choices=PanelRole, what="the role", default="member")
    stages = _choice(stages, field="stages", choices=PanelStages, what="the stages",
                     default="both")
    places = _capacity(capacity)
    managed = managed_organisation_ids(actor)
    if managed is not None and chosen.organisation_id not in managed:
        raise invalid("person", "You can add people from the organisations you recruit for; "
                                "the recruitment hub provides panel members from other "
                                "organisations.")
    if row.panel_members.filter(person=chosen).exists():
        raise invalid("person", f"{chosen.full_name} is already on this panel.")
    if Application.objects.filter(campaign=row, candidate__person=chosen).exists():
        raise invalid("person", f"{chosen.full_name} has applied to this campaign, so cannot "
                                "sit on its panel.")
    if row.panel_members.count() >= MAX_PANEL_MEMBERS:
        raise invalid("person", f"A panel has at most {MAX_PANEL_MEMBERS} members.")
    chair = row.panel_members.filter(role=PanelRole.CHAIR).select_related("person").first()
    if role == PanelRole.CHAIR and chair is not None:
        raise invalid("role", f"{chair.person.full_name} already chairs this panel; a panel "
                              "has one chair.")
    try:
        with transaction.atomic():
            member = _saved(PanelMember(campaign=row, person=chosen, role=role, stages=stages,
                                        capacity=places, added_by=actor.user), actor)
    except IntegrityError:
        raise invalid("person", "Someone else changed this panel just now; look again.") from None
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=member,
                 summary=f"Panel member added to recruitment campaign {row.pk}",
                 data={"campaign": row.pk, "person": chosen.pk, "role": role,
                       "stages": stages, "capacity": places})
    return member


@transaction.atomic
def remove_member(*, actor: Actor | Any, member: PanelMember | int | str) -> Campaign:
    """Take a member off the panel, with the applications allocated to them that they have
    not scored (a later allocation gives those to someone else); refused once they have
    submitted scores or moderated."""
    actor = Actor.coerce(actor)
    found = _record(PanelMember, member, field="member", what="panel member")
    row = _locked_campaign(found.campaign_id)
    seat = PanelMember.objects.select_for_update().filter(pk=found.pk).first()
    if seat is None:
        raise invalid("member", "This member has already been taken off the panel.")
    _require_runner(actor, row)
    _require_live(row)
    if seat.assignments.filter(submitted_at__isnull=False).exists():
        raise invalid("member", "This member has submitted scores, which the panel's "
                                "decisions rest on, so they stay on the panel.")
    dropped = seat.assignments.count()
    for assignment in seat.assignments.all():
        assignment._history_user = history_user(actor)
        assignment.delete()
    person = seat.person_id
    seat._history_user = history_user(actor)
    seat.delete()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_DELETED, target=row,
                 summary=f"Panel member taken off recruitment campaign {row.pk}",
                 data={"campaign": row.pk, "person": person, "assignments_removed": dropped})
    return row


@transaction.atomic
def declare_conflict(*, actor: Actor | Any, member: PanelMember | int | str,
                     application: Application | int | str, reason: str) -> DeclaredConflict:
    """Record that ``member`` has a conflict of interest with ``application``. An
    allocation of it to them that they have not scored is withdrawn (a later allocation
    gives it to someone else)."""
    actor = Actor.coerce(actor)
    seat = _record(PanelMember, member, field="member", what="panel member")
    found = _locked_application(application)
    row = found.campaign
    if found.campaign_id != seat.campaign_id:
        raise invalid("application", "The application is not to this panel's campaign.")
    runs = actor.trusted or may_manage(actor, row)
    own = _person_id(actor) == seat.person_id
    if not (runs or own):
        raise PermissionDenied("Only the member themselves, or the campaign's recruiters, "
                               "declare a member's conflict.")
    mine = Assignment.objects.filter(application=found, member=seat)
    if not runs and not mine.exists():
        raise invalid("application", "You can declare a conflict with an application "
                                     "allocated to you; tell the campaign's recruiters "
                                     "about any other.")
    _require_live(row)
    text = _text(reason, field="reason", what="the reason for the conflict",
                 max_length=MAX_CONFLICT_REASON, required=True)
    if mine.filter(submitted_at__isnull=False).exists():
        raise invalid("application", "Scores for this application have been submitted; tell "
                                     "the chair about the conflict.")
    if DeclaredConflict.objects.filter(member=seat, application=found).exists():
        raise invalid("application", "This conflict has already been declared.")
    conflict = _saved(DeclaredConflict(member=seat, application=found, reason=text,
                                       declared_by=actor.user), actor)
    withdrawn = 0
    for assignment in mine.select_for_update():
        assignment._history_user = history_user(actor)
        assignment.delete()
        withdrawn += 1
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=conflict,
                 summary=f"Conflict of interest declared on recruitment application "
                         f"{found.pk}",
                 data={"campaign": row.pk, "member": seat.pk, "application": found.pk,
                       "assignments_withdrawn": withdrawn})
    return conflict


# ------------------------------------------------------------------------ allocation


@dataclass
class PlannedApplication:
    application: Application
    members: list[PanelMember]  # already assigned and newly given, in that order
    new: list[PanelMember]
    short: str = ""


@dataclass
class PlannedExclusion:
    application: Application
    member: PanelMember
    reason: str

    @property
    def words(self) -> str:
        return sel.REASON_WORDS[self.reason]


@dataclass
class StagePlan:
    """An allocation of one stage: ``as_record`` is the JSON of the command line and API."""

    campaign: Campaign
    stage: str
    per_application: int
    rows: list[PlannedApplication] = field(default_factory=list)
    exclusions: list[PlannedExclusion] = field(default_factory=list)
    not_sitting: list[PanelMember] = field(default_factory=list)
    problem: str = ""
    applied: bool = False

    @property
    def short(self) -> list[PlannedApplication]:
        return [row for row in self.rows if row.short]

    @property
    def placed(self) -> int:
        return sum(len(row.new) for row in self.rows)

    def as_record(self) -> dict[str, Any]:
        return {
            "campaign": self.campaign.pk, "stage": self.stage,
            "per_application": self.per_application, "applied": self.applied,
            "problem": self.problem, "placed": self.placed,
            "applications": [
                {"application": row.application.pk,
                 "members": [m.pk for m in row.members],
                 "new": [m.pk for m in row.new], "short": row.short}
                for row in self.rows],
            "exclusions": [
                {"application": e.application.pk, "member": e.member.pk, "reason": e.reason,
                 "words": e.words} for e in self.exclusions],
        }


def _assigned_rule(assigned: Mapping[int, set[int]]) -> optimiser.ConflictRule:
    """Members already given an application at the stage are not given it again."""

    def pairs(applicants: Sequence[optimiser.Applicant],
              candidates: Sequence[optimiser.Candidate]) -> Iterable[tuple[int, int]]:
        column = {c.key: j for j, c in enumerate(candidates)}
        for i, a in enumerate(applicants):
            for key in assigned.get(a.key, ()):
                if key in column:
                    yield i, column[key]

    return optimiser.ConflictRule(
        sel.ALREADY_ASSIGNED, sel.REASON_WORDS[sel.ALREADY_ASSIGNED],
        lambda a, c: c.key in assigned.get(a.key, ()), pairs)


def _short_words(free: int, need: int) -> str:
    if free < need:
        return (f"Only {free} panel member(s) free of conflicts have places at this stage; "
                f"it needs {need}. Add members to the panel, then allocate again.")
    return ("The members free of conflicts were needed for other applications. Add members "
            "or raise their capacity, then allocate again.")


def plan_stage(campaign: Campaign, stage: str) -> StagePlan:
    """The best allocation of the stage's waiting applications (nothing is written)."""
    need = sel.PER_APPLICATION[stage]
    plan = StagePlan(campaign=campaign, stage=stage, per_application=need)
    if campaign.state != sel.STAGE_CAMPAIGN_STATE[stage]:
        plan.problem = (f"The campaign is at '{campaign.get_state_display()}'. The {stage} "
                        f"is allocated while it is at "
                        f"'{CampaignState(sel.STAGE_CAMPAIGN_STATE[stage]).label}'.")
        return plan
    inputs = sel.allocation_inputs(campaign, stage)
    plan.not_sitting = inputs.not_sitting
    if not inputs.applications:
        waiting = ApplicationState(sel.ENTRY_STATES[stage]).label.lower()
        plan.problem = (f"No applications are waiting for the {stage} panel (applications "
                        f"{waiting}, with fewer than {need} members).")
        return plan
    by_app = {a.pk: a for a in inputs.applications}
    by_member = {m.pk: m for m in inputs.members}
    rules = (*sel.PANEL_RULES, _assigned_rule(inputs.assigned))
    # Applications needing the same number of members are allocated together, fresh ones
    # (the whole stage's number) first; places used by one group are gone for the next.
    groups: dict[int, list[optimiser.Applicant]] = defaultdict(list)
    for applicant in inputs.applicants:
        groups[need - len(inputs.assigned.get(applicant.key, ()))].append(applicant)
    places = {c.key: c.capacity for c in inputs.candidates}
    new: dict[int, tuple[int, ...]] = {}
    short: dict[int, str] = {}
    for missing in sorted(groups, reverse=True):
        candidates = [optimiser.Candidate(key=c.key, person=c.person,
                                          organisation=c.organisation,
                                          capacity=places[c.key]) for c in inputs.candidates]
        result = optimiser.allocate(groups[missing], candidates, rules=rules,
                                    per_application=missing)
        for key, got in result.assignments.items():
            new[key] = got
            for member in got:
                places[member] -= 1
            if key in result.short:
                short[key] = _short_words(result.free[key], missing)
        plan.exclusions += [
            PlannedExclusion(application=by_app[e.application], member=by_member[e.assessor],
                             reason=e.reason)
            for e in result.exclusions if e.reason != sel.ALREADY_ASSIGNED]
    for application in inputs.applications:
        before = [by_member[k] for k in sorted(inputs.assigned.get(application.pk, ()))
                  if k in by_member]
        given = [by_member[k] for k in new.get(application.pk, ())]
        plan.rows.append(PlannedApplication(application=application, members=before + given,
                                            new=given, short=short.get(application.pk, "")))
    plan.exclusions.sort(key=lambda e: (e.application.pk, e.member.pk))
    return plan


def dry_run(*, actor: Actor | Any, campaign: Campaign | int | str, stage: str) -> StagePlan:
    """What :func:`allocate_stage` would do now, writing nothing."""
    actor = Actor.coerce(actor)
    stage = _stage(stage)
    row = _record(Campaign, campaign, field="campaign", what="campaign")
    _require_runner(actor, row)
    return plan_stage(row, stage)


@transaction.atomic
def allocate_stage(*, actor: Actor | Any, campaign: Campaign | int | str,
                   stage: str) -> StagePlan:
    """Allocate the stage's waiting applications and write the assignments (under the
    campaign's lock). Refused while the campaign is not at that stage or when no
    application waits for it."""
    actor = Actor.coerce(actor)
    stage = _stage(stage)
    row = _locked_campaign(campaign)
    _require_runner(actor, row)
    plan = plan_stage(row, stage)
    if plan.problem:
        raise invalid("stage", plan.problem)
    user = actor.user if actor.is_user else None
    created = 0
    for planned in plan.rows:
        for member in planned.new:
            _saved(Assignment(application=planned.application, member=member, stage=stage,
                              allocated_by=user), actor)
            created += 1
    plan.applied = True
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=row,
                 summary=f"Recruitment campaign {row.pk}: {stage} allocated, {created} "
                         "place(s)",
                 data={"campaign": row.pk, "stage": stage, "assignments": created,
                       "applications": len(plan.rows), "short": len(plan.short),
                       "exclusions": len(plan.exclusions)})
    return plan


# ------------------------------------------------------------------------ scores


def _score(value: Any, *, field: str) -> int:
    if isinstance(value, bool):
        raise invalid(field, f"Choose a score from {MIN_SCORE} to {MAX_SCORE}.")
    text = str(value if value is not None else "").strip()
    if not text:
        raise invalid(field, "Choose a score.")
    if not (text.isascii() and text.isdigit() and len(text) <= 2) \
            or not MIN_SCORE <= int(text) <= MAX_SCORE:
        raise invalid(field, f"Choose a score from {MIN_SCORE} to {MAX_SCORE}, not "
                             f"'{text[:10]}'.")
    return int(text)


def _criterion_values(criteria: list[Any], scores: Mapping[Any, Any],
                      notes: Mapping[Any, Any] | None, *, note_field: str,
                      note_limit: int) -> dict[int, tuple[int, str]]:
    """Every stage criterion's score and note, all problems at once; a score for a
    criterion not assessed at the stage is refused."""
    given = {str(k): v for k, v in scores.items()}
    texts = {str(k): v for k, v in (notes or {}).items()}
    known = {str(c.pk) for c in criteria}
    errors: dict[str, list[str]] = {}
    for key in sorted(set(given) | set(texts)):
        if key not in known:
            errors.setdefault("scores", []).append(
                f"Criterion '{key[:20]}' is not assessed at this stage.")
    values: dict[int, tuple[int, str]] = {}
    for criterion in criteria:
        key = str(criterion.pk)
        try:
            score = _score(given.get(key), field=f"score_{key}")
            note = _text(texts.get(key, ""), field=f"{note_field}_{key}", what="a note",
                         max_length=note_limit, required=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, []).extend(messages)
            continue
        values[criterion.pk] = (score, note)
    if not criteria:
        errors.setdefault("scores", []).append("The campaign's plan has no criterion at this "
                                               "stage.")
    if errors:
        raise ValidationError(errors)
    return values


def _open_for_assessment(application: Application, stage: str, doing: str) -> None:
    _at_stage(application.campaign, stage, doing)
    if StageDecision.objects.filter(application=application, stage=stage).exists():
        raise _conflict(application, f"The {stage} decision on this application has been "
                                     "made, so its assessment no longer changes.", doing)
    if application.state != sel.ENTRY_STATES[stage] and not (
            stage == PanelStage.INTERVIEW and application.state == ApplicationState.INTERVIEWED):
        raise _conflict(application, f"This application is now "
                                     f"'{application.get_state_display()}', so it is not "
                                     f"assessed at the {stage}.", doing)


@transaction.atomic
def submit_scores(*, actor: Actor | Any, assignment: Assignment | int | str,
                  scores: Mapping[Any, Any], comments: Mapping[Any, Any] | None = None
                  ) -> Assignment:
    """The assigned member's scores (``{criterion id: 0..4}``) and comments for every
    criterion of the stage, submitted together; they never change afterwards."""
    actor = Actor.coerce(actor)
    found = _record(Assignment, assignment, field="assignment", what="assignment")
    application = _locked_application(found.application_id)
    row = Assignment.objects.select_for_update().select_related("member").filter(
        pk=found.pk).first()
    if row is None:
        raise _conflict(application, "This application is no longer allocated to you.",
                        "submit_scores")
    if actor.trusted or _person_id(actor) != row.member.person_id:
        raise PermissionDenied("Only the panel member the application was allocated to "
                               "submits their scores.")
    if row.submitted_at is not None:
        raise _conflict(application, "You have already submitted your scores for this "
                                     "application; they do not change.", "submit_scores")
    _open_for_assessment(application, row.stage, "scoring")
    criteria = sel.stage_criteria(application.campaign, row.stage)
    values = _criterion_values(criteria, scores, comments, note_field="comment",
                               note_limit=MAX_SCORE_COMMENT)
    now = timezone.now()
    Score.objects.bulk_create(
        Score(assignment=row, criterion_id=pk, score=score, comment=comment,
              submitted_at=now) for pk, (score, comment) in values.items())
    row.submitted_at = now
    _saved(row, actor, update_fields=["submitted_at"])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=row,
                 summary=f"Scores submitted on recruitment application {application.pk} "
                         f"({row.stage})",
                 data={"campaign": application.campaign_id, "application": application.pk,
                       "stage": row.stage, "member": row.member_id,
                       "criteria": len(values)})
    return row


# ------------------------------------------------------------------------ the chair


def _all_submitted(application: Application, stage: str, doing: str) -> None:
    rows = Assignment.objects.filter(application=application, stage=stage)
    total = rows.count()
    if not total:
        raise invalid("stage", f"No panel member has this application at the {stage}; "
                               f"allocate the {stage} first.")
    waiting = rows.filter(submitted_at__isnull=True).count()
    if waiting:
        raise invalid("stage", f"{waiting} of {total} panel member(s) have not submitted their "
                               f"scores yet; {doing} comes after.")


@transaction.atomic
def moderate(*, actor: Actor | Any, application: Application | int | str, stage: str,
             scores: Mapping[Any, Any], notes: Mapping[Any, Any] | None = None
             ) -> list[Moderation]:
    """The chair's agreed score and note for every criterion of the stage, once every
    member has submitted; changed again freely until the stage's decision."""
    actor = Actor.coerce(actor)
    stage = _stage(stage)
    found = _locked_application(application)
    seat = _require_chair(actor, found.campaign)
    _open_for_assessment(found, stage, "moderation")
    _all_submitted(found, stage, "moderation")
    criteria = sel.stage_criteria(found.campaign, stage)
    values = _criterion_values(criteria, scores, notes, note_field="note",
                               note_limit=MAX_MODERATION_NOTE)
    rows = []
    for pk, (score, note) in values.items():
        row = Moderation.objects.filter(application=found, stage=stage,
                                        criterion_id=pk).first()
        row = row or Moderation(application=found, stage=stage, criterion_id=pk)
        row.agreed_score, row.note = score, note
        row.chair = seat.person if seat is not None else None
        rows.append(_saved(row, actor))
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=found,
                 summary=f"Scores moderated on recruitment application {found.pk} ({stage})",
                 data={"campaign": found.campaign_id, "application": found.pk,
                       "stage": stage, "criteria": len(rows)})
    return rows


@transaction.atomic
def decide(*, actor: Actor | Any, application: Application | int | str, stage: str,
           outcome: str, reasons: str, version: int | None = None) -> StageDecision:
    """The chair's decision on the application at ``stage``, with reasons; it moves the
    application (sift: sifted in or out; interview: interviewed, then appointable or not).
    Once every member has submitted. A second decision is a 409."""
    actor = Actor.coerce(actor)
    stage = _stage(stage)
    allowed = OUTCOMES[stage]
    outcome = str(outcome or "").strip().lower()
    if outcome not in allowed:
        raise invalid("outcome", f"Choose the outcome: {' or '.join(allowed)}.")
    text = _text(reasons, field="reasons", what="the reasons for the decision",
                 max_length=MAX_DECISION_REASONS, required=True)
    found = _locked_application(application)
    _require_chair(actor, found.campaign)
    if version is not None and found.version != version:
        raise _conflict(found, f"This application changed since you read it (version "
                               f"{version}, now {found.version}). Reload it.", "decide")
    _open_for_assessment(found, stage, "the decision")
    _all_submitted(found, stage, "the decision")
    if stage == PanelStage.INTERVIEW and found.state == ApplicationState.SIFTED_IN:
        found = application_services.transition(
            actor=actor, application_id=found.pk, to=ApplicationState.INTERVIEWED,
            reason="Interviewed by the panel.", authorised_by_panel=True)
    # The reasons are kept on the decision (erased with the candidate's data after the
    # retention period), not in the audit trail, which never changes.
    application_services.transition(actor=actor, application_id=found.pk, to=outcome,
                                    reason=f"The panel's {stage} decision",
                                    authorised_by_panel=True)
    decision = _saved(StageDecision(application=found, stage=stage, outcome=outcome,
                                    reasons=text, decided_by=actor.user), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=decision,
                 summary=f"Recruitment application {found.pk}: {stage} decision made",
                 data={"campaign": found.campaign_id, "application": found.pk,
                       "stage": stage, "outcome": outcome})
    return decision


# ------------------------------------------------------------------------ feedback


def _require_feedback_writer(actor: Actor, application: Application) -> None:
    if actor.trusted or may_manage(actor, application.campaign):
        return
    seat = _seat(actor, application.campaign)
    if seat is None or seat.role != PanelRole.CHAIR:
        raise PermissionDenied("Only the chair of the panel and the campaign's recruiters "
                               "write a candidate's feedback.")


@transaction.atomic
def write_feedback(*, actor: Actor | Any, application: Application | int | str,
                   text: str) -> Feedback:
    """Write (or rewrite) the feedback to the candidate until it is released."""
    actor = Actor.coerce(actor)
    found = _locked_application(application)
    _require_feedback_writer(actor, found)
    _require_live(found.campaign)
    body = _text(text, field="text", what="the feedback", max_length=MAX_FEEDBACK_TEXT,
                 required=True)
    row = Feedback.objects.select_for_update().filter(application=found).first()
    if row is not None and row.released_at is not None:
        raise _conflict(found, "This feedback has been released to the candidate, so it no "
                               "longer changes.", "write_feedback")
    row = row or Feedback(application=found)
    row.text, row.written_by = body, actor.user
    _saved(row, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=row,
                 summary=f"Feedback written on recruitment application {found.pk}",
                 data={"campaign": found.campaign_id, "application": found.pk})
    return row


@transaction.atomic
def release_feedback(*, actor: Actor | Any, application: Application | int | str
                     ) -> Feedback:
    """Release the feedback to the candidate, once a stage decision on the application
    has been made; released feedback never changes. A second release is a 409."""
    actor = Actor.coerce(actor)
    found = _locked_application(application)
    _require_feedback_writer(actor, found)
    row = Feedback.objects.select_for_update().filter(application=found).first()
    if row is None or not row.text.strip():
        raise invalid("text", "Write the feedback before releasing it.")
    if row.released_at is not None:
        raise _conflict(found, "This feedback has already been released.", "release_feedback")
    if not StageDecision.objects.filter(application=found).exists():
        raise invalid("text", "Feedback is released once the panel has decided on the "
                              "application.")
    row.released_at = timezone.now()
    _saved(row, actor, update_fields=["released_at"])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=row,
                 summary=f"Feedback released on recruitment application {found.pk}",
                 data={"campaign": found.campaign_id, "application": found.pk})
    return row


# ------------------------------------------------------------------------ retention


def erase_texts(application_ids: Iterable[int]) -> dict[str, int]:
    """Blank the panel's free text about these applications (score comments, moderation
    notes, decision reasons, declared conflicts' reasons and feedback), in the records and
    their history: for the retention purge (``services.applications.purge_expired``)."""
    ids = list(application_ids)
    counts = {
        "comments": Score.objects.filter(assignment__application_id__in=ids).exclude(
            comment="").update(comment=""),
        "notes": Moderation.objects.filter(application_id__in=ids).exclude(note="").update(
            note=""),
        "reasons": StageDecision.objects.filter(application_id__in=ids).update(
            reasons="(deleted after the retention period)"),
        "conflicts": DeclaredConflict.objects.filter(application_id__in=ids).update(
            reason="(deleted after the retention period)"),
        "feedback": Feedback.objects.filter(application_id__in=ids).exclude(text="").update(
            text=""),
    }
    Moderation.history.model.objects.filter(application_id__in=ids).update(note="")
    StageDecision.history.model.objects.filter(application_id__in=ids).update(
        reasons="(deleted after the retention period)")
    DeclaredConflict.history.model.objects.filter(application_id__in=ids).update(
        reason="(deleted after the retention period)")
    Feedback.history.model.objects.filter(application_id__in=ids).update(text="")
    return counts


def is_hub(actor: Actor | Any) -> bool:
    """Whether the actor is the recruitment hub (adds people from any organisation)."""
    actor = Actor.coerce(actor)
    return actor.trusted or (actor.is_user and RECRUITMENT_HUB.allows(actor.user))
