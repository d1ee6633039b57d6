"""Closed organisations in the exchange: not offered for new trades or as an empty filter,
kept (marked closed) while they hold an account."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access.roles import Role
from cadre.community.forms.exchange import StatementFilter
from cadre.community.forms.networks import PersonForm
from cadre.community.models import ExchangeAccount
from cadre.community.selectors import exchange as sel
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.date(2016, 7, 14)


def test_closed_organisations_in_exchange_choices_and_limits(make_account) -> None:  # noqa: ANN001
    open_org = OrganisationFactory(name="Open department", abbreviation="OPD")
    empty = OrganisationFactory(name="Closed empty", abbreviation="CLE", active_to=CLOSED_ON)
    traded = OrganisationFactory(name="Closed traded", abbreviation="CLT", active_to=CLOSED_ON)
    ExchangeAccount.objects.create(organisation=traded)
    central = make_account(Role.CENTRAL_TEAM)

    trading = set(sel.trading_organisations(central))
    assert open_org in trading and empty not in trading and traded not in trading

    statement = set(StatementFilter().fields["organisation"].queryset)
    assert open_org in statement and traded in statement and empty not in statement

    rows = {r["organisation"]: r["closed"] for r in sel.limit_rows()}
    assert rows == {"Closed traded": True}


def test_network_person_form_offers_closed_organisations_with_people() -> None:
    open_org = OrganisationFactory(abbreviation="OPN")
    empty = OrganisationFactory(abbreviation="EMP", active_to=CLOSED_ON)
    staffed = OrganisationFactory(abbreviation="STF", active_to=CLOSED_ON)
    PersonFactory(organisation=staffed)
    offered = set(PersonForm().fields["organisation"].queryset)
    assert open_org in offered and staffed in offered and empty not in offered
