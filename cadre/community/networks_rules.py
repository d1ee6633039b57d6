"""Plain rules of community events (no Django): places and the waiting list, and how an
event's CPD hours become renewal credits.

Checked against a plain reference on random cases in
``cadre/community/tests/test_networks_rules.py``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

#: Renewal credits per CPD hour of an attended event (one credit an hour, halves rounded up).
CREDITS_PER_HOUR = 1
#: The most credits one CPD record holds (accreditation's MAX_CPD_RECORD_CREDITS).
MAX_RECORD_CREDITS = 100


def credits_for_hours(hours: Decimal | int | str) -> int:
    """Whole renewal credits for ``hours`` of CPD: one an hour, half an hour and more
    rounded up (7.5 hours is 8 credits, 0.4 hours none), at most 100."""
    value = Decimal(str(hours)) * CREDITS_PER_HOUR
    if value <= 0:
        return 0
    return min(int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP)), MAX_RECORD_CREDITS)


def place_for(*, taken: int, capacity: int) -> str:
    """``"registered"`` while places remain, else ``"waiting"``."""
    return "registered" if taken < capacity else "waiting"


def promotions(*, taken: int, capacity: int, waiting: int) -> int:
    """How many people from the head of the waiting list get a place now."""
    return max(0, min(capacity - taken, waiting))
