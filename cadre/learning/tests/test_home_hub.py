"""The learning hub (``/learning/``) and the header entry: each link shown only to accounts the
permission map lets open it (own records only with a person record), and the learning
lead's home to-dos (spend to review, contracts ending within 6 months)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cadre.access.navigation import links_for, may_open
from cadre.access.roles import Role
from cadre.core.navigation import HEADER
from cadre.learning import todo_home
from cadre.learning.models import (
    Contract,
    MatchStatus,
    Provider,
    SpendImport,
    SpendLine,
)
from cadre.learning.views import home as hub
from config.permissions import PERMISSION_MAP
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

ALL_LINKS = (*hub.CATALOGUE, *hub.CONTRACTS, *hub.SPEND, *hub.FIGURES, *hub.RECORDS_OWN,
             *hub.RECORDS)
ROLES = (None, Role.PROFESSIONAL, Role.HEAD_OF_PROFESSION, Role.LEARNING_LEAD, Role.ANALYST,
         Role.CENTRAL_TEAM, Role.ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.ASSESSOR)
ORGANISATION_ROLES = (Role.HEAD_OF_PROFESSION, Role.LEARNING_LEAD, Role.ASSESSOR)


def _exists(url_name: str) -> bool:
    try:
        reverse(url_name)
    except NoReverseMatch:
        return False
    return True


def _href(link: hub.HubLink) -> str:
    return f'href="{link.href}"'


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("with_person", [False, True])
def test_the_hub_shows_each_link_only_to_whom_the_map_lets_open_it(
    role, with_person, make_account, web_client  # noqa: ANN001
) -> None:
    organisation = OrganisationFactory()
    person = PersonFactory(organisation=organisation) if with_person else None
    user = make_account(role, organisation if role in ORGANISATION_ROLES else None, person)
    response = web_client(user).get(reverse("learning:home"))
    assert response.status_code == 200
    page = response.content.decode()
    own = hub.own_links(user)
    assert bool(own) == with_person
    for link in (*ALL_LINKS, *own):
        if not _exists(link.url_name):
            continue
        if link in hub.RECORDS_OWN or link.url_name == hub.PLAN_LINKS.url_name:
            shown = link in own and may_open(user, link.url_name, link.args)
        else:
            shown = may_open(user, link.url_name, link.args)
        # The label and the address both: two links may one day share an address.
        assert (link.label in page and _href(link) in page) == shown, (role, link.url_name)
    if with_person and may_open(user, "learning:xapi-plan-links", (str(person.pk),)):
        assert f'href="{reverse("learning:xapi-plan-links", args=[person.pk])}"' in page


def test_the_hub_groups_its_links_in_order(make_account, web_client) -> None:  # noqa: ANN001
    user = make_account(Role.ADMINISTRATOR)
    sections = web_client(user).get(reverse("learning:home")).context["sections"]
    titles = [title for title, _ in sections]
    order = ["Catalogue", "Contracts", "Spend", "Figures", "Learning records"]
    assert titles == [t for t in order if t in titles]
    assert all(links for _, links in sections)


def test_every_hub_link_is_a_learning_page_in_the_permission_map() -> None:
    """A hub link names a page of this app that exists and has a map entry."""
    for link in (*ALL_LINKS, hub.PLAN_LINKS):
        assert link.url_name.startswith("learning:"), link
        assert link.url_name in PERMISSION_MAP, link.url_name
    for link in ALL_LINKS:
        assert _exists(link.url_name), link.url_name


def test_a_professional_without_learning_roles_still_opens_the_hub(
    make_account, web_client  # noqa: ANN001
) -> None:
    person = PersonFactory()
    user = make_account(Role.PROFESSIONAL, None, person)
    page = web_client(user).get(reverse("learning:home")).content.decode()
    assert "Learning" in page
    assert "not linked to a person record" not in page
    for link in (*hub.SPEND, *hub.CONTRACTS):
        if _exists(link.url_name):
            assert _href(link) not in page, link.url_name


def test_an_account_without_a_person_is_told_it_has_no_records(
    make_account, web_client  # noqa: ANN001
) -> None:
    page = web_client(make_account(Role.ANALYST)).get(reverse("learning:home")).content.decode()
    assert "not linked to a person record" in page
    assert hub.RECORDS_OWN[0].label not in page and hub.PLAN_LINKS.label not in page


def test_the_header_links_the_hub_for_every_signed_in_account(make_account) -> None:  # noqa: ANN001
    for role in ROLES:
        organisation = OrganisationFactory() if role in ORGANISATION_ROLES else None
        labels = [link.entry.label
                  for link in links_for(make_account(role, organisation), HEADER)]
        assert "Learning" in labels, role
        position = labels.index("Learning")
        if "Accreditation" in labels:
            assert labels.index("Accreditation") == position - 1


# The learning lead's home to-dos.


@pytest.fixture
def lead_world(make_account):  # noqa: ANN001, ANN201
    """A learning lead for one organisation; a contract and spend lines there and elsewhere."""
    ours, theirs = OrganisationFactory(), OrganisationFactory()
    lead = make_account(Role.LEARNING_LEAD, ours)
    provider = Provider.objects.create(name="Northwind Learning")
    today = timezone.localdate()
    for reference, organisation, days in (("C-OURS-SOON", ours, 60), ("C-OURS-LATE", ours, 300),
                                          ("C-THEIRS", theirs, 30), ("C-OURS-OVER", ours, -5)):
        contract = Contract.objects.create(
            reference=reference, title=reference, supplier=provider,
            starts_on=today - dt.timedelta(days=400), ends_on=today + dt.timedelta(days=days))
        contract.buyers.add(organisation)
    for organisation, statuses in ((ours, [MatchStatus.REVIEW] * 3 + [MatchStatus.MATCHED]),
                                   (theirs, [MatchStatus.REVIEW] * 2)):
        spend = SpendImport.objects.create(organisation=organisation, filename="spend.csv")
        SpendLine.objects.bulk_create([
            SpendLine(spend_import=spend, organisation=organisation, row=i + 2, spent_on=today,
                      year=2026, supplier_text="Northwind", amount=Decimal("100.00"),
                      match_status=status)
            for i, status in enumerate(statuses)])
    return lead, ours, theirs


def test_a_learning_lead_is_told_of_their_organisations_spend_and_contracts(lead_world) -> None:  # noqa: ANN001
    lead, ours, _ = lead_world
    assert todo_home.spend_to_review(lead) == 3
    assert todo_home.contracts_ending(lead) == 1
    items = {item.url_name: item for item in todo_home.waiting(lead)}
    assert items["learning:spend-review"].count == 3
    assert items["learning:contracts"].count == 1


def test_others_get_no_learning_to_dos(lead_world, make_account) -> None:  # noqa: ANN001
    for role in (Role.CENTRAL_TEAM, Role.ANALYST, Role.PROFESSIONAL, None):
        assert todo_home.waiting(make_account(role)) == []
    empty = make_account(Role.LEARNING_LEAD, OrganisationFactory())
    assert todo_home.waiting(empty) == []


def test_the_lead_home_page_shows_the_to_dos_that_lead_to_pages(
    lead_world, web_client  # noqa: ANN001
) -> None:
    lead, _, _ = lead_world
    page = web_client(lead).get("/").content.decode()
    assert "Learning spend lines to review" in page
    assert f'href="{reverse("learning:spend-review")}"' in page
    assert "Learning contracts ending within 6 months" in page
    assert f'href="{reverse("learning:contracts")}"' in page
