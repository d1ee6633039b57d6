"""Career paths on a tiny hand-worked framework (no database)."""

from __future__ import annotations

import numpy as np

from cadre.framework.paths import CareerGraph

# Skills: 0 coding, 1 testing, 2 leadership, 3 analysis
# Role 0 (developer): junior, developer, senior
# Role 1 (test engineer): tester (seniority like developer)
# Role 2 (analyst): head of analysis (seniority 12: no level is near enough to move across)
REQUIRED = np.array([
    [1, 1, 0, 0],   # 0 junior developer (seniority 3)
    [2, 1, 0, 0],   # 1 developer (4)
    [3, 2, 2, 0],   # 2 senior developer (6)
    [1, 3, 0, 0],   # 3 test engineer (4)
    [0, 0, 2, 3],   # 4 head of analysis (12)
])
GRAPH = CareerGraph(roles=[0, 0, 0, 1, 2], orders=[0, 1, 2, 0, 0],
                    seniority=[3, 4, 6, 4, 12], required=REQUIRED)


def test_development_between_levels() -> None:
    assert GRAPH.development(0, 1) == 1          # coding 1 -> 2
    assert GRAPH.development(1, 2) == 4          # coding +1, testing +1, leadership +2
    assert GRAPH.development(2, 1) == 0          # moving down needs nothing new


def test_gaps_largest_first() -> None:
    gaps = GRAPH.gaps(1, 2)
    assert [(g.skill, g.required, g.held, g.shortfall) for g in gaps] == [
        (2, 2, 0, 2), (0, 3, 2, 1), (1, 2, 1, 1)]


def test_progression_within_a_role() -> None:
    assert GRAPH.next_levels(1) == ([2], [0])
    assert GRAPH.next_levels(2) == ([], [1])


def test_lateral_moves_ranked_by_share_met() -> None:
    moves = GRAPH.lateral_moves(1)
    assert [m.target for m in moves] == [3]
    # Test engineer needs 1 + 3 = 4 steps; a developer holds min(2,1) + min(1,3) = 2.
    assert moves[0].share_met == 0.5
    assert [(g.skill, g.shortfall) for g in moves[0].gaps] == [(1, 2)]


def test_route_least_development() -> None:
    route = GRAPH.route(0, 2)
    assert route.nodes == [0, 1, 2]
    assert route.development == 5
    assert [s.kind for s in route.steps] == ["up", "up"]


def test_route_takes_the_cheaper_of_direct_and_stepped_moves() -> None:
    # Tester -> senior developer directly needs coding +2 and leadership +2 = 4;
    # via developer it needs 1 then 4 = 5, so the direct lateral move wins.
    route = GRAPH.route(3, 2)
    assert route.nodes == [3, 2]
    assert route.steps[0].kind == "lateral"
    assert route.development == 4
    # Senior developer -> tester: down to developer (0) then across (testing +2) = 2,
    # against directly across (testing +1, = 1): the direct move wins again.
    assert GRAPH.route(2, 3).development == 1


def test_unreachable_and_same_node() -> None:
    assert GRAPH.route(0, 4) is None      # no level near the analyst's seniority
    assert GRAPH.route(2, 2).steps == ()


def test_matches_brute_force_on_random_graphs() -> None:
    """Dijkstra's answer equals an exhaustive search over simple paths."""
    import itertools

    rng = np.random.default_rng(7)
    for _ in range(20):
        n, skills = 6, 5
        roles = rng.integers(0, 3, size=n)
        seniority = rng.integers(2, 8, size=n)
        orders = np.argsort(np.argsort(seniority))
        required = rng.integers(0, 5, size=(n, skills))
        graph = CareerGraph(roles, orders, seniority, required)
        cost = graph.matrix.toarray()
        for a, b in itertools.permutations(range(n), 2):
            best = np.inf
            for k in range(0, n - 1):
                for middle in itertools.permutations([x for x in range(n) if x not in (a, b)], k):
                    path = [a, *middle, b]
                    if all(cost[x, y] > 0 for x, y in zip(path, path[1:], strict=False)):
                        best = min(best, sum(cost[x, y] for x, y in
                                             zip(path, path[1:], strict=False)))
            route = graph.route(a, b)
            if best == np.inf:
                assert route is None
            else:
                assert route.development + 0.5 * len(route.steps) == best
