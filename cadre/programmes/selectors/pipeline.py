"""One view of the pipeline (issue 15, point 4): participants of the programmes due to
finish, counted by year, organisation and role level, for the workforce plan.

Each programme has a function ``<programme>(user, years) -> list[PipelineCount]``, listed
in ``PROGRAMMES`` with the employment type its participants join as; ``pipeline(user,
years)`` runs them all and adds up the counts. The counts are of people, not named:
callers that show them to analysts suppress small cells.

``user`` scopes the counts: the central team and administrators count everyone, heads of
profession the participants whose home is one of their organisations, anyone else no one;
``None`` is the system counting for a caller that has already checked its reader (the
workforce plan, whose own rules decide who sees what). ``organisations`` (ids, keyword
only) narrows the counts further to those organisations, in the query: the workforce
plan counts only its own organisation's participants.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from cadre.access.scope import scope_for
from cadre.people.models import EmploymentType
from cadre.programmes.models import Apprentice, FastStreamer, Membership, Posting
from cadre.programmes.selectors.fast_stream import intake_ends_on, is_central


@dataclass(frozen=True)
class PipelineCount:
    """``count`` participants of ``programme`` in ``organisation_id`` due to finish in
    ``year`` at ``role_level_id`` (None when unknown). ``joins_as`` is the employment type
    of people who join the organisation's profession when they finish (fast streamers,
    apprentices), or "" for programmes of people already in it (academies)."""

    programme: str
    joins_as: str
    organisation_id: int
    year: int
    role_level_id: int | None
    count: int


def _organisations(user: Any, wanted: Iterable[int] | None = None) -> frozenset[int] | None:
    """None: every organisation; else the organisations the user may count, narrowed to
    ``wanted`` when given."""
    allowed = None if user is None or is_central(user) else \
        scope_for(user).profession_organisations
    if wanted is None:
        return allowed
    wanted = frozenset(wanted)
    return wanted if allowed is None else allowed & wanted


def fast_stream(user: Any, years: Iterable[int], *,
                organisations: Iterable[int] | None = None) -> list[PipelineCount]:
    """Fast streamers on the scheme (not completed, left or promoted) whose intake ends in
    one of ``years`` (the scheme's posting pattern from 1 September of the intake year),
    by home organisation and the role level of their latest posting (else their workforce
    record's role level)."""
    wanted = set(years)
    orgs = _organisations(user, organisations)
    streamers = FastStreamer.objects.filter(status=FastStreamer.Status.ACTIVE).select_related(
        "intake__scheme", "person__workforce")
    if orgs is not None:
        streamers = streamers.filter(home_organisation_id__in=orgs)
    latest: dict[int, int | None] = {}
    for streamer_id, level_id in (Posting.objects.filter(fast_streamer__in=streamers)
                                  .order_by("fast_streamer_id", "round__starts_on", "pk")
                                  .values_list("fast_streamer_id", "offer__role_level_id")):
        latest[streamer_id] = level_id  # ordered by start, so the last one stays
    ends: dict[int, int] = {}
    counts: Counter[tuple[int, int, int | None]] = Counter()
    for streamer in streamers:
        year = ends.setdefault(streamer.intake_id, intake_ends_on(streamer.intake).year)
        if year not in wanted:
            continue
        level = latest.get(streamer.pk)
        if level is None:
            record = getattr(streamer.person, "workforce", None)
            level = record.role_level_id if record is not None else None
        counts[(streamer.home_organisation_id, year, level)] += 1
    return [PipelineCount("fast_stream", EmploymentType.FAST_STREAMER, org, year, level, n)
            for (org, year, level), n in sorted(counts.items(), key=lambda kv: (
                kv[0][1], kv[0][0], kv[0][2] or 0))]


def fast_stream_people() -> set[int]:
    """Person ids of the fast streamers still on the scheme."""
    return set(FastStreamer.objects.filter(status=FastStreamer.Status.ACTIVE)
               .values_list("person_id", flat=True))


#: Apprentices still on their apprenticeship.
ACTIVE_APPRENTICE_STATES = (Apprentice.State.IN_TRAINING, Apprentice.State.GATEWAY,
                            Apprentice.State.EPA)


def _role_level(person: Any) -> int | None:
    record = getattr(person, "workforce", None)
    return record.role_level_id if record is not None else None


def _counted(programme: str, joins_as: str,
             counts: Counter[tuple[int, int, int | None]]) -> list[PipelineCount]:
    return [PipelineCount(programme, joins_as, org, year, level, n)
            for (org, year, level), n in sorted(counts.items(), key=lambda kv: (
                kv[0][1], kv[0][0], kv[0][2] or 0))]


def apprentices(user: Any, years: Iterable[int], *,
                organisations: Iterable[int] | None = None) -> list[PipelineCount]:
    """Apprentices still on their apprenticeship whose typical duration (their standard's,
    in months from their start) ends in one of ``years``, by employer and the role level of
    their workforce record."""
    wanted = set(years)
    orgs = _organisations(user, organisations)
    rows = (Apprentice.objects.filter(state__in=ACTIVE_APPRENTICE_STATES)
            .select_related("cohort__standard", "person__workforce"))
    if orgs is not None:
        rows = rows.filter(employer_id__in=orgs)
    counts: Counter[tuple[int, int, int | None]] = Counter()
    for apprentice in rows:
        months = apprentice.started_on.month - 1 + apprentice.cohort.standard.typical_duration
        year = apprentice.started_on.year + months // 12
        if year in wanted:
            counts[(apprentice.employer_id, year, _role_level(apprentice.person))] += 1
    return _counted("apprentices", EmploymentType.APPRENTICE, counts)


def apprentice_people() -> set[int]:
    """Person ids of the apprentices still on their apprenticeship."""
    return set(Apprentice.objects.filter(state__in=ACTIVE_APPRENTICE_STATES)
               .values_list("person_id", flat=True))


def academies(user: Any, years: Iterable[int], *,
              organisations: Iterable[int] | None = None) -> list[PipelineCount]:
    """Academy members whose membership ends in one of ``years``, by their organisation and
    the role level of their workforce record (they are in the profession already: these
    are people ready for a step up, not new supply)."""
    wanted = set(years)
    orgs = _organisations(user, organisations)
    rows = (Membership.objects.filter(ends_on__year__in=wanted)
            .select_related("person__workforce"))
    if orgs is not None:
        rows = rows.filter(person__organisation_id__in=orgs)
    counts: Counter[tuple[int, int, int | None]] = Counter()
    for member in rows:
        counts[(member.person.organisation_id, member.ends_on.year,
                _role_level(member.person))] += 1
    return _counted("academies", "", counts)


@dataclass(frozen=True)
class Programme:
    """A programme in the pipeline: what its participants join as (``PipelineCount.joins_as``),
    its counts, and (for the workforce plan) who is on it now."""

    joins_as: str
    #: ``counts(user, years, organisations=None)``
    counts: Callable[..., list[PipelineCount]]
    people: Callable[[], set[int]]


#: Every programme, by name.
PROGRAMMES: dict[str, Programme] = {
    "fast_stream": Programme(EmploymentType.FAST_STREAMER, fast_stream, fast_stream_people),
    "apprentices": Programme(EmploymentType.APPRENTICE, apprentices, apprentice_people),
    "academies": Programme("", academies, set),
}


def pipeline(user: Any, years: Iterable[int], *,
             organisations: Iterable[int] | None = None) -> list[PipelineCount]:
    """Every programme's participants due to finish in ``years``, summed over the
    programmes: one count per (programme, organisation, year, role level). With
    ``organisations`` (ids), only those organisations are counted (filtered in the query)."""
    years = list(years)
    wanted = None if organisations is None else frozenset(organisations)
    total: Counter[tuple[str, str, int, int, int | None]] = Counter()
    for programme in PROGRAMMES.values():
        for c in programme.counts(user, years, organisations=wanted):
            total[(c.programme, c.joins_as, c.organisation_id, c.year, c.role_level_id)] += \
                c.count
    return [PipelineCount(*key, n) for key, n in total.items()]


def joining_participants() -> set[int]:
    """Person ids of everyone now on a programme whose participants join the profession
    when they finish (fast streamers, apprentices): the workforce plan counts them in the
    pipeline, not in today's supply, and does not estimate them again from their records."""
    people: set[int] = set()
    for programme in PROGRAMMES.values():
        if programme.joins_as:
            people |= programme.people()
    return people


def due_by_year(user: Any, years: Iterable[int], *,
                organisations: Iterable[int] | None = None) -> dict[int, int]:
    """Participants due to finish per year, all programmes and organisations (or the
    ``organisations`` given) together."""
    out = dict.fromkeys(years, 0)
    for c in pipeline(user, out, organisations=organisations):
        out[c.year] += c.count
    return out


__all__ = ["PROGRAMMES", "PipelineCount", "Programme", "academies", "apprentice_people",
           "apprentices", "due_by_year", "fast_stream", "fast_stream_people",
           "joining_participants", "pipeline"]
