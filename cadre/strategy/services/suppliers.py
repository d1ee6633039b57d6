"""Writes for strategic suppliers (issue 19 point 5).

Every write is keyword-only, atomic, audited and authorised with an ``Actor``:

- **Suppliers, framework versions, criteria, periods, plan actions**: the central team and
  administrators (``STRATEGY_EDITORS``) and the command line.
- **Scores**: a head of profession for their own organisations, the central team and
  administrators (``STRATEGY_CONTRIBUTORS``; the organisation is checked here). A score is
  given against the criteria of the period's framework version. Changing one names the
  ``version`` it was based on (0 or None for a new score); under the row's lock a different
  version is a :class:`SupplierConflict` (HTTP 409), so nobody's change is lost. Two people
  giving the first score at once: one wins, the other gets the conflict.
- **Framework**: a version is frozen once a score has been given against it; criteria are
  then changed by making a new version (copying the latest), which later periods use.
- **Plan actions** move through one transition service (``move_action``, under the row's
  lock through ``core.workflow.run_transition``): the central team, or a head of profession
  of the organisation that owns the action.

Limits: docs/limits.md, "Strategy: strategic suppliers".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from cadre.access.rules import STRATEGY_CONTRIBUTORS, STRATEGY_EDITORS
from cadre.access.scope import scope_for
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import check_text, collect, invalid, parse_bool, parse_date
from cadre.core.tabular import CellError, TableError, read_table
from cadre.core.versions import check_version
from cadre.core.workflow import run_transition
from cadre.learning.models.catalogue import COMPANY_NUMBER_PATTERN
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.strategy.models import (
    MAX_ACTION_DESCRIPTION,
    MAX_ACTION_TITLE,
    MAX_CRITERIA,
    MAX_CRITERION_DESCRIPTION,
    MAX_CRITERION_NAME,
    MAX_DESCRIPTOR,
    MAX_PERIOD_LABEL,
    MAX_SCALE,
    MAX_SCORE_COMMENT,
    MAX_SUPPLIER_DESCRIPTION,
    MAX_SUPPLIER_NAME,
    MAX_VERSION_LABEL,
    MAX_WEIGHT,
    MIN_SCALE,
    ActionStatus,
    AssessmentCriterion,
    AssessmentPeriod,
    AssessmentVersion,
    PlanAction,
    StrategicSupplier,
    SupplierScore,
)
from cadre.strategy.selectors import suppliers as sel

EDITORS_ONLY = "Only the central team and administrators manage strategic suppliers."
NOT_YOUR_ORGANISATION = ("You score suppliers only for the organisations you are head of "
                         "profession for.")
NOT_YOUR_ACTION = ("Only the central team and heads of profession of the organisation that "
                   "owns this action move it on.")
#: The longest assessment period.
MAX_PERIOD_DAYS = 366 * 2
_DIGITS = re.compile(r"^[0-9]+$")
_COMPANY = re.compile(COMPANY_NUMBER_PATTERN)

#: Plan action transitions by the status they lead to.
MOVES = {ActionStatus.IN_PROGRESS: "start", ActionStatus.DONE: "finish",
         ActionStatus.DROPPED: "drop", ActionStatus.OPEN: "reopen"}
SUPPLIER_FIELDS = ("name", "company_number", "description", "plan_summary", "active")


class SupplierConflict(Exception):
    """The record changed since it was read, or was created by someone else first
    (HTTP 409). ``current`` is the version found."""

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


def may_edit(actor: Actor | Any) -> bool:
    actor = Actor.coerce(actor)
    return actor.trusted or (actor.is_user and STRATEGY_EDITORS.allows(actor.user))


def may_score(actor: Actor | Any, organisation: Organisation | int) -> bool:
    actor = Actor.coerce(actor)
    if actor.trusted:
        return True
    if not actor.is_user or not STRATEGY_CONTRIBUTORS.allows(actor.user):
        return False
    return scope_for(actor.user).manages(organisation)


def may_move(actor: Actor | Any, action: PlanAction) -> bool:
    actor = Actor.coerce(actor)
    if may_edit(actor):
        return True
    return may_score(actor, action.owner_organisation_id)


def _require_editor(actor: Actor) -> None:
    if not may_edit(actor):
        raise PermissionDenied(EDITORS_ONLY)


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


def _text(value: Any, *, field: str, max_length: int) -> str:
    return check_text(_clean(value, field=field), field=field, max_length=max_length)


def _whole(value: Any, *, field: str, minimum: int, maximum: int, what: str) -> int:
    if isinstance(value, bool):
        raise invalid(field, f"Give {what} as a whole number.")
    text = _clean(value, field=field)
    if not text:
        raise invalid(field, f"Give {what}.")
    if not _DIGITS.match(text) or len(text) > 9:
        raise invalid(field, f"Give {what} as a whole number from {minimum} to {maximum}, "
                             f"not '{text[:20]}'.")
    number = int(text)
    if not minimum <= number <= maximum:
        raise invalid(field, f"Give {what} from {minimum} to {maximum}.")
    return number


def _company_number(value: Any) -> str:
    text = _clean(value, field="company_number").upper().replace(" ", "")
    if text and not _COMPANY.match(text):
        raise invalid("company_number", "A Companies House number is 8 digits, or 2 letters "
                                        "and 6 digits (for example 01234567 or SC123456).")
    return text


def _supplier_values(data: Mapping[str, Any], *, exclude: int | None = None) -> dict[str, Any]:
    values = collect({
        "name": lambda: _required(data.get("name"), field="name",
                                  what="the supplier's name", max_length=MAX_SUPPLIER_NAME),
        "company_number": lambda: _company_number(data.get("company_number")),
        "description": lambda: _text(data.get("description"), field="description",
                                     max_length=MAX_SUPPLIER_DESCRIPTION),
        "plan_summary": lambda: _text(data.get("plan_summary"), field="plan_summary",
                                      max_length=MAX_SUPPLIER_DESCRIPTION),
        "active": lambda: data["active"] if isinstance(data.get("active"), bool)
        else parse_bool(data.get("active"), field="active", default=True),
    })
    others = StrategicSupplier.objects.exclude(pk=exclude) if exclude else \
        StrategicSupplier.objects.all()
    errors: dict[str, list[str]] = {}
    if others.filter(name__iexact=values["name"]).exists():
        errors["name"] = [f"There is already a strategic supplier called {values['name']}."]
    if values["company_number"] and others.filter(
            company_number=values["company_number"]).exists():
        errors["company_number"] = ["Another strategic supplier has this Companies House "
                                    "number."]
    if errors:
        raise ValidationError(errors)
    return values


def _lookup(model: Any, value: Any, *, field: str, what: str, lock: bool = False) -> Any:
    if isinstance(value, model):
        value = value.pk
    text = _clean(value, field=field)
    found = None
    if _DIGITS.match(text) and len(text) < 19:
        qs = model.objects.select_for_update() if lock else model.objects.all()
        found = qs.filter(pk=int(text)).first()
    if found is None:
        raise invalid(field, f"There is no {what} {text[:40]}.")
    return found


def _organisation(value: Any, *, field: str = "organisation") -> Organisation:
    if isinstance(value, Organisation):
        return value
    text = _clean(value, field=field)
    found = None
    if _DIGITS.match(text) and len(text) < 19:
        found = Organisation.objects.filter(pk=int(text)).first()
    if found is None and text and len(text) <= 200:
        found = Organisation.objects.filter(abbreviation__iexact=text).first() or \
            Organisation.objects.filter(name__iexact=text).first()
    if found is None:
        raise invalid(field, f"'{text[:40]}' is not an organisation in Cadre (give its "
                             "abbreviation).")
    return found


def find_organisation(value: Any, *, field: str = "organisation") -> Organisation:
    """An organisation by id, abbreviation or name; ``ValidationError`` naming ``field``."""
    return _organisation(value, field=field)


# -- suppliers -------------------------------------------------------------------------

@transaction.atomic
def create_supplier(*, actor: Actor | Any, name: str, company_number: str = "",
                    description: str = "", plan_summary: str = "",
                    active: bool = True) -> StrategicSupplier:
    """A new strategic supplier; its name is unique ignoring case, its Companies House
    number (optional) unique when given."""
    actor = Actor.coerce(actor)
    _require_editor(actor)
    values = _supplier_values({"name": name, "company_number": company_number,
                               "description": description, "plan_summary": plan_summary,
                               "active": active})
    try:
        with transaction.atomic():
            item = _saved(StrategicSupplier(created_by=actor.user, **values), actor)
    except IntegrityError:
        raise SupplierConflict(f"{values['name']} was added by someone else just now.",
                               field="name") from None
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=item,
                 summary=f"Strategic supplier {item.name} added", data={"active": item.active})
    return item


@transaction.atomic
def update_supplier(*, actor: Actor | Any, supplier: StrategicSupplier | int,
                    if_match: Collection[str] | None = None, **changes: Any
                    ) -> StrategicSupplier:
    """Change the fields given (``SUPPLIER_FIELDS``); ``if_match`` as ``core.versions``."""
    actor = Actor.coerce(actor)
    _require_editor(actor)
    item = _lookup(StrategicSupplier, supplier, field="supplier", what="strategic supplier",
                   lock=True)
    check_version(item, if_match)
    unknown = sorted(set(changes) - set(SUPPLIER_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    current = {name: getattr(item, name) for name in SUPPLIER_FIELDS}
    values = _supplier_values({**current, **changes}, exclude=item.pk)
    changed = sorted(k for k, v in values.items() if current[k] != v)
    for name in changed:
        setattr(item, name, values[name])
    if changed:
        _saved(item, actor, update_fields=changed)
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=item,
                     summary=f"Strategic supplier {item.name} changed",
                     data={"fields": changed})
    return item


# -- the framework ---------------------------------------------------------------------

@transaction.atomic
def create_version(*, actor: Actor | Any, label: str, copy_latest: bool = True
                   ) -> AssessmentVersion:
    """A new framework version numbered one past the latest; with ``copy_latest`` its
    criteria start as copies of the latest version's."""
    actor = Actor.coerce(actor)
    _require_editor(actor)
    label = _required(label, field="label", what="a label for the version",
                      max_length=MAX_VERSION_LABEL)
    # Lock the latest version row so two new versions wait for each other, then read the
    # latest again: a version made while this one waited is seen by the fresh statement.
    AssessmentVersion.objects.select_for_update().order_by("-number").first()
    latest = AssessmentVersion.objects.order_by("-number").first()
    number = (latest.number if latest else 0) + 1
    try:
        with transaction.atomic():
            version = _saved(AssessmentVersion(number=number, label=label,
                                               created_by=actor.user), actor)
    except IntegrityError:
        raise SupplierConflict("Someone else made a new version just now; reload and "
                               "try again.", field="label") from None
    copied = 0
    if copy_latest and latest is not None:
        for criterion in latest.criteria.order_by("position", "pk"):
            _saved(AssessmentCriterion(
                version=version, name=criterion.name, description=criterion.description,
                weight=criterion.weight, scale_max=criterion.scale_max,
                descriptors=list(criterion.descriptors), position=criterion.position), actor)
            copied += 1
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=version,
                 summary=f"Supplier assessment framework version {number} made",
                 data={"copied_criteria": copied})
    return version


