"""Closed organisations in accreditation: left out of the award table and the person
chooser unless they have awards or people; kept, marked closed, when they do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cadre.access.roles import Role
from cadre.access.services import grant_role
from cadre.accreditation.forms.allocation import AssessorForm
from cadre.accreditation.models import Award, Scheme, SchemeLevel
from cadre.accreditation.selectors.measurement import accredited_tables
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.date(2016, 7, 14)


def test_award_table_and_person_chooser_leave_out_empty_closed_organisations(
        make_account) -> None:  # noqa: ANN001
    open_org = OrganisationFactory(name="Open department", abbreviation="OPN")
    empty = OrganisationFactory(name="Closed empty", abbreviation="EMP", active_to=CLOSED_ON)
    awarded = OrganisationFactory(name="Closed awarded", abbreviation="AWD", active_to=CLOSED_ON)
    level = SchemeLevel.objects.create(scheme=Scheme.objects.create(name="Tech"),
                                       name="Practitioner", ordinal=1)
    today = timezone.localdate()
    Award.objects.create(person=PersonFactory(organisation=awarded), level=level,
                         awarded_on=today, expires_on=today + dt.timedelta(days=700),
                         status_index=1)
    head = make_account(Role.HEAD_OF_PROFESSION, organisation=open_org)
    for org in (empty, awarded):
        grant_role(user=head, role=Role.HEAD_OF_PROFESSION, organisation=org, actor=None)

    by_org = accredited_tables(head)[0]
    assert by_org.row_labels == ["Closed awarded (closed)", "Open department"]

    offered = set(AssessorForm().fields["organisation"].queryset)
    assert open_org in offered and awarded in offered and empty not in offered
