"""The talent hub: one page linking to each talent and planning area the user may open."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import resolve, reverse

from cadre.access.permission_map import rule_for

#: (heading, URL name, what it is for), in the order shown.
AREAS = (
    ("Vacancies across government", "mobility:vacancy-board",
     "Open vacancies in every organisation, before anyone recruits from outside."),
    ("Vacancies that fit me", "mobility:vacancies-for-me",
     "Open vacancies ranked against your skills and preferences."),
    ("My mobility preferences", "mobility:mobility-preference",
     "Say whether you are open to moves, and where to."),
    ("Manage vacancies", "mobility:vacancies-managed",
     "Draft, open, match and fill your organisation's vacancies."),
    ("Managed moves", "mobility:moves", "Moves between organisations and their logistics."),
    ("Ratings", "talent:ratings", "Performance and potential ratings for your team."),
    ("Appraisal cycles and nine-box", "talent:cycles",
     "Calibrate your organisation's nine-box grid."),
    ("Cross-government nine-box", "talent:ninebox-government",
     "Senior Civil Service and grades 6 and 7 across government."),
    ("Talent pools", "talent:pools", "Pools, their members, development actions and reviews."),
    ("My pool memberships", "talent:my-pools", "The talent pools you belong to."),
    ("Succession", "talent:succession", "Critical posts and their successors."),
    ("Succession coverage", "talent:succession-coverage",
     "Share of critical posts with a successor ready now."),
    ("Specialist bench", "bench:bench",
     "Specialists available for short deployments into programmes."),
    ("Deployment requests", "bench:bench-requests", "Requests for bench specialists."),
    ("Workforce plans", "planning:plans", "Supply against planned demand for five years."),
)


def home(request: HttpRequest) -> HttpResponse:
    """Links to the talent areas this account may open (the permission map decides)."""
    links = []
    for heading, name, text in AREAS:
        url = reverse(name)
        rule = rule_for(resolve(url))
        if rule is not None and rule.allows(request.user):
            links.append({"heading": heading, "url": url, "text": text})
    return render(request, "talent/home.html", {"areas": links})
