"""Allocate fast streamers to posting offers: an optimal assignment with explanations.

Plain NumPy and SciPy, no Django. The caller builds the inputs from the database:

- :class:`Streamer`: one fast streamer, with their home organisation, clearance level
  (an ordinal, higher is more), the organisations that have hosted them before, the
  locations they can work in (empty: anywhere), whether a posting at home is allowed, and
  their preferences (offer keys, best first).
- :class:`Offer`: one posting offer, with its host organisation, capacity (how many
  fast streamers it takes), the clearance it needs, its location, and the host's own
  ranking of fast streamers (streamer keys, best first).

Hard rules are data (:data:`RULES`, each a :class:`HardRule` with a name, a plain check
for one pair and the same check over whole arrays). A pair that breaks any rule in force
is never allocated.

Cost of allocating streamer *i* to offer *j* (whole numbers, lower is better)::

    cost = streamer_weight * rank_cost(i's rank of j) + host_weight * rank_cost(j's rank of i)
    rank_cost(r) = r - 1 for a ranked choice, ``unranked`` otherwise

``unranked`` defaults to the length of the longest preference list in the problem, so an
unranked pair costs more than any ranked one. Offers are expanded into one column per
place (a capacity of 3 is 3 identical columns) and ``scipy.optimize.linear_sum_assignment``
solves the square or rectangular problem; a forbidden pair costs more than every allowed
allocation together, so the solver first places as many people as the rules allow and,
among those allocations, finds the lowest total cost. People it can only place on a
forbidden pair are reported as unplaced.

Each person gets an :class:`Explanation`: the rank they got (None when unranked or
unplaced), and what stopped their first choice: a hard rule by name, the places being
taken by people with a stronger combined preference, or the host's ranking making another
posting the better overall fit.

:func:`allocate_reference` is a plain brute-force search (itertools) over small problems
with the same objective, used by the tests to check :func:`allocate`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment


@dataclass(frozen=True)
class Streamer:
    key: str
    home: str
    clearance: int = 0
    past_hosts: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()  # empty: can go anywhere
    may_post_home: bool = False
    preferences: tuple[str, ...] = ()  # offer keys, best first


@dataclass(frozen=True)
class Offer:
    key: str
    host: str
    capacity: int = 1
    clearance: int = 0
    location: str = ""
    preferences: tuple[str, ...] = ()  # streamer keys, best first (the host's ranking)


@dataclass(frozen=True)
class Weights:
    """How much each side's ranking counts; whole numbers keep totals exact."""

    streamer: int = 2
    host: int = 1
    unranked: int | None = None  # cost of an unranked pair; None: the longest list's length


DEFAULT_WEIGHTS = Weights()


class _Arrays:
    """The problem as integer arrays (rows: streamers, columns: offers)."""

    def __init__(self, streamers: Sequence[Streamer], offers: Sequence[Offer]) -> None:
        orgs: dict[str, int] = {}
        places: dict[str, int] = {}

        def org(name: str) -> int:
            return orgs.setdefault(name, len(orgs))

        def place(name: str) -> int:
            return places.setdefault(name, len(places))

        self.n, self.m = len(streamers), len(offers)
        self.home = np.array([org(s.home) for s in streamers], dtype=np.int64)
        self.host = np.array([org(o.host) for o in offers], dtype=np.int64)
        self.may_post_home = np.array([s.may_post_home for s in streamers], dtype=bool)
        self.clearance = np.array([s.clearance for s in streamers], dtype=np.int64)
        self.offer_clearance = np.array([o.clearance for o in offers], dtype=np.int64)
        self.offer_location = np.array([place(o.location) for o in offers], dtype=np.int64)
        self.past_hosts = [np.array([org(h) for h in s.past_hosts], dtype=np.int64)
                           for s in streamers]
        self.locations = [np.array([place(loc) for loc in s.locations], dtype=np.int64)
                          for s in streamers]


def _home_mask(a: _Arrays) -> np.ndarray:
    return (a.home[:, None] == a.host[None, :]) & ~a.may_post_home[:, None]


