"""Reads of standards (schemes, levels, criteria) and of a person's eligibility.

Schemes, levels and published criteria hold no one's data: every signed-in account sees
them; draft criteria versions are seen by the scheme runners only. Eligibility is computed
for a person the caller has already been allowed to see (the person themselves, or a
capability viewer through ``assessments.selectors.capability_person``).

Only agreed (line manager) and validated assessments count towards eligibility: per skill,
the one that counts is chosen as ``assessments`` does (validated before agreed, then the
latest); a self-assessment alone never counts. Years in the profession are the years since
the start date on the person's record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from cadre.access.scope import scope_for
from cadre.accreditation import eligibility as rules
from cadre.accreditation.models import (
    Application,
    Award,
    CriteriaVersion,
    Criterion,
    CriterionKind,
    EvidenceLink,
    Scheme,
    SchemeLevel,
)
from cadre.accreditation.selectors.common import runs_scheme
from cadre.assessments.models import SOURCE_PRECEDENCE, SkillAssessment, Source
from cadre.framework.models import Requirement, RoleFamily, Skill, SkillLevel
from cadre.framework.selectors import default_framework
from cadre.people.models import Person

#: Sources that count towards eligibility (a self-assessment alone does not).
COUNTING_SOURCES = (Source.MANAGER, Source.VALIDATED)
#: Skills named in a result's words before "and N more".
NAMED_SKILLS = 8


@dataclass(frozen=True)
class CriterionResult:
    """One criterion for one person: ``met`` True, False, or None (judged by the assessors,
    or checked on the application); ``detail`` says why in words."""

    criterion: Criterion
    met: bool | None
    detail: str

    @property
    def status(self) -> str:
        return {True: "Met", False: "Not met yet", None: "Judged by the assessors"}[self.met]


@dataclass(frozen=True)
class Eligibility:
    """Whether a person may apply for a level now, and what is missing."""

    level: SchemeLevel
    criteria: CriteriaVersion | None
    eligible: bool
    results: list[CriterionResult] = field(default_factory=list)
    holds_award: bool = False

    @property
    def missing(self) -> list[CriterionResult]:
        return [r for r in self.results if r.met is False]

    @property
    def summary(self) -> str:
        if self.criteria is None:
            return "No criteria published yet"
        if self.holds_award:
            return "You hold this award"
        if self.eligible:
            return "You could apply now"
        n = len(self.missing)
        return f"{n} {'criterion' if n == 1 else 'criteria'} not met yet"


# --- standards -------------------------------------------------------------------------


def _criteria_prefetch() -> Prefetch:
    return Prefetch(
        "criteria",
        queryset=Criterion.objects.prefetch_related("families").order_by("position", "id"),
    )


def visible_schemes(user: Any) -> QuerySet[Scheme]:
    """Every scheme, to any signed-in account."""
    qs = Scheme.objects.prefetch_related("levels")
    return qs if scope_for(user).authenticated else qs.none()


def scheme_detail(user: Any, scheme_id: int) -> Scheme | None:
    return visible_schemes(user).filter(pk=scheme_id).first()


def visible_versions(user: Any, level: SchemeLevel) -> QuerySet[CriteriaVersion]:
    """A level's criteria versions, newest first: published ones to everyone signed in,
    drafts too to the scheme runners."""
    qs = level.versions.prefetch_related(_criteria_prefetch()).annotate(
        criteria_count=Count("criteria")
    )
    if not scope_for(user).authenticated:
        return qs.none()
    return qs if runs_scheme(user) else qs.filter(published_on__isnull=False)


def version_detail(user: Any, version_id: int) -> CriteriaVersion | None:
    version = (
        CriteriaVersion.objects.select_related("level__scheme")
        .prefetch_related(_criteria_prefetch())
        .filter(pk=version_id)
        .first()
    )
    if version is None or not scope_for(user).authenticated:
        return None
    if version.published_on is None and not runs_scheme(user):
        return None
    return version


def current_criteria(
    level: SchemeLevel | int,
    on: dt.date | None = None,
) -> CriteriaVersion | None:
    """The level's latest published criteria version on a date (default today), with its
    criteria; None when none is published."""
    level_id = level if isinstance(level, int) else level.pk
    on = on or timezone.localdate()
    return (
        CriteriaVersion.objects.filter(
            level_id=level_id, published_on__isnull=False, published_on__lte=on
        )
        .select_related("level__scheme")
        .prefetch_related(_criteria_prefetch())
        .order_by("-number")
        .first()
    )


def level_names() -> dict[int, str]:
    """Ordinal -> name on the default framework's skill level scale."""
    framework = default_framework()
    if framework is None:
        return {}
    return dict(SkillLevel.objects.filter(framework=framework).values_list("ordinal", "name"))


