"""Lets other apps' templates link to a person's CPD page only when it will open.

Usage: ``{% load accreditation_tags %}{% if person|cpd_visible_to:request.user %}``.
"""

from __future__ import annotations

from django import template

from cadre.access.navigation import may_open
from cadre.accreditation.selectors.cpd import may_see_records_of

register = template.Library()


@register.filter
def cpd_visible_to(person: object, user: object) -> bool:
    """True when ``user`` may open ``person``'s CPD page (the permission map and
    accreditation.selectors.cpd)."""
    pk = getattr(person, "pk", None)
    if pk is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    return may_open(user, "accreditation:cpd-person", (pk,)) and may_see_records_of(user, person)
