"""Closed organisations in talent: not offered for a new appraisal cycle (page or API);
an existing cycle of a closed organisation is still listed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.talent.models import AppraisalCycle
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.date(2016, 7, 14)


def test_new_cycles_are_for_open_organisations_and_old_ones_stay_listed(
        make_account, web_client, api_client) -> None:  # noqa: ANN001
    OrganisationFactory(name="Open department", abbreviation="OPN")
    empty = OrganisationFactory(name="Closed empty", abbreviation="EMP", active_to=CLOSED_ON)
    rated = OrganisationFactory(name="Closed rated", abbreviation="RTD", active_to=CLOSED_ON)
    AppraisalCycle.objects.create(organisation=rated, name="Year end 2015",
                                  opens_on=dt.date(2015, 4, 1), closes_on=dt.date(2015, 6, 1))
    central = make_account(Role.CENTRAL_TEAM)

    response = web_client(central).get(reverse("talent:cycles"))
    choices = set(response.context["form"].fields["organisation"].queryset
                  .values_list("abbreviation", flat=True))
    assert "OPN" in choices and "EMP" not in choices and "RTD" not in choices
    assert "Year end 2015" in response.content.decode()

    refused = api_client(central).post(reverse("api:talent-cycle-list"), {
        "organisation": empty.pk, "name": "Too late", "opens_on": "2026-04-01",
        "closes_on": "2026-06-01"}, format="json")
    assert refused.status_code == 400
    assert "has closed" in str(refused.json())
