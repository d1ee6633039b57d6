"""Writes to rounds and applications (issue 16 point 2).

Rounds: the scheme runners create one and move it with ``transition_round`` (allocate,
reopen, close), which locks the row. Applications: the applicant starts one against the
level's current criteria, writes a statement per criterion, links their own evidence and
names a supporter (not themselves, someone with an account), who confirms or declines;
then submits (eligibility checked first, refused naming what is missing), withdraws, or
reopens a withdrawn one to resubmit. Every state change goes through
``services.workflow.transition_application``; edits lock the application row and are
allowed only while it is a draft.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.accreditation.models import (
    MAX_STATEMENT,
    AccreditationRound,
    Application,
    Criterion,
    CriterionKind,
    EvidenceLink,
    Scheme,
    SchemeLevel,
    Statement,
)
from cadre.accreditation.selectors import applications as sel
from cadre.accreditation.selectors.common import person_id_of
from cadre.accreditation.selectors.standards import current_criteria, eligibility
from cadre.accreditation.services.common import require_scheme_runner, saved
from cadre.accreditation.services.workflow import may_take, transition_application
from cadre.assessments.models import EvidenceFile, SkillAssessment
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.core.inputs import REASON_TEXT, check_text
from cadre.core.workflow import run_transition
from cadre.people.models import Person

#: Limits shared by every channel (docs/limits.md).
MAX_ROUND_NAME = 200
MAX_EVIDENCE_TYPE = 100
MAX_SUPPORTER_COMMENT = REASON_TEXT
ROUND_ACTIONS = ("allocate", "reopen", "close")
#: The steps an applicant takes from the application page, API and command line.
APPLICANT_STEPS = ("submit", "withdraw", "reopen")

NOT_YOURS = "Only the applicant can change their application."
NOT_DRAFT = "The application can be changed only while it is a draft; reopen it first."


# Rounds


@transaction.atomic
def create_round(*, actor: Actor | Any, scheme: Scheme | None, name: str,
                 opens_on: dt.date | None, closes_on: dt.date | None) -> AccreditationRound:
    """A round of a scheme, open for applications from ``opens_on`` to ``closes_on``."""
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    if scheme is None:
        raise ValidationError({"scheme": "Choose the scheme."})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter the round's name."})
    name = check_text(name, field="name", max_length=MAX_ROUND_NAME)
    if opens_on is None:
        raise ValidationError({"opens_on": "Enter the date the round opens."})
    if closes_on is None:
        raise ValidationError({"closes_on": "Enter the date the round closes."})
    if closes_on < opens_on:
        raise ValidationError({"closes_on": "The round must close on or after it opens."})
    if AccreditationRound.objects.filter(scheme=scheme, name__iexact=name).exists():
        raise ValidationError({"name": f"{scheme} already has a round called {name}."})
    round_ = saved(AccreditationRound(scheme=scheme, name=name, opens_on=opens_on,
                                      closes_on=closes_on), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=round_,
                 summary=f"Accreditation round {round_} created",
                 data={"opens_on": str(opens_on), "closes_on": str(closes_on)})
    return round_


def transition_round(*, actor: Actor | Any, round_id: int, action: str, reason: str = "",
                     work: Callable[[AccreditationRound], None] | None = None
                     ) -> AccreditationRound:
    """The round's one state-changing service (scheme runners only): ``allocate`` (called by
    the allocation service, whose ``work`` writes the allocations under the lock),
    ``reopen`` (back to open) or ``close``. A lost race is ``TransitionConflict`` (409)."""
    actor = Actor.coerce(actor)
    if action not in ROUND_ACTIONS:
        raise ValidationError({"action": f"Choose one of: {', '.join(ROUND_ACTIONS)}."})
    if action == "allocate" and work is None:
        # Only the allocation service allocates: marking a round allocated by hand would
        # leave its applications with no assessors.
        raise ValidationError({"action": "Allocate the round's assessors through its "
                                         "allocation page or endpoint, not by this step."})
    reason = check_text((reason or "").strip(), field="reason", max_length=REASON_TEXT)

    def authorise(who: Actor, round_: AccreditationRound) -> bool:
        require_scheme_runner(who)
        return True

    return run_transition(model=AccreditationRound, pk=round_id, transition=action,
                          actor=actor, authorise=authorise, reason=reason, work=work,
                          summary=f"Accreditation round {round_id}: {action}")


# Applications


@transaction.atomic
def start_application(*, actor: Actor | Any, level: SchemeLevel | None,
                      person: Person | None = None,
                      round_: AccreditationRound | None = None) -> Application:
    """A draft application by ``person`` (the actor's own person unless the command line
    starts it) for ``level``, against the level's current published criteria."""
    actor = Actor.coerce(actor)
    if level is None:
        raise ValidationError({"level": "Choose the level to apply for."})
    if person is None:
        me = person_id_of(actor.user) if actor.is_user else None
        if me is None:
            raise ValidationError({"person": "Only a person with a record can apply."})
        person = Person.objects.get(pk=me)
    elif not actor.trusted and person.pk != person_id_of(actor.user):
        raise PermissionDenied("You can apply only for yourself.")
    criteria = current_criteria(level)
    if criteria is None:
        raise ValidationError({"level": f"{level} has no published criteria yet."})
    if Application.objects.filter(person=person, level=level,
                                  state__in=sel.ACTIVE_STATES).exists():
        raise ValidationError({"level": f"{person} already has an application for {level} "
                                        "in progress."})
    if round_ is not None and (round_.scheme_id != level.scheme_id
                               or round_.state != AccreditationRound.State.OPEN):
        raise ValidationError({"round": f"{round_} is not open for {level.scheme}."})
    application = saved(Application(person=person, level=level, criteria=criteria,
                                    round=round_), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=application,
                 summary=f"Accreditation application by {person.staff_number} for {level}",
                 data={"criteria_version": criteria.pk})
    return application


