"""Reads for strategic suppliers (issue 19 point 5), scoped to the viewer.

Who sees what (the permission map lets ``STRATEGY_FIGURES`` open the pages):

- suppliers, the framework, periods and performance plans: everyone the map admits;
- one buying organisation's scores and overall: the central team and administrators (every
  organisation), a head of profession (their own organisations' only);
- an aggregate across buying organisations (the government overall, a criterion's mean):
  the central team always, saying how many organisations are behind it; anyone else only
  when at least two organisations other than their own are behind it
  (``supplier_scoring.may_show``), otherwise a "not shown" row saying why.

``viewer_organisations`` is None for the central team, administrators and the command line.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from cadre.access.scope import scope_for
from cadre.core.actor import Actor
from cadre.organisations.models import Organisation
from cadre.strategy import supplier_scoring as scoring
from cadre.strategy.models import (
    AssessmentCriterion,
    AssessmentPeriod,
    AssessmentVersion,
    PlanAction,
    StrategicSupplier,
    SupplierScore,
)

#: Columns of the overall-scores table (command line, CSV, API).
OVERALL_COLUMNS = ("supplier", "period", "framework_version", "organisation", "overall",
                   "organisations", "criteria_scored", "criteria")
#: What the ``organisation`` column says on a row across government.
ACROSS_GOVERNMENT = "All buying organisations"
HIDDEN_REASON = ("Not shown: fewer than 2 buying organisations other than your own scored "
                 "this; only the central team sees it.")


def viewer_organisations(viewer: Actor | Any) -> frozenset[int] | None:
    """The organisations whose own figures the viewer sees; None means every one."""
    actor = Actor.coerce(viewer)
    if actor.trusted:
        return None
    if not actor.is_user:
        return frozenset()
    scope = scope_for(actor.user)
    if scope.government_wide:
        return None
    return scope.profession_organisations


def sees_organisation(viewer: Actor | Any, organisation_id: int) -> bool:
    own = viewer_organisations(viewer)
    return own is None or organisation_id in own


def suppliers(*, include_inactive: bool = True, search: str = "") -> QuerySet[StrategicSupplier]:
    rows = StrategicSupplier.objects.annotate(action_count=Count("plan_actions"))
    if not include_inactive:
        rows = rows.filter(active=True)
    if search:
        rows = rows.filter(name__icontains=search)
    return rows.order_by("name")


def supplier(pk: int) -> StrategicSupplier | None:
    return StrategicSupplier.objects.filter(pk=pk).first()


def supplier_by_name(name: str) -> StrategicSupplier | None:
    return StrategicSupplier.objects.filter(name__iexact=name.strip()).first()


def versions() -> QuerySet[AssessmentVersion]:
    return AssessmentVersion.objects.prefetch_related(
        Prefetch("criteria", queryset=AssessmentCriterion.objects.order_by("position", "pk")),
        "periods").order_by("-number")


def version_in_use(version: AssessmentVersion) -> bool:
    """Whether a score has been given against the version (then it is frozen)."""
    return SupplierScore.objects.filter(criterion__version=version).exists()


def periods() -> QuerySet[AssessmentPeriod]:
    return AssessmentPeriod.objects.select_related("version").order_by("starts_on", "pk")


def period_by_label(label: str) -> AssessmentPeriod | None:
    return AssessmentPeriod.objects.filter(label__iexact=label.strip()).first()


def criteria_for(period: AssessmentPeriod) -> list[AssessmentCriterion]:
    return list(period.version.criteria.order_by("position", "pk"))


def scores_for(*, supplier: StrategicSupplier, period: AssessmentPeriod,
               organisation: Organisation) -> dict[int, SupplierScore]:
    """The organisation's scores of the supplier in the period, by criterion id."""
    rows = SupplierScore.objects.filter(supplier=supplier, period=period,
                                        organisation=organisation).select_related("updated_by")
    return {row.criterion_id: row for row in rows}


def score_history(*, supplier: StrategicSupplier, period: AssessmentPeriod,
                  organisation: Organisation) -> list[dict[str, Any]]:
    """Every change to the organisation's scores of the supplier in the period, newest
    first: ``{when, criterion, score, comment, by, kind}``."""
    history = SupplierScore.history.model.objects.filter(
        supplier_id=supplier.pk, period_id=period.pk, organisation_id=organisation.pk
    ).select_related("history_user").order_by("-history_date", "-history_id")
    names = dict(AssessmentCriterion.objects.filter(version=period.version_id)
                 .values_list("pk", "name"))
    kinds = {"+": "Given", "~": "Changed", "-": "Removed"}
    return [{"when": h.history_date, "criterion": names.get(h.criterion_id, ""),
             "score": h.score, "comment": h.comment,
             "by": getattr(h.history_user, "email", "") or "Cadre",
             "kind": kinds.get(h.history_type, h.history_type)} for h in history[:200]]


def scoring_organisations(viewer: Actor | Any) -> QuerySet[Organisation]:
    """The organisations the viewer may enter scores for."""
    own = viewer_organisations(viewer)
    rows = Organisation.objects.order_by("name")
    return rows if own is None else rows.filter(pk__in=own)


# -- the cross-government view ---------------------------------------------------------

@dataclass
class OrganisationFigure:
    organisation: Organisation
    overall: float | None
    criteria_scored: int


@dataclass
class CriterionFigure:
    criterion: AssessmentCriterion
    mean_score: float | None
    organisations: int
    shown: bool


