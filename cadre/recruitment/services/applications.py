"""Writes for applications (issue 21 point 2): recording an external candidate's
application, an internal person applying, the application workflow, CSV import and the
deletion of applicants' personal data after the retention period.

Every write is keyword-only, runs in one transaction, checks each value against its
documented limit (docs/limits.md, "Recruitment: applications") and records one audit event
whose summary and data name the application, campaign and candidate by id only (no names,
emails or phone numbers).

Who may do what:

- Recording an application, importing a file of them and offering, appointing or recording
  a declined offer: the campaign's recruiters (the hub for every campaign, a head of
  profession for their organisations', ``selectors.campaigns.may_manage``), the command line
  and the system.
- Applying: a signed-in person with a person record, to an open campaign, on or before its
  closing date, for themselves.
- Withdrawing: the internal candidate themselves, or the campaign's recruiters.
- Sift and interview decisions (sifted in or out, interviewed, appointable or not): only
  through the panels area, whose services check that the actor chairs the campaign's panel
  and then call :func:`transition` with ``authorised_by_panel=True``; a page or endpoint of
  this area never passes it. The command line and the system may take any step.

:func:`transition` is the one service that changes an application's state: it locks the
row, refuses a lost race or a stale ``version`` with ``TransitionConflict`` (HTTP 409) and
raises the version by one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cadre.access.rules import RECRUITMENT_HUB
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.core.inputs import REASON_TEXT, check_text, invalid, parse_bool
from cadre.core.tabular import CellError, TableError, read_table
from cadre.core.workflow import TransitionConflict, run_transition
from cadre.people.models import Person
from cadre.recruitment import retention
from cadre.recruitment.models import (
    DELETED_CANDIDATE,
    MAX_CANDIDATE_EMAIL,
    MAX_CANDIDATE_NAME,
    MAX_CANDIDATE_PHONE,
    MAX_EVIDENCE_TEXT,
    Application,
    ApplicationState,
    Campaign,
    CampaignState,
    Candidate,
    Criterion,
    Evidence,
    PanelMember,
)
from cadre.recruitment.selectors import applications as sel
from cadre.recruitment.selectors.campaigns import may_manage

__all__ = [
    "IMPORT_OPTIONAL",
    "IMPORT_REQUIRED",
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_ROWS",
    "PANEL_TARGETS",
    "RECRUITER_TARGETS",
    "TARGETS",
    "ImportResult",
    "PurgeReport",
    "apply",
    "create_from_reserve",
    "import_applications",
    "purge_expired",
    "record_application",
    "set_reserve_consent",
    "transition",
    "withdraw",
]

#: The method of ``Application`` that reaches each state.
TARGETS: dict[str, str] = {
    ApplicationState.SIFTED_IN: "sift_in",
    ApplicationState.SIFTED_OUT: "sift_out",
    ApplicationState.INTERVIEWED: "interview",
    ApplicationState.APPOINTABLE: "find_appointable",
    ApplicationState.NOT_APPOINTABLE: "find_not_appointable",
    ApplicationState.OFFERED: "offer",
    ApplicationState.APPOINTED: "appoint",
    ApplicationState.DECLINED: "decline",
    ApplicationState.WITHDRAWN: "withdraw",
}
#: Steps only the panels area takes (``authorised_by_panel=True``).
PANEL_TARGETS = frozenset({ApplicationState.SIFTED_IN, ApplicationState.SIFTED_OUT,
                           ApplicationState.INTERVIEWED, ApplicationState.APPOINTABLE,
                           ApplicationState.NOT_APPOINTABLE})
#: Steps the campaign's recruiters take on the application page, API and command line.
RECRUITER_TARGETS = (ApplicationState.OFFERED, ApplicationState.APPOINTED,
                     ApplicationState.DECLINED, ApplicationState.WITHDRAWN)
#: Campaign states in which recruiters may record (or import) applications: open, and
#: the sift for late applications the hub accepts.
RECORDING_STATES = (CampaignState.OPEN, CampaignState.SIFT)
#: Campaign states in which nothing changes any more.
FINISHED_STATES = (CampaignState.CLOSED, CampaignState.CANCELLED)

IMPORT_REQUIRED = ("name", "email")
IMPORT_OPTIONAL = ("phone", "staff_number", "organisation", "reserve_consent")
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 2000
PHONE = re.compile(r"^[0-9+()\-. ]*$")

NOT_RECRUITER = ("Only the campaign's recruiters (the recruitment hub, or the head of "
                 "profession of its organisation) can do this.")


# ---------------------------------------------------------------------------- helpers


def _require_recruiter(actor: Actor, campaign: Campaign) -> None:
    if actor.trusted or may_manage(actor, campaign):
        return
    raise PermissionDenied(NOT_RECRUITER)


def _locked_campaign(campaign: Campaign | int) -> Campaign:
    pk = getattr(campaign, "pk", campaign)
    found = Campaign.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise invalid("campaign", f"There is no campaign with id {pk}.")
    return found


def _text(value: Any, *, field: str, label: str, max_length: int, required: bool) -> str:
    text = str(value or "").strip()
    if "\x00" in text:
        raise invalid(field, f"Remove the NUL character from {label}.")
    if required and not text:
        raise invalid(field, f"Enter {label}.")
    return check_text(text, field=field, max_length=max_length)


def _email(value: Any) -> str:
    email = _text(value, field="email", label="the candidate's email address",
                  max_length=MAX_CANDIDATE_EMAIL, required=True)
    try:
        validate_email(email)
    except ValidationError:
        raise invalid("email", "Enter an email address in the correct format, like "
                               "name@example.com.") from None
    return email


def _phone(value: Any) -> str:
    phone = _text(value, field="phone", label="the phone number",
                  max_length=MAX_CANDIDATE_PHONE, required=False)
    if not PHONE.match(phone):
        raise invalid("phone", "Enter a phone number using digits, spaces, +, -, . and "
                               "brackets only.")
    return phone


def _evidence(campaign: Campaign, evidence: Mapping[Any, Any] | None) -> dict[Criterion, str]:
    """The evidence texts by criterion of the campaign; keys are criteria or their ids."""
    criteria = {c.pk: c for c in Criterion.objects.filter(campaign=campaign)}
    found: dict[Criterion, str] = {}
    errors: dict[str, list[str]] = {}
    for key, raw in (evidence or {}).items():
        pk = getattr(key, "pk", key)
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            pk = None
        criterion = criteria.get(pk)  # type: ignore[arg-type]
        name = f"evidence_{pk}" if pk is not None else "evidence"
        if criterion is None:
            errors.setdefault("evidence", []).append(
                f"Criterion {str(key)[:20]} is not one of this campaign's.")
            continue
        try:
            text = _text(raw, field=name, label="the evidence", max_length=MAX_EVIDENCE_TEXT,
                         required=False)
        except ValidationError as exc:
            errors.setdefault(name, []).extend(exc.messages)
            continue
        if text:
            found[criterion] = text
    if errors:
        raise ValidationError(errors)
    return found


def _live_duplicate(campaign: Campaign, *, person: Person | None, email: str) -> bool:
    rows = Application.objects.filter(campaign=campaign).exclude(
        state=ApplicationState.WITHDRAWN)
    if person is not None:
        return rows.filter(candidate__person=person).exists()
    return rows.filter(candidate__person__isnull=True, candidate__email__iexact=email).exists()


def _sits_on_panel(campaign: Campaign, person: Person | None) -> bool:
    """Whether the person sits on the campaign's panel (they then cannot apply to it: the
    chair would decide on their own application, and a member sees others')."""
    return person is not None and PanelMember.objects.filter(campaign=campaign,
                                                             person=person).exists()


