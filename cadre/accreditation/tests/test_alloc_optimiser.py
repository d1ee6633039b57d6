"""The assessor allocation against a brute-force search on small random problems, and the
conflict rules' bulk checks against their plain pair checks."""

from __future__ import annotations

import random

import numpy as np
import pytest

from cadre.accreditation import allocation as alloc
from cadre.accreditation.allocation import (
    PER_APPLICATION,
    RULES,
    Applicant,
    Candidate,
    Weights,
    allocate,
    allocate_reference,
    exclusions,
    forbidden_matrix,
    mismatch_matrix,
    pair_cost,
)

FAMILIES = [1, 2, 3]
ORGS = [10, 20, 30]


def random_problem(rng: random.Random, n: int, m: int) -> tuple[list[Applicant], list[Candidate]]:
    people = list(range(100, 100 + n + m + 3))
    candidates = [
        Candidate(
            key=500 + j,
            person=people[n + j],
            organisation=rng.choice([*ORGS, None]),
            families=frozenset(rng.sample(FAMILIES, rng.randint(0, 2))),
            capacity=rng.randint(0, 3),
        )
        for j in range(m)
    ]
    keys = [c.key for c in candidates]
    everyone = [c.person for c in candidates] + people[:n]
    applicants = []
    for i in range(n):
        applicants.append(
            Applicant(
                key=i + 1,
                person=people[i] if rng.random() > 0.1 else rng.choice(everyone),
                organisation=rng.choice([*ORGS, None]) if rng.random() < 0.5 else None,
                families=frozenset(rng.sample(FAMILIES, rng.randint(0, 2))),
                supporter=rng.choice([None, *everyone]),
                line_chain=frozenset(rng.sample(everyone, rng.randint(0, 2))),
                recent_assessors=frozenset(rng.sample(keys, rng.randint(0, min(1, m)))),
                declared=frozenset(rng.sample(keys, rng.randint(0, min(1, m)))),
            )
        )
    return applicants, candidates


@pytest.mark.parametrize("seed", range(150))
def test_same_optimum_as_brute_force_and_no_rule_broken(seed: int) -> None:
    rng = random.Random(seed)
    applicants, candidates = random_problem(rng, rng.randint(1, 4), rng.randint(1, 5))
    weights = Weights(mismatch=rng.randint(0, 12), load=rng.randint(0, 3))
    result = allocate(applicants, candidates, weights=weights)
    assert (result.placed, result.total_cost) == allocate_reference(
        applicants, candidates, weights=weights
    )
    by_key = {c.key: c for c in candidates}
    load: dict[int, int] = {}
    for a in applicants:
        got = result.assignments[a.key]
        assert len(got) == len(set(got)) <= PER_APPLICATION
        for key in got:
            load[key] = load.get(key, 0) + 1
            for rule in RULES:
                assert not rule.breaks(a, by_key[key]), (a, key, rule.reason)
        assert (a.key in result.short) == (len(got) < PER_APPLICATION)
    assert all(load[key] <= by_key[key].capacity for key in load)
    # The reported costs share out the whole objective.
    assert sum(result.costs.values()) == pytest.approx(result.total_cost)


@pytest.mark.parametrize("seed", range(30))
def test_bulk_rule_checks_agree_with_the_plain_ones(seed: int) -> None:
    rng = random.Random(1000 + seed)
    applicants, candidates = random_problem(rng, 6, 7)
    for rule in RULES:
        bulk = forbidden_matrix(applicants, candidates, [rule])
        plain = np.array([[rule.breaks(a, c) for c in candidates] for a in applicants])
        assert (bulk == plain).all(), rule.reason
    mismatch = mismatch_matrix(applicants, candidates)
    plain = np.array(
        [[pair_cost(a, c, Weights(mismatch=1)) == 1 for c in candidates] for a in applicants]
    )
    assert (mismatch == plain).all()


def test_every_exclusion_is_kept_with_each_of_its_reasons() -> None:
    a = Applicant(
        key=1,
        person=1,
        organisation=10,
        supporter=2,
        line_chain=frozenset({3}),
        recent_assessors=frozenset({54}),
        declared=frozenset({54, 55}),
    )
    cands = [
        Candidate(key=51, person=1, organisation=10, capacity=1),
        Candidate(key=52, person=2, capacity=1),
        Candidate(key=53, person=3, capacity=1),
        Candidate(key=54, person=4, capacity=1),
        Candidate(key=55, person=5, capacity=1),
        Candidate(key=56, person=6, capacity=1),
    ]
    found = {(e.assessor, e.reason) for e in exclusions([a], cands)}
    assert found == {
        (51, alloc.SELF),
        (51, alloc.SAME_ORGANISATION),
        (52, alloc.SUPPORTER),
        (53, alloc.LINE_CHAIN),
        (54, alloc.RECENT),
        (54, alloc.DECLARED),
        (55, alloc.DECLARED),
    }
    result = allocate([a], cands)
    assert result.assignments[1] == (56,)
    assert "Only 1 assessor" in result.short[1]


def test_load_is_spread_and_family_match_preferred() -> None:
    apps = [Applicant(key=k, person=k, families=frozenset({1})) for k in range(1, 5)]
    cands = [
        Candidate(key=50 + j, person=50 + j, families=frozenset({1 if j < 4 else 2}), capacity=4)
        for j in range(6)
    ]
    result = allocate(apps, cands)
    used = [key for got in result.assignments.values() for key in got]
    assert sorted(used) == [50, 50, 51, 51, 52, 52, 53, 53]
    assert result.total_cost == 4  # four assessors with two each: 1 each


def test_capacity_shortage_is_reported() -> None:
    apps = [Applicant(key=k, person=k) for k in range(1, 4)]
    cands = [Candidate(key=50, person=50, capacity=3), Candidate(key=51, person=51, capacity=2)]
    result = allocate(apps, cands)
    assert result.placed == 5
    assert len(result.short) == 1
    assert "needed for other applications" in next(iter(result.short.values()))


def test_empty_and_bad_problems() -> None:
    assert allocate([], []).assignments == {}
    result = allocate([Applicant(key=1, person=1)], [])
    assert result.assignments == {1: ()} and "Only 0" in result.short[1]
    with pytest.raises(ValueError, match="same key"):
        allocate([Applicant(key=1, person=1), Applicant(key=1, person=2)], [])


def test_reason_codes_are_the_models_choices() -> None:
    from cadre.accreditation.models import ExclusionReason

    assert {rule.reason for rule in RULES} == set(ExclusionReason.values)
    assert {rule.reason: rule.words for rule in RULES} == dict(ExclusionReason.choices)
