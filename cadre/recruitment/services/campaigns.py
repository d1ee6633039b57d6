"""Writes for recruitment campaigns (issue 21 point 1).

Every write is keyword-only, atomic, audited and authorised with an ``Actor``: the hub (the
central team and administrators) for any organisation, heads of profession for their own
organisations (``RECRUITERS``, narrowed here), and the command line.

- :func:`create_campaign` from a vacancy that went external (its organisation, title, role
  level, grade, location and closing date unless given, and its skills as the first
  criteria) or as a new senior role (the role level's required skills as the first
  criteria). One live (not cancelled) campaign per vacancy.
- :func:`update_campaign`, :func:`add_criterion`, :func:`change_criterion` and
  :func:`remove_criterion` only while the campaign is a draft or open. Each locks the
  campaign's row and compares the ``version`` the caller read with the stored one: a
  different one is a :class:`CampaignConflict` (HTTP 409) and nothing is written. ``None``
  skips the check (the command line). Every change raises the version by one.
- :func:`transition` is the one way the state moves (``core.workflow.run_transition``,
  under the row's lock): a step another request made impossible, or a stale ``version``, is
  a ``TransitionConflict`` (HTTP 409). Opening needs a pay range, a closing date still to
  come and a plan with a criterion at sift and one at interview; cancelling needs a reason.
  Interviews start only once every application is sifted, the campaign is decided only
  once the panel has decided every application, and closed only once every offer is
  answered (a 400 on ``to`` naming the count).

Limits: docs/limits.md, "Recruitment: campaigns".
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import check_text, collect, invalid, parse_date
from cadre.core.workflow import TransitionConflict, run_transition
from cadre.framework.models import RoleLevel, Skill
from cadre.mobility.models import Vacancy
from cadre.organisations.models import Grade, Organisation
from cadre.recruitment.models import (
    MAX_CAMPAIGN_TITLE,
    MAX_CANCEL_REASON,
    MAX_CRITERIA,
    MAX_CRITERION_TEXT,
    MAX_LOCATION,
    MAX_PAY,
    MAX_RETENTION_MONTHS,
    MIN_RETENTION_MONTHS,
    Campaign,
    CampaignState,
    Criterion,
    CriterionMethod,
    CriterionStage,
    Engagement,
)
from cadre.recruitment.selectors import campaigns as sel

__all__ = [
    "EDITABLE_FIELDS",
    "NOT_YOURS",
    "STEPS",
    "CampaignConflict",
    "add_criterion",
    "change_criterion",
    "create_campaign",
    "find_organisation",
    "remove_criterion",
    "transition",
    "update_campaign",
]

NOT_YOURS = ("Only the recruitment hub, and heads of profession of the campaign's "
             "organisation, run this campaign.")
#: Fields :func:`update_campaign` changes.
EDITABLE_FIELDS = ("title", "role_level", "grade", "pay_min", "pay_max", "location",
                   "closing_date", "engagement", "retention_months")
CRITERION_FIELDS = ("text", "skill", "stage", "method", "order")
#: The transition method that leads to each state.
STEPS = {CampaignState.OPEN: "open", CampaignState.SIFT: "start_sift",
         CampaignState.INTERVIEW: "start_interviews", CampaignState.DECIDED: "decide",
         CampaignState.CLOSED: "close", CampaignState.CANCELLED: "cancel"}
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)
_DIGITS = re.compile(r"^[0-9]{1,18}$")
#: Methods that cannot be used at each stage: a sift reads paper, an interview meets.
_WRONG_METHODS = {CriterionStage.SIFT: {CriterionMethod.INTERVIEW, CriterionMethod.PRESENTATION},
                  CriterionStage.INTERVIEW: {CriterionMethod.APPLICATION}}


class CampaignConflict(Exception):
    """The campaign changed since it was read, or a vacancy already has a live campaign
    (HTTP 409). ``current`` is the campaign's version found."""

    def __init__(self, message: str, *, field: str = "version", current: int | None = None
                 ) -> None:
        self.message = message
        self.field = field
        self.current = current
        super().__init__(message)


def _saved(instance: Any, actor: Actor, **kwargs: Any) -> Any:
    instance._history_user = history_user(actor)
    instance.save(**kwargs)
    return instance


