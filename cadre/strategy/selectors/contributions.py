"""Contributions to the whole of government (issue 19, area 6), read live from the apps
that hold them.

Sources, each a kind (``ContributionKind``):

- ``bench``: bench deployments the person accepted or completed (``bench``), for the
  requesting organisation;
- ``mentoring``: mentoring matches where the person is the mentor, accepted by both or
  ended (``community``), for the mentee's organisation;
- ``community_lead``: leading a community of practice (``community`` lead memberships),
  across government;
- ``assessing``: accreditation applications the person assessed and submitted scores for
  (``accreditation`` allocations), for the applicant's organisation;
- ``panel``: sitting on an accreditation review panel (``accreditation`` panel decisions);
- ``posting_host``: Fast Stream postings the person hosted as host manager, in published
  rounds (``programmes``), for the fast streamer's home organisation.

Not on a person's record, because no person is named on them: strategy workstreams (a lead
organisation and participant organisations only: counted by organisation in
``workstream_counts``), apprentice placements (a host organisation), learning exchange
sessions (offered by an organisation).

Counts by organisation are of the contributing people's organisations, for a period (a
financial or calendar year, ``contribution_periods``), one grouped query per source; counts
of 1 to 4 people read "fewer than 5", and the number of contributions beside such a count
is withheld ("[c]") since it would give the small group's activity away.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from cadre.access.rules import STRATEGY_FIGURES
from cadre.accreditation.models import Allocation, PanelDecision
from cadre.bench.models import DeploymentRequest
from cadre.community.models import Membership as CommunityMembership
from cadre.community.models import MembershipRole, MentoringMatch, MentoringMatchStatus
from cadre.core.suppression import PROTECTED_LABEL, suppressed_label
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.people.selectors import chain_filter, own_person, visible_people
from cadre.programmes.models import Posting, PostingRound
from cadre.strategy.contribution_periods import Period, PeriodError, parse_period
from cadre.strategy.models.contributions import ContributionEvidence, ContributionKind
from cadre.strategy.models.workstreams import Workstream, WorkstreamKind
from cadre.talent.models import AppraisalCycle
from cadre.talent.selectors import open_cycles_for

#: Counts of people below this read "fewer than 5".
THRESHOLD = 5
ACROSS_GOVERNMENT = "Across government"
COUNT_COLUMNS = ("period", "organisation", "organisation_name", "kind", "kind_label",
                 "people", "contributions", "suppressed")
PERSON_COLUMNS = ("kind", "kind_label", "record_id", "what", "organisation", "starts_on",
                  "ends_on")
KIND_LABELS = dict(ContributionKind.choices)
#: The kinds collected today (workstreams name organisations, not people).
COLLECTED = (ContributionKind.BENCH, ContributionKind.MENTORING,
             ContributionKind.COMMUNITY_LEAD, ContributionKind.ASSESSING,
             ContributionKind.PANEL, ContributionKind.POSTING_HOST)


@dataclass(frozen=True)
class Contribution:
    """One contribution of one person: what it was, for whom, when, and where the person
    opens the record (``url``, "" when there is no page for them)."""

    kind: str
    record_id: int
    what: str
    organisation: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    url: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def key(self) -> str:
        """``kind:record_id``, how a form names it."""
        return f"{self.kind}:{self.record_id}"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind_label"] = self.kind_label
        data["starts_on"] = self.starts_on.isoformat() if self.starts_on else None
        data["ends_on"] = self.ends_on.isoformat() if self.ends_on else None
        return data


def _day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value is not None else None


# ---------------------------------------------------------------------------- one person


def _bench(person: Person) -> Iterable[Contribution]:
    states = (DeploymentRequest.State.ACCEPTED, DeploymentRequest.State.COMPLETED)
    for r in (DeploymentRequest.objects.filter(specialist=person, state__in=states)
              .select_related("requesting_organisation")):
        yield Contribution(ContributionKind.BENCH.value, r.pk, f"Deployed to {r.programme}",
                           r.requesting_organisation.name, r.starts_on, r.ends_on,
                           reverse("bench:bench-request", args=[r.pk]))


_MENTORING_STATES = (MentoringMatchStatus.ACTIVE, MentoringMatchStatus.ENDED)


def _mentoring(person: Person) -> Iterable[Contribution]:
    for m in (MentoringMatch.objects.filter(mentor__person=person,
                                            status__in=_MENTORING_STATES)
              .select_related("scheme", "mentee__person__organisation")):
        yield Contribution(ContributionKind.MENTORING.value, m.pk,
                           f"Mentoring in {m.scheme.name}",
                           m.mentee.person.organisation.name,
                           _day(m.started_at or m.proposed_at), _day(m.ended_at),
                           reverse("community:mentoring-match", args=[m.pk]))


def _community_lead(person: Person) -> Iterable[Contribution]:
    for m in (CommunityMembership.objects.filter(person=person, role=MembershipRole.LEAD)
              .select_related("community")):
        yield Contribution(ContributionKind.COMMUNITY_LEAD.value, m.pk,
                           f"Leading the {m.community.name} community", ACROSS_GOVERNMENT,
                           m.joined_on, m.left_on,
                           reverse("community:network", args=[m.community_id]))


def _assessing(person: Person) -> Iterable[Contribution]:
    for a in (Allocation.objects.filter(assessor__person=person, submitted_at__isnull=False)
              .select_related("assessor", "application__person__organisation",
                              "application__level__scheme")):
        day = _day(a.submitted_at)
        url = reverse("accreditation:assessment", args=[a.pk]) if a.assessor.active else ""
        yield Contribution(ContributionKind.ASSESSING.value, a.pk,
                           f"Assessed an application for {a.application.level}",
                           a.application.person.organisation.name, day, day, url)


def _panel(person: Person) -> Iterable[Contribution]:
    for d in (PanelDecision.objects.filter(members=person)
              .select_related("application__person__organisation",
                              "application__level__scheme")):
        day = _day(d.decided_at)
        what = ("Sat on the appeal panel for" if d.on_appeal else "Sat on the review panel for")
        yield Contribution(ContributionKind.PANEL.value, d.pk, f"{what} {d.application.level}",
                           d.application.person.organisation.name, day, day)


def _posting_host(person: Person) -> Iterable[Contribution]:
    for p in (Posting.objects.filter(offer__host_manager=person,
                                     round__state=PostingRound.State.PUBLISHED)
              .select_related("round", "offer", "fast_streamer__home_organisation")):
        yield Contribution(ContributionKind.POSTING_HOST.value, p.pk,
                           f"Hosted a Fast Stream posting: {p.offer.title}",
                           p.fast_streamer.home_organisation.name, p.round.starts_on,
                           p.ends_on - dt.timedelta(days=1),
                           reverse("programmes:posting", args=[p.pk]))


_PERSON_SOURCES: tuple[Callable[[Person], Iterable[Contribution]], ...] = (
    _bench, _mentoring, _community_lead, _assessing, _panel, _posting_host)


def contributions_of(person: Person) -> list[Contribution]:
    """Every contribution of ``person``, newest first (no scoping: callers check who may
    see the person)."""
    found = [c for source in _PERSON_SOURCES for c in source(person)]
    return sorted(found, key=lambda c: (c.starts_on or dt.date.min, c.kind, c.record_id),
                  reverse=True)


def contribution(person: Person, kind: str, record_id: int) -> Contribution | None:
    """One of the person's contributions, or None when it is not theirs (or not one)."""
    return next((c for c in contributions_of(person)
                 if c.kind == kind and c.record_id == record_id), None)


