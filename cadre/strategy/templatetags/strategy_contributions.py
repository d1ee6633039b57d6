"""Lets other apps' templates show contributions: a link from the person page when the
contributions page will open, and the contributions offered as evidence beside an appraisal
rating.

Usage: ``{% load strategy_contributions %}{% if person|contributions_visible_to:request.user %}``
and ``{% contribution_evidence rating %}``.
"""

from __future__ import annotations

from typing import Any

from django import template

from cadre.access.navigation import may_open
from cadre.strategy.selectors import contributions as sel

register = template.Library()


@register.filter
def contributions_visible_to(person: object, user: object) -> bool:
    """True when ``user`` may open ``person``'s contributions page."""
    pk = getattr(person, "pk", None)
    if pk is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    return (may_open(user, "strategy:contributions-person", (pk,))
            and sel.person_for(user, pk) is not None)


@register.inclusion_tag("strategy/contributions/_evidence.html")
def contribution_evidence(rating: Any) -> dict[str, Any]:
    """The contributions offered as evidence for the rating's person in its cycle."""
    return {"evidence": list(sel.evidence_for_rating(rating)), "rating": rating}