def rule_in_words(criterion: Criterion, names: dict[int, str]) -> str:
    """What a criterion's rule checks, in words (for the criteria tables)."""
    kind = criterion.kind
    if kind in (CriterionKind.SKILLS_AT_LEVEL, CriterionKind.BREADTH):
        level = names.get(criterion.min_level or 1)
        at = f"level {criterion.min_level}" + (f" ({level})" if level else "")
        families = " or ".join(f.name for f in criterion.families.all())
        where = f" in {families}" if families and kind == CriterionKind.SKILLS_AT_LEVEL else ""
        return f"At least {criterion.count} skills at {at} or above{where}"
    if kind == CriterionKind.EXPERIENCE:
        return f"At least {criterion.years} years in the profession"
    if kind == CriterionKind.EVIDENCE:
        return f"At least {criterion.count} items of “{criterion.evidence_type}”"
    return "Judged by the assessors"


# --- a person's eligibility ------------------------------------------------------------


def counting_levels(person_id: int, on: dt.date | None = None) -> dict[int, int]:
    """Skill id -> ordinal of the level that counts for accreditation (0: assessed as not
    held), from agreed and validated assessments only."""
    qs = SkillAssessment.objects.filter(person_id=person_id, source__in=COUNTING_SOURCES)
    if on is not None:
        qs = qs.filter(assessed_on__lte=on)
    best: dict[int, tuple[tuple, int]] = {}
    for skill_id, source, assessed_on, pk, ordinal in qs.values_list(
        "skill_id", "source", "assessed_on", "pk", "level__ordinal"
    ):
        key = (SOURCE_PRECEDENCE[source], assessed_on, pk)
        if skill_id not in best or key > best[skill_id][0]:
            best[skill_id] = (key, ordinal or 0)
    return {skill_id: ordinal for skill_id, (_, ordinal) in best.items()}


