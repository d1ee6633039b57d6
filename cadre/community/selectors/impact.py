"""The impact of taking part in the community (issue 18 point 6): who took part in a
year, compared with similar people who did not, on change in assessed capability and on
progression over the following year. The counting is done in SQL (one grouped query for
the participants, one for the comparison group); the comparison itself is the plain
module ``cadre.community.impact``. Pages, API and command line all read :func:`impact`.

What Cadre holds, and so what is measured
-----------------------------------------
*Taking part* in year Y, and its start date (the earliest in the year):

- communities: a membership (member or lead) joined in Y (``Membership.joined_on``);
- events: an event in Y the person is recorded as having attended;
- mentoring: a mentoring match (as mentor or mentee) accepted by both and started in Y
  (``MentoringMatch.started_at``), when the mentoring records are installed.

A person who took part in several ways counts under each, with the year after measured
from their first start. The *comparison group* is everyone with a person record, in
post on the comparison date, who took part in none of these ways in Y; their year is
measured from one *comparison date*, the participants' median start date.

*Strata* (exact match): role family (of the person's current role level in their
capability profile; "none" is a stratum of its own), grade on the start date (from the
person record's history; a record made after the start uses its first grade), and
organisation type.

*Capability*: the mean level of the agreed (line manager) or validated skill assessments
(each skill level's ordinal, 0 for "not held") dated in the year up to and including
the start ("before") and in the year after it ("after"), over the skills assessed in
both years (so a change in which skills were assessed is not read as a change in
capability); the outcome is after minus before. A person without such an assessment
both before and after is left out and counted.

*Progression*: a higher grade a year after the start than on the start date (grades
compared by their Civil Service equivalent's rank, so a move between grade schemes is
compared fairly), or a higher role level (seniority) in the capability profile, both
read from the records' history. A year not yet over counts up to today.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import (
    Avg,
    Case,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Least, TruncDate
from django.utils import timezone

from cadre.access.rules import COMMUNITY_FIGURES
from cadre.assessments.models import CapabilityProfile, SkillAssessment, Source
from cadre.community import impact as plain
from cadre.community.models.networks import Attendance, Membership, Registration
from cadre.people.models import Person

try:  # the mentoring records (area 3); without them mentoring is shown as not counted
    from cadre.community.models.mentoring import MentoringMatch
except ImportError:  # pragma: no cover - before the mentoring area lands
    MentoringMatch = None

MIN_YEAR = 2000
THRESHOLD = plain.SUPPRESS_BELOW
FAR = dt.date(9999, 12, 31)
YEAR_AFTER = dt.timedelta(days=365)
AGREED = (Source.MANAGER, Source.VALIDATED)

KINDS: tuple[tuple[str, str], ...] = (
    ("overall", "Any kind of taking part"),
    ("communities", "Joining a community"),
    ("events", "Attending an event"),
    ("mentoring", "Mentoring (mentor or mentee)"),
)
KIND_LABELS = dict(KINDS)
OUTCOMES: tuple[tuple[str, str, str], ...] = (
    ("capability", "Change in assessed capability",
     "mean agreed skill level after minus before (levels on the framework's scale)"),
    ("progression", "Progression", "share promoted to a higher grade or role level"),
)
OUTCOME_LABELS = {key: label for key, label, _ in OUTCOMES}

COLUMNS = ("year", "kind", "outcome", "measure", "participants", "comparison",
           "participant_value", "comparison_value", "difference", "ci_low", "ci_high",
           "suppressed", "strata_used", "strata_dropped", "participants_dropped",
           "participants_left_out", "comparison_left_out")

#: The method in words: the page, the API and the command line show these.
METHOD = (
    "Participants are people who started taking part in the year: joined a community, "
    "attended a community event, or started a mentoring match as mentor or mentee. Someone "
    "who took part in several ways counts under each, and their following year is "
    "measured from their first start.",
    "The comparison group is everyone else with a person record, in post on the "
    "comparison date (the participants' median start date), who did not take part in the "
    "year in any of these ways. Their following year is measured from that date.",
    "People are compared only with people in the same stratum: the same role family, "
    "the same grade on the start date and the same type of organisation. A stratum with "
    "participants but nobody to compare them with is left out, and the number of strata "
    "and people left out is shown. The comparison group's figure is weighted to the "
    "participants' mix of strata, so each stratum counts as much as it does among the "
    "participants.",
    "Change in assessed capability is the mean level of a person's agreed or validated "
    "skill assessments dated in the year after their start minus the mean of those dated "
    "in the year up to it, over the skills assessed in both years (a skill assessed as "
    "not held counts as 0). Self-assessments are not used. People without an agreed "
    "assessment both before and after are left out, and counted.",
    "Progression is a higher grade a year after the start than on the start date (grades "
    "compared by their Civil Service equivalent), or a move to a more senior role level, "
    "read from the history of the person's record and capability profile. If the year "
    "after is not over yet, it counts up to today.",
    "The difference is participants minus the comparison group, with a 95% confidence "
    "interval (normal approximation, from the spread within each stratum). A group of "
    f"fewer than {THRESHOLD} people is not shown: its size reads \"fewer than "
    f"{THRESHOLD}\" and no figure is given.",
    "This shows an association, not a cause. People who choose to take part differ from "
    "those who do not in ways these records do not show (motivation, support from their "
    "manager, the work they do), so a difference here does not mean taking part caused "
    "it.",
)


def may_see_impact(user: Any) -> bool:
    """Accounts the permission map lets see the figures; ``None`` is the command line."""
    return user is None or COMMUNITY_FIGURES.allows(user)


def mentoring_counted() -> bool:
    """Whether the mentoring records are installed (and so counted)."""
    return MentoringMatch is not None


def check_year(value: object) -> int | None:
    """A calendar year from a request or command (None when not given), else a
    ``ValidationError`` naming ``year``."""
    if value in (None, ""):
        return None
    try:
        year = int(str(value).strip())
    except ValueError:
        raise ValidationError({"year": "Enter a year as four digits, like 2025."}) from None
    latest = timezone.localdate().year
    if not MIN_YEAR <= year <= latest:
        raise ValidationError({"year": f"Enter a year from {MIN_YEAR} to {latest}."})
    return year


# -- participation -------------------------------------------------------------------------

def _bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _first(qs: QuerySet, date_field: str) -> Subquery:
    """The earliest ``date_field`` of ``qs`` (already narrowed to the outer person)."""
    return Subquery(qs.order_by(date_field).values(date_field)[:1], output_field=DateField())


def _starts(year: int) -> dict[str, Any]:
    """Annotations: each kind's first start in ``year`` for the outer person (or NULL)."""
    first, last = _bounds(year)
    starts: dict[str, Any] = {
        "s_communities": _first(Membership.objects.filter(
            person=OuterRef("pk"), joined_on__gte=first, joined_on__lte=last), "joined_on"),
        "s_events": _first(Registration.objects.filter(
            person=OuterRef("pk"), attendance=Attendance.ATTENDED)
            .annotate(on=TruncDate("event__starts_at"))
            .filter(on__gte=first, on__lte=last), "on"),
    }
    if MentoringMatch is not None:
        def side(path: str) -> Subquery:
            return _first(MentoringMatch.objects.filter(
                **{path: OuterRef("pk")}, started_at__isnull=False)
                .annotate(on=TruncDate("started_at"))
                .filter(on__gte=first, on__lte=last), "on")
        starts["s_mentee"] = side("mentee__person")
        starts["s_mentor"] = side("mentor__person")
    return starts