def _create(actor: Actor, campaign: Campaign, *, person: Person | None, name: str, email: str,
            phone: str, evidence: dict[Criterion, str], reserve_consent: bool,
            today: dt.date | None = None) -> Application:
    candidate = Candidate(person=person, name="" if person else name,
                          email="" if person else email, phone="" if person else phone)
    candidate._history_user = actor.user  # type: ignore[attr-defined]
    candidate.save()
    application = Application(
        campaign=campaign, candidate=candidate, internal=person is not None,
        submitted_at=timezone.now(), reserve_consent=reserve_consent,
        reserve_consent_on=(today or timezone.localdate()) if reserve_consent else None,
        created_by=actor.user)
    application._history_user = actor.user  # type: ignore[attr-defined]
    application.save()
    for criterion, text in evidence.items():
        row = Evidence(application=application, criterion=criterion, text=text)
        row._history_user = actor.user  # type: ignore[attr-defined]
        row.save()
    return application


# ---------------------------------------------------------------------------- recording


@transaction.atomic
def record_application(*, actor: Actor | Any, campaign: Campaign | int, name: str = "",
                       email: str = "", phone: str = "", person: Person | None = None,
                       evidence: Mapping[Any, Any] | None = None,
                       reserve_consent: bool = False) -> Application:
    """Record an application received by the campaign's recruiters: an external
    candidate's (name and email required, phone optional) or, with ``person``, an internal
    one's. The campaign must be open (or at sift, for a late application)."""
    actor = Actor.coerce(actor)
    campaign = _locked_campaign(campaign)
    _require_recruiter(actor, campaign)
    if campaign.state not in RECORDING_STATES:
        raise invalid("campaign", f"The campaign is {campaign.get_state_display().lower()}: "
                                  "applications are recorded while it is open or at sift.")
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    checks = {"evidence": lambda: _evidence(campaign, evidence),
              "reserve_consent": lambda: parse_bool(reserve_consent, field="reserve_consent",
                                                    default=False)}
    if person is None:
        checks.update({
            "name": lambda: _text(name, field="name", label="the candidate's name",
                                  max_length=MAX_CANDIDATE_NAME, required=True),
            "email": lambda: _email(email),
            "phone": lambda: _phone(phone)})
    for key, check in checks.items():
        try:
            values[key] = check()
        except ValidationError as exc:
            for k, messages in exc.message_dict.items():
                errors.setdefault(k, []).extend(messages)
    if _sits_on_panel(campaign, person):
        errors["person"] = ["This person sits on the campaign's panel, so cannot apply to it; "
                            "take them off the panel first."]
    if not errors and _live_duplicate(campaign, person=person, email=values.get("email", "")):
        errors["email" if person is None else "person"] = [
            "This candidate already has an application to this campaign."]
    if errors:
        raise ValidationError(errors)
    application = _create(actor, campaign, person=person, name=values.get("name", ""),
                          email=values.get("email", ""), phone=values.get("phone", ""),
                          evidence=values["evidence"],
                          reserve_consent=values["reserve_consent"])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=application,
                 summary=f"Recruitment application {application.pk} recorded for campaign "
                         f"{campaign.pk} (candidate {application.candidate_id})",
                 data={"campaign": campaign.pk, "candidate": application.candidate_id,
                       "internal": application.internal,
                       "evidence": len(values["evidence"])})
    return application