def _repeat_mask(a: _Arrays) -> np.ndarray:
    mask = np.zeros((a.n, a.m), dtype=bool)
    for i, hosts in enumerate(a.past_hosts):
        if hosts.size:
            mask[i] = np.isin(a.host, hosts)
    return mask


def _clearance_mask(a: _Arrays) -> np.ndarray:
    return a.clearance[:, None] < a.offer_clearance[None, :]


def _location_mask(a: _Arrays) -> np.ndarray:
    mask = np.zeros((a.n, a.m), dtype=bool)
    for i, places in enumerate(a.locations):
        if places.size:
            mask[i] = ~np.isin(a.offer_location, places)
    return mask


@dataclass(frozen=True)
class HardRule:
    """A rule no allocation may break. ``breaks`` checks one pair (plain Python);
    ``mask`` checks every pair at once (True where broken)."""

    name: str
    label: str
    breaks: Callable[[Streamer, Offer], bool]
    mask: Callable[[_Arrays], np.ndarray]


HOME_ORGANISATION = HardRule(
    "home_organisation", "no posting in the home organisation",
    lambda s, o: o.host == s.home and not s.may_post_home, _home_mask)
REPEAT_HOST = HardRule(
    "repeat_host", "no second posting with the same host",
    lambda s, o: o.host in s.past_hosts, _repeat_mask)
CLEARANCE = HardRule(
    "clearance", "clearance below the level the offer needs",
    lambda s, o: s.clearance < o.clearance, _clearance_mask)
LOCATION = HardRule(
    "location", "offer outside the locations they can work in",
    lambda s, o: bool(s.locations) and o.location not in s.locations, _location_mask)

#: The hard rules, in the order explanations name them.
RULES: tuple[HardRule, ...] = (HOME_ORGANISATION, REPEAT_HOST, CLEARANCE, LOCATION)
RULES_BY_NAME = {rule.name: rule for rule in RULES}

#: What stopped a first choice, besides a hard rule.
TAKEN = "taken"
BETTER_FIT = "better_fit"


@dataclass(frozen=True)
class Explanation:
    streamer: str
    offer: str | None  # None: not placed
    rank: int | None  # the streamer's rank of the offer they got; None when unranked
    host_rank: int | None
    first_choice: str | None
    blocked_by: tuple[str, ...] = ()  # rule names, TAKEN or BETTER_FIT; empty: got it
    taken_by: tuple[str, ...] = ()  # who holds the first choice's places, when TAKEN
    reason: str = ""


@dataclass(frozen=True)
class Allocation:
    assignment: dict[str, str | None]  # streamer key -> offer key (None: not placed)
    placed: int
    total_cost: int
    explanations: list[Explanation] = field(default_factory=list)

    @property
    def unplaced(self) -> list[str]:
        return [key for key, offer in self.assignment.items() if offer is None]


def check_problem(streamers: Sequence[Streamer], offers: Sequence[Offer]) -> None:
    """Raise ``ValueError`` naming the first duplicate key, unknown preference or bad capacity."""
    streamer_keys = [s.key for s in streamers]
    offer_keys = [o.key for o in offers]
    for keys, what in ((streamer_keys, "streamer"), (offer_keys, "offer")):
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                raise ValueError(f"Duplicate {what} key {key!r}.")
            seen.add(key)
    known_offers, known_streamers = set(offer_keys), set(streamer_keys)
    for s in streamers:
        if len(set(s.preferences)) != len(s.preferences):
            raise ValueError(f"Streamer {s.key!r} ranks an offer twice.")
        for key in s.preferences:
            if key not in known_offers:
                raise ValueError(f"Streamer {s.key!r} ranks unknown offer {key!r}.")
    for o in offers:
        if o.capacity < 0:
            raise ValueError(f"Offer {o.key!r} has a negative capacity.")
        if len(set(o.preferences)) != len(o.preferences):
            raise ValueError(f"Offer {o.key!r} ranks a streamer twice.")
        for key in o.preferences:
            if key not in known_streamers:
                raise ValueError(f"Offer {o.key!r} ranks unknown streamer {key!r}.")