def _locked_draft(actor: Actor, application_id: int) -> Application:
    """The application, locked, when the actor is its applicant (or trusted) and it is a
    draft."""
    application = Application.objects.select_for_update().filter(pk=application_id).first()
    if application is None:
        raise Application.DoesNotExist(f"No application {application_id}.")
    if not actor.trusted and application.person_id != person_id_of(actor.user):
        raise PermissionDenied(NOT_YOURS)
    if application.state != Application.State.DRAFT:
        raise ValidationError({"application": NOT_DRAFT})
    return application


def _criterion_of(application: Application, criterion: Criterion | int,
                  field: str = "criterion") -> Criterion:
    pk = criterion.pk if isinstance(criterion, Criterion) else criterion
    found = Criterion.objects.filter(pk=pk, version_id=application.criteria_id).first()
    if found is None:
        raise ValidationError({field: "That criterion is not one of this application's."})
    return found


@transaction.atomic
def save_statements(*, actor: Actor | Any, application: Application,
                    texts: Mapping[Criterion | int, str]) -> int:
    """Write the applicant's statements, one per criterion (blank removes one). Returns how
    many changed."""
    actor = Actor.coerce(actor)
    application = _locked_draft(actor, application.pk)
    changed = 0
    for key, raw in texts.items():
        criterion = _criterion_of(application, key)
        field = f"criterion_{criterion.pk}"
        text = check_text((raw or "").strip(), field=field, max_length=MAX_STATEMENT)
        existing = Statement.objects.filter(application=application,
                                            criterion=criterion).first()
        if not text:
            if existing is not None:
                existing.delete()
                changed += 1
            continue
        if existing is not None and existing.text == text:
            continue
        statement = existing or Statement(application=application, criterion=criterion)
        statement.text = text
        saved(statement, actor)
        changed += 1
    if changed:
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=application,
                     summary=f"Statements of accreditation application {application.pk} "
                             "changed", data={"changed": changed})
    return changed


