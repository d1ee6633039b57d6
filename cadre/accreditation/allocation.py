"""Allocate assessors to every application: a minimum-cost flow under conflict rules.

Plain NumPy and OR-Tools, no Django. Accreditation allocates two assessors per application
(:data:`PER_APPLICATION`, the default); recruitment panels reuse it with their own number
(``per_application``) and their own choice of rules (``rules``, see :func:`rules_for`). The
caller builds the inputs from the database:

- :class:`Applicant`: one application, with the applicant's person (None for someone with
  no person record, such as an external candidate) and organisation, the
  role families the application is judged in, its supporter, the people in the applicant's
  line-management chain (everyone above them and everyone below them), the assessors who
  assessed this person in the last three years and those who declared a conflict with them.
- :class:`Candidate`: one assessor, with their person, organisation, the families they are
  accredited to assess and their capacity in the round.

Conflict rules are data (:data:`RULES`, each a :class:`ConflictRule` with the reason code
kept on every exclusion, its words, a plain check of one pair and the same check over a
whole round). A pair that breaks any rule is never allocated, and every broken rule is
reported as an :class:`Excluded` record, one per reason.

The objective, in whole numbers (lower is better), once the most assessor places possible
have been filled (each application takes at most ``per_application`` different
assessors, each assessor at most their capacity)::

    cost = mismatch * (pairs where the assessor has none of the application's families)
         + load * sum over assessors of L * (L - 1) / 2     (L: applications they take)

The load term makes the k-th application an assessor takes cost ``load * (k - 1)``, so
spreading the work evenly is cheapest. An application with no families never pays the
mismatch. The network is source -> application (capacity ``per_application``) -> assessor
(capacity 1 per allowed pair, cost the mismatch) -> sink (one arc per place, costs 0,
load, 2 * load, ...);
OR-Tools' ``SimpleMinCostFlow.solve_max_flow_with_min_cost`` finds the largest flow and,
among those, the cheapest, which is exactly the objective above.

Each application's reported ``cost`` shares the objective out: its own mismatch costs plus,
for each of its assessors, ``load * (L - 1) / 2`` (the assessor's average place cost), so the
reported costs add up to the total.

:func:`allocate_reference` is a brute-force search over small problems with the same
objective, used by the tests to check :func:`allocate`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

#: Assessors each application needs, unless the caller says otherwise.
PER_APPLICATION = 2
#: The most assessors per application the brute-force reference and the checks accept.
MAX_PER_APPLICATION = 10

#: Reason codes (the values of ``models.ExclusionReason``; this module has no Django).
SELF = "self"
SUPPORTER = "supporter"
LINE_CHAIN = "line_chain"
SAME_ORGANISATION = "same_organisation"
RECENT = "recent"
DECLARED = "declared"


@dataclass(frozen=True)
class Applicant:
    key: int
    person: int | None  # None: no person record (an external candidate)
    organisation: int | None = None
    families: frozenset[int] = frozenset()
    supporter: int | None = None
    line_chain: frozenset[int] = frozenset()  # person ids above and below the applicant
    recent_assessors: frozenset[int] = frozenset()  # assessor keys, last three years
    declared: frozenset[int] = frozenset()  # assessor keys who declared a conflict


@dataclass(frozen=True)
class Candidate:
    key: int
    person: int
    organisation: int | None = None
    families: frozenset[int] = frozenset()
    capacity: int = 0


@dataclass(frozen=True)
class Weights:
    """Whole numbers keep the totals exact."""

    mismatch: int = 10  # an assessor outside the application's families
    load: int = 1  # each application an assessor already has


DEFAULT_WEIGHTS = Weights()

Pairs = Callable[[Sequence[Applicant], Sequence[Candidate]], Iterable[tuple[int, int]]]


@dataclass(frozen=True)
class ConflictRule:
    """A hard rule: ``breaks`` checks one pair; ``pairs`` gives every (application index,
    assessor index) that breaks it in a round, and must agree with ``breaks``."""

    reason: str
    words: str
    breaks: Callable[[Applicant, Candidate], bool]
    pairs: Pairs


def _by_person(candidates: Sequence[Candidate]) -> dict[int, list[int]]:
    index: dict[int, list[int]] = {}
    for j, c in enumerate(candidates):
        index.setdefault(c.person, []).append(j)
    return index


def _by_key(candidates: Sequence[Candidate]) -> dict[int, list[int]]:
    index: dict[int, list[int]] = {}
    for j, c in enumerate(candidates):
        index.setdefault(c.key, []).append(j)
    return index


def _people_pairs(people: Callable[[Applicant], Iterable[int | None]]) -> Pairs:
    def pairs(
        applicants: Sequence[Applicant], candidates: Sequence[Candidate]
    ) -> Iterable[tuple[int, int]]:
        index = _by_person(candidates)
        for i, a in enumerate(applicants):
            for person in set(people(a)):
                for j in index.get(person, ()):  # type: ignore[arg-type]
                    yield i, j

    return pairs


def _key_pairs(keys: Callable[[Applicant], Iterable[int]]) -> Pairs:
    def pairs(
        applicants: Sequence[Applicant], candidates: Sequence[Candidate]
    ) -> Iterable[tuple[int, int]]:
        index = _by_key(candidates)
        for i, a in enumerate(applicants):
            for key in set(keys(a)):
                for j in index.get(key, ()):
                    yield i, j

    return pairs


def _organisation_pairs(
    applicants: Sequence[Applicant], candidates: Sequence[Candidate]
) -> Iterable[tuple[int, int]]:
    if not applicants or not candidates:
        return []
    # -1 and -2 stand for "no organisation", which never matches anything.
    a = np.array([-1 if x.organisation is None else x.organisation for x in applicants])
    c = np.array([-2 if x.organisation is None else x.organisation for x in candidates])
    rows, cols = np.nonzero(a[:, None] == c[None, :])
    return zip(rows.tolist(), cols.tolist(), strict=True)


#: The conflict-of-interest rules, in the order their reasons are reported.
RULES: tuple[ConflictRule, ...] = (
    ConflictRule(
        SELF,
        "The assessor is the applicant",
        lambda a, c: a.person is not None and c.person == a.person,
        _people_pairs(lambda a: [] if a.person is None else [a.person]),
    ),
    ConflictRule(
        SUPPORTER,
        "The applicant's supporter",
        lambda a, c: a.supporter is not None and c.person == a.supporter,
        _people_pairs(lambda a: [] if a.supporter is None else [a.supporter]),
    ),
    ConflictRule(
        LINE_CHAIN,
        "Same line-management chain",
        lambda a, c: c.person in a.line_chain,
        _people_pairs(lambda a: a.line_chain),
    ),
    ConflictRule(
        SAME_ORGANISATION,
        "Same organisation",
        lambda a, c: a.organisation is not None and a.organisation == c.organisation,
        _organisation_pairs,
    ),
    ConflictRule(
        RECENT,
        "Assessed this person in the last three years",
        lambda a, c: c.key in a.recent_assessors,
        _key_pairs(lambda a: a.recent_assessors),
    ),
    ConflictRule(
        DECLARED,
        "Declared conflict of interest",
        lambda a, c: c.key in a.declared,
        _key_pairs(lambda a: a.declared),
    ),
)

REASON_WORDS = {rule.reason: rule.words for rule in RULES}


def rules_for(*reasons: str) -> tuple[ConflictRule, ...]:
    """The rules with these reason codes, in :data:`RULES` order (an unknown code is a
    caller's mistake)."""
    unknown = set(reasons) - set(REASON_WORDS)
    if unknown:
        raise ValueError(f"No conflict rule {', '.join(sorted(unknown))}.")
    return tuple(rule for rule in RULES if rule.reason in reasons)


@dataclass(frozen=True)
class Excluded:
    application: int
    assessor: int
    reason: str


@dataclass
class Result:
    """``assignments`` maps every application to its assessors (up to ``per_application``
    keys, in the order given); ``short`` says in words why an application has fewer;
    ``free`` counts, per application, the assessors free of conflicts with places."""

    assignments: dict[int, tuple[int, ...]]
    costs: dict[int, float]
    exclusions: list[Excluded]
    short: dict[int, str] = field(default_factory=dict)
    total_cost: int = 0
    free: dict[int, int] = field(default_factory=dict)

    @property
    def placed(self) -> int:
        """Assessor places filled."""
        return sum(len(v) for v in self.assignments.values())


def check_problem(
    applicants: Sequence[Applicant],
    candidates: Sequence[Candidate],
    per_application: int = PER_APPLICATION,
) -> None:
    """Refuse repeated keys, negative capacities and an impossible number of assessors per
    application (a caller's mistake)."""
    if not 1 <= per_application <= MAX_PER_APPLICATION:
        raise ValueError(
            f"Assessors per application must be from 1 to {MAX_PER_APPLICATION}."
        )
    if len({a.key for a in applicants}) != len(applicants):
        raise ValueError("Two applications have the same key.")
    if len({c.key for c in candidates}) != len(candidates):
        raise ValueError("Two assessors have the same key.")
    if any(c.capacity < 0 for c in candidates):
        raise ValueError("An assessor's capacity is negative.")


def exclusions(
    applicants: Sequence[Applicant],
    candidates: Sequence[Candidate],
    rules: Sequence[ConflictRule] = RULES,
) -> list[Excluded]:
    """Every (application, assessor, reason) that the rules forbid, sorted."""
    found = {
        (applicants[i].key, candidates[j].key, rule.reason)
        for rule in rules
        for i, j in rule.pairs(applicants, candidates)
    }
    order = {rule.reason: n for n, rule in enumerate(rules)}
    return [Excluded(*row) for row in sorted(found, key=lambda r: (r[0], r[1], order[r[2]]))]


def forbidden_matrix(
    applicants: Sequence[Applicant],
    candidates: Sequence[Candidate],
    rules: Sequence[ConflictRule] = RULES,
) -> np.ndarray:
    """Boolean (applications x assessors): True where some rule forbids the pair."""
    mask = np.zeros((len(applicants), len(candidates)), dtype=bool)
    for rule in rules:
        for i, j in rule.pairs(applicants, candidates):
            mask[i, j] = True
    return mask


def mismatch_matrix(applicants: Sequence[Applicant], candidates: Sequence[Candidate]) -> np.ndarray:
    """Boolean (applications x assessors): True where the application has families and
    the assessor is accredited in none of them."""
    mask = np.zeros((len(applicants), len(candidates)), dtype=bool)
    if not applicants or not candidates:
        return mask
    families = sorted(
        {f for a in applicants for f in a.families} | {f for c in candidates for f in c.families}
    )
    column = {f: k for k, f in enumerate(families)}
    a = np.zeros((len(applicants), len(families)), dtype=np.int32)
    c = np.zeros((len(candidates), len(families)), dtype=np.int32)
    for i, x in enumerate(applicants):
        a[i, [column[f] for f in x.families]] = 1
    for j, x in enumerate(candidates):
        c[j, [column[f] for f in x.families]] = 1
    has_families = a.any(axis=1)
    return has_families[:, None] & ((a @ c.T) == 0)


def pair_cost(applicant: Applicant, candidate: Candidate, weights: Weights) -> int:
    """The mismatch cost of one pair (the plain version of ``mismatch_matrix``)."""
    if applicant.families and not (applicant.families & candidate.families):
        return weights.mismatch
    return 0


def load_cost(taken: int, weights: Weights) -> int:
    """The load cost of an assessor taking ``taken`` applications."""
    return weights.load * taken * (taken - 1) // 2


def allocate(
    applicants: Sequence[Applicant],
    candidates: Sequence[Candidate],
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    rules: Sequence[ConflictRule] = RULES,
    per_application: int = PER_APPLICATION,
) -> Result:
    """Fill as many assessor places as the rules and capacities allow (at most
    ``per_application`` per application), at the lowest cost."""
    check_problem(applicants, candidates, per_application)
    n, m = len(applicants), len(candidates)
    excluded = exclusions(applicants, candidates, rules)
    forbidden = np.zeros((n, m), dtype=bool)
    if excluded:
        a_index = {a.key: i for i, a in enumerate(applicants)}
        c_index = {c.key: j for j, c in enumerate(candidates)}
        rows = [a_index[e.application] for e in excluded]
        cols = [c_index[e.assessor] for e in excluded]
        forbidden[rows, cols] = True
    capacity = np.array([min(c.capacity, n) for c in candidates], dtype=np.int64)
    allowed = ~forbidden & (capacity > 0)[None, :]
    rows, cols = np.nonzero(allowed)
    mismatch = mismatch_matrix(applicants, candidates)
    pair_costs = mismatch[rows, cols].astype(np.int64) * weights.mismatch
    assignments: dict[int, list[int]] = {a.key: [] for a in applicants}
    taken = np.zeros(m, dtype=np.int64)
    if len(rows):
        source, sink = 0, n + m + 1
        place_owner = np.repeat(np.arange(m), capacity)
        place_rank = np.arange(len(place_owner)) - np.repeat(
            np.cumsum(capacity) - capacity, capacity
        )
        tails = np.concatenate([np.zeros(n, dtype=np.int64), 1 + rows, 1 + n + place_owner])
        heads = np.concatenate([1 + np.arange(n), 1 + n + cols, np.full(len(place_owner), sink)])
        caps = np.concatenate(
            [
                np.full(n, per_application),
                np.ones(len(rows), np.int64),
                np.ones(len(place_owner), np.int64),
            ]
        )
        costs = np.concatenate([np.zeros(n, dtype=np.int64), pair_costs, place_rank * weights.load])
        flow = min_cost_flow.SimpleMinCostFlow()
        flow.add_arcs_with_capacity_and_unit_cost(
            tails.astype(np.int32), heads.astype(np.int32), caps, costs
        )
        flow.set_node_supply(source, per_application * n)
        flow.set_node_supply(sink, -per_application * n)
        status = flow.solve_max_flow_with_min_cost()
        if status != flow.OPTIMAL:
            raise RuntimeError(f"The allocation could not be solved ({status}).")
        used = flow.flows(np.arange(n, n + len(rows))) > 0
        for i, j in zip(rows[used].tolist(), cols[used].tolist(), strict=True):
            assignments[applicants[i].key].append(j)
        np.add.at(taken, cols[used], 1)
    costs_out: dict[int, float] = {}
    total = int(sum(load_cost(int(t), weights) for t in taken))
    for i, a in enumerate(applicants):
        share = 0.0
        for j in assignments[a.key]:
            own = int(mismatch[i, j]) * weights.mismatch
            total += own
            share += own + weights.load * (int(taken[j]) - 1) / 2
        costs_out[a.key] = share
    result = Result(
        assignments={
            a.key: tuple(candidates[j].key for j in sorted(assignments[a.key])) for a in applicants
        },
        costs=costs_out,
        exclusions=excluded,
        total_cost=total,
    )
    free = allowed.sum(axis=1)
    for i, a in enumerate(applicants):
        result.free[a.key] = int(free[i])
        got = len(result.assignments[a.key])
        if got < per_application:
            result.short[a.key] = (
                f"Only {int(free[i])} assessor(s) free of conflicts have places in this round."
                if free[i] < per_application
                else "The assessors free of conflicts were needed for other applications."
            )
    return result


def allocate_reference(
    applicants: Sequence[Applicant],
    candidates: Sequence[Candidate],
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    rules: Sequence[ConflictRule] = RULES,
    per_application: int = PER_APPLICATION,
) -> tuple[int, int]:
    """Brute force over every choice of up to ``per_application`` allowed assessors per
    application: the most places filled and, among those, the lowest total cost. Small
    problems only."""
    check_problem(applicants, candidates, per_application)
    options = []
    for a in applicants:
        allowed = [
            c for c in candidates if c.capacity > 0 and not any(r.breaks(a, c) for r in rules)
        ]
        options.append(
            [
                combo
                for size in range(per_application + 1)
                for combo in itertools.combinations(allowed, size)
            ]
        )
    best: tuple[int, int] | None = None
    for choice in itertools.product(*options):
        taken: dict[int, int] = {}
        cost = 0
        for a, combo in zip(applicants, choice, strict=True):
            for c in combo:
                taken[c.key] = taken.get(c.key, 0) + 1
                cost += pair_cost(a, c, weights)
        if any(taken.get(c.key, 0) > c.capacity for c in candidates):
            continue
        cost += sum(load_cost(t, weights) for t in taken.values())
        placed = sum(len(combo) for combo in choice)
        if best is None or (-placed, cost) < (-best[0], best[1]):
            best = (placed, cost)
    return best if best is not None else (0, 0)