@transaction.atomic
def apply(*, actor: Actor | Any, campaign: Campaign | int,
          evidence: Mapping[Any, Any] | None = None, reserve_consent: bool = False,
          person: Person | None = None, today: dt.date | None = None) -> Application:
    """An internal person applies to an open campaign, on or before its closing date, for
    themselves (the command line and the system may apply for a named ``person``)."""
    actor = Actor.coerce(actor)
    own = sel.person_of(actor.user)
    if person is None:
        person = own
    elif not actor.trusted and (own is None or own.pk != person.pk):
        raise PermissionDenied("You can apply only for yourself.")
    if person is None:
        raise PermissionDenied("Applying needs an account linked to a person record.")
    campaign = _locked_campaign(campaign)
    today = today or timezone.localdate()
    if campaign.state != CampaignState.OPEN:
        raise invalid("campaign", "This campaign is not open for applications.")
    if today > campaign.closing_date:
        raise invalid("campaign", f"This campaign closed for applications on "
                                  f"{campaign.closing_date:%-d %B %Y}.")
    texts = _evidence(campaign, evidence)
    consent = parse_bool(reserve_consent, field="reserve_consent", default=False)
    if _live_duplicate(campaign, person=person, email=""):
        raise invalid("campaign", "You have already applied to this campaign.")
    if _sits_on_panel(campaign, person):
        raise invalid("campaign", "You sit on this campaign's panel, so you cannot apply to "
                                  "it.")
    application = _create(actor, campaign, person=person, name="", email="", phone="",
                          evidence=texts, reserve_consent=consent, today=today)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=application,
                 summary=f"Recruitment application {application.pk} to campaign "
                         f"{campaign.pk} by an internal candidate "
                         f"(candidate {application.candidate_id})",
                 data={"campaign": campaign.pk, "candidate": application.candidate_id,
                       "internal": True, "evidence": len(texts)})
    return application


