"""Reads of the Fast Stream, scoped to the account.

- the central team and administrators: everything;
- heads of profession: fast streamers whose home is one of their organisations, offers
  their organisations host, and the postings and preferences of either;
- a fast streamer: their own record, preferences and (once a round is published) posting;
  the offers of the rounds of their scheme, so they can rank them;
- a host manager (the person named on an offer): their offers, the host's ranking of
  them and, once published, the postings to them.

Rounds hold no one's data: the central team and every head of profession (who may offer
postings in any round) see them all; fast streamers the rounds of their scheme; host
managers the rounds of their offers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from cadre.access.scope import scope_for
from cadre.core.suppression import suppress_table
from cadre.programmes.models import (
    FastStreamer,
    HostPreference,
    Intake,
    Posting,
    PostingOffer,
    PostingReview,
    PostingRound,
    Preference,
    Scheme,
)
from cadre.programmes.selectors.common import is_central
from cadre.programmes.selectors.common import person_id_of as _person_id
from cadre.workforce.models import Extract, ExtractRecord


def _orgs(user: Any) -> frozenset[int]:
    return scope_for(user).profession_organisations


def own_fast_streamer(user: Any) -> FastStreamer | None:
    person_id = _person_id(user)
    if person_id is None:
        return None
    return (FastStreamer.objects.select_related("intake__scheme", "home_organisation", "person")
            .filter(person_id=person_id).first())


def visible_fast_streamers(user: Any) -> QuerySet[FastStreamer]:
    qs = FastStreamer.objects.select_related("person", "intake__scheme", "home_organisation")
    if not scope_for(user).authenticated:
        return qs.none()
    if is_central(user):
        return qs
    q = Q(home_organisation_id__in=_orgs(user))
    if (person_id := _person_id(user)) is not None:
        q |= Q(person_id=person_id)
        # host managers see who their hosts ranked or who was posted to them (published)
        q |= Q(host_preferences__offer__host_manager_id=person_id)
        q |= Q(postings__offer__host_manager_id=person_id,
               postings__round__state=PostingRound.State.PUBLISHED)
    return qs.filter(q).distinct()


def visible_offers(user: Any) -> QuerySet[PostingOffer]:
    qs = PostingOffer.objects.select_related("host_organisation", "role_level__role",
                                             "location", "round__scheme", "host_manager")
    if not scope_for(user).authenticated:
        return qs.none()
    if is_central(user):
        return qs
    orgs = _orgs(user)
    q = (Q(host_organisation_id__in=orgs)
         | Q(round__scheme__intakes__fast_streamers__home_organisation_id__in=orgs))
    if (person_id := _person_id(user)) is not None:
        q |= Q(host_manager_id=person_id)
        q |= Q(round__scheme__intakes__fast_streamers__person_id=person_id)
    return qs.filter(q).distinct()


def visible_rounds(user: Any) -> QuerySet[PostingRound]:
    qs = PostingRound.objects.select_related("scheme")
    if not scope_for(user).authenticated:
        return qs.none()
    if is_central(user) or _orgs(user):
        return qs  # heads of profession see every round, so they can offer postings in it
    q = Q(pk__in=[])
    if (person_id := _person_id(user)) is not None:
        q |= Q(offers__host_manager_id=person_id)
        q |= Q(scheme__intakes__fast_streamers__person_id=person_id)
    return qs.filter(q).distinct()


def visible_postings(user: Any) -> QuerySet[Posting]:
    qs = Posting.objects.select_related(
        "round__scheme", "fast_streamer__person", "fast_streamer__home_organisation",
        "offer__host_organisation", "offer__location", "overridden_by")
    if not scope_for(user).authenticated:
        return qs.none()
    if is_central(user):
        return qs
    orgs = _orgs(user)
    q = Q(fast_streamer__home_organisation_id__in=orgs) | Q(offer__host_organisation_id__in=orgs)
    if (person_id := _person_id(user)) is not None:
        published = Q(round__state=PostingRound.State.PUBLISHED)
        q |= published & (Q(fast_streamer__person_id=person_id)
                          | Q(offer__host_manager_id=person_id))
    return qs.filter(q).distinct()


def visible_preferences(user: Any) -> QuerySet[Preference]:
    qs = Preference.objects.select_related("fast_streamer__person", "offer__host_organisation")
    if not scope_for(user).authenticated:
        return qs.none()
    if is_central(user):
        return qs
    q = Q(fast_streamer__home_organisation_id__in=_orgs(user))
    if (person_id := _person_id(user)) is not None:
        q |= Q(fast_streamer__person_id=person_id)
    return qs.filter(q)


def visible_host_preferences(user: Any) -> QuerySet[HostPreference]:
    qs = HostPreference.objects.select_related("fast_streamer__person", "offer")
    if not scope_for(user).authenticated:
        return qs.none()
    if is_central(user):
        return qs
    q = Q(offer__host_organisation_id__in=_orgs(user))
    if (person_id := _person_id(user)) is not None:
        q |= Q(offer__host_manager_id=person_id)
    return qs.filter(q)


def may_manage_offer(user: Any, offer_or_org: Any) -> bool:
    """Add or change an offer (or rank for it): the central team, the host's heads of
    profession, and for an existing offer its host manager."""
    if is_central(user):
        return True
    if isinstance(offer_or_org, PostingOffer):
        if offer_or_org.host_manager_id is not None and \
                offer_or_org.host_manager_id == _person_id(user):
            return True
        return offer_or_org.host_organisation_id in _orgs(user)
    return getattr(offer_or_org, "pk", offer_or_org) in _orgs(user)


def may_rank_for(user: Any, fast_streamer: FastStreamer) -> bool:
    """State a fast streamer's preferences: themselves, or the central team."""
    return is_central(user) or fast_streamer.person_id == _person_id(user)


