"""Template filter asking the permission map whether the user may use a URL.

Lets lower apps' templates show or hide links without importing ``access``.
Usage: ``{% load access_tags %}{% if "framework:level-order"|allowed:request.user %}``.
"""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from cadre.access.permission_map import rule_for

register = template.Library()


@register.filter
def allowed(url_name: str, user: object) -> bool:
    """True when the map's rule for ``url_name`` (GET) allows ``user``."""
    try:
        match = resolve(reverse(url_name))
    except (NoReverseMatch, Resolver404):
        try:
            # URLs with arguments: resolve a sample with a placeholder id.
            match = resolve(reverse(url_name, args=[0]))
        except (NoReverseMatch, Resolver404):
            return False
    rule = rule_for(match)
    return rule is not None and rule.allows(user)