@transaction.atomic
def create_from_reserve(*, actor: Actor | Any, campaign: Campaign | int,
                        source: Application | int, authorised_by_reserve: bool = False
                        ) -> Application:
    """For the reserve area only: a new application in ``campaign`` for the candidate of
    ``source`` (appointable, with reserve consent), appointable at once and marked
    ``from_reserve``. The candidate's details are copied to a candidate row of the new
    campaign, so each campaign's retention applies to its own copy. The reserve service
    checks who may accept an offer and passes ``authorised_by_reserve=True``."""
    actor = Actor.coerce(actor)
    if not (actor.trusted or authorised_by_reserve):
        raise PermissionDenied("Candidates come from the reserve list only by accepting an "
                               "offer made from it.")
    campaign = _locked_campaign(campaign)
    original = Application.objects.select_related("candidate").filter(
        pk=getattr(source, "pk", source)).first()
    if original is None:
        raise invalid("application", "There is no such application.")
    if not original.reserve_consent or original.candidate.personal_data_deleted_at:
        raise invalid("application", "The candidate has not agreed to the reserve list.")
    if campaign.state in FINISHED_STATES:
        raise invalid("campaign", "The campaign is no longer running.")
    old = original.candidate
    if _live_duplicate(campaign, person=old.person, email=old.email):
        raise invalid("application", "This candidate already has an application to this "
                                     "campaign.")
    application = _create(actor, campaign, person=old.person, name=old.name, email=old.email,
                          phone=old.phone, evidence={}, reserve_consent=True)
    Application.objects.filter(pk=application.pk).update(
        state=ApplicationState.APPOINTABLE, from_reserve=True, decided_at=timezone.now())
    application.refresh_from_db()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=application,
                 summary=f"Recruitment application {application.pk} to campaign {campaign.pk} "
                         f"from the reserve list (application {original.pk})",
                 data={"campaign": campaign.pk, "source": original.pk,
                       "candidate": application.candidate_id})
    return application


# ---------------------------------------------------------------------------- workflow


def _stale(application: Application, transition_name: str, version: int) -> TransitionConflict:
    return TransitionConflict(
        instance=application, transition=transition_name, current_state=application.state,
        message=f"This application changed since you read it (you read version {version}, "
                f"it is now version {application.version}, "
                f"'{application.get_state_display()}'). Reload it to see what changed.")


def _may_take(actor: Actor, application: Application, to: str,
              authorised_by_panel: bool) -> bool:
    if actor.trusted:
        return True
    if to in PANEL_TARGETS:
        return authorised_by_panel
    if may_manage(actor, application.campaign):
        return True
    own = sel.person_of(actor.user)
    return (to == ApplicationState.WITHDRAWN and own is not None
            and application.candidate.person_id == own.pk)


