"""Writes for mobility: vacancies, the internal-first policy, preferences and managed moves.

Keyword-only, atomic and audited. The organisation checks live here too, so pages, API and
CLI refuse the same things; ``actor=None`` is the system (the command line) and may do all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.framework.models import RoleLevel, Skill, SkillLevel
from cadre.mobility.models import (
    MobilityPolicy,
    MobilityPreference,
    MoveRequest,
    SecurityClearance,
    Vacancy,
    VacancySkill,
)
from cadre.organisations.models import Grade, Location, Organisation
from cadre.people.models import Person

VACANCY_FIELDS = ("title", "description", "grade", "hybrid", "security_clearance",
                  "closing_date")


def may_manage_organisation(actor: Any, organisation_id: int) -> bool:
    """Heads of profession of the organisation, the central team, administrators, the system."""
    if actor is None:
        return True
    scope = scope_for(actor)
    return scope.has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR) or (
        organisation_id in scope.profession_organisations)


def _require(actor: Any, organisation_id: int, what: str) -> None:
    if not may_manage_organisation(actor, organisation_id):
        raise PermissionDenied(f"Only the organisation's heads of profession or the central "
                               f"team can {what}.")


def _audit(actor: Any, obj: Any, summary: str, created: bool = False, **data: Any) -> None:
    record_event(actor=actor, target=obj, summary=summary, data=data,
                 action=AuditEvent.Action.RECORD_CREATED if created
                 else AuditEvent.Action.RECORD_UPDATED)


def _save(actor: Any, obj: Any, **kwargs: Any) -> None:
    obj._history_user = actor
    obj.save(**kwargs)


# --- Policy and preferences ---------------------------------------------------------------

def current_policy() -> MobilityPolicy:
    return MobilityPolicy.objects.order_by("pk").first() or MobilityPolicy(internal_days=28)


@transaction.atomic
def set_policy(*, actor: Any, internal_days: int) -> MobilityPolicy:
    """Set the number of days a vacancy must be open inside government first (central team)."""
    if actor is not None and not scope_for(actor).has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR):
        raise PermissionDenied("Only the central team sets the mobility policy.")
    if not isinstance(internal_days, int) or not 0 <= internal_days <= 365:
        raise ValidationError({"internal_days": "Give a whole number of days from 0 to 365."})
    policy = current_policy()
    before = policy.internal_days if policy.pk else None
    policy.internal_days = internal_days
    policy.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    _save(actor, policy)
    _audit(actor, policy, f"Mobility policy: internal for {internal_days} days",
           before=before, after=internal_days)
    return policy


@transaction.atomic
def set_preference(*, actor: Any, person: Person, open_to_opportunities: bool,
                   locations: Iterable[Location] = (), grades: Iterable[Grade] = (),
                   role_families: Iterable[Any] = ()) -> MobilityPreference:
    """A person's own choice to be named to hiring organisations, and where they would go."""
    if actor is not None and person.account_id != getattr(actor, "pk", None):
        raise PermissionDenied("People set their own mobility preference.")
    pref, created = MobilityPreference.objects.get_or_create(person=person)
    pref.open_to_opportunities = bool(open_to_opportunities)
    _save(actor, pref)
    pref.locations.set(list(locations))
    pref.grades.set(list(grades))
    pref.role_families.set(list(role_families))
    _audit(actor, pref, f"Mobility preference of {person.staff_number}: "
           f"{'open' if pref.open_to_opportunities else 'not open'} to opportunities",
           created=created, open=pref.open_to_opportunities,
           locations=sorted(pref.locations.values_list("pk", flat=True)),
           grades=sorted(pref.grades.values_list("pk", flat=True)),
           role_families=sorted(pref.role_families.values_list("pk", flat=True)))
    return pref


# --- Vacancies ----------------------------------------------------------------------------

