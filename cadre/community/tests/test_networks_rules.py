"""The plain rules (``cadre.community.networks_rules``) against a plain reference on random
cases: credits for hours, places and the waiting list, and a random sequence of
registrations and cancellations never giving more places than the capacity."""

from __future__ import annotations

import math
import random
from decimal import Decimal

from cadre.community import networks_rules as rules


def _credits_reference(hours: Decimal) -> int:
    # one credit an hour, halves up, at most 100: floor(h + 0.5) for h >= 0
    return min(100, math.floor(float(hours) + 0.5)) if hours > 0 else 0


def test_credits_for_hours_matches_the_reference() -> None:
    rng = random.Random(18)
    for _ in range(2000):
        hours = Decimal(rng.randint(0, 1000)) / 10
        assert rules.credits_for_hours(hours) == _credits_reference(hours), hours
    assert rules.credits_for_hours("7.5") == 8 and rules.credits_for_hours("0.4") == 0
    assert rules.credits_for_hours(Decimal("3.5")) == 4 and rules.credits_for_hours(0) == 0


def test_places_and_promotions_keep_the_capacity() -> None:
    rng = random.Random(5)
    for _ in range(300):
        capacity = rng.randint(1, 6)
        places: list[int] = []
        waiting: list[int] = []
        for step in range(40):
            if rng.random() < 0.6 or not (places or waiting):
                status = rules.place_for(taken=len(places), capacity=capacity)
                (places if status == "registered" else waiting).append(step)
            else:
                pool = places if places and rng.random() < 0.6 else (waiting or places)
                pool.remove(rng.choice(pool))
                count = rules.promotions(taken=len(places), capacity=capacity,
                                         waiting=len(waiting))
                places += waiting[:count]
                del waiting[:count]
            assert len(places) <= capacity
            assert not waiting or len(places) == capacity  # nobody waits for a free place
