"""Strategy metrics computed from Cadre's own data (issue 19, area 3b).

Each source answers, for one period, a figure per organisation (by id) and for the whole
of government (key ``None``), with set-based queries (aggregates in the database, never one
Python object per person). The metrics area (``selectors/metrics.py``) stores, suppresses
and shows them; this module only computes.

Conventions shared by every source:

- "In post on a day": a person whose start date is empty or on or before that day and
  whose end date is empty or on or after it, counted in the organisation they are in.
- An organisation appears only where the source has something to count for it (people
  in post, vacancies, moves ...); an organisation with nothing to count has no figure.
  The whole of government (``None``) is always there: the sums of the organisations'
  counts, its value ``None`` when there is nothing to divide by.
- ``people`` is the size of the group the value describes (the denominator of a share,
  the count itself for a count, the moves averaged for a mean, the headcount for a
  figure per head), for suppression of small groups.
- Each source makes one to three grouped queries, whatever the number of people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from cadre.accreditation.models import Award
from cadre.assessments.models import AssessmentRound, DevelopmentPlan
from cadre.learning.models import SpendLine
from cadre.mobility.models import MobilityPolicy, MoveRequest, Vacancy
from cadre.people.models import CONTINGENT_TYPES, Person
from cadre.programmes.models import Apprentice, Posting, PostingRound
from cadre.recruitment.selectors import outcomes as recruitment_outcomes
from cadre.talent.models import CriticalPost, Readiness, Successor


@dataclass(frozen=True)
class Period:
    """The period a value is for: a label ("2025-26", "2025 Q3") and its first and last days."""

    label: str
    start: date
    end: date


@dataclass(frozen=True)
class Figure:
    """One computed value. ``value`` is what is shown (a percentage, a count, pounds, days);
    ``numerator`` and ``denominator`` are the counts behind a share (``None`` when not a
    share); ``people`` is how many people the value rests on, for suppression."""

    value: float | None
    people: int
    numerator: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class Source:
    """A computed metric: its key (stable, used by metric definitions), name, unit
    ("percent", "count", "pounds", "days"), direction ("up" or "down" is better), the
    method in words, and the function computing it for a period."""

    key: str
    name: str
    unit: str
    direction: str
    method: str
    compute: Callable[[Period], dict[int | None, Figure]]


#: Every computed source by key; area 3b adds each one here.
SOURCES: dict[str, Source] = {}

#: The public sector apprenticeship target: starts in a year as a share of the headcount
#: at its start (the method text of ``apprentice_starts`` quotes it).
APPRENTICE_TARGET_PERCENT = 2.3
#: Days a vacancy stays inside government first when no policy has been set (as mobility).
DEFAULT_INTERNAL_DAYS = 28

Figures = dict[int | None, Figure]


# --- shared pieces --------------------------------------------------------------------------

def in_post(on: date, prefix: str = "") -> Q:
    """People (through ``prefix``, e.g. ``"person__"``) in post on the day ``on``."""
    return ((Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": on}))
            & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})))


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """The period as [first moment, moment after the last day) in the site's time zone."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(period.start, dt.time.min)
    after = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(start, zone), timezone.make_aware(after, zone)


def _grouped(queryset: QuerySet[Any], key: str, **aggregates: Any) -> dict[int, dict[str, Any]]:
    """One grouped query: {organisation id: {aggregate name: value}}."""
    return {row.pop(key): row
            for row in queryset.values(key).order_by(key).annotate(**aggregates)}


def headcount(on: date) -> dict[int, int]:
    """People in post on the day, by organisation (one grouped query)."""
    rows = _grouped(Person.objects.filter(in_post(on)), "organisation_id", n=Count("pk"))
    return {org: row["n"] for org, row in rows.items()}


def _number(value: Decimal | float | int | None) -> float:
    return float(value or 0)


def _share(numerator: float, denominator: float, people: int) -> Figure:
    """A percentage, ``None`` when there is nothing to divide by."""
    value = 100.0 * numerator / denominator if denominator else None
    return Figure(value=value, people=people, numerator=numerator, denominator=denominator)


def _shares(rows: Mapping[int, Mapping[str, Any]], num: str, den: str,
            people: str | None = None) -> Figures:
    """Shares per organisation and for the whole of government from counted rows."""
    figures: Figures = {}
    totals = {num: 0.0, den: 0.0, "people": 0}
    for org, row in rows.items():
        n, d = _number(row[num]), _number(row[den])
        p = int(row[people] if people else d)
        figures[org] = _share(n, d, p)
        totals[num] += n
        totals[den] += d
        totals["people"] += p
    figures[None] = _share(totals[num], totals[den], int(totals["people"]))
    return figures