@transaction.atomic
def add_evidence(*, actor: Actor | Any, application: Application,
                 criterion: Criterion | int | None = None,
                 evidence_file: EvidenceFile | None = None,
                 skill_assessment: SkillAssessment | None = None,
                 evidence_type: str = "", note: str = "") -> EvidenceLink:
    """Link one of the applicant's own evidence files or skill assessments (exactly one),
    to a criterion or to the application as a whole."""
    actor = Actor.coerce(actor)
    application = _locked_draft(actor, application.pk)
    if (evidence_file is None) == (skill_assessment is None):
        raise ValidationError({"evidence": "Choose one evidence file or one assessment."})
    found = None if criterion is None else _criterion_of(application, criterion)
    if evidence_file is not None and not sel.linkable_evidence_files(application).filter(
            pk=evidence_file.pk).exists():
        raise ValidationError({"evidence_file": "Link only evidence files from your own "
                                                "assessments."})
    if skill_assessment is not None and not sel.linkable_assessments(application).filter(
            pk=skill_assessment.pk).exists():
        raise ValidationError({"skill_assessment": "Link only your own assessments."})
    duplicate = application.evidence.filter(criterion=found, evidence_file=evidence_file,
                                            skill_assessment=skill_assessment)
    if duplicate.exists():
        raise ValidationError({"evidence": "That evidence is already linked there."})
    evidence_type = check_text((evidence_type or "").strip(), field="evidence_type",
                               max_length=MAX_EVIDENCE_TYPE)
    if not evidence_type and found is not None and found.kind == CriterionKind.EVIDENCE:
        # Evidence criteria count linked items by type: linked to one, it is of its type.
        evidence_type = found.evidence_type
    link = EvidenceLink.objects.create(
        application=application, criterion=found, evidence_file=evidence_file,
        skill_assessment=skill_assessment, evidence_type=evidence_type,
        note=check_text((note or "").strip(), field="note", max_length=REASON_TEXT),
        added_by=actor.user)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=link,
                 summary=f"Evidence linked to accreditation application {application.pk}",
                 data={"criterion": found.pk if found else None,
                       "evidence_file": evidence_file.pk if evidence_file else None,
                       "skill_assessment": skill_assessment.pk if skill_assessment else None})
    return link


@transaction.atomic
def remove_evidence(*, actor: Actor | Any, link: EvidenceLink) -> None:
    actor = Actor.coerce(actor)
    application = _locked_draft(actor, link.application_id)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_DELETED, target=application,
                 summary=f"Evidence removed from accreditation application {application.pk}",
                 data={"link": link.pk})
    link.delete()


@transaction.atomic
def name_supporter(*, actor: Actor | Any, application: Application,
                   supporter: Person | None) -> Application:
    """Name (or change) the supporter; any earlier confirmation no longer counts."""
    actor = Actor.coerce(actor)
    application = _locked_draft(actor, application.pk)
    if supporter is None:
        raise ValidationError({"supporter": "Choose your supporter."})
    if supporter.pk == application.person_id:
        raise ValidationError({"supporter": "Your supporter must be someone else."})
    if supporter.account_id is None:
        raise ValidationError({"supporter": f"{supporter} has no account, so cannot "
                                            "confirm; choose someone who has one."})
    application.supporter = supporter
    application.supporter_confirmed_at = None
    application.supporter_comment = ""
    saved(application, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=application,
                 summary=f"Supporter {supporter.staff_number} named on accreditation "
                         f"application {application.pk}", data={"supporter": supporter.pk})
    return application


