"""Career paths over a framework's role levels. NumPy and SciPy; no Django.

Nodes are role levels. A holder of a role level is taken to have exactly the
levels it requires. Moving from A to B needs the development
``sum(max(0, required_B - required_A))`` over all skills, in steps of the scale.
Edges join neighbouring levels of the same role (both ways) and levels of other
roles of similar seniority (lateral moves). The path finder returns the route with
the least total development; each step adds a small cost so that, of two routes
needing the same development, the one with fewer moves wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

STEP_COST = 0.5
LATERAL_SENIORITY_GAP = 2


@dataclass(frozen=True)
class SkillGap:
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
    share_met: float
    gaps: tuple[SkillGap, ...]


class CareerGraph:
    """Built once from arrays; answers progression, lateral and path questions."""

    def __init__(
        self,
        roles: Sequence[int],
        orders: Sequence[int],
        seniority: Sequence[int],
        required: np.ndarray,
        tracks: Sequence[str] | None = None,
    ) -> None:
        self.roles = np.asarray(roles)
        self.orders = np.asarray(orders)
        self.seniority = np.asarray(seniority)
        self.required = np.asarray(required, dtype=np.int16)
        self.tracks = list(tracks) if tracks is not None else ["technical"] * len(self.roles)
        n = len(self.roles)
        if self.required.shape[0] != n:
            raise ValueError("required must have one row per role level")
        self._kinds: dict[tuple[int, int], str] = {}
        self._out: list[list[int]] = [[] for _ in range(n)]
        for a, b, kind in self._edges():
            self._kinds[(a, b)] = kind
            self._out[a].append(b)
        edges = np.array(list(self._kinds), dtype=np.int64).reshape(-1, 2)
        r = self.required.astype(np.int32)
        weights = np.maximum(r[edges[:, 1]] - r[edges[:, 0]], 0).sum(axis=1) + STEP_COST
        self.matrix = csr_matrix((weights, (edges[:, 0], edges[:, 1])), shape=(n, n))

    def development(self, source: int, target: int) -> int:
        """Total skill steps needed to move from ``source`` to ``target``."""
        gap = self.required[target].astype(np.int32) - self.required[source]
        return int(np.maximum(gap, 0).sum())

    def _edges(self):  # noqa: ANN202
        for role in np.unique(self.roles):
            members = np.flatnonzero(self.roles == role)
            for track in {self.tracks[i] for i in members}:
                ladder = sorted(
                    (i for i in members if self.tracks[i] == track or self._shared(i)),
                    key=lambda i: (self.orders[i], i),
                )
                for lower, upper in zip(ladder, ladder[1:], strict=False):
                    yield int(lower), int(upper), "up"
                    yield int(upper), int(lower), "down"
        close = np.abs(self.seniority[:, None] - self.seniority[None, :]) <= LATERAL_SENIORITY_GAP
        other_role = self.roles[:, None] != self.roles[None, :]
        for a, b in zip(*np.nonzero(close & other_role), strict=True):
            if a != b:
                yield int(a), int(b), "lateral"

    def _shared(self, i: int) -> bool:
        """Technical levels below the first management level belong to both ladders."""
        role = self.roles[i]
        mgmt = [j for j in np.flatnonzero(self.roles == role) if self.tracks[j] == "management"]
        return bool(mgmt) and self.tracks[i] == "technical" and self.orders[i] < min(
            self.orders[j] for j in mgmt)

    def gaps(self, source: int, target: int) -> tuple[SkillGap, ...]:
        """Skills where the target needs more than the source, largest shortfall first."""
        held, needed = self.required[source], self.required[target]
        short = np.flatnonzero(needed > held)
        order = short[np.argsort(-(needed[short] - held[short]), kind="stable")]
        return tuple(SkillGap(int(k), int(needed[k]), int(held[k])) for k in order)

    def next_levels(self, node: int) -> tuple[list[int], list[int]]:
        """(levels one step up, levels one step down) within the same role."""
        up = [b for b in self._out[node] if self._kinds[(node, b)] == "up"]
        down = [b for b in self._out[node] if self._kinds[(node, b)] == "down"]
        return up, down

    def lateral_moves(self, source: int, limit: int = 10) -> list[LateralMove]:
        """Other roles' levels of similar seniority, best fit first."""
        candidates = [b for b in self._out[source] if self._kinds[(source, b)] == "lateral"]
        held = self.required[source].astype(np.int32)
        moves = []
        for b in candidates:
            needed = self.required[b].astype(np.int32)
            total = needed.sum()
            met = np.minimum(held, needed).sum()
            share = float(met / total) if total else 1.0
            moves.append(LateralMove(b, share, self.gaps(source, b)))
        moves.sort(key=lambda m: (-m.share_met, len(m.gaps), m.target))
        return moves[:limit]

    def route(self, source: int, target: int) -> Route | None:
        """The route needing the least total development, or None if unreachable."""
        if source == target:
            return Route(steps=())
        distances, predecessors = dijkstra(
            self.matrix, directed=True, indices=source, return_predecessors=True
        )
        if not np.isfinite(distances[target]):
            return None
        nodes = [target]
        while nodes[-1] != source:
            nodes.append(int(predecessors[nodes[-1]]))
        nodes.reverse()
        return Route(steps=tuple(
            Step(a, b, self._kinds[(a, b)], self.gaps(a, b))
            for a, b in zip(nodes, nodes[1:], strict=False)
        ))
