"""The strategy hub (``/strategy/``): every strategy page the account may use, grouped by
area, each link checked against the permission map (``access.navigation.may_open``). A link
whose page is not mounted is left out, like a link the account may not open."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cadre.access.hub import HubLink, sections_for

#: (heading, links) in the order the page shows them. Each area adds its links to its own
#: section below.
SECTIONS: tuple[tuple[str, tuple[HubLink, ...]], ...] = (
    # workstreams: links for this area go in this section.
    ("Workstreams and milestones", (
        HubLink("Strategies, workstreams and milestones", "strategy:strategies",
                "Each strategy's workstreams and their lead organisations, dated milestones "
                "with forecasts and status, and the owner's and central team's delivery "
                "confidence."),
        HubLink("Delivery confidence scales and reporting periods", "strategy:confidence",
                "The scales ratings are given on, and the period each is pinned to."),
    )),
    # commitments: links for this area go in this section.
    ("Departmental commitments", (
        HubLink("Commitments, progress and plans", "strategy:commitments",
                "Each strategy action with every organisation's commitment and yearly "
                "progress and plans side by side, and each organisation across actions."),
        HubLink("Import commitments", "strategy:commitments-import",
                "Load published commitments from a file, matching organisation names."),
    )),
    # metrics: links for this area go in this section.
    ("Metrics", (
        HubLink("Metrics", "strategy:metrics",
                "Definitions, values by organisation and period, charts and history."),
        HubLink("Published metrics", "strategy:metrics-published",
                "The agreed set of metrics, with downloads."),
    )),
    # functions: links for this area go in this section.
    ("The retained ICT function", (
        HubLink("ICT functions", "strategy:functions",
                "The shared list of ICT functions and the role families and levels each "
                "needs."),
        HubLink("Reference operating models", "strategy:function-models",
                "Which functions a centralised, federated or minimal ICT organisation keeps "
                "in house."),
        HubLink("Functions kept in house across government", "strategy:function-retention",
                "Each department's matrix of sourcing and maturity, its checks against the "
                "workforce, and how it compares with the reference models."),
    )),
    # suppliers: links for this area go in this section.
    ("Strategic suppliers", (
        HubLink("Strategic suppliers", "strategy:suppliers",
                "Each supplier's scores across government, period by period, and its "
                "performance plan."),
        HubLink("Supplier assessment framework", "strategy:supplier-framework",
                "The criteria every department scores suppliers against, by version, and "
                "the assessment periods."),
    )),
    # contributions: links for this area go in this section.
    ("Contributions to the whole of government", (
        HubLink("Your contributions", "strategy:contributions-mine",
                "What you have done for the whole of government, collected from Cadre's "
                "records, and offering it as evidence in your appraisal."),
        HubLink("Contributions by organisation", "strategy:contributions-counts",
                "How many people in each organisation contributed, by kind, for a year."),
    )),
)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "strategy/home.html", {"sections": sections_for(request, SECTIONS)})
