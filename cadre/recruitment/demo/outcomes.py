"""Demo outcomes (issue 21, area 6): no data of its own; one line summing up the outcomes
of the demo campaigns the other areas' parts made, as the hub would see them."""

from __future__ import annotations

import random
from typing import Any

from cadre.recruitment.selectors import outcomes as sel

__all__ = ["load"]


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """The demo outcomes in one line (counts as shown: 1 to 4 read "fewer than 5")."""
    total = sel.outcomes_for(actor, sel.Filters()).total
    median = "not shown" if total.median_days is None else f"{total.median_days:g} days"
    return [f"Outcomes: {total.appointments.shown} appointment(s) "
            f"({total.internal.shown} from inside government, {total.external.shown} from "
            f"outside), median time to hire {median}; {total.campaigns} campaign(s) decided "
            f"with {total.appointable.shown} appointable candidate(s)."]
