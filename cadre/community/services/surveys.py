"""Writes for perception surveys (issue 18 point 5): surveys and their items, the one
transition service (draft -> open -> closed), and anonymous responses.

Survey organisers (the central team and administrators, and the command line) write
surveys; anyone with a person record answers an open survey once. ``respond`` copies the
organisation, role family and grade band from the person record into the response and
keeps nothing that leads back to the person: the participation record (survey, person)
and the response are written in one transaction and nothing joins them. The audit event
says that the account took part in the survey, never which response is theirs.

Limits (docs/limits.md, ``community.models.surveys``): title up to 200 characters,
description up to 2,000, item text up to 300, at most 40 items, free-text answers up to
2,000 characters, every statement answered with a whole number from 1 to 5.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Collection
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadre.access.rules import SURVEY_ORGANISERS
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.community.models import (
    MAX_SURVEY_DESCRIPTION,
    MAX_SURVEY_ITEM_TEXT,
    MAX_SURVEY_ITEMS,
    MAX_SURVEY_TEXT_ANSWER,
    MAX_SURVEY_TITLE,
    GradeBand,
    ItemKind,
    Survey,
    SurveyItem,
    SurveyParticipation,
    SurveyResponse,
    SurveyState,
)
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import check_text, invalid
from cadre.core.versions import check_version
from cadre.core.workflow import TransitionConflict, run_transition

ORGANISERS_ONLY = "Only the central profession team and administrators run surveys."


class AlreadyResponded(TransitionConflict):
    """The person has answered this survey already (HTTP 409)."""

    def __init__(self, survey: Survey) -> None:
        super().__init__(instance=survey, transition="respond", current_state=survey.state,
                         message="You have already answered this survey. Each person "
                                 "answers once, and answers cannot be changed.")


def may_organise(actor: Actor) -> bool:
    return actor.trusted or (actor.is_user and SURVEY_ORGANISERS.allows(actor.user))


def _require_organiser(actor: Actor) -> None:
    if not may_organise(actor):
        raise PermissionDenied(ORGANISERS_ONLY)


def _text(value: Any, *, field: str, max_length: int, required: bool) -> str:
    text = str(value if value is not None else "").strip()
    if required and not text:
        raise invalid(field, "Enter this.")
    return check_text(text, field=field, max_length=max_length)


def _dates(opens_on: dt.date | None, closes_on: dt.date | None) -> None:
    if opens_on and closes_on and closes_on < opens_on:
        raise invalid("closes_on", "The closing date must be on or after the opening date.")


@transaction.atomic
def create_survey(*, actor: Actor | Any, title: str, description: str = "",
                  baseline: Survey | int | None = None, opens_on: dt.date | None = None,
                  closes_on: dt.date | None = None) -> Survey:
    """A draft survey. A repeat names its baseline (a baseline survey, not a repeat) and
    starts with a copy of the baseline's statements, each linked to the one it repeats."""
    who = Actor.coerce(actor)
    _require_organiser(who)
    title = _text(title, field="title", max_length=MAX_SURVEY_TITLE, required=True)
    description = _text(description, field="description", max_length=MAX_SURVEY_DESCRIPTION,
                        required=False)
    _dates(opens_on, closes_on)
    base = None
    if baseline is not None:
        base = (baseline if isinstance(baseline, Survey)
                else Survey.objects.filter(pk=baseline).first())
        if base is None:
            raise invalid("baseline", f"No survey {baseline}.")
        if base.baseline_id is not None:
            raise invalid("baseline", "Name the baseline survey itself, not one of its repeats.")
    survey = Survey(title=title, description=description, baseline=base, opens_on=opens_on,
                    closes_on=closes_on, created_by=who.user)
    survey._history_user = history_user(who)  # type: ignore[attr-defined]
    survey.save()
    if base is not None:
        for item in base.items.filter(kind=ItemKind.STATEMENT).order_by("position"):
            SurveyItem.objects.create(survey=survey, position=item.position,
                                      kind=item.kind, text=item.text, baseline_item=item)
    record_event(actor=who, action=AuditEvent.Action.RECORD_CREATED, target=survey,
                 summary=f"Survey {survey.pk} '{title[:100]}' created",
                 data={"baseline": getattr(base, "pk", None)})
    return survey