def _descriptors(value: Any, scale_max: int) -> list[str]:
    if isinstance(value, str):
        items = [line.strip() for line in value.splitlines()]
        items = [item for item in items if item]
    elif isinstance(value, (list, tuple)):
        items = [str(item if item is not None else "").strip() for item in value]
    else:
        raise invalid("descriptors", "Give the words for each score, lowest first.")
    if len(items) != scale_max:
        raise invalid("descriptors", f"Give words for each of the {scale_max} scores, lowest "
                                     f"first, one a line (there are {len(items)}).")
    for index, item in enumerate(items, start=1):
        if not item:
            raise invalid("descriptors", f"Give the words for score {index}.")
        if "\x00" in item:
            raise invalid("descriptors", "Remove the NUL character.")
        if len(item) > MAX_DESCRIPTOR:
            raise invalid("descriptors", f"The words for score {index} have more than "
                                         f"{MAX_DESCRIPTOR} characters.")
    return items


@transaction.atomic
def add_criterion(*, actor: Actor | Any, version: AssessmentVersion | int, name: str,
                  weight: int | str, scale_max: int | str = 5, descriptors: Any = (),
                  description: str = "") -> AssessmentCriterion:
    """Add a criterion to a version nobody has scored against yet."""
    actor = Actor.coerce(actor)
    _require_editor(actor)
    version = _lookup(AssessmentVersion, version, field="version", what="framework version",
                      lock=True)
    if sel.version_in_use(version):
        raise invalid("version", f"Version {version.number} has scores given against it, so "
                                 "its criteria are fixed; make a new version instead.")
    values = collect({
        "name": lambda: _required(name, field="name", what="the criterion's name",
                                  max_length=MAX_CRITERION_NAME),
        "description": lambda: _text(description, field="description",
                                     max_length=MAX_CRITERION_DESCRIPTION),
        "weight": lambda: _whole(weight, field="weight", minimum=1, maximum=MAX_WEIGHT,
                                 what="the weight"),
        "scale_max": lambda: _whole(scale_max, field="scale_max", minimum=MIN_SCALE,
                                    maximum=MAX_SCALE, what="the top of the scale"),
    })
    words = _descriptors(descriptors, values["scale_max"])
    existing = version.criteria.all()
    if existing.count() >= MAX_CRITERIA:
        raise invalid("name", f"A version has at most {MAX_CRITERIA} criteria.")
    if existing.filter(name__iexact=values["name"]).exists():
        raise invalid("name", f"Version {version.number} already has a criterion called "
                              f"{values['name']}.")
    position = (existing.aggregate(top=Max("position"))["top"] or 0) + 1
    criterion = _saved(AssessmentCriterion(version=version, descriptors=words,
                                           position=position, **values), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=criterion,
                 summary=f"Criterion {criterion.name} added to version {version.number}",
                 data={"weight": criterion.weight, "scale_max": criterion.scale_max})
    return criterion