def _validate_vacancy(vacancy: Vacancy) -> None:
    errors: dict[str, str] = {}
    if not (vacancy.title or "").strip():
        errors["title"] = "Enter a title."
    if vacancy.security_clearance not in SecurityClearance.values:
        errors["security_clearance"] = "Choose a security clearance from the list."
    if vacancy.closing_date is None:
        errors["closing_date"] = "Enter a closing date."
    elif vacancy.state in (Vacancy.State.DRAFT, Vacancy.State.OPEN) and (
            vacancy.closing_date < timezone.localdate()):
        errors["closing_date"] = "The closing date must be today or later."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_vacancy(*, actor: Any, organisation: Organisation, title: str, role_level: RoleLevel,
                   grade: Grade, closing_date: dt.date, locations: Sequence[Location] = (),
                   hybrid: bool = True, security_clearance: str = SecurityClearance.BPSS,
                   description: str = "",
                   skills: Sequence[tuple[Skill, SkillLevel, bool]] | None = None) -> Vacancy:
    """Draft a vacancy; the role level's required skills become its essential skills unless
    ``skills`` ((skill, level, essential) rows) are given."""
    _require(actor, organisation.pk, "draft vacancies for it")
    vacancy = Vacancy(organisation=organisation, title=title.strip(), role_level=role_level,
                      grade=grade, closing_date=closing_date, hybrid=hybrid,
                      security_clearance=security_clearance, description=description,
                      created_by=actor if getattr(actor, "is_authenticated", False) else None)
    _validate_vacancy(vacancy)
    _save(actor, vacancy)
    vacancy.locations.set(list(locations))
    for req in role_level.requirements.select_related("skill", "level"):
        skill = VacancySkill(vacancy=vacancy, skill=req.skill, level=req.level, essential=True)
        _save(actor, skill)
    _audit(actor, vacancy, f"Vacancy '{vacancy.title}' drafted for {organisation.abbreviation}",
           created=True, role_level=role_level.pk, grade=grade.pk)
    if skills is not None:
        set_vacancy_skills(actor=actor, vacancy=vacancy, skills=skills)
    return vacancy


@transaction.atomic
def update_vacancy(*, actor: Any, vacancy: Vacancy, locations: Sequence[Location] | None = None,
                   **values: Any) -> Vacancy:
    """Change a draft or open vacancy's details."""
    _require(actor, vacancy.organisation_id, "change its vacancies")
    unknown = set(values) - set(VACANCY_FIELDS)
    if unknown:
        raise ValidationError({f: "This field cannot be changed." for f in sorted(unknown)})
    if vacancy.state not in (Vacancy.State.DRAFT, Vacancy.State.OPEN):
        raise ValidationError({"state": f"A {vacancy.get_state_display().lower()} vacancy "
                                        "cannot be changed."})
    before = {f: str(getattr(vacancy, f)) for f in values}
    for field, value in values.items():
        setattr(vacancy, field, value.strip() if field == "title" else value)
    _validate_vacancy(vacancy)
    _save(actor, vacancy)
    if locations is not None:
        vacancy.locations.set(list(locations))
    _audit(actor, vacancy, f"Vacancy '{vacancy.title}' changed", before=before,
           after={f: str(getattr(vacancy, f)) for f in values})
    return vacancy


@transaction.atomic
def set_vacancy_skills(*, actor: Any, vacancy: Vacancy,
                       skills: Sequence[tuple[Skill, SkillLevel, bool]]) -> Vacancy:
    """Replace the vacancy's skills: (skill, level, essential) each, one row per skill."""
    _require(actor, vacancy.organisation_id, "change its vacancies")
    if vacancy.state not in (Vacancy.State.DRAFT, Vacancy.State.OPEN):
        raise ValidationError({"skills": "Only draft or open vacancies can change skills."})
    framework_id = vacancy.role_level.framework_id
    seen: set[int] = set()
    for skill, level, _ in skills:
        if skill.pk in seen:
            raise ValidationError({"skills": f"{skill.name} is listed twice."})
        seen.add(skill.pk)
        if skill.framework_id != framework_id or level.framework_id != framework_id:
            raise ValidationError({"skills": f"{skill.name}: use skills and levels of the "
                                             "vacancy's framework."})
    if not any(essential for _, _, essential in skills):
        raise ValidationError({"skills": "Mark at least one skill as essential."})
    vacancy.skills.all().delete()
    for skill, level, essential in skills:
        _save(actor, VacancySkill(vacancy=vacancy, skill=skill, level=level,
                                  essential=bool(essential)))
    _audit(actor, vacancy, f"Skills of vacancy '{vacancy.title}' set",
           skills=[[s.pk, lv.ordinal, bool(e)] for s, lv, e in skills])
    return vacancy


