"""Writes to the apprentices programme: the standards import, skills mapping, places,
cohorts, industry partners, apprentices, placements, the KSB evidence log, end-point
assessment attempts and the apprentice workflow.

Keyword-only, atomic and audited. The central team (and the command line) make every
change; heads of profession also for their own organisations' apprentices and places;
an apprentice adds to their own evidence log. An apprentice changes state only through
``transition_apprentice`` (ADR 14), which locks the row.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.core.inputs import LONG_TEXT, check_text
from cadre.core.workflow import run_transition
from cadre.framework.models import Skill
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.programmes.models import (
    APPRENTICE_YEARS,
    MAX_EPA_ATTEMPTS,
    MAX_PLACES,
    Apprentice,
    ApprenticeCohort,
    ApprenticePlacement,
    ApprenticePlaces,
    ApprenticeshipStandard,
    EpaAttempt,
    EpaResult,
    IndustryPartner,
    KsbEvidence,
)
from cadre.programmes.models import apprentices as limits
from cadre.programmes.selectors import apprentices as sel
from cadre.programmes.services.common import require_central as _central
from cadre.programmes.services.common import saved as _saved

APPRENTICE_ACTIONS = ("to_gateway", "start_epa", "complete", "withdraw")
MANAGERS_ONLY = "Only the central team or the organisation's heads of profession can do this."


def _manager(actor: Actor, organisation_id: int | None) -> None:
    if not actor.trusted and not sel.may_manage(actor.user, organisation_id):
        raise PermissionDenied(MANAGERS_ONLY)


# --- The standards import ---------------------------------------------------------------

class StandardsFileError(Exception):
    """A standards file that cannot be imported; ``errors`` names each record and field."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s) in the standards file")


_VERSION = re.compile(r"^\d{1,3}\.\d{1,3}$")
_REFERENCE = re.compile(limits.STANDARD_REFERENCE)
_KSB_ID = re.compile(r"^[KSB]\d{1,3}$")


def _text(value: Any, max_length: int) -> str | None:
    if not isinstance(value, str) or not value.strip() or len(value) > max_length:
        return None
    return value.strip()


