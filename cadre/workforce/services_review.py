"""Writes for finding the profession: classify an organisation's people, review suggestions.

Each distinct (normalised title, grade) of an organisation has one
``TitleClassification``. A reviewed one (accepted or corrected) is used as it is;
anything else is classified by the engine and kept as a suggestion, accepted
automatically (status ``auto``) when its confidence is at or above the threshold the
central team set (``ClassificationSettings``; none by default). People then take their
in-profession flag and role level from the classification of their title.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import history_user
from cadre.core.bulk import (
    copy_history,
    create_rows_with_history,
    create_with_history,
    update_rows,
    update_with_history,
)
from cadre.framework.models import RoleLevel
from cadre.framework.selectors import default_framework
from cadre.people.models import Person
from cadre.people.selectors import current_filter
from cadre.workforce.cache_versions import workforce_changed
from cadre.workforce.catalogue import get_engine, load_catalogue
from cadre.workforce.classifier import Classification, normalise_title
from cadre.workforce.models import ReviewStatus, TitleClassification, WorkforceRecord
from cadre.workforce.selectors_review import classification_settings

REVIEWED = (ReviewStatus.ACCEPTED, ReviewStatus.CORRECTED)


def title_key(title: str) -> str:
    """The key a title is remembered by."""
    return normalise_title(title)[:200]


def current_people(organisation: Any):  # noqa: ANN201
    """The organisation's people who have not left."""
    return Person.objects.filter(current_filter(), organisation=organisation)


def _level_index() -> dict[tuple[str, str], int]:
    framework = default_framework()
    if framework is None:
        return {}
    return {(role, name): pk for pk, role, name in
            RoleLevel.objects.filter(framework=framework).values_list("pk", "role__name", "name")}


def _apply(row: TitleClassification, result: Classification, levels: dict, engine: str) -> bool:
    """Copy an engine result onto a suggestion; True if anything changed."""
    values = {
        "in_profession": result.in_profession,
        "role_level_id": levels.get((result.role, result.role_level)) if result.role else None,
        "confidence": round(float(result.confidence), 3),
        "reason": result.reason[:500],
        "alternatives": [{"role": r, "role_level": lv or "", "confidence": round(c, 3)}
                         for r, lv, c in result.alternatives],
        "engine": engine,
    }
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _decide(row: TitleClassification, threshold: Decimal | None, now: dt.datetime) -> bool:
    """Accept a fresh suggestion automatically when its confidence is at or above
    ``threshold`` (None: never), else leave it waiting; True if the status changed."""
    auto = threshold is not None and row.confidence >= float(threshold)
    status = ReviewStatus.AUTO if auto else ReviewStatus.SUGGESTED
    if row.status == status and (auto or row.decided_at is None):
        return False
    row.status = status
    row.decided_by = None
    row.decided_at = now if auto else None
    return True


#: Confidence of a suggestion taken from a reviewer's decision on the same title at
#: another grade.
REMEMBERED_CONFIDENCE = 0.9


def _remembered(engine: Any, decided: dict[str, TitleClassification], key: str,
                grade: str) -> Classification | None:
    """A reviewer's decision on the same title at another grade, as a suggestion."""
    other = decided.get(key)
    if other is None:
        return None
    where = f"at grade {other.grade_code}" if other.grade_code else "with no grade"
    # A person decided in or out: that is certain (probability 1 or 0). The suggestion's
    # confidence stays 0.9: the decision was made at another grade.
    if not other.in_profession:
        return Classification(False, confidence=REMEMBERED_CONFIDENCE,
                              profession_confidence=1.0, profession_probability=0.0,
                              role_confidence=0.0,
                              reason=f"A reviewer put this title {where} outside the "
                              "profession.")
    level = other.role_level
    if level is None:
        return None
    role = level.role.name
    chooser = getattr(engine, "choose_level", None)
    name = chooser(role, key.split(), grade or None)[0] if chooser else level.name
    return Classification(True, role_family=level.role.family.name, role=role,
                          role_level=name or level.name, confidence=REMEMBERED_CONFIDENCE,
                          profession_confidence=1.0, profession_probability=1.0,
                          role_confidence=REMEMBERED_CONFIDENCE,
                          reason=f"A reviewer put this title {where} in the profession as "
                          f"{level.name}; level adjusted for the grade.")


def _update_records(groups: dict[tuple, list[int]], actor: Any) -> None:
    """The records' new outcomes (``groups``: outcome -> record ids) in one bulk UPDATE,
    then one "~" history row per record, copied by the database from the updated rows."""
    update_rows(WorkforceRecord, WorkforceRecord._meta.pk,
                [WorkforceRecord._meta.get_field(name) for name in
                 ("in_profession", "role_level", "classification")],
                ((*outcome, pk) for outcome, pks in groups.items() for pk in pks))
    pks = sorted({pk for group in groups.values() for pk in group})
    copy_history(WorkforceRecord, pks, user=history_user(actor), date=timezone.now(), kind="~")
    # A queryset update sends no signals: bump the organisations of the records (ADR 27).
    workforce_changed({org for start in range(0, len(pks), 900) for org in
                       WorkforceRecord.objects.filter(pk__in=pks[start:start + 900])
                       .values_list("person__organisation_id", flat=True).distinct()})