def round_offers(round_: PostingRound) -> QuerySet[PostingOffer]:
    return (round_.offers.select_related("host_organisation", "location", "role_level__role",
                                         "host_manager")
            .prefetch_related("skills"))


def round_fast_streamers(round_: PostingRound) -> QuerySet[FastStreamer]:
    """The active fast streamers of the round's scheme."""
    return (FastStreamer.objects.filter(intake__scheme_id=round_.scheme_id,
                                        status=FastStreamer.Status.ACTIVE)
            .select_related("person", "home_organisation").prefetch_related("locations")
            .order_by("person__staff_number", "pk"))


def past_hosts(round_: PostingRound) -> dict[int, set[int]]:
    """Host organisations of each fast streamer's postings in the scheme's other rounds."""
    hosts: dict[int, set[int]] = {}
    rows = (Posting.objects.filter(round__scheme_id=round_.scheme_id)
            .exclude(round_id=round_.pk)
            .values_list("fast_streamer_id", "offer__host_organisation_id"))
    for streamer_id, org_id in rows:
        hosts.setdefault(streamer_id, set()).add(org_id)
    return hosts


def own_preferences(fast_streamer: FastStreamer, round_: PostingRound) -> list[Preference]:
    return list(Preference.objects.filter(fast_streamer=fast_streamer, round=round_)
                .select_related("offer__host_organisation").order_by("rank"))


POSTING_COLUMNS = ["staff_number", "home_organisation", "posting", "host_organisation",
                   "preference_rank", "reason"]


def visible_intakes(user: Any) -> QuerySet[Intake]:
    """Intakes hold no one's data themselves; the central team manages them."""
    qs = Intake.objects.select_related("scheme").annotate(
        streamer_count=Count("fast_streamers"))
    return qs if is_central(user) else qs.none()


def schemes_with_intakes() -> list[Scheme]:
    """Every scheme (they hold no one's data) with its intakes and their sizes."""
    return list(Scheme.objects.prefetch_related(
        Prefetch("intakes", queryset=Intake.objects.annotate(
            streamer_count=Count("fast_streamers")).order_by("-year"))))