def _counts(rows: Mapping[int, Mapping[str, Any]], name: str) -> Figures:
    """Counts of people per organisation and for the whole of government."""
    figures: Figures = {org: Figure(value=float(row[name]), people=int(row[name]))
                        for org, row in rows.items()}
    total = sum(int(row[name]) for row in rows.values())
    figures[None] = Figure(value=float(total), people=total)
    return figures


def register(key: str, name: str, unit: str, direction: str, method: str
             ) -> Callable[[Callable[[Period], Figures]], Callable[[Period], Figures]]:
    """Add the decorated function to ``SOURCES`` under ``key``."""
    def add(compute: Callable[[Period], Figures]) -> Callable[[Period], Figures]:
        SOURCES[key] = Source(key=key, name=name, unit=unit, direction=direction,
                              method=" ".join(method.split()), compute=compute)
        return compute
    return add


# --- workforce ------------------------------------------------------------------------------

@register("contingent_share", "Share of contingent labour", "percent", "down", """
    Of the people in post on the period's last day, the percentage whose employment type
    is contractor, consultant or interim. Each person counts once, in the organisation
    they are recorded in. Suppression rests on the headcount.""")
def contingent_share(period: Period) -> Figures:
    rows = _grouped(Person.objects.filter(in_post(period.end)), "organisation_id",
                    total=Count("pk"),
                    contingent=Count("pk", filter=Q(employment_type__in=CONTINGENT_TYPES)))
    return _shares(rows, "contingent", "total")


@register("contingent_day_cost", "Daily cost of contingent labour", "pounds", "down", """
    The sum of the day rates, in pounds, recorded from the HR extracts for the contractors,
    consultants and interims in post on the period's last day: what a working day of the
    organisation's contingent labour costs. Contingent people with no day rate recorded
    add nothing to the sum; suppression rests on the number with a day rate.""")
def contingent_day_cost(period: Period) -> Figures:
    rows = _grouped(
        Person.objects.filter(in_post(period.end), employment_type__in=CONTINGENT_TYPES,
                              workforce__day_rate__isnull=False),
        "organisation_id", cost=Sum("workforce__day_rate"), n=Count("pk"))
    figures: Figures = {org: Figure(value=_number(row["cost"]), people=row["n"])
                        for org, row in rows.items()}
    figures[None] = Figure(value=sum(_number(r["cost"]) for r in rows.values()),
                           people=sum(r["n"] for r in rows.values()))
    return figures


@register("in_profession_headcount", "In-profession headcount", "count", "up", """
    The number of people in post on the period's last day whose workforce record says
    they are in the profession (the classification of their job title in the HR extract,
    as suggested or as a head of profession decided it). People not yet classified are
    not counted. An organisation with people in post but none in the profession shows 0.""")
def in_profession_headcount(period: Period) -> Figures:
    rows = _grouped(Person.objects.filter(in_post(period.end)), "organisation_id",
                    n=Count("pk", filter=Q(workforce__in_profession=True)))
    return _counts(rows, "n")


# --- mobility -------------------------------------------------------------------------------

def _internal_days() -> int:
    policy = MobilityPolicy.objects.order_by("pk").values_list("internal_days", flat=True)
    return next(iter(policy), DEFAULT_INTERNAL_DAYS)


def _filled_on() -> Subquery:
    """The day each vacancy was first recorded as filled (from its history)."""
    history = (Vacancy.history.model.objects.filter(id=OuterRef("pk"), state="filled")
               .order_by("history_date").values("history_date")[:1])
    return Subquery(history)


def _opened_in(period: Period) -> QuerySet[Vacancy]:
    return (Vacancy.objects.filter(opened_on__gte=period.start, opened_on__lte=period.end)
            .exclude(state=Vacancy.State.WITHDRAWN))


@register("vacancies_filled_inside", "Vacancies filled from inside government within "
          "the policy period", "percent", "up", """
    Of the vacancies the organisation opened on the cross-government board during the
    period (withdrawn vacancies left out), the percentage filled by a person on Cadre's
    records (someone already working in the public sector) within the mobility policy's
    internal-first days: before the day the policy first lets the organisation recruit
    outside government, which is the day opened plus those days (28 unless the central
    team set another number). The day of filling is the first day the vacancy's history
    records it as filled. Suppression rests on the number of vacancies counted.""")
def vacancies_filled_inside(period: Period) -> Figures:
    days = _internal_days()
    queryset = _opened_in(period).annotate(filled_on=TruncDate(_filled_on()))
    inside = Q(filled_by__isnull=False, filled_on__isnull=False,
               filled_on__lt=F("opened_on") + dt.timedelta(days=days))
    rows = _grouped(queryset, "organisation_id", total=Count("pk"),
                    inside=Count("pk", filter=inside))
    return _shares(rows, "inside", "total")


