"""Navigation links shown in the header, filtered by the permission map, and the roles."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, resolve, reverse

from cadre.access.permission_map import rule_for
from cadre.access.scope import scope_for

NAVIGATION = (
    ("Home", "core:home"),
    ("Framework", "framework:home"),
    ("Organisations", "organisations:list"),
    ("People", "people:list"),
    ("Capability", "assessments:mine"),
    ("Statistics", "people:statistics"),
    ("Skill coverage", "assessments:coverage"),
    ("Workforce", "workforce:picture-home"),
    ("Vacancies", "mobility:vacancy-board"),
    ("Talent", "talent:home"),
    ("Imports", "people:import"),
    ("Accounts", "access:accounts"),
    ("Audit", "audit:list"),
    ("API", "api:docs"),
)


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": [], "roles": []}
    links = []
    current = request.path
    for label, name in NAVIGATION:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        rule = rule_for(resolve(url))
        if rule is not None and rule.allows(user):
            links.append({"label": label, "url": url, "active": False})
    # The link whose address is the longest start of the current path is the active one
    # (on /talent/vacancies/ that is "Vacancies", not "Talent" as well).
    matching = [link for link in links if current == link["url"]
                or (link["url"] != "/" and current.startswith(link["url"]))]
    if matching:
        max(matching, key=lambda link: len(link["url"]))["active"] = True
    return {"navigation": links, "roles": sorted(scope_for(user).roles)}