def transition(*, actor: Actor | Any, application_id: int, to: str, version: int | None = None,
               reason: str = "", authorised_by_panel: bool = False) -> Application:
    """Move the application to the state ``to`` (see ``models.applications``).

    ``version``: the version the caller read; if the application changed since, the step is
    refused with ``TransitionConflict`` (409), as it is when another request moved it first
    (the row is locked while the step runs). ``reason`` (up to 2,000 characters) is kept
    in the history only (the purge blanks it there); the audit event records only that a
    reason was given, as it can never be erased. ``authorised_by_panel``: set only by the panels
    area's services, after they have checked the actor chairs the panel (see the module).
    """
    actor = Actor.coerce(actor)
    if to not in TARGETS:
        raise invalid("to", f"Choose one of: {', '.join(TARGETS)}.")
    reason = _text(reason, field="reason", label="a reason", max_length=REASON_TEXT,
                   required=False)
    method = TARGETS[to]

    def authorise(who: Actor, application: Application) -> bool:
        if _may_take(who, application, to, authorised_by_panel):
            return True
        if to in PANEL_TARGETS:
            raise PermissionDenied("Sift and interview decisions are made by the chair of "
                                   "the campaign's panel.")
        raise PermissionDenied(NOT_RECRUITER if to != ApplicationState.WITHDRAWN else
                               "Only the candidate or the campaign's recruiters can "
                               "withdraw an application.")

    def work(application: Application) -> None:
        if version is not None and application.version != version:
            raise _stale(application, method, version)
        if application.campaign.state in FINISHED_STATES:
            raise invalid("to", f"The campaign is "
                                f"{application.campaign.get_state_display().lower()}, so its "
                                "applications no longer change.")
        now = timezone.now()
        stamp = {ApplicationState.SIFTED_IN: "sifted_at", ApplicationState.SIFTED_OUT:
                 "sifted_at", ApplicationState.INTERVIEWED: "interviewed_at",
                 ApplicationState.APPOINTABLE: "decided_at",
                 ApplicationState.NOT_APPOINTABLE: "decided_at",
                 ApplicationState.OFFERED: "offered_at", ApplicationState.APPOINTED:
                 "closed_at", ApplicationState.DECLINED: "closed_at",
                 ApplicationState.WITHDRAWN: "closed_at"}[to]
        setattr(application, stamp, now)
        application.version += 1

    # Only the application's row is locked (no joins: the campaign's row stays free).
    return run_transition(model=Application, pk=application_id, transition=method, actor=actor,
                          authorise=authorise, reason=reason, work=work,
                          summary=f"Recruitment application {application_id}: "
                                  f"{ApplicationState(to).label.lower()}",
                          data={"to": to}, private_reason=True)


def withdraw(*, actor: Actor | Any, application_id: int, version: int | None = None,
             reason: str = "") -> Application:
    """The candidate (or the campaign's recruiters) withdraws an open application."""
    return transition(actor=actor, application_id=application_id,
                      to=ApplicationState.WITHDRAWN, version=version, reason=reason)


@transaction.atomic
def set_reserve_consent(*, actor: Actor | Any, application_id: int, consent: bool,
                        version: int | None = None) -> Application:
    """Record whether the candidate agrees to be offered similar roles from the reserve
    list (the internal candidate themselves, or the campaign's recruiters)."""
    actor = Actor.coerce(actor)
    application = Application.objects.select_for_update().filter(pk=application_id).first()
    if application is None:
        raise Application.DoesNotExist(f"No application {application_id}.")
    own = sel.person_of(actor.user)
    if not (actor.trusted or may_manage(actor, application.campaign)
            or (own is not None and application.candidate.person_id == own.pk)):
        raise PermissionDenied("Only the candidate or the campaign's recruiters can change "
                               "this.")
    if version is not None and application.version != version:
        raise _stale(application, "set_reserve_consent", version)
    consent = parse_bool(consent, field="reserve_consent")
    if consent != application.reserve_consent:
        application.reserve_consent = consent
        application.reserve_consent_on = timezone.localdate() if consent else None
        application.version += 1
        application._history_user = actor.user  # type: ignore[attr-defined]
        application.save(update_fields=["reserve_consent", "reserve_consent_on", "version",
                                        "updated_at"])
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=application,
                     summary=f"Recruitment application {application.pk}: reserve-list "
                             f"consent {'given' if consent else 'withdrawn'}",
                     data={"reserve_consent": consent})
    return application


# ---------------------------------------------------------------------------- import


@dataclass
class ImportResult:
    """What an import did: applications created, and rows already held (left alone)."""

    created: list[int] = field(default_factory=list)
    existing: int = 0

    def summary(self) -> str:
        return (f"{len(self.created)} application(s) imported; {self.existing} already "
                "held and left alone.")


