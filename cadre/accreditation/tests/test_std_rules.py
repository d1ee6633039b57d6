"""The pure eligibility module against a plain reference on random cases (no database)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from cadre.accreditation import eligibility as rules


def reference(
    rule: rules.Rule,
    held: dict[int, int],
    families: dict[int, frozenset[int]],
    years: float | None,
    evidence: dict[str, int] | None,
) -> bool | None:
    """The rules written as plainly as possible."""
    if rule.kind in (rules.SKILLS_AT_LEVEL, rules.BREADTH):
        n = 0
        for skill, ordinal in held.items():
            if ordinal < (rule.min_level or 1):
                continue
            in_family = bool(families.get(skill, frozenset()) & rule.families)
            if rule.kind == rules.SKILLS_AT_LEVEL and rule.families and not in_family:
                continue
            n += 1
        return n >= (rule.count or 1)
    if rule.kind == rules.EXPERIENCE:
        return None if years is None else years >= (rule.years or 0)
    if rule.kind == rules.EVIDENCE:
        if evidence is None:
            return None
        return evidence.get(rule.evidence_type, 0) >= (rule.count or 1)
    return None


def random_case(rng: random.Random):  # noqa: ANN201
    skills = list(range(1, rng.randint(1, 15)))
    held = {s: rng.randint(0, 7) for s in skills if rng.random() < 0.7}
    families = {s: frozenset(f for f in range(1, 5) if rng.random() < 0.3) for s in skills}
    rule_list = []
    for i in range(rng.randint(1, 6)):
        kind = rng.choice(rules.KINDS)
        rule_list.append(
            rules.Rule(
                key=i,
                kind=kind,
                count=rng.randint(1, 6),
                min_level=rng.randint(1, 7),
                families=frozenset(f for f in range(1, 5) if rng.random() < 0.3),
                years=rng.randint(0, 12),
                evidence_type=rng.choice(["case study", "report"]),
            )
        )
    years = None if rng.random() < 0.2 else rng.uniform(0, 15)
    evidence = (
        None
        if rng.random() < 0.3
        else {"case study": rng.randint(0, 4), "report": rng.randint(0, 4)}
    )
    return rule_list, held, families, years, evidence


@pytest.mark.parametrize("seed", range(300))
def test_evaluate_matches_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    rule_list, held, families, years, evidence = random_case(rng)
    outcomes = rules.evaluate(rule_list, held, families, years=years, evidence=evidence)
    expected = [reference(r, held, families, years, evidence) for r in rule_list]
    assert [o.met for o in outcomes] == expected
    assert rules.eligible(outcomes) == all(e is not False for e in expected)
    for rule, outcome in zip(rule_list, outcomes, strict=True):
        if rule.kind in (rules.SKILLS_AT_LEVEL, rules.BREADTH):
            # The skills counted are exactly those the reference counts, strongest first.
            assert outcome.have == len(outcome.counted)
            levels = [held[s] for s in outcome.counted]
            assert levels == sorted(levels, reverse=True)
            assert all(held[s] >= rule.min_level for s in outcome.counted)
            if outcome.met is False:
                assert outcome.shortfall == rule.count - outcome.have > 0


@pytest.mark.parametrize("seed", range(100))
def test_matrix_matches_one_by_one(seed: int) -> None:
    rng = random.Random(1000 + seed)
    skill_ids = list(range(1, rng.randint(2, 12)))
    families = {s: frozenset(f for f in range(1, 4) if rng.random() < 0.4) for s in skill_ids}
    rule_list = [
        rules.Rule(
            key=i,
            kind=rng.choice(rules.KINDS),
            count=rng.randint(1, 4),
            min_level=rng.randint(1, 7),
            families=frozenset(f for f in range(1, 4) if rng.random() < 0.4),
            years=rng.randint(0, 10),
            evidence_type="x",
        )
        for i in range(rng.randint(1, 5))
    ]
    people = rng.randint(1, 20)
    held = np.array(
        [[rng.randint(0, 7) if rng.random() < 0.6 else 0 for _ in skill_ids] for _ in range(people)]
    )
    years = np.array([np.nan if rng.random() < 0.2 else rng.uniform(0, 12) for _ in range(people)])
    got = rules.eligible_matrix(rule_list, held, skill_ids, families, years)
    for i in range(people):
        one = {s: int(held[i, j]) for j, s in enumerate(skill_ids) if held[i, j] > 0}
        y = None if np.isnan(years[i]) else float(years[i])
        expected = all(reference(r, one, families, y, None) is not False for r in rule_list)
        assert bool(got[i]) == expected


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown criterion kind"):
        rules.evaluate([rules.Rule(key=1, kind="luck")], {}, {})


def test_empty_inputs() -> None:
    out = rules.evaluate([rules.Rule(key=1, kind=rules.BREADTH, count=1, min_level=1)], {}, {})
    assert out[0].met is False and out[0].have == 0 and out[0].shortfall == 1
    assert rules.eligible([]) is True
    assert rules.eligible_matrix([], np.zeros((0, 0)), [], {}).shape == (0,)
