"""Closed organisations in the bench: the search filter keeps one with people; a new
request is for an open organisation."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access.roles import Role
from cadre.bench.views import RequestForm, SearchForm
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.date(2016, 7, 14)


def test_bench_choices_leave_out_closed_organisations_without_people(make_account) -> None:  # noqa: ANN001
    open_org = OrganisationFactory(abbreviation="OPN")
    empty = OrganisationFactory(abbreviation="EMP", active_to=CLOSED_ON)
    staffed = OrganisationFactory(abbreviation="STF", active_to=CLOSED_ON)
    PersonFactory(organisation=staffed)

    searched = set(SearchForm().fields["organisation"].queryset)
    assert open_org in searched and staffed in searched and empty not in searched

    requested = set(RequestForm(user=make_account(Role.CENTRAL_TEAM))
                    .fields["organisation"].queryset)
    assert open_org in requested and empty not in requested and staffed not in requested