def visible_review(user: Any, posting: Posting) -> PostingReview | None:
    """The posting's review, for whoever may see the posting (callers pass a visible one)."""
    return (PostingReview.objects.select_related("reviewed_by").prefetch_related("skills")
            .filter(posting=posting).first())


def may_review(user: Any, posting: Posting) -> bool:
    """The posting's host manager or the central team, once the postings are published."""
    if posting.round.state != PostingRound.State.PUBLISHED:
        return False
    if is_central(user):
        return True
    person_id = _person_id(user)
    return person_id is not None and posting.offer.host_manager_id == person_id


#: Years after the end of the scheme at which retention in the profession is counted.
RETENTION_YEARS = (1, 2, 5)
#: Counts from 1 to this minus one are shown as "fewer than N" (core.suppression).
RETENTION_THRESHOLD = 5
#: The month and day an intake starts (the Fast Stream starts in September).
INTAKE_START = (9, 1)


@dataclass
class RetentionCell:
    years: int
    known: bool  # False while intake end + ``years`` is still in the future
    retained: int | str | None = None  # a count, or a suppression label
    cohort: int | str | None = None
    share: str = ""


@dataclass
class RetentionRow:
    intake: Intake
    ends_on: dt.date
    cells: list[RetentionCell]


def intake_ends_on(intake: Intake) -> dt.date:
    """The end of an intake's scheme: its start (1 September of its year) plus the months
    of its posting pattern."""
    months = sum(intake.scheme.posting_pattern or [])
    month = INTAKE_START[0] - 1 + months
    return dt.date(intake.year + month // 12, month % 12 + 1, INTAKE_START[1])


def in_profession_on(person_ids: list[int], on: dt.date) -> set[int]:
    """Of these people, those in the profession on a date by the workforce data: in each
    organisation's latest extract taken on or before the date, a record of the person
    classified in the profession. Someone in no such extract (they left, or their
    organisation sent none by then) counts as not in the profession."""
    latest = (Extract.objects.filter(taken_on__lte=on).values("organisation_id")
              .annotate(last=Max("taken_on")))
    extract_ids = [pk for row in latest for pk in Extract.objects.filter(
        organisation_id=row["organisation_id"], taken_on=row["last"]).values_list("pk", flat=True)]
    return set(ExtractRecord.objects.filter(extract_id__in=extract_ids, person_id__in=person_ids,
                                            in_profession=True)
               .values_list("person_id", flat=True))


def retention(user: Any, *, today: dt.date | None = None) -> list[RetentionRow]:
    """Per intake (central team: all; others: none), how many of its fast streamers were
    still in the profession 1, 2 and 5 years after the scheme ended, with small cells
    suppressed: the retained count, and those not retained, are each hidden when from 1 to
    4 (and then their partner too, so neither can be worked out from the cohort size)."""
    if not is_central(user):
        return []
    today = today or timezone.localdate()
    rows = []
    for intake in Intake.objects.select_related("scheme").order_by("-year", "scheme__name"):
        people = list(intake.fast_streamers.values_list("person_id", flat=True))
        ends_on = intake_ends_on(intake)
        cells = []
        for years in RETENTION_YEARS:
            on = _add_years(ends_on, years)
            if on > today or not people:
                cells.append(RetentionCell(years, known=False))
                continue
            kept = len(in_profession_on(people, on))
            table = suppress_table([[kept, len(people) - kept]],
                                   threshold=RETENTION_THRESHOLD)
            shown = table.display(0, 0)
            cells.append(RetentionCell(
                years, known=True, retained=shown, cohort=table.display_row_total(0),
                share=f"{round(100 * kept / len(people))}%" if isinstance(shown, int)
                and isinstance(table.display(0, 1), int) else ""))
        rows.append(RetentionRow(intake, ends_on, cells))
    return rows


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def outcome_streamers(user: Any) -> QuerySet[FastStreamer]:
    """Fast streamers with their outcomes, for the central team's outcomes page."""
    return visible_fast_streamers(user).select_related("new_grade").order_by(
        "intake__scheme__name", "-intake__year", "person__last_name", "pk")
