"""The learning supply hub (``/learning/``): every learning page the account may use, grouped
(catalogue, contracts, spend, figures, learning records), each link checked against the
permission map (``access.navigation.may_open``). A link whose page is not there (its URL name
not mounted) is left out, like a link the account may not open."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from cadre.access.navigation import may_open


@dataclass(frozen=True)
class HubLink:
    label: str
    url_name: str
    description: str
    args: tuple[str, ...] = ()

    @property
    def href(self) -> str:
        return reverse(self.url_name, args=self.args)


#: The links of each heading, in the order the page shows them. ``RECORDS_OWN`` and
#: ``PLAN_LINKS`` are about the account's own person record: shown only to accounts linked
#: to one (``own_links``).
CATALOGUE = (
    HubLink("Learning products", "learning:products",
            "Courses, e-learning, qualifications, coaching and conferences, with the framework "
            "skills and levels each builds, its price and who may take it."),
    HubLink("Providers", "learning:providers",
            "The suppliers of learning and the products each sells."),
    HubLink("Import the catalogue", "learning:catalogue-import",
            "Add or update providers and products from a CSV or XLSX file."),
)
CONTRACTS = (
    HubLink("Contract register", "learning:contracts",
            "Call-off contracts with their suppliers, buyers, dates, ceiling values and rate "
            "cards, and those ending in the next 6 and 12 months."),
    HubLink("Supply frameworks", "learning:frameworks",
            "Framework agreements, their lots and the skills each lot covers."),
    HubLink("What the contracts cover", "learning:contracts-coverage",
            "Which framework skills and levels the current contracts cover, and which they "
            "do not."),
    HubLink("Import contracts", "learning:contracts-import",
            "Add contracts and their rate cards from a CSV or XLSX file."),
)
SPEND = (
    HubLink("Spend files", "learning:spend-imports",
            "Learning spend imported per organisation, file by file, with the problems "
            "found."),
    HubLink("Import a spend file", "learning:spend-upload",
            "Read an organisation's spend file through a saved column mapping."),
    HubLink("Spend lines to review", "learning:spend-review",
            "Suppliers and descriptions the matcher was unsure of: confirm or correct them."),
    HubLink("Spend column mappings", "learning:spend-mappings",
            "How each organisation's spend file headers map onto spend fields."),
)
FIGURES = (
    HubLink("Spend baseline", "learning:baseline",
            "Spend by organisation, supplier, product and skill family, per year and per head "
            "of the profession."),
    HubLink("Price variance", "learning:variance",
            "Unit prices paid for the same product by each organisation, the spread and the "
            "saving at the median or the best contracted rate."),
    HubLink("Demand from skill gaps", "learning:demand",
            "People who need a skill at a level by a date, by organisation, skill, level and "
            "quarter, with the products that build it and demand packs per lot."),
    HubLink("Contractor day rates", "learning:rates",
            "Day-rate benchmarks by role family and level: median, interquartile range and "
            "count."),
    HubLink("Day rates by organisation and supplier", "learning:rates-variance",
            "How each organisation's and supplier's day rates compare with the benchmarks."),
    HubLink("Day rates above the 75th percentile", "learning:rates-above",
            "How many rates are above their role level's upper quartile, per organisation "
            "and supplier."),
    HubLink("Contractors above the 75th percentile, named", "learning:rates-named",
            "The contractors of the organisations you manage whose day rate is flagged."),
    HubLink("Contingent labour against employed staff", "learning:rates-costs",
            "The yearly cost of contractors against filling the roles with employed staff at "
            "the grade's pay."),
    HubLink("Pay ranges", "learning:pay-ranges",
            "The pay range of each grade, used to cost roles filled with employed staff."),
)
RECORDS_OWN = (
    HubLink("Your learning records", "learning:xapi-my-records",
            "What your learning providers have recorded you completing or passing, and the "
            "CPD it added."),
)
#: The account's own plan activities and the products they are linked to (args: the
#: account's person id, filled in by ``sections_for``).
PLAN_LINKS = HubLink("Link your plan activities to learning products", "learning:xapi-plan-links",
                     "Link an activity of your development plan to a product, so that the "
                     "provider's learning record completes it.")
RECORDS = (
    HubLink("Learning records received", "learning:xapi-statements",
            "Statements providers sent through the xAPI endpoint, and their voiding."),
    HubLink("Provider credentials", "learning:xapi-credentials",
            "The credentials each learning provider sends its records with."),
)


def person_id_of(user: object) -> int | None:
    """The id of the account's person record; None without one (or signed out)."""
    try:
        person = user.person  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - no linked person (RelatedObjectDoesNotExist, anonymous)
        return None
    return person.pk if person is not None else None


def has_person(user: object) -> bool:
    """Whether the account is linked to a person record."""
    return person_id_of(user) is not None


def own_links(user: object) -> tuple[HubLink, ...]:
    """The links about the account's own person record (none without one)."""
    person = person_id_of(user)
    if person is None:
        return ()
    return (*RECORDS_OWN, replace(PLAN_LINKS, args=(str(person),)))


def _allowed(request: HttpRequest, links: tuple[HubLink, ...]) -> list[HubLink]:
    return [link for link in links if may_open(request.user, link.url_name, link.args)]


def sections_for(request: HttpRequest) -> list[tuple[str, list[HubLink]]]:
    """The hub's headings with the links this account may open; empty headings left out."""
    sections = [
        ("Catalogue", _allowed(request, CATALOGUE)),
        ("Contracts", _allowed(request, CONTRACTS)),
        ("Spend", _allowed(request, SPEND)),
        ("Figures", _allowed(request, FIGURES)),
        ("Learning records",
         _allowed(request, own_links(request.user)) + _allowed(request, RECORDS)),
    ]
    return [(title, links) for title, links in sections if links]


def home(request: HttpRequest) -> HttpResponse:
    """Links to the learning supply pages this account may use."""
    return render(
        request,
        "learning/home.html",
        {"sections": sections_for(request), "has_person": has_person(request.user)},
    )