def _require_manager(actor: Actor, organisation: Organisation | int) -> None:
    if not sel.may_manage(actor, organisation):
        raise PermissionDenied(NOT_YOURS)


# -- checking values -------------------------------------------------------------------

def _clean(value: Any, *, field: str) -> str:
    text = str(value if value is not None else "").strip()
    if "\x00" in text:
        raise invalid(field, "Remove the NUL character.")
    return text


def _required(value: Any, *, field: str, what: str, max_length: int) -> str:
    text = _clean(value, field=field)
    if not text:
        raise invalid(field, f"Enter {what}.")
    return check_text(text, field=field, max_length=max_length)


def _lookup(model: Any, value: Any, *, field: str, what: str) -> Any:
    if isinstance(value, model):
        return value
    text = _clean(value, field=field)
    if not text:
        raise invalid(field, f"Choose {what}.")
    found = None
    if _DIGITS.match(text):
        found = model.objects.filter(pk=int(text)).first()
    if found is None:
        raise invalid(field, f"There is no {what} {text[:40]}.")
    return found


def _organisation(value: Any) -> Organisation:
    if isinstance(value, Organisation):
        return value
    text = _clean(value, field="organisation")
    if not text:
        raise invalid("organisation", "Choose the organisation that is recruiting.")
    found = None
    if _DIGITS.match(text):
        found = Organisation.objects.filter(pk=int(text)).first()
    if found is None and len(text) <= 200:
        found = (Organisation.objects.filter(abbreviation__iexact=text).first()
                 or Organisation.objects.filter(name__iexact=text).first())
    if found is None:
        raise invalid("organisation", f"'{text[:40]}' is not an organisation in Cadre (give "
                                      "its abbreviation).")
    return found


def find_organisation(value: Any) -> Organisation:
    """An organisation by id, abbreviation or name; ``ValidationError`` naming it."""
    return _organisation(value)


def _grade(value: Any) -> Grade:
    if isinstance(value, Grade):
        return value
    text = _clean(value, field="grade")
    found = Grade.objects.filter(code__iexact=text).first() if 0 < len(text) <= 40 else None
    if found is None and _DIGITS.match(text):
        found = Grade.objects.filter(pk=int(text)).first()
    if found is None:
        raise invalid("grade", f"There is no grade '{text[:40]}' (give its code, for example "
                               "G6)." if text else "Choose the grade.")
    return found


