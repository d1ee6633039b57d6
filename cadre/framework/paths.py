"""Career paths over a framework's role levels. NumPy and SciPy; no Django.

The model: nodes are role levels, each with the skill levels it requires (a matrix
of role levels x skills holding ordinals 1-4, 0 = not required). A holder of a role
level is taken to hold exactly what it requires. Moving from A to B needs the
development ``sum(max(0, required_B - required_A))`` over all skills, counted in
steps of the scale.

Edges join:

- neighbouring levels of one role's ladder, both ways ("up" and "down"). A
  management track shares the technical levels below its first management level,
  so "Developer" leads up to both "Senior developer" and "Senior developer -
  management";
- a level and its twin on the other track of the same role, at the same rank
  ("lateral": a sideways change of track);
- levels of other roles whose seniority rank differs by at most one ("lateral").

Each edge costs its development plus a small constant, ``1 / number of levels``:
a simple route has fewer steps than levels, so the constants add up to less than
one step of development. The path finder (Dijkstra, from SciPy) therefore returns
the route needing the least total development and, among those, the fewest moves.
Build a ``CareerGraph`` once per framework; queries then take well under a
millisecond for the ~205 levels of the UK framework.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from cadre.framework.level_order import MANAGEMENT, TECHNICAL, rank_for_seniority

if TYPE_CHECKING:
    from cadre.framework.ddat_csv import ParsedFramework, ParsedRoleLevel

#: Lateral moves reach levels of other roles at most this many ranks away.
LATERAL_RANK_GAP = 1
UP, DOWN, LATERAL = "up", "down", "lateral"
_KINDS = ("", UP, DOWN, LATERAL)  # codes 0-3 in CareerGraph.kinds


@dataclass(frozen=True)
class SkillGap:
    """One skill where the target needs more than the source holds."""

    skill: int
    required: int
    held: int

    @property
    def shortfall(self) -> int:
        return self.required - self.held


@dataclass(frozen=True)
class Step:
    source: int
    target: int
    kind: str  # "up", "down" or "lateral"
    gaps: tuple[SkillGap, ...]

    @property
    def development(self) -> int:
        return sum(g.shortfall for g in self.gaps)


@dataclass(frozen=True)
class Route:
    steps: tuple[Step, ...]

    @property
    def development(self) -> int:
        return sum(s.development for s in self.steps)

    @property
    def nodes(self) -> list[int]:
        return [self.steps[0].source, *(s.target for s in self.steps)] if self.steps else []


@dataclass(frozen=True)
class LateralMove:
    target: int
    #: Share of the target's required levels (each skill weighted by its required
    #: level) in skills the source already meets in full.
    share_met: float
    #: Share of the target's required steps already held (partial credit).
    readiness: float
    gaps: tuple[SkillGap, ...]

    @property
    def development(self) -> int:
        return sum(g.shortfall for g in self.gaps)


class CareerGraph:
    """Built once from arrays; answers progression, lateral and route questions.

    ``roles``: a role id per level; ``orders``: position within its role (low =
    junior); ``ranks``: seniority rank shared by all roles; ``required``: levels x
    skills ordinals; ``tracks``: "technical" (default) or "management". Callers
    holding only the stored fine ``seniority`` scale may pass it instead of ranks.
    """

    def __init__(
        self,
        roles: Sequence[int],
        orders: Sequence[int],
        ranks: Sequence[int] | None = None,
        required: np.ndarray | None = None,
        tracks: Sequence[str] | None = None,
        *,
        seniority: Sequence[int] | None = None,
        lateral_gap: int = LATERAL_RANK_GAP,
    ) -> None:
        if required is None:
            raise TypeError("CareerGraph needs the required levels matrix")
        if ranks is None:
            if seniority is None:
                raise TypeError("CareerGraph needs ranks (or the fine seniority scale)")
            ranks = [rank_for_seniority(int(s)) for s in seniority]
        self.roles = np.asarray(roles)
        self.orders = np.asarray(orders)
        self.ranks = np.asarray(ranks, dtype=np.int32)
        self.required = np.asarray(required, dtype=np.int16)
        n = len(self.roles)
        self.tracks = list(tracks) if tracks is not None else [TECHNICAL] * n
        if not (len(self.orders) == len(self.ranks) == len(self.tracks) == n
                and self.required.ndim == 2 and self.required.shape[0] == n):
            raise ValueError("roles, orders, ranks, tracks and required need one row per level")
        self.step_cost = 1.0 / max(n, 1)
        #: kinds[a, b]: 0 no edge, 1 up, 2 down, 3 lateral.
        self.kinds = np.zeros((n, n), dtype=np.int8)
        self._ladders()
        same_role = self.roles[:, None] == self.roles[None, :]
        close = np.abs(self.ranks[:, None] - self.ranks[None, :]) <= lateral_gap
        self.kinds[close & ~same_role] = 3
        source, target = np.nonzero(self.kinds)
        r = self.required.astype(np.int32)
        development = np.maximum(r[target] - r[source], 0).sum(axis=1)
        self.matrix = csr_matrix((development + self.step_cost, (source, target)), shape=(n, n))
        self._searches: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def _ladders(self) -> None:
        """Up and down edges along each role's ladders; lateral edges between track twins."""
        tracks = np.asarray(self.tracks)
        for role in np.unique(self.roles):
            members = np.flatnonzero(self.roles == role)
            technical = [i for i in members if tracks[i] != MANAGEMENT]
            management = [i for i in members if tracks[i] == MANAGEMENT]
            ladders = [technical]
            if management:
                lowest = min(self.ranks[i] for i in management)
                ladders.append([i for i in technical if self.ranks[i] < lowest] + management)
                for m in management:
                    for t in technical:
                        if self.ranks[t] == self.ranks[m]:
                            self.kinds[m, t] = self.kinds[t, m] = 3
            for ladder in ladders:
                ladder = sorted(ladder, key=lambda i: (self.orders[i], i))
                for lower, upper in zip(ladder, ladder[1:], strict=False):
                    self.kinds[lower, upper], self.kinds[upper, lower] = 1, 2

    def __len__(self) -> int:
        return len(self.roles)

    def development(self, source: int, target: int) -> int:
        """Total skill steps needed to move from ``source`` to ``target``."""
        gap = self.required[target].astype(np.int32) - self.required[source]
        return int(np.maximum(gap, 0).sum())

    def gaps(self, source: int, target: int) -> tuple[SkillGap, ...]:
        """Skills where the target needs more than the source, largest shortfall first."""
        held, needed = self.required[source], self.required[target]
        short = np.flatnonzero(needed > held)
        order = short[np.argsort(-(needed[short] - held[short]), kind="stable")]
        return tuple(SkillGap(int(k), int(needed[k]), int(held[k])) for k in order)

    def next_levels(self, node: int) -> tuple[list[int], list[int]]:
        """(levels one step up, levels one step down) within the same role."""
        row = self.kinds[node]

        def by_order(code: int) -> list[int]:
            return sorted((int(i) for i in np.flatnonzero(row == code)),
                          key=lambda i: (self.orders[i], i))

        return by_order(1), by_order(2)

    def lateral_moves(self, source: int, limit: int | None = 10) -> list[LateralMove]:
        """Levels of other roles within the rank gap, best fit first.

        Ranked by ``share_met``, then ``readiness``, then least development. Levels
        with no recorded requirements (the Chief roles) are left out: there is
        nothing to compare. They remain reachable by ``route``.
        """
        candidates = np.flatnonzero((self.kinds[source] == 3)
                                    & (self.roles != self.roles[source]))
        needed = self.required[candidates].astype(np.int32)
        totals = needed.sum(axis=1)
        keep = totals > 0
        candidates, needed, totals = candidates[keep], needed[keep], totals[keep]
        held = self.required[source].astype(np.int32)
        met = np.where(held >= needed, needed, 0).sum(axis=1) / totals
        ready = np.minimum(held, needed).sum(axis=1) / totals
        development = np.maximum(needed - held, 0).sum(axis=1)
        order = np.lexsort((candidates, development, -ready, -met))[:limit]
        return [LateralMove(int(candidates[i]), float(met[i]), float(ready[i]),
                            self.gaps(source, int(candidates[i]))) for i in order]

    def _search(self, source: int) -> tuple[np.ndarray, np.ndarray]:
        if source not in self._searches:
            self._searches[source] = dijkstra(self.matrix, directed=True, indices=source,
                                              return_predecessors=True)
        return self._searches[source]

    def route(self, source: int, target: int) -> Route | None:
        """The route needing the least total development, or None if unreachable."""
        if source == target:
            return Route(steps=())
        distances, predecessors = self._search(source)
        if not np.isfinite(distances[target]):
            return None
        nodes = [target]
        while nodes[-1] != source:
            nodes.append(int(predecessors[nodes[-1]]))
        nodes.reverse()
        return Route(steps=tuple(
            Step(a, b, _KINDS[self.kinds[a, b]], self.gaps(a, b))
            for a, b in zip(nodes, nodes[1:], strict=False)
        ))


