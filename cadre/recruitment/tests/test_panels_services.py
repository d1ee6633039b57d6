# ruff: noqa: F811 - pytest fixtures imported from panels_fixtures are named as arguments
"""Panel services: members, conflicts, allocation, scores, moderation, decisions and
feedback; who may do each, what is refused and why, and the audit trail."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict
from cadre.recruitment.models import (
    ApplicationState,
    Assignment,
    CampaignState,
    DeclaredConflict,
    Feedback,
    Moderation,
    PanelMember,
    PanelRole,
    PanelStage,
    PanelStages,
    Score,
    StageDecision,
)
from cadre.recruitment.selectors import panels as sel
from cadre.recruitment.services import panels as services
from cadre.recruitment.tests.panels_fixtures import (  # noqa: F401
    SYSTEM,
    allocate,
    panel_world,
    submit,
    submit_all,
    user_of,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def act(user) -> Actor:  # noqa: ANN001
    return Actor.for_user(user)


# ---------------------------------------------------------------- members


def test_the_hub_adds_people_from_any_organisation(panel_world) -> None:
    w = panel_world
    outsider = PersonFactory(organisation=w.org_b, email="outsider@example.com")
    member = services.add_member(actor=act(w.hub), campaign=w.campaign,
                                 person="outsider@example.com", stages="sift", capacity="4")
    assert (member.person, member.stages, member.capacity) == (outsider, "sift", 4)
    event = AuditEvent.objects.filter(summary__startswith="Panel member added").last()
    assert event.data["person"] == outsider.pk


def test_a_head_of_profession_adds_only_people_of_their_organisations(panel_world) -> None:
    w = panel_world
    with pytest.raises(ValidationError, match="recruitment hub provides"):
        services.add_member(actor=act(w.hop_a), campaign=w.campaign, person="B2")
    member = services.add_member(actor=act(w.hop_a), campaign=w.campaign, person="A2")
    assert member.person == w.people.a_manager
    with pytest.raises(PermissionDenied):
        services.add_member(actor=act(w.hop_b), campaign=w.campaign, person="B2")
    with pytest.raises(PermissionDenied):
        services.add_member(actor=act(w.other_user), campaign=w.campaign, person="A2")


def test_one_chair_no_candidate_no_duplicate_and_bad_values(panel_world) -> None:
    w = panel_world
    with pytest.raises(ValidationError, match="already chairs") as exc:
        services.add_member(actor=SYSTEM, campaign=w.campaign, person="A2", role="chair")
    assert "role" in exc.value.message_dict
    with pytest.raises(ValidationError, match="has applied"):
        services.add_member(actor=SYSTEM, campaign=w.campaign, person="A3")
    with pytest.raises(ValidationError, match="already on this panel"):
        services.add_member(actor=SYSTEM, campaign=w.campaign, person="B1")
    with pytest.raises(ValidationError) as exc:
        services.add_member(actor=SYSTEM, campaign=w.campaign, person="A2", capacity="0")
    assert "capacity" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.add_member(actor=SYSTEM, campaign=w.campaign, person="nobody@nowhere")
    assert "person" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.add_member(actor=SYSTEM, campaign=w.campaign, person="A2", stages="lunch")
    assert "stages" in exc.value.message_dict


def test_a_closed_campaign_keeps_its_panel(panel_world) -> None:
    w = panel_world
    w.campaign.state = CampaignState.CLOSED
    w.campaign.save()
    with pytest.raises(ValidationError, match="no longer changes"):
        services.add_member(actor=SYSTEM, campaign=w.campaign, person="A2")


def test_removing_a_member_drops_their_unscored_applications(panel_world) -> None:
    w = panel_world
    allocate(w)
    given = w.m_c.assignments.count()
    services.remove_member(actor=act(w.hop_a), member=w.m_c)
    assert not PanelMember.objects.filter(pk=w.m_c.pk).exists()
    event = AuditEvent.objects.filter(summary__startswith="Panel member taken off").last()
    assert event.data["assignments_removed"] == given


def test_a_member_who_submitted_stays(panel_world) -> None:
    w = panel_world
    allocate(w)
    submit(w, w.m_b.assignments.first())
    with pytest.raises(ValidationError, match="stay on the panel"):
        services.remove_member(actor=SYSTEM, member=w.m_b)


# ---------------------------------------------------------------- allocation


def test_sift_allocation_gives_two_members_each_and_keeps_conflicts_apart(panel_world) -> None:
    w = panel_world
    plan = allocate(w)
    assert plan.applied and not plan.short
    for app in (w.x, w.y, w.inside):
        assert app.assignments.filter(stage=PanelStage.SIFT).count() == 2
    # a_other works in DA, like the internal candidate a_staff1
    assert not w.inside.assignments.filter(member=w.m_other).exists()
    reasons = {(e.application.pk, e.member.pk): e.reason for e in plan.exclusions}
    assert reasons[(w.inside.pk, w.m_other.pk)] == "same_organisation"
    assert "organisation" in sel.REASON_WORDS["same_organisation"]


def test_line_chain_self_and_declared_are_kept_apart(panel_world) -> None:
    w = panel_world
    manager = services.add_member(actor=SYSTEM, campaign=w.campaign, person="A2")
    DeclaredConflict.objects.create(member=w.m_c, application=w.x, reason="Old colleague")
    plan = services.dry_run(actor=SYSTEM, campaign=w.campaign, stage="sift")
    reasons = {(e.application.pk, e.member.pk, e.reason) for e in plan.exclusions}
    assert (w.inside.pk, manager.pk, "line_chain") in reasons
    assert (w.x.pk, w.m_c.pk, "declared") in reasons
    assert not Assignment.objects.exists()  # a dry run writes nothing


def test_allocation_is_refused_at_the_wrong_stage_or_with_nothing_waiting(panel_world) -> None:
    w = panel_world
    with pytest.raises(ValidationError, match="while it is at 'Interviews'"):
        allocate(w, PanelStage.INTERVIEW)
    allocate(w)
    with pytest.raises(ValidationError, match="No applications are waiting"):
        allocate(w)
    with pytest.raises(ValidationError) as exc:
        services.allocate_stage(actor=SYSTEM, campaign=w.campaign, stage="lunch")
    assert "stage" in exc.value.message_dict


def test_only_the_campaigns_recruiters_allocate_and_not_a_candidate(panel_world) -> None:
    w = panel_world
    with pytest.raises(PermissionDenied):
        services.allocate_stage(actor=act(w.hop_b), campaign=w.campaign, stage="sift")
    with pytest.raises(PermissionDenied):
        services.allocate_stage(actor=act(w.chair_user), campaign=w.campaign, stage="sift")
    assert services.allocate_stage(actor=act(w.hop_a), campaign=w.campaign,
                                   stage="sift").applied


def test_interview_allocation_takes_three_sifted_in_applications(panel_world) -> None:
    w = panel_world
    allocate(w)
    submit_all(w, w.x)
    services.decide(actor=act(w.chair_user), application=w.x, stage="sift",
                    outcome="sifted_in", reasons="Strong evidence")
    w.campaign.state = CampaignState.INTERVIEW
    w.campaign.save()
    plan = allocate(w, PanelStage.INTERVIEW)
    assert [row.application.pk for row in plan.rows] == [w.x.pk]
    assert w.x.assignments.filter(stage=PanelStage.INTERVIEW).count() == 3


def test_a_conflict_declared_after_allocation_is_topped_up_later(panel_world) -> None:
    w = panel_world
    allocate(w)
    first = w.x.assignments.order_by("pk").first()
    services.declare_conflict(actor=act(user_of(w, first.member_id)), member=first.member_id,
                              application=w.x, reason="I managed them last year")
    assert w.x.assignments.count() == 1
    plan = allocate(w)
    assert [row.application.pk for row in plan.rows] == [w.x.pk]
    assert w.x.assignments.count() == 2
    assert not w.x.assignments.filter(member_id=first.member_id).exists()


def test_declaring_conflicts_who_may(panel_world) -> None:
    w = panel_world
    allocate(w)
    unallocated = next(a for a in (w.x, w.y, w.inside)
                       if not a.assignments.filter(member=w.m_c).exists())
    with pytest.raises(ValidationError, match="allocated to you"):
        services.declare_conflict(actor=act(w.c_user), member=w.m_c, application=unallocated,
                                  reason="Knows them")
    with pytest.raises(PermissionDenied):
        services.declare_conflict(actor=act(w.b_user), member=w.m_c, application=w.x,
                                  reason="Knows them")
    row = services.declare_conflict(actor=act(w.hop_a), member=w.m_c,
                                    application=unallocated, reason="Knows them")
    assert row.declared_by == w.hop_a
    with pytest.raises(ValidationError, match="already been declared"):
        services.declare_conflict(actor=act(w.hop_a), member=w.m_c,
                                  application=unallocated, reason="Again")
    with pytest.raises(ValidationError) as exc:
        services.declare_conflict(actor=act(w.hop_a), member=w.m_b, application=w.y,
                                  reason="")
    assert "reason" in exc.value.message_dict


# ---------------------------------------------------------------- scores


def test_only_the_assigned_member_submits_every_score_once(panel_world) -> None:
    w = panel_world
    allocate(w)
    assignment = w.x.assignments.order_by("pk").first()
    someone_else = next(u for u, seat in w.seats().items() if seat.pk != assignment.member_id)
    with pytest.raises(PermissionDenied):
        services.submit_scores(actor=act(someone_else), assignment=assignment,
                               scores={w.sift.pk: 2, w.both.pk: 2})
    with pytest.raises(PermissionDenied):
        services.submit_scores(actor=act(w.hub), assignment=assignment,
                               scores={w.sift.pk: 2, w.both.pk: 2})
    user = user_of(w, assignment.member_id)
    with pytest.raises(ValidationError) as exc:
        services.submit_scores(actor=act(user), assignment=assignment,
                               scores={w.sift.pk: 5, w.interview.pk: 1})
    errors = exc.value.message_dict
    assert f"score_{w.sift.pk}" in errors and f"score_{w.both.pk}" in errors
    assert any("not assessed at this stage" in m for m in errors["scores"])
    assert not Score.objects.exists()
    services.submit_scores(actor=act(user), assignment=assignment,
                           scores={w.sift.pk: "4", w.both.pk: 0},
                           comments={w.sift.pk: "Clear", w.both.pk: ""})
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None
    assert sorted(assignment.scores.values_list("score", flat=True)) == [0, 4]
    with pytest.raises(TransitionConflict, match="already submitted"):
        services.submit_scores(actor=act(user), assignment=assignment,
                               scores={w.sift.pk: 1, w.both.pk: 1})
    event = AuditEvent.objects.filter(summary__startswith="Scores submitted").last()
    assert "Clear" not in str(event.data)


def test_a_comment_that_is_too_long_is_refused_naming_the_field(panel_world) -> None:
    w = panel_world
    allocate(w)
    assignment = w.y.assignments.first()
    with pytest.raises(ValidationError) as exc:
        services.submit_scores(actor=act(user_of(w, assignment.member_id)),
                               assignment=assignment, scores={w.sift.pk: 1, w.both.pk: 1},
                               comments={w.sift.pk: "x" * 2001})
    assert f"comment_{w.sift.pk}" in exc.value.message_dict


# ---------------------------------------------------------------- the chair


def test_moderation_and_decision_wait_for_every_member(panel_world) -> None:
    w = panel_world
    allocate(w)
    chair = act(w.chair_user)
    with pytest.raises(ValidationError, match="have not submitted"):
        services.moderate(actor=chair, application=w.x, stage="sift",
                          scores={w.sift.pk: 3, w.both.pk: 3})
    with pytest.raises(ValidationError, match="have not submitted"):
        services.decide(actor=chair, application=w.x, stage="sift", outcome="sifted_in",
                        reasons="Good")
    submit_all(w, w.x)
    rows = services.moderate(actor=chair, application=w.x, stage="sift",
                             scores={w.sift.pk: 3, w.both.pk: 2}, notes={w.sift.pk: "Agreed"})
    assert len(rows) == 2 and rows[0].chair == w.people.b_head
    services.moderate(actor=chair, application=w.x, stage="sift",
                      scores={w.sift.pk: 2, w.both.pk: 2})
    assert Moderation.objects.get(criterion=w.sift).agreed_score == 2


def test_only_the_chair_moderates_and_decides(panel_world) -> None:
    w = panel_world
    allocate(w)
    submit_all(w, w.x)
    for user in (w.b_user, w.hub, w.hop_a):
        with pytest.raises(PermissionDenied):
            services.decide(actor=act(user), application=w.x, stage="sift",
                            outcome="sifted_in", reasons="Good")
        with pytest.raises(PermissionDenied):
            services.moderate(actor=act(user), application=w.x, stage="sift",
                              scores={w.sift.pk: 3, w.both.pk: 3})


def test_a_decision_needs_reasons_and_a_stage_outcome_and_moves_the_application(
        panel_world) -> None:
    w = panel_world
    allocate(w)
    submit_all(w, w.y)
    chair = act(w.chair_user)
    with pytest.raises(ValidationError) as exc:
        services.decide(actor=chair, application=w.y, stage="sift", outcome="sifted_out",
                        reasons="  ")
    assert "reasons" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.decide(actor=chair, application=w.y, stage="sift", outcome="appointable",
                        reasons="Why not")
    assert "outcome" in exc.value.message_dict
    decision = services.decide(actor=chair, application=w.y, stage="sift",
                               outcome="sifted_out", reasons="Thin evidence of scale")
    w.y.refresh_from_db()
    assert w.y.state == ApplicationState.SIFTED_OUT
    assert decision.decided_by == w.chair_user
    with pytest.raises(TransitionConflict):
        services.decide(actor=chair, application=w.y, stage="sift", outcome="sifted_in",
                        reasons="Changed my mind")
    with pytest.raises(TransitionConflict):
        services.moderate(actor=chair, application=w.y, stage="sift",
                          scores={w.sift.pk: 3, w.both.pk: 3})


def test_the_interview_decision_goes_through_interviewed(panel_world) -> None:
    w = panel_world
    allocate(w)
    submit_all(w, w.x)
    services.decide(actor=act(w.chair_user), application=w.x, stage="sift",
                    outcome="sifted_in", reasons="Strong")
    w.campaign.state = CampaignState.INTERVIEW
    w.campaign.save()
    allocate(w, PanelStage.INTERVIEW)
    submit_all(w, w.x, PanelStage.INTERVIEW)
    services.decide(actor=SYSTEM, application=w.x, stage="interview", outcome="appointable",
                    reasons="Met every criterion")
    w.x.refresh_from_db()
    assert w.x.state == ApplicationState.APPOINTABLE
    assert w.x.interviewed_at is not None
    assert StageDecision.objects.filter(application=w.x).count() == 2


def test_a_stale_version_is_a_conflict(panel_world) -> None:
    w = panel_world
    allocate(w)
    submit_all(w, w.x)
    with pytest.raises(TransitionConflict, match="changed since you read it"):
        services.decide(actor=act(w.chair_user), application=w.x, stage="sift",
                        outcome="sifted_in", reasons="Good", version=w.x.version + 5)


# ---------------------------------------------------------------- feedback


def test_feedback_is_written_released_once_and_then_fixed(panel_world) -> None:
    w = panel_world
    allocate(w)
    with pytest.raises(PermissionDenied):
        services.write_feedback(actor=act(w.b_user), application=w.inside, text="Hello")
    services.write_feedback(actor=act(w.chair_user), application=w.inside, text="Draft")
    services.write_feedback(actor=act(w.hop_a), application=w.inside, text="Well done")
    with pytest.raises(ValidationError, match="once the panel has decided"):
        services.release_feedback(actor=act(w.hop_a), application=w.inside)
    submit_all(w, w.inside)
    services.decide(actor=act(w.chair_user), application=w.inside, stage="sift",
                    outcome="sifted_out", reasons="Not enough evidence")
    assert sel.released_feedback(w.inside) is None
    services.release_feedback(actor=act(w.chair_user), application=w.inside)
    assert sel.released_feedback(w.inside).text == "Well done"
    with pytest.raises(TransitionConflict):
        services.release_feedback(actor=act(w.chair_user), application=w.inside)
    with pytest.raises(TransitionConflict, match="no longer changes"):
        services.write_feedback(actor=act(w.hop_a), application=w.inside, text="Changed")
    with pytest.raises(ValidationError) as exc:
        services.write_feedback(actor=act(w.hop_a), application=w.x, text="x" * 5001)
    assert "text" in exc.value.message_dict


def test_erase_texts_blanks_the_panels_free_text_and_its_history(panel_world) -> None:
    w = panel_world
    allocate(w)
    submit_all(w, w.x)
    DeclaredConflict.objects.create(member=w.m_c, application=w.x, reason="Knows Priya")
    services.moderate(actor=act(w.chair_user), application=w.x, stage="sift",
                      scores={w.sift.pk: 3, w.both.pk: 3}, notes={w.sift.pk: "Priya was good"})
    services.write_feedback(actor=act(w.hop_a), application=w.x, text="Dear Priya")
    services.decide(actor=act(w.chair_user), application=w.x, stage="sift",
                    outcome="sifted_in", reasons="Priya shows depth")
    services.erase_texts([w.x.pk])
    assert not Score.objects.filter(assignment__application=w.x).exclude(comment="").exists()
    assert Feedback.objects.get(application=w.x).text == ""
    assert "Priya" not in str(list(Moderation.history.values_list("note", flat=True)))
    assert "Priya" not in str(list(StageDecision.history.values_list("reasons", flat=True)))
    assert "Priya" not in str(list(Feedback.history.values_list("text", flat=True)))
    assert "Priya" not in str(list(DeclaredConflict.history.values_list("reason", flat=True)))


def test_member_stages_limit_who_is_allocated(panel_world) -> None:
    w = panel_world
    w.m_c.stages = PanelStages.INTERVIEW
    w.m_c.save()
    plan = allocate(w)
    assert not w.m_c.assignments.exists()
    assert w.m_c in plan.not_sitting
    assert w.chair.role == PanelRole.CHAIR
