"""Header links and breadcrumbs, filtered by the permission map, and the roles in words.

Apps register their header links themselves (``core.navigation``, in ``AppConfig.ready``).
"""

from __future__ import annotations

from django.http import HttpRequest

from cadre.access.navigation import breadcrumbs_for, links_for
from cadre.access.selectors import expects_person, role_descriptions
from cadre.core.navigation import HEADER


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": [], "roles": [], "expects_person": False, "breadcrumbs": []}
    links = [{"label": link.entry.label, "url": link.url, "active": False}
             for link in links_for(user, HEADER)]
    current = request.path
    # The link whose address is the longest start of the current path is the active one
    # (on /talent/vacancies/ that is "Vacancies", not "Talent" as well).
    matching = [link for link in links if current == link["url"]
                or (link["url"] != "/" and current.startswith(link["url"]))]
    if matching:
        max(matching, key=lambda link: len(link["url"]))["active"] = True
    crumbs = breadcrumbs_for(user, current, {link["url"] for link in links})
    # Roles in words, worked out only by the pages that show them (the home page).
    return {"navigation": links, "roles": lambda: role_descriptions(user),
            "expects_person": lambda: expects_person(user), "breadcrumbs": crumbs}
