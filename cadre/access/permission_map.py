"""Looking up the rule for a resolved URL in the project's one permission map.

The map names the URLs of every app, so it lives with the project
(``config/permissions.py``), and the ``CADRE_PERMISSION_MAP`` setting says where:
``cadre`` never imports ``config``. A URL with no entry is refused.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import ResolverMatch
from django.utils.module_loading import import_string

from cadre.access.rules import Entry, Rule

__all__ = ["Entry", "SAFE_METHODS", "permission_map", "rule_for"]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@cache
def _load(dotted_path: str) -> dict[str, Entry]:
    return import_string(dotted_path)


def permission_map() -> dict[str, Entry]:
    """The map named by ``settings.CADRE_PERMISSION_MAP`` (a dotted path), loaded once."""
    dotted_path = getattr(settings, "CADRE_PERMISSION_MAP", None)
    if not dotted_path:
        raise ImproperlyConfigured(
            "Set CADRE_PERMISSION_MAP to the dotted path of the permission map.")
    return _load(dotted_path)


def rule_for(match: ResolverMatch | None, method: str = "GET") -> Rule | None:
    """The rule guarding a resolved URL and method, or None when the map has no entry.

    Per-method entries name ``GET`` for reads (also used for HEAD and OPTIONS)
    and each writing method they allow; an unnamed writing method is refused.
    """
    if match is None or not match.view_name:
        return None
    entry = permission_map().get(match.view_name)
    if isinstance(entry, dict):
        method = method.upper()
        return entry.get("GET" if method in SAFE_METHODS else method)
    return entry