@dataclass
class ParsedGraph:
    """A career graph over a parsed framework, with the names behind its numbers."""

    graph: CareerGraph
    levels: list[ParsedRoleLevel]
    skills: list[str]

    def node(self, role: str, level: str | None = None) -> int:
        """The node of a role level (``level`` defaults to the role's own name)."""
        wanted = level or role
        for i, lv in enumerate(self.levels):
            if lv.role == role and lv.name == wanted:
                return i
        raise KeyError(f"no role level '{wanted}' in '{role}'")


def graph_from_parsed(parsed: ParsedFramework) -> ParsedGraph:
    """Build a ``CareerGraph`` from ``parse_ddat``'s result."""
    levels = sorted(parsed.role_levels, key=lambda lv: (lv.role, lv.order))
    skills = sorted(s.name for s in parsed.skills)
    node_of = {(lv.role, lv.name): i for i, lv in enumerate(levels)}
    skill_of = {name: j for j, name in enumerate(skills)}
    role_of = {name: i for i, name in enumerate(sorted({lv.role for lv in levels}))}
    required = np.zeros((len(levels), len(skills)), dtype=np.int16)
    for req in parsed.requirements:
        required[node_of[(req.role, req.role_level)], skill_of[req.skill]] = req.ordinal
    graph = CareerGraph(
        roles=[role_of[lv.role] for lv in levels], orders=[lv.order for lv in levels],
        ranks=[lv.rank for lv in levels], required=required,
        tracks=[lv.track for lv in levels])
    return ParsedGraph(graph, levels, skills)
