"""The accreditation hub (``/accreditation/``): every accreditation page the account may
use, each link checked against the permission map (``access.navigation.may_open``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cadre.access.navigation import may_open
from cadre.accreditation.models import Assessor
from cadre.accreditation.selectors.common import person_id_of
from cadre.accreditation.selectors.measurement import may_see_measures


@dataclass(frozen=True)
class HubLink:
    label: str
    url_name: str
    description: str


#: (heading, links) in the order the page shows them.
YOURS = (
    HubLink(
        "Accreditation you could apply for",
        "accreditation:eligibility",
        "The schemes and levels you could apply for now, and what is missing.",
    ),
    HubLink(
        "Your applications",
        "accreditation:applications",
        "Start, change, submit or withdraw an application, and read decisions.",
    ),
    HubLink(
        "Applications you support",
        "accreditation:supporting",
        "Confirm the statements of colleagues who named you as their supporter.",
    ),
    HubLink(
        "Your CPD",
        "accreditation:cpd",
        "Record continuing professional development and see what each renewal needs.",
    ),
    HubLink(
        "Your credentials",
        "accreditation:credentials",
        "Download your awards as signed credentials and PDF certificates.",
    ),
)
SCHEMES = (
    HubLink(
        "Schemes and standards",
        "accreditation:schemes",
        "Every scheme, its levels and the published criteria.",
    ),
)
ASSESSING = (
    HubLink(
        "Applications to assess",
        "accreditation:assessing",
        "The applications allocated to you, to score.",
    ),
)
RUNNING = (
    HubLink(
        "Rounds",
        "accreditation:rounds",
        "Open and close rounds; allocate assessors to a round's applications.",
    ),
    HubLink(
        "Assessor pool",
        "accreditation:assessors",
        "Assessors, their families, capacity and declared conflicts.",
    ),
    HubLink(
        "Review panel",
        "accreditation:panel",
        "Applications waiting for a panel decision, and appeals.",
    ),
)
MEASURES = (
    HubLink(
        "Accreditation measures",
        "accreditation:measures",
        "Accredited people, time to decision, assessor workload and agreement, appeals.",
    ),
)


def _allowed(request: HttpRequest, links: tuple[HubLink, ...]) -> list[HubLink]:
    return [link for link in links if may_open(request.user, link.url_name)]


def home(request: HttpRequest) -> HttpResponse:
    """Links to the accreditation pages this account may use."""
    me = person_id_of(request.user)
    is_assessor = me is not None and Assessor.objects.filter(person_id=me, active=True).exists()
    sections = [
        ("Your accreditation", _allowed(request, YOURS) if me is not None else []),
        ("Standards", _allowed(request, SCHEMES)),
        ("Assessing", _allowed(request, ASSESSING) if is_assessor else []),
        ("Running the schemes", _allowed(request, RUNNING)),
        ("Measures", _allowed(request, MEASURES) if may_see_measures(request.user) else []),
    ]
    return render(
        request,
        "accreditation/cpd_home.html",
        {
            "sections": [(title, links) for title, links in sections if links],
            "has_person": me is not None,
        },
    )
