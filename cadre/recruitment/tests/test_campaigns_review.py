# ruff: noqa: F811 - pytest fixtures imported from panels_fixtures are named as arguments
"""Review fixes: interviews do not start while applications wait for the sift, a campaign
is not decided while applications wait for the panel, nor closed while an offer waits for
an answer (they would stay there for ever)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cadre.recruitment.models import Application, ApplicationState, Campaign, CampaignState
from cadre.recruitment.services import campaigns as services
from cadre.recruitment.tests.panels_fixtures import SYSTEM, panel_world  # noqa: F401

pytestmark = pytest.mark.django_db


def _state(campaign: Campaign) -> str:
    return Campaign.objects.get(pk=campaign.pk).state


def _all_sifted_in(w) -> None:  # noqa: ANN001
    Application.objects.filter(campaign=w.campaign).update(state=ApplicationState.SIFTED_IN)


def test_no_interviews_while_applications_wait_for_the_sift(panel_world) -> None:  # noqa: ANN001
    w = panel_world
    Application.objects.filter(pk=w.x.pk).update(state=ApplicationState.SIFTED_IN)
    Application.objects.filter(pk=w.y.pk).update(state=ApplicationState.SIFTED_OUT)
    with pytest.raises(ValidationError) as caught:
        services.transition(actor=SYSTEM, campaign_id=w.campaign.pk, to="interview")
    assert "1 application(s) still wait for the sift decision" in str(
        caught.value.message_dict["to"])
    assert _state(w.campaign) == CampaignState.SIFT
    Application.objects.filter(pk=w.inside.pk).update(state=ApplicationState.WITHDRAWN)
    services.transition(actor=SYSTEM, campaign_id=w.campaign.pk, to="interview")
    assert _state(w.campaign) == CampaignState.INTERVIEW


def test_not_decided_while_applications_wait_for_the_panel(panel_world) -> None:  # noqa: ANN001
    w = panel_world
    _all_sifted_in(w)
    services.transition(actor=SYSTEM, campaign_id=w.campaign.pk, to="interview")
    with pytest.raises(ValidationError) as caught:
        services.transition(actor=SYSTEM, campaign_id=w.campaign.pk, to="decided")
    assert "3 application(s)" in str(caught.value.message_dict["to"])
    assert _state(w.campaign) == CampaignState.INTERVIEW
    Application.objects.filter(pk__in=[w.x.pk, w.y.pk]).update(
        state=ApplicationState.NOT_APPOINTABLE)
    Application.objects.filter(pk=w.inside.pk).update(state=ApplicationState.OFFERED)
    services.transition(actor=SYSTEM, campaign_id=w.campaign.pk, to="decided")
    with pytest.raises(ValidationError) as caught:
        services.transition(actor=SYSTEM, campaign_id=w.campaign.pk, to="closed")
    assert "1 application(s)" in str(caught.value.message_dict["to"])
    assert _state(w.campaign) == CampaignState.DECIDED
    Application.objects.filter(pk=w.inside.pk).update(state=ApplicationState.APPOINTED)
    services.transition(actor=SYSTEM, campaign_id=w.campaign.pk, to="closed")
    assert _state(w.campaign) == CampaignState.CLOSED


def test_cancelling_is_never_held_up_by_applications(panel_world) -> None:  # noqa: ANN001
    w = panel_world
    services.transition(actor=SYSTEM, campaign_id=w.campaign.pk, to="cancelled",
                        reason="The post was withdrawn")
    assert _state(w.campaign) == CampaignState.CANCELLED