def _pay(value: Any, *, field: str, what: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise invalid(field, f"Give the {what} in whole pounds a year.")
    text = _clean(value, field=field).replace(",", "").replace("£", "").replace(" ", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise invalid(field, f"Give the {what} in whole pounds a year, like 65000, not "
                             f"'{str(value)[:20]}'.") from None
    if not amount.is_finite() or amount != amount.to_integral_value():
        raise invalid(field, f"Give the {what} in whole pounds a year, without pence.")
    if not 1 <= amount <= MAX_PAY:
        raise invalid(field, f"The {what} must be from £1 to £{MAX_PAY:,} a year.")
    return amount.quantize(Decimal(1))


def _choice(value: Any, *, field: str, choices: Any, what: str) -> str:
    text = _clean(value, field=field).lower().replace(" ", "_").replace("-", "_")
    by_label = {str(label).lower().replace(" ", "_"): key for key, label in choices.choices}
    found = text if text in choices.values else by_label.get(text)
    if found is None:
        raise invalid(field, f"Choose {what}: one of {', '.join(choices.values)}.")
    return found


def _whole(value: Any, *, field: str, minimum: int, maximum: int, what: str) -> int:
    if isinstance(value, bool):
        raise invalid(field, f"Give {what} as a whole number.")
    text = _clean(value, field=field)
    if not _DIGITS.match(text):
        raise invalid(field, f"Give {what} as a whole number from {minimum} to {maximum}.")
    number = int(text)
    if not minimum <= number <= maximum:
        raise invalid(field, f"Give {what} from {minimum} to {maximum}.")
    return number


def _closing_date(value: Any, *, unchanged: dt.date | None) -> dt.date:
    """A closing date; a new or changed one is today or later (one kept as it was may have
    passed, so that other details of an open campaign can still be corrected)."""
    if value is None or value == "":
        raise invalid("closing_date", "Enter the closing date.")
    day = parse_date(value, field="closing_date")
    if not EARLIEST <= day <= LATEST:
        raise invalid("closing_date", "Give a closing date between 2000 and 2100.")
    if day != unchanged and day < timezone.localdate():
        raise invalid("closing_date", "The closing date must be today or later.")
    return day


def _version(value: Any) -> int | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]{1,9}", text):
        raise invalid("version", f"Give the version you read as a whole number, not "
                                 f"'{text[:20]}'.")
    return int(text)


def _values(data: dict[str, Any], *, current: Campaign | None) -> dict[str, Any]:
    """Every campaign value checked, all problems at once."""
    before = current.closing_date if current is not None else None
    values = collect({
        "title": lambda: _required(data.get("title"), field="title",
                                   what="the title of the role",
                                   max_length=MAX_CAMPAIGN_TITLE),
        "role_level": lambda: _lookup(RoleLevel, data.get("role_level"), field="role_level",
                                      what="role level"),
        "grade": lambda: _grade(data.get("grade")),
        "pay_min": lambda: _pay(data.get("pay_min"), field="pay_min", what="lowest pay"),
        "pay_max": lambda: _pay(data.get("pay_max"), field="pay_max", what="highest pay"),
        "location": lambda: _required(data.get("location"), field="location",
                                      what="the location", max_length=MAX_LOCATION),
        "closing_date": lambda: _closing_date(data.get("closing_date"), unchanged=before),
        "engagement": lambda: _choice(data.get("engagement") or Engagement.PERMANENT,
                                      field="engagement", choices=Engagement,
                                      what="how the person is engaged"),
        "retention_months": lambda: _whole(
            12 if data.get("retention_months") in (None, "") else data["retention_months"],
            field="retention_months", minimum=MIN_RETENTION_MONTHS,
            maximum=MAX_RETENTION_MONTHS, what="the months applicants' data is kept"),
    })
    low, high = values["pay_min"], values["pay_max"]
    if low is not None and high is None:
        raise invalid("pay_max", "Give the highest pay too, or neither.")
    if high is not None and low is None:
        raise invalid("pay_min", "Give the lowest pay too, or neither.")
    if low is not None and high is not None and low > high:
        raise invalid("pay_max", "The highest pay must not be below the lowest.")
    return values


# -- campaigns -------------------------------------------------------------------------

def _external_vacancy(value: Any) -> Vacancy:
    vacancy = _lookup(Vacancy, value, field="vacancy", what="vacancy")
    if vacancy.external_decided_at is None:
        raise invalid("vacancy", f"{vacancy.title} has not gone external: record the "
                                 "decision to recruit outside government on the vacancy "
                                 "first.")
    return vacancy


@transaction.atomic
def create_campaign(*, actor: Actor | Any, organisation: Organisation | int | str | None = None,
                    vacancy: Vacancy | int | str | None = None, title: str | None = None,
                    role_level: RoleLevel | int | str | None = None,
                    grade: Grade | int | str | None = None, pay_min: Any = None,
                    pay_max: Any = None, location: str | None = None,
                    closing_date: Any = None, engagement: str = Engagement.PERMANENT,
                    retention_months: Any = 12, seed_criteria: bool = True) -> Campaign:
    """A draft campaign: from ``vacancy`` (gone external; what is not given comes from it)
    or for ``organisation`` as a new senior role. With ``seed_criteria`` the plan starts
    with the vacancy's skills or else the role level's required skills (at sift and
    interview, on the written application)."""
    actor = Actor.coerce(actor)
    found = _external_vacancy(vacancy) if vacancy not in (None, "") else None
    defaults = sel.vacancy_defaults(found) if found is not None else {}
    if found is not None:
        chosen = found.organisation
        if organisation not in (None, "") and _organisation(organisation).pk != chosen.pk:
            raise invalid("organisation", f"The vacancy is {chosen.name}'s; a campaign from "
                                          "it is too.")
    else:
        chosen = _organisation(organisation)
    _require_manager(actor, chosen)
    given = {"title": title, "role_level": role_level, "grade": grade, "location": location,
             "closing_date": closing_date}
    data = {name: defaults.get(name) if value in (None, "") else value
            for name, value in given.items()}
    data.update(pay_min=pay_min, pay_max=pay_max, engagement=engagement,
                retention_months=retention_months)
    values = _values(data, current=None)
    if found is not None and found.recruitment_campaigns.exclude(
            state=CampaignState.CANCELLED).exists():
        raise CampaignConflict(f"{found.title} already has a recruitment campaign.",
                               field="vacancy")
    try:
        with transaction.atomic():
            campaign = _saved(Campaign(organisation=chosen, vacancy=found,
                                       created_by=actor.user, **values), actor)
    except IntegrityError:
        raise CampaignConflict("A campaign for this vacancy was started by someone else just "
                               "now.", field="vacancy") from None
    seeded = 0
    if seed_criteria:
        rows = sel.vacancy_skill_criteria(vacancy=found, role_level=campaign.role_level)
        for order, (text, skill) in enumerate(rows[:MAX_CRITERIA], start=1):
            if len(text) > MAX_CRITERION_TEXT:
                text = skill.name[:MAX_CRITERION_TEXT]  # a skill's name alone always fits
            _saved(Criterion(campaign=campaign, text=text, skill=skill,
                             stage=CriterionStage.BOTH, method=CriterionMethod.APPLICATION,
                             order=order), actor)
            seeded += 1
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=campaign,
                 summary=f"Recruitment campaign {campaign.pk} started: {campaign.title} "
                         f"({chosen.abbreviation})",
                 data={"organisation": chosen.pk, "vacancy": found.pk if found else None,
                       "criteria": seeded})
    return campaign