@transaction.atomic
def create_period(*, actor: Actor | Any, label: str, starts_on: Any, ends_on: Any,
                  version: AssessmentVersion | int | None = None) -> AssessmentPeriod:
    """A new assessment period, pinned to ``version`` (the latest when not given), which
    must have criteria."""
    actor = Actor.coerce(actor)
    _require_editor(actor)
    values = collect({
        "label": lambda: _required(label, field="label", what="the period's label",
                                   max_length=MAX_PERIOD_LABEL),
        "starts_on": lambda: parse_date(starts_on, field="starts_on"),
        "ends_on": lambda: parse_date(ends_on, field="ends_on"),
        "version": lambda: _lookup(AssessmentVersion, version, field="version",
                                   what="framework version") if version not in (None, "")
        else AssessmentVersion.objects.order_by("-number").first(),
    })
    if values["version"] is None:
        raise invalid("version", "Make a framework version with criteria first.")
    if not values["version"].criteria.exists():
        raise invalid("version", f"Version {values['version'].number} has no criteria yet.")
    if values["ends_on"] < values["starts_on"]:
        raise invalid("ends_on", "The period must end on or after the day it starts.")
    if (values["ends_on"] - values["starts_on"]).days > MAX_PERIOD_DAYS:
        raise invalid("ends_on", "A period lasts at most two years.")
    if AssessmentPeriod.objects.filter(label__iexact=values["label"]).exists():
        raise invalid("label", f"There is already a period called {values['label']}.")
    try:
        with transaction.atomic():
            period = _saved(AssessmentPeriod(**values), actor)
    except IntegrityError:
        raise SupplierConflict(f"A period called {values['label']} was added just now.",
                               field="label") from None
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=period,
                 summary=f"Supplier assessment period {period.label} added",
                 data={"version": period.version.number})
    return period