def _locked_draft(survey_id: int) -> Survey:
    survey = Survey.objects.select_for_update().filter(pk=survey_id).first()
    if survey is None:
        raise Survey.DoesNotExist(f"No survey {survey_id}.")
    if survey.state != SurveyState.DRAFT:
        raise TransitionConflict(
            instance=survey, transition="change", current_state=survey.state,
            message=f"This survey is now '{survey.get_state_display()}'; its statements and "
                    "questions can only change while it is a draft.")
    return survey


@transaction.atomic
def update_survey(*, actor: Actor | Any, survey_id: int, title: str, description: str = "",
                  opens_on: dt.date | None = None, closes_on: dt.date | None = None,
                  if_match: Collection[str] | None = None) -> Survey:
    """Change a survey's title, description and dates (any state but closed). ``if_match``:
    the versions the client read (API ``If-Match``); a stale one is ``StaleVersion``."""
    who = Actor.coerce(actor)
    _require_organiser(who)
    survey = Survey.objects.select_for_update().filter(pk=survey_id).first()
    if survey is None:
        raise Survey.DoesNotExist(f"No survey {survey_id}.")
    check_version(survey, if_match)
    if (title, description, opens_on, closes_on) == (survey.title, survey.description,
                                                      survey.opens_on, survey.closes_on):
        return survey  # nothing to change (allowed in any state)
    if survey.state == SurveyState.CLOSED:
        raise TransitionConflict(instance=survey, transition="change",
                                 current_state=survey.state,
                                 message="This survey is closed and can no longer change.")
    survey.title = _text(title, field="title", max_length=MAX_SURVEY_TITLE, required=True)
    survey.description = _text(description, field="description",
                               max_length=MAX_SURVEY_DESCRIPTION, required=False)
    _dates(opens_on, closes_on)
    survey.opens_on, survey.closes_on = opens_on, closes_on
    survey._history_user = history_user(who)  # type: ignore[attr-defined]
    survey.save(update_fields=["title", "description", "opens_on", "closes_on"])
    record_event(actor=who, action=AuditEvent.Action.RECORD_UPDATED, target=survey,
                 summary=f"Survey {survey.pk} changed", data={})
    return survey


@transaction.atomic
def add_item(*, actor: Actor | Any, survey_id: int, kind: str, text: str) -> SurveyItem:
    """Add a statement or free-text question at the end of a draft survey."""
    who = Actor.coerce(actor)
    _require_organiser(who)
    survey = _locked_draft(survey_id)
    if kind not in ItemKind.values:
        raise invalid("kind", "Choose a statement or a question answered in words.")
    text = _text(text, field="text", max_length=MAX_SURVEY_ITEM_TEXT, required=True)
    items = list(survey.items.order_by("position"))
    if len(items) >= MAX_SURVEY_ITEMS:
        raise invalid("text", f"A survey has at most {MAX_SURVEY_ITEMS} items.")
    if any(item.text.casefold() == text.casefold() for item in items):
        raise invalid("text", "The survey already has this item.")
    item = SurveyItem.objects.create(survey=survey, kind=kind, text=text,
                                     position=(items[-1].position + 1) if items else 1)
    record_event(actor=who, action=AuditEvent.Action.RECORD_UPDATED, target=survey,
                 summary=f"Survey {survey.pk}: item added", data={"item": item.pk})
    return item