def _first_start() -> Least:
    names = ["s_communities", "s_events"] + (["s_mentee", "s_mentor"] if MentoringMatch else [])
    return Least(*[Coalesce(F(n), Value(FAR)) for n in names], output_field=DateField())


# -- outcomes ------------------------------------------------------------------------------

def _history_value(model: Any, key: str, value: Any, on: str, *, first: bool = False
                   ) -> Subquery:
    """``value`` of the outer person's history record as it stood on date ``on`` (an
    outer annotation), or of its first record when ``first``."""
    qs = model.objects.filter(**{key: OuterRef("pk")})
    if first:
        qs = qs.order_by("history_date", "history_id")
    else:
        qs = qs.filter(history_date__date__lte=OuterRef(on)).order_by("-history_date",
                                                                        "-history_id")
    return Subquery(qs.annotate(v=value).values("v")[:1])


def _with_outcomes(qs: QuerySet) -> QuerySet:
    """Annotate people carrying a ``start`` date with their stratum and outcomes."""
    hp = Person.history.model
    hc = CapabilityProfile.history.model
    rank = Coalesce("grade__civil_service_equivalent__rank", "grade__rank")
    seniority = F("current_role_level__seniority")
    qs = qs.annotate(
        prev=ExpressionWrapper(F("start") - YEAR_AFTER, output_field=DateField()),
        end=ExpressionWrapper(F("start") + YEAR_AFTER, output_field=DateField()),
    )

    def window(after: bool, depth: int) -> Q:
        def ref(name: str) -> OuterRef:
            out = OuterRef(name)
            for _ in range(depth - 1):
                out = OuterRef(out)
            return out

        if after:
            return Q(assessed_on__gt=ref("start"), assessed_on__lte=ref("end"))
        return Q(assessed_on__gt=ref("prev"), assessed_on__lte=ref("start"))

    def capability(after: bool) -> Subquery:
        """Mean agreed level in the window, over the skills assessed in both windows."""
        other = SkillAssessment.objects.filter(
            window(not after, 2), person=OuterRef("person"), skill=OuterRef("skill"),
            source__in=AGREED)
        return Subquery(
            SkillAssessment.objects.filter(window(after, 1), Exists(other),
                                           person=OuterRef("pk"), source__in=AGREED)
            .values("person").annotate(a=Avg(Coalesce("level__ordinal", 0)))
            .values("a")[:1])

    qs = qs.annotate(
        family=F("capability__current_role_level__role__family_id"),
        org_type=F("organisation__type"),
        grade0=Coalesce(_history_value(hp, "id", F("grade_id"), "start"),
                        _history_value(hp, "id", F("grade_id"), "start", first=True),
                        F("grade_id")),
        rank0=Coalesce(_history_value(hp, "id", rank, "start"),
                       _history_value(hp, "id", rank, "start", first=True)),
        rank1=_history_value(hp, "id", rank, "end"),
        sen0=Coalesce(_history_value(hc, "person_id", seniority, "start"),
                      _history_value(hc, "person_id", seniority, "start", first=True)),
        sen1=_history_value(hc, "person_id", seniority, "end"),
        before=capability(False),
        after=capability(True),
    )
    return qs.annotate(progressed=Case(
        When(Q(rank1__gt=F("rank0")) | Q(sen1__gt=F("sen0")), then=Value(1)),
        default=Value(0), output_field=IntegerField()))


