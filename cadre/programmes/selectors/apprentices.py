"""Reads of the apprentices programme, scoped to the account.

- the central team and administrators: everything;
- heads of profession: apprentices employed by, or placed with, one of their
  organisations, and the apprenticeship target of their organisations;
- an apprentice: their own record.

Standards, cohorts and industry partners hold no one's data: every signed-in account
sees them. The target's headcount comes from the workforce data: the employees (not
contractors, consultants or interims) in each organisation's latest HR extract taken on
or before the first day of the reporting year (1 April). The target applies only to
organisations with 250 or more employees in that extract; the others are listed as not
in scope, with no verdict, and left out of the totals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Count, Q, QuerySet

from cadre.access.scope import scope_for
from cadre.organisations.models import Organisation
from cadre.people.models import CONTINGENT_TYPES
from cadre.programmes import apprenticeship_target as target
from cadre.programmes.models import (
    Apprentice,
    ApprenticeCohort,
    ApprenticeshipStandard,
    IndustryPartner,
)
from cadre.programmes.selectors.common import is_central
from cadre.programmes.selectors.common import person_id_of as _person_id
from cadre.workforce.models import Extract, ExtractRecord

#: The reporting year starts on this month and day (the public-sector target's year).
YEAR_STARTS = (4, 1)
TARGET_COLUMNS = ["organisation", "year_start", "headcount_date", "headcount_at_start",
                  "in_scope", "new_apprentice_starts", "share", "target_met"]
#: What the page says of an organisation the target does not apply to.
NOT_IN_SCOPE = f"Not in scope (fewer than {target.IN_SCOPE_HEADCOUNT} employees)"


def may_manage(user: Any, organisation_id: int | None) -> bool:
    """Change an apprentice employed by (or places of) the organisation."""
    return is_central(user) or (organisation_id is not None
                                and organisation_id in scope_for(user).profession_organisations)


def visible_apprentices(user: Any) -> QuerySet[Apprentice]:
    qs = Apprentice.objects.select_related("person", "employer", "cohort__standard")
    scope = scope_for(user)
    if not scope.authenticated:
        return qs.none()
    if is_central(user):
        return qs
    orgs = scope.profession_organisations
    q = Q(employer_id__in=orgs) | Q(placements__host_organisation_id__in=orgs)
    if (person_id := _person_id(user)) is not None:
        q |= Q(person_id=person_id)
    return qs.filter(q).distinct()


def visible_standards(user: Any) -> QuerySet[ApprenticeshipStandard]:
    qs = ApprenticeshipStandard.objects.prefetch_related("framework_skills")
    return qs if scope_for(user).authenticated else qs.none()


def visible_cohorts(user: Any) -> QuerySet[ApprenticeCohort]:
    qs = ApprenticeCohort.objects.select_related("standard")
    return qs if scope_for(user).authenticated else qs.none()


def visible_partners(user: Any) -> QuerySet[IndustryPartner]:
    qs = IndustryPartner.objects.annotate(taken_on=Count("placements__apprentice",
                                                         distinct=True))
    return qs if scope_for(user).authenticated else qs.none()


def target_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations whose apprenticeship target the account sees."""
    scope = scope_for(user)
    if not scope.authenticated:
        return Organisation.objects.none()
    if is_central(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=scope.profession_organisations)


def reporting_year(year: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, *YEAR_STARTS)
    return start, dt.date(year + 1, *YEAR_STARTS) - dt.timedelta(days=1)


@dataclass(frozen=True)
class TargetRow:
    """One organisation's year. ``in_scope``: the target applies (250 or more employees
    counted at the start of the year; None when there is no headcount). ``met`` is None
    unless it is in scope."""

    organisation: Organisation
    year_start: dt.date
    headcount_date: dt.date | None
    headcount: int | None
    starts: int
    share: float | None
    met: bool | None
    in_scope: bool | None

    @property
    def share_words(self) -> str:
        return "Not known" if self.share is None else f"{self.share * 100:.2f}%"

    @property
    def verdict_words(self) -> str:
        if self.in_scope is None:
            return "Cannot tell (no headcount)"
        if not self.in_scope:
            return NOT_IN_SCOPE
        return "Yes" if self.met else "No"

    def as_record(self) -> dict[str, Any]:
        return {"organisation": self.organisation.abbreviation,
                "year_start": self.year_start.isoformat(),
                "headcount_date": self.headcount_date.isoformat() if self.headcount_date
                else None,
                "headcount_at_start": self.headcount,
                "in_scope": self.in_scope,
                "new_apprentice_starts": self.starts,
                "share": None if self.share is None else round(self.share, 4),
                "target_met": self.met}


