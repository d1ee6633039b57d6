"""Writes for vacancies: drafting, editing (locked, only what changed, If-Match), the
vacancy workflow and audited exports of a vacancy's matches.

``transition_vacancy`` is the one way a vacancy changes state; pages, API and commands
call it with the action the user chose.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Sequence
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.audit.exports import export_document, export_table
from cadre.core.actor import Actor
from cadre.core.downloads import download_name
from cadre.core.exports import ExportFile, check_format
from cadre.core.inputs import REASON_TEXT, check_text
from cadre.core.updates import apply_changes, lock_row
from cadre.core.versions import check_version
from cadre.core.workflow import TransitionConflict, run_transition
from cadre.framework.models import RoleLevel, Skill, SkillLevel
from cadre.mobility import selectors
from cadre.mobility.models import MobilityPolicy, SecurityClearance, Vacancy, VacancySkill
from cadre.mobility.services.authorisation import audit, manages, require_manager, save
from cadre.mobility.services.notices import alert_matches_on_commit
from cadre.mobility.services.preferences import current_policy
from cadre.organisations.models import Grade, Location, Organisation
from cadre.people.models import Person

VACANCY_FIELDS = ("title", "description", "grade", "hybrid", "security_clearance",
                  "closing_date")
EDITABLE_STATES = (Vacancy.State.DRAFT, Vacancy.State.OPEN)

#: The steps of the vacancy workflow, as pages, API and commands name them, and the
#: ``Vacancy`` transition each one makes.
VacancyAction = Literal["open", "close", "withdraw", "fill", "external"]
VACANCY_TRANSITIONS: dict[str, str] = {"open": "open", "close": "close",
                                       "withdraw": "withdraw", "fill": "fill",
                                       "external": "go_external"}
VACANCY_ACTIONS: tuple[str, ...] = tuple(VACANCY_TRANSITIONS)

SkillRow = tuple[Skill, SkillLevel, bool]


def _validate_vacancy(vacancy: Vacancy) -> None:
    errors: dict[str, str] = {}
    if not (vacancy.title or "").strip():
        errors["title"] = "Enter a title."
    if vacancy.security_clearance not in SecurityClearance.values:
        errors["security_clearance"] = "Choose a security clearance from the list."
    if vacancy.closing_date is None:
        errors["closing_date"] = "Enter a closing date."
    elif vacancy.state in EDITABLE_STATES and vacancy.closing_date < timezone.localdate():
        errors["closing_date"] = "The closing date must be today or later."
    if errors:
        raise ValidationError(errors)


def _check_skills(framework_id: int, skills: Sequence[SkillRow]) -> None:
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


def _skill_key(rows: Sequence[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    return sorted((int(s), int(lv), bool(e)) for s, lv, e in rows)


def _write_skills(actor: Actor, vacancy: Vacancy, skills: Sequence[SkillRow]) -> None:
    vacancy.skills.all().delete()
    for skill, level, essential in skills:
        save(actor, VacancySkill(vacancy=vacancy, skill=skill, level=level,
                                 essential=bool(essential)))


@transaction.atomic
def create_vacancy(*, actor: Actor | Any, organisation: Organisation, title: str,
                   role_level: RoleLevel, grade: Grade, closing_date: dt.date,
                   locations: Sequence[Location] = (), hybrid: bool = True,
                   security_clearance: str = SecurityClearance.BPSS, description: str = "",
                   skills: Sequence[SkillRow] | None = None) -> Vacancy:
    """Draft a vacancy; the role level's required skills become its essential skills unless
    ``skills`` ((skill, level, essential) rows) are given."""
    actor = Actor.coerce(actor)
    require_manager(actor, organisation.pk, "draft vacancies for it")
    vacancy = Vacancy(organisation=organisation, title=title.strip(), role_level=role_level,
                      grade=grade, closing_date=closing_date, hybrid=hybrid,
                      security_clearance=security_clearance, description=description,
                      created_by=actor.user)
    _validate_vacancy(vacancy)
    if skills is not None:
        _check_skills(role_level.framework_id, skills)
    save(actor, vacancy)
    vacancy.locations.set(list(locations))
    if skills is None:
        skills = [(r.skill, r.level, True)
                  for r in role_level.requirements.select_related("skill", "level")]
    _write_skills(actor, vacancy, skills)
    audit(actor, vacancy, f"Vacancy '{vacancy.title}' drafted for {organisation.abbreviation}",
          created=True, role_level=role_level.pk, grade=grade.pk,
          skills=[[s.pk, lv.ordinal, bool(e)] for s, lv, e in skills])
    return vacancy


@transaction.atomic
def update_vacancy(*, actor: Actor | Any, vacancy: Vacancy,
                   locations: Sequence[Location] | None = None,
                   skills: Sequence[SkillRow] | None = None,
                   if_match: Collection[str] | None = None, **values: Any) -> Vacancy:
    """Change a draft or open vacancy's details, locations and/or skills.

    The row is locked and read again, so concurrent edits of different fields all survive;
    only what really changed is written, with one history row and one audit event.
    ``if_match`` (versions from ``core.versions``) refuses the edit with ``StaleVersion``
    when the vacancy changed since the caller read it. Returns the vacancy as saved.
    """
    actor = Actor.coerce(actor)
    unknown = set(values) - set(VACANCY_FIELDS)
    if unknown:
        raise ValidationError({f: "This field cannot be changed." for f in sorted(unknown)})
    locked = lock_row(vacancy)
    require_manager(actor, locked.organisation_id, "change its vacancies")
    check_version(locked, if_match)
    if locked.state not in EDITABLE_STATES:
        raise ValidationError({"state": f"A {locked.get_state_display().lower()} vacancy "
                                        "cannot be changed."})
    if "title" in values and isinstance(values["title"], str):
        values["title"] = values["title"].strip()
    changed = apply_changes(locked, values)
    if changed:
        _validate_vacancy(locked)
    report: dict[str, Any] = {name: {"before": str(b), "after": str(a)}
                              for name, (b, a) in sorted(changed.items())}
    if locations is not None:
        before = sorted(locked.locations.values_list("pk", flat=True))
        after = sorted({loc.pk for loc in locations})
        if before != after:
            locked._history_user = actor.user
            locked.locations.set(after)
            report["locations"] = {"before": before, "after": after}
    if skills is not None:
        _check_skills(locked.role_level.framework_id, skills)
        before_skills = _skill_key(locked.skills.values_list("skill_id", "level_id",
                                                             "essential"))
        after_skills = _skill_key([(s.pk, lv.pk, e) for s, lv, e in skills])
        if before_skills != after_skills:
            _write_skills(actor, locked, skills)
            report["skills"] = {"before": before_skills, "after": after_skills}
    if not report:
        return locked
    save(actor, locked, update_fields=sorted({*changed, "updated_at"}))
    audit(actor, locked, f"Vacancy '{locked.title}' changed", changes=report)
    return locked


def set_vacancy_skills(*, actor: Actor | Any, vacancy: Vacancy,
                       skills: Sequence[SkillRow]) -> Vacancy:
    """Replace the vacancy's skills: (skill, level, essential) each, one row per skill."""
    return update_vacancy(actor=actor, vacancy=vacancy, skills=skills)


