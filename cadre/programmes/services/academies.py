"""Writes to the IT and CIO Academies: academies, providers, the prospectus, selection
rounds (criteria, nominations, applications, scores, moderation, decisions), cadres and
interventions with attendance and feedback.

Keyword-only, atomic and audited; every write checks the actor's right itself. A round
and a candidate change state only through ``transition_round`` and
``transition_candidate`` (ADR 14), which lock the row; offering a place also locks the
cadre, so two offers at once cannot overfill it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.core.inputs import LONG_TEXT, REASON_TEXT, check_text
from cadre.core.workflow import run_transition
from cadre.framework.models import Skill, SkillLevel
from cadre.organisations.models import Grade
from cadre.people.models import Person
from cadre.programmes.models import (
    FEEDBACK_RANGE,
    MAX_CADRE_SIZE,
    MAX_COST,
    SCORE_RANGE,
    Academy,
    AcademyKind,
    AcademyModule,
    Attendance,
    Cadre,
    Candidate,
    Criterion,
    Intervention,
    InterventionKind,
    Membership,
    ModuleSkill,
    Provider,
    Score,
    SelectionRound,
)
from cadre.programmes.selectors import academies as sel
from cadre.programmes.services.common import CENTRAL_ONLY
from cadre.programmes.services.common import require_central as _central
from cadre.programmes.services.common import saved as _saved

ROUND_ACTIONS = ("open_applications", "open_scoring", "decide")
CANDIDATE_ACTIONS = ("apply", "score", "offer", "decline")


def _name(value: str, field: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"Enter the {what}."})
    return check_text(value, field=field, max_length=200)


def _months_later(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


@transaction.atomic
def create_academy(*, actor: Actor | Any, name: str, kind: str, cadre_size: int = 25,
                   grades: Iterable[Grade] = (), description: str = "") -> Academy:
    actor = Actor.coerce(actor)
    _central(actor)
    name = _name(name, "name", "academy's name")
    if kind not in AcademyKind.values:
        raise ValidationError({"kind": "Choose the IT Academy or the CIO Academy."})
    if not isinstance(cadre_size, int) or not 1 <= cadre_size <= MAX_CADRE_SIZE:
        raise ValidationError({"cadre_size": f"A cadre has 1 to {MAX_CADRE_SIZE} members."})
    if Academy.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"There is already an academy called {name}."})
    academy = _saved(Academy(name=name, kind=kind, cadre_size=cadre_size,
                             description=check_text(description or "", field="description",
                                                    max_length=LONG_TEXT)), actor)
    academy.eligible_grades.set(list(grades))
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=academy,
                 summary=f"Academy {name} created", data={"kind": kind})
    return academy


@transaction.atomic
def create_provider(*, actor: Actor | Any, name: str) -> Provider:
    actor = Actor.coerce(actor)
    _central(actor)
    name = _name(name, "name", "provider's name")
    existing = Provider.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    provider = _saved(Provider(name=name), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=provider,
                 summary=f"Provider {name} added", data={})
    return provider


@transaction.atomic
def add_module(*, actor: Actor | Any, academy: Academy, title: str,
               provider: Provider | None = None, description: str = "",
               skills: Iterable[tuple[Skill, SkillLevel]] = ()) -> AcademyModule:
    """A module of the prospectus and the framework skills (at a level) it builds."""
    actor = Actor.coerce(actor)
    _central(actor)
    title = _name(title, "title", "module's title")
    if academy.modules.filter(title__iexact=title).exists():
        raise ValidationError({"title": f"{academy} already has a module called {title}."})
    module = _saved(AcademyModule(academy=academy, title=title, provider=provider,
                                  description=check_text(description or "", field="description",
                                                         max_length=LONG_TEXT)), actor)
    pairs = list(skills)
    for skill, level in pairs:
        if level.framework_id != skill.framework_id:
            raise ValidationError({"skills": f"The level of {skill.name} is from another "
                                   "framework."})
    ModuleSkill.objects.bulk_create(ModuleSkill(module=module, skill=s, level=lv)
                                    for s, lv in pairs)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=module,
                 summary=f"Module {title} added to {academy}",
                 data={"skills": [[s.pk, lv.pk] for s, lv in pairs]})
    return module


@transaction.atomic
def create_round(*, actor: Actor | Any, academy: Academy, name: str, starts_on: dt.date | None,
                 criteria: Iterable[tuple[str, int]] = (), capacity: int | None = None
                 ) -> SelectionRound:
    """A selection round and the cadre it fills (capacity: the academy's cadre size unless
    given), with its published criteria (name, weight)."""
    actor = Actor.coerce(actor)
    _central(actor)
    name = _name(name, "name", "round's name")
    if starts_on is None:
        raise ValidationError({"starts_on": "Enter the date the cadre starts."})
    capacity = academy.cadre_size if capacity is None else capacity
    if not isinstance(capacity, int) or not 1 <= capacity <= MAX_CADRE_SIZE:
        raise ValidationError({"capacity": f"A cadre has 1 to {MAX_CADRE_SIZE} members."})
    if SelectionRound.objects.filter(academy=academy, name__iexact=name).exists() or \
            Cadre.objects.filter(academy=academy, name__iexact=name).exists():
        raise ValidationError({"name": f"{academy} already has a round called {name}."})
    cadre = _saved(Cadre(academy=academy, name=name, starts_on=starts_on, capacity=capacity,
                         ends_on=_months_later(starts_on, academy.membership_months)), actor)
    round_ = _saved(SelectionRound(academy=academy, name=name, cadre=cadre), actor)
    for crit_name, weight in criteria:
        add_criterion(actor=actor, round_=round_, name=crit_name, weight=weight)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=round_,
                 summary=f"Selection round {round_} created",
                 data={"capacity": capacity, "starts_on": str(starts_on)})
    return round_


@transaction.atomic
def add_criterion(*, actor: Actor | Any, round_: SelectionRound, name: str, weight: int = 1,
                  description: str = "") -> Criterion:
    actor = Actor.coerce(actor)
    _central(actor)
    round_ = SelectionRound.objects.select_for_update().get(pk=round_.pk)
    if round_.state not in (SelectionRound.State.NOMINATIONS, SelectionRound.State.APPLICATIONS):
        raise ValidationError({"round": "Criteria are published before scoring starts."})
    name = _name(name, "name", "criterion")
    if not isinstance(weight, int) or not 1 <= weight <= 10:
        raise ValidationError({"weight": "A weight is a whole number from 1 to 10."})
    if round_.criteria.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"The round already has a criterion called {name}."})
    criterion = Criterion.objects.create(round=round_, name=name, weight=weight,
                                         description=check_text(description or "",
                                                                field="description",
                                                                max_length=LONG_TEXT))
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=criterion,
                 summary=f"Criterion {name} published for {round_}", data={"weight": weight})
    return criterion


@transaction.atomic
def nominate(*, actor: Actor | Any, round_: SelectionRound, person: Person | None,
             reason: str = "") -> Candidate:
    """A head of profession nominates one of their organisation's eligible people."""
    actor = Actor.coerce(actor)
    if person is None:
        raise ValidationError({"person": "Choose the person to nominate."})
    if not actor.trusted and not sel.may_nominate(actor.user, person):
        raise PermissionDenied("Heads of profession nominate their own organisations' people.")
    round_ = SelectionRound.objects.select_for_update().select_related("academy").get(
        pk=round_.pk)
    if round_.state != SelectionRound.State.NOMINATIONS:
        raise ValidationError({"round": "Nominations are closed for this round."})
    if not sel.eligible_people(round_.academy).filter(pk=person.pk).exists():
        raise ValidationError({"person": f"{person} is not eligible: the academy takes people "
                               "in the profession at its grades."})
    if round_.candidates.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is already nominated in this round."})
    candidate = _saved(Candidate(round=round_, person=person,
                                 organisation_id=person.organisation_id,
                                 nominated_by=actor.user,
                                 nomination_reason=check_text((reason or "").strip(),
                                                              field="reason",
                                                              max_length=REASON_TEXT)), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=candidate,
                 summary=f"{person.staff_number} nominated for {round_}", data={})
    return candidate


