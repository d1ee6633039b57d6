"""Helpers for the organisation names and changes tests."""

from __future__ import annotations

import datetime as dt

from cadre.organisations.models import Organisation, OrganisationChange, OrganisationName
from tests.factories import OrganisationFactory


def org(abbreviation: str, name: str | None = None, *, closed: dt.date | None = None,
        ) -> Organisation:
    return OrganisationFactory(name=name or f"Organisation {abbreviation}",
                               abbreviation=abbreviation, active_to=closed)


def former(organisation: Organisation, name: str, abbreviation: str = "") -> OrganisationName:
    return OrganisationName.objects.create(organisation=organisation, name=name,
                                           abbreviation=abbreviation)


def change(kind: str, before: Organisation, after: Organisation | None,
           day: dt.date = dt.date(2020, 1, 1)) -> OrganisationChange:
    return OrganisationChange.objects.create(kind=kind, date=day, predecessor=before,
                                             successor=after)