def _whole(value: Any, low: int, high: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not (low <= value <= high):
        return None
    return value


def _ksbs(value: Any, letter: str) -> tuple[list[dict[str, str]] | None, str]:
    if not isinstance(value, list) or len(value) > limits.MAX_KSB_ITEMS:
        return None, f"must be a list of at most {limits.MAX_KSB_ITEMS} items"
    items, seen = [], set()
    for n, item in enumerate(value):
        if not isinstance(item, dict):
            return None, f"item {n} must be an object with id and detail"
        ksb_id = item.get("id")
        if not isinstance(ksb_id, str) or not _KSB_ID.match(ksb_id) or ksb_id[0] != letter:
            return None, f"item {n}: id must look like {letter}1 ({letter} and up to 3 digits)"
        if ksb_id in seen:
            return None, f"item {n}: id {ksb_id} appears twice"
        seen.add(ksb_id)
        detail = _text(item.get("detail"), limits.MAX_KSB_TEXT)
        if detail is None:
            return None, (f"item {n} ({ksb_id}): detail must be text of 1 to "
                          f"{limits.MAX_KSB_TEXT} characters")
        items.append({"id": ksb_id, "detail": detail})
    return items, ""


def _check_record(record: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The record's cleaned fields and its problems as (field, message)."""
    if not isinstance(record, dict):
        return {}, [("record", "must be an object")]
    problems: list[tuple[str, str]] = []
    clean: dict[str, Any] = {}
    ref = record.get("referenceNumber")
    if not isinstance(ref, str) or not _REFERENCE.match(ref):
        problems.append(("referenceNumber", "must be ST and four digits, e.g. ST0505"))
    clean["reference_number"] = ref
    if (title := _text(record.get("title"), 200)) is None:
        problems.append(("title", "must be text of 1 to 200 characters"))
    clean["title"] = title
    low, high = limits.STANDARD_LEVELS
    if (level := _whole(record.get("level"), low, high)) is None:
        problems.append(("level", f"must be a whole number from {low} to {high}"))
    clean["level"] = level
    version = record.get("version")
    if not isinstance(version, str) or not _VERSION.match(version):
        problems.append(("version", "must look like 1.0 (numbers and one dot)"))
    clean["version"] = version
    if (route := _text(record.get("route"), 200)) is None:
        problems.append(("route", "must be text of 1 to 200 characters"))
    clean["route"] = route
    low, high = limits.STANDARD_DURATION_MONTHS
    if (months := _whole(record.get("typicalDuration"), low, high)) is None:
        problems.append(("typicalDuration", f"must be a whole number of months from {low} "
                                            f"to {high}"))
    clean["typical_duration"] = months
    if (funding := _whole(record.get("maxFunding"), 0, limits.MAX_FUNDING)) is None:
        problems.append(("maxFunding", f"must be a whole number of pounds from 0 to "
                                       f"{limits.MAX_FUNDING}"))
    clean["max_funding"] = funding
    duties = record.get("duties", [])
    if not isinstance(duties, list) or len(duties) > limits.MAX_DUTIES or any(
            _text(d if isinstance(d, str) else (d or {}).get("dutyDetail")
                  if isinstance(d, dict) else None, limits.MAX_KSB_TEXT) is None
            for d in duties):
        problems.append(("duties", f"must be a list of at most {limits.MAX_DUTIES} duties, "
                                   f"each text of 1 to {limits.MAX_KSB_TEXT} characters"))
    else:
        clean["duties"] = [d.strip() if isinstance(d, str) else d["dutyDetail"].strip()
                           for d in duties]
    for key, letter in (("knowledges", "K"), ("skills", "S"), ("behaviours", "B")):
        items, message = _ksbs(record.get(key, []), letter)
        if items is None:
            problems.append((key, message))
        clean[key] = items
    return clean, problems


def parse_standards(data: bytes | str) -> list[dict[str, Any]]:
    """Every record of a standards file, checked; ``StandardsFileError`` lists every
    problem by record (index and reference number) and field."""
    if len(data) > limits.MAX_STANDARDS_FILE_BYTES:
        raise StandardsFileError([f"The file is larger than "
                                  f"{limits.MAX_STANDARDS_FILE_BYTES // (1024 * 1024)} MB."])
    try:
        records = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise StandardsFileError([f"The file is not JSON: {exc}"]) from exc
    if not isinstance(records, list) or not records:
        raise StandardsFileError(["The file must hold a list of standards."])
    if len(records) > limits.MAX_STANDARDS_PER_FILE:
        raise StandardsFileError([f"A file holds at most {limits.MAX_STANDARDS_PER_FILE} "
                                  "standards."])
    errors, cleaned, seen = [], [], {}
    for index, record in enumerate(records):
        clean, problems = _check_record(record)
        ref = record.get("referenceNumber") if isinstance(record, dict) else None
        name = f"record {index} ({ref if isinstance(ref, str) and ref else 'no referenceNumber'})"
        errors.extend(f"{name}: {field}: {message}" for field, message in problems)
        if not problems:
            key = (clean["reference_number"], clean["version"])
            if key in seen:
                errors.append(f"{name}: version: {key[0]} version {key[1]} is also record "
                              f"{seen[key]}")
            seen[key] = index
            cleaned.append(clean)
    if errors:
        raise StandardsFileError(errors)
    return cleaned


@transaction.atomic
def import_standards(*, actor: Actor | Any, data: bytes | str,
                     filename: str = "") -> dict[str, int]:
    """Create or update (same reference number and version) every standard of the file;
    all or nothing. Returns how many were created and updated."""
    actor = Actor.coerce(actor)
    _central(actor)
    records = parse_standards(data)
    created = updated = 0
    for clean in records:
        standard = ApprenticeshipStandard.objects.select_for_update().filter(
            reference_number=clean["reference_number"], version=clean["version"]).first()
        if standard is None:
            standard = ApprenticeshipStandard(reference_number=clean["reference_number"],
                                              version=clean["version"])
            created += 1
        else:
            updated += 1
        for field in ("title", "level", "route", "typical_duration", "max_funding", "duties",
                      "knowledges", "skills", "behaviours"):
            setattr(standard, field, clean[field])
        _saved(standard, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=None,
                 summary=f"Apprenticeship standards imported from {filename or 'a file'}: "
                         f"{created} new, {updated} updated",
                 data={"created": created, "updated": updated, "file": filename})
    return {"created": created, "updated": updated}


@transaction.atomic
def map_standard_skills(*, actor: Actor | Any, standard: ApprenticeshipStandard,
                        skills: Iterable[Skill]) -> ApprenticeshipStandard:
    """The framework skills the standard builds (replaces the mapping)."""
    actor = Actor.coerce(actor)
    _central(actor)
    skills = list(skills)
    standard = ApprenticeshipStandard.objects.select_for_update().get(pk=standard.pk)
    standard.framework_skills.set(skills)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=standard,
                 summary=f"Framework skills of {standard.reference_number} set",
                 data={"skills": [s.pk for s in skills]})
    return standard


# --- Places, cohorts, partners ------------------------------------------------------------

def _year(year: Any) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not (
            APPRENTICE_YEARS[0] <= year <= APPRENTICE_YEARS[1]):
        raise ValidationError({"year": f"Enter a year from {APPRENTICE_YEARS[0]} to "
                                       f"{APPRENTICE_YEARS[1]}."})
    return year


@transaction.atomic
def set_places(*, actor: Actor | Any, organisation: Organisation, year: int,
               places: int) -> ApprenticePlaces:
    """The apprentice places the organisation offers in the year."""
    actor = Actor.coerce(actor)
    _manager(actor, organisation.pk)
    year = _year(year)
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= MAX_PLACES:
        raise ValidationError({"places": f"Places must be a whole number from 0 to "
                                         f"{MAX_PLACES}."})
    row = ApprenticePlaces.objects.select_for_update().filter(
        organisation=organisation, year=year).first() or ApprenticePlaces(
        organisation=organisation, year=year)
    row.places = places
    _saved(row, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=row,
                 summary=f"{organisation.abbreviation} offers {places} apprentice places in "
                         f"{year}", data={"year": year, "places": places})
    return row


def _name(value: str, field: str = "name") -> str:
    value = check_text((value or "").strip(), field=field, max_length=200)
    if not value:
        raise ValidationError({field: "Enter the name."})
    return value


@transaction.atomic
def create_cohort(*, actor: Actor | Any, name: str, standard: ApprenticeshipStandard,
                  starts_on: dt.date, recruiter: str = "") -> ApprenticeCohort:
    actor = Actor.coerce(actor)
    _central(actor)
    name = _name(name)
    if ApprenticeCohort.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"There is already a cohort called {name}."})
    cohort = _saved(ApprenticeCohort(
        name=name, standard=standard, starts_on=starts_on,
        recruiter=check_text((recruiter or "").strip(), field="recruiter", max_length=200)),
        actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=cohort,
                 summary=f"Apprentice cohort {name} created",
                 data={"standard": standard.pk, "starts_on": str(starts_on)})
    return cohort