def _senior() -> Q:
    return (Q(grade__is_senior_civil_service=True)
            | Q(grade__civil_service_equivalent__is_senior_civil_service=True))


@register("senior_posts_filled_inside", "Senior posts filled from inside government",
          "percent", "up", """
    Of the Senior Civil Service vacancies (a grade in the Senior Civil Service, or
    equivalent to one) the organisation opened on the cross-government board during the
    period (withdrawn vacancies left out), the percentage filled by a person on Cadre's
    records, whenever it was filled. Vacancies still open or filled from outside count
    in the denominator only. Suppression rests on the number of vacancies counted.""")
def senior_posts_filled_inside(period: Period) -> Figures:
    rows = _grouped(_opened_in(period).filter(_senior()), "organisation_id",
                    total=Count("pk"), inside=Count("pk", filter=Q(filled_by__isnull=False)))
    return _shares(rows, "inside", "total")


@register("managed_move_days", "Managed move duration", "days", "down", """
    The mean number of days (not the median) from a managed move's proposal to its
    completion, over the moves completed during the period, counted for the receiving
    organisation. Cancelled and unfinished moves are left out. Suppression rests on the
    number of moves averaged.""")
def managed_move_days(period: Period) -> Figures:
    first, after = _bounds(period)
    took = ExpressionWrapper(F("completed_at") - F("proposed_at"), output_field=DurationField())
    rows = _grouped(
        MoveRequest.objects.filter(state=MoveRequest.State.COMPLETED, completed_at__gte=first,
                                   completed_at__lt=after),
        "receiving_id", took=Sum(took), n=Count("pk"))
    figures: Figures = {}
    total, moves = dt.timedelta(0), 0
    for org, row in rows.items():
        spent = row["took"] or dt.timedelta(0)
        figures[org] = Figure(value=_days(spent) / row["n"], people=row["n"])
        total += spent
        moves += row["n"]
    figures[None] = Figure(value=_days(total) / moves if moves else None, people=moves)
    return figures


def _days(spent: dt.timedelta | int) -> float:
    """Days in a summed duration (a timedelta, or microseconds from some backends)."""
    if isinstance(spent, dt.timedelta):
        return spent.total_seconds() / 86400
    return spent / 86_400_000_000


# --- recruitment ----------------------------------------------------------------------------

@register("recruitment_senior_filled_inside", "Senior posts filled from inside (recruitment "
          "campaigns)", "percent", "up", """
    Of the candidates appointed during the period through the organisation's recruitment
    campaigns to senior posts (a role level of principal or above, or a grade in the Senior
    Civil Service or equivalent to one), the percentage who came from inside government.
    The day of appointment is the day it was recorded; a campaign counts for the
    organisation that ran it. Suppression rests on the number of senior appointments.""")
def recruitment_senior_filled_inside(period: Period) -> Figures:
    rows = recruitment_outcomes.senior_appointments(period.start, period.end)
    return _shares(rows, "inside", "total")


# --- capability -----------------------------------------------------------------------------

@register("assessment_completion", "Assessment completion", "percent", "up", """
    Of the self-assessment rounds started during the period by people of the organisation
    (the organisation they are in now), the percentage agreed by the line manager
    (completed) by the period's last day. Suppression rests on the number of different
    people who started a round.""")
def assessment_completion(period: Period) -> Figures:
    first, after = _bounds(period)
    done = Q(state=AssessmentRound.State.COMPLETED, completed_at__lt=after)
    rows = _grouped(
        AssessmentRound.objects.filter(started_at__gte=first, started_at__lt=after),
        "person__organisation_id", total=Count("pk"), done=Count("pk", filter=done),
        people=Count("person", distinct=True))
    return _shares(rows, "done", "total", people="people")


@register("development_plan_share", "Share with an agreed development plan", "percent",
          "up", """
    Of the people in post on the period's last day, the percentage whose development plan
    is agreed with their line manager (as it stands when computed: a plan reopened for
    changes is not agreed). Drafts do not count. Suppression rests on the headcount.""")
def development_plan_share(period: Period) -> Figures:
    agreed = Q(development_plan__state=DevelopmentPlan.State.AGREED)
    rows = _grouped(Person.objects.filter(in_post(period.end)), "organisation_id",
                    total=Count("pk"), agreed=Count("pk", filter=agreed))
    return _shares(rows, "agreed", "total")


@register("accredited_people", "Accredited people", "count", "up", """
    The number of people in post on the period's last day holding at least one
    accreditation award that is active now (not suspended or revoked), awarded on or before
    that day and expiring on or after it. Each person counts once however many awards
    they hold.""")