def unranked_cost(streamers: Sequence[Streamer], offers: Sequence[Offer],
                  weights: Weights = DEFAULT_WEIGHTS) -> int:
    if weights.unranked is not None:
        return weights.unranked
    return max([len(s.preferences) for s in streamers]
               + [len(o.preferences) for o in offers] + [1])


def pair_cost(streamer_rank: int | None, host_rank: int | None, unranked: int,
              weights: Weights = DEFAULT_WEIGHTS) -> int:
    """The cost of one pair from its two ranks (1 is first; None is unranked)."""
    own = unranked if streamer_rank is None else streamer_rank - 1
    host = unranked if host_rank is None else host_rank - 1
    return weights.streamer * own + weights.host * host


def _ranks(streamers: Sequence[Streamer], offers: Sequence[Offer]
           ) -> tuple[np.ndarray, np.ndarray]:
    """Streamer ranks and host ranks as (n x m) arrays; 0 is unranked."""
    s_index = {s.key: i for i, s in enumerate(streamers)}
    o_index = {o.key: j for j, o in enumerate(offers)}
    own = np.zeros((len(streamers), len(offers)), dtype=np.int64)
    host = np.zeros_like(own)
    for i, s in enumerate(streamers):
        for r, key in enumerate(s.preferences, start=1):
            own[i, o_index[key]] = r
    for j, o in enumerate(offers):
        for r, key in enumerate(o.preferences, start=1):
            host[s_index[key], j] = r
    return own, host


def forbidden_matrix(streamers: Sequence[Streamer], offers: Sequence[Offer],
                     rules: Sequence[HardRule] = RULES) -> np.ndarray:
    """(n x m) booleans: True where any rule in force is broken."""
    arrays = _Arrays(streamers, offers)
    forbidden = np.zeros((arrays.n, arrays.m), dtype=bool)
    for rule in rules:
        forbidden |= rule.mask(arrays)
    return forbidden


def allocate(streamers: Sequence[Streamer], offers: Sequence[Offer], *,
             rules: Sequence[HardRule] = RULES,
             weights: Weights = DEFAULT_WEIGHTS) -> Allocation:
    """The optimal allocation: as many people placed as the rules allow, then the lowest
    total cost; with an explanation for every streamer."""
    check_problem(streamers, offers)
    n, m = len(streamers), len(offers)
    unranked = unranked_cost(streamers, offers, weights)
    own, host = _ranks(streamers, offers)
    cost = (weights.streamer * np.where(own > 0, own - 1, unranked)
            + weights.host * np.where(host > 0, host - 1, unranked))
    forbidden = forbidden_matrix(streamers, offers, rules)
    assignment: dict[str, str | None] = {s.key: None for s in streamers}
    column_offer = np.repeat(np.arange(m), [min(o.capacity, n) for o in offers])
    rows_placed: list[tuple[int, int]] = []
    if n and column_offer.size:
        allowed_max = int(cost.max()) if cost.size else 0
        big = (allowed_max + 1) * min(n, column_offer.size) + 1
        matrix = np.where(forbidden, big, cost)[:, column_offer]
        rows, cols = linear_sum_assignment(matrix)
        for i, c in zip(rows.tolist(), cols.tolist(), strict=True):
            j = int(column_offer[c])
            if not forbidden[i, j]:
                rows_placed.append((i, j))
    total = 0
    for i, j in rows_placed:
        assignment[streamers[i].key] = offers[j].key
        total += int(cost[i, j])
    explanations = explain(streamers, offers, assignment, rules=rules, weights=weights,
                           forbidden=forbidden, own=own, host=host)
    return Allocation(assignment=assignment, placed=len(rows_placed), total_cost=total,
                      explanations=explanations)