def evidence_columns(campaign: Campaign) -> list[tuple[str, Criterion]]:
    """The import's evidence columns: ``evidence_1`` .. ``evidence_N``, one per criterion
    in the order of the campaign's assessment plan."""
    criteria = Criterion.objects.filter(campaign=campaign).order_by("order", "pk")
    return [(f"evidence_{number}", c) for number, c in enumerate(criteria, start=1)]


def _person_for(staff_number: str, organisation: str) -> tuple[Person | None, str]:
    rows = Person.objects.filter(staff_number=staff_number)
    if organisation:
        rows = rows.filter(Q(organisation__abbreviation__iexact=organisation)
                           | Q(organisation__name__iexact=organisation))
    found = list(rows[:2])
    if not found:
        return None, f"No person has staff number '{staff_number[:40]}'" + (
            f" in '{organisation[:60]}'." if organisation else ".")
    if len(found) > 1:
        return None, ("Several people have this staff number: add the organisation column "
                      "with the person's organisation.")
    return found[0], ""


@transaction.atomic
def import_applications(*, actor: Actor | Any, campaign: Campaign | int, data: bytes,
                        filename: str) -> ImportResult:
    """Applications from a CSV or XLSX file (columns in docs/data-formats.md,
    "Recruitment applications"): every row is checked first, and any problem raises
    ``TableError`` naming each bad row and column, with nothing written. A candidate the
    campaign already has (same email, or same person) is left alone, so importing a file
    twice changes nothing the second time."""
    actor = Actor.coerce(actor)
    campaign = _locked_campaign(campaign)
    _require_recruiter(actor, campaign)
    if campaign.state not in RECORDING_STATES:
        raise invalid("campaign", f"The campaign is {campaign.get_state_display().lower()}: "
                                  "applications are imported while it is open or at sift.")
    columns = evidence_columns(campaign)
    table = read_table(data, filename=filename, required=IMPORT_REQUIRED,
                       optional=[*IMPORT_OPTIONAL, *(name for name, _ in columns)],
                       max_bytes=MAX_IMPORT_BYTES)
    if len(table.rows) > MAX_IMPORT_ROWS:
        raise TableError([CellError(None, None, f"A file may hold at most {MAX_IMPORT_ROWS:,} "
                                                f"applications (this has {len(table.rows):,}).")])
    errors: list[CellError] = []
    planned: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    result = ImportResult()
    for row in table.rows:
        cells = row.values
        problems = len(errors)

        def bad(column: str, message: str, number: int = row.number) -> None:
            errors.append(CellError(number, column, message))

        def checked(column: str, check: Any) -> Any:
            try:
                return check()
            except ValidationError as exc:
                bad(column, " ".join(exc.messages))
                return None

        staff_number = cells.get("staff_number", "").strip()
        person = None
        if staff_number:
            person, problem = _person_for(staff_number, cells.get("organisation", "").strip())
            if problem:
                bad("staff_number", problem)
            elif _sits_on_panel(campaign, person):
                bad("staff_number", "This person sits on the campaign's panel, so cannot "
                                    "apply to it; take them off the panel first.")
            key = f"person:{person.pk}" if person else ""
            name = email = phone = ""
        else:
            if cells.get("organisation", "").strip():
                bad("organisation", "Give the organisation only with a staff number.")
            name = checked("name", lambda c=cells: _text(
                c.get("name"), field="name", label="the candidate's name",
                max_length=MAX_CANDIDATE_NAME, required=True))
            email = checked("email", lambda c=cells: _email(c.get("email")))
            phone = checked("phone", lambda c=cells: _phone(c.get("phone")))
            key = f"email:{email.casefold()}" if email else ""
        consent = checked("reserve_consent", lambda c=cells: parse_bool(
            c.get("reserve_consent"), field="reserve_consent", default=False))
        texts: dict[Criterion, str] = {}
        for column, criterion in columns:
            text = checked(column, lambda c=cells, n=column: _text(
                c.get(n), field=n, label="the evidence", max_length=MAX_EVIDENCE_TEXT,
                required=False))
            if text:
                texts[criterion] = text
        if key and key in seen:
            bad("staff_number" if person else "email",
                f"The same candidate is on row {seen[key]}.")
        elif key:
            seen[key] = row.number
        if len(errors) > problems:
            continue
        planned.append({"person": person, "name": name, "email": email, "phone": phone,
                        "evidence": texts, "reserve_consent": consent})
    if errors:
        raise TableError(errors)
    if not planned:
        raise TableError([CellError(None, None, "The file has no applications.")])
    for item in planned:
        if _live_duplicate(campaign, person=item["person"], email=item["email"]):
            result.existing += 1
            continue
        result.created.append(_create(actor, campaign, **item).pk)
    record_event(actor=actor, action=AuditEvent.Action.IMPORT, target=campaign,
                 summary=f"Recruitment applications imported to campaign {campaign.pk} from "
                         f"{filename[:80]}: {len(result.created)} new",
                 data={"campaign": campaign.pk, "created": len(result.created),
                       "existing": result.existing})
    return result


