"""Recruitment outcomes, read for the pages, API, command line and strategy metric
(issue 21, area 6). The figures are worked out in ``cadre.recruitment.outcome_figures``
(no Django) from plain rows read here with ``values_list``: two queries, whatever the
number of campaigns and candidates.

Who sees what (``RECRUITMENT_FIGURES``): analysts, the central team and administrators see
every organisation; heads of profession see the lines of their own organisations and the
totals for every organisation. Suppression is worked out over every organisation first, so
what is hidden never depends on who is looking or which organisation is chosen.

What is counted:

- an **appointment** is an application in the state appointed; its day is the day it was
  recorded (``closed_at``), and it counts in the period holding that day;
- **time to hire** runs from the day the campaign opened to that day;
- a **campaign** counts once its panel's decisions are made (decided or closed), in the
  period holding the day it opened; cancelled and running campaigns are left out;
- an **appointable candidate** reached the appointable line in that campaign: found
  appointable, then perhaps offered, appointed, declined or withdrawn; a candidate placed
  from the reserve list was found appointable in another campaign and is not counted again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from cadre.access.roles import Role
from cadre.access.rules import RECRUITMENT_FIGURES
from cadre.access.scope import scope_for
from cadre.core.actor import Actor
from cadre.core.inputs import collect, invalid, parse_date
from cadre.organisations.models import Organisation
from cadre.recruitment import outcome_figures as figures
from cadre.recruitment.models import Application, ApplicationState, Campaign, CampaignState

__all__ = [
    "CSV_COLUMNS",
    "EARLIEST",
    "LATEST",
    "MAX_ABBREVIATION",
    "Filters",
    "appointment_rows",
    "campaign_rows",
    "check_filters",
    "csv_rows",
    "document",
    "may_see",
    "outcomes_for",
    "senior_appointments",
    "senior_q",
    "visible_organisation_ids",
]

#: Limits of the filters (docs/limits.md, "Recruitment: outcomes").
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)
MAX_ABBREVIATION = 30

#: The states of an application that reached the appointable line (a withdrawn one only
#: when a decision was recorded before it was withdrawn: see ``_reached``).
_PAST_APPOINTABLE = (ApplicationState.APPOINTABLE, ApplicationState.OFFERED,
                     ApplicationState.APPOINTED, ApplicationState.DECLINED)

CSV_COLUMNS = ("section", "name", "appointments", "internal", "external", "median_days",
               "p90_days", "campaigns", "campaigns_without_appointable", "appointable",
               "appointable_per_campaign", "senior_internal", "senior_external",
               "senior_total", "senior_share_inside_percent")


@dataclass(frozen=True)
class Filters:
    """What to count: one organisation (or all) and the first and last days (or open)."""

    organisation: Organisation | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def period_words(self) -> str:
        def day(d: dt.date) -> str:
            return f"{d.day} {d:%B %Y}"
        if self.start and self.end:
            return f"{day(self.start)} to {day(self.end)}"
        if self.start:
            return f"from {day(self.start)}"
        if self.end:
            return f"up to {day(self.end)}"
        return "all time"


# --- who ------------------------------------------------------------------------------------

def _user(who: Actor | Any) -> Any:
    return who.user if isinstance(who, Actor) else who


def may_see(who: Actor | Any) -> bool:
    """Heads of profession, analysts, the central team, administrators and the command line."""
    if isinstance(who, Actor) and who.trusted:
        return True
    user = _user(who)
    return user is not None and RECRUITMENT_FIGURES.allows(user)


def visible_organisation_ids(who: Actor | Any) -> frozenset[int] | None:
    """The organisations whose lines the account sees; None means every organisation."""
    if isinstance(who, Actor) and who.trusted:
        return None
    user = _user(who)
    if not may_see(user):
        return frozenset()
    scope = scope_for(user)
    if scope.has(Role.ANALYST, Role.CENTRAL_TEAM, Role.ADMINISTRATOR):
        return None
    return scope.profession_organisations


def check_filters(who: Actor | Any, *, organisation: str | None = None,
                  start: object = None, end: object = None) -> Filters:
    """The filters from text (a page, the API or the command line); a ``ValidationError``
    naming every bad field ("organisation", "from", "to")."""

    def check_organisation() -> Organisation | None:
        text = (organisation or "").strip()
        if not text:
            return None
        if len(text) > MAX_ABBREVIATION or "\x00" in text:
            raise invalid("organisation", "Give an organisation's abbreviation of "
                          f"{MAX_ABBREVIATION} characters or fewer.")
        found = Organisation.objects.filter(abbreviation__iexact=text).first()
        if found is None:
            raise invalid("organisation", f"No organisation has the abbreviation {text}.")
        visible = visible_organisation_ids(who)
        if visible is not None and found.pk not in visible:
            raise invalid("organisation", "You may choose only an organisation you are head "
                          "of profession for; leave it empty for every organisation's totals.")
        return found

    def check_day(value: object, field: str) -> dt.date | None:
        if isinstance(value, str) and "\x00" in value:
            raise invalid(field, "Give a date as YYYY-MM-DD.")
        day = parse_date(value, field=field, default=None)
        if day is not None and not EARLIEST <= day <= LATEST:
            raise invalid(field, f"Give a date from {EARLIEST.isoformat()} to "
                          f"{LATEST.isoformat()}.")
        return day

    values = collect({"organisation": check_organisation,
                      "from": lambda: check_day(start, "from"),
                      "to": lambda: check_day(end, "to")})
    first, last = values["from"], values["to"]
    if first and last and last < first:  # type: ignore[operator]
        raise ValidationError({"to": ["The last day cannot be before the first day."]})
    return Filters(organisation=values["organisation"], start=first, end=last)  # type: ignore[arg-type]


# --- rows -----------------------------------------------------------------------------------

def _moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min),
                               timezone.get_current_timezone())


def _within(field: str, start: dt.date | None, end: dt.date | None) -> Q:
    """``field`` (a date and time) on a day from ``start`` to ``end`` (local days)."""
    q = Q()
    if start is not None:
        q &= Q(**{f"{field}__gte": _moment(start)})
    if end is not None:
        q &= Q(**{f"{field}__lt": _moment(end + dt.timedelta(days=1))})
    return q


def senior_q(prefix: str = "campaign__") -> Q:
    """Campaigns (through ``prefix``) for senior posts (``outcome_figures.is_senior``)."""
    return (Q(**{f"{prefix}role_level__seniority__gte": figures.SENIOR_SENIORITY})
            | Q(**{f"{prefix}grade__is_senior_civil_service": True})
            | Q(**{f"{prefix}grade__civil_service_equivalent__is_senior_civil_service": True}))


def _appointments(start: dt.date | None, end: dt.date | None) -> QuerySet[Application]:
    return Application.objects.filter(
        _within("closed_at", start, end), state=ApplicationState.APPOINTED,
        closed_at__isnull=False, campaign__opened_at__isnull=False)


def appointment_rows(start: dt.date | None = None, end: dt.date | None = None
                     ) -> list[figures.AppointmentRow]:
    """Every appointment made from ``start`` to ``end``, as plain rows (one query)."""
    rows = _appointments(start, end).values_list(
        "campaign_id", "campaign__organisation_id", "campaign__organisation__name",
        "campaign__opened_at", "closed_at", "internal", "campaign__role_level__seniority",
        "campaign__grade__is_senior_civil_service",
        "campaign__grade__civil_service_equivalent__is_senior_civil_service")
    return [figures.AppointmentRow(
        campaign_id=c, organisation_id=o, organisation=name,
        opened_on=timezone.localdate(opened), appointed_on=timezone.localdate(closed),
        internal=internal, seniority=seniority, scs_grade=bool(scs or scs_like))
        for c, o, name, opened, closed, internal, seniority, scs, scs_like in rows]


def _reached() -> Q:
    states = Q(applications__state__in=_PAST_APPOINTABLE)
    withdrawn = Q(applications__state=ApplicationState.WITHDRAWN,
                  applications__decided_at__isnull=False)
    return (states | withdrawn) & Q(applications__from_reserve=False)


def campaign_rows(start: dt.date | None = None, end: dt.date | None = None
                  ) -> list[figures.CampaignRow]:
    """Every decided or closed campaign opened from ``start`` to ``end``, with its
    appointable candidates, as plain rows (one grouped query)."""
    rows = (Campaign.objects.filter(_within("opened_at", start, end), opened_at__isnull=False,
                                    state__in=(CampaignState.DECIDED, CampaignState.CLOSED))
            .order_by().annotate(appointable=Count("applications", filter=_reached()))
            .values_list("pk", "organisation_id", "organisation__name", "opened_at",
                         "appointable"))
    return [figures.CampaignRow(campaign_id=pk, organisation_id=org, organisation=name,
                                opened_on=timezone.localdate(opened), appointable=n)
            for pk, org, name, opened, n in rows]


def outcomes_for(who: Actor | Any, filters: Filters) -> figures.Outcomes:
    """The outcomes the account may see: suppressed over every organisation, then only the
    lines it may see (and, with an organisation chosen, that one's line and its senior
    posts by quarter)."""
    if not may_see(who):
        return figures.outcomes([], [])
    chosen = filters.organisation.pk if filters.organisation else None
    result = figures.outcomes(appointment_rows(filters.start, filters.end),
                              campaign_rows(filters.start, filters.end), quarters_of=chosen)
    visible = visible_organisation_ids(who)
    if chosen is not None:
        visible = frozenset({chosen})
    return result.narrowed(visible)


def _cell(count: figures.Count) -> int | str:
    return count.shown


def _number(value: float | None, places: int = 1) -> float | str:
    return "" if value is None else round(value, places)


def csv_rows(result: figures.Outcomes) -> Iterable[dict[str, object]]:
    """The tables as rows of ``CSV_COLUMNS``: organisations, the total, then quarters."""
    blank = dict.fromkeys(CSV_COLUMNS, "")
    for line in (*result.organisations, result.total):
        yield {**blank, "section": "organisation", "name": line.organisation,
               "appointments": _cell(line.appointments), "internal": _cell(line.internal),
               "external": _cell(line.external), "median_days": _number(line.median_days),
               "p90_days": _number(line.p90_days), "campaigns": line.campaigns,
               "campaigns_without_appointable": line.campaigns_without_appointable,
               "appointable": _cell(line.appointable),
               "appointable_per_campaign": _number(line.appointable_per_campaign, 2)}
    for q in (*result.quarters, result.quarters_total):
        yield {**blank, "section": "senior posts by quarter", "name": q.quarter,
               "senior_internal": _cell(q.internal), "senior_external": _cell(q.external),
               "senior_total": _cell(q.total),
               "senior_share_inside_percent": _number(q.share_inside)}


def _line(line: figures.OrganisationLine) -> dict[str, Any]:
    return {"organisation_id": line.organisation_id, "organisation": line.organisation,
            "appointments": line.appointments.shown, "internal": line.internal.shown,
            "external": line.external.shown, "median_days": line.median_days,
            "p90_days": line.p90_days, "campaigns": line.campaigns,
            "campaigns_without_appointable": line.campaigns_without_appointable,
            "appointable": line.appointable.shown,
            "appointable_per_campaign": line.appointable_per_campaign}


def _quarter(q: figures.QuarterLine) -> dict[str, Any]:
    return {"quarter": q.quarter, "internal": q.internal.shown, "external": q.external.shown,
            "total": q.total.shown, "share_inside_percent": q.share_inside}


def document(result: figures.Outcomes, filters: Filters) -> dict[str, Any]:
    """The tables as one JSON document (the API's answer and ``show`` on the command line)."""
    return {
        "organisation": filters.organisation.abbreviation if filters.organisation else None,
        "from": filters.start, "to": filters.end, "threshold": result.threshold,
        "senior_seniority": figures.SENIOR_SENIORITY, "legend": figures.legend(),
        "organisations": [_line(line) for line in result.organisations],
        "total": _line(result.total),
        "quarters": [_quarter(q) for q in result.quarters],
        "quarters_total": _quarter(result.quarters_total),
    }


# --- the strategy metric --------------------------------------------------------------------

def senior_appointments(start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """Senior appointments from ``start`` to ``end`` by organisation: {organisation id:
    {"total": n, "inside": n from inside government}} (one grouped query, unsuppressed:
    the strategy metrics suppress what they show)."""
    rows = (_appointments(start, end).filter(senior_q())
            .values("campaign__organisation_id").order_by("campaign__organisation_id")
            .annotate(total=Count("pk"), inside=Count("pk", filter=Q(internal=True))))
    return {row["campaign__organisation_id"]: {"total": row["total"], "inside": row["inside"]}
            for row in rows}
