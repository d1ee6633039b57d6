"""The registered navigation entries (``core.navigation``) a user may open."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from cadre.access.permission_map import rule_for
from cadre.core.navigation import HEADER, NavEntry, entries, sections


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


def may_open(user: object, url_name: str, args: tuple = ()) -> bool:
    """Whether the permission map lets ``user`` open (GET) the URL ``url_name`` with ``args``."""
    try:
        match = resolve(reverse(url_name, args=args))
    except (NoReverseMatch, Resolver404):
        return False
    rule = rule_for(match)
    return rule is not None and rule.allows(user)


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


def breadcrumbs_for(user: object, path: str, top_level: set[str]) -> list[Crumb]:
    """Breadcrumbs for the page at ``path``: Home, then every registered page above it.

    A page above is a registered navigation entry (any section) whose address is a
    proper start of ``path`` and which the user may open; the header's label wins
    where one address is registered twice. The home page and the pages the header
    links to (``top_level``) are the top level and get none.
    """
    if path == "/" or path in top_level:
        return []
    labels: dict[str, str] = {}
    for section_entries in (entries(HEADER), *(entries(s) for s in sections() if s != HEADER)):
        for entry in section_entries:
            try:
                url = reverse(entry.url_name)
            except NoReverseMatch:
                continue
            labels.setdefault(url, entry.label)
    crumbs = [Crumb("Home", "/")]
    parts = [p for p in path.split("/") if p]
    for depth in range(1, len(parts)):
        prefix = "/" + "/".join(parts[:depth]) + "/"
        label = labels.get(prefix)
        if label is None:
            continue
        try:
            rule = rule_for(resolve(prefix))
        except Resolver404:
            continue
        if rule is not None and rule.allows(user):
            crumbs.append(Crumb(label, prefix))
    return crumbs
