"""What the home page lists for a learning lead: spend lines of their organisations waiting
for review, and their organisations' contracts ending within 6 months. Read-only counts
through the spend and contracts selectors, which scope them to the lead's organisations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.core.todo import HomeItem

#: Contracts ending within this many months are listed.
ENDING_MONTHS = 6


def is_learning_lead(user: object) -> bool:
    return bool(scope_for(user).organisations_for(Role.LEARNING_LEAD))


def spend_to_review(user: object) -> int:
    """Spend lines of the account's organisations waiting for a reviewer."""
    from cadre.learning.selectors import spend as spend_sel

    return int(spend_sel.waiting_counts(user)["lines"] or 0)


def contracts_ending(user: object, today: dt.date | None = None) -> int:
    """Current contracts the account's organisations buy under that end within 6 months."""
    from cadre.learning.selectors import contracts as contract_sel

    today = today or timezone.localdate()
    return contract_sel.register(user, today=today, expiring_within=ENDING_MONTHS).count()


def waiting(user: object) -> Sequence[HomeItem]:
    """Spend lines to review and contracts ending, for a learning lead's organisations (the
    central team sees every organisation's on the areas' pages, not as a to-do)."""
    if not is_learning_lead(user):
        return []
    items = []
    review = spend_to_review(user)
    if review:
        items.append(HomeItem(
            "Learning spend lines to review", "learning:spend-review", count=review,
            hint="The matcher was unsure of their supplier or product: confirm or correct."))
    ending = contracts_ending(user)
    if ending:
        items.append(HomeItem(
            "Learning contracts ending within 6 months", "learning:contracts", count=ending,
            hint="Plan their renewal or replacement before they end."))
    return items
