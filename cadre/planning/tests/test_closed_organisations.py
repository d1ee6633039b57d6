"""Closed organisations in planning: no new plan for one; one with plans stays in the
list's filter, marked closed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.framework.models import Framework, RoleFamily
from cadre.planning import selectors as sel
from cadre.planning import services
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.date(2016, 7, 14)


def test_plans_offer_open_organisations_and_keep_closed_ones_with_plans(
        make_account, web_client) -> None:  # noqa: ANN001
    open_org = OrganisationFactory(name="Open department", abbreviation="OPN")
    empty = OrganisationFactory(name="Closed empty", abbreviation="EMP", active_to=CLOSED_ON)
    planned = OrganisationFactory(name="Closed planned", abbreviation="PLN",
                                  active_to=CLOSED_ON)
    framework = Framework.objects.create(name="Test", version="1", is_default=True)
    family = RoleFamily.objects.create(framework=framework, name="Data")
    services.create_plan(actor=None, organisation=planned, role_family=family,
                         first_year=2027, attrition_rate="0.1")
    central = make_account(Role.CENTRAL_TEAM)

    offered = set(sel.plan_organisations(central))
    assert open_org in offered and empty not in offered and planned not in offered

    page = web_client(central).get(reverse("planning:plans")).content.decode()
    assert "Closed planned (closed)</option>" in page
    assert "Closed empty" not in page
