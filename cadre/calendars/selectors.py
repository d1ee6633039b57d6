"""Reads: an account's feed, and the deadlines that concern its person.

Every source is read through the owning app's own selector for this account, so the feed
holds only what the account could see on its pages:

- **assessment due** (``assessments``): the closing day of each assessment cycle that names
  the account's person; the person's own capability page shows their rounds;
- **review due** (``assessments.selectors.waiting_for``): self-assessments sent to the
  account's person as line manager, due on the closing day of the report's assessment cycle
  whose window the round started in (a round outside any cycle has no due date and is left
  out: it stays on the home page's to-do list);
- **appraisal window** (``talent.selectors``): each appraisal cycle the account calibrates
  (``managed_cycles``: heads of profession for their organisations, the central team and
  administrators for all), and each cycle of the person's own organisation in which they
  have someone to rate (``team_to_rate``), from its opening to its closing day;
- **move start** (``mobility.selectors.visible_moves``): the start date of each managed move
  the account sees (the person moving and the chain above them, heads of profession of
  either organisation, the central team), unless cancelled;
- **vacancy closes** (``mobility.selectors.fits_for``): the closing date of each open
  vacancy listed on "Vacancies for me", only while the person is opted in to opportunities.
  Cadre records no applications, so none are shown.

Events that ended more than :data:`PAST_DAYS` days ago are left out.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cadre.assessments.models import AssessmentCycle
from cadre.assessments.selectors import capability_people, waiting_for
from cadre.calendars.ics import CalendarEvent
from cadre.calendars.models import CalendarFeed, hash_feed_token
from cadre.core.todo import may_open
from cadre.mobility.models import MoveRequest
from cadre.mobility.selectors import fits_for, preference_of, visible_moves
from cadre.notifications.services import absolute_link
from cadre.people.models import Person
from cadre.people.selectors import own_person
from cadre.talent.models import AppraisalCycle
from cadre.talent.selectors import managed_cycles, team_to_rate

#: How far back the feed keeps events (days after their last day).
PAST_DAYS = 90


def active_feed(user: object) -> CalendarFeed | None:
    """The account's feed that works now, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_for_token(raw: str) -> CalendarFeed | None:
    """The active feed whose token is ``raw``, of an active account; None otherwise."""
    if not raw:
        return None
    return (CalendarFeed.objects.select_related("user")
            .filter(token_hash=hash_feed_token(raw), revoked_at__isnull=True,
                    user__is_active=True).first())


