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
    ("Campaigns", (
        HubLink("Recruitment campaigns", "recruitment:campaigns",
                "Campaigns open for applications, and the campaigns of the organisations you "
                "recruit for: their assessment plans, pay ranges and progress."),
        HubLink("Start a recruitment campaign", "recruitment:campaign-create",
                "From a vacancy that went external, or for a new senior role."),
    )),
    # applications: links for this area go in this section.
    ("Applications", (
        HubLink("Your applications", "recruitment:my-applications",
                "Applications you made to recruitment campaigns, where they are, and "
                "withdrawing one."),
    )),
    # panels: links for this area go in this section.
    ("Sift and interview panels", (
        HubLink("Sift and interview panels", "recruitment:panels",
                "The panels you sit on, with the applications allocated to you to score, "
                "and the panels of the campaigns you run: members, allocation without "
                "conflicts of interest, moderation, decisions and feedback."),
    )),
    # pay: links for this area go in this section.
    ("Pay benchmarks", (
        HubLink("Pay benchmarks", "recruitment:pay-benchmarks",
                "For a role level and grade: what employed people are paid, contractors' "
                "day rates as a yearly cost, and the market figures the hub entered."),
        HubLink("Add a market pay figure", "recruitment:pay-market-add",
                "The recruitment hub records what the market pays, with its source."),
    )),
    # reserve: links for this area go in this section.
    ("Reserve list", (
        HubLink("Reserve list", "recruitment:reserve",
                "Candidates found appointable but not appointed who agreed to be offered a "
                "similar role elsewhere within 12 months, without a second assessment; your "
                "own entries and the offers made to you."),
        HubLink("Add a candidate to the reserve list", "recruitment:reserve-add",
                "From a decided campaign you recruit for, with the candidate's consent."),
    )),
    # outcomes: links for this area go in this section.
    ("Outcomes", (
        HubLink("Recruitment outcomes", "recruitment:outcomes",
                "Time to hire, appointable candidates per campaign, appointments from inside "
                "and outside government, and senior posts filled from inside by quarter."),
    )),
)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "recruitment/home.html", {"sections": sections_for(request, SECTIONS)})
