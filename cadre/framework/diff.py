"""Differences between two framework versions, from their JSON documents.

Plain Python, no Django. Items are keyed by name (role levels by role and name,
requirements by role level and skill); ``changed`` lists fields that differ.
"""

from __future__ import annotations

from typing import Any

_KEYS = {
    "role_families": lambda x: x["name"],
    "roles": lambda x: x["name"],
    "role_levels": lambda x: f"{x['role']} / {x['name']}",
    "skills": lambda x: x["name"],
    "requirements": lambda x: f"{x['role']} / {x['role_level']} / {x['skill']}",
}


def diff_documents(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """``{"from", "to", "added", "removed", "changed"}``; each entry names its kind."""
    added: list[dict[str, Any]] = []
    removed: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for kind, key in _KEYS.items():
        before = {key(x): x for x in old.get(kind, [])}
        after = {key(x): x for x in new.get(kind, [])}
        for name in sorted(after.keys() - before.keys()):
            added.append({"kind": kind, "key": name})
        for name in sorted(before.keys() - after.keys()):
            removed.append({"kind": kind, "key": name})
        for name in sorted(before.keys() & after.keys()):
            fields = {
                f: {"from": before[name].get(f), "to": after[name].get(f)}
                for f in sorted(set(before[name]) | set(after[name]))
                if before[name].get(f) != after[name].get(f)
            }
            if fields:
                changed.append({"kind": kind, "key": name, "fields": fields})
    return {
        "from": old.get("framework", {}).get("version"),
        "to": new.get("framework", {}).get("version"),
        "added": added, "removed": removed, "changed": changed,
    }


def summarise(diff: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Counts of added, removed and changed items by kind."""
    out: dict[str, dict[str, int]] = {}
    for what in ("added", "removed", "changed"):
        for item in diff[what]:
            out.setdefault(item["kind"], {"added": 0, "removed": 0, "changed": 0})[what] += 1
    return out