def explain(streamers: Sequence[Streamer], offers: Sequence[Offer],
            assignment: dict[str, str | None], *, rules: Sequence[HardRule] = RULES,
            weights: Weights = DEFAULT_WEIGHTS, forbidden: np.ndarray | None = None,
            own: np.ndarray | None = None, host: np.ndarray | None = None,
            ) -> list[Explanation]:
    """Why each streamer got what they got (also used after an override)."""
    if forbidden is None:
        forbidden = forbidden_matrix(streamers, offers, rules)
    if own is None or host is None:
        own, host = _ranks(streamers, offers)
    o_index = {o.key: j for j, o in enumerate(offers)}
    holders: dict[str, list[str]] = {}
    for key, offer in assignment.items():
        if offer is not None:
            holders.setdefault(offer, []).append(key)
    out = []
    for i, s in enumerate(streamers):
        got = assignment.get(s.key)
        j = o_index.get(got) if got is not None else None
        rank = int(own[i, j]) or None if j is not None else None
        host_rank = int(host[i, j]) or None if j is not None else None
        first = s.preferences[0] if s.preferences else None
        blocked: tuple[str, ...] = ()
        taken_by: tuple[str, ...] = ()
        if first is None:
            reason = ("Placed where the combined preferences fit best; they ranked no offers."
                      if got else "Not placed; they ranked no offers.")
        elif got == first:
            reason = "First choice."
        else:
            first_offer = offers[o_index[first]]
            broken = tuple(rule for rule in rules if rule.breaks(s, first_offer))
            if broken:
                blocked = tuple(rule.name for rule in broken)
                why = "; ".join(rule.label for rule in broken)
                reason = f"First choice {first} not possible: {why}."
            elif len(holders.get(first, ())) >= first_offer.capacity:
                blocked = (TAKEN,)
                taken_by = tuple(holders.get(first, ()))
                reason = (f"First choice {first} was taken by someone with a stronger "
                          "combined preference.")
            else:
                blocked = (BETTER_FIT,)
                reason = (f"First choice {first} had room, but the hosts' rankings made "
                          "another posting the better overall fit.")
            if got is None:
                if forbidden[i].all():
                    reason += " Not placed: no offer meets the hard rules for them."
                else:
                    reason += (" Not placed: every offer open to them went to people with a "
                               "stronger combined preference.")
            else:
                reason += (f" Placed at their choice {rank}." if rank
                           else " Placed at an offer they did not rank.")
        if first is None and got is None and forbidden[i].all():
            reason = "Not placed: no offer meets the hard rules for them."
        out.append(Explanation(streamer=s.key, offer=got, rank=rank, host_rank=host_rank,
                               first_choice=first, blocked_by=blocked, taken_by=taken_by,
                               reason=reason))
    return out


def allocate_reference(streamers: Sequence[Streamer], offers: Sequence[Offer], *,
                       rules: Sequence[HardRule] = RULES,
                       weights: Weights = DEFAULT_WEIGHTS) -> tuple[int, int]:
    """Brute force over every allocation (small problems only): the most people placed,
    then the lowest total cost, as ``(placed, total_cost)``."""
    unranked = unranked_cost(streamers, offers, weights)
    options = []
    for s in streamers:
        choices: list[int | None] = [None]
        for j, o in enumerate(offers):
            if o.capacity > 0 and not any(rule.breaks(s, o) for rule in rules):
                choices.append(j)
        options.append(choices)
    best = (0, 0)
    for combination in itertools.product(*options):
        used: dict[int, int] = {}
        for j in combination:
            if j is not None:
                used[j] = used.get(j, 0) + 1
        if any(count > offers[j].capacity for j, count in used.items()):
            continue
        placed, total = 0, 0
        for s, j in zip(streamers, combination, strict=True):
            if j is None:
                continue
            o = offers[j]
            own = s.preferences.index(o.key) + 1 if o.key in s.preferences else None
            theirs = o.preferences.index(s.key) + 1 if s.key in o.preferences else None
            placed += 1
            total += pair_cost(own, theirs, unranked, weights)
        if placed > best[0] or (placed == best[0] and total < best[1]):
            best = (placed, total)
    return best
