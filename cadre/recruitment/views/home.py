"""The recruitment hub (``/recruitment/``): every recruitment page the account may use,
grouped by area, each link checked against the permission map (``access.navigation.may_open``).
A link whose page is not mounted is left out, like a link the account may not open."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cadre.access.hub import HubLink, sections_for

#: (heading, links) in the order the page shows them. Each area adds its links to its own
#: section below.
SECTIONS: tuple[tuple[str, tuple[HubLink, ...]], ...] = (
    # campaigns: links for this area go in this section.
    ("Campaigns", ()),
    # applications: links for this area go in this section.
    ("Applications", ()),
    # panels: links for this area go in this section.
    ("Sift and interview panels", ()),
    # pay: links for this area go in this section.
    ("Pay benchmarks", ()),
    # reserve: links for this area go in this section.
    ("Reserve list", ()),
    # outcomes: links for this area go in this section.
    ("Outcomes", ()),
)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "recruitment/home.html", {"sections": sections_for(request, SECTIONS)})
