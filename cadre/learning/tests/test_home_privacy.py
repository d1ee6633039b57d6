"""Who opens the learning hub: nobody signed out (sent to sign in); every signed-in account,
which sees only the links it may open and no record of anyone (the hub holds no records:
the learning lead's to-do counts are only their organisations')."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cadre.access.roles import Role
from cadre.learning import todo_home
from cadre.learning.models import Contract, Provider
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_signed_out_is_sent_to_sign_in() -> None:
    response = Client().get(reverse("learning:home"))
    assert response.status_code == 302 and "sign-in" in response["Location"]
    response = Client().get("/learning/")
    assert response.status_code == 302 and "sign-in" in response["Location"]


@pytest.mark.parametrize("role", [None, Role.PROFESSIONAL, Role.ANALYST, Role.CENTRAL_TEAM])
def test_every_signed_in_account_opens_the_hub(role, make_account, web_client) -> None:  # noqa: ANN001
    response = web_client(make_account(role)).get("/learning/")
    assert response.status_code == 200


def test_the_hub_names_no_contract_or_organisation(make_account, web_client) -> None:  # noqa: ANN001
    """Records belong on the areas' pages, which scope them; the hub shows only links."""
    other = OrganisationFactory(name="Ministry of Elsewhere")
    provider = Provider.objects.create(name="Secret Supplier Limited")
    today = timezone.localdate()
    contract = Contract.objects.create(
        reference="SECRET-1", title="Confidential coaching", supplier=provider,
        starts_on=today, ends_on=today + dt.timedelta(days=30))
    contract.buyers.add(other)
    for role in (Role.PROFESSIONAL, Role.LEARNING_LEAD, Role.CENTRAL_TEAM):
        organisation = OrganisationFactory() if role == Role.LEARNING_LEAD else None
        page = web_client(make_account(role, organisation)).get(
            reverse("learning:home")).content.decode()
        for secret in ("Ministry of Elsewhere", "Secret Supplier", "SECRET-1", "Confidential"):
            assert secret not in page, (role, secret)


def test_a_learning_lead_counts_only_their_own_organisations(make_account) -> None:  # noqa: ANN001
    other = OrganisationFactory()
    provider = Provider.objects.create(name="Other Supplier")
    today = timezone.localdate()
    contract = Contract.objects.create(
        reference="OTHER-1", title="Their contract", supplier=provider,
        starts_on=today, ends_on=today + dt.timedelta(days=30))
    contract.buyers.add(other)
    lead = make_account(Role.LEARNING_LEAD, OrganisationFactory())
    assert todo_home.waiting(lead) == []
