"""Demo community data on the demo government (``cadre demo community``).

Each area keeps its part in ``demo/<area>.py`` with ``load(*, actor, rng) -> list[str]``,
going through that area's services as the central team would, and leaving alone what is
there already, so the command is safe to run twice. The parts run in the order below:
networks first (events and members), then the others that may use them.
"""

from __future__ import annotations

import importlib
import random
from typing import Any

AREAS = ("networks", "feeds", "mentoring", "exchange", "communications", "surveys", "impact")


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Run each area's demo part; the lines each prints, in order."""
    lines: list[str] = []
    for area in AREAS:
        try:
            module = importlib.import_module(f"cadre.community.demo.{area}")
        except ModuleNotFoundError as error:
            if error.name != f"cadre.community.demo.{area}":
                raise
            continue
        lines += module.load(actor=actor, rng=rng)
    return lines