def _transition(actor: Any, vacancy: Vacancy, allowed: tuple[str, ...], to: str,
                verb: str) -> None:
    _require(actor, vacancy.organisation_id, f"{verb} its vacancies")
    if vacancy.state not in allowed:
        done = {"open": "opened", "close": "closed", "withdraw": "withdrawn"}.get(verb,
                                                                                 verb + "ed")
        raise ValidationError({"state": f"A {vacancy.get_state_display().lower()} vacancy "
                                        f"cannot be {done}."})
    before = vacancy.state
    vacancy.state = to
    if to == Vacancy.State.OPEN and vacancy.opened_on is None:
        vacancy.opened_on = timezone.localdate()
    _save(actor, vacancy)
    _audit(actor, vacancy, f"Vacancy '{vacancy.title}': {before} to {to}", before=before,
           after=to)


@transaction.atomic
def open_vacancy(*, actor: Any, vacancy: Vacancy) -> Vacancy:
    """Post a draft (or reopen a closed) vacancy on the cross-government board."""
    if not vacancy.skills.filter(essential=True).exists():
        raise ValidationError({"skills": "Add at least one essential skill before opening."})
    if vacancy.closing_date < timezone.localdate():
        raise ValidationError({"closing_date": "Move the closing date to today or later "
                                               "before opening."})
    _transition(actor, vacancy, (Vacancy.State.DRAFT, Vacancy.State.CLOSED),
                Vacancy.State.OPEN, "open")
    return vacancy


@transaction.atomic
def close_vacancy(*, actor: Any, vacancy: Vacancy) -> Vacancy:
    _transition(actor, vacancy, (Vacancy.State.OPEN,), Vacancy.State.CLOSED, "close")
    return vacancy


@transaction.atomic
def withdraw_vacancy(*, actor: Any, vacancy: Vacancy) -> Vacancy:
    _transition(actor, vacancy, (Vacancy.State.DRAFT, Vacancy.State.OPEN, Vacancy.State.CLOSED),
                Vacancy.State.WITHDRAWN, "withdraw")
    return vacancy


@transaction.atomic
def fill_vacancy(*, actor: Any, vacancy: Vacancy, person: Person) -> Vacancy:
    """Record who filled an open or closed vacancy."""
    if person is None:
        raise ValidationError({"person": "Choose the person who filled the vacancy."})
    _transition(actor, vacancy, (Vacancy.State.OPEN, Vacancy.State.CLOSED),
                Vacancy.State.FILLED, "fill")
    vacancy.filled_by = person
    _save(actor, vacancy, update_fields=["filled_by"])
    _audit(actor, vacancy, f"Vacancy '{vacancy.title}' filled by {person.staff_number}",
           person=person.pk)
    return vacancy


def external_allowed_on(vacancy: Vacancy,
                        policy: MobilityPolicy | None = None) -> dt.date | None:
    """The first day the organisation may decide to recruit outside government (pass the
    ``policy`` when asking for many vacancies, to read it once)."""
    if vacancy.opened_on is None:
        return None
    return vacancy.opened_on + dt.timedelta(days=(policy or current_policy()).internal_days)


@transaction.atomic
def decide_external(*, actor: Any, vacancy: Vacancy, reason: str,
                    today: dt.date | None = None) -> Vacancy:
    """Record the decision to recruit outside government, once the internal period is over."""
    _require(actor, vacancy.organisation_id, "decide to recruit externally")
    today = today or timezone.localdate()
    if not (reason or "").strip():
        raise ValidationError({"reason": "Give the reason for recruiting outside government."})
    if vacancy.external_decided_at is not None:
        raise ValidationError({"state": "The decision to go external is already recorded."})
    if vacancy.state not in (Vacancy.State.OPEN, Vacancy.State.CLOSED):
        raise ValidationError({"state": "Only an open or closed vacancy can go external."})
    allowed = external_allowed_on(vacancy)
    if allowed is None or today < allowed:
        raise ValidationError({"state": f"The vacancy must be open inside government for "
                                        f"{current_policy().internal_days} days first: "
                                        f"external recruitment is allowed from {allowed}."})
    vacancy.external_decided_at = timezone.now()
    vacancy.external_decided_by = actor if getattr(actor, "is_authenticated", False) else None
    vacancy.external_reason = reason.strip()
    _save(actor, vacancy)
    _audit(actor, vacancy, f"Vacancy '{vacancy.title}' to go external", reason=reason.strip())
    return vacancy


# --- Managed moves ------------------------------------------------------------------------

ACTIVE_MOVE_STATES = (MoveRequest.State.PROPOSED, MoveRequest.State.RECEIVING_AGREED,
                      MoveRequest.State.RELEASING_AGREED, MoveRequest.State.LOGISTICS)
