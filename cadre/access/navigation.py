"""The registered navigation entries (``core.navigation``) a user may open."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, resolve, reverse

from cadre.access.permission_map import rule_for
from cadre.core.navigation import NavEntry, entries


@dataclass(frozen=True)
class Link:
    entry: NavEntry
    url: str


def links_for(user: object, section: str) -> list[Link]:
    """A section's entries, in order, whose URL the permission map lets this user open.

    An entry whose URL name does not exist (its app not mounted) is left out.
    """
    links = []
    for entry in entries(section):
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        rule = rule_for(resolve(url))
        if rule is not None and rule.allows(user):
            links.append(Link(entry, url))
    return links