def transition_round(*, actor: Actor | Any, round_id: int, action: str,
                     reason: str = "") -> SelectionRound:
    """The selection round workflow (central team only). ``decide`` needs every applied
    candidate to have a decision; nominees who never applied are declined with feedback."""
    actor = Actor.coerce(actor)
    if action not in ROUND_ACTIONS:
        raise ValidationError({"action": f"Choose one of: {', '.join(ROUND_ACTIONS)}."})
    reason = check_text((reason or "").strip(), field="reason", max_length=REASON_TEXT)

    def authorise(who: Actor, round_: SelectionRound) -> bool:
        if who.trusted or sel.is_central(who.user):
            return True
        raise PermissionDenied(CENTRAL_ONLY)

    def work(round_: SelectionRound) -> None:
        if action == "open_scoring" and not round_.criteria.exists():
            raise ValidationError({"round": "Publish at least one criterion first."})
        if action == "decide":
            pending = round_.candidates.filter(state__in=[Candidate.State.APPLIED,
                                                          Candidate.State.SCORED])
            if pending.exists():
                raise ValidationError({"round": f"{pending.count()} candidate(s) still need "
                                       "a decision."})
            for candidate in round_.candidates.filter(state=Candidate.State.NOMINATED):
                transition_candidate(actor=actor, candidate_id=candidate.pk, action="decline",
                                     feedback="No application was made.")

    return run_transition(model=SelectionRound, pk=round_id, transition=action, actor=actor,
                          authorise=authorise, reason=reason, work=work,
                          summary=f"Selection round {round_id}: {action.replace('_', ' ')}")