# -- scores ----------------------------------------------------------------------------

#: An entry's ``version`` meaning "whatever is stored": only the import uses it.
OVERWRITE = "*"


def _expected(value: Any) -> int | str | None:
    if value is None or value == "":
        return None
    if value == OVERWRITE:
        return OVERWRITE
    if isinstance(value, bool):
        raise invalid("version", "Give the version you read as a whole number.")
    text = str(value).strip()
    if not _DIGITS.match(text) or len(text) > 9:
        raise invalid("version", f"Give the version you read as a whole number, not "
                                 f"'{text[:20]}'.")
    return int(text)


def _score_one(*, actor: Actor, supplier: StrategicSupplier, period: AssessmentPeriod,
               organisation: Organisation, criterion: AssessmentCriterion, score: Any,
               comment: Any, expected_version: Any) -> tuple[SupplierScore, bool]:
    """Set one score under the row lock; (row, changed)."""
    field = f"criterion_{criterion.pk}"
    value = _whole(score, field=field, minimum=1, maximum=criterion.scale_max,
                   what=f"the score for {criterion.name}")
    note = _text(comment, field=f"comment_{criterion.pk}", max_length=MAX_SCORE_COMMENT)
    expected = _expected(expected_version)
    row = (SupplierScore.objects.select_for_update()
           .filter(supplier=supplier, period=period, organisation=organisation,
                   criterion=criterion).first())
    if row is None:
        if expected not in (None, 0, OVERWRITE):
            raise SupplierConflict(f"The score for {criterion.name} has been removed since "
                                   "you read it.", field=field, current=0)
        try:
            with transaction.atomic():
                row = _saved(SupplierScore(supplier=supplier, period=period,
                                           organisation=organisation, criterion=criterion,
                                           score=value, comment=note, updated_by=actor.user),
                             actor)
        except IntegrityError:
            raise SupplierConflict(f"Someone else gave the score for {criterion.name} just "
                                   "now; reload to see it.", field=field) from None
        return row, True
    if expected != OVERWRITE and expected != row.version:
        raise SupplierConflict(
            f"Someone else changed the score for {criterion.name} since you read it (it is "
            f"now {row.score}); reload to see it.", field=field, current=row.version)
    if row.score == value and row.comment == note:
        return row, False
    row.score, row.comment, row.updated_by = value, note, actor.user
    row.version = row.version + 1
    _saved(row, actor, update_fields=["score", "comment", "updated_by", "version",
                                      "updated_at"])
    return row, True


