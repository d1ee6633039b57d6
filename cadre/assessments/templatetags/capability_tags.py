"""Lets other apps' templates link to a person's capability page only when it will open.

Usage: ``{% load capability_tags %}{% if person|capability_visible_to:request.user %}``.
"""

from __future__ import annotations

from django import template

from cadre.assessments.selectors import capability_people

register = template.Library()


@register.filter
def capability_visible_to(person: object, user: object) -> bool:
    """True when ``user`` may see ``person``'s capability records (assessments.selectors)."""
    pk = getattr(person, "pk", None)
    if pk is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    return capability_people(user).filter(pk=pk).exists()