LOGISTICS_FIELDS = ("start_date", "clearance_transferred", "pay_and_pension_agreed",
                    "equipment_ready", "access_ready")


def _move_state_error(move: MoveRequest, what: str) -> ValidationError:
    return ValidationError({"state": f"This move is '{move.get_state_display()}': "
                                     f"it cannot {what} now."})


@transaction.atomic
def propose_move(*, actor: Any, person: Person, receiving: Organisation,
                 vacancy: Vacancy | None = None) -> MoveRequest:
    """Propose moving a person to another organisation (either organisation, or central)."""
    if not (may_manage_organisation(actor, receiving.pk)
            or may_manage_organisation(actor, person.organisation_id)):
        raise PermissionDenied("Only heads of profession of the releasing or receiving "
                               "organisation, or the central team, can propose a move.")
    if receiving.pk == person.organisation_id:
        raise ValidationError({"receiving": f"{person} already works in {receiving}."})
    if vacancy is not None and vacancy.organisation_id != receiving.pk:
        raise ValidationError({"vacancy": "The vacancy belongs to another organisation."})
    if vacancy is not None and vacancy.state not in (Vacancy.State.OPEN, Vacancy.State.CLOSED):
        raise ValidationError({"vacancy": "Moves can only be linked to open or closed "
                                          "vacancies."})
    if MoveRequest.objects.filter(person=person, state__in=ACTIVE_MOVE_STATES).exists():
        raise ValidationError({"person": f"{person} already has a move in progress."})
    move = MoveRequest(person=person, releasing_id=person.organisation_id, receiving=receiving,
                       vacancy=vacancy,
                       proposed_by=actor if getattr(actor, "is_authenticated", False) else None)
    _save(actor, move)
    _audit(actor, move, f"Move of {person.staff_number} proposed to {receiving.abbreviation}",
           created=True, person=person.pk, releasing=move.releasing_id, receiving=receiving.pk,
           vacancy=vacancy.pk if vacancy else None)
    return move


@transaction.atomic
def agree_receiving(*, actor: Any, move: MoveRequest) -> MoveRequest:
    _require(actor, move.receiving_id, "agree a move into it")
    if move.state != MoveRequest.State.PROPOSED:
        raise _move_state_error(move, "be agreed by the receiving organisation")
    move.state = MoveRequest.State.RECEIVING_AGREED
    move.receiving_agreed_at = timezone.now()
    _save(actor, move)
    _audit(actor, move, f"Move {move.pk} agreed by {move.receiving.abbreviation} (receiving)")
    return move


@transaction.atomic
def agree_releasing(*, actor: Any, move: MoveRequest) -> MoveRequest:
    _require(actor, move.releasing_id, "agree to release its people")
    if move.state != MoveRequest.State.RECEIVING_AGREED:
        raise _move_state_error(move, "be agreed by the releasing organisation (the receiving "
                                      "organisation agrees first)")
    move.state = MoveRequest.State.RELEASING_AGREED
    move.releasing_agreed_at = timezone.now()
    _save(actor, move)
    _audit(actor, move, f"Move {move.pk} agreed by {move.releasing.abbreviation} (releasing)")
    return move


def _may_act_on_move(actor: Any, move: MoveRequest) -> bool:
    return (may_manage_organisation(actor, move.receiving_id)
            or may_manage_organisation(actor, move.releasing_id))


@transaction.atomic
def update_logistics(*, actor: Any, move: MoveRequest, **values: Any) -> MoveRequest:
    """Record logistics: start date, clearance transfer, pay and pension, equipment, access."""
    if not _may_act_on_move(actor, move):
        raise PermissionDenied("Only the two organisations or the central team can arrange "
                               "the logistics.")
    unknown = set(values) - set(LOGISTICS_FIELDS)
    if unknown:
        raise ValidationError({f: "Not a logistics field." for f in sorted(unknown)})
    if move.state not in (MoveRequest.State.RELEASING_AGREED, MoveRequest.State.LOGISTICS):
        raise _move_state_error(move, "have logistics arranged (both organisations agree "
                                      "first)")
    start = values.get("start_date", move.start_date)
    if start is not None and not isinstance(start, dt.date):
        raise ValidationError({"start_date": "Give the start date as a date."})
    before = {f: str(getattr(move, f)) for f in values}
    for field, value in values.items():
        setattr(move, field, value if field == "start_date" else bool(value))
    move.state = MoveRequest.State.LOGISTICS
    _save(actor, move)
    _audit(actor, move, f"Logistics of move {move.pk} updated", before=before,
           after={f: str(getattr(move, f)) for f in values})
    return move


