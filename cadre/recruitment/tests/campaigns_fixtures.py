"""A small world for the campaigns tests: mobility's world (a framework, two organisations,
accounts per role), a vacancy of Department A that went external, and helpers that start
and open campaigns through the services."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from cadre.core.actor import Actor
from cadre.mobility import services as mobility
from cadre.mobility.tests.mobility_setup import mob, open_vacancy  # noqa: F401 - fixture
from cadre.recruitment.models import Campaign, CriterionMethod, CriterionStage
from cadre.recruitment.services import campaigns as services

CLI = Actor.command_line("tests")


def external(mob: Any, **kwargs: Any) -> Any:  # noqa: F811
    """An open vacancy of A taken external (the policy's days counted as passed)."""
    vacancy = open_vacancy(mob, **kwargs)
    later = timezone.localdate() + dt.timedelta(days=400)
    return mobility.decide_external(actor=CLI, vacancy=vacancy, reason="Nobody applied.",
                                    today=later)


def new_campaign(w: Any, *, organisation: Any = None, actor: Any = CLI, **kwargs: Any
                 ) -> Campaign:
    values = {"organisation": organisation or w.org_a, "title": "Chief data architect",
              "role_level": w.role_level, "grade": w.g6, "pay_min": 70000, "pay_max": 80000,
              "location": "Leeds (hybrid)",
              "closing_date": timezone.localdate() + dt.timedelta(days=30)}
    values.update(kwargs)
    return services.create_campaign(actor=actor, **values)


def opened(w: Any, **kwargs: Any) -> Campaign:
    """A campaign whose plan has a criterion at interview, opened."""
    campaign = new_campaign(w, **kwargs)
    services.add_criterion(actor=CLI, campaign=campaign, text="Presents a plan",
                           stage=CriterionStage.INTERVIEW,
                           method=CriterionMethod.PRESENTATION)
    return services.transition(actor=CLI, campaign_id=campaign.pk, to="open")


@pytest.fixture
def world(mob):  # noqa: ANN001, ANN201, F811
    """mob plus ``vacancy`` (A's, gone external) and the accounts by role."""
    vacancy = external(mob)
    return SimpleNamespace(
        mob=mob, org_a=mob.org_a, org_b=mob.org_b, role_level=mob.role_level, g6=mob.g6,
        g7=mob.g7, skills=mob.skills, framework=mob.framework, vacancy=vacancy,
        people=mob.people)
