"""Looking up the rule for a resolved URL in the project's one permission map.

The map itself lives in ``config/permissions.py`` beside the root URLconf,
because it names the URLs of every app. A URL with no entry is refused.
"""

from __future__ import annotations

from django.urls import ResolverMatch

from cadre.access.rules import Rule

#: A map entry: one rule for every method, or a rule per HTTP method.
Entry = Rule | dict[str, Rule]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def rule_for(match: ResolverMatch | None, method: str = "GET") -> Rule | None:
    """The rule guarding a resolved URL and method, or None when the map has no entry.

    Per-method entries name ``GET`` for reads (also used for HEAD and OPTIONS)
    and each writing method they allow; an unnamed writing method is refused.
    """
    from config.permissions import PERMISSION_MAP

    if match is None or not match.view_name:
        return None
    entry = PERMISSION_MAP.get(match.view_name)
    if isinstance(entry, dict):
        method = method.upper()
        return entry.get("GET" if method in SAFE_METHODS else method)
    return entry