def logistics_missing(move: MoveRequest) -> list[str]:
    """Labels of the logistics still to do before the move can complete."""
    labels = {"start_date": "start date", "clearance_transferred": "security clearance transfer",
              "pay_and_pension_agreed": "pay and pension", "equipment_ready": "equipment",
              "access_ready": "access"}
    return [label for field, label in labels.items() if not getattr(move, field)]


@transaction.atomic
def complete_move(*, actor: Any, move: MoveRequest, staff_number: str = "",
                  line_manager: Person | None = None) -> MoveRequest:
    """Move the person's record to the receiving organisation, keeping its history.

    The line manager is cleared unless one in the receiving organisation is given, the unit
    is cleared, and a new staff number is needed when theirs is taken in the receiving
    organisation. A linked vacancy is marked filled.
    """
    _require(actor, move.receiving_id, "complete a move into it")
    if move.state != MoveRequest.State.LOGISTICS:
        raise _move_state_error(move, "complete (arrange the logistics first)")
    missing = logistics_missing(move)
    if missing:
        raise ValidationError({"logistics": "Still to do: " + ", ".join(missing) + "."})
    person = Person.objects.select_for_update().get(pk=move.person_id)
    if person.organisation_id != move.releasing_id:
        raise ValidationError({"person": "The person no longer works in the releasing "
                                         "organisation."})
    number = (staff_number or "").strip() or person.staff_number
    if Person.objects.filter(organisation_id=move.receiving_id,
                             staff_number=number).exclude(pk=person.pk).exists():
        raise ValidationError({"staff_number": f"Staff number {number} is taken in "
                                               f"{move.receiving}; give a new one."})
    if line_manager is not None and line_manager.organisation_id != move.receiving_id:
        raise ValidationError({"line_manager": "Choose a line manager in the receiving "
                                               "organisation."})
    before = {"organisation": person.organisation_id, "staff_number": person.staff_number,
              "line_manager": person.line_manager_id, "unit": person.unit_id}
    person.organisation_id = move.receiving_id
    person.staff_number = number
    person.line_manager = line_manager
    person.unit = None
    _save(actor, person)
    # Their reports stay in the releasing organisation without a manager from outside it.
    for report in Person.objects.filter(line_manager=person):
        report.line_manager = None
        _save(actor, report, update_fields=["line_manager"])
    move.state = MoveRequest.State.COMPLETED
    move.completed_at = timezone.now()
    _save(actor, move)
    _audit(actor, person, f"Person {number} moved to {move.receiving.abbreviation}",
           before=before, move=move.pk)
    _audit(actor, move, f"Move {move.pk} completed")
    vacancy = move.vacancy
    if vacancy is not None and vacancy.state in (Vacancy.State.OPEN, Vacancy.State.CLOSED):
        vacancy.state = Vacancy.State.FILLED
        vacancy.filled_by = person
        _save(actor, vacancy)
        _audit(actor, vacancy, f"Vacancy '{vacancy.title}' filled by move {move.pk}",
               person=person.pk)
    return move


@transaction.atomic
def cancel_move(*, actor: Any, move: MoveRequest, reason: str) -> MoveRequest:
    if not _may_act_on_move(actor, move):
        raise PermissionDenied("Only the two organisations or the central team can cancel.")
    if move.state not in ACTIVE_MOVE_STATES:
        raise _move_state_error(move, "be cancelled")
    if not (reason or "").strip():
        raise ValidationError({"reason": "Give the reason for cancelling."})
    move.state = MoveRequest.State.CANCELLED
    move.cancelled_at = timezone.now()
    move.cancel_reason = reason.strip()
    _save(actor, move)
    _audit(actor, move, f"Move {move.pk} cancelled", reason=reason.strip())
    return move


def record_match_export(*, actor: Any, vacancy: Vacancy, rows: int, fmt: str) -> None:
    """Audit an export of a vacancy's named matches."""
    record_event(actor=actor, action=AuditEvent.Action.EXPORT, target=vacancy,
                 summary=f"Matches for vacancy '{vacancy.title}' exported ({rows} rows, {fmt})",
                 data={"rows": rows, "format": fmt})
