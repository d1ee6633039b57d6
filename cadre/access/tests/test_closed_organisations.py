"""Closed organisations are not offered when granting a role; open ones are."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cadre.access.forms import GrantRoleForm
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_grant_role_form_offers_open_organisations_only() -> None:
    open_org = OrganisationFactory(abbreviation="OPN")
    closing_today = OrganisationFactory(abbreviation="TDY", active_to=timezone.localdate())
    closed = OrganisationFactory(abbreviation="CLO", active_to=dt.date(2016, 7, 14))
    offered = set(GrantRoleForm().fields["organisation"].queryset)
    assert {open_org, closing_today} <= offered and closed not in offered