def transition_candidate(*, actor: Actor | Any, candidate_id: int, action: str,
                         statement: str = "", feedback: str = "",
                         reason: str = "") -> Candidate:
    """A candidate's workflow:

    - ``apply``: the nominee (or the central team) sends a statement, while the round
      takes applications;
    - ``score``: the central team closes the panel's scoring (at least one score each
      criterion, or a moderated score), while the round is scoring;
    - ``offer``: a place in the round's cadre, with feedback; the cadre row is locked and
      its capacity checked, then the membership is added;
    - ``decline``: no place, with feedback.
    """
    actor = Actor.coerce(actor)
    if action not in CANDIDATE_ACTIONS:
        raise ValidationError({"action": f"Choose one of: {', '.join(CANDIDATE_ACTIONS)}."})
    statement = check_text((statement or "").strip(), field="statement", max_length=LONG_TEXT)
    feedback = check_text((feedback or "").strip(), field="feedback", max_length=LONG_TEXT)
    data: dict[str, Any] = {}

    def authorise(who: Actor, candidate: Candidate) -> bool:
        if who.trusted or sel.is_central(who.user):
            return True
        if action == "apply" and candidate.person_id == sel._person_id(who.user):
            return True
        raise PermissionDenied("Only the nominee applies; the central team runs the panel.")

    def work(candidate: Candidate) -> None:
        round_ = SelectionRound.objects.get(pk=candidate.round_id)
        needs = {"apply": SelectionRound.State.APPLICATIONS,
                 "score": SelectionRound.State.SCORING,
                 "offer": SelectionRound.State.SCORING}
        if action in needs and round_.state != needs[action]:
            raise ValidationError({"round": f"The round is '{round_.get_state_display()}'."})
        if action == "apply":
            if not statement:
                raise ValidationError({"statement": "Write your statement."})
            candidate.statement = statement
        if action == "score":
            missing = round_.criteria.exclude(scores__candidate=candidate)
            if candidate.moderated_score is None and missing.exists():
                raise ValidationError({"scores": f"No score yet against '{missing.first()}'."})
        if action in ("offer", "decline"):
            if not feedback:
                raise ValidationError({"feedback": "Give the candidate feedback."})
            candidate.feedback = feedback
        if action == "offer":
            cadre = Cadre.objects.select_for_update().get(pk=round_.cadre_id)
            taken = cadre.memberships.count()
            if taken >= cadre.capacity:
                raise ValidationError({"cadre": f"The cadre is full ({cadre.capacity} "
                                       "places)."})
            _saved(Membership(cadre=cadre, person_id=candidate.person_id,
                              starts_on=cadre.starts_on, ends_on=cadre.ends_on), actor)
            data["places_left"] = cadre.capacity - taken - 1

    return run_transition(model=Candidate, pk=candidate_id, transition=action, actor=actor,
                          authorise=authorise, reason=reason, work=work, data=data,
                          summary=f"Candidate {candidate_id}: {action}")


