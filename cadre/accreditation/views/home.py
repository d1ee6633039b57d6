"""The accreditation hub (``/accreditation/``): every accreditation page the account may
use, each link checked against the permission map (``access.navigation.may_open``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from cadre.access.navigation import may_open
from cadre.accreditation.selectors.common import person_id_of, runs_scheme
from cadre.accreditation.selectors.measurement import may_see_measures


@dataclass(frozen=True)
class HubLink:
    label: str
    url_name: str
    description: str
    args: tuple[str, ...] = ()

    @property
    def href(self) -> str:
        return reverse(self.url_name, args=self.args)


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
RECORDS = (
    HubLink(
        "Every award",
        "accreditation:credentials",
        "Every award and its credential; suspend, reinstate, renew or revoke one.",
    ),
)
CHECKING = (
    HubLink(
        "The issuer's profile",
        "accreditation:credential-issuer",
        "Who issues the credentials, as an Open Badges profile (JSON).",
    ),
    HubLink(
        "The issuer's public keys",
        "accreditation:credential-keys",
        "The keys that sign every credential, to check a signature (JSON Web Key Set).",
    ),
    HubLink(
        "The revocation list",
        "accreditation:credential-status-list",
        "The signed list of revoked credentials.",
        ("revocation",),
    ),
    HubLink(
        "The suspension list",
        "accreditation:credential-status-list",
        "The signed list of suspended credentials.",
        ("suspension",),
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
    return [link for link in links if may_open(request.user, link.url_name, link.args)]


def home(request: HttpRequest) -> HttpResponse:
    """Links to the accreditation pages this account may use."""
    me = person_id_of(request.user)
    runner = runs_scheme(request.user)
    sections = [
        ("Your accreditation", _allowed(request, YOURS) if me is not None else []),
        ("Standards", _allowed(request, SCHEMES)),
        ("Assessing", _allowed(request, ASSESSING)),
        (
            "Running the schemes",
            _allowed(request, RUNNING) + (_allowed(request, RECORDS) if runner else []),
        ),
        ("Measures", _allowed(request, MEASURES) if may_see_measures(request.user) else []),
        ("Checking a credential", _allowed(request, CHECKING)),
    ]
    return render(
        request,
        "accreditation/cpd_home.html",
        {
            "sections": [(title, links) for title, links in sections if links],
            "has_person": me is not None,
        },
    )
