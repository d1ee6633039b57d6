"""Closed organisations in people pages: no new person for one; the people filter and the
account link still offer a closed organisation while people are recorded in it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.people.forms import PersonFilterForm
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.date(2016, 7, 14)


def test_people_choices_leave_out_closed_organisations_without_people(
        make_account, web_client) -> None:  # noqa: ANN001
    open_org = OrganisationFactory(name="Open department", abbreviation="OPN")
    empty = OrganisationFactory(name="Closed empty", abbreviation="EMP", active_to=CLOSED_ON)
    staffed = OrganisationFactory(name="Closed staffed", abbreviation="STF",
                                  active_to=CLOSED_ON)
    PersonFactory(organisation=staffed)

    filtered = set(PersonFilterForm().fields["organisation"].queryset)
    assert open_org in filtered and staffed in filtered and empty not in filtered

    admin = web_client(make_account(Role.ADMINISTRATOR))
    choose = admin.get(reverse("people:create"))
    assert set(choose.context["organisations"]) >= {open_org}
    assert not {empty, staffed} & set(choose.context["organisations"])

    link = admin.get(reverse("people:link-account"))
    offered = set(link.context["form"].fields["organisation"].queryset)
    assert open_org in offered and staffed in offered and empty not in offered
