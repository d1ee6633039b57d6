"""Reads for pay benchmarks (issue 21, area 4): employed pay, contractors' yearly cost and
the hub's market figures for a role level (and grade).

Who is counted (read live from the workforce data, as plain numbers through
``values_list``; the figures are ``cadre.recruitment.pay_figures``):

- *employed pay*: current people (``people.selectors.current_filter``) who are not
  contractors, consultants or interims, classified in the profession at the role level
  (and, when one is chosen, on the grade), with an annual pay from their HR extract;
- *contractor cost*: current contractors, consultants and interims at the role level with
  a day rate (any grade: their grade is seldom recorded), at ``WORKING_DAYS_PER_YEAR``
  working days a year;
- *market figures*: the hub's figures for the role level not withdrawn, for the grade and
  for any grade (without a grade: every figure of the level), the newest of each source.

Counts of 1 to 4 people show no figure, for everyone (ADR 8).
"""

from __future__ import annotations

from typing import Any

from django.db.models import FloatField, Q, QuerySet
from django.db.models.functions import Cast

from cadre.access.rules import RECRUITMENT_FIGURES
from cadre.framework.models import RoleLevel
from cadre.organisations.models import Grade
from cadre.people.models import CONTINGENT_TYPES
from cadre.people.selectors import current_filter
from cadre.recruitment import pay_figures as plain
from cadre.recruitment.models.pay import MarketFigure
from cadre.workforce.models import WorkforceRecord

__all__ = [
    "Benchmark",
    "benchmark_for",
    "levels_with_market_figures",
    "market_figure",
    "market_figures",
    "may_see_benchmarks",
    "role_level_choices",
]

Benchmark = plain.Benchmark
_CONTINGENT = sorted(CONTINGENT_TYPES)


def may_see_benchmarks(user: Any) -> bool:
    """Accounts the permission map lets see benchmarks; ``None`` is the command line."""
    return user is None or RECRUITMENT_FIGURES.allows(user)


def _numbers(qs: QuerySet, field: str) -> list[float]:
    return list(qs.order_by().annotate(_n=Cast(field, FloatField()))
                .values_list("_n", flat=True))


def employed_pay(*, role_level_id: int, grade_id: int | None = None) -> list[float]:
    """Annual pay of the current employed people in the profession at the level (grade)."""
    qs = WorkforceRecord.objects.filter(
        current_filter("person__"), in_profession=True, role_level_id=role_level_id,
        annual_pay__isnull=False).exclude(person__employment_type__in=_CONTINGENT)
    if grade_id is not None:
        qs = qs.filter(person__grade_id=grade_id)
    return _numbers(qs, "annual_pay")


def contingent_day_rates(*, role_level_id: int) -> list[float]:
    """Day rates of the current contractors, consultants and interims at the level."""
    qs = WorkforceRecord.objects.filter(
        current_filter("person__"), person__employment_type__in=_CONTINGENT,
        role_level_id=role_level_id, day_rate__isnull=False)
    return _numbers(qs, "day_rate")


def market_figures(*, role_level_id: int | None = None, include_withdrawn: bool = False
                   ) -> QuerySet[MarketFigure]:
    """Market figures (newest first), of one role level when given."""
    qs = MarketFigure.objects.select_related("role_level__role", "grade", "entered_by")
    if role_level_id is not None:
        qs = qs.filter(role_level_id=role_level_id)
    if not include_withdrawn:
        qs = qs.filter(withdrawn_at__isnull=True)
    return qs.order_by("-source_date", "-id")


def levels_with_market_figures() -> list[tuple[int, str]]:
    """(id, "Role: level") of the role levels with a market figure not withdrawn, by name."""
    levels = RoleLevel.objects.select_related("role").filter(pk__in=MarketFigure.objects.filter(
        withdrawn_at__isnull=True).values("role_level_id"))
    return [(lv.pk, _level_name(lv)) for lv in levels.order_by("role__name", "order", "pk")]


def market_figure(pk: int) -> MarketFigure | None:
    return MarketFigure.objects.select_related("role_level__role", "grade").filter(
        pk=pk).first()


def _market_lines(role_level_id: int, grade_id: int | None) -> tuple[plain.MarketLine, ...]:
    qs = market_figures(role_level_id=role_level_id)
    if grade_id is not None:
        qs = qs.filter(Q(grade_id=grade_id) | Q(grade__isnull=True))
    rows = qs.values_list("pk", "low", "median", "high", "source", "source_date",
                          "grade_id", "grade__name")
    newest: dict[tuple[str, int | None], plain.MarketLine] = {}
    for pk, low, median, high, source, source_date, figure_grade, grade_name in rows:
        key = (" ".join(source.split()).casefold(), figure_grade)
        if key in newest:  # rows come newest first: the first of each source is kept
            continue
        newest[key] = plain.MarketLine(
            id=pk, low=low, median=median, high=high, source=source,
            source_date=source_date, grade=grade_name or "",
            for_grade=grade_id is not None and figure_grade == grade_id)
    return tuple(newest.values())


def benchmark_for(*, role_level_id: int, grade_id: int | None = None) -> Benchmark:
    """The pay benchmark of a role level (and grade); see the module."""
    level = RoleLevel.objects.select_related("role").filter(pk=role_level_id).first()
    grade = Grade.objects.filter(pk=grade_id).first() if grade_id is not None else None
    return plain.Benchmark(
        employed=plain.spread(employed_pay(role_level_id=role_level_id, grade_id=grade_id)),
        contingent=plain.spread(plain.yearly_costs(
            contingent_day_rates(role_level_id=role_level_id))),
        market=_market_lines(role_level_id, grade_id),
        role_level=_level_name(level) if level else "",
        grade=grade.name if grade else "")


def _level_name(level: RoleLevel) -> str:
    return f"{level.role.name}: {level.name}"


def role_level_choices() -> list[tuple[int, str]]:
    """(id, "Role: level") of the default framework's role levels, by role and order."""
    qs = RoleLevel.objects.select_related("role").filter(framework__is_default=True)
    if not qs.exists():
        qs = RoleLevel.objects.select_related("role")
    return [(lv.pk, _level_name(lv)) for lv in qs.order_by("role__name", "order")]


def grade_choices() -> list[tuple[int, str]]:
    """(id, name) of every grade, in scheme and rank order."""
    return list(Grade.objects.order_by("scheme", "rank").values_list("pk", "name"))