# ---------------------------------------------------------------------------- retention


@dataclass
class PurgeReport:
    """Per campaign whose retention period has passed: candidates erased, and candidates
    kept because they are on a live reserve-list entry."""

    today: dt.date
    campaigns: list[dict[str, int]] = field(default_factory=list)

    @property
    def erased(self) -> int:
        return sum(c["erased"] for c in self.campaigns)

    @property
    def kept(self) -> int:
        return sum(c["kept_on_reserve"] for c in self.campaigns)

    def as_dict(self) -> dict[str, Any]:
        return {"today": self.today.isoformat(), "erased": self.erased, "kept": self.kept,
                "campaigns": self.campaigns}


def _model(name: str) -> Any:
    try:
        return apps.get_model("recruitment", name)
    except LookupError:
        return None


def _has_field(model: Any, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _on_live_reserve(application_ids: list[int], today: dt.date) -> set[int]:
    """The applications on a reserve-list entry that has not expired (the reserve area's
    ``ReserveEntry``; none until it exists)."""
    entry = _model("ReserveEntry")
    if entry is None or not _has_field(entry, "application"):
        return set()
    rows = entry.objects.filter(application_id__in=application_ids)
    if _has_field(entry, "expires_on"):
        rows = rows.filter(expires_on__gte=today)
    if _has_field(entry, "state"):
        rows = rows.filter(state__in=("active", "offered"))
    return set(rows.values_list("application_id", flat=True))


#: Free text about a candidate written by the reserve area, blanked with their data (the
#: panels area's is blanked by ``services.panels.erase_texts``): (model, text field, path to
#: the application id).
RESERVE_TEXTS = (("ReserveEntry", "end_reason", "application_id"),
               ("ReserveOffer", "note", "entry__application_id"),
               ("ReserveOffer", "reason", "entry__application_id"))
#: Rows about these applications whose history keeps a free-text reason for each change
#: (``history_change_reason``: the decision's or withdrawal's reason, its first 100
#: characters): (model, path to the application id).
REASON_HISTORIES = (("Application", "id"), ("ReserveEntry", "application_id"),
                    ("ReserveOffer", "entry__application_id"))


def _blank_texts(model_name: str, field_name: str, path: str,
                 application_ids: list[int]) -> int:
    """Blank one text field of another area's rows about these applications (and of their
    history rows); the number of rows blanked. Nothing while the model is not there."""
    model = _model(model_name)
    if model is None or not _has_field(model, field_name):
        return 0
    rows = model.objects.filter(**{f"{path}__in": application_ids}).exclude(**{field_name: ""})
    ids = list(rows.values_list("pk", flat=True))
    count = model.objects.filter(pk__in=ids).update(**{field_name: ""})
    history = getattr(model, "history", None)
    if history is not None:
        key = model._meta.pk.attname
        every = model.objects.filter(**{f"{path}__in": application_ids}).values_list(
            "pk", flat=True)
        history.model.objects.filter(**{f"{key}__in": list(every)}).update(**{field_name: ""})
    return count


def _erase(campaign: Campaign, applications: list[Application], now: Any) -> dict[str, int]:
    application_ids = [a.pk for a in applications]
    candidate_ids = [a.candidate_id for a in applications]
    blank = {"name": DELETED_CANDIDATE, "email": "", "phone": "", "person": None}
    Candidate.objects.filter(pk__in=candidate_ids).update(**blank, personal_data_deleted_at=now)
    # The history rows hold every earlier value: erase them there too.
    Candidate.history.model.objects.filter(id__in=candidate_ids).update(**blank)
    evidence = Evidence.objects.filter(application_id__in=application_ids).exclude(
        text="").update(text="")
    Evidence.history.model.objects.filter(application_id__in=application_ids).update(text="")
    # The panels area blanks its own free text (score comments, moderation notes, decision
    # reasons, conflicts' reasons, feedback) and their history; imported here, as the panels
    # services import this module.
    from cadre.recruitment.services import panels as panel_services

    panel = sum(panel_services.erase_texts(application_ids).values())
    panel += sum(_blank_texts(name, text, path, application_ids)
                 for name, text, path in RESERVE_TEXTS)
    for name, path in REASON_HISTORIES:
        _blank_change_reasons(name, path, application_ids)
    return {"evidence": evidence, "panel_texts": panel}


def _blank_change_reasons(model_name: str, path: str, application_ids: list[int]) -> None:
    """Blank the change reasons in the history of these applications' rows of a model."""
    model = _model(model_name)
    history = getattr(model, "history", None) if model is not None else None
    if history is None or not _has_field(history.model, "history_change_reason"):
        return
    ids = list(model.objects.filter(**{f"{path}__in": application_ids}).values_list(
        "pk", flat=True))
    key = model._meta.pk.attname
    history.model.objects.filter(**{f"{key}__in": ids}).exclude(
        history_change_reason__isnull=True).update(history_change_reason=None)


@transaction.atomic
def purge_expired(*, actor: Actor | Any, today: dt.date) -> PurgeReport:
    """Erase the personal data of the candidates of every campaign closed or cancelled more
    than its ``retention_months`` before ``today``: an external candidate's name becomes
    "Deleted candidate" and their email and phone are blanked, an internal candidate's
    person is unlinked, and their evidence and the panel's free text about them (feedback,
    score comments, moderation notes, declared conflicts' reasons) are blanked, in the
    records and in their history. A candidate on a reserve-list entry that has not
    expired is kept until it expires (a later run erases them). One audit event per campaign
    with counts only. The recruitment hub, the command line and the system (the scheduled
    task ``delete_expired_applicant_data``)."""
    actor = Actor.coerce(actor)
    if not actor.trusted and not (actor.is_user and RECRUITMENT_HUB.allows(actor.user)):
        raise PermissionDenied("Only the recruitment hub deletes applicants' data.")
    report = PurgeReport(today=today)
    now = timezone.now()
    finished = Campaign.objects.select_for_update().filter(
        state__in=FINISHED_STATES, closed_on__isnull=False).order_by("pk")
    for campaign in finished:
        if not retention.is_due(campaign.closed_on, campaign.retention_months, today):
            continue
        waiting = list(Application.objects.filter(
            campaign=campaign, candidate__personal_data_deleted_at__isnull=True))
        if not waiting:
            continue
        kept = _on_live_reserve([a.pk for a in waiting], today)
        erasing = [a for a in waiting if a.pk not in kept]
        counts = (_erase(campaign, erasing, now) if erasing
                  else {"evidence": 0, "panel_texts": 0})
        line = {"campaign": campaign.pk, "erased": len(erasing), "kept_on_reserve": len(kept),
                **counts}
        report.campaigns.append(line)
        if erasing:
            record_event(
                actor=actor, action=AuditEvent.Action.RECORD_DELETED, target=campaign,
                summary=f"Applicants' personal data deleted after the retention period: "
                        f"campaign {campaign.pk}, {len(erasing)} candidate(s)",
                data={**line, "retention_months": campaign.retention_months,
                      "closed_on": campaign.closed_on.isoformat(),
                      "today": today.isoformat()})
    return report