def skill_families(skill_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """Skill id -> the families whose roles require it."""
    out: dict[int, set[int]] = {}
    for skill_id, family_id in (
        Requirement.objects.filter(skill_id__in=list(skill_ids))
        .values_list("skill_id", "role_level__role__family_id")
        .distinct()
    ):
        out.setdefault(skill_id, set()).add(family_id)
    return {k: frozenset(v) for k, v in out.items()}


def years_in_profession(person: Person, on: dt.date | None = None) -> float | None:
    """Whole and part years since the start date on the person's record; None without one."""
    if person.start_date is None:
        return None
    days = ((on or timezone.localdate()) - person.start_date).days
    return max(days, 0) / 365.25


@dataclass
class _Words:
    """Names for the words of the results, read once per call."""

    skills: dict[int, str] = field(default_factory=dict)
    families: dict[int, str] = field(default_factory=dict)
    levels: dict[int, dict[int, str]] = field(default_factory=dict)  # framework -> ordinal
    default_framework_id: int | None = None

    def level(self, ordinal: int | None, criterion: Criterion) -> str:
        families = list(criterion.families.all())
        framework_id = families[0].framework_id if families else self.default_framework_id
        name = self.levels.get(framework_id or 0, {}).get(int(ordinal or 1))
        return f"level {ordinal or 1} ({name})" if name else f"level {ordinal or 1}"

    def skill_list(self, ids: Iterable[int]) -> str:
        names = [self.skills.get(i, f"skill {i}") for i in ids]
        if len(names) > NAMED_SKILLS:
            return ", ".join(names[:NAMED_SKILLS]) + f" and {len(names) - NAMED_SKILLS} more"
        return ", ".join(names)


def _plural(n: float, one: str, many: str) -> str:
    n = int(n)
    return f"{n} {one if n == 1 else many}"


def _detail(outcome: rules.Outcome, criterion: Criterion, words: _Words) -> str:
    kind = criterion.kind
    if kind in (CriterionKind.SKILLS_AT_LEVEL, CriterionKind.BREADTH):
        where = ""
        fams = [words.families.get(f.pk, f.name) for f in criterion.families.all()]
        if kind == CriterionKind.SKILLS_AT_LEVEL and fams:
            where = " in " + " or ".join(fams)
        at = f"at {words.level(criterion.min_level, criterion)} or above{where}"
        have = int(outcome.have or 0)
        held = (
            f"You have {have}: {words.skill_list(outcome.counted)}."
            if have
            else "You have none yet."
        )
        if outcome.met:
            return f"Met: {_plural(have, 'skill', 'skills')} {at}. {held}"
        more = _plural(outcome.shortfall, "more skill", "more skills")
        return (
            f"Missing: {more} {at} (agreed with your line manager or validated; "
            f"{int(outcome.need or 0)} needed). {held}"
        )
    if kind == CriterionKind.EXPERIENCE:
        need = int(outcome.need or 0)
        if outcome.met is None:
            return (
                f"{_plural(need, 'year', 'years')} needed. Your record has no start date, "
                "so the assessors judge this from your statement."
            )
        have = int(outcome.have or 0)
        if outcome.met:
            return f"Met: {_plural(have, 'year', 'years')} since your start date ({need} needed)."
        return (
            f"Missing: {need} years in the profession needed; your record shows "
            f"{_plural(have, 'year', 'years')} since your start date."
        )
    if kind == CriterionKind.EVIDENCE:
        need = int(outcome.need or 1)
        what = f"“{criterion.evidence_type}”" if criterion.evidence_type else "evidence"
        if outcome.met is None:
            return f"Link at least {_plural(need, 'item', 'items')} of {what} to your application."
        have = int(outcome.have or 0)
        if outcome.met:
            return f"Met: {_plural(have, 'item', 'items')} of {what} linked."
        return (
            f"Missing: {_plural(outcome.shortfall, 'more item', 'more items')} of {what} "
            f"({need} needed, {have} linked)."
        )
    return "Judged by the assessors from your statement."


def _rule(criterion: Criterion) -> rules.Rule:
    return rules.Rule(
        key=criterion.pk,
        kind=criterion.kind,
        count=criterion.count,
        min_level=criterion.min_level,
        families=frozenset(f.pk for f in criterion.families.all()),
        years=criterion.years,
        evidence_type=criterion.evidence_type,
    )


def _words_for(versions: Iterable[CriteriaVersion], skill_ids: Iterable[int]) -> _Words:
    framework = default_framework()
    family_ids = {f.pk for v in versions for c in v.criteria.all() for f in c.families.all()}
    families = dict(RoleFamily.objects.filter(pk__in=family_ids).values_list("pk", "name"))
    levels: dict[int, dict[int, str]] = {}
    for framework_id, ordinal, name in SkillLevel.objects.values_list(
        "framework_id", "ordinal", "name"
    ):
        levels.setdefault(framework_id, {})[ordinal] = name
    skills = dict(Skill.objects.filter(pk__in=list(skill_ids)).values_list("pk", "name"))
    return _Words(skills, families, levels, framework.pk if framework else None)


def _evaluate(
    version: CriteriaVersion | None,
    level: SchemeLevel,
    *,
    held: dict[int, int],
    families: dict[int, frozenset[int]],
    years: float | None,
    evidence: dict[str, int] | None,
    words: _Words | None,
    holds_award: bool,
) -> Eligibility:
    if version is None:
        return Eligibility(level, None, False, [], holds_award)
    criteria = list(version.criteria.all())
    outcomes = rules.evaluate(
        [_rule(c) for c in criteria], held, families, years=years, evidence=evidence
    )
    if words is None:
        words = _words_for([version], held.keys())
    results = [
        CriterionResult(c, o.met, _detail(o, c, words))
        for c, o in zip(criteria, outcomes, strict=True)
    ]
    return Eligibility(level, version, rules.eligible(outcomes), results, holds_award)


def _evidence_of(application: Application) -> dict[str, int]:
    return dict(
        EvidenceLink.objects.filter(application=application)
        .values_list("evidence_type")
        .annotate(n=Count("id"))
        .values_list("evidence_type", "n")
    )


def _holds(person_id: int, level_ids: Iterable[int]) -> set[int]:
    return set(
        Award.objects.filter(person_id=person_id, level_id__in=list(level_ids))
        .exclude(status=Award.Status.REVOKED)
        .values_list("level_id", flat=True)
    )


def eligibility(
    person: Person,
    level: SchemeLevel,
    *,
    application: Application | None = None,
    on: dt.date | None = None,
) -> Eligibility:
    """Whether ``person`` meets ``level``'s criteria, criterion by criterion.

    Without ``application``: against the level's current criteria, evidence left open.
    With it: against the version the application was made on, counting its linked evidence
    by type (what submission checks).
    """
    version = (
        (
            CriteriaVersion.objects.prefetch_related(_criteria_prefetch()).get(
                pk=application.criteria_id
            )
        )
        if application is not None
        else current_criteria(level, on)
    )
    held = counting_levels(person.pk, on)
    return _evaluate(
        version,
        level,
        held=held,
        families=skill_families(held),
        years=years_in_profession(person, on),
        evidence=_evidence_of(application) if application is not None else None,
        words=None,
        holds_award=level.pk in _holds(person.pk, [level.pk]),
    )


def schemes_for(person: Person, on: dt.date | None = None) -> list[Eligibility]:
    """Every scheme level with published criteria and the person's eligibility for it,
    by scheme then level."""
    on = on or timezone.localdate()
    levels = list(
        SchemeLevel.objects.select_related("scheme")
        .filter(versions__published_on__isnull=False, versions__published_on__lte=on)
        .distinct()
        .order_by("scheme__name", "ordinal")
    )
    if not levels:
        return []
    versions: dict[int, CriteriaVersion] = {}
    for version in (
        CriteriaVersion.objects.filter(
            level__in=levels, published_on__isnull=False, published_on__lte=on
        )
        .prefetch_related(_criteria_prefetch())
        .order_by("level_id", "-number")
    ):
        versions.setdefault(version.level_id, version)
    held = counting_levels(person.pk, on)
    families = skill_families(held)
    years = years_in_profession(person, on)
    words = _words_for(versions.values(), held.keys())
    holds = _holds(person.pk, [lv.pk for lv in levels])
    return [
        _evaluate(
            versions.get(lv.pk),
            lv,
            held=held,
            families=families,
            years=years,
            evidence=None,
            words=words,
            holds_award=lv.pk in holds,
        )
        for lv in levels
    ]


def eligible_count(level: SchemeLevel, people: QuerySet[Person] | None = None) -> int:
    """How many people (default everyone current) meet a level's current criteria now, with
    evidence and conduct left open (for the scheme page's figure)."""
    import numpy as np

    version = current_criteria(level)
    if version is None:
        return 0
    people = (
        people
        if people is not None
        else Person.objects.filter(Q(end_date__isnull=True) | Q(end_date__gt=timezone.localdate()))
    )
    ids = list(people.values_list("pk", "start_date"))
    if not ids:
        return 0
    index = {pk: i for i, (pk, _) in enumerate(ids)}
    skill_ids = list(
        SkillAssessment.objects.filter(person_id__in=index, source__in=COUNTING_SOURCES)
        .values_list("skill_id", flat=True)
        .distinct()
    )
    column = {s: j for j, s in enumerate(skill_ids)}
    held = np.zeros((len(ids), len(skill_ids)), dtype=np.int64)
    best: dict[tuple[int, int], tuple] = {}
    for person_id, skill_id, source, on_, pk, ordinal in SkillAssessment.objects.filter(
        person_id__in=index, source__in=COUNTING_SOURCES
    ).values_list("person_id", "skill_id", "source", "assessed_on", "pk", "level__ordinal"):
        key = (SOURCE_PRECEDENCE[source], on_, pk)
        cell = (person_id, skill_id)
        if cell not in best or key > best[cell][0]:
            best[cell] = (key, ordinal or 0)
    for (person_id, skill_id), (_, ordinal) in best.items():
        held[index[person_id], column[skill_id]] = ordinal
    today = timezone.localdate()
    years = np.array(
        [np.nan if start is None else max((today - start).days, 0) / 365.25 for _, start in ids]
    )
    mask = rules.eligible_matrix(
        [_rule(c) for c in version.criteria.all()],
        held,
        skill_ids,
        skill_families(skill_ids),
        years,
    )
    return int(mask.sum())