@transaction.atomic
def record_scores(*, actor: Actor | Any, candidate: Candidate,
                  scores: Mapping[int | Criterion, int]) -> list[Score]:
    """A panel member's scores of one candidate (criterion -> 0..4), replacing their own
    earlier ones. The panel is the central team."""
    actor = Actor.coerce(actor)
    _central(actor)
    candidate = Candidate.objects.select_for_update().select_related("round").get(
        pk=candidate.pk)
    if candidate.round.state != SelectionRound.State.SCORING or \
            candidate.state != Candidate.State.APPLIED:
        raise ValidationError({"scores": "Scores are given to applicants while the round "
                               "is scoring."})
    if actor.user is None:
        raise ValidationError({"assessor": "Scores need a named assessor."})
    criteria = {c.pk: c for c in candidate.round.criteria.all()}
    saved = []
    for key, value in scores.items():
        crit_id = getattr(key, "pk", key)
        if crit_id not in criteria:
            raise ValidationError({"scores": f"Criterion {crit_id} is not in this round."})
        if isinstance(value, bool) or not isinstance(value, int) or \
                not SCORE_RANGE[0] <= value <= SCORE_RANGE[1]:
            raise ValidationError({f"criterion_{crit_id}": (
                f"A score against '{criteria[crit_id]}' is {SCORE_RANGE[0]} to "
                f"{SCORE_RANGE[1]}.")})
        score, _ = Score.objects.update_or_create(candidate=candidate, criterion_id=crit_id,
                                                  assessor=actor.user,
                                                  defaults={"value": value})
        saved.append(score)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=candidate,
                 summary=f"Panel scores for candidate {candidate.pk}",
                 data={"scores": {str(getattr(k, "pk", k)): v for k, v in scores.items()}})
    return saved


@transaction.atomic
def moderate(*, actor: Actor | Any, candidate: Candidate, score: Any, reason: str) -> Candidate:
    """The central team sets a moderated score (0..4) with a reason."""
    actor = Actor.coerce(actor)
    _central(actor)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    errors = {}
    try:
        value = Decimal(str(score)).quantize(Decimal("0.01"))
        if not SCORE_RANGE[0] <= value <= SCORE_RANGE[1]:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["score"] = f"A moderated score is {SCORE_RANGE[0]} to {SCORE_RANGE[1]}."
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = "Give the reason for the moderation."
    elif len(reason) > REASON_TEXT:
        errors["reason"] = f"Reason must be {REASON_TEXT} characters or fewer."
    if candidate.state not in (Candidate.State.APPLIED, Candidate.State.SCORED):
        errors["candidate"] = "Only applicants being scored are moderated."
    if errors:
        raise ValidationError(errors)
    before = candidate.moderated_score
    candidate.moderated_score = value
    candidate.moderation_reason = reason
    _saved(candidate, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=candidate,
                 summary=f"Score of candidate {candidate.pk} moderated",
                 data={"from": str(before) if before is not None else None,
                       "to": str(value), "reason": reason})
    return candidate


