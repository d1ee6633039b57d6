"""Demo programmes on the demo government (``cadre demo programmes``), one module per
programme; ``load`` runs them in order and returns what each added, line by line."""

from __future__ import annotations

import random
from typing import Any

from cadre.programmes.demo import academies, apprentices, fast_stream


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Every programme's demo data; the lines say what was added."""
    return [*fast_stream.load(actor=actor, rng=rng), *apprentices.load(actor=actor, rng=rng),
            *academies.load(actor=actor, rng=rng)]
