# ruff: noqa: F811 - pytest fixtures imported from panels_fixtures are named as arguments
"""Review fixes at the panels' seams: digits that are not ASCII are a clear error, a
decision's reasons stay out of the audit trail and go with the candidate's data, and a
panel member cannot apply to the campaign they sit on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.recruitment.models import (
    Application,
    Assignment,
    Campaign,
    CampaignState,
    PanelStage,
    StageDecision,
)
from cadre.recruitment.services import applications as application_services
from cadre.recruitment.services import panels as services
from cadre.recruitment.tests.panels_fixtures import (  # noqa: F401
    SYSTEM,
    allocate,
    criteria_of,
    panel_world,
    submit_all,
    user_of,
)

pytestmark = pytest.mark.django_db

SECRET = "Told us about a long illness in 2023"


@pytest.mark.parametrize("value", ["²", "٣", "１"])
def test_digits_that_are_not_ascii_are_a_clear_error(panel_world, value) -> None:  # noqa: ANN001
    w = panel_world
    with pytest.raises(ValidationError) as caught:
        services.add_member(actor=SYSTEM, campaign=w.campaign, person=w.people.a_manager,
                            capacity=value)
    assert "capacity" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.add_member(actor=SYSTEM, campaign=w.campaign, person=value)
    assert "person" in caught.value.message_dict
    allocate(w)
    assignment = Assignment.objects.filter(application=w.x).first()
    with pytest.raises(ValidationError) as caught:
        services.submit_scores(
            actor=Actor.for_user(user_of(w, assignment.member_id)), assignment=assignment,
            scores={c.pk: value for c in criteria_of(w, PanelStage.SIFT)})
    assert any(key.startswith("score_") for key in caught.value.message_dict)


def _decided(w) -> StageDecision:  # noqa: ANN001
    allocate(w)
    submit_all(w, w.x)
    return services.decide(actor=Actor.for_user(w.chair_user), application=w.x,
                           stage=PanelStage.SIFT, outcome="sifted_out", reasons=SECRET)


def test_a_decisions_reasons_stay_out_of_the_audit_trail(panel_world) -> None:  # noqa: ANN001
    decision = _decided(panel_world)
    assert decision.reasons == SECRET
    assert not [e for e in AuditEvent.objects.all() if SECRET in str(e.data) + e.summary]


def test_the_purge_erases_decision_reasons_and_change_reasons(panel_world) -> None:  # noqa: ANN001
    w = panel_world
    _decided(w)
    application_services.withdraw(actor=SYSTEM, application_id=w.y.pk, reason=SECRET)
    Campaign.objects.filter(pk=w.campaign.pk).update(
        state=CampaignState.CLOSED, closed_on=dt.date(2024, 1, 31))
    application_services.purge_expired(actor=SYSTEM, today=dt.date(2026, 1, 1))
    decision = StageDecision.objects.get(application=w.x)
    assert SECRET not in decision.reasons
    assert not StageDecision.history.filter(reasons__contains=SECRET).exists()
    for pk in (w.x.pk, w.y.pk):
        reasons = Application.history.filter(id=pk).values_list("history_change_reason",
                                                                flat=True)
        assert not [r for r in reasons if r and SECRET[:20] in r]


def test_a_panel_member_cannot_apply_to_their_campaign(panel_world) -> None:  # noqa: ANN001
    w = panel_world
    Campaign.objects.filter(pk=w.campaign.pk).update(state=CampaignState.OPEN)
    with pytest.raises(ValidationError) as caught:
        application_services.apply(actor=Actor.for_user(w.other_user), campaign=w.campaign)
    assert "panel" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        application_services.record_application(actor=SYSTEM, campaign=w.campaign,
                                                 person=w.people.b_head)
    assert "person" in caught.value.message_dict
    assert not Application.objects.filter(candidate__person=w.people.b_head).exists()