@transaction.atomic
def respond_as_supporter(*, actor: Actor | Any, application_id: int, confirm: bool,
                         comment: str = "") -> Application:
    """The named supporter confirms the statements (comment optional) or declines (with a
    reason, which the applicant sees; they then name someone else)."""
    actor = Actor.coerce(actor)
    application = Application.objects.select_for_update().filter(pk=application_id).first()
    if application is None:
        raise Application.DoesNotExist(f"No application {application_id}.")
    if application.supporter_id is None or (
            not actor.trusted and application.supporter_id != person_id_of(actor.user)):
        raise PermissionDenied("Only the named supporter can answer.")
    if application.state != Application.State.DRAFT:
        raise ValidationError({"application": "The application is no longer waiting for "
                                              "its supporter."})
    comment = check_text((comment or "").strip(), field="comment",
                         max_length=MAX_SUPPORTER_COMMENT)
    supporter = application.supporter
    if confirm:
        application.supporter_confirmed_at = timezone.now()
        application.supporter_comment = comment
    else:
        if not comment:
            raise ValidationError({"comment": "Say why you cannot support the application."})
        application.supporter = None
        application.supporter_confirmed_at = None
        application.supporter_comment = comment
    saved(application, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=application,
                 summary=f"Supporter {supporter.staff_number} "
                         f"{'confirmed' if confirm else 'declined'} accreditation application "
                         f"{application.pk}", data={"confirmed": confirm})
    return application


def submission_problems(application: Application) -> list[str]:
    """What stops the application being submitted now, in words (empty: nothing).

    Statements for every criterion, a supporter who confirmed, an open round of the scheme,
    and every criterion the framework can check met from the person's agreed or validated
    assessments, evidence criteria counting the evidence linked to the application by type
    (``selectors.standards.eligibility``).
    """
    problems: list[str] = []
    criteria = list(application.criteria.criteria.order_by("position", "id"))
    written = {s.criterion_id for s in application.statements.all() if s.text.strip()}
    missing = [c for c in criteria if c.pk not in written]
    if missing:
        problems.append("Write a statement for criteria "
                        + ", ".join(str(c.position) for c in missing) + ".")
    if application.supporter_id is None:
        problems.append("Name a supporter.")
    elif application.supporter_confirmed_at is None:
        problems.append(f"Wait for {application.supporter} to confirm as your supporter.")
    round_ = application.round
    if round_ is not None and round_.state != AccreditationRound.State.OPEN:
        problems.append(f"The round {round_.name} is no longer open; withdraw and start "
                        "again in an open round.")
    elif round_ is None and sel.open_round_for(application.level.scheme_id) is None:
        problems.append(f"No round of {application.level.scheme} is taking applications "
                        "today.")
    result = eligibility(application.person, application.level, application=application)
    for item in result.results:
        if item.met is False:
            problems.append(f"Criterion {item.criterion.position}: {item.detail}")
    return problems


def transition(*, actor: Actor | Any, application_id: int, action: str,
               reason: str = "") -> Application:
    """The applicant's steps: ``submit`` (refused, naming what is missing, unless
    ``submission_problems`` is empty under the lock; the application joins the scheme's
    open round), ``withdraw`` and ``reopen``. Other steps belong to the other areas."""
    if action not in APPLICANT_STEPS:
        raise ValidationError({"action": f"Choose one of: {', '.join(APPLICANT_STEPS)}."})
    actor = Actor.coerce(actor)
    if action == "submit":
        # The workflow refuses an unconfirmed supporter with a bare message; say it all
        # first (a draft only: any other state is the workflow's 409).
        current = Application.objects.filter(pk=application_id).first()
        if current is not None and current.state == Application.State.DRAFT \
                and not current.supporter_confirmed():
            if not may_take(actor, current, "submit"):
                raise PermissionDenied("You cannot take this step on this application.")
            raise ValidationError({"application": submission_problems(current)})

    def work(application: Application) -> None:
        if action != "submit":
            return
        problems = submission_problems(application)
        if problems:
            raise ValidationError({"application": problems})
        if application.round_id is None:
            application.round = sel.open_round_for(application.level.scheme_id)

    return transition_application(actor=actor, application_id=application_id, action=action,
                                  reason=reason, work=work)
