"""Navigation entries that apps register for themselves.

Each app names its own pages in its ``AppConfig.ready()``::

    register(NavEntry("Vacancies", "mobility:vacancy-board", section=HEADER, order=90))

and whoever draws a menu (the header's context processor in ``access``, the talent
hub) asks for a section's entries in order. ``core`` knows no app's URLs, and a
new app adds its links without editing anyone else's module. Which entries a user
actually sees is decided by the permission map, by whoever draws the menu.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The links across the top of every page.
HEADER = "header"
#: The areas listed on the /talent/ hub.
TALENT = "talent"


@dataclass(frozen=True)
class NavEntry:
    """One link: its label, the URL name it opens, the menu it belongs to and its place there."""

    label: str
    url_name: str
    section: str = HEADER
    order: int = 0
    description: str = ""


_entries: dict[tuple[str, str], NavEntry] = {}


def register(*entries: NavEntry) -> None:
    """Add entries; registering the same section and URL name again replaces the entry."""
    for entry in entries:
        _entries[(entry.section, entry.url_name)] = entry


def entries(section: str) -> list[NavEntry]:
    """A section's entries by order (then label)."""
    found = [e for (s, _), e in _entries.items() if s == section]
    return sorted(found, key=lambda e: (e.order, e.label))


def sections() -> list[str]:
    """Every section that has an entry, in name order."""
    return sorted({s for s, _ in _entries})
