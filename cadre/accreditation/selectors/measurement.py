"""Measures of the accreditation process (issue 16 point 7), scoped to the account.

Who sees what: analysts, the central team and administrators every organisation; a head of
profession the people of their organisations (``organisations_in_scope``). Counts come from
GROUP BYs in the database; only the per-application durations (one number each, for the
median and 90th percentile) and the per-assessor score-pair counts reach Python.

- **Accredited people**: active awards by organisation and by role family (the role of the
  person's workforce record; "Not recorded" when none), against scheme level. A person who
  holds two levels counts under each. Both tables are suppressed with
  ``core.suppression.suppress_table`` (counts 1-4 read "fewer than 5", partners ``[c]``).
  The family table shows no column totals or grand total: they are the organisation
  table's, and it always has a "Not recorded" row so that its own suppression never has to
  hide a column total that the other table shows.
- **Time to decision**: days from submission to the first panel decision (not an appeal),
  median and 90th percentile (``measurement.duration_summary``); a group with fewer than 5
  decisions shows neither (``[c]``: they are worked out from a small count).
- **Assessor workload** (allocations per assessor per round) and **agreement** (quadratic
  weighted kappa of each assessor's criterion scores against the other assessor's on the
  same applications, where both have submitted; the current scores, so after any
  reconciliation) name assessors, so only the scheme runners see them per assessor; others
  see how many assessors and allocations there are.
- **Appeals**: appeals against "not awarded" panel decisions, and the share upheld; a count
  from 1 to 4 reads "fewer than 5" and a share worked out from it ``[c]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.accreditation import measurement
from cadre.accreditation.models import (
    SCORE_RANGE,
    Allocation,
    Appeal,
    Application,
    Assessor,
    Award,
    CriterionScore,
    Outcome,
    PanelDecision,
    SchemeLevel,
)
from cadre.accreditation.selectors.common import runs_scheme
from cadre.core.suppression import (
    PROTECTED_LABEL,
    SuppressedTable,
    suppress_table,
    suppressed_label,
)
from cadre.framework.models import RoleFamily
from cadre.organisations.models import Organisation

#: Counts from 1 to this minus one are hidden (core.suppression).
THRESHOLD = 5
NOT_RECORDED = "Not recorded"


def may_see_measures(user: Any) -> bool:
    """Analysts, heads of profession, the central team and administrators."""
    return scope_for(user).has(
        Role.ANALYST, Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR
    )


def organisations_in_scope(user: Any) -> frozenset[int] | None:
    """The organisations whose people the account's measures cover; None means all.
    ``user`` None is the command line, which sees everything."""
    if user is None:
        return None
    scope = scope_for(user)
    if scope.government_wide or scope.has(Role.ANALYST):
        return None
    return scope.profession_organisations


def per_assessor(user: Any) -> bool:
    """Whether the account sees measures that name assessors: the scheme runners and the
    command line (``user`` None)."""
    return user is None or runs_scheme(user)


def _people_filter(user: Any, prefix: str) -> Q:
    orgs = organisations_in_scope(user)
    if orgs is None:
        return Q()
    return Q(**{f"{prefix}organisation_id__in": orgs})


def _hidden(value: int) -> int | str:
    """A lone count: "fewer than 5" from 1 to 4, else the number."""
    return suppressed_label(THRESHOLD) if 0 < value < THRESHOLD else value


@dataclass
class CountTable:
    """A table of counts with suppression, as shown on the page and in the files."""

    caption: str
    row_header: str
    row_labels: list[str]
    column_labels: list[str]
    table: SuppressedTable
    show_column_totals: bool = True

    def rows(self) -> list[tuple[str, list[int | str], int | str]]:
        return [
            (
                label,
                [self.table.display(i, j) for j in range(len(self.column_labels))],
                self.table.display_row_total(i),
            )
            for i, label in enumerate(self.row_labels)
        ]

    def column_totals(self) -> list[int | str]:
        return [self.table.display_col_total(j) for j in range(len(self.column_labels))]

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "caption": self.caption,
            "row_header": self.row_header,
            "columns": self.column_labels,
            "rows": [
                {"label": label, "cells": cells, "total": total}
                for label, cells, total in self.rows()
            ],
        }
        if self.show_column_totals:
            data["column_totals"] = self.column_totals()
            data["total"] = self.table.display_grand_total()
        return data


def _levels() -> list[tuple[int, str]]:
    return [
        (level.pk, f"{level.scheme.name}: {level.name}")
        for level in SchemeLevel.objects.select_related("scheme").order_by(
            "scheme__name", "ordinal"
        )
    ]


def _awards(user: Any) -> QuerySet[Award]:
    return Award.objects.filter(_people_filter(user, "person__"), status=Award.Status.ACTIVE)


def accredited_tables(user: Any) -> list[CountTable]:
    """People holding an active award, by organisation and by role family, against level."""
    levels = _levels()
    column = {pk: j for j, (pk, _) in enumerate(levels)}
    labels = [label for _, label in levels]
    awards = _awards(user)

    by_org = (
        awards.values_list("person__organisation_id", "level_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    )
    orgs = organisations_in_scope(user)
    org_rows = Organisation.objects.order_by("name")
    if orgs is not None:
        org_rows = org_rows.filter(pk__in=orgs)
    found = {org for org, _, _ in by_org}
    # A scoped account sees every organisation it covers, but a closed one only with awards.
    org_list = [(o.pk, f"{o.name} (closed)" if o.is_closed() else o.name) for o in org_rows
                if o.pk in found or (orgs is not None and not o.is_closed())]
    row = {pk: i for i, (pk, _) in enumerate(org_list)}
    counts = np.zeros((len(org_list), len(levels)), dtype=np.int64)
    for org, level, n in by_org:
        if org in row and level in column:
            counts[row[org], column[level]] = n
    tables = [
        CountTable(
            "People holding an active award, by organisation and level",
            "Organisation",
            [name for _, name in org_list],
            labels,
            suppress_table(counts, threshold=THRESHOLD),
        )
    ]

    family_key = "person__workforce__role_level__role__family_id"
    by_family = (
        awards.values_list(family_key, "level_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    )
    family_ids = sorted({f for f, _, _ in by_family if f is not None})
    names = dict(RoleFamily.objects.filter(pk__in=family_ids).values_list("pk", "name"))
    family_list = sorted(family_ids, key=lambda pk: names.get(pk, ""))
    frow = {pk: i for i, pk in enumerate(family_list)}
    fcounts = np.zeros((len(family_list) + 1, len(levels)), dtype=np.int64)
    for family, level, n in by_family:
        if level in column:
            fcounts[frow.get(family, len(family_list)), column[level]] += n
    tables.append(
        CountTable(
            "People holding an active award, by role family and level",
            "Role family",
            [names[pk] for pk in family_list] + [NOT_RECORDED],
            labels,
            suppress_table(fcounts, threshold=THRESHOLD),
            show_column_totals=False,
        )
    )
    return tables


@dataclass(frozen=True)
class DurationRow:
    label: str
    decisions: int | str
    median_days: float | str | None
    p90_days: float | str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "group": self.label,
            "decisions": self.decisions,
            "median_days": self.median_days,
            "p90_days": self.p90_days,
        }


def _duration_row(label: str, days: list[float]) -> DurationRow:
    summary = measurement.duration_summary(days)
    if 0 < summary.count < THRESHOLD:
        return DurationRow(label, suppressed_label(THRESHOLD), PROTECTED_LABEL, PROTECTED_LABEL)
    return DurationRow(
        label,
        summary.count,
        None if summary.median_days is None else round(summary.median_days, 1),
        None if summary.p90_days is None else round(summary.p90_days, 1),
    )


def decision_times(user: Any) -> list[DurationRow]:
    """Days from submission to the first panel decision, per scheme and overall."""
    first = (
        PanelDecision.objects.filter(application=OuterRef("pk"), on_appeal=False)
        .order_by("decided_at")
        .values("decided_at")[:1]
    )
    rows = (
        Application.objects.filter(_people_filter(user, "person__"), submitted_at__isnull=False)
        .annotate(first_decision=Subquery(first))
        .filter(first_decision__isnull=False)
        .annotate(
            took=ExpressionWrapper(
                F("first_decision") - F("submitted_at"), output_field=DurationField()
            )
        )
        .values_list("level__scheme__name", "took")
    )
    per_scheme: dict[str, list[float]] = {}
    for scheme, took in rows:
        per_scheme.setdefault(scheme, []).append(took.total_seconds() / 86400)
    result = [_duration_row(scheme, per_scheme[scheme]) for scheme in sorted(per_scheme)]
    result.append(_duration_row("All schemes", [d for v in per_scheme.values() for d in v]))
    return result


@dataclass(frozen=True)
class WorkloadRow:
    assessor: str
    round: str
    allocations: int
    submitted: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "assessor": self.assessor,
            "round": self.round,
            "allocations": self.allocations,
            "submitted": self.submitted,
        }


def _allocations(user: Any) -> QuerySet[Allocation]:
    return Allocation.objects.filter(_people_filter(user, "application__person__"))


def workload(user: Any) -> list[WorkloadRow]:
    """Allocations per assessor per round (scheme runners only; else empty)."""
    if not per_assessor(user):
        return []
    grouped = (
        _allocations(user)
        .values_list(
            "assessor__person__first_name",
            "assessor__person__last_name",
            "assessor__person__email",
            "application__round__scheme__name",
            "application__round__name",
        )
        .annotate(n=Count("id"), done=Count("id", filter=Q(submitted_at__isnull=False)))
        .order_by(
            "assessor__person__last_name",
            "assessor__person__first_name",
            "application__round__name",
        )
    )
    return [
        WorkloadRow(
            f"{first} {last}" + (f" ({email})" if email else ""),
            f"{scheme}: {name}" if name else "No round",
            n,
            done,
        )
        for first, last, email, scheme, name, n, done in grouped
    ]


def workload_summary(user: Any) -> dict[str, Any]:
    """How many assessors have allocations, how many allocations, the most in one round."""
    per = (
        _allocations(user)
        .values("assessor_id", "application__round_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    loads = [row["n"] for row in per]
    return {
        "assessors": len({row["assessor_id"] for row in per}),
        "allocations": sum(loads),
        "most_in_a_round": max(loads, default=0),
    }


@dataclass(frozen=True)
class AgreementRow:
    assessor: str
    pairs: int
    applications: int
    kappa: float | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "assessor": self.assessor,
            "pairs": self.pairs,
            "applications": self.applications,
            "kappa": None if self.kappa is None else round(self.kappa, 3),
        }


def agreement(user: Any) -> list[AgreementRow]:
    """Weighted kappa per assessor of their scores against the other assessor's on the same
    criterion of the same application, both submitted (scheme runners only; else empty).
    The score pairs are counted in the database: (assessor, own score, other score, n)."""
    if not per_assessor(user):
        return []
    other = (
        CriterionScore.objects.filter(
            allocation__application=OuterRef("allocation__application"),
            criterion=OuterRef("criterion"),
            allocation__submitted_at__isnull=False,
        )
        .exclude(allocation=OuterRef("allocation"))
        .values("score")[:1]
    )
    scores = (
        CriterionScore.objects.filter(
            allocation__submitted_at__isnull=False, allocation__in=_allocations(user)
        )
        .annotate(other=Subquery(other))
        .filter(other__isnull=False)
    )
    grouped = (
        scores.values_list("allocation__assessor_id", "score", "other")
        .annotate(n=Count("id"))
        .order_by()
    )
    applications = dict(
        scores.values_list("allocation__assessor_id")
        .annotate(n=Count("allocation__application_id", distinct=True))
        .order_by()
    )
    pairs: dict[int, tuple[list[int], list[int]]] = {}
    for assessor, own, theirs, n in grouped:
        mine, others = pairs.setdefault(assessor, ([], []))
        mine.extend([own] * n)
        others.extend([theirs] * n)
    names = {a.pk: str(a) for a in Assessor.objects.filter(pk__in=pairs).select_related("person")}
    low, high = SCORE_RANGE
    rows = [
        AgreementRow(
            names.get(pk, str(pk)),
            len(mine),
            applications.get(pk, 0),
            measurement.weighted_kappa(mine, others, low=low, high=high),
        )
        for pk, (mine, others) in pairs.items()
    ]
    return sorted(rows, key=lambda r: r.assessor)


@dataclass(frozen=True)
class AppealRates:
    not_awarded: int | str
    appeals: int | str
    appeal_rate: float | str | None
    decided: int | str
    upheld: int | str
    upheld_share: float | str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "not_awarded_decisions": self.not_awarded,
            "appeals": self.appeals,
            "appeal_rate": self.appeal_rate,
            "appeals_decided": self.decided,
            "upheld": self.upheld,
            "upheld_share": self.upheld_share,
        }


def _share(part: int, whole: int) -> float | str | None:
    if whole == 0:
        return None
    if 0 < part < THRESHOLD or whole < THRESHOLD:
        return PROTECTED_LABEL
    return round(part / whole, 3)


def appeal_rates(user: Any) -> AppealRates:
    """Appeals per "not awarded" panel decision (first decisions, not appeals), and the share
    of decided appeals that were upheld."""
    declined = PanelDecision.objects.filter(
        _people_filter(user, "application__person__"), outcome=Outcome.NOT_AWARDED, on_appeal=False
    ).aggregate(n=Count("application_id", distinct=True))["n"]
    appeals = Appeal.objects.filter(_people_filter(user, "application__person__")).aggregate(
        n=Count("id"),
        decided=Count("id", filter=~Q(outcome="")),
        upheld=Count("id", filter=Q(outcome="upheld")),
    )
    return AppealRates(
        _hidden(declined),
        _hidden(appeals["n"]),
        _share(appeals["n"], declined),
        _hidden(appeals["decided"]),
        _hidden(appeals["upheld"]),
        _share(appeals["upheld"], appeals["decided"]),
    )


@dataclass
class Measures:
    accredited: list[CountTable]
    decision_times: list[DurationRow]
    workload_summary: dict[str, Any]
    workload: list[WorkloadRow]
    agreement: list[AgreementRow]
    appeals: AppealRates
    names_assessors: bool
    scope: str = field(default="")

    def as_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "accredited": [t.as_dict() for t in self.accredited],
            "decision_times": [r.as_dict() for r in self.decision_times],
            "workload_summary": self.workload_summary,
            "workload": [r.as_dict() for r in self.workload],
            "agreement": [r.as_dict() for r in self.agreement],
            "appeals": self.appeals.as_dict(),
        }


def measures(user: Any) -> Measures:
    """Every measure the account may see."""
    orgs = organisations_in_scope(user)
    scope = (
        "Every organisation"
        if orgs is None
        else "Your organisations: "
        + ", ".join(
            Organisation.objects.filter(pk__in=orgs).order_by("name").values_list("name", flat=True)
        )
    )
    return Measures(
        accredited=accredited_tables(user),
        decision_times=decision_times(user),
        workload_summary=workload_summary(user),
        workload=workload(user),
        agreement=agreement(user),
        appeals=appeal_rates(user),
        names_assessors=per_assessor(user),
        scope=scope,
    )