def _locked(campaign: Campaign | int | str, *, field: str = "campaign") -> Campaign:
    pk = campaign.pk if isinstance(campaign, Campaign) else _lookup(
        Campaign, campaign, field=field, what="campaign").pk
    return Campaign.objects.select_for_update().get(pk=pk)


def _check_open_for_change(actor: Actor, row: Campaign, expected: int | None) -> None:
    _require_manager(actor, row)
    if expected is not None and expected != row.version:
        raise CampaignConflict(
            "Someone else changed this campaign after you opened it; nothing was saved. "
            "Read it again and make your change once more.", current=row.version)
    if not row.is_editable:
        raise invalid("state", f"The campaign is {row.get_state_display().lower()}: its "
                               "details and plan change only while it is a draft or open.")


def _bump(actor: Actor, row: Campaign, fields: list[str]) -> None:
    row.version += 1
    _saved(row, actor, update_fields=[*fields, "version", "updated_at"])


@transaction.atomic
def update_campaign(*, actor: Actor | Any, campaign: Campaign | int | str,
                    version: int | str | None, **changes: Any) -> Campaign:
    """Change the fields given (``EDITABLE_FIELDS``) of a draft or open campaign.
    ``version`` is the one read (None skips the check)."""
    actor = Actor.coerce(actor)
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    expected = _version(version)
    row = _locked(campaign)
    _check_open_for_change(actor, row, expected)
    current = {name: getattr(row, name) for name in EDITABLE_FIELDS}
    values = _values({**current, **changes}, current=row)
    changed = [name for name in EDITABLE_FIELDS if values[name] != current[name]]
    if "role_level" in changed and row.criteria.filter(skill__isnull=False).exclude(
            skill__framework_id=values["role_level"].framework_id).exists():
        raise invalid("role_level", "Some criteria name skills of another framework; change "
                                    "them first.")
    if not changed:
        return row
    before = {name: str(current[name] if current[name] is not None else "") for name in changed}
    for name in changed:
        setattr(row, name, values[name])
    _bump(actor, row, changed)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=row,
                 summary=f"Recruitment campaign {row.pk} changed",
                 data={"fields": changed, "before": before,
                       "after": {n: str(values[n] if values[n] is not None else "")
                                 for n in changed},
                       "version": row.version})
    return row


# -- criteria --------------------------------------------------------------------------

