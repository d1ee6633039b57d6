"""Reads for strategies, workstreams, milestones and delivery confidence (issue 19, area 1).

Strategies, workstreams, milestones and their ratings are about organisations, not people:
everyone signed in reads them. Who may change what is answered here for the pages
(:func:`may_edit`, :func:`may_own`) and checked again by ``services.workstreams``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from cadre.access.rules import STRATEGY_CONTRIBUTORS, STRATEGY_EDITORS
from cadre.access.scope import scope_for
from cadre.core.inputs import MAX_ID
from cadre.strategy.models import (
    ConfidenceLevel,
    ConfidenceRating,
    ConfidenceScale,
    Milestone,
    RaterKind,
    ReportingPeriod,
    Strategy,
    Workstream,
)


def _valid_id(pk: object) -> bool:
    return isinstance(pk, int) and 0 < pk <= MAX_ID


def may_edit(user: Any) -> bool:
    """The central team and administrators set up strategies, workstreams, milestones,
    periods and scales and give the central rating."""
    return bool(user is not None and getattr(user, "is_authenticated", False)
                and STRATEGY_EDITORS.allows(user))


def owner_organisations(milestone: Milestone) -> set[int]:
    """The organisations whose heads of profession own a milestone: its owner, the
    workstream's lead and, for an implementation plan, the department."""
    ids = {milestone.owner_organisation_id, milestone.workstream.lead_organisation_id,
           milestone.workstream.organisation_id}
    return {pk for pk in ids if pk is not None}


def may_own(user: Any, milestone: Milestone) -> bool:
    """Heads of profession of an owning organisation (and the central team and
    administrators) update progress and give the owner's rating."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if may_edit(user):
        return True
    if not STRATEGY_CONTRIBUTORS.allows(user):
        return False
    scope = scope_for(user)
    return any(scope.manages(pk) for pk in owner_organisations(milestone))


def strategies() -> QuerySet[Strategy]:
    return Strategy.objects.annotate(workstream_count=Count("workstreams", distinct=True)
                                     ).order_by("name")


def strategy(pk: int) -> Strategy | None:
    return strategies().filter(pk=pk).first() if _valid_id(pk) else None


def strategy_by_name(name: str) -> Strategy | None:
    return Strategy.objects.filter(name__iexact=str(name).strip()).first()


def workstreams(*, strategy: Strategy | int | None = None) -> QuerySet[Workstream]:
    qs = (Workstream.objects.select_related("strategy", "lead_organisation", "organisation")
          .prefetch_related("participants")
          .annotate(milestone_count=Count("milestones", distinct=True)))
    if strategy is not None:
        qs = qs.filter(strategy_id=getattr(strategy, "pk", strategy))
    return qs.order_by("strategy__name", "name")


def workstream(pk: int) -> Workstream | None:
    return workstreams().filter(pk=pk).first() if _valid_id(pk) else None


def milestones(*, workstream: Workstream | int | None = None) -> QuerySet[Milestone]:
    qs = Milestone.objects.select_related(
        "workstream__strategy", "workstream__lead_organisation", "workstream__organisation",
        "owner_organisation")
    if workstream is not None:
        qs = qs.filter(workstream_id=getattr(workstream, "pk", workstream))
    return qs.order_by("workstream__strategy__name", "workstream__name", "position", "pk")


def milestone(pk: int) -> Milestone | None:
    return milestones().filter(pk=pk).first() if _valid_id(pk) else None


def scales() -> QuerySet[ConfidenceScale]:
    return ConfidenceScale.objects.prefetch_related(
        Prefetch("levels", queryset=ConfidenceLevel.objects.order_by("position"))
    ).order_by("name")


def scale(pk: int) -> ConfidenceScale | None:
    return scales().filter(pk=pk).first() if _valid_id(pk) else None


def periods() -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.select_related("scale").annotate(
        rating_count=Count("ratings")).order_by("-starts_on", "label")


def period(pk: int) -> ReportingPeriod | None:
    return periods().filter(pk=pk).first() if _valid_id(pk) else None


def current_period(today: Any = None) -> ReportingPeriod | None:
    """The period covering today, else the latest that has started, else the first."""
    from django.utils import timezone

    day = today or timezone.localdate()
    qs = ReportingPeriod.objects.select_related("scale")
    return (qs.filter(starts_on__lte=day, ends_on__gte=day).order_by("-starts_on").first()
            or qs.filter(starts_on__lte=day).order_by("-starts_on").first()
            or qs.order_by("starts_on").first())


def levels(period: ReportingPeriod) -> list[ConfidenceLevel]:
    return list(ConfidenceLevel.objects.filter(scale_id=period.scale_id).order_by("position"))


def ratings(*, milestone: Milestone | int | None = None,
            period: ReportingPeriod | int | None = None) -> QuerySet[ConfidenceRating]:
    qs = ConfidenceRating.objects.select_related("level__scale", "period", "milestone")
    if milestone is not None:
        qs = qs.filter(milestone_id=getattr(milestone, "pk", milestone))
    if period is not None:
        qs = qs.filter(period_id=getattr(period, "pk", period))
    return qs.order_by("-period__starts_on", "period__label", "rater_kind")


def rating(milestone: Milestone | int, period: ReportingPeriod | int,
           rater_kind: str) -> ConfidenceRating | None:
    return ratings(milestone=milestone, period=period).filter(rater_kind=rater_kind).first()


def ratings_by_milestone(milestone_ids: list[int], period: ReportingPeriod | None
                         ) -> dict[int, dict[str, ConfidenceRating]]:
    """{milestone id: {"owner": rating, "central": rating}} for one period."""
    found: dict[int, dict[str, ConfidenceRating]] = {}
    if period is None or not milestone_ids:
        return found
    for row in ratings(period=period).filter(milestone_id__in=milestone_ids):
        found.setdefault(row.milestone_id, {})[row.rater_kind] = row
    return found


def rating_history(rating: ConfidenceRating) -> list[dict[str, Any]]:
    """Each saved version of a rating, newest first, with the level's words."""
    labels = dict(ConfidenceLevel.objects.values_list("pk", "label"))
    return [{"when": h.history_date, "level": labels.get(h.level_id, ""), "comment": h.comment,
             "by": h.rated_by_label} for h in rating.history.order_by("-history_date",
                                                                       "-history_id")]


