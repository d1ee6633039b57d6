"""Writes for strategies, workstreams, milestones and delivery confidence (issue 19, area 1).

Every write is keyword-only, atomic, audited and authorised with an ``Actor``:

- the central team (``STRATEGY_EDITORS``) and the command line set up strategies,
  workstreams, milestones, confidence scales and reporting periods, import published
  workstreams and milestones, and give the *central* rating;
- owners, heads of profession of an owning organisation (the milestone's owner, the
  workstream's lead or the plan's department: ``selectors.workstreams.may_own``), update a
  milestone's forecast, actual date, status and evidence and give the *owner* rating.

Progress and ratings change only through :func:`change_milestone` and
:func:`rate_milestone`, which both lock the milestone's row first (``select_for_update``)
and compare the version the caller read (the milestone's ``version``; the rating's
``version``, 0 when there was none yet) with the stored one: a stale form or a lost race
is a :class:`WorkstreamConflict` (HTTP 409), never a lost update. Writes use
``save(update_fields=...)``.

A reporting period keeps its scale and dates once it has ratings. Limits: docs/limits.md, "Strategy:
workstreams and milestones".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import check_text, collect, invalid, parse_date
from cadre.core.tabular import CellError, TableError, read_table
from cadre.core.versions import check_version
from cadre.organisations.models import Organisation, OrganisationType
from cadre.strategy import milestone_dates
from cadre.strategy.models import (
    MAX_DATE_TEXT,
    MAX_DESCRIPTION,
    MAX_EVIDENCE,
    MAX_LEVELS,
    MAX_MILESTONE_TITLE,
    MAX_WORKSTREAM_NAME,
    ConfidenceLevel,
    ConfidenceRating,
    ConfidenceScale,
    Milestone,
    MilestoneStatus,
    RaterKind,
    ReportingPeriod,
    Strategy,
    Workstream,
    WorkstreamKind,
)
from cadre.strategy.selectors import workstreams as sel

#: Limits of this area (docs/limits.md).
MAX_STRATEGY_NAME = 200
MAX_URL = 500
MAX_COMMENT = 2000
MAX_SCALE_NAME = 100
MAX_LEVEL_LABEL = 60
MAX_PERIOD_LABEL = 60
MAX_PARTICIPANTS = 100
MAX_IMPORT_BYTES = 5 * 1024 * 1024
#: Dates a milestone's forecast, actual date or a period may have.
EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)

EDITORS_ONLY = ("Only the central team and administrators set up strategies, workstreams, "
                "milestones, scales and periods, and give the central rating.")
OWNERS_ONLY = ("Only heads of profession of the organisation that owns this milestone, the "
               "central team and administrators update it and give the owner's rating.")
PROGRESS_FIELDS = ("status", "forecast_date", "actual_date", "evidence", "evidence_url")


class WorkstreamConflict(Exception):
    """Someone changed the milestone or rating after it was read (HTTP 409)."""

    def __init__(self, message: str, *, field: str | None = "version") -> None:
        self.message = message
        self.field = field
        super().__init__(message)


def _saved(instance: Any, actor: Actor, **kwargs: Any) -> Any:
    instance._history_user = history_user(actor)
    instance.save(**kwargs)
    return instance


def _require_editor(actor: Actor) -> None:
    if not actor.trusted and not sel.may_edit(actor.user):
        raise PermissionDenied(EDITORS_ONLY)


def _require_owner(actor: Actor, milestone: Milestone) -> None:
    if not actor.trusted and not sel.may_own(actor.user, milestone):
        raise PermissionDenied(OWNERS_ONLY)


# -- checking values -------------------------------------------------------------------

def _text(value: Any, *, field: str, max_length: int, required: str = "") -> str:
    text = str(value if value is not None else "").strip()
    if "\x00" in text:
        raise invalid(field, "Remove the NUL character (\\0) from the text.")
    if required and not text:
        raise invalid(field, f"Enter {required}.")
    return check_text(text, field=field, max_length=max_length)


def _url(value: Any, *, field: str) -> str:
    text = _text(value, field=field, max_length=MAX_URL)
    if text:
        try:
            URLValidator(schemes=["https", "http"])(text)
        except ValidationError:
            raise invalid(field, "Give a web address starting https://.") from None
    return text


def _date(value: Any, *, field: str, required: bool = False) -> dt.date | None:
    if value in (None, "") and not required:
        return None
    day = parse_date(value, field=field)
    if not EARLIEST <= day <= LATEST:
        raise invalid(field, f"Give a date between {EARLIEST:%Y} and {LATEST:%Y}.")
    return day


def _choice(value: Any, *, field: str, choices: Any) -> str:
    """A choice by its value or its words, any case."""
    text = str(value if value is not None else "").strip()
    for key, label in choices.choices:
        if text.lower() in (key.lower(), str(label).lower()) \
                or text.lower().replace(" ", "_") == key:
            return key
    words = ", ".join(str(label).lower() for _, label in choices.choices)
    raise invalid(field, f"'{text[:40]}' is not one of: {words}.")


def _organisation(value: Any, *, field: str, required: bool = True) -> Organisation | None:
    if isinstance(value, Organisation):
        return value
    text = str(value if value is not None else "").strip()
    if not text:
        if required:
            raise invalid(field, "Name the organisation (its abbreviation).")
        return None
    found = None
    if re.fullmatch(r"[0-9]{1,18}", text):
        found = Organisation.objects.filter(pk=int(text)).first()
    found = found or Organisation.objects.filter(abbreviation__iexact=text).first() \
        or Organisation.objects.filter(name__iexact=text).first()
    if found is None:
        raise invalid(field, f"'{text[:60]}' is not an organisation in Cadre.")
    return found


def _get(model: Any, value: Any, *, field: str, what: str, lock: bool = False) -> Any:
    if isinstance(value, model):
        pk: Any = value.pk
    else:
        pk = value
    text = str(pk if pk is not None else "").strip()
    if not re.fullmatch(r"[0-9]{1,18}", text):
        raise invalid(field, f"There is no {what} {text[:40]}.")
    qs = model.objects.select_for_update() if lock else model.objects.all()
    found = qs.filter(pk=int(text)).first()
    if found is None:
        raise invalid(field, f"There is no {what} {text[:40]}.")
    return found


def _strategy(value: Any) -> Strategy:
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{1,18}", value.strip()):
        found = sel.strategy_by_name(value)
        if found is None:
            raise invalid("strategy", f"There is no strategy called '{value[:60]}'.")
        return found
    return _get(Strategy, value, field="strategy", what="strategy")


# -- strategies and workstreams --------------------------------------------------------

@transaction.atomic
def create_strategy(*, actor: Actor | Any, name: str, published: Any = None,
                    description: str = "", source_url: str = "") -> Strategy:
    """A strategy to track (the central team)."""
    actor = Actor.coerce(actor)
    _require_editor(actor)
    values = collect({
        "name": lambda: _text(name, field="name", max_length=MAX_STRATEGY_NAME,
                              required="the strategy's name"),
        "published": lambda: _date(published, field="published"),
        "description": lambda: _text(description, field="description",
                                     max_length=MAX_DESCRIPTION),
        "source_url": lambda: _url(source_url, field="source_url"),
    })
    if Strategy.objects.filter(name__iexact=values["name"]).exists():
        raise invalid("name", f"There is already a strategy called {values['name']}.")
    strategy = _saved(Strategy(**values), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=strategy,
                 summary=f"Strategy {strategy.name} set up")
    return strategy


@transaction.atomic
def create_workstream(*, actor: Actor | Any, strategy: Strategy | int | str, name: str,
                      lead_organisation: Organisation | int | str,
                      kind: str = WorkstreamKind.STRATEGY,
                      organisation: Organisation | int | str | None = None,
                      participants: Iterable[Organisation | int | str] = (),
                      description: str = "") -> Workstream:
    """A workstream led by an organisation, or a department's implementation plan
    (``kind="departmental_plan"`` with ``organisation``) (the central team)."""
    actor = Actor.coerce(actor)
    _require_editor(actor)
    participants = list(participants or [])
    values = collect({
        "strategy": lambda: _strategy(strategy),
        "name": lambda: _text(name, field="name", max_length=MAX_WORKSTREAM_NAME,
                              required="the workstream's name"),
        "kind": lambda: _choice(kind or WorkstreamKind.STRATEGY, field="kind",
                                choices=WorkstreamKind),
        "lead_organisation": lambda: _organisation(lead_organisation,
                                                   field="lead_organisation"),
        "organisation": lambda: _organisation(organisation, field="organisation",
                                              required=False),
        "description": lambda: _text(description, field="description",
                                     max_length=MAX_DESCRIPTION),
        "participants": lambda: [_organisation(p, field="participants")
                                 for p in participants[:MAX_PARTICIPANTS + 1]],
    })
    if len(values["participants"]) > MAX_PARTICIPANTS:
        raise invalid("participants", f"Name at most {MAX_PARTICIPANTS} participants.")
    if values["kind"] == WorkstreamKind.DEPARTMENTAL_PLAN and values["organisation"] is None:
        raise invalid("organisation", "Name the department the implementation plan is for.")
    if values["kind"] == WorkstreamKind.STRATEGY and values["organisation"] is not None:
        raise invalid("organisation", "Only a departmental implementation plan belongs to a "
                                      "department; leave it empty.")
    if Workstream.objects.filter(strategy=values["strategy"],
                                 name__iexact=values["name"]).exists():
        raise invalid("name", f"{values['strategy'].name} already has a workstream called "
                              f"{values['name']}.")
    people = values.pop("participants")
    workstream = _saved(Workstream(**values), actor)
    if people:
        workstream.participants.set(people)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=workstream,
                 summary=f"Workstream {workstream.name} set up",
                 data={"strategy": workstream.strategy_id, "kind": workstream.kind,
                       "lead": workstream.lead_organisation.abbreviation,
                       "participants": sorted(o.abbreviation for o in people)})
    return workstream


def _baseline(date_text: str) -> dict[str, Any]:
    read = milestone_dates.parse(date_text) if date_text else None
    if read is None or not read.read:
        return {"baseline_kind": milestone_dates.UNREAD, "baseline_start": None,
                "baseline_end": None}
    return {"baseline_kind": read.kind, "baseline_start": read.start, "baseline_end": read.end}


@transaction.atomic
def create_milestone(*, actor: Actor | Any, workstream: Workstream | int | str, title: str,
                     date_text: str = "", owner_organisation: Any = None,
                     position: int | None = None) -> Milestone:
    """A milestone with its published date as written ("by March 2012"); the baseline is
    read from it (``milestone_dates``) and an unreadable one is kept as text, unread
    (the central team)."""
    actor = Actor.coerce(actor)
    _require_editor(actor)
    values = collect({
        "workstream": lambda: _get(Workstream, workstream, field="workstream",
                                   what="workstream"),
        "title": lambda: _text(title, field="title", max_length=MAX_MILESTONE_TITLE,
                               required="the milestone"),
        "date_text": lambda: _text(date_text, field="date_text", max_length=MAX_DATE_TEXT),
        "owner_organisation": lambda: _organisation(owner_organisation,
                                                    field="owner_organisation",
                                                    required=False),
    })
    ws = values["workstream"]
    if position is None:
        last = ws.milestones.order_by("-position").values_list("position", flat=True).first()
        position = (last or 0) + 1
    milestone = _saved(Milestone(**values, **_baseline(values["date_text"]),
                                 position=position), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=milestone,
                 summary=f"Milestone added to {ws.name}",
                 data={"date_text": milestone.date_text, "baseline": milestone.baseline_kind})
    return milestone


# -- the transition service: progress and ratings under the milestone's lock -----------

def _locked(milestone: Milestone | int | str) -> Milestone:
    """The milestone's row, locked until the transaction ends."""
    found = _get(Milestone, milestone, field="milestone", what="milestone", lock=True)
    return Milestone.objects.select_related("workstream__lead_organisation",
                                            "owner_organisation").get(pk=found.pk)