@transaction.atomic
def set_scores(*, actor: Actor | Any, supplier: StrategicSupplier | int,
               period: AssessmentPeriod | int, organisation: Organisation | int | str,
               entries: list[Mapping[str, Any]]) -> list[SupplierScore]:
    """Give or change the organisation's scores of the supplier in the period. Each entry
    is ``{criterion, score, comment, version}`` (``version``: the one read, None or 0 for
    a new score). All or nothing: any bad value or stale version refuses the lot."""
    actor = Actor.coerce(actor)
    supplier = _lookup(StrategicSupplier, supplier, field="supplier",
                       what="strategic supplier")
    period = _lookup(AssessmentPeriod, period, field="period", what="assessment period")
    organisation = _organisation(organisation)
    if not may_score(actor, organisation):
        raise PermissionDenied(NOT_YOUR_ORGANISATION)
    if not supplier.active:
        raise invalid("supplier", f"{supplier.name} is no longer an active strategic "
                                  "supplier.")
    if not entries:
        raise invalid("criterion", "Give at least one score.")
    criteria = {c.pk: c for c in sel.criteria_for(period)}
    errors: dict[str, list[str]] = {}
    seen: set[int] = set()
    plan = []
    for entry in entries:
        raw = entry.get("criterion")
        criterion = criteria.get(raw.pk if isinstance(raw, AssessmentCriterion) else (
            int(str(raw)) if _DIGITS.match(str(raw or "")) and len(str(raw)) < 19 else -1))
        if criterion is None:
            errors.setdefault("criterion", []).append(
                f"{str(getattr(raw, 'pk', raw))[:20]} is not a criterion of version "
                f"{period.version.number}, which period {period.label} is scored against.")
            continue
        if criterion.pk in seen:
            errors.setdefault("criterion", []).append(f"{criterion.name} is given twice.")
            continue
        seen.add(criterion.pk)
        plan.append((criterion, entry))
    if errors:
        raise ValidationError(errors)
    saved: list[SupplierScore] = []
    changed: list[str] = []
    for criterion, entry in sorted(plan, key=lambda item: item[0].pk):  # lock in id order
        try:
            row, did = _score_one(actor=actor, supplier=supplier, period=period,
                                  organisation=organisation, criterion=criterion,
                                  score=entry.get("score"), comment=entry.get("comment", ""),
                                  expected_version=entry.get("version"))
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors.setdefault(key, []).extend(messages)
            continue
        saved.append(row)
        if did:
            changed.append(criterion.name)
    if errors:
        raise ValidationError(errors)
    if changed:
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=supplier,
                     summary=f"{organisation.abbreviation} scored {supplier.name} for "
                             f"{period.label}",
                     data={"period": period.pk, "organisation": organisation.pk,
                           "criteria": changed})
    return saved


def set_score(*, actor: Actor | Any, supplier: StrategicSupplier | int,
              period: AssessmentPeriod | int, organisation: Organisation | int | str,
              criterion: AssessmentCriterion | int, score: Any, comment: str = "",
              version: Any = None) -> SupplierScore:
    """One score (see :func:`set_scores`)."""
    return set_scores(actor=actor, supplier=supplier, period=period,
                      organisation=organisation,
                      entries=[{"criterion": criterion, "score": score, "comment": comment,
                                "version": version}])[0]