@transaction.atomic
def create_industry_partner(*, actor: Actor | Any, name: str) -> IndustryPartner:
    actor = Actor.coerce(actor)
    _central(actor)
    name = _name(name)
    if IndustryPartner.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"There is already an industry partner called {name}."})
    partner = _saved(IndustryPartner(name=name), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=partner,
                 summary=f"Industry partner {name} added", data={})
    return partner


# --- Apprentices ------------------------------------------------------------------------

@transaction.atomic
def enrol_apprentice(*, actor: Actor | Any, person: Person, cohort: ApprenticeCohort,
                     training_provider: str, started_on: dt.date | None = None,
                     employer: Organisation | None = None) -> Apprentice:
    actor = Actor.coerce(actor)
    employer = employer or person.organisation
    _manager(actor, employer.pk if employer else None)
    if Apprentice.objects.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is already an apprentice."})
    provider = _name(training_provider, "training_provider")
    apprentice = _saved(Apprentice(person=person, cohort=cohort, employer=employer,
                                   training_provider=provider,
                                   started_on=started_on or cohort.starts_on), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=apprentice,
                 summary=f"{person.staff_number} started an apprenticeship ({cohort})",
                 data={"person": person.pk, "cohort": cohort.pk,
                       "started_on": str(apprentice.started_on)})
    return apprentice


@transaction.atomic
def add_placement(*, actor: Actor | Any, apprentice: Apprentice, starts_on: dt.date | None,
                  ends_on: dt.date | None, host_organisation: Organisation | None = None,
                  industry_partner: IndustryPartner | None = None) -> ApprenticePlacement:
    """A placement with a host organisation or an industry partner (exactly one)."""
    actor = Actor.coerce(actor)
    _manager(actor, apprentice.employer_id)
    errors = {}
    if (host_organisation is None) == (industry_partner is None):
        errors["host_organisation"] = "Choose a host organisation or an industry partner."
    if starts_on is None:
        errors["starts_on"] = "Enter the date the placement starts."
    if ends_on is None:
        errors["ends_on"] = "Enter the date the placement ends."
    elif starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The placement must end after it starts."
    if errors:
        raise ValidationError(errors)
    placement = _saved(ApprenticePlacement(apprentice=apprentice,
                                           host_organisation=host_organisation,
                                           industry_partner=industry_partner,
                                           starts_on=starts_on, ends_on=ends_on), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=placement,
                 summary=f"Placement of {apprentice.person.staff_number} with "
                         f"{placement.host_name}",
                 data={"starts_on": str(starts_on), "ends_on": str(ends_on)})
    return placement