def _version(value: Any, *, field: str = "version") -> int | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]{1,9}", text):
        raise invalid(field, f"Give the version you read as a whole number, not "
                             f"'{text[:20]}'.")
    return int(text)


@transaction.atomic
def change_milestone(*, actor: Actor | Any, milestone: Milestone | int | str,
                     version: int | str | None, **changes: Any) -> Milestone:
    """Update a milestone's status, forecast, actual date and evidence (owners).

    ``version`` is the milestone's version the change is based on; when it is no longer the
    stored one (someone saved in between) nothing is written and
    :class:`WorkstreamConflict` is raised. ``None`` skips the check (the command line, and
    an API call that sends no version, as a PATCH without ``If-Match``); pages always send
    it.
    Done needs an actual date; an actual date is not in the future."""
    actor = Actor.coerce(actor)
    unknown = sorted(set(changes) - set(PROGRESS_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed here.")
    expected = _version(version)
    row = _locked(milestone)
    _require_owner(actor, row)
    if expected is not None and expected != row.version:
        raise WorkstreamConflict(
            "Someone else changed this milestone after you opened it; nothing was saved. "
            "Read it again and make your change once more.")
    checks: dict[str, Any] = {}
    if "status" in changes:
        checks["status"] = lambda: _choice(changes["status"], field="status",
                                           choices=MilestoneStatus)
    for name in ("forecast_date", "actual_date"):
        if name in changes:
            checks[name] = (lambda n=name: _date(changes[n], field=n))
    if "evidence" in changes:
        checks["evidence"] = lambda: _text(changes["evidence"], field="evidence",
                                           max_length=MAX_EVIDENCE)
    if "evidence_url" in changes:
        checks["evidence_url"] = lambda: _url(changes["evidence_url"], field="evidence_url")
    values = collect(checks)
    after = {name: values.get(name, getattr(row, name)) for name in PROGRESS_FIELDS}
    if after["actual_date"] and after["actual_date"] > timezone.localdate():
        raise invalid("actual_date", "The actual date cannot be in the future; give the "
                                     "forecast instead.")
    if after["status"] == MilestoneStatus.DONE and not after["actual_date"]:
        raise invalid("actual_date", "Give the date the milestone was met.")
    changed = [name for name in PROGRESS_FIELDS if getattr(row, name) != after[name]]
    if not changed:
        return row
    before = {name: str(getattr(row, name) or "") for name in changed}
    for name in changed:
        setattr(row, name, after[name])
    row.version += 1
    row.updated_by = actor.user
    _saved(row, actor, update_fields=[*changed, "version", "updated_by", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=row,
                 summary=f"Milestone {row.pk} progress updated",
                 data={"fields": changed, "before": before,
                       "after": {name: str(after[name] or "") for name in changed},
                       "version": row.version})
    return row


def _level(value: Any, period: ReportingPeriod) -> ConfidenceLevel:
    """A level of the period's scale, by record, id, position ("3") or words ("Amber")."""
    levels = sel.levels(period)
    if isinstance(value, ConfidenceLevel):
        found = next((lv for lv in levels if lv.pk == value.pk), None)
    else:
        text = str(value if value is not None else "").strip()
        found = next((lv for lv in levels if lv.label.lower() == text.lower()), None)
        if found is None and re.fullmatch(r"[0-9]{1,18}", text):
            number = int(text)
            found = next((lv for lv in levels if lv.pk == number), None) \
                or next((lv for lv in levels if lv.position == number), None)
    if found is None:
        words = ", ".join(lv.label for lv in levels)
        raise invalid("level", f"Choose one of the {period.scale.name} levels: {words}.")
    return found


@transaction.atomic
def rate_milestone(*, actor: Actor | Any, milestone: Milestone | int | str,
                   period: ReportingPeriod | int | str, rater_kind: str, level: Any,
                   comment: str = "", version: int | str | None = None) -> ConfidenceRating:
    """Give or change the owner's or the central team's delivery confidence in a milestone
    for a period, on the period's scale. ``version`` is the rating's version the change is
    based on (0: there was none yet); a different stored one is a
    :class:`WorkstreamConflict`. Owners give the owner rating, the central team the
    central one. Each change is kept in the rating's history."""
    actor = Actor.coerce(actor)
    kind = _choice(rater_kind, field="rater_kind", choices=RaterKind)
    expected = _version(version)
    row = _locked(milestone)
    if kind == RaterKind.CENTRAL:
        _require_editor(actor)
    else:
        _require_owner(actor, row)
    if expected is None and not actor.trusted:
        raise invalid("version", "Give the version of the rating you read (0 if none).")
    the_period = _get(ReportingPeriod, period, field="period", what="reporting period")
    values = collect({
        "level": lambda: _level(level, the_period),
        "comment": lambda: _text(comment, field="comment", max_length=MAX_COMMENT),
    })
    existing = ConfidenceRating.objects.filter(milestone=row, period=the_period,
                                               rater_kind=kind).first()
    current = existing.version if existing else 0
    if expected is not None and expected != current:
        raise WorkstreamConflict(
            f"Someone else gave the {RaterKind(kind).label.lower()} rating for "
            f"{the_period.label} after you opened the page; nothing was saved. Read it "
            "again and rate once more.")
    now = timezone.now()
    if existing is None:
        rating = ConfidenceRating(milestone=row, period=the_period, rater_kind=kind,
                                  level=values["level"], comment=values["comment"],
                                  rated_by=actor.user, rated_by_label=actor.label,
                                  rated_at=now)
        try:
            with transaction.atomic():
                _saved(rating, actor)
        except IntegrityError:
            raise WorkstreamConflict("Someone else rated this milestone at the same time; "
                                     "read it again.") from None
        action = AuditEvent.Action.RECORD_CREATED
    else:
        rating = existing
        before = rating.level.label
        rating.level, rating.comment = values["level"], values["comment"]
        rating.rated_by, rating.rated_by_label, rating.rated_at = actor.user, actor.label, now
        rating.version += 1
        _saved(rating, actor, update_fields=["level", "comment", "rated_by",
                                             "rated_by_label", "rated_at", "version"])
        action = AuditEvent.Action.RECORD_UPDATED
    record_event(actor=actor, action=action, target=rating,
                 summary=f"{RaterKind(kind).label} rating of milestone {row.pk} for "
                         f"{the_period.label}: {rating.level.label}",
                 data={"milestone": row.pk, "period": the_period.pk, "rater": kind,
                       "level": rating.level.label, "score": str(rating.level.score),
                       "before": before if existing else None, "version": rating.version})
    return rating


# -- scales and periods ----------------------------------------------------------------

def _levels(levels: Iterable[Any]) -> list[tuple[str, Decimal, str]]:
    """(label, score, description) per level, most confident first; a bare label gets an
    evenly spaced score from 1 down to 0."""
    given = list(levels or [])
    if not 2 <= len(given) <= MAX_LEVELS:
        raise invalid("levels", f"Give between 2 and {MAX_LEVELS} levels, most confident "
                                "first.")
    out: list[tuple[str, Decimal, str]] = []
    for index, item in enumerate(given):
        label, score, description = item, None, ""
        if isinstance(item, dict):
            label, score = item.get("label"), item.get("score")
            description = item.get("description") or ""
        elif isinstance(item, (tuple, list)):
            label, score = item[0], item[1] if len(item) > 1 else None
        text = _text(label, field="levels", max_length=MAX_LEVEL_LABEL,
                     required="each level's words")
        if score is None or score == "":
            value = Decimal(len(given) - 1 - index) / Decimal(len(given) - 1)
        else:
            try:
                value = Decimal(str(score))
            except ArithmeticError:
                raise invalid("levels", f"Give {text}'s score as a number from 0 to 1.") \
                    from None
        if not value.is_finite() or not 0 <= value <= 1:
            raise invalid("levels", f"Give {text}'s score as a number from 0 to 1.")
        out.append((text, value.quantize(Decimal("0.001")),
                    _text(description, field="levels", max_length=300)))
    labels = [label.lower() for label, _, _ in out]
    if len(set(labels)) != len(labels):
        raise invalid("levels", "Give each level different words.")
    scores = [score for _, score, _ in out]
    if any(a <= b for a, b in zip(scores, scores[1:], strict=False)):
        raise invalid("levels", "Scores must go down from the most confident level to the "
                                "least.")
    return out


@transaction.atomic
def create_scale(*, actor: Actor | Any, name: str, levels: Iterable[Any],
                 description: str = "") -> ConfidenceScale:
    """A confidence scale, levels most confident first (the central team)."""
    actor = Actor.coerce(actor)
    _require_editor(actor)
    values = collect({
        "name": lambda: _text(name, field="name", max_length=MAX_SCALE_NAME,
                              required="the scale's name"),
        "description": lambda: _text(description, field="description",
                                     max_length=MAX_DESCRIPTION),
        "levels": lambda: _levels(levels),
    })
    if ConfidenceScale.objects.filter(name__iexact=values["name"]).exists():
        raise invalid("name", f"There is already a scale called {values['name']}.")
    scale = _saved(ConfidenceScale(name=values["name"], description=values["description"]),
                   actor)
    ConfidenceLevel.objects.bulk_create([
        ConfidenceLevel(scale=scale, position=i, label=label, score=score,
                        description=words)
        for i, (label, score, words) in enumerate(values["levels"], start=1)])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=scale,
                 summary=f"Confidence scale {scale.name} set up",
                 data={"levels": [[label, str(score)] for label, score, _ in
                                  values["levels"]]})
    return scale


def _period_values(*, label: Any, starts_on: Any, ends_on: Any, scale: Any,
                   exclude: int | None = None) -> dict[str, Any]:
    values = collect({
        "label": lambda: _text(label, field="label", max_length=MAX_PERIOD_LABEL,
                               required="the period's name"),
        "starts_on": lambda: _date(starts_on, field="starts_on", required=True),
        "ends_on": lambda: _date(ends_on, field="ends_on", required=True),
        "scale": lambda: _get(ConfidenceScale, scale, field="scale", what="scale"),
    })
    if values["ends_on"] < values["starts_on"]:
        raise invalid("ends_on", "The period must end on or after the day it starts.")
    others = ReportingPeriod.objects.exclude(pk=exclude) if exclude else \
        ReportingPeriod.objects.all()
    if others.filter(label__iexact=values["label"]).exists():
        raise invalid("label", f"There is already a period called {values['label']}.")
    return values


@transaction.atomic
def create_period(*, actor: Actor | Any, label: str, starts_on: Any, ends_on: Any,
                  scale: ConfidenceScale | int | str) -> ReportingPeriod:
    """A reporting period pinned to a scale (the central team)."""
    actor = Actor.coerce(actor)
    _require_editor(actor)
    values = _period_values(label=label, starts_on=starts_on, ends_on=ends_on, scale=scale)
    period = _saved(ReportingPeriod(**values), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=period,
                 summary=f"Reporting period {period.label} set up",
                 data={"scale": period.scale.name})
    return period


@transaction.atomic
def update_period(*, actor: Actor | Any, period: ReportingPeriod | int | str,
                  if_match: Collection[str] | None = None, **changes: Any) -> ReportingPeriod:
    """Change a period's name, dates or scale; its scale and dates are fixed once it has
    ratings (its name may still be corrected). ``if_match``: the versions read
    (``core.versions``); a stale one raises ``StaleVersion`` and nothing changes."""
    actor = Actor.coerce(actor)
    _require_editor(actor)
    row = _get(ReportingPeriod, period, field="period", what="reporting period", lock=True)
    check_version(row, if_match)
    unknown = sorted(set(changes) - {"label", "starts_on", "ends_on", "scale"})
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    current = {"label": row.label, "starts_on": row.starts_on, "ends_on": row.ends_on,
               "scale": row.scale_id}
    values = _period_values(**{**current, **changes}, exclude=row.pk)
    if row.ratings.exists():
        if values["scale"].pk != row.scale_id:
            raise invalid("scale", f"{row.label} has ratings on {row.scale.name}; its scale "
                                   "cannot change. Set up a new period for the new scale.")
        if (values["starts_on"], values["ends_on"]) != (row.starts_on, row.ends_on):
            raise invalid("starts_on", f"{row.label} has ratings; its dates cannot change.")
    changed = [k for k in current if (values[k].pk if k == "scale" else values[k])
               != current[k]]
    if not changed:
        return row
    for name in changed:
        setattr(row, name, values[name])
    _saved(row, actor, update_fields=changed)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=row,
                 summary=f"Reporting period {row.label} changed", data={"fields": changed})
    return row


# -- importing published workstreams and milestones ------------------------------------

@dataclass
class UnreadDate:
    row: int
    workstream: str
    title: str
    date_text: str
    problem: str


@dataclass
class ImportReport:
    strategies_created: list[str] = field(default_factory=list)
    workstreams_created: int = 0
    workstreams_existing: int = 0
    milestones_created: int = 0
    milestones_existing: int = 0
    dates_read: int = 0
    unread: list[UnreadDate] = field(default_factory=list)
    #: (name as written, abbreviation, how: matched, mapped or created as TYPE)
    organisations: list[tuple[str, str, str]] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        verb = "Would import" if self.dry_run else "Imported"
        out = [f"{verb} {self.workstreams_created} workstream(s) "
               f"({self.workstreams_existing} already there) and {self.milestones_created} "
               f"milestone(s) ({self.milestones_existing} already there); "
               f"{self.dates_read} date(s) read, {len(self.unread)} not read."]
        for name in self.strategies_created:
            out.append(f"New strategy: {name}")
        for name, abbreviation, how in self.organisations:
            out.append(f"Lead organisation '{name}' -> {abbreviation} ({how})")
        for item in self.unread:
            out.append(f"Date not read, row {item.row}: '{item.date_text}' in "
                       f"'{item.title}' ({item.workstream}): {item.problem} The milestone is "
                       "kept with no baseline date.")
        if self.dry_run:
            out.append("Dry run: nothing was saved.")
        return out


class _DryRun(Exception):
    pass


_ORGANISATION_TYPES = (
    (r"fire and rescue|fire & rescue", OrganisationType.FIRE_AND_RESCUE_SERVICE),
    (r"\bpolice\b|constabulary", OrganisationType.POLICE_FORCE),
    (r"\bnhs\b|hospital|health board", OrganisationType.NHS_BODY),
    (r"\bcouncil\b|borough|county", OrganisationType.LOCAL_AUTHORITY),
    (r"scottish government|welsh government|northern ireland executive",
     OrganisationType.DEVOLVED_ADMINISTRATION),
    (r"^(department|ministry|home office|cabinet office|hm treasury)",
     OrganisationType.MINISTERIAL_DEPARTMENT),
)
_SKIP_WORDS = {"and", "of", "for", "the", "&", "on", "in"}


def organisation_type_for(name: str) -> str:
    """The organisation type a new organisation's name suggests (other public body else)."""
    lowered = name.lower()
    for pattern, kind in _ORGANISATION_TYPES:
        if re.search(pattern, lowered):
            return kind
    return OrganisationType.OTHER_PUBLIC_BODY


def _abbreviation_for(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in _SKIP_WORDS]
    base = ("".join(w[0] for w in words).upper() or "ORG")[:20]
    taken = {a.casefold() for a in Organisation.objects.values_list("abbreviation", flat=True)}
    candidate, number = base, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """``["Old name=ABBR", ...]`` -> ``{"Old name": "ABBR"}``; a malformed item is an
    error naming it."""
    mapping: dict[str, str] = {}
    for item in items or []:
        name, sep, abbreviation = str(item).rpartition("=")
        if not sep or not name.strip() or not abbreviation.strip():
            raise invalid("map", f"Give each mapping as \"Name=ABBR\", not '{str(item)[:80]}'.")
        mapping[name.strip()] = abbreviation.strip()
    return mapping


def _match_leads(names: list[str], mapping: dict[str, str]) -> tuple[
        dict[str, Organisation | None], dict[str, str]]:
    """Each lead name to an organisation (or None) and how it was found."""
    from cadre.organisations.selectors import match_organisation_names

    found: dict[str, Organisation | None] = {}
    how: dict[str, str] = {}
    lowered = {k.casefold(): v for k, v in mapping.items()}
    for name in names:
        if name.casefold() in lowered:
            abbreviation = lowered[name.casefold()]
            org = Organisation.objects.filter(abbreviation__iexact=abbreviation).first()
            if org is None:
                raise invalid("map", f"--map \"{name}={abbreviation}\": there is no "
                                     f"organisation {abbreviation}.")
            found[name], how[name] = org, "mapped"
    rest = [n for n in names if n not in found]
    for name, org in match_organisation_names(rest).items():
        found[name], how[name] = org, "matched"
    return found, how


def _check_text(errors: list[CellError], row: int, column: str, value: str,
                limit: int) -> None:
    if not value.strip():
        errors.append(CellError(row, column, "This cell is empty."))
    elif "\x00" in value:
        errors.append(CellError(row, column, "Remove the NUL character (\\0)."))
    elif len(value.strip()) > limit:
        errors.append(CellError(row, column, f"Use at most {limit:,} characters (this has "
                                             f"{len(value.strip()):,})."))


def import_milestones(*, actor: Actor | Any, workstreams_data: bytes, milestones_data: bytes,
                      workstreams_filename: str = "workstreams.csv",
                      milestones_filename: str = "milestones.csv",
                      mapping: dict[str, str] | None = None, create_missing: bool = False,
                      dry_run: bool = False) -> ImportReport:
    """Import published workstreams (``strategy,workstream,lead_organisation``) and their
    milestones (``strategy,workstream,milestone``, the date inside the text) (the central
    team and the command line).

    All or nothing: a file with faults raises ``TableError`` naming every bad row, and lead
    organisations that match nothing stop the import listing them (rows and names), unless
    mapped (``mapping``: name -> abbreviation) or ``create_missing``, which creates each as
    an *open* organisation of the type its name suggests (``organisations.services.
    create_organisation``: a lead like "Hampshire Fire and Rescue Service" still exists, so
    it is not created closed). Strategies are created when missing. Workstreams and
    milestones already there (same strategy and name; same workstream and title) are left
    alone, so importing twice changes nothing. Dates that cannot be read are listed in the
    report; those milestones are kept with their text and no baseline."""
    actor = Actor.coerce(actor)
    _require_editor(actor)
    report = ImportReport(dry_run=dry_run)
    try:
        with transaction.atomic():
            _import(actor, workstreams_data, milestones_data, workstreams_filename,
                    milestones_filename, mapping or {}, create_missing, report)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    record_event(actor=actor, action=AuditEvent.Action.IMPORT,
                 summary=f"Strategy milestones {'checked' if dry_run else 'imported'} from "
                         f"{workstreams_filename[:80]} and {milestones_filename[:80]}",
                 data={"workstreams": report.workstreams_created,
                       "milestones": report.milestones_created,
                       "unread": len(report.unread), "dry_run": dry_run})
    return report


def _import(actor: Actor, ws_data: bytes, ms_data: bytes, ws_name: str, ms_name: str,
            mapping: dict[str, str], create_missing: bool, report: ImportReport) -> None:
    from cadre.organisations.services import create_organisation

    ws_table = read_table(ws_data, filename=ws_name, max_bytes=MAX_IMPORT_BYTES,
                          required=["strategy", "workstream", "lead_organisation"])
    ms_table = read_table(ms_data, filename=ms_name, max_bytes=MAX_IMPORT_BYTES,
                          required=["strategy", "workstream", "milestone"])
    errors: list[CellError] = []
    leads: dict[tuple[str, str], tuple[int, str]] = {}
    for row in ws_table.rows:
        v = row.values
        for column, limit in (("strategy", MAX_STRATEGY_NAME),
                              ("workstream", MAX_WORKSTREAM_NAME),
                              ("lead_organisation", 200)):
            _check_text(errors, row.number, column, v.get(column, ""), limit)
        key = (v.get("strategy", "").strip().casefold(), v.get("workstream", "").strip()
               .casefold())
        if key in leads:
            errors.append(CellError(row.number, "workstream", f"The workstream is listed "
                                    f"twice (also row {leads[key][0]}) in {ws_name}."))
        leads[key] = (row.number, v.get("lead_organisation", "").strip())
    planned: list[tuple[int, str, str, milestone_dates.Split]] = []
    for row in ms_table.rows:
        v = row.values
        for column, limit in (("strategy", MAX_STRATEGY_NAME),
                              ("workstream", MAX_WORKSTREAM_NAME),
                              ("milestone", MAX_MILESTONE_TITLE + MAX_DATE_TEXT)):
            _check_text(errors, row.number, column, v.get(column, ""), limit)
        strategy, ws = v.get("strategy", "").strip(), v.get("workstream", "").strip()
        if strategy and ws and (strategy.casefold(), ws.casefold()) not in leads \
                and not Workstream.objects.filter(strategy__name__iexact=strategy,
                                                  name__iexact=ws).exists():
            errors.append(CellError(row.number, "workstream", f"'{ws[:80]}' is not in "
                                    f"{ws_name} nor in Cadre for {strategy[:80]}."))
        parts = milestone_dates.split(v.get("milestone", ""))
        if len(parts.title) > MAX_MILESTONE_TITLE:
            errors.append(CellError(row.number, "milestone", f"The title is longer than "
                                    f"{MAX_MILESTONE_TITLE} characters."))
        if len(parts.date_text) > MAX_DATE_TEXT:
            errors.append(CellError(row.number, "milestone", f"The date is longer than "
                                    f"{MAX_DATE_TEXT} characters."))
        planned.append((row.number, strategy, ws, parts))
    if errors:
        raise TableError(errors)
    names = list(dict.fromkeys(lead for _, lead in leads.values()))
    found, how = _match_leads(names, mapping)
    missing = [name for name in names if found.get(name) is None]
    if missing and not create_missing:
        raise TableError([
            CellError(number, "lead_organisation",
                      f"'{lead}' matches no organisation in Cadre: map it with --map "
                      f"\"{lead}=ABBR\" or create it with --create-missing.")
            for number, lead in sorted(leads.values()) if lead in missing])
    for name in missing:
        kind = organisation_type_for(name)
        found[name] = create_organisation(actor=actor, name=name,
                                          abbreviation=_abbreviation_for(name), type=kind)
        how[name] = f"created as an open {OrganisationType(kind).label.lower()}"
    report.organisations = [(name, found[name].abbreviation, how[name]) for name in names]
    strategies: dict[str, Strategy] = {}

    def strategy_for(name: str) -> Strategy:
        key = name.casefold()
        if key not in strategies:
            existing = sel.strategy_by_name(name)
            if existing is None:
                existing = create_strategy(actor=actor, name=name)
                report.strategies_created.append(name)
            strategies[key] = existing
        return strategies[key]

    by_key: dict[tuple[str, str], Workstream] = {}
    for row in ws_table.rows:
        v = row.values
        strategy = strategy_for(v["strategy"].strip())
        name = v["workstream"].strip()
        existing = Workstream.objects.filter(strategy=strategy, name__iexact=name).first()
        if existing is None:
            existing = create_workstream(actor=actor, strategy=strategy, name=name,
                                         lead_organisation=found[v["lead_organisation"]
                                                                 .strip()])
            report.workstreams_created += 1
        else:
            report.workstreams_existing += 1
        by_key[(strategy.name.casefold(), name.casefold())] = existing
    for number, strategy_name, ws_name_, parts in planned:
        strategy = strategy_for(strategy_name)
        workstream = by_key.get((strategy.name.casefold(), ws_name_.casefold())) or \
            Workstream.objects.get(strategy=strategy, name__iexact=ws_name_)
        if workstream.milestones.filter(title=parts.title).exists():
            report.milestones_existing += 1
            continue
        create_milestone(actor=actor, workstream=workstream, title=parts.title,
                         date_text=parts.date_text)
        report.milestones_created += 1
        if parts.date.read:
            report.dates_read += 1
        else:
            report.unread.append(UnreadDate(number, workstream.name, parts.title,
                                            parts.date_text, parts.date.problem))


__all__ = [
    "ImportReport", "WorkstreamConflict", "change_milestone", "create_milestone",
    "create_period", "create_scale", "create_strategy", "create_workstream",
    "import_milestones", "organisation_type_for", "parse_mapping", "rate_milestone",
    "update_period",
]