def external_allowed_on(vacancy: Vacancy,
                        policy: MobilityPolicy | None = None) -> dt.date | None:
    """The first day the organisation may decide to recruit outside government (pass the
    ``policy`` when asking for many vacancies, to read it once)."""
    return vacancy.external_allowed_on((policy or current_policy()).internal_days)


def transition_vacancy(*, actor: Actor | Any, vacancy_id: int, action: VacancyAction | str,
                       reason: str = "", person: Person | None = None,
                       today: dt.date | None = None) -> Vacancy:
    """The vacancy workflow: the only way a vacancy changes state.

    - ``open``: post a draft (or reopen a closed) vacancy; it needs an essential skill and
      a closing date not yet past;
    - ``close``, ``withdraw``;
    - ``fill`` (with ``person``): record who filled an open or closed vacancy;
    - ``external`` (with ``reason``): record the decision to recruit outside government,
      once the vacancy has been open inside government for the policy's days.

    The hiring organisation's heads of profession and the central team may (and the
    command line). A step no longer possible raises ``TransitionConflict`` (HTTP 409).
    """
    actor = Actor.coerce(actor)
    if action not in VACANCY_TRANSITIONS:
        raise ValidationError({"action": f"Choose one of: {', '.join(VACANCY_ACTIONS)}."})
    reason = check_text((reason or "").strip(), field="reason", max_length=REASON_TEXT)
    arguments: dict[str, Any] = {}
    work = None
    if action == "fill":
        if person is None:
            raise ValidationError({"person": "Choose the person who filled the vacancy."})
        arguments = {"person": person}
    elif action == "external":
        if not reason:
            raise ValidationError({"reason": "Give the reason for recruiting outside "
                                             "government."})
        arguments = {"by": actor.user, "reason": reason}
        day = today or timezone.localdate()

        def work(vacancy: Vacancy) -> None:
            if vacancy.external_decided_at is not None:
                raise TransitionConflict(
                    instance=vacancy, transition="external", current_state=vacancy.state,
                    message="The decision to go external is already recorded.")
            policy = current_policy()
            allowed = vacancy.external_allowed_on(policy.internal_days)
            if allowed is None or day < allowed:
                raise ValidationError({"state": f"The vacancy must be open inside government "
                                                f"for {policy.internal_days} days first: "
                                                f"external recruitment is allowed from "
                                                f"{allowed}."})

    def authorise(who: Actor, vacancy: Vacancy) -> bool:
        require_manager(who, vacancy.organisation_id, "manage its vacancies")
        return True

    transition = VACANCY_TRANSITIONS[action]
    with transaction.atomic():
        vacancy = run_transition(
            model=Vacancy, pk=vacancy_id, transition=transition, actor=actor,
            authorise=authorise, reason=reason, arguments=arguments, work=work,
            data={"person": person.pk} if person is not None else None,
            summary=f"Vacancy {vacancy_id}: {action}",
        )
        if action == "open":  # tell the opted-in people it fits, in the background
            alert_matches_on_commit(vacancy.pk)
    return vacancy