def _criterion_values(data: dict[str, Any], campaign: Campaign) -> dict[str, Any]:
    def skill() -> Skill | None:
        value = data.get("skill")
        if value in (None, ""):
            return None
        found = _lookup(Skill, value, field="skill", what="skill")
        if found.framework_id != campaign.role_level.framework_id:
            raise invalid("skill", f"{found.name} is not a skill of the campaign's framework.")
        return found

    values = collect({
        "text": lambda: _required(data.get("text"), field="text", what="the criterion",
                                  max_length=MAX_CRITERION_TEXT),
        "skill": skill,
        "stage": lambda: _choice(data.get("stage") or CriterionStage.BOTH, field="stage",
                                 choices=CriterionStage, what="the stage"),
        "method": lambda: _choice(data.get("method") or CriterionMethod.APPLICATION,
                                  field="method", choices=CriterionMethod,
                                  what="how it is assessed"),
        "order": lambda: _whole(data.get("order"), field="order", minimum=1,
                                maximum=MAX_CRITERIA * 10, what="the position"),
    })
    if values["method"] in _WRONG_METHODS.get(values["stage"], set()):
        stage = CriterionStage(values["stage"]).label.lower()
        method = CriterionMethod(values["method"]).label.lower()
        raise invalid("method", f"A {method} cannot assess a criterion at the {stage} "
                                "only; choose another method or stage.")
    return values


@transaction.atomic
def add_criterion(*, actor: Actor | Any, campaign: Campaign | int | str, text: str,
                  skill: Skill | int | str | None = None, stage: str = CriterionStage.BOTH,
                  method: str = CriterionMethod.APPLICATION, order: int | None = None,
                  version: int | str | None = None) -> Criterion:
    """Add a criterion to a draft or open campaign's plan (last unless ``order`` says)."""
    actor = Actor.coerce(actor)
    expected = _version(version)
    row = _locked(campaign)
    _check_open_for_change(actor, row, expected)
    count = row.criteria.count()
    if count >= MAX_CRITERIA:
        raise invalid("text", f"A campaign has at most {MAX_CRITERIA} criteria.")
    last = row.criteria.aggregate(n=Max("order"))["n"] or 0
    values = _criterion_values({"text": text, "skill": skill, "stage": stage,
                                "method": method,
                                "order": order if order not in (None, "") else last + 1}, row)
    criterion = _saved(Criterion(campaign=row, **values), actor)
    _bump(actor, row, [])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=criterion,
                 summary=f"Criterion added to recruitment campaign {row.pk}",
                 data={"campaign": row.pk, "stage": criterion.stage,
                       "method": criterion.method, "version": row.version})
    return criterion


def _criterion(value: Criterion | int | str) -> Criterion:
    return _lookup(Criterion, value, field="criterion", what="criterion")


@transaction.atomic
def change_criterion(*, actor: Actor | Any, criterion: Criterion | int | str,
                     version: int | str | None = None, **changes: Any) -> Criterion:
    """Change a criterion of a draft or open campaign (``text``, ``skill``, ``stage``,
    ``method``, ``order``); ``version`` is the campaign's, as read."""
    actor = Actor.coerce(actor)
    unknown = sorted(set(changes) - set(CRITERION_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    expected = _version(version)
    item = _criterion(criterion)
    row = _locked(item.campaign_id)
    item = Criterion.objects.select_for_update().get(pk=item.pk)
    _check_open_for_change(actor, row, expected)
    current = {"text": item.text, "skill": item.skill, "stage": item.stage,
               "method": item.method, "order": item.order}
    values = _criterion_values({**current, **changes}, row)
    changed = [name for name in CRITERION_FIELDS if values[name] != current[name]]
    if not changed:
        return item
    for name in changed:
        setattr(item, name, values[name])
    _saved(item, actor, update_fields=changed)
    _bump(actor, row, [])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=item,
                 summary=f"Criterion {item.pk} of recruitment campaign {row.pk} changed",
                 data={"campaign": row.pk, "fields": changed, "version": row.version})
    return item


@transaction.atomic
def remove_criterion(*, actor: Actor | Any, criterion: Criterion | int | str,
                     version: int | str | None = None) -> Campaign:
    """Take a criterion out of a draft or open campaign's plan; refused once applications
    or scores rest on it. Returns the campaign."""
    actor = Actor.coerce(actor)
    expected = _version(version)
    item = _criterion(criterion)
    row = _locked(item.campaign_id)
    _check_open_for_change(actor, row, expected)
    text = item.text
    item._history_user = history_user(actor)
    try:
        with transaction.atomic():
            item.delete()
    except ProtectedError:
        raise invalid("criterion", "Applications or scores already rest on this criterion, "
                                   "so it stays in the plan.") from None
    _bump(actor, row, [])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_DELETED, target=row,
                 summary=f"Criterion removed from recruitment campaign {row.pk}",
                 data={"campaign": row.pk, "criterion": text, "version": row.version})
    return row


