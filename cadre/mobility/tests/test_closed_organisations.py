"""Closed organisations on the jobs board filter: kept while they have vacancies on
record, left out otherwise."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.mobility.forms import BoardFilterForm
from cadre.mobility.models import Vacancy
from cadre.mobility.tests.mobility_setup import mob  # noqa: F401
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.date(2016, 7, 14)


def test_board_filter_keeps_closed_organisations_with_vacancies(mob) -> None:  # noqa: ANN001, F811
    empty = OrganisationFactory(abbreviation="EMP", active_to=CLOSED_ON)
    hired = OrganisationFactory(abbreviation="HRD", active_to=CLOSED_ON)
    Vacancy.objects.create(organisation=hired, title="Data engineer", role_level=mob.role_level,
                           grade=mob.g7, closing_date=dt.date(2016, 6, 1))
    offered = set(BoardFilterForm().fields["organisation"].queryset)
    assert mob.org_a in offered and hired in offered and empty not in offered