def accredited_people(period: Period) -> Figures:
    held = Exists(Award.objects.filter(person=OuterRef("pk"), status=Award.Status.ACTIVE,
                                       awarded_on__lte=period.end,
                                       expires_on__gte=period.end))
    rows = _grouped(Person.objects.filter(in_post(period.end)), "organisation_id",
                    n=Count("pk", filter=held))
    return _counts(rows, "n")


# --- programmes -----------------------------------------------------------------------------

@register("apprentice_starts", "Apprentice starts against the 2.3% target", "percent", "up",
          f"""
    Apprentices whose apprenticeship started during the period, counted for their
    employing organisation, as a percentage of the organisation's headcount (people in
    post) on the period's first day; the public sector target is
    {APPRENTICE_TARGET_PERCENT}% a year. Withdrawn apprentices still count as starts.
    Suppression rests on the headcount.""")
def apprentice_starts(period: Period) -> Figures:
    starts = {row["employer_id"]: row["n"] for row in
              Apprentice.objects.filter(started_on__gte=period.start, started_on__lte=period.end)
              .values("employer_id").order_by("employer_id").annotate(n=Count("pk"))}
    heads = headcount(period.start)
    rows = {org: {"starts": starts.get(org, 0), "heads": heads.get(org, 0)}
            for org in {*starts, *heads}}
    return _shares(rows, "starts", "heads")


@register("fast_streamers_posted_outside", "Fast streamers posted outside their home "
          "organisation", "percent", "up", """
    Of the fast streamers with a posting in a published posting round starting during the
    period, counted for their home organisation, the percentage posted (at least once) to
    a host organisation other than their home one. Suppression rests on the number of
    fast streamers with a posting.""")
def fast_streamers_posted_outside(period: Period) -> Figures:
    outside = ~Q(offer__host_organisation_id=F("fast_streamer__home_organisation_id"))
    rows = _grouped(
        Posting.objects.filter(round__state=PostingRound.State.PUBLISHED,
                               round__starts_on__gte=period.start,
                               round__starts_on__lte=period.end),
        "fast_streamer__home_organisation_id",
        total=Count("fast_streamer", distinct=True),
        outside=Count("fast_streamer", distinct=True, filter=outside))
    return _shares(rows, "outside", "total")


# --- learning -------------------------------------------------------------------------------

@register("learning_spend_per_head", "Learning spend per head", "pounds", "up", """
    The learning spend, in pounds, of the lines of the organisation's imported spend files
    dated in the period (credits subtract), divided by the number of people in post on
    the period's last day. Only organisations with spend lines in the period have a
    figure; the whole of government divides their spend by their headcount together.
    Suppression rests on the headcount.""")
def learning_spend_per_head(period: Period) -> Figures:
    # Lines carry their financial year: a period of whole financial years is read from the
    # spend figures' index alone; any other period also checks each line's day.
    years = (_financial_year(period.start), _financial_year(period.end))
    lines = SpendLine.objects.filter(year__gte=years[0], year__lte=years[1])
    if (period.start.month, period.start.day, period.end.month, period.end.day) != (4, 1, 3, 31):
        lines = lines.filter(spent_on__gte=period.start, spent_on__lte=period.end)
    spend = {row["organisation_id"]: _number(row["amount"]) for row in
             lines.values("organisation_id").order_by("organisation_id")
             .annotate(amount=Sum("amount"))}
    heads = headcount(period.end)
    figures: Figures = {}
    total, people = 0.0, 0
    for org, amount in spend.items():
        n = heads.get(org, 0)
        figures[org] = Figure(value=amount / n if n else None, people=n,
                              numerator=amount, denominator=n)
        total += amount
        people += n
    figures[None] = Figure(value=total / people if people else None, people=people,
                           numerator=total, denominator=people)
    return figures


def _financial_year(day: date) -> int:
    """The financial year a day is in, named by its first calendar year (as spend lines)."""
    return day.year if day.month >= 4 else day.year - 1


# --- succession -----------------------------------------------------------------------------

@register("succession_coverage", "Succession coverage", "percent", "up", """
    Of the organisation's critical posts, the percentage with at least one successor
    rated ready now, as recorded when computed (succession plans keep no dates, so every
    period shows the plans as they stand). Suppression rests on the number of critical
    posts.""")
def succession_coverage(period: Period) -> Figures:
    ready = Exists(Successor.objects.filter(post=OuterRef("pk"), readiness=Readiness.NOW))
    rows = _grouped(CriticalPost.objects.all(), "organisation_id", total=Count("pk"),
                    covered=Count("pk", filter=ready))
    return _shares(rows, "covered", "total")


def compute_all(period: Period, keys: Iterable[str] | None = None) -> dict[str, Figures]:
    """Every source (or those named) for the period: {key: figures}."""
    return {key: SOURCES[key].compute(period) for key in (keys or SOURCES)}