@transaction.atomic
def log_evidence(*, actor: Actor | Any, apprentice: Apprentice, ksb: str, note: str,
                 recorded_on: dt.date) -> KsbEvidence:
    """An entry in the KSB evidence log: the apprentice, their managers or the central
    team. ``ksb`` must be a knowledge, skill or behaviour of the apprentice's standard."""
    actor = Actor.coerce(actor)
    own = apprentice.person_id == sel._person_id(actor.user)
    if not own:
        _manager(actor, apprentice.employer_id)
    standard = apprentice.cohort.standard
    ids = {item["id"] for key in ("knowledges", "skills", "behaviours")
           for item in getattr(standard, key)}
    errors = {}
    if ksb not in ids:
        errors["ksb"] = f"{ksb!r} is not a knowledge, skill or behaviour of {standard}."
    note = (note or "").strip()
    if not note:
        errors["note"] = "Describe the evidence."
    elif len(note) > LONG_TEXT:
        errors["note"] = f"Note must be {LONG_TEXT} characters or fewer."
    if errors:
        raise ValidationError(errors)
    entry = _saved(KsbEvidence(apprentice=apprentice, ksb=ksb, note=note,
                               recorded_on=recorded_on), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=entry,
                 summary=f"Evidence of {ksb} logged for {apprentice.person.staff_number}",
                 data={"ksb": ksb})
    return entry


def record_epa_attempt(*, actor: Actor | Any, apprentice_id: int, result: str,
                       taken_on: dt.date) -> EpaAttempt:
    """An end-point assessment sitting (a fail may be resat, up to the limit); the
    apprentice must be in end-point assessment. Locks the apprentice's row."""
    actor = Actor.coerce(actor)
    with transaction.atomic():
        apprentice = Apprentice.objects.select_for_update().select_related("person").get(
            pk=apprentice_id)
        _manager(actor, apprentice.employer_id)
        errors = {}
        if apprentice.state != Apprentice.State.EPA:
            errors["state"] = "Results are recorded only during the end-point assessment."
        if result not in EpaResult.values:
            errors["result"] = "Choose fail, pass, merit or distinction."
        attempts = list(apprentice.epa_attempts.all())
        if any(a.result != EpaResult.FAIL for a in attempts):
            errors["result"] = "The apprentice has already passed."
        elif len(attempts) >= MAX_EPA_ATTEMPTS:
            errors["result"] = f"At most {MAX_EPA_ATTEMPTS} attempts."
        if errors:
            raise ValidationError(errors)
        attempt = _saved(EpaAttempt(apprentice=apprentice, attempt=len(attempts) + 1,
                                    result=result, taken_on=taken_on), actor)
        record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=attempt,
                     summary=f"End-point assessment {attempt.attempt} of "
                             f"{apprentice.person.staff_number}: {result}",
                     data={"attempt": attempt.attempt, "result": result})
    return attempt


def transition_apprentice(*, actor: Actor | Any, apprentice_id: int, action: str,
                          on: dt.date | None = None, went_next: str = "",
                          reason: str = "") -> Apprentice:
    """The apprentice workflow, the only way an apprentice changes state:

    - ``to_gateway``: ready for assessment (records the gateway date);
    - ``start_epa``: the end-point assessment begins;
    - ``complete``: passed (needs a passing attempt); records the date and where they
      went next;
    - ``withdraw``: left early; records the date and where they went.
    """
    actor = Actor.coerce(actor)
    if action not in APPRENTICE_ACTIONS:
        raise ValidationError({"action": f"Choose one of: {', '.join(APPRENTICE_ACTIONS)}."})
    went_next = check_text((went_next or "").strip(), field="went_next", max_length=200)
    reason = check_text((reason or "").strip(), field="reason", max_length=200)

    def authorise(who: Actor, apprentice: Apprentice) -> bool:
        if who.trusted or sel.may_manage(who.user, apprentice.employer_id):
            return True
        raise PermissionDenied(MANAGERS_ONLY)

    def work(apprentice: Apprentice) -> None:
        day = on or timezone.localdate()
        if action == "to_gateway":
            apprentice.gateway_on = day
        if action in ("complete", "withdraw"):
            apprentice.finished_on = day
            apprentice.went_next = went_next

    return run_transition(model=Apprentice, pk=apprentice_id, transition=action, actor=actor,
                          authorise=authorise, reason=reason, work=work,
                          summary=f"Apprentice {apprentice_id}: {action.replace('_', ' ')}")