@dataclass
class PeriodFigures:
    period: AssessmentPeriod
    criteria: int
    #: Every buying organisation that gave a score (counted whether or not shown).
    organisations: int
    overall: float | None
    shown: bool
    change: float | None = None
    by_organisation: list[OrganisationFigure] = field(default_factory=list)
    by_criterion: list[CriterionFigure] = field(default_factory=list)

    @property
    def hidden_reason(self) -> str:
        return "" if self.shown or not self.organisations else HIDDEN_REASON


def _exact(rows: list[SupplierScore]) -> Fraction | None:
    return scoring.overall_share(
        scoring.Scored(r.criterion.weight, r.criterion.scale_max, r.score) for r in rows)


def figures(supplier: StrategicSupplier, viewer: Actor | Any, *,
            period: AssessmentPeriod | None = None) -> list[PeriodFigures]:
    """The supplier's figures per period (oldest first), as the viewer may see them; the
    change is from the previous period with a figure shown to the viewer."""
    own = viewer_organisations(viewer)
    rows = (SupplierScore.objects.filter(supplier=supplier)
            .select_related("criterion", "organisation", "period"))
    if period is not None:
        rows = rows.filter(period=period)
    by_period: dict[int, dict[int, list[SupplierScore]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_period[row.period_id][row.organisation_id].append(row)
    chosen = [period] if period is not None else list(periods())
    out: list[PeriodFigures] = []
    previous: float | None = None
    for item in chosen:
        criteria = criteria_for(item)
        per_org = by_period.get(item.pk, {})
        exact = {org_id: _exact(org_rows) for org_id, org_rows in per_org.items()}
        contributors = set(per_org)
        shown = scoring.may_show(contributors, own)
        overall = scoring.government_overall([v for v in exact.values() if v is not None]) \
            if shown else None
        figure = PeriodFigures(period=item, criteria=len(criteria),
                               organisations=len(contributors), overall=overall, shown=shown)
        if shown:
            figure.change = scoring.change(previous, overall)
            previous = overall
        for org_id, org_rows in sorted(per_org.items(),
                                       key=lambda kv: kv[1][0].organisation.name):
            if own is None or org_id in own:
                figure.by_organisation.append(OrganisationFigure(
                    organisation=org_rows[0].organisation,
                    overall=scoring.percent(exact[org_id]), criteria_scored=len(org_rows)))
        for criterion in criteria:
            given = [r for org_rows in per_org.values() for r in org_rows
                     if r.criterion_id == criterion.pk]
            orgs = {r.organisation_id for r in given}
            visible = scoring.may_show(orgs, own)
            mean_score = (round(sum(r.score for r in given) / len(given), 1)
                          if visible and given else None)
            figure.by_criterion.append(CriterionFigure(criterion=criterion,
                                                       mean_score=mean_score,
                                                       organisations=len(orgs),
                                                       shown=visible))
        out.append(figure)
    return out


def overall_rows(viewer: Actor | Any, *, supplier: StrategicSupplier | None = None,
                 period: AssessmentPeriod | None = None) -> list[dict[str, Any]]:
    """One row per supplier, period and buying organisation the viewer may see, and one
    across government (``organisation`` = :data:`ACROSS_GOVERNMENT`) where it may be shown;
    columns :data:`OVERALL_COLUMNS`. ``overall`` is a percentage, 0 worst to 100 best."""
    chosen = [supplier] if supplier is not None else list(suppliers())
    out: list[dict[str, Any]] = []
    for item in chosen:
        for figure in figures(item, viewer, period=period):
            if not figure.organisations:
                continue
            base = {"supplier": item.name, "period": figure.period.label,
                    "framework_version": figure.period.version.number,
                    "criteria": figure.criteria}
            for org in figure.by_organisation:
                out.append({**base, "organisation": org.organisation.abbreviation,
                            "overall": org.overall, "organisations": 1,
                            "criteria_scored": org.criteria_scored})
            if figure.shown:
                out.append({**base, "organisation": ACROSS_GOVERNMENT,
                            "overall": figure.overall, "organisations": figure.organisations,
                            "criteria_scored": None})
    return [{k: row.get(k) for k in OVERALL_COLUMNS} for row in out]


# -- the performance plan --------------------------------------------------------------

def actions(supplier: StrategicSupplier) -> QuerySet[PlanAction]:
    return (PlanAction.objects.filter(supplier=supplier)
            .select_related("owner_organisation", "owner_person").order_by("due_on", "pk"))


def action(pk: int) -> PlanAction | None:
    return (PlanAction.objects.select_related("supplier", "owner_organisation", "owner_person")
            .filter(pk=pk).first())


def action_history(item: PlanAction) -> list[dict[str, Any]]:
    """The action's changes, newest first: ``{when, status, by, reason}``."""
    labels = dict(PlanAction._meta.get_field("status").flatchoices)
    rows = item.history.select_related("history_user").order_by("-history_date", "-history_id")
    return [{"when": h.history_date, "status": str(labels.get(h.status, h.status)),
             "by": getattr(h.history_user, "email", "") or "Cadre",
             "reason": h.history_change_reason or ""} for h in rows[:200]]


__all__ = ["ACROSS_GOVERNMENT", "HIDDEN_REASON", "OVERALL_COLUMNS", "CriterionFigure",
           "OrganisationFigure", "PeriodFigures", "action", "action_history", "actions",
           "criteria_for", "figures", "overall_rows", "period_by_label", "periods",
           "score_history", "scores_for", "scoring_organisations", "sees_organisation",
           "supplier", "supplier_by_name", "suppliers", "version_in_use", "versions",
           "viewer_organisations"]