@transaction.atomic
def remove_item(*, actor: Actor | Any, survey_id: int, item_id: int) -> None:
    """Remove an item from a draft survey."""
    who = Actor.coerce(actor)
    _require_organiser(who)
    survey = _locked_draft(survey_id)
    item = survey.items.filter(pk=item_id).first()
    if item is None:
        raise invalid("item", f"Survey {survey.pk} has no item {item_id}.")
    item.delete()
    record_event(actor=who, action=AuditEvent.Action.RECORD_UPDATED, target=survey,
                 summary=f"Survey {survey.pk}: item removed", data={"item": item_id})


def _authorise(actor: Actor, survey: Survey) -> bool:
    return may_organise(actor)


def open_survey(*, actor: Actor | Any, survey_id: int, reason: str = "") -> Survey:
    """Draft to open; the opening date becomes today if not set (or set in the future)."""

    def work(survey: Survey) -> None:
        today = timezone.localdate()
        if survey.opens_on is None or survey.opens_on > today:
            survey.opens_on = today
        if survey.closes_on is not None and survey.closes_on < today:
            raise invalid("closes_on", "The closing date has passed; change it first.")

    return run_transition(model=Survey, pk=survey_id, transition="open", actor=actor,
                          authorise=_authorise, reason=reason, work=work)


def _rewrite_responses(survey: Survey) -> None:
    """Write the survey's responses again, in a random order, in the closing transaction.

    While a survey is open, the database's own bookkeeping (PostgreSQL's ``xmin``, the
    transaction that wrote a row, and the rows' physical order) pairs each response with
    the participation row written beside it. Rewritten at closing, every response carries
    the closing transaction and a shuffled order, so that pairing is gone (the old row
    versions stay on disk until the table is vacuumed; docs/limits.md)."""
    rows = list(SurveyResponse.objects.filter(survey=survey).values(
        "id", "organisation_id", "role_family_id", "grade_band", "scores", "comments"))
    secrets.SystemRandom().shuffle(rows)
    SurveyResponse.objects.filter(survey=survey).delete()
    SurveyResponse.objects.bulk_create([SurveyResponse(survey=survey, **row) for row in rows],
                                       batch_size=500)


def close_survey(*, actor: Actor | Any, survey_id: int, reason: str = "") -> Survey:
    """Open to closed; the closing date becomes today unless it is already past. The
    responses are rewritten in a random order (``_rewrite_responses``)."""

    def work(survey: Survey) -> None:
        today = timezone.localdate()
        if survey.closes_on is None or survey.closes_on > today:
            survey.closes_on = today
        _rewrite_responses(survey)

    return run_transition(model=Survey, pk=survey_id, transition="close", actor=actor,
                          authorise=_authorise, reason=reason, work=work)


def grade_band(grade: Any) -> str:
    """The coarse band of a grade, through its Civil Service equivalent."""
    if grade is None:
        return GradeBand.UNKNOWN
    comparable = grade.comparable
    if grade.is_senior_civil_service or comparable.is_senior_civil_service:
        return GradeBand.SENIOR
    code = comparable.code.upper()
    if code in ("G6", "G7"):
        return GradeBand.G6_G7
    if code in ("SEO", "HEO"):
        return GradeBand.SEO_HEO
    if code in ("EO", "AO", "AA"):
        return GradeBand.EO_BELOW
    return GradeBand.UNKNOWN


def _person_facts(person: Any) -> dict[str, Any]:
    record = getattr(person, "workforce", None) if hasattr(person, "workforce") else None
    level = getattr(record, "role_level", None)
    return {"organisation_id": person.organisation_id,
            "role_family_id": level.role.family_id if level is not None else None,
            "grade_band": grade_band(person.grade)}


