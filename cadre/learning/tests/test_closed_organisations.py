"""Closed organisations in learning forms: not offered for new contracts or spend
uploads; kept where people are recorded in them, or as an edited contract's buyer."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access.roles import Role
from cadre.learning.forms.contracts import ContractForm
from cadre.learning.forms.demand import DemandFilterForm
from cadre.learning.forms.rates import BenchmarkFilter
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.date(2016, 7, 14)


def test_learning_choices_leave_out_closed_organisations_without_records(make_account) -> None:  # noqa: ANN001
    open_org = OrganisationFactory(abbreviation="OPN")
    empty = OrganisationFactory(abbreviation="EMP", active_to=CLOSED_ON)
    staffed = OrganisationFactory(abbreviation="STF", active_to=CLOSED_ON)
    PersonFactory(organisation=staffed)
    central = make_account(Role.CENTRAL_TEAM)

    for form in (DemandFilterForm(), BenchmarkFilter()):
        offered = set(form.fields["organisation"].queryset)
        assert open_org in offered and staffed in offered and empty not in offered

    buyers = set(ContractForm(user=central).fields["buyers"].queryset)
    assert open_org in buyers and empty not in buyers and staffed not in buyers
    editing = ContractForm(user=central, initial={"buyers": [empty]})
    assert empty in set(editing.fields["buyers"].queryset)