# ---------------------------------------------------------------------------- who sees


def person_for(user: object, person_id: int) -> Person | None:
    """The person, if the account may see them by name (``people.selectors``)."""
    return (visible_people(user).select_related("organisation", "line_manager")
            .filter(pk=person_id).first())


def may_offer(user: object, person: Person) -> bool:
    """The person themselves and anyone above them in the line-management chain offer
    their contributions as appraisal evidence."""
    me = own_person(user)
    if me is None:
        return False
    return me.pk == person.pk or Person.objects.filter(chain_filter(me.pk),
                                                       pk=person.pk).exists()


def open_cycles(person: Person) -> QuerySet[AppraisalCycle]:
    """The person's organisation's appraisal cycles open today."""
    return open_cycles_for(person, timezone.localdate()).order_by("-opens_on", "pk")


def evidence_of(person: Person, cycle: AppraisalCycle | None = None
                ) -> QuerySet[ContributionEvidence]:
    qs = (ContributionEvidence.objects.filter(person=person)
          .select_related("cycle__organisation", "offered_by"))
    if cycle is not None:
        qs = qs.filter(cycle=cycle)
    return qs.order_by("-cycle__opens_on", "starts_on", "pk")


def evidence_for_rating(rating: Any) -> QuerySet[ContributionEvidence]:
    """The contributions offered as evidence in a rating's cycle for its person."""
    return ContributionEvidence.objects.filter(cycle_id=rating.cycle_id,
                                               person_id=rating.person_id
                                               ).order_by("starts_on", "pk")