# -- the workflow ----------------------------------------------------------------------

def _target(to: Any) -> str:
    text = _clean(to, field="to").lower().replace(" ", "_")
    aliases = {"interviews": CampaignState.INTERVIEW, "cancel": CampaignState.CANCELLED,
               "close": CampaignState.CLOSED, "decide": CampaignState.DECIDED}
    state = aliases.get(text, text)
    if state not in STEPS:
        raise invalid("to", f"'{text[:30]}' is not a state a campaign moves to; choose one of "
                            f"{', '.join(STEPS)}.")
    return state


def _ready_to_open(campaign: Campaign) -> None:
    errors: dict[str, list[str]] = {}
    if campaign.pay_min is None or campaign.pay_max is None:
        errors["pay_min"] = ["Set the pay range before opening the campaign."]
    if campaign.closing_date < timezone.localdate():
        errors["closing_date"] = ["The closing date has passed; move it on before opening "
                                  "the campaign."]
    plan = list(campaign.criteria.all())
    if not any(c.at_sift for c in plan):
        errors["criteria"] = ["The assessment plan needs a criterion assessed at sift."]
    if not any(c.at_interview for c in plan):
        errors.setdefault("criteria", []).append(
            "The assessment plan needs a criterion assessed at interview.")
    if errors:
        raise ValidationError(errors)


#: Application states that a campaign moving to the key would leave with no way on: the
#: panel decides only while the campaign is at the matching stage, and nothing changes
#: once it is closed.
_UNFINISHED = {CampaignState.INTERVIEW: ("submitted",),
               CampaignState.DECIDED: ("submitted", "sifted_in", "interviewed"),
               CampaignState.CLOSED: ("submitted", "sifted_in", "interviewed", "offered")}
_WAITING_FOR = {CampaignState.INTERVIEW: "wait for the sift decision",
                CampaignState.DECIDED: "wait for the panel's decision",
                CampaignState.CLOSED: "wait for a decision or an answer to an offer"}


def _no_application_left_behind(campaign: Campaign, state: str) -> None:
    """Refuse to start interviews while applications are not yet sifted, to decide a
    campaign while applications still wait for the panel, or to close it while an offer
    waits for an answer (they would stay in that state for ever)."""
    waiting = _UNFINISHED.get(state)
    if not waiting:
        return
    count = campaign.applications.filter(state__in=waiting).count()
    if count:
        raise invalid("to", f"{count} application(s) still {_WAITING_FOR[state]}: decide, "
                            "record or withdraw them first.")


def transition(*, actor: Actor | Any, campaign_id: int | str, to: str,
               version: int | str | None = None, reason: str = "") -> Campaign:
    """Move the campaign to ``to`` (open, sift, interview, decided, closed, cancelled).

    Under the row's lock: a step no longer possible from the state found, or a ``version``
    other than the stored one, is a ``TransitionConflict`` (409). Cancelling needs a
    ``reason``; opening, see the module docstring."""
    actor = Actor.coerce(actor)
    state = _target(to)
    expected = _version(version)
    reason = check_text(_clean(reason, field="reason"), field="reason",
                        max_length=MAX_CANCEL_REASON)
    if state == CampaignState.CANCELLED and not reason:
        raise invalid("reason", "Give the reason for cancelling the campaign.")
    pk = _lookup(Campaign, campaign_id, field="campaign", what="campaign").pk
    step = STEPS[state]

    def authorise(who: Actor, row: Campaign) -> bool:
        _require_manager(who, row)
        return True

    def work(row: Campaign) -> None:
        if expected is not None and expected != row.version:
            raise TransitionConflict(
                instance=row, transition=step, current_state=row.state,
                message="Someone else changed this campaign after you opened it; nothing was "
                        "changed. Read it again and try once more.")
        if state == CampaignState.OPEN:
            _ready_to_open(row)
        _no_application_left_behind(row, state)
        row.version += 1

    return run_transition(
        model=Campaign, pk=pk, transition=step, actor=actor, authorise=authorise,
        work=work, reason=reason,
        arguments={"reason": reason} if state == CampaignState.CANCELLED else None,
        data={"organisation": Campaign.objects.filter(pk=pk).values_list(
            "organisation_id", flat=True).first()},
        summary=f"Recruitment campaign {pk}: {step.replace('_', ' ')}")