IMPORT_COLUMNS = ("supplier", "period", "organisation", "criterion", "score")
MAX_IMPORT_BYTES = 5 * 1024 * 1024


@transaction.atomic
def import_scores(*, actor: Actor | Any, data: bytes, filename: str) -> int:
    """Scores from a CSV or XLSX file with columns ``supplier, period, organisation,
    criterion, score`` (and optionally ``comment``): names as Cadre holds them (any case),
    the organisation by abbreviation or name, the criterion by name in the period's version.
    Every row is checked first; any fault raises ``TableError`` naming every bad row and
    nothing is written. A good file sets each score as the file gives it (whatever was
    stored, kept in the history); the number of scores written or changed is returned."""
    actor = Actor.coerce(actor)
    table = read_table(data, filename=filename, required=IMPORT_COLUMNS,
                       optional=("comment",), max_bytes=MAX_IMPORT_BYTES)
    errors: list[CellError] = []
    groups: dict[tuple[int, int, int], list[dict[str, Any]]] = {}
    found: dict[tuple[int, int, int], tuple[Any, Any, Any]] = {}
    seen: dict[tuple[int, int, int, int], int] = {}
    suppliers = {s.name.lower(): s for s in StrategicSupplier.objects.all()}
    periods = {p.label.lower(): p for p in AssessmentPeriod.objects.select_related("version")}
    criteria: dict[int, dict[str, AssessmentCriterion]] = {}
    for row in table.rows:
        cells = row.values

        def bad(column: str, message: str, number: int = row.number) -> None:
            errors.append(CellError(number, column, message))

        if any("\x00" in (value or "") for value in cells.values()):
            bad("", "Remove the NUL character.")
            continue
        supplier = suppliers.get(cells.get("supplier", "").strip().lower())
        period = periods.get(cells.get("period", "").strip().lower())
        if supplier is None:
            bad("supplier", f"No strategic supplier called '{cells.get('supplier', '')[:60]}'.")
        elif not supplier.active:
            bad("supplier", f"{supplier.name} is no longer an active strategic supplier.")
        if period is None:
            bad("period", f"No assessment period '{cells.get('period', '')[:60]}'.")
        try:
            organisation = _organisation(cells.get("organisation", ""))
        except ValidationError as exc:
            bad("organisation", " ".join(exc.messages))
            organisation = None
        if organisation is not None and not may_score(actor, organisation):
            bad("organisation", NOT_YOUR_ORGANISATION)
            organisation = None
        comment = cells.get("comment", "") or ""
        if len(comment.strip()) > MAX_SCORE_COMMENT:
            bad("comment", f"Use at most {MAX_SCORE_COMMENT:,} characters.")
        if period is None:
            continue
        if period.pk not in criteria:
            criteria[period.pk] = {c.name.lower(): c for c in sel.criteria_for(period)}
        criterion = criteria[period.pk].get(cells.get("criterion", "").strip().lower())
        if criterion is None:
            bad("criterion", f"'{cells.get('criterion', '')[:60]}' is not a criterion of "
                             f"framework version {period.version.number}, which "
                             f"{period.label} is scored against.")
            continue
        try:
            score = _whole(cells.get("score"), field="score", minimum=1,
                           maximum=criterion.scale_max, what="the score")
        except ValidationError as exc:
            bad("score", " ".join(exc.messages))
            continue
        if supplier is None or organisation is None or not supplier.active:
            continue
        key = (supplier.pk, period.pk, organisation.pk)
        if (*key, criterion.pk) in seen:
            bad("criterion", f"The same score is given on row {seen[(*key, criterion.pk)]}.")
            continue
        seen[(*key, criterion.pk)] = row.number
        found[key] = (supplier, period, organisation)
        groups.setdefault(key, []).append({"criterion": criterion, "score": score,
                                           "comment": comment.strip(),
                                           "version": OVERWRITE})
    if errors:
        raise TableError(errors)
    if not groups:
        raise TableError([CellError(None, None, "The file has no scores.")])
    before = {(r.supplier_id, r.period_id, r.organisation_id, r.criterion_id): r.version
              for r in SupplierScore.objects.filter(supplier_id__in={k[0] for k in groups})}
    for key in sorted(groups):
        supplier, period, organisation = found[key]
        set_scores(actor=actor, supplier=supplier, period=period, organisation=organisation,
                   entries=groups[key])
    after = {(r.supplier_id, r.period_id, r.organisation_id, r.criterion_id): r.version
             for r in SupplierScore.objects.filter(supplier_id__in={k[0] for k in groups})}
    return sum(1 for k, v in after.items() if before.get(k) != v)