@transaction.atomic
def add_intervention(*, actor: Actor | Any, cadre: Cadre, provider: Provider | None, kind: str,
                     title: str, held_on: dt.date | None, cost: Any = 0,
                     module: AcademyModule | None = None) -> Intervention:
    actor = Actor.coerce(actor)
    _central(actor)
    errors = {}
    if provider is None:
        errors["provider"] = "Choose the provider."
    if kind not in InterventionKind.values:
        errors["kind"] = "Choose a session, masterclass or placement."
    if held_on is None:
        errors["held_on"] = "Enter the date."
    try:
        cost = Decimal(str(cost)).quantize(Decimal("0.01"))
        if not 0 <= cost <= MAX_COST:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["cost"] = f"Cost is 0 to {MAX_COST:,} pounds."
    if module is not None and module.academy_id != cadre.academy_id:
        errors["module"] = "Choose a module of the cadre's academy."
    title = (title or "").strip()
    if not title:
        errors["title"] = "Enter the title."
    elif len(title) > 200:
        errors["title"] = "Title must be 200 characters or fewer."
    if errors:
        raise ValidationError(errors)
    intervention = _saved(Intervention(cadre=cadre, provider=provider, kind=kind, title=title,
                                       held_on=held_on, cost=cost, module=module), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=intervention,
                 summary=f"Intervention {title} for {cadre}",
                 data={"kind": kind, "cost": str(cost), "provider": provider.pk})
    return intervention


@transaction.atomic
def record_attendance(*, actor: Actor | Any, intervention: Intervention, person: Person,
                      attended: bool = True) -> Attendance:
    actor = Actor.coerce(actor)
    _central(actor)
    if not intervention.cadre.memberships.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is not a member of {intervention.cadre}."})
    defaults: dict[str, Any] = {"attended": attended}
    if not attended:
        # Feedback comes from those who attended: a member marked absent takes none back.
        defaults.update(feedback_score=None, feedback_comment="")
    attendance, _ = Attendance.objects.update_or_create(
        intervention=intervention, person=person, defaults=defaults)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=attendance,
                 summary=f"Attendance of {person.staff_number} at {intervention}",
                 data={"attended": attended})
    return attendance


@transaction.atomic
def record_cadre_attendance(*, actor: Actor | Any, cadre: Cadre,
                            marks: Mapping[tuple[int, int], bool]) -> int:
    """The attendance of a cadre's members at its interventions in one go, all or nothing:
    ``marks`` maps (intervention id, person id) to attended. Returns how many were
    recorded."""
    actor = Actor.coerce(actor)
    _central(actor)
    interventions = {i.pk: i for i in cadre.interventions.select_related("cadre")}
    people = {m.person_id: m.person for m in cadre.memberships.select_related("person")}
    for (intervention_id, person_id), attended in marks.items():
        if intervention_id not in interventions:
            raise ValidationError({"intervention": f"Intervention {intervention_id} is not "
                                   f"one of {cadre}'s."})
        if person_id not in people:
            raise ValidationError({"person": f"Person {person_id} is not a member of "
                                   f"{cadre}."})
        record_attendance(actor=actor, intervention=interventions[intervention_id],
                          person=people[person_id], attended=bool(attended))
    return len(marks)


@transaction.atomic
def give_feedback(*, actor: Actor | Any, intervention: Intervention, person: Person,
                  score: Any, comment: str = "") -> Attendance:
    """A participant who attended scores the intervention 1..5 with a comment."""
    actor = Actor.coerce(actor)
    if not actor.trusted and person.pk != sel._person_id(actor.user):
        raise PermissionDenied("Only the participant gives their feedback.")
    attendance = Attendance.objects.select_for_update().filter(
        intervention=intervention, person=person, attended=True).first()
    if attendance is None:
        raise ValidationError({"intervention": "Feedback comes from those who attended."})
    if isinstance(score, bool) or not isinstance(score, int) or \
            not FEEDBACK_RANGE[0] <= score <= FEEDBACK_RANGE[1]:
        raise ValidationError({"score": f"Score from {FEEDBACK_RANGE[0]} (poor) to "
                               f"{FEEDBACK_RANGE[1]} (excellent)."})
    attendance.feedback_score = score
    attendance.feedback_comment = check_text((comment or "").strip(), field="comment",
                                             max_length=LONG_TEXT)
    _saved(attendance, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=attendance,
                 summary=f"Feedback on {intervention}", data={"score": score})
    return attendance
