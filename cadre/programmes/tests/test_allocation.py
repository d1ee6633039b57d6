"""The allocation against a brute-force search on small random problems."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from cadre.programmes.allocation import (
    BETTER_FIT,
    CLEARANCE,
    HOME_ORGANISATION,
    LOCATION,
    REPEAT_HOST,
    RULES,
    TAKEN,
    Offer,
    Streamer,
    Weights,
    allocate,
    allocate_reference,
    forbidden_matrix,
)

ORGS = ["HMRC", "DWP", "MOJ", "HO"]
PLACES = ["London", "Leeds", "Newcastle"]


def random_problem(rng: random.Random, n: int, m: int) -> tuple[list[Streamer], list[Offer]]:
    offers_keys = [f"o{j}" for j in range(m)]
    streamer_keys = [f"s{i}" for i in range(n)]
    streamers = []
    for key in streamer_keys:
        home = rng.choice(ORGS)
        streamers.append(Streamer(
            key=key, home=home, clearance=rng.randint(0, 3),
            past_hosts=tuple(rng.sample(ORGS, rng.randint(0, 2))),
            locations=tuple(rng.sample(PLACES, rng.randint(0, 2))),
            may_post_home=rng.random() < 0.2,
            preferences=tuple(rng.sample(offers_keys, rng.randint(0, m)))))
    offers = [Offer(key=key, host=rng.choice(ORGS), capacity=rng.randint(0, 2),
                    clearance=rng.randint(0, 3), location=rng.choice(PLACES),
                    preferences=tuple(rng.sample(streamer_keys, rng.randint(0, n))))
              for key in offers_keys]
    return streamers, offers


@pytest.mark.parametrize("seed", range(150))
def test_same_optimum_as_brute_force_and_every_rule_kept(seed: int) -> None:
    rng = random.Random(seed)
    streamers, offers = random_problem(rng, rng.randint(1, 5), rng.randint(1, 4))
    weights = Weights(streamer=rng.randint(1, 3), host=rng.randint(0, 2))
    result = allocate(streamers, offers, weights=weights)
    assert (result.placed, result.total_cost) == allocate_reference(
        streamers, offers, weights=weights)
    by_key = {o.key: o for o in offers}
    counts: dict[str, int] = {}
    for s in streamers:
        got = result.assignment[s.key]
        if got is None:
            continue
        counts[got] = counts.get(got, 0) + 1
        for rule in RULES:
            assert not rule.breaks(s, by_key[got]), (s, got, rule.name)
    assert all(counts[key] <= by_key[key].capacity for key in counts)
    assert len(result.explanations) == len(streamers)


@pytest.mark.parametrize("seed", range(20))
def test_masks_agree_with_the_plain_rules(seed: int) -> None:
    rng = random.Random(1000 + seed)
    streamers, offers = random_problem(rng, 6, 5)
    for rule in RULES:
        mask = forbidden_matrix(streamers, offers, [rule])
        plain = np.array([[rule.breaks(s, o) for o in offers] for s in streamers])
        assert (mask == plain).all(), rule.name


def test_rules_can_be_switched_off() -> None:
    s = Streamer("a", home="HMRC", preferences=("home",))
    offer = Offer("home", host="HMRC")
    assert allocate([s], [offer]).assignment == {"a": None}
    assert allocate([s], [offer], rules=[]).assignment == {"a": "home"}
    allowed = Streamer("a", home="HMRC", may_post_home=True, preferences=("home",))
    assert allocate([allowed], [offer]).assignment == {"a": "home"}


def test_explanations_name_the_blocking_rule() -> None:
    streamers = [
        Streamer("home", home="HMRC", preferences=("hmrc", "dwp")),
        Streamer("repeat", home="MOJ", past_hosts=("DWP",), preferences=("dwp2", "ho")),
        Streamer("clear", home="MOJ", clearance=1, preferences=("secret", "ho")),
        Streamer("far", home="MOJ", locations=("Leeds",), preferences=("london", "leeds")),
    ]
    offers = [
        Offer("hmrc", host="HMRC"), Offer("dwp", host="DWP"), Offer("dwp2", host="DWP"),
        Offer("ho", host="HO", capacity=2), Offer("secret", host="HO", clearance=3),
        Offer("london", host="HO", location="London"),
        Offer("leeds", host="DWP", location="Leeds"),
    ]
    result = allocate(streamers, offers)
    by = {e.streamer: e for e in result.explanations}
    assert by["home"].blocked_by == (HOME_ORGANISATION.name,)
    assert "home organisation" in by["home"].reason
    assert by["home"].offer == "dwp" and by["home"].rank == 2
    assert by["repeat"].blocked_by == (REPEAT_HOST.name,)
    assert by["clear"].blocked_by == (CLEARANCE.name,)
    assert by["far"].blocked_by == (LOCATION.name,)
    assert by["far"].offer == "leeds"


def test_first_choice_taken_by_a_stronger_combined_preference() -> None:
    streamers = [Streamer("a", home="X", preferences=("hot", "cold")),
                 Streamer("b", home="X", preferences=("hot", "cold"))]
    offers = [Offer("hot", host="H", preferences=("b", "a")), Offer("cold", host="C")]
    result = allocate(streamers, offers)
    assert result.assignment == {"a": "cold", "b": "hot"}
    a = next(e for e in result.explanations if e.streamer == "a")
    assert a.blocked_by == (TAKEN,) and a.taken_by == ("b",)
    assert "stronger combined preference" in a.reason
    assert a.rank == 2
    b = next(e for e in result.explanations if e.streamer == "b")
    assert b.reason == "First choice." and b.rank == 1 and b.host_rank == 1


def test_host_ranking_can_outweigh_a_free_first_choice() -> None:
    streamers = [Streamer("a", home="X", preferences=("free", "keen"))]
    offers = [Offer("free", host="F", capacity=2), Offer("keen", host="K", preferences=("a",))]
    result = allocate(streamers, offers, weights=Weights(streamer=1, host=3))
    assert result.assignment == {"a": "keen"}
    assert result.explanations[0].blocked_by == (BETTER_FIT,)


def test_unplaceable_people_are_reported() -> None:
    streamers = [Streamer("a", home="X", clearance=0, preferences=("s",)),
                 Streamer("b", home="Y", clearance=2, preferences=("s",)),
                 Streamer("c", home="Y", clearance=2, preferences=("s",))]
    offers = [Offer("s", host="H", clearance=2, capacity=1),
              Offer("t", host="H", clearance=1)]
    result = allocate(streamers, offers)
    assert result.placed == 2
    assert result.unplaced == ["a"]
    a = result.explanations[0]
    assert a.offer is None and "no offer meets the hard rules" in a.reason


def test_bad_input_is_named() -> None:
    with pytest.raises(ValueError, match="unknown offer 'nope'"):
        allocate([Streamer("a", home="X", preferences=("nope",))], [])
    with pytest.raises(ValueError, match="Duplicate streamer key 'a'"):
        allocate([Streamer("a", home="X"), Streamer("a", home="Y")], [])


def test_empty_problems() -> None:
    assert allocate([], []).placed == 0
    assert allocate([Streamer("a", home="X")], []).assignment == {"a": None}


def test_large_problem_matches_the_raw_solver_total() -> None:
    """With no rules and every pair allowed, the total equals linear_sum_assignment's
    own optimum on the expanded cost matrix."""
    rng = random.Random(7)
    streamers, offers = random_problem(rng, 60, 40)
    result = allocate(streamers, offers, rules=[])
    from cadre.programmes.allocation import _ranks, unranked_cost

    own, host = _ranks(streamers, offers)
    u = unranked_cost(streamers, offers)
    cost = 2 * np.where(own > 0, own - 1, u) + np.where(host > 0, host - 1, u)
    cols = np.repeat(np.arange(len(offers)), [min(o.capacity, 60) for o in offers])
    r, c = linear_sum_assignment(cost[:, cols])
    assert result.total_cost == int(cost[:, cols][r, c].sum())
    assert result.placed == min(60, cols.size)
