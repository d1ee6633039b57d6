"""Closed organisations in workforce lists: a closed organisation with no people or
extracts is not listed or offered; one with people still is; uploads are open only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.workforce import selectors
from cadre.workforce.selectors_picture import picture_organisations
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.date(2016, 7, 14)


@pytest.mark.parametrize("role", [Role.ANALYST, Role.CENTRAL_TEAM])
def test_workforce_lists_keep_closed_organisations_only_with_data(make_account, web_client,
                                                                  role) -> None:  # noqa: ANN001
    open_org = OrganisationFactory(name="Open department", abbreviation="OPN")
    empty = OrganisationFactory(name="Closed empty", abbreviation="EMP", active_to=CLOSED_ON)
    staffed = OrganisationFactory(name="Closed staffed", abbreviation="STF",
                                  active_to=CLOSED_ON)
    PersonFactory(organisation=staffed)
    user = make_account(role)

    listed = set(picture_organisations(user))
    assert open_org in listed and staffed in listed and empty not in listed
    if role == Role.CENTRAL_TEAM:
        filters = set(selectors.listed_organisations(user))
        assert open_org in filters and staffed in filters and empty not in filters
        page = web_client(user).get(reverse("workforce:picture-home"))
        assert "Closed staffed (STF)</a> (closed)" in page.content.decode()
        assert "Closed empty" not in page.content.decode()