@transaction.atomic
def classify_organisation(*, actor: Any, organisation: Any, engine_name: str | None = None,
                          new_records: list[dict[str, Any]] | None = None,
                          person_ids: Collection[int] | None = None) -> int:
    """Classify the job titles of an organisation's current people; returns how many people.

    ``person_ids`` (an import's case: its new and changed people) classifies only those
    people, sending to the engine only titles and grades with no classification yet;
    existing suggestions are kept as they are (``cadre workforce classify`` refreshes
    them all) and every title's count of people is recounted in the database.

    Each suggestion the engine makes is accepted automatically (status ``auto``) when its
    confidence is at or above the central team's threshold, else left for review; a full
    classification decides suggestions and automatic acceptances again, keeping only
    reviewed (accepted or corrected) titles as they are.

    Reviewed decisions are used first; each distinct title and grade is classified once.
    ``new_records`` are plain rows ({attname: value}) of workforce records of people who
    have none yet (an import's joiners): they are created here already classified, so each gets one
    history row instead of a "+" row and then a "~" row.
    """
    incremental = person_ids is not None
    current = current_people(organisation)
    record_rows = WorkforceRecord.objects.filter(person__organisation=organisation)
    if incremental and len(person_ids or ()) < 5000:  # a few: read only theirs
        wanted = list(person_ids or ())
        people = [row for start in range(0, len(wanted), 900) for row in current.filter(
            pk__in=wanted[start:start + 900]).values_list("pk", "job_title", "grade__code")]
        records_of = [row for start in range(0, len(wanted), 900) for row in record_rows.filter(
            person_id__in=wanted[start:start + 900]).values_list(
            "person_id", "pk", "in_profession", "role_level_id", "classification_id")]
    elif incremental:  # many: one read of everyone, kept in Python
        wanted_set = set(person_ids or ())
        people = [row for row in current.values_list("pk", "job_title", "grade__code")
                  if row[0] in wanted_set]
        records_of = [row for row in record_rows.values_list(
            "person_id", "pk", "in_profession", "role_level_id", "classification_id")
            if row[0] in wanted_set]
    else:
        people = list(current.values_list("pk", "job_title", "grade__code"))
        records_of = list(record_rows.values_list(
            "person_id", "pk", "in_profession", "role_level_id", "classification_id"))
    # Plain values to compare; whole rows are read later only for records that change.
    records = {r[0]: r[1:] for r in records_of}
    supplied = {record["person_id"]: record for record in new_records or ()}
    # People with no record yet: theirs are created below, once classified.
    missing = {pk: supplied.pop(pk, None) or {"person_id": pk}
               for pk, _t, _g in people if pk not in records}

    keys: dict[int, tuple[str, str]] = {}
    titles: dict[tuple[str, str], str] = {}
    key_of: dict[str, str] = {}  # many people share a title: normalise each once
    for pk, title, grade in people:
        key = key_of.get(title or "")
        if key is None:
            key = key_of[title or ""] = title_key(title or "")
        if key:
            keys[pk] = (key, grade or "")
            titles.setdefault((key, grade or ""), (title or "").strip()[:200])
    counts = Counter(keys.values())

    existing = {(c.title_key, c.grade_code): c for c in
                TitleClassification.objects.filter(organisation=organisation)
                .select_related("role_level__role__family")}
    decided = {}
    for row in existing.values():
        if row.status in REVIEWED:
            decided.setdefault(row.title_key, row)
    catalogue = load_catalogue()
    engine = get_engine(engine_name, catalogue)
    threshold = classification_settings().auto_accept_above
    now = timezone.now()
    auto_accepted = 0
    levels = _level_index()
    to_create, to_update = [], []
    pending = [(pair, title) for pair, title in titles.items()
               if existing.get(pair) is None
               or (not incremental and existing[pair].status not in REVIEWED)]
    # One batch: each distinct title and grade classified once.
    results = engine.classify_many([(title, pair[1] or None, "") for pair, title in pending])
    for (pair, title), result in zip(pending, results, strict=True):
        row = existing.get(pair)
        result = _remembered(engine, decided, *pair) or result
        if row is None:
            row = TitleClassification(organisation=organisation, title_key=pair[0],
                                      grade_code=pair[1], title=title)
            _apply(row, result, levels, engine.name)
            _decide(row, threshold, now)
            auto_accepted += row.status == ReviewStatus.AUTO
            row.people_count = counts[pair]
            to_create.append(row)
            continue
        changed = _apply(row, result, levels, engine.name)
        if _decide(row, threshold, now) or (changed and row.status == ReviewStatus.AUTO):
            row.decided_at = now if row.status == ReviewStatus.AUTO else None
            changed = True
        auto_accepted += row.status == ReviewStatus.AUTO
        if changed or row.people_count != counts[pair]:
            row.people_count = counts[pair]
            to_update.append(row)
    queued = {row.pk for row in to_update}
    for pair, row in existing.items() if not incremental else ():
        # Counts of the rows the engine did not see: reviewed ones, titles nobody has
        # now, and (incrementally) every suggestion kept as it was.
        if row.pk in queued or row.people_count == counts.get(pair, 0):
            continue
        if row.status in REVIEWED or pair not in titles or incremental:
            row.people_count = counts.get(pair, 0)
            to_update.append(row)
    if to_create:  # plain bulk writes with their history rows (ADR 13)
        create_with_history(to_create, TitleClassification, user=history_user(actor))
    if to_update:
        update_with_history(
            to_update, TitleClassification,
            ["in_profession", "role_level", "confidence", "reason", "alternatives", "engine",
             "status", "decided_by", "decided_at", "people_count"], user=history_user(actor))
    by_pair = {(c.title_key, c.grade_code): c for c in TitleClassification.objects.filter(
        organisation=organisation).only("pk", "title_key", "grade_code", "in_profession",
                                        "role_level_id")}

    new_values: dict[int, tuple] = {}
    groups: dict[tuple, list[int]] = {}
    for pk, _title, _grade in people:
        row = by_pair.get(keys.get(pk)) if pk in keys else None
        values = ((row.in_profession, row.role_level_id, row.pk) if row else (None, None, None))
        if pk in missing:
            record = missing[pk]
            record["in_profession"], record["role_level_id"], record["classification_id"] = \
                values
            continue
        record_pk, *current = records[pk]
        if tuple(current) != values:
            new_values[record_pk] = values
            groups.setdefault(values, []).append(record_pk)
    # New records (and any supplied for people who are not current) in one go.
    create_rows_with_history(WorkforceRecord, [*missing.values(), *supplied.values()],
                             user=history_user(actor))
    _update_records(groups, actor)
    if incremental:
        to_update = _recount(organisation, actor)
    in_profession = sum(1 for pk in keys if by_pair[keys[pk]].in_profession)
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=organisation,
        summary=f"Job titles of {organisation.abbreviation} classified: {len(people)} people, "
        f"{in_profession} in the profession, {auto_accepted} title"
        f"{'' if auto_accepted == 1 else 's'} accepted automatically",
        data={"people": len(people), "in_profession": in_profession,
              "titles": len(titles), "new_suggestions": len(to_create),
              "updated_suggestions": len(to_update), "records_changed": len(new_values),
              "auto_accepted": auto_accepted,
              "auto_accept_above": None if threshold is None else str(threshold),
              "engine": engine.name},
    )
    return len(people)


