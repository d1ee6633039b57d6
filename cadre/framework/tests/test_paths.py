"""Career paths: a tiny hand-worked framework, random checks, then the published files."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest

from cadre.framework.ddat_csv import parse_ddat
from cadre.framework.paths import CareerGraph, ParsedGraph, graph_from_parsed
from cadre.framework.tests.ddat_files import published_files

# Skills: 0 coding, 1 testing, 2 leadership, 3 analysis.
# Role 0 (developer): junior (rank 2), developer (3), senior (4), senior - management (4).
# Role 1 (tester): rank 3. Role 2 (head of analysis): rank 6, too senior for any move across.
REQUIRED = np.array([
    [1, 1, 0, 0],   # 0 junior developer
    [2, 1, 0, 0],   # 1 developer
    [3, 2, 2, 0],   # 2 senior developer
    [1, 3, 0, 0],   # 3 tester
    [0, 0, 2, 3],   # 4 head of analysis
    [2, 1, 3, 0],   # 5 senior developer - management
])
GRAPH = CareerGraph(roles=[0, 0, 0, 1, 2, 0], orders=[0, 1, 2, 0, 0, 3],
                    ranks=[2, 3, 4, 3, 6, 4], required=REQUIRED,
                    tracks=["technical"] * 5 + ["management"])


def test_development_and_gaps() -> None:
    assert GRAPH.development(0, 1) == 1          # coding 1 -> 2
    assert GRAPH.development(1, 2) == 4          # coding +1, testing +1, leadership +2
    assert GRAPH.development(2, 1) == 0          # moving down needs nothing new
    assert [(g.skill, g.required, g.held, g.shortfall) for g in GRAPH.gaps(1, 2)] == [
        (2, 2, 0, 2), (0, 3, 2, 1), (1, 2, 1, 1)]


def test_progression_within_a_role_and_its_tracks() -> None:
    assert GRAPH.next_levels(1) == ([2, 5], [0])   # up to both senior tracks
    assert GRAPH.next_levels(2) == ([], [1])
    assert GRAPH.next_levels(5) == ([], [1])
    assert GRAPH.next_levels(3) == ([], [])


def test_lateral_moves_ranked_by_share_met() -> None:
    # Tester holds coding 1, testing 3.
    moves = GRAPH.lateral_moves(3)
    assert [m.target for m in moves] == [0, 1, 2, 5]
    junior, developer, senior, manager = moves
    assert (junior.share_met, junior.readiness, junior.gaps) == (1.0, 1.0, ())
    # Developer needs coding 2 (not met), testing 1 (met): 1 of 3 levels in met skills.
    assert developer.share_met == pytest.approx(1 / 3)
    assert developer.readiness == pytest.approx(2 / 3)
    assert [(g.skill, g.shortfall) for g in developer.gaps] == [(0, 1)]
    assert senior.share_met == pytest.approx(2 / 7) and senior.development == 4
    assert manager.share_met == pytest.approx(1 / 6) and manager.development == 4
    assert GRAPH.lateral_moves(3, limit=2) == moves[:2]
    # Only other roles: the developer's twin track is not a lateral move of this list.
    assert [m.target for m in GRAPH.lateral_moves(1)] == [3]
    assert GRAPH.lateral_moves(4) == []


def test_route_least_development() -> None:
    # Up the ladder needs 1 + 4; via the tester 2 + 4; via management 1 + 3 + 2.
    route = GRAPH.route(0, 2)
    assert route.nodes == [0, 1, 2]
    assert [s.kind for s in route.steps] == ["up", "up"]
    assert route.development == 5
    assert [s.development for s in route.steps] == [1, 4]


def test_route_takes_the_cheaper_of_direct_and_stepped_moves() -> None:
    # Tester -> senior developer: across needs 4; via developer 1 + 4 = 5.
    route = GRAPH.route(3, 2)
    assert (route.nodes, route.steps[0].kind, route.development) == ([3, 2], "lateral", 4)
    # Senior developer -> tester: across needs testing +1; down then across needs +2.
    assert GRAPH.route(2, 3).nodes == [2, 3]
    # Senior developer -> its management twin: a sideways change of track (+1).
    twin = GRAPH.route(2, 5)
    assert (twin.nodes, twin.steps[0].kind, twin.development) == ([2, 5], "lateral", 1)


def test_unreachable_and_same_node() -> None:
    assert GRAPH.route(0, 4) is None
    assert GRAPH.route(2, 2).steps == ()


def test_fine_seniority_is_accepted_instead_of_ranks() -> None:
    graph = CareerGraph(roles=[0, 0, 1], orders=[0, 1, 0], seniority=[3, 4, 12],
                        required=np.ones((3, 2)))
    assert graph.ranks.tolist() == [2, 3, 6]
    with pytest.raises(TypeError):
        CareerGraph(roles=[0], orders=[0], required=np.ones((1, 1)))


def test_matches_exhaustive_search_on_random_graphs() -> None:
    """Least development first, then fewest steps, as an exhaustive search finds."""
    rng = np.random.default_rng(7)
    for _ in range(25):
        n = 6
        roles = rng.integers(0, 3, size=n)
        ranks = rng.integers(1, 5, size=n)
        orders = np.argsort(np.argsort(ranks))
        required = rng.integers(0, 5, size=(n, 4))
        graph = CareerGraph(roles, orders, ranks, required)
        edge = graph.kinds > 0
        for a, b in itertools.permutations(range(n), 2):
            best = None
            for k in range(n - 1):
                for middle in itertools.permutations([x for x in range(n) if x not in (a, b)], k):
                    path = [a, *middle, b]
                    pairs = list(itertools.pairwise(path))
                    if all(edge[x, y] for x, y in pairs):
                        key = (sum(graph.development(x, y) for x, y in pairs), len(pairs))
                        best = key if best is None or key < best else best
            route = graph.route(a, b)
            assert (None if route is None else (route.development, len(route.steps))) == best


# --- The published files ---------------------------------------------------------------


@pytest.fixture(scope="module")
def uk() -> ParsedGraph:
    return graph_from_parsed(parse_ddat(*published_files()))


def test_paths_on_the_published_framework(uk: ParsedGraph) -> None:
    graph = uk.graph
    junior = uk.node("Software developer", "Junior developer")
    for role, level in [("Software developer", "Principal developer"),
                        ("Software developer", "Principal developer - management"),
                        ("Data scientist", "Head of data science"),
                        ("Data analyst", "Data analyst"),
                        ("Chief data officer", None)]:
        target = uk.node(role, level)
        route = graph.route(junior, target)
        assert route is not None and route.nodes[0] == junior and route.nodes[-1] == target
        assert route.development >= graph.development(junior, target)
        for step in route.steps:
            assert step.kind in {"up", "down", "lateral"}
            assert graph.kinds[step.source, step.target] > 0
            assert step.development == graph.development(step.source, step.target)


def test_every_route_is_found_fast(uk: ParsedGraph) -> None:
    start = time.perf_counter()
    graph = CareerGraph(graph_roles := uk.graph.roles, uk.graph.orders, uk.graph.ranks,
                        uk.graph.required, uk.graph.tracks)
    assert time.perf_counter() - start < 1.0
    n = len(graph_roles)
    assert n == 205
    slowest = 0.0
    for a in range(n):
        for b in range(n):
            start = time.perf_counter()
            route = graph.route(a, b)
            slowest = max(slowest, time.perf_counter() - start)
            assert route is not None
    assert slowest < 0.1


def test_lateral_moves_on_the_published_framework(uk: ParsedGraph) -> None:
    graph = uk.graph
    source = uk.node("Software developer", "Developer")
    moves = graph.lateral_moves(source, limit=None)
    assert moves and uk.levels[moves[0].target].role == "Development operations (DevOps) engineer"
    shares = [m.share_met for m in moves]
    assert shares == sorted(shares, reverse=True)
    for move in moves:
        target = uk.levels[move.target]
        assert target.role != "Software developer" and not target.is_senior_civil_service
        assert abs(target.rank - uk.levels[source].rank) <= 1
