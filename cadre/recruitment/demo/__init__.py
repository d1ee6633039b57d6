"""Demo recruitment data on the demo government (``cadre demo recruitment``).

Each area keeps its part in ``demo/<area>.py`` with ``load(*, actor, rng) -> list[str]``,
going through that area's services as the central team would, and leaving alone what is
there already, so the command is safe to run twice. The parts run in the order below.
"""

from __future__ import annotations

import importlib
import random
from typing import Any

AREAS = ("campaigns", "applications", "panels", "pay", "reserve", "outcomes")


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Run each area's demo part; the lines each prints, in order."""
    lines: list[str] = []
    for area in AREAS:
        try:
            module = importlib.import_module(f"cadre.recruitment.demo.{area}")
        except ModuleNotFoundError as error:
            if error.name != f"cadre.recruitment.demo.{area}":
                raise
            continue
        lines += module.load(actor=actor, rng=rng)
    return lines
