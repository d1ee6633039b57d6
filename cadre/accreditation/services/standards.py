"""Writes to standards: schemes, their levels, criteria versions and criteria.

Keyword-only, atomic and audited; only the scheme runners (central team, administrators,
the command line) write. A criteria version is a draft until published; a published
version is never changed (a change is a new draft, copied from the latest version, and
published in its turn). Publishing locks the version row, so two publishers at once give
one success and one conflict (HTTP 409).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cadre.accreditation.models import (
    MAX_APPEAL_DAYS,
    MAX_CPD_CREDITS,
    MAX_EXPERIENCE_YEARS,
    MAX_RENEWAL_MONTHS,
    MAX_RULE_COUNT,
    CriteriaVersion,
    Criterion,
    CriterionKind,
    Scheme,
    SchemeLevel,
)
from cadre.accreditation.services.common import require_scheme_runner, saved
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.core.inputs import LONG_TEXT, check_text, invalid, parse_int
from cadre.core.workflow import TransitionConflict
from cadre.framework.models import RoleFamily

#: Limits of this area (docs/limits.md, "Accreditation: standards").
MAX_NAME = 200
MAX_LEVEL_NAME = 100
MAX_EVIDENCE_TYPE = 100
MAX_LEVELS = 10
MAX_CRITERIA = 30
SKILL_LEVEL_RANGE = (1, 7)

#: The numbers each kind of criterion needs (others must be left empty).
NEEDS: dict[str, tuple[str, ...]] = {
    CriterionKind.SKILLS_AT_LEVEL: ("count", "min_level"),
    CriterionKind.BREADTH: ("count", "min_level"),
    CriterionKind.EXPERIENCE: ("years",),
    CriterionKind.EVIDENCE: ("count", "evidence_type"),
    CriterionKind.CONDUCT: (),
}


class AlreadyPublished(TransitionConflict):
    """Publishing a version someone has already published (HTTP 409). A criteria version
    has no state machine, so this fills in what ``TransitionConflict`` reads from one."""

    def __init__(self, version: CriteriaVersion) -> None:  # noqa: D107
        self.model = version._meta.label
        self.pk = version.pk
        self.transition = "publish"
        self.current_state = "published"
        self.current_state_label = "Published"
        self.message = (
            f"Version {version.number} of {version.level} was already published "
            f"on {version.published_on}."
        )
        Exception.__init__(self, self.message)


def _name(value: str, *, field: str, what: str, max_length: int) -> str:
    value = (value or "").strip()
    if not value:
        raise invalid(field, f"Enter the {what}.")
    return check_text(value, field=field, max_length=max_length)


def _long(value: str, field: str) -> str:
    return check_text((value or "").strip(), field=field, max_length=LONG_TEXT)


def _scheme_numbers(
    renewal_months: object, cpd_credits: object, appeal_days: object
) -> tuple[int, int, int]:
    errors: dict[str, list[str]] = {}
    out = []
    for field, value, low, high in (
        ("renewal_months", renewal_months, 1, MAX_RENEWAL_MONTHS),
        ("cpd_credits", cpd_credits, 0, MAX_CPD_CREDITS),
        ("appeal_days", appeal_days, 1, MAX_APPEAL_DAYS),
    ):
        try:
            out.append(parse_int(value, field=field, minimum=low, maximum=high))
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return out[0], out[1], out[2]


@transaction.atomic
def create_scheme(
    *,
    actor: Actor | Any,
    name: str,
    description: str = "",
    renewal_months: int = 24,
    cpd_credits: int = 20,
    appeal_days: int = 28,
) -> Scheme:
    """A new accreditation scheme (no levels yet)."""
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    name = _name(name, field="name", what="scheme's name", max_length=MAX_NAME)
    renewal, credits, appeal = _scheme_numbers(renewal_months, cpd_credits, appeal_days)
    if Scheme.objects.filter(name__iexact=name).exists():
        raise invalid("name", f"There is already a scheme called {name}.")
    scheme = saved(
        Scheme(
            name=name,
            description=_long(description, "description"),
            renewal_months=renewal,
            cpd_credits=credits,
            appeal_days=appeal,
        ),
        actor,
    )
    record_event(
        actor=actor,
        action=AuditEvent.Action.RECORD_CREATED,
        target=scheme,
        summary=f"Accreditation scheme {name} created",
        data={"renewal_months": renewal, "cpd_credits": credits, "appeal_days": appeal},
    )
    return scheme


@transaction.atomic
def update_scheme(
    *,
    actor: Actor | Any,
    scheme: Scheme,
    name: str,
    description: str = "",
    renewal_months: int = 24,
    cpd_credits: int = 20,
    appeal_days: int = 28,
) -> Scheme:
    """Change a scheme's name, description, renewal period, CPD credits or appeal period
    (they apply from now on; awards already made keep their dates)."""
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    name = _name(name, field="name", what="scheme's name", max_length=MAX_NAME)
    renewal, credits, appeal = _scheme_numbers(renewal_months, cpd_credits, appeal_days)
    if Scheme.objects.filter(name__iexact=name).exclude(pk=scheme.pk).exists():
        raise invalid("name", f"There is already a scheme called {name}.")
    before = {
        "name": scheme.name,
        "renewal_months": scheme.renewal_months,
        "cpd_credits": scheme.cpd_credits,
        "appeal_days": scheme.appeal_days,
    }
    scheme.name, scheme.description = name, _long(description, "description")
    scheme.renewal_months, scheme.cpd_credits, scheme.appeal_days = renewal, credits, appeal
    saved(scheme, actor)
    record_event(
        actor=actor,
        action=AuditEvent.Action.RECORD_UPDATED,
        target=scheme,
        summary=f"Accreditation scheme {name} changed",
        data={"before": before},
    )
    return scheme


@transaction.atomic
def add_level(
    *,
    actor: Actor | Any,
    scheme: Scheme,
    name: str,
    description: str = "",
    ordinal: int | None = None,
) -> SchemeLevel:
    """A level of a scheme; ``ordinal`` (1 = lowest) defaults to above the current top."""
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    name = _name(name, field="name", what="level's name", max_length=MAX_LEVEL_NAME)
    if scheme.levels.count() >= MAX_LEVELS:
        raise invalid("name", f"A scheme has at most {MAX_LEVELS} levels.")
    top = scheme.levels.aggregate(m=Max("ordinal"))["m"] or 0
    ordinal = parse_int(
        ordinal, field="ordinal", minimum=1, maximum=MAX_LEVELS, default=min(top + 1, MAX_LEVELS)
    )
    if scheme.levels.filter(name__iexact=name).exists():
        raise invalid("name", f"{scheme} already has a level called {name}.")
    if scheme.levels.filter(ordinal=ordinal).exists():
        raise invalid("ordinal", f"{scheme} already has a level in position {ordinal}.")
    level = saved(
        SchemeLevel(
            scheme=scheme, name=name, ordinal=ordinal, description=_long(description, "description")
        ),
        actor,
    )
    record_event(
        actor=actor,
        action=AuditEvent.Action.RECORD_CREATED,
        target=level,
        summary=f"Level {name} added to {scheme}",
        data={"ordinal": ordinal},
    )
    return level


@transaction.atomic
def update_level(
    *, actor: Actor | Any, level: SchemeLevel, name: str, description: str = ""
) -> SchemeLevel:
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    level = SchemeLevel.objects.select_for_update().select_related("scheme").get(pk=level.pk)
    name = _name(name, field="name", what="level's name", max_length=MAX_LEVEL_NAME)
    if level.scheme.levels.filter(name__iexact=name).exclude(pk=level.pk).exists():
        raise invalid("name", f"{level.scheme} already has a level called {name}.")
    before = level.name
    level.name, level.description = name, _long(description, "description")
    saved(level, actor)
    record_event(
        actor=actor,
        action=AuditEvent.Action.RECORD_UPDATED,
        target=level,
        summary=f"Level {before} of {level.scheme} changed",
        data={"before": before},
    )
    return level


@transaction.atomic
def create_draft(
    *, actor: Actor | Any, level: SchemeLevel, notes: str = "", copy_latest: bool = True
) -> CriteriaVersion:
    """A new draft criteria version of a level, numbered after the latest, with the latest
    version's criteria copied in (unless ``copy_latest`` is False). A level has at most one
    draft at a time."""
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    level = SchemeLevel.objects.select_for_update().get(pk=level.pk)
    if level.versions.filter(published_on__isnull=True).exists():
        raise invalid("level", f"{level} already has a draft: change or publish that one.")
    latest = level.versions.order_by("-number").prefetch_related("criteria__families").first()
    version = saved(
        CriteriaVersion(
            level=level, number=(latest.number + 1) if latest else 1, notes=_long(notes, "notes")
        ),
        actor,
    )
    copied = 0
    if copy_latest and latest is not None:
        for c in latest.criteria.all():
            new = Criterion.objects.create(
                version=version,
                position=c.position,
                kind=c.kind,
                text=c.text,
                count=c.count,
                min_level=c.min_level,
                years=c.years,
                evidence_type=c.evidence_type,
            )
            new.families.set(list(c.families.all()))
            copied += 1
    record_event(
        actor=actor,
        action=AuditEvent.Action.RECORD_CREATED,
        target=version,
        summary=f"Draft criteria version {version.number} of {level}",
        data={"copied": copied},
    )
    return version


def _draft(version: CriteriaVersion | int) -> CriteriaVersion:
    pk = version if isinstance(version, int) else version.pk
    version = CriteriaVersion.objects.select_for_update().select_related("level").get(pk=pk)
    if version.published_on is not None:
        raise invalid(
            "version",
            f"Version {version.number} of {version.level} is published "
            "and cannot change; start a new draft.",
        )
    return version


def _criterion_fields(
    *,
    kind: str,
    text: str,
    count: object,
    min_level: object,
    years: object,
    evidence_type: str,
    families: Iterable[RoleFamily | int],
) -> dict[str, Any]:
    """Check a criterion's fields against its kind; every problem at once, by field."""
    errors: dict[str, list[str]] = {}

    def bad(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if kind not in CriterionKind.values:
        raise invalid("kind", "Choose what kind of criterion this is.")
    needs = NEEDS[kind]
    text = (text or "").strip()
    if not text:
        bad("text", "Enter what the criterion asks, in words.")
    elif len(text) > LONG_TEXT:
        bad("text", f"Ensure this value has at most {LONG_TEXT} characters (it has {len(text)}).")
    values: dict[str, Any] = {"kind": kind, "text": text}
    for field, low, high in (
        ("count", 1, MAX_RULE_COUNT),
        ("min_level", *SKILL_LEVEL_RANGE),
        ("years", 1, MAX_EXPERIENCE_YEARS),
    ):
        raw = {"count": count, "min_level": min_level, "years": years}[field]
        blank = raw is None or (isinstance(raw, str) and not raw.strip())
        if field in needs:
            try:
                values[field] = parse_int(raw, field=field, minimum=low, maximum=high)
            except ValidationError as exc:
                for key, messages in exc.message_dict.items():
                    errors.setdefault(key, []).extend(messages)
        elif not blank:
            bad(
                field,
                f"Leave this empty for a criterion of kind “{CriterionKind(kind).label.lower()}”.",
            )
        else:
            values[field] = None
    evidence_type = (evidence_type or "").strip()
    if "evidence_type" in needs and not evidence_type:
        bad("evidence_type", "Enter the type of evidence needed, e.g. “case study”.")
    elif evidence_type and "evidence_type" not in needs:
        bad("evidence_type", "Only an evidence criterion names a type of evidence.")
    elif len(evidence_type) > MAX_EVIDENCE_TYPE:
        bad("evidence_type", f"Ensure this value has at most {MAX_EVIDENCE_TYPE} characters.")
    values["evidence_type"] = evidence_type
    family_ids = sorted({f if isinstance(f, int) else f.pk for f in families})
    if family_ids and kind != CriterionKind.SKILLS_AT_LEVEL:
        bad("families", "Only a “skills at or above a level” criterion is limited to families.")
    found = list(RoleFamily.objects.filter(pk__in=family_ids))
    if len(found) != len(family_ids):
        bad("families", "Choose role families from the framework.")
    elif len({f.framework_id for f in found}) > 1:
        bad("families", "Choose families from one framework.")
    if len(family_ids) > MAX_RULE_COUNT:
        bad("families", f"Choose at most {MAX_RULE_COUNT} families.")
    if errors:
        raise ValidationError(errors)
    values["families"] = found
    return values


@transaction.atomic
def add_criterion(
    *,
    actor: Actor | Any,
    version: CriteriaVersion | int,
    kind: str,
    text: str,
    count: int | None = None,
    min_level: int | None = None,
    years: int | None = None,
    evidence_type: str = "",
    families: Iterable[RoleFamily | int] = (),
) -> Criterion:
    """A criterion at the end of a draft version."""
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    version = _draft(version)
    if version.criteria.count() >= MAX_CRITERIA:
        raise invalid("kind", f"A version has at most {MAX_CRITERIA} criteria.")
    values = _criterion_fields(
        kind=kind,
        text=text,
        count=count,
        min_level=min_level,
        years=years,
        evidence_type=evidence_type,
        families=families,
    )
    found = values.pop("families")
    position = (version.criteria.aggregate(m=Max("position"))["m"] or 0) + 1
    criterion = saved(Criterion(version=version, position=position, **values), actor)
    criterion.families.set(found)
    record_event(
        actor=actor,
        action=AuditEvent.Action.RECORD_CREATED,
        target=criterion,
        summary=f"Criterion {position} added to draft version {version.number} of {version.level}",
        data={"kind": kind, "families": [f.pk for f in found]},
    )
    return criterion


@transaction.atomic
def update_criterion(
    *,
    actor: Actor | Any,
    criterion: Criterion | int,
    kind: str,
    text: str,
    count: int | None = None,
    min_level: int | None = None,
    years: int | None = None,
    evidence_type: str = "",
    families: Iterable[RoleFamily | int] = (),
) -> Criterion:
    """Change a criterion of a draft version."""
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    pk = criterion if isinstance(criterion, int) else criterion.pk
    criterion = Criterion.objects.get(pk=pk)
    _draft(criterion.version_id)
    criterion = Criterion.objects.select_for_update().get(pk=pk)
    values = _criterion_fields(
        kind=kind,
        text=text,
        count=count,
        min_level=min_level,
        years=years,
        evidence_type=evidence_type,
        families=families,
    )
    found = values.pop("families")
    for key, value in values.items():
        setattr(criterion, key, value)
    saved(criterion, actor)
    criterion.families.set(found)
    record_event(
        actor=actor,
        action=AuditEvent.Action.RECORD_UPDATED,
        target=criterion,
        summary=f"Criterion {criterion.position} of a draft version changed",
        data={"kind": kind, "families": [f.pk for f in found]},
    )
    return criterion


@transaction.atomic
def remove_criterion(*, actor: Actor | Any, criterion: Criterion | int) -> None:
    """Take a criterion out of a draft version; the others close up."""
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    pk = criterion if isinstance(criterion, int) else criterion.pk
    criterion = Criterion.objects.get(pk=pk)
    version = _draft(criterion.version_id)
    position = criterion.position
    criterion.delete()
    for i, c in enumerate(version.criteria.order_by("position", "id"), start=1):
        if c.position != i:
            c.position = i
            c.save(update_fields=["position"])
    record_event(
        actor=actor,
        action=AuditEvent.Action.RECORD_DELETED,
        target=version,
        summary=f"Criterion {position} removed from draft version {version.number} "
        f"of {version.level}",
        data={"criterion": pk},
    )


@transaction.atomic
def publish(*, actor: Actor | Any, version_id: int) -> CriteriaVersion:
    """Publish a draft: from today it is the level's current criteria, and never changes.

    Locks the version; publishing one already published is a conflict (HTTP 409)."""
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    version = (
        CriteriaVersion.objects.select_for_update()
        .select_related("level__scheme")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise invalid("version", "There is no such criteria version.")
    if version.published_on is not None:
        raise AlreadyPublished(version)
    if not version.criteria.exists():
        raise invalid("version", "Add at least one criterion before publishing.")
    version.published_on = timezone.localdate()
    saved(version, actor)
    record_event(
        actor=actor,
        action=AuditEvent.Action.TRANSITION,
        target=version,
        summary=f"Criteria version {version.number} of {version.level} published",
        data={"from": "draft", "to": "published", "actor": actor.label, "reason": ""},
    )
    return version
