"""Fixtures for the learning exchange tests: three organisations, accounts per role, and
an offer by organisation A starting next week."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from cadre.community.models import ExchangeOffer
from cadre.community.services import exchange as services
from cadre.core.actor import Actor
from cadre.organisations.models import Organisation
from tests.factories import OrganisationFactory

CLI = Actor.command_line("tests")


def next_week(days: int = 7) -> dt.datetime:
    return (timezone.now() + dt.timedelta(days=days)).replace(microsecond=0)


def offer_values(**overrides: object) -> dict:
    values = {"title": "Introduction to service design", "description": "A half day.",
              "skills": "User research, Service design", "starts_at": next_week(),
              "duration_minutes": 180, "format": "online", "location": "",
              "places": 10, "credits_per_place": 2}
    values.update(overrides)
    return values


def make_offer(organisation: Organisation, **overrides: object) -> ExchangeOffer:
    return services.create_offer(actor=CLI, organisation=organisation,
                                 **offer_values(**overrides))


@dataclass
class World:
    org_a: Organisation
    org_b: Organisation
    org_c: Organisation
    offer: ExchangeOffer


@pytest.fixture
def exchange_world(org_a, org_b) -> World:  # noqa: ANN001
    org_c = OrganisationFactory(name="Fire Service C", abbreviation="FC")
    return World(org_a=org_a, org_b=org_b, org_c=org_c, offer=make_offer(org_a))