def _answers(survey: Survey, scores: dict, comments: dict) -> tuple[dict, dict]:
    items = list(survey.items.all())
    statements = {item.pk: item for item in items if item.kind == ItemKind.STATEMENT}
    questions = {item.pk: item for item in items if item.kind == ItemKind.FREE_TEXT}
    errors: dict[str, list[str]] = {}
    clean_scores: dict[str, int] = {}
    given = {}
    for key, value in (scores or {}).items():
        try:
            given[int(key)] = value
        except (TypeError, ValueError):
            errors[f"scores.{str(key)[:20]}"] = ["Not a statement of this survey."]
    for key in given:
        if key not in statements:
            errors[f"scores.{key}"] = ["Not a statement of this survey."]
    for pk in statements:
        value = given.get(pk)
        field = f"scores.{pk}"
        if value in (None, ""):
            errors[field] = ["Choose how far you agree with this statement."]
            continue
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            number = 0
        if str(value).strip() != str(number) or not 1 <= number <= 5:
            errors[field] = ["Choose a whole number from 1 (strongly disagree) to 5 "
                             "(strongly agree)."]
            continue
        clean_scores[str(pk)] = number
    clean_comments: dict[str, str] = {}
    for key, value in (comments or {}).items():
        try:
            pk = int(key)
        except (TypeError, ValueError):
            pk = None
        field = f"comments.{str(key)[:20]}"
        if pk not in questions:
            errors[field] = ["Not a question of this survey."]
            continue
        text = str(value if value is not None else "").strip()
        if len(text) > MAX_SURVEY_TEXT_ANSWER:
            errors[field] = [f"Use at most {MAX_SURVEY_TEXT_ANSWER:,} characters (this has "
                             f"{len(text):,})."]
            continue
        if text:
            clean_comments[str(pk)] = text
    if errors:
        raise ValidationError(errors)
    return clean_scores, clean_comments


def respond(*, actor: Actor | Any, survey_id: int, scores: dict, comments: dict | None = None,
            person: Any = None) -> None:
    """Record one anonymous response from the actor's person record. Returns nothing: not
    even the response's key goes back to the respondent. ``AlreadyResponded`` (409) if the
    person has answered the survey already, even when two submissions race.

    ``person``: only the command line (trusted) names the person, to enter answers given
    on paper or to load the demo; an account always answers as itself."""
    who = Actor.coerce(actor)
    if person is not None and not who.trusted:
        raise PermissionDenied("An account answers a survey only as itself.")
    if person is None:
        person = getattr(who.user, "person", None) if who.is_user else None
    if person is None:
        raise PermissionDenied("Only people with a record in Cadre answer surveys.")
    with transaction.atomic():
        # Shares the survey with other respondents but waits for a close in progress.
        survey = Survey.objects.select_for_update().filter(pk=survey_id).first()
        if survey is None:
            raise Survey.DoesNotExist(f"No survey {survey_id}.")
        if survey.state != SurveyState.OPEN:
            raise TransitionConflict(
                instance=survey, transition="respond", current_state=survey.state,
                message=f"This survey is '{survey.get_state_display()}', so it cannot be "
                        "answered.")
        today = timezone.localdate()
        if survey.closes_on is not None and survey.closes_on < today:
            raise TransitionConflict(
                instance=survey, transition="respond", current_state=survey.state,
                message=f"This survey closed on {survey.closes_on:%-d %B %Y}.")
        clean_scores, clean_comments = _answers(survey, scores, comments or {})
        if SurveyParticipation.objects.filter(survey=survey, person=person).exists():
            raise AlreadyResponded(survey)
        try:
            with transaction.atomic():
                SurveyParticipation.objects.create(survey=survey, person=person)
        except IntegrityError:
            raise AlreadyResponded(survey) from None
        SurveyResponse.objects.create(survey=survey, scores=clean_scores,
                                      comments=clean_comments, **_person_facts(person))
        record_event(actor=who, action=AuditEvent.Action.RECORD_CREATED, target=survey,
                     summary=f"Took part in survey {survey.pk}", data={"survey": survey.pk})


__all__ = ["AlreadyResponded", "add_item", "close_survey", "create_survey", "grade_band",
           "may_organise", "open_survey", "remove_item", "respond",
           "update_survey"]