def _link(user: object, url_name: str, args: tuple = ()) -> dict[str, str]:
    """The page's path and absolute address, or none if the account may not open it."""
    if not may_open(user, url_name, args):
        return {"path": "", "url": ""}
    path = reverse(url_name, args=args)
    return {"path": path, "url": absolute_link(path)}


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def events_for(user: object, today: dt.date | None = None) -> list[CalendarEvent]:
    """Every deadline that concerns the account's person (see the module), by date."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return []
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=PAST_DAYS)
    me = own_person(user)
    found: dict[str, CalendarEvent] = {}
    for event in [*_appraisal_windows(user, me, since), *_moves(user, since)]:
        found.setdefault(event.uid, event)
    if me is not None:
        for event in [*_assessments_due(user, me, since), *_reviews_due(user, since),
                      *_vacancies(user, me, since)]:
            found.setdefault(event.uid, event)
    return sorted(found.values(), key=lambda e: (e.start, e.kind, e.uid))


def _assessments_due(user: object, me: Person, since: dt.date) -> list[CalendarEvent]:
    cycles = (AssessmentCycle.objects.filter(people=me, closes_on__gte=since)
              .select_related("organisation").order_by("closes_on", "pk"))
    link = _link(user, "assessments:mine")
    return [CalendarEvent(
        uid=f"assessment-cycle-{c.pk}@cadre", kind="assessment-due",
        summary=f"Self-assessment due: {c.name}", start=c.closes_on, **link,
        description=(f"Assess your skills against your role level in {c.organisation.name}'s "
                     f"assessment cycle \"{c.name}\", open from {_day(c.opens_on)} to "
                     f"{_day(c.closes_on)}, and send it to your line manager."))
        for c in cycles]


def _reviews_due(user: object, since: dt.date) -> list[CalendarEvent]:
    rounds = waiting_for(user)["to_review"]
    visible = set(capability_people(user).filter(pk__in=[r.person_id for r in rounds])
                  .values_list("pk", flat=True)) if rounds else set()
    rounds = [r for r in rounds if r.person_id in visible]
    if not rounds:
        return []
    membership = AssessmentCycle.people.through.objects.filter(
        person_id__in=visible, assessmentcycle__closes_on__gte=since)
    cycles_of: dict[int, set[int]] = {}
    for cycle_id, person_id in membership.values_list("assessmentcycle_id", "person_id"):
        cycles_of.setdefault(person_id, set()).add(cycle_id)
    cycles = list(AssessmentCycle.objects.filter(
        pk__in={c for ids in cycles_of.values() for c in ids}).order_by("closes_on", "pk"))
    events = []
    for round_ in rounds:
        started = timezone.localdate(round_.started_at)
        cycle = next((c for c in cycles if c.pk in cycles_of.get(round_.person_id, ())
                      and c.opens_on <= started <= c.closes_on), None)
        if cycle is None:
            continue
        name = round_.person.full_name
        events.append(CalendarEvent(
            uid=f"round-{round_.pk}@cadre", kind="review-due",
            summary=f"Review {name}'s self-assessment", start=cycle.closes_on,
            **_link(user, "assessments:round", (round_.pk,)),
            description=(f"{name} sent you their self-assessment against "
                         f"{round_.role_level} to agree or send back. The assessment cycle "
                         f"\"{cycle.name}\" closes on {_day(cycle.closes_on)}.")))
    return events


def _appraisal_windows(user: object, me: Person | None,
                       since: dt.date) -> list[CalendarEvent]:
    events = []
    calibrated = (managed_cycles(user).filter(closes_on__gte=since)
                  .select_related("organisation").order_by("opens_on", "pk"))
    for c in calibrated:
        events.append(CalendarEvent(
            uid=f"appraisal-cycle-{c.pk}@cadre", kind="appraisal-window",
            summary=f"Appraisal cycle: {c.name} ({c.organisation.abbreviation})",
            start=c.opens_on, last_day=c.closes_on,
            **_link(user, "talent:ninebox", (c.pk,)),
            description=(f"{c.organisation.name}'s appraisal cycle \"{c.name}\" runs from "
                         f"{_day(c.opens_on)} to {_day(c.closes_on)}: line managers give "
                         f"nine-box ratings and you calibrate them.")))
    if me is not None and me.organisation_id and team_to_rate(me).filter(
            organisation_id=me.organisation_id).exists():
        own = (AppraisalCycle.objects.filter(organisation_id=me.organisation_id,
                                             closes_on__gte=since)
               .exclude(pk__in=[c.pk for c in calibrated])
               .select_related("organisation").order_by("opens_on", "pk"))
        for c in own:
            events.append(CalendarEvent(
                uid=f"appraisal-cycle-{c.pk}@cadre", kind="appraisal-window",
                summary=f"Nine-box ratings for your team: {c.name}",
                start=c.opens_on, last_day=c.closes_on, **_link(user, "talent:ratings"),
                description=(f"Rate the performance and potential of the people you manage "
                             f"in the appraisal cycle \"{c.name}\", open from "
                             f"{_day(c.opens_on)} to {_day(c.closes_on)}.")))
    return events


def _moves(user: object, since: dt.date) -> list[CalendarEvent]:
    moves = (visible_moves(user).filter(start_date__isnull=False, start_date__gte=since)
             .exclude(state=MoveRequest.State.CANCELLED).order_by("start_date", "pk"))
    mine = Q(person__account=user)
    own_ids = set(moves.filter(mine).values_list("pk", flat=True))
    events = []
    for move in moves:
        if move.pk in own_ids:
            summary = f"Your move to {move.receiving.name} starts"
        else:
            summary = (f"{move.person.full_name} starts at {move.receiving.name} "
                       f"(managed move)")
        events.append(CalendarEvent(
            uid=f"move-{move.pk}@cadre", kind="move-start", summary=summary,
            start=move.start_date, **_link(user, "mobility:move", (move.pk,)),
            description=(f"Managed move of {move.person.full_name} from "
                         f"{move.releasing.name} to {move.receiving.name}, starting "
                         f"{_day(move.start_date)} ({move.get_state_display().lower()}).")))
    return events


def _vacancies(user: object, me: Person, since: dt.date) -> list[CalendarEvent]:
    preference = preference_of(me)
    if preference is None or not preference.open_to_opportunities:
        return []
    events = []
    for fit in fits_for(me).fits:
        vacancy = fit.vacancy
        if vacancy.closing_date < since:
            continue
        events.append(CalendarEvent(
            uid=f"vacancy-{vacancy.pk}@cadre", kind="vacancy-closes",
            summary=f"Vacancy closes: {vacancy.title}, {vacancy.organisation.name}",
            start=vacancy.closing_date, **_link(user, "mobility:vacancy", (vacancy.pk,)),
            description=(f"{vacancy.title} ({vacancy.grade.name}) at "
                         f"{vacancy.organisation.name} fits your mobility preference and "
                         f"closes on {_day(vacancy.closing_date)}.")))
    return events
