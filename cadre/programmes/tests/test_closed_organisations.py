"""Closed organisations in programme forms: not offered for new postings, placements or
starts; still offered where people or places are recorded, or as an edited offer's host."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access.roles import Role
from cadre.programmes.forms.apprentices import PlacementForm
from cadre.programmes.forms.fast_stream import EnrolForm, OfferForm
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.date(2016, 7, 14)


def test_programme_forms_leave_out_closed_organisations_without_records(make_account) -> None:  # noqa: ANN001
    open_org = OrganisationFactory(abbreviation="OPN")
    empty = OrganisationFactory(abbreviation="EMP", active_to=CLOSED_ON)
    staffed = OrganisationFactory(abbreviation="STF", active_to=CLOSED_ON)
    PersonFactory(organisation=staffed)
    central = make_account(Role.CENTRAL_TEAM)

    enrol = set(EnrolForm().fields["organisation"].queryset)
    assert open_org in enrol and staffed in enrol and empty not in enrol

    hosts = set(OfferForm(user=central).fields["host_organisation"].queryset)
    assert open_org in hosts and empty not in hosts and staffed not in hosts
    editing = OfferForm(user=central, initial={"host_organisation": empty.pk})
    assert empty in set(editing.fields["host_organisation"].queryset)

    placements = set(PlacementForm().fields["host_organisation"].queryset)
    assert open_org in placements and empty not in placements