def _recount(organisation: Any, actor: Any) -> list[TitleClassification]:
    """Set each title's count of current people from the records, counted in the database;
    returns the rows whose count changed."""
    counts = dict(current_people(organisation).exclude(workforce__classification=None)
                  .values_list("workforce__classification").annotate(n=Count("pk"))
                  .values_list("workforce__classification", "n"))
    changed = []
    for row in TitleClassification.objects.filter(organisation=organisation):
        if row.people_count != counts.get(row.pk, 0):
            row.people_count = counts.get(row.pk, 0)
            changed.append(row)
    if changed:
        update_with_history(changed, TitleClassification, ["people_count"],
                            user=history_user(actor))
    return changed


@transaction.atomic
def review_classification(*, actor: Any, classification: TitleClassification,
                          in_profession: bool, role_level: RoleLevel | None = None
                          ) -> TitleClassification:
    """Accept (unchanged) or correct a suggestion, and apply it to everyone holding the title."""
    if in_profession and role_level is None:
        raise ValidationError({"role_level": "Choose the role level for a title in the "
                               "profession."})
    if not in_profession:
        role_level = None
    framework = default_framework()
    if role_level is not None and framework is not None and role_level.framework_id != \
            framework.pk:
        raise ValidationError({"role_level": "Choose a role level of the default framework."})
    before = {"in_profession": classification.in_profession,
              "role_level": str(classification.role_level or ""),
              "status": classification.status}
    same = (classification.in_profession == in_profession
            and classification.role_level_id == (role_level.pk if role_level else None))
    classification.status = ReviewStatus.ACCEPTED if same else ReviewStatus.CORRECTED
    classification.in_profession = in_profession
    classification.role_level = role_level
    classification.decided_by = history_user(actor)
    classification.decided_at = timezone.now()
    classification._history_user = history_user(actor)
    classification.save()
    records = list(WorkforceRecord.objects.filter(classification=classification)
                   .values_list("pk", flat=True))
    _update_records({(in_profession, role_level.pk if role_level else None,
                      classification.pk): records}, actor)
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=classification,
        summary=f"Job title '{classification.title}' ({classification.grade_code or 'any grade'})"
        f" {classification.get_status_display().lower()}: "
        + (f"in the profession as {role_level}" if in_profession else "outside the profession"),
        data={"before": before, "after": {"in_profession": in_profession,
                                          "role_level": str(role_level or ""),
                                          "status": classification.status},
              "people": len(records)},
    )
    return classification