_START_TABLE = "community_impact_start"


@contextmanager
def _start_table(people: QuerySet) -> Iterator[RawSQL]:
    """Each participant's first start, written by the database into a temporary table (its
    own per connection) and read back by key: referring to the start as an expression
    instead would repeat its four subqueries inside every outcome subquery, per row."""
    inner, params = people.filter(first__lt=FAR).values_list("pk", "first").query \
        .sql_with_params()
    table = connection.ops.quote_name(_START_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(f"CREATE TEMPORARY TABLE {table} "
                       "(person_id integer PRIMARY KEY, start date NOT NULL)")
        cursor.execute(f"INSERT INTO {table} (person_id, start) {inner}", params)  # noqa: S608
    quote = connection.ops.quote_name
    person = f"{quote(Person._meta.db_table)}.{quote('id')}"
    # Names only (the table's and the people table's, quoted); no value is in the text.
    try:
        yield RawSQL(f"(SELECT s.start FROM {table} s WHERE s.person_id = {person})",  # noqa: S608, S611
                     (), output_field=DateField())
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _grouped(qs: QuerySet, fields: tuple[str, ...]) -> list[tuple]:
    """``fields`` of ``qs`` and how many people share them: GROUP BY in the database,
    around the annotated query (the per-person subqueries stay inside it)."""
    inner, params = qs.values_list(*fields).query.sql_with_params()
    cols = ", ".join(connection.ops.quote_name(f) for f in fields)  # the inner aliases
    # Only Django's own SQL and quoted alias names; values stay parameters.
    sql = f"SELECT {cols}, COUNT(*) FROM ({inner}) impact_people GROUP BY {cols}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# -- the result ----------------------------------------------------------------------------

@dataclass(frozen=True)
class OutcomeRow:
    kind: str
    outcome: str
    result: plain.Comparison
    participants_left_out: int = 0
    comparison_left_out: int = 0

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    def shown(self) -> dict[str, Any]:
        """The row as the page, API and exports show it (sizes 1-4 as "fewer than 5")."""
        r = self.result.as_dict(threshold=THRESHOLD)
        pct = self.outcome == "progression"

        def fmt(x: float | None, signed: bool = False) -> str:
            if x is None:
                return ""
            if pct:
                return f"{x * 100:+.1f} points" if signed else f"{x * 100:.1f}%"
            return f"{x:+.2f}" if signed else f"{x:.2f}"

        r.update({
            "kind": self.kind, "kind_label": self.kind_label, "outcome": self.outcome,
            "outcome_label": self.outcome_label,
            "participants_left_out": plain.size_label(self.participants_left_out,
                                                      threshold=THRESHOLD),
            "comparison_left_out": plain.size_label(self.comparison_left_out,
                                                    threshold=THRESHOLD),
            "participant_display": fmt(self.result.participant_value),
            "comparison_display": fmt(self.result.comparison_value),
            "difference_display": fmt(self.result.difference, True),
            "interval_display": (f"{fmt(self.result.low, True)} to "
                                 f"{fmt(self.result.high, True)}"
                                 if self.result.low is not None else ""),
        })
        return r


@dataclass
class Impact:
    year: int
    years: list[int]
    comparison_date: dt.date | None
    follow_up_ends: dt.date
    follow_up_complete: bool
    mentoring_counted: bool
    participants: dict[str, int] = field(default_factory=dict)
    rows: list[OutcomeRow] = field(default_factory=list)

    def participants_shown(self) -> dict[str, str]:
        return {k: plain.size_label(n, threshold=THRESHOLD)
                for k, n in self.participants.items()}

    def table(self) -> list[dict[str, Any]]:
        """One row per kind and outcome, for downloads and the command line."""
        out = []
        for row in self.rows:
            s = row.shown()
            out.append({
                "year": self.year, "kind": row.kind, "outcome": row.outcome,
                "measure": dict((k, m) for k, _, m in OUTCOMES)[row.outcome],
                "participants": s["participants"], "comparison": s["comparison"],
                "participant_value": s["participant_value"],
                "comparison_value": s["comparison_value"], "difference": s["difference"],
                "ci_low": s["low"], "ci_high": s["high"], "suppressed": s["suppressed"],
                "strata_used": s["strata_used"], "strata_dropped": s["strata_dropped"],
                "participants_dropped": s["participants_dropped"],
                "participants_left_out": s["participants_left_out"],
                "comparison_left_out": s["comparison_left_out"],
            })
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year, "years": self.years,
            "comparison_date": self.comparison_date,
            "follow_up_ends": self.follow_up_ends,
            "follow_up_complete": self.follow_up_complete,
            "mentoring_counted": self.mentoring_counted,
            "participants": self.participants_shown(),
            "method": list(METHOD),
            "association_not_cause": True,
            "results": self.table(),
        }