@dataclass(frozen=True)
class TargetTotals:
    """The rows added up. Headcount, starts, share, met and not met count only the
    organisations in scope; the others are counted apart."""

    in_scope: int
    met: int
    not_met: int
    not_in_scope: int
    not_known: int
    headcount: int
    starts: int

    @property
    def share_words(self) -> str:
        return "Not known" if not self.headcount else \
            f"{self.starts / self.headcount * 100:.2f}%"


def target_totals(rows: Iterable[TargetRow]) -> TargetTotals:
    """Totals of the target rows, leaving out organisations not in scope or not known."""
    rows = list(rows)
    scoped = [r for r in rows if r.in_scope]
    return TargetTotals(in_scope=len(scoped), met=sum(1 for r in scoped if r.met),
                        not_met=sum(1 for r in scoped if not r.met),
                        not_in_scope=sum(1 for r in rows if r.in_scope is False),
                        not_known=sum(1 for r in rows if r.in_scope is None),
                        headcount=sum(r.headcount or 0 for r in scoped),
                        starts=sum(r.starts for r in scoped))


def headcounts_at(on: dt.date, organisation_ids: list[int]) -> dict[int, tuple[dt.date, int]]:
    """Each organisation's employees in its latest extract taken on or before ``on``:
    organisation id -> (the extract's date, headcount)."""
    latest: dict[int, tuple[int, dt.date]] = {}
    for org_id, pk, taken_on in (Extract.objects.filter(organisation_id__in=organisation_ids,
                                                         taken_on__lte=on)
                                 .order_by("organisation_id", "taken_on", "pk")
                                 .values_list("organisation_id", "pk", "taken_on")):
        latest[org_id] = (pk, taken_on)  # ordered: the last one wins
    counts = dict(ExtractRecord.objects.filter(extract_id__in=[v[0] for v in latest.values()])
                  .exclude(employment_type__in=list(CONTINGENT_TYPES))
                  .values("extract_id").annotate(n=Count("id")).order_by()
                  .values_list("extract_id", "n"))
    return {org: (taken_on, counts.get(pk, 0)) for org, (pk, taken_on) in latest.items()}


def apprenticeship_target(user: Any, year: int) -> list[TargetRow]:
    """The target figures of each organisation the account sees that has workforce data
    at the start of the year or apprentice starts in it (those with fewer than 250
    employees are listed as not in scope)."""
    return target_rows(target_organisations(user), year)


def target_rows(organisations: Iterable[Organisation], year: int) -> list[TargetRow]:
    """The target figures of the given organisations, unscoped (the command line)."""
    start, end = reporting_year(year)
    orgs = {o.pk: o for o in organisations}
    heads = headcounts_at(start, list(orgs))
    starts = dict(Apprentice.objects.filter(employer_id__in=list(orgs), started_on__gte=start,
                                            started_on__lte=end)
                  .values("employer_id").annotate(n=Count("id")).order_by()
                  .values_list("employer_id", "n"))
    ids = sorted({*heads, *starts}, key=lambda pk: orgs[pk].abbreviation)
    figures = target.target_figures([heads[pk][1] if pk in heads else -1 for pk in ids],
                                    [starts.get(pk, 0) for pk in ids])
    return [TargetRow(organisation=orgs[pk], year_start=start,
                      headcount_date=heads[pk][0] if pk in heads else None,
                      headcount=heads[pk][1] if pk in heads else None,
                      starts=starts.get(pk, 0),
                      share=None if np.isnan(figures.share[i]) else float(figures.share[i]),
                      met=bool(figures.met[i]) if figures.in_scope[i] else None,
                      in_scope=bool(figures.in_scope[i]) if figures.known[i] else None)
            for i, pk in enumerate(ids)]