def milestone_history(milestone: Milestone) -> list[dict[str, Any]]:
    """Each saved version of a milestone's progress, newest first."""
    return [{"when": h.history_date, "status": h.get_status_display(),
             "forecast": h.forecast_date, "actual": h.actual_date, "evidence": h.evidence,
             "version": h.version,
             "by": getattr(h.history_user, "email", "") if h.history_user_id else "Cadre"}
            for h in milestone.history.select_related("history_user")
            .order_by("-history_date", "-history_id")[:50]]


def score(rating: ConfidenceRating | None) -> Decimal | None:
    return rating.level.score if rating is not None else None


# -- rows for the API and the command line ---------------------------------------------

def rating_row(row: ConfidenceRating | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"period": row.period.label, "rater": row.rater_kind, "level": row.level.label,
            "position": row.level.position, "score": float(row.level.score),
            "scale": row.level.scale.name, "comment": row.comment,
            "rated_by": row.rated_by_label, "rated_at": row.rated_at.isoformat(),
            "version": row.version}


def milestone_row(m: Milestone, period_ratings: dict[str, ConfidenceRating] | None = None
                  ) -> dict[str, Any]:
    period_ratings = period_ratings or {}
    return {
        "id": m.pk, "title": m.title, "date_text": m.date_text,
        "baseline_kind": m.baseline_kind,
        "baseline_start": m.baseline_start.isoformat() if m.baseline_start else None,
        "baseline_end": m.baseline_end.isoformat() if m.baseline_end else None,
        "forecast_date": m.forecast_date.isoformat() if m.forecast_date else None,
        "actual_date": m.actual_date.isoformat() if m.actual_date else None,
        "status": m.status, "evidence": m.evidence, "evidence_url": m.evidence_url,
        "owner_organisation": m.owner.abbreviation, "version": m.version,
        "owner_rating": rating_row(period_ratings.get(RaterKind.OWNER)),
        "central_rating": rating_row(period_ratings.get(RaterKind.CENTRAL)),
    }


def workstream_document(*, strategy: Strategy | None = None,
                        period: ReportingPeriod | None = None) -> list[dict[str, Any]]:
    """Workstreams with their milestones and the period's ratings (the current period
    unless one is given), for JSON."""
    period = period or current_period()
    qs = workstreams(strategy=strategy)
    all_milestones = list(milestones().filter(workstream__in=qs))
    by_ws: dict[int, list[Milestone]] = {}
    for m in all_milestones:
        by_ws.setdefault(m.workstream_id, []).append(m)
    rated = ratings_by_milestone([m.pk for m in all_milestones], period)
    return [{
        "id": w.pk, "strategy": w.strategy.name, "name": w.name, "kind": w.kind,
        "lead_organisation": w.lead_organisation.abbreviation,
        "organisation": w.organisation.abbreviation if w.organisation_id else None,
        "participants": sorted(o.abbreviation for o in w.participants.all()),
        "period": period.label if period else None,
        "milestones": [milestone_row(m, rated.get(m.pk)) for m in by_ws.get(w.pk, [])],
    } for w in qs]


CSV_COLUMNS = ["strategy", "workstream", "kind", "lead_organisation", "milestone_id",
               "milestone", "date_text", "baseline_kind", "baseline_start", "baseline_end",
               "forecast_date", "actual_date", "status", "owner_organisation", "period",
               "owner_rating", "owner_score", "central_rating", "central_score"]


def workstream_csv_rows(document: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row a milestone (a workstream without milestones gets one row too)."""
    rows = []
    for w in document:
        base = {"strategy": w["strategy"], "workstream": w["name"], "kind": w["kind"],
                "lead_organisation": w["lead_organisation"], "period": w["period"] or ""}
        for m in w["milestones"] or [None]:
            if m is None:
                rows.append({**base})
                continue
            owner, central = m["owner_rating"] or {}, m["central_rating"] or {}
            rows.append({**base, "milestone_id": m["id"], "milestone": m["title"],
                         "date_text": m["date_text"], "baseline_kind": m["baseline_kind"],
                         "baseline_start": m["baseline_start"] or "",
                         "baseline_end": m["baseline_end"] or "",
                         "forecast_date": m["forecast_date"] or "",
                         "actual_date": m["actual_date"] or "", "status": m["status"],
                         "owner_organisation": m["owner_organisation"],
                         "owner_rating": owner.get("level", ""),
                         "owner_score": owner.get("score", ""),
                         "central_rating": central.get("level", ""),
                         "central_score": central.get("score", "")})
    return rows