def withdrawable_evidence(user: object) -> QuerySet[ContributionEvidence]:
    """Evidence the account may withdraw: theirs and their chain's, in open cycles."""
    me = own_person(user)
    if me is None:
        return ContributionEvidence.objects.none()
    today = timezone.localdate()
    return ContributionEvidence.objects.filter(
        person__in=Person.objects.filter(chain_filter(me.pk)),
        cycle__opens_on__lte=today, cycle__closes_on__gte=today).select_related("person")


# ---------------------------------------------------------------------------- counts


def check_period(value: str | None) -> Period:
    """The period asked for (blank: this financial year), or ``PeriodError``."""
    return parse_period(value, today=timezone.localdate())


@dataclass(frozen=True)
class _Grouped:
    organisation_id: int
    kind: str
    people: int
    contributions: int


def _group(kind: str, qs: QuerySet, person_field: str) -> list[_Grouped]:
    rows = (qs.order_by().values(f"{person_field}__organisation_id")
            .annotate(people=Count(person_field, distinct=True), n=Count("pk", distinct=True)))
    return [_Grouped(r[f"{person_field}__organisation_id"], kind, r["people"], r["n"])
            for r in rows]


def _overlap(start: str, end: str, period: Period) -> Q:
    return Q(**{f"{start}__lte": period.end}) & (Q(**{f"{end}__isnull": True})
                                                 | Q(**{f"{end}__gte": period.start}))


def _published_rounds(period: Period) -> list[int]:
    """Published posting rounds whose postings overlap the period (a handful of rows)."""
    found = []
    for r in PostingRound.objects.filter(state=PostingRound.State.PUBLISHED,
                                         starts_on__lte=period.end):
        last = Posting(round=r).ends_on - dt.timedelta(days=1)
        if last >= period.start:
            found.append(r.pk)
    return found


def _grouped(period: Period, organisation: Organisation | None) -> list[_Grouped]:
    by = {"organisation": organisation} if organisation is not None else {}

    def of(field: str) -> dict[str, Any]:
        return {f"{field}__{k}": v for k, v in by.items()}

    rows: list[_Grouped] = []
    rows += _group(ContributionKind.BENCH, DeploymentRequest.objects.filter(
        _overlap("starts_on", "ends_on", period), **of("specialist"),
        state__in=(DeploymentRequest.State.ACCEPTED, DeploymentRequest.State.COMPLETED)),
        "specialist")
    rows += _group(ContributionKind.MENTORING, MentoringMatch.objects.filter(
        _overlap("started_at__date", "ended_at__date", period), **of("mentor__person"),
        status__in=_MENTORING_STATES), "mentor__person")
    rows += _group(ContributionKind.COMMUNITY_LEAD, CommunityMembership.objects.filter(
        _overlap("joined_on", "left_on", period), **of("person"), role=MembershipRole.LEAD),
        "person")
    rows += _group(ContributionKind.ASSESSING, Allocation.objects.filter(
        **of("assessor__person"), submitted_at__date__gte=period.start,
        submitted_at__date__lte=period.end), "assessor__person")
    rows += _group(ContributionKind.PANEL, PanelDecision.objects.filter(
        **of("members"), decided_at__date__gte=period.start,
        decided_at__date__lte=period.end), "members")
    rows += _group(ContributionKind.POSTING_HOST, Posting.objects.filter(
        **of("offer__host_manager"), round_id__in=_published_rounds(period)),
        "offer__host_manager")
    return rows