def participation_years() -> list[int]:
    """Years with any taking part, newest first."""
    years = {d.year for d in Membership.objects.dates("joined_on", "year")}
    years |= {d.year for d in Registration.objects.filter(attendance=Attendance.ATTENDED)
              .dates("event__starts_at", "year")}
    if MentoringMatch is not None:
        years |= {d.year for d in MentoringMatch.objects.filter(started_at__isnull=False)
                  .dates("started_at", "year")}
    return sorted(years, reverse=True)


def impact(year: object = None) -> Impact:
    """The comparison for ``year`` (the newest year with taking part when not given)."""
    chosen = check_year(year)
    years = participation_years()
    today = timezone.localdate()
    if chosen is None:
        chosen = years[0] if years else today.year
    kinds = [k for k, _ in KINDS if k != "mentoring" or MentoringMatch is not None]
    people = Person.objects.annotate(**_starts(chosen)).annotate(first=_first_start())
    # Participants: grouped by stratum, outcome and which kinds they took part in.
    flags = ["s_communities", "s_events"] + (["s_mentee", "s_mentor"] if MentoringMatch else [])
    fields = ("family", "grade0", "org_type", "before", "after", "progressed", "start",
              *flags)
    with _start_table(people) as start:
        taking_part = RawSQL(f"SELECT person_id FROM {_START_TABLE}", ())  # noqa: S608, S611
        part = _with_outcomes(Person.objects.filter(pk__in=taking_part)
                              .annotate(**_starts(chosen)).annotate(start=start))
        p_rows = _grouped(part, fields)
    starts: list[tuple[dt.date, int]] = [(_as_date(r[6]), r[-1]) for r in p_rows]
    comparison_date: dt.date | None = None
    c_rows: list[tuple] = []
    if starts:
        dates = np.array([d.toordinal() for d, _ in starts])
        counts = np.array([n for _, n in starts])
        order = np.argsort(dates)
        cum = np.cumsum(counts[order])
        median = int(dates[order][np.searchsorted(cum, (cum[-1] + 1) // 2)])
        comparison_date = dt.date.fromordinal(median)
        others = (people.filter(first=FAR)
                  .filter(Q(start_date__isnull=True) | Q(start_date__lte=comparison_date))
                  .filter(Q(end_date__isnull=True) | Q(end_date__gte=comparison_date))
                  .annotate(start=Value(comparison_date, output_field=DateField())))
        c_rows = _grouped(_with_outcomes(others),
                          ("family", "grade0", "org_type", "before", "after", "progressed"))
    result = Impact(
        year=chosen, years=years, comparison_date=comparison_date,
        follow_up_ends=min(dt.date(chosen, 12, 31) + YEAR_AFTER, today),
        follow_up_complete=dt.date(chosen, 12, 31) + YEAR_AFTER <= today,
        mentoring_counted=MentoringMatch is not None)
    result.participants = {k: 0 for k in kinds}
    by_kind: dict[str, list[tuple]] = defaultdict(list)
    for row in p_rows:
        taken = {"overall"}
        if row[7] is not None:
            taken.add("communities")
        if row[8] is not None:
            taken.add("events")
        if MentoringMatch is not None and (row[9] is not None or row[10] is not None):
            taken.add("mentoring")
        for kind in taken:
            by_kind[kind].append(row)
            result.participants[kind] += row[-1]
    for kind in kinds:
        for outcome, _, _ in OUTCOMES:
            result.rows.append(_compare(kind, outcome, by_kind[kind], c_rows))
    return result


def demo_candidates(year: int, *, per_stratum: int) -> list[int]:
    """Ids of ``year``'s participants with a capability profile, and of up to
    ``per_stratum`` people in each of their strata who did not take part (the demo adds
    earlier assessments for them: ``community.demo.impact``)."""
    people = Person.objects.annotate(**_starts(year)).annotate(first=_first_start()).filter(
        capability__current_role_level__isnull=False)
    stratum = ("capability__current_role_level__role__family_id", "grade_id",
               "organisation__type")
    chosen = list(people.filter(first__lt=FAR).values_list("pk", *stratum))
    wanted = {row[1:] for row in chosen}
    ids = [row[0] for row in chosen]
    taken: dict[tuple, int] = defaultdict(int)
    for pk, *key in (people.filter(first=FAR, end_date__isnull=True)
                     .filter(grade_id__in={k[1] for k in wanted})
                     .values_list("pk", *stratum).order_by("pk")):
        key = tuple(key)
        if key in wanted and taken[key] < per_stratum:
            taken[key] += 1
            ids.append(pk)
    return ids


def _values(rows: list[tuple], outcome: str) -> tuple[list, list, list, int]:
    """Strata, values and counts of one outcome, and how many people were left out."""
    strata, values, counts, left_out = [], [], [], 0
    for row in rows:
        family, grade, org_type, before, after, progressed = row[:6]
        n = row[-1]
        if outcome == "capability":
            if before is None or after is None:
                left_out += n
                continue
            value = float(after) - float(before)
        else:
            value = float(progressed)
        strata.append((family, grade, org_type))
        values.append(value)
        counts.append(n)
    return strata, values, counts, left_out


def _compare(kind: str, outcome: str, p_rows: list[tuple], c_rows: list[tuple]) -> OutcomeRow:
    ps, pv, pn, p_out = _values(p_rows, outcome)
    cs, cv, cn, c_out = _values(c_rows, outcome)
    return OutcomeRow(kind=kind, outcome=outcome,
                      result=plain.compare(ps, pv, pn, cs, cv, cn, threshold=THRESHOLD),
                      participants_left_out=p_out, comparison_left_out=c_out)


__all__ = [
    "COLUMNS", "KINDS", "METHOD", "OUTCOMES", "THRESHOLD", "Impact", "OutcomeRow",
    "check_year", "demo_candidates", "impact", "may_see_impact", "mentoring_counted",
    "participation_years",
]