def _refreshed(vacancy: Vacancy, _saved: Vacancy) -> Vacancy:
    """The caller's copy, read again after the transition."""
    vacancy.refresh_from_db()
    return vacancy


def open_vacancy(*, actor: Actor | Any, vacancy: Vacancy) -> Vacancy:
    """``transition_vacancy(action="open")`` for a vacancy in hand (scripts, demo, tests)."""
    return _refreshed(vacancy, transition_vacancy(actor=actor, vacancy_id=vacancy.pk,
                                                  action="open"))


def close_vacancy(*, actor: Actor | Any, vacancy: Vacancy) -> Vacancy:
    return _refreshed(vacancy, transition_vacancy(actor=actor, vacancy_id=vacancy.pk,
                                                  action="close"))


def withdraw_vacancy(*, actor: Actor | Any, vacancy: Vacancy) -> Vacancy:
    return _refreshed(vacancy, transition_vacancy(actor=actor, vacancy_id=vacancy.pk,
                                                  action="withdraw"))


def fill_vacancy(*, actor: Actor | Any, vacancy: Vacancy, person: Person | None) -> Vacancy:
    return _refreshed(vacancy, transition_vacancy(actor=actor, vacancy_id=vacancy.pk,
                                                  action="fill", person=person))


def decide_external(*, actor: Actor | Any, vacancy: Vacancy, reason: str,
                    today: dt.date | None = None) -> Vacancy:
    return _refreshed(vacancy, transition_vacancy(actor=actor, vacancy_id=vacancy.pk,
                                                  action="external", reason=reason,
                                                  today=today))


# --- Matches -------------------------------------------------------------------------------

MATCH_EXPORT_FORMATS = ("csv", "xlsx", "ods", "json")


def export_matches(*, actor: Actor | Any, vacancy: Vacancy, limit: int, fmt: str,
                   document: Callable[[selectors.MatchResult], Any] | None = None
                   ) -> ExportFile:
    """The ranked matches of a vacancy as CSV, XLSX or JSON, recorded as one export event.

    The same for the page, the API and the command line. JSON is ``document`` when given
    (the API's richer shape), else ``{"vacancy", "ranked", "results": [flat rows]}``.
    Only the hiring organisation's managers (and the command line) may export.
    """
    actor = Actor.coerce(actor)
    check_format(fmt, MATCH_EXPORT_FORMATS)
    if not manages(actor, vacancy.organisation_id):
        raise PermissionDenied("Only the hiring organisation can see its matches.")
    result = selectors.match(vacancy, limit=limit)
    what, summary = "vacancy-matches", f"Matches for vacancy '{vacancy.title}' exported"
    extra = {"vacancy": vacancy.pk, "limit": limit}
    filename = download_name("matches", vacancy.title)
    if fmt == "json" and document is not None:  # the API's shape: no flat rows needed
        body = document(result)
        # Compact, through the C encoder: an indented dump of 1,000 explained rows took
        # longer than the ranking (ADR 27).
        content = json.dumps(body, ensure_ascii=False, default=str, separators=(",", ":"))
        return export_document(actor=actor, what=what, document=body, rows=len(result.rows),
                               summary=summary, filename=filename, target=vacancy,
                               extra=extra, content=content)
    rows = selectors.match_table(result)
    if fmt == "json":
        body = {"vacancy": vacancy.pk, "ranked": result.ranked, "results": rows}
        content = json.dumps(body, ensure_ascii=False, default=str, separators=(",", ":"))
        return export_document(actor=actor, what=what, document=body, rows=len(rows),
                               summary=summary, filename=filename, target=vacancy,
                               extra=extra, content=content)
    return export_table(actor=actor, what=what, columns=selectors.MATCH_COLUMNS, rows=rows,
                        fmt=fmt, summary=summary, filename=filename, sheet_title="Matches",
                        target=vacancy, extra=extra)