def _shown(n: int) -> str:
    return suppressed_label(THRESHOLD) if 0 < n < THRESHOLD else str(n)


def counts(period: Period, organisation: Organisation | None = None) -> list[dict[str, Any]]:
    """People contributing, and their contributions, by organisation and kind in the
    period: one row per organisation and kind with any, organisations by name. ``people``
    and ``contributions`` are text: a number, "fewer than 5" or "[c]"."""
    grouped = [g for g in _grouped(period, organisation) if g.organisation_id is not None]
    names = {o.pk: o for o in Organisation.objects.filter(
        pk__in={g.organisation_id for g in grouped})}
    order = {k: i for i, k in enumerate(ContributionKind.values)}
    grouped.sort(key=lambda g: (names[g.organisation_id].name, order[g.kind]))
    rows = []
    for g in grouped:
        small = 0 < g.people < THRESHOLD
        org = names[g.organisation_id]
        rows.append({
            "period": period.label, "organisation": org.abbreviation,
            "organisation_name": org.name, "kind": str(g.kind),
            "kind_label": KIND_LABELS[g.kind],
            "people": _shown(g.people),
            "contributions": PROTECTED_LABEL if small else str(g.contributions),
            "suppressed": small,
        })
    return rows


WORKSTREAM_COLUMNS = ("organisation", "organisation_name", "leading", "taking_part")


def workstream_counts(organisation: Organisation | None = None) -> list[dict[str, Any]]:
    """Strategy workstreams each organisation leads and takes part in (organisations, not
    people, so nothing is suppressed; workstreams carry no dates, so no period)."""
    strategy = Workstream.objects.filter(kind=WorkstreamKind.STRATEGY)
    led = dict(strategy.order_by().values_list("lead_organisation_id")
               .annotate(n=Count("pk")))
    through = Workstream.participants.through
    joined = dict(through.objects.filter(workstream__kind=WorkstreamKind.STRATEGY).order_by()
                  .values_list("organisation_id").annotate(n=Count("workstream_id",
                                                                   distinct=True)))
    ids = set(led) | set(joined)
    if organisation is not None:
        ids &= {organisation.pk}
    return [{"organisation": o.abbreviation, "organisation_name": o.name,
             "leading": led.get(o.pk, 0), "taking_part": joined.get(o.pk, 0)}
            for o in Organisation.objects.filter(pk__in=ids).order_by("name")]


def legend() -> str:
    return (f'"{suppressed_label(THRESHOLD)}" means between 1 and {THRESHOLD - 1} people; '
            f"{PROTECTED_LABEL} means the number of contributions is withheld because so "
            "few people made them. People are counted in the organisation they work in now.")


def may_see_counts(user: object) -> bool:
    """Accounts the permission map lets see the counts; ``None`` is the command line."""
    return user is None or STRATEGY_FIGURES.allows(user)


__all__ = ["THRESHOLD", "Contribution", "PeriodError", "check_period", "contribution",
           "contributions_of", "counts", "evidence_for_rating", "evidence_of", "legend",
           "may_offer", "may_see_counts", "open_cycles", "person_for", "withdrawable_evidence"]
