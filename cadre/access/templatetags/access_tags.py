"""Template filter asking the permission map whether the user may use a URL.

Lets lower apps' templates show or hide links without importing ``access``.
Usage: ``{% load access_tags %}{% if "framework:level-order"|allowed:request.user %}``;
``{% section_links "workforce" as links %}`` gives a navigation section's links
(``core.navigation``) that the signed-in user may open.
"""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from cadre.access.navigation import Link, links_for
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


@register.simple_tag(takes_context=True)
def section_links(context: template.Context, section: str) -> list[Link]:
    """The section's registered links, in order, that the request's user may open."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return links_for(user, section)
