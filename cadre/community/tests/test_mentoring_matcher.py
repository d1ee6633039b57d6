"""The mentoring matcher against a brute-force reference, and its disqualifications."""

from __future__ import annotations

import random

import pytest

from cadre.community import mentoring_match as mm


def _instance(seed: int) -> tuple[list, list, mm.Rules, dict]:
    rng = random.Random(seed)
    people = list(range(1, 13))
    managers = {p: (rng.choice([q for q in people if q < p]) if p > 1 and rng.random() < 0.6
                    else None) for p in people}
    rules = mm.Rules(grade_gap=rng.randint(0, 2), grade_tolerance=rng.randint(0, 2),
                     skill_weight=rng.randint(0, 5), grade_weight=rng.randint(0, 5),
                     location_weight=rng.randint(1, 3),
                     exclude_same_unit=rng.random() < 0.5,
                     exclude_same_organisation=rng.random() < 0.3)

    def candidate(i: int, person: int, capacity: int) -> mm.Candidate:
        return mm.Candidate(
            id=i, person=person, organisation=rng.randint(1, 3),
            rank=rng.choice([None, 1, 2, 3, 4, 5]), unit=rng.choice([None, 1, 2, 3]),
            location=rng.choice([None, 1, 2]),
            skills=frozenset(rng.sample(range(1, 7), rng.randint(0, 3))), capacity=capacity)

    chosen = rng.sample(people, rng.randint(2, 9))
    n_mentees = rng.randint(1, min(5, len(chosen)))
    mentees = [candidate(100 + i, p, 1) for i, p in enumerate(chosen[:n_mentees])]
    mentors = [candidate(200 + i, p, rng.randint(1, 3))
               for i, p in enumerate(chosen[n_mentees:][:4])]
    # sometimes a person is both a mentor and a mentee
    if mentees and rng.random() < 0.3:
        mentors.append(candidate(300, mentees[0].person, 1))
    return mentees, mentors, rules, managers


@pytest.mark.parametrize("seed", range(300))
def test_matches_the_brute_force_optimum(seed: int) -> None:
    mentees, mentors, rules, managers = _instance(seed)
    declined = {(mentees[0].person, mentors[0].person)} if mentors and seed % 4 == 0 else set()
    result = mm.match(mentees, mentors, rules, managers=managers, declined=declined)
    best = mm.brute_force_total(mentees, mentors, rules, managers=managers, declined=declined)
    assert result.total == pytest.approx(best, abs=1e-4)
    # every mentee is either matched once or unmatched with a reason
    matched = [p.mentee for p in result.pairs]
    assert len(matched) == len(set(matched))
    assert set(matched) | set(result.unmatched) == {m.id for m in mentees}
    assert not set(matched) & set(result.unmatched)
    assert all(result.unmatched.values())


@pytest.mark.parametrize("seed", range(300))
def test_never_a_disqualified_pair(seed: int) -> None:
    mentees, mentors, rules, managers = _instance(seed)
    by_id = {c.id: c for c in mentees + mentors}
    result = mm.match(mentees, mentors, rules, managers=managers)
    load: dict[int, int] = {}
    for pair in result.pairs:
        mentee, mentor = by_id[pair.mentee], by_id[pair.mentor]
        assert mentee.person != mentor.person
        assert not mm.in_one_chain(mentee.person, mentor.person, managers)
        if rules.exclude_same_unit and mentee.unit is not None:
            assert mentee.unit != mentor.unit
        if rules.exclude_same_organisation:
            assert mentee.organisation != mentor.organisation
        if mentee.rank is not None and mentor.rank is not None:
            assert abs(mentor.rank - mentee.rank - rules.grade_gap) <= rules.grade_tolerance
        load[mentor.id] = load.get(mentor.id, 0) + 1
    assert all(load[j] <= by_id[j].capacity for j in load)


def test_line_chain_up_and_down_is_disqualified() -> None:
    managers = {1: None, 2: 1, 3: 2, 4: 1}
    rules = mm.Rules(grade_gap=0, grade_tolerance=5, exclude_same_unit=False)
    mentee = mm.Candidate(id=1, person=3, organisation=1, skills=frozenset({1}))
    boss_of_boss = mm.Candidate(id=2, person=1, organisation=1, skills=frozenset({1}))
    result = mm.match([mentee], [boss_of_boss], rules, managers=managers)
    assert not result.pairs
    assert "line-management chain" in result.unmatched[1]
    # down the chain too: the mentee manages the mentor
    mentee2 = mm.Candidate(id=3, person=2, organisation=1)
    report = mm.Candidate(id=4, person=3, organisation=1)
    assert mm.match([mentee2], [report], rules, managers=managers).pairs == []
    # a sibling (same manager) is not in the chain
    sibling = mm.Candidate(id=5, person=4, organisation=1, skills=frozenset({1}))
    assert [p.mentor for p in mm.match([mentee], [sibling], rules,
                                       managers=managers).pairs] == [5]


def test_a_loop_in_line_managers_does_not_hang() -> None:
    assert mm.ancestors(1, {1: 2, 2: 3, 3: 1}) == {2, 3}


def test_capacity_makes_columns() -> None:
    rules = mm.Rules(grade_gap=0, grade_tolerance=0, exclude_same_unit=False)
    mentor = mm.Candidate(id=9, person=9, organisation=1, rank=3, capacity=2)
    mentees = [mm.Candidate(id=i, person=i, organisation=2, rank=3) for i in (1, 2, 3)]
    result = mm.match(mentees, [mentor], rules)
    assert len(result.pairs) == 2
    assert len(result.unmatched) == 1
    assert "better overall fit" in next(iter(result.unmatched.values()))


def test_explanation_names_skills_in_common() -> None:
    rules = mm.Rules()
    mentee = mm.Candidate(id=1, person=1, organisation=1, rank=2, location=1,
                          skills=frozenset({1, 2, 3}))
    mentor = mm.Candidate(id=2, person=2, organisation=2, rank=3, location=1,
                          skills=frozenset({2, 3, 4}))
    pair = mm.match([mentee], [mentor], rules).pairs[0]
    words = mm.explain(pair, rules, {1: "Agile", 2: "User research", 3: "Data"}, wanted=3)
    assert "2 of 3 wanted skills offered (User research, Data)" in words
    assert "mentor 1 grade above the mentee" in words
    assert "the same location" in words
    assert pair.score == pytest.approx(6 * 2 / 3 + 3 + 1)


def test_rules_limits() -> None:
    assert mm.Rules().problems() == {}
    bad = mm.Rules(grade_gap=11, grade_tolerance=-1, skill_weight=11)
    assert set(bad.problems()) == {"grade_gap", "grade_tolerance", "skill_weight"}
    assert "skill_weight" in mm.Rules(skill_weight=0, grade_weight=0,
                                      location_weight=0).problems()


def test_no_mentees_or_no_mentors() -> None:
    assert mm.match([], [], mm.Rules()).pairs == []
    result = mm.match([mm.Candidate(id=1, person=1, organisation=1)], [], mm.Rules())
    assert result.unmatched == {1: "No mentors have signed up."}