# -- the performance plan --------------------------------------------------------------

def _person(value: Any, organisation: Organisation) -> Person | None:
    if value in (None, ""):
        return None
    if isinstance(value, Person):
        person = value
    else:
        text = _clean(value, field="owner_person")
        person = None
        if _DIGITS.match(text) and len(text) < 19:
            person = Person.objects.filter(pk=int(text)).first()
        elif "/" in text and len(text) <= 300:
            abbreviation, _, staff_number = text.partition("/")
            person = Person.objects.filter(
                organisation__abbreviation__iexact=abbreviation.strip(),
                staff_number=staff_number.strip()).first()
        if person is None:
            raise invalid("owner_person", f"'{text[:40]}' is not a person in Cadre (give an "
                                          "id or ORGANISATION/STAFF_NUMBER).")
    if person.organisation_id != organisation.pk:
        raise invalid("owner_person", f"{person.first_name} {person.last_name} is not in "
                                      f"{organisation.name}, which owns the action.")
    return person


@transaction.atomic
def create_action(*, actor: Actor | Any, supplier: StrategicSupplier | int, title: str,
                  owner_organisation: Organisation | int | str, due_on: Any,
                  description: str = "", owner_person: Person | int | str | None = None
                  ) -> PlanAction:
    """Add an action to the supplier's performance plan (status open)."""
    actor = Actor.coerce(actor)
    _require_editor(actor)
    item = _lookup(StrategicSupplier, supplier, field="supplier", what="strategic supplier")
    values = collect({
        "title": lambda: _required(title, field="title", what="the action",
                                   max_length=MAX_ACTION_TITLE),
        "description": lambda: _text(description, field="description",
                                     max_length=MAX_ACTION_DESCRIPTION),
        "owner_organisation": lambda: _organisation(owner_organisation,
                                                    field="owner_organisation"),
        "due_on": lambda: parse_date(due_on, field="due_on"),
    })
    values["owner_person"] = _person(owner_person, values["owner_organisation"])
    if not dt.date(2000, 1, 1) <= values["due_on"] <= dt.date(2100, 12, 31):
        raise invalid("due_on", "Give a due date between 2000 and 2100.")
    action = _saved(PlanAction(supplier=item, created_by=actor.user, **values), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=action,
                 summary=f"Action added to the plan for {item.name}: {action.title}",
                 data={"supplier": item.pk, "owner": action.owner_organisation_id})
    return action


def move_action(*, actor: Actor | Any, action: PlanAction | int, to: str,
                reason: str = "") -> PlanAction:
    """Move a plan action to ``to`` (open, in_progress, done, dropped) under its row lock;
    a move no longer possible from the status found is a ``TransitionConflict`` (409)."""
    actor = Actor.coerce(actor)
    target = _clean(to, field="to").lower().replace(" ", "_")
    by_words = {str(label).lower().replace(" ", "_"): key for key, label in
                ActionStatus.choices}
    status = target if target in ActionStatus.values else by_words.get(target)
    if status is None:
        raise invalid("to", f"'{target[:30]}' is not one of: "
                            f"{', '.join(ActionStatus.values)}.")
    reason = _text(reason, field="reason", max_length=500)
    pk = action.pk if isinstance(action, PlanAction) else _lookup(
        PlanAction, action, field="action", what="plan action").pk

    def authorise(who: Actor, row: PlanAction) -> bool:
        if not may_move(who, row):
            raise PermissionDenied(NOT_YOUR_ACTION)
        return True

    return run_transition(
        model=PlanAction, pk=pk, transition=MOVES[ActionStatus(status)], actor=actor,
        authorise=authorise, reason=reason,
        data={"supplier": PlanAction.objects.filter(pk=pk).values_list(
            "supplier_id", flat=True).first()})


__all__ = ["EDITORS_ONLY", "MOVES", "NOT_YOUR_ACTION", "NOT_YOUR_ORGANISATION",
           "SupplierConflict", "add_criterion", "create_action", "create_period",
           "create_supplier", "create_version", "find_organisation", "import_scores",
           "may_edit", "may_move", "may_score", "move_action", "set_score", "set_scores",
           "update_supplier"]
