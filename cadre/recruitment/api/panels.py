"""Sift and interview panels API (issue 21 point 3): the same selectors and services as the
pages.

- ``GET``/``POST /api/v1/recruitment/campaigns/<id>/panel/``: the panel; POST seats a person
  (the campaign's recruiters); ``DELETE .../panel-members/<id>/`` takes them off;
- ``GET``/``POST .../campaigns/<id>/panel/conflicts/``: declared conflicts of interest;
- ``POST .../campaigns/<id>/panel/allocation/`` ``{stage, dry_run}``: allocate a stage (a dry
  run writes nothing), with every exclusion and its reason;
- ``GET .../panel-assignments/``: the caller's own allocated applications;
- ``GET``/``POST .../panel-assignments/<id>/scores/``: a score sheet; POST submits every
  score of the stage at once (only the assigned member; a second submission is a 409);
- ``GET .../applications/<id>/panel/<stage>/``: the scores the caller may see (a member sees
  others' only after submitting their own), the moderation and the decision;
- ``POST .../applications/<id>/panel/<stage>/moderation/`` and ``.../decision/``: the chair;
  a decision lost to another is a 409;
- ``GET``/``PUT .../applications/<id>/feedback/`` and ``POST .../feedback/release/``.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import MAX_ID, invalid
from cadre.core.objects import get_visible_or_404
from cadre.recruitment.models import (
    MAX_CONFLICT_REASON,
    MAX_DECISION_REASONS,
    MAX_FEEDBACK_TEXT,
    MAX_MODERATION_NOTE,
    MAX_PANEL_CAPACITY,
    MAX_SCORE,
    MAX_SCORE_COMMENT,
    MIN_SCORE,
    Application,
    Assignment,
    Campaign,
    DeclaredConflict,
    Feedback,
    PanelMember,
    PanelRole,
    PanelStage,
    PanelStages,
    StageOutcome,
)
from cadre.recruitment.selectors import panels as sel
from cadre.recruitment.services import panels as services

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record, or not one you "
                                                          "can see")
_CONFLICT = OpenApiResponse(ConflictSerializer, description="Someone else got there first, "
                                                            "or it no longer changes (409)")
_STAGE = OpenApiParameter("stage", str, OpenApiParameter.PATH, enum=PanelStage.values,
                          description="sift or interview")
_MAX_CRITERIA = 100


def _actor(request: Request) -> Actor:
    return Actor.for_user(request.user)


def _campaign(request: Request, pk: Any) -> tuple[Campaign, sel.Viewer]:
    campaign = get_visible_or_404(sel.panel_campaigns(request.user), pk,
                                  message="No such panel, or not one you can see.")
    view = sel.viewer(request.user, campaign)
    if not view.may_see:
        raise Http404("No such panel, or not one you can see.")
    return campaign, view


def _stage_application(request: Request, pk: Any, stage: str) -> tuple[Application, sel.Viewer]:
    if stage not in PanelStage.values:
        raise Http404("The stage is sift or interview.")
    found = get_visible_or_404(Application.objects.filter(
        campaign__in=sel.panel_campaigns(request.user)), pk,
        message="No such application, or not one you can see.")
    view = sel.viewer(request.user, found.campaign)
    if not sel.stage_applications(request.user, found.campaign, stage, view).filter(
            pk=found.pk).exists():
        raise Http404("No such application at this stage, or not one you can see.")
    return found, view


# ------------------------------------------------------------------------ serializers


class PanelMemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.full_name")
    organisation = serializers.CharField(source="person.organisation.abbreviation")

    class Meta:
        model = PanelMember
        fields = ["id", "campaign", "person", "name", "organisation", "role", "stages",
                  "capacity", "added_at"]


class PanelMemberInput(serializers.Serializer):
    person = serializers.CharField(max_length=254, help_text="A person's id, email address "
                                                             "or staff number.")
    role = serializers.ChoiceField(choices=PanelRole.choices, default=PanelRole.MEMBER)
    stages = serializers.ChoiceField(choices=PanelStages.choices, default=PanelStages.BOTH)
    capacity = serializers.IntegerField(min_value=1, max_value=MAX_PANEL_CAPACITY, default=10)


class PanelDeclaredConflictSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeclaredConflict
        fields = ["id", "member", "application", "reason", "declared_at"]


class PanelConflictInput(serializers.Serializer):
    member = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    application = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    reason = serializers.CharField(max_length=MAX_CONFLICT_REASON)


class PanelAllocationInput(serializers.Serializer):
    stage = serializers.ChoiceField(choices=PanelStage.choices)
    dry_run = serializers.BooleanField(default=False)


class PanelPlannedApplicationSerializer(serializers.Serializer):
    application = serializers.IntegerField()
    members = serializers.ListField(child=serializers.IntegerField(),
                                    help_text="Panel member ids: those it had and those "
                                              "given now.")
    new = serializers.ListField(child=serializers.IntegerField())
    short = serializers.CharField(allow_blank=True, help_text="Why it has fewer members "
                                                              "than the stage needs.")


class PanelPlannedExclusionSerializer(serializers.Serializer):
    application = serializers.IntegerField()
    member = serializers.IntegerField()
    reason = serializers.CharField()
    words = serializers.CharField()


class PanelStagePlanSerializer(serializers.Serializer):
    campaign = serializers.IntegerField()
    stage = serializers.CharField()
    per_application = serializers.IntegerField()
    applied = serializers.BooleanField()
    problem = serializers.CharField(allow_blank=True)
    placed = serializers.IntegerField()
    applications = PanelPlannedApplicationSerializer(many=True)
    exclusions = PanelPlannedExclusionSerializer(many=True)


class PanelAssignmentSerializer(serializers.ModelSerializer):
    campaign = serializers.IntegerField(source="application.campaign_id")

    class Meta:
        model = Assignment
        fields = ["id", "application", "campaign", "stage", "member", "allocated_at",
                  "submitted_at"]


class PanelScoreSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion_id")
    score = serializers.IntegerField()
    comment = serializers.CharField(allow_blank=True)


class PanelScoreSheetSerializer(serializers.Serializer):
    assignment = PanelAssignmentSerializer()
    scores = PanelScoreSerializer(many=True, help_text="Empty until submitted.")


class PanelScoreInput(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    score = serializers.IntegerField(min_value=MIN_SCORE, max_value=MAX_SCORE,
                                     help_text="0 no evidence, 1 limited, 2 moderate, "
                                               "3 good, 4 strong.")
    comment = serializers.CharField(max_length=MAX_SCORE_COMMENT, required=False,
                                    allow_blank=True, default="")


class PanelScoresInput(serializers.Serializer):
    scores = PanelScoreInput(many=True, help_text="One per criterion of the stage.")

    def validate_scores(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > _MAX_CRITERIA:
            raise serializers.ValidationError(f"Send at most {_MAX_CRITERIA} scores.")
        return value


class PanelModerationItemInput(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    score = serializers.IntegerField(min_value=MIN_SCORE, max_value=MAX_SCORE)
    note = serializers.CharField(max_length=MAX_MODERATION_NOTE, required=False,
                                 allow_blank=True, default="")


class PanelModerationInput(serializers.Serializer):
    scores = PanelModerationItemInput(many=True)

    def validate_scores(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > _MAX_CRITERIA:
            raise serializers.ValidationError(f"Send at most {_MAX_CRITERIA} scores.")
        return value


class PanelAssessmentSerializer(serializers.Serializer):
    assignment = serializers.IntegerField(source="assignment.pk")
    member = serializers.IntegerField(source="assignment.member_id")
    name = serializers.CharField(source="assignment.member.person.full_name")
    submitted = serializers.BooleanField(help_text="Whether the member has submitted.")
    mine = serializers.BooleanField()
    hidden = serializers.BooleanField(help_text="Submitted, but shown only once you have "
                                                "submitted your own.")
    scores = PanelScoreSerializer(many=True, allow_null=True)


class PanelModerationSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion_id")
    agreed_score = serializers.IntegerField()
    note = serializers.CharField(allow_blank=True)


class PanelDecisionSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    reasons = serializers.CharField()
    decided_at = serializers.DateTimeField()


class PanelCriterionItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()


class PanelStageViewSerializer(serializers.Serializer):
    application = serializers.IntegerField(source="application.pk")
    stage = serializers.CharField()
    criteria = PanelCriterionItemSerializer(many=True)
    assessments = PanelAssessmentSerializer(many=True)
    moderation = serializers.SerializerMethodField()
    decision = PanelDecisionSerializer(allow_null=True)

    @extend_schema_field(PanelModerationSerializer(many=True))
    def get_moderation(self, obj: Any) -> list[dict[str, Any]]:
        return PanelModerationSerializer(list(obj.moderation.values()), many=True).data


class PanelDecisionInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=StageOutcome.choices)
    reasons = serializers.CharField(max_length=MAX_DECISION_REASONS)
    version = serializers.IntegerField(min_value=0, required=False, allow_null=True,
                                       default=None, help_text="The application's version "
                                                               "read; another is a 409.")


class PanelFeedbackSerializer(serializers.ModelSerializer):
    class Meta:
        model = Feedback
        fields = ["application", "text", "updated_at", "released_at"]


class PanelFeedbackInput(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_FEEDBACK_TEXT)


# ------------------------------------------------------------------------ endpoints


@extend_schema(methods=["GET"], operation_id="recruitment_panel_members",
               responses={200: PanelMemberSerializer(many=True), 404: _NOT_FOUND})
@extend_schema(methods=["POST"], operation_id="recruitment_panel_member_add",
               request=PanelMemberInput,
               responses={201: PanelMemberSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND})
@api_view(["GET", "POST"])
def panel_members(request: Request, pk: int) -> Response:
    """The campaign's panel; POST seats a person on it."""
    campaign, _view = _campaign(request, pk)
    if request.method == "POST":
        data = validated(PanelMemberInput, request.data)
        member = services.add_member(actor=_actor(request), campaign=campaign.pk, **data)
        return Response(PanelMemberSerializer(member).data, status=status.HTTP_201_CREATED)
    return Response(PanelMemberSerializer(sel.campaign_members(campaign), many=True).data)


@extend_schema(operation_id="recruitment_panel_member_remove",
               responses={204: None, 400: ErrorSerializer, 403: ErrorSerializer,
                          404: _NOT_FOUND})
@api_view(["DELETE"])
def panel_member(request: Request, pk: int) -> Response:
    """Take a member off the panel (refused once they have submitted scores)."""
    member = get_visible_or_404(
        PanelMember.objects.filter(campaign__in=sel.panel_campaigns(request.user)), pk,
        message="No such panel member, or not one you can see.")
    services.remove_member(actor=_actor(request), member=member.pk)
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(methods=["GET"], operation_id="recruitment_panel_conflicts",
               responses={200: PanelDeclaredConflictSerializer(many=True), 404: _NOT_FOUND})
@extend_schema(methods=["POST"], operation_id="recruitment_panel_conflict_declare",
               request=PanelConflictInput,
               responses={201: PanelDeclaredConflictSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND})
@api_view(["GET", "POST"])
def panel_conflicts(request: Request, pk: int) -> Response:
    """Declared conflicts (a member sees their own); POST declares one."""
    campaign, view = _campaign(request, pk)
    if request.method == "POST":
        data = validated(PanelConflictInput, request.data)
        member = PanelMember.objects.filter(pk=data["member"], campaign=campaign).first()
        if member is None:
            raise invalid("member", f"There is no member {data['member']} on this panel.")
        found = Application.objects.filter(pk=data["application"], campaign=campaign).first()
        if found is None:
            raise invalid("application", f"There is no application {data['application']} "
                                         "to this campaign.")
        conflict = services.declare_conflict(actor=_actor(request), member=member,
                                             application=found, reason=data["reason"])
        return Response(PanelDeclaredConflictSerializer(conflict).data,
                        status=status.HTTP_201_CREATED)
    rows = DeclaredConflict.objects.filter(member__campaign=campaign).order_by("pk")
    if not view.runs:
        rows = rows.filter(member=view.seat)
    return Response(PanelDeclaredConflictSerializer(rows, many=True).data)


@extend_schema(operation_id="recruitment_panel_allocate", request=PanelAllocationInput,
               responses={200: PanelStagePlanSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND})
@api_view(["POST"])
def panel_allocation(request: Request, pk: int) -> Response:
    """Allocate a stage (``dry_run``: the plan only, nothing written)."""
    campaign, _view = _campaign(request, pk)
    data = validated(PanelAllocationInput, request.data)
    if data["dry_run"]:
        plan = services.dry_run(actor=_actor(request), campaign=campaign.pk,
                                stage=data["stage"])
    else:
        plan = services.allocate_stage(actor=_actor(request), campaign=campaign.pk,
                                       stage=data["stage"])
    return Response(PanelStagePlanSerializer(plan.as_record()).data)


@paginated_list
@extend_schema(operation_id="recruitment_panel_assignments",
               parameters=[OpenApiParameter("stage", str, enum=PanelStage.values),
                           OpenApiParameter("submitted", bool)],
               responses={200: PanelAssignmentSerializer(many=True), 400: ErrorSerializer})
@api_view(["GET"])
def panel_assignments(request: Request) -> Response:
    """The caller's own allocated applications."""
    rows = sel.my_assignments(request.user)
    stage = str(request.query_params.get("stage") or "")
    if stage:
        if stage not in PanelStage.values:
            raise invalid("stage", "Choose sift or interview.")
        rows = rows.filter(stage=stage)
    submitted = str(request.query_params.get("submitted") or "").lower()
    if submitted:
        if submitted not in ("true", "false"):
            raise invalid("submitted", "Give true or false.")
        rows = rows.filter(submitted_at__isnull=submitted == "false")
    return paginated_response(request, rows, PanelAssignmentSerializer)


@extend_schema(methods=["GET"], operation_id="recruitment_panel_scores",
               responses={200: PanelScoreSheetSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["POST"], operation_id="recruitment_panel_scores_submit",
               request=PanelScoresInput,
               responses={201: PanelScoreSheetSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["GET", "POST"])
def panel_scores(request: Request, pk: int) -> Response:
    """A score sheet; POST submits every score of the stage at once (the assigned member)."""
    assignment = get_visible_or_404(sel.visible_assignments(request.user), pk,
                                    message="No such score sheet, or not one you can see.")
    code = status.HTTP_200_OK
    if request.method == "POST":
        data = validated(PanelScoresInput, request.data)
        scores = {item["criterion"]: item["score"] for item in data["scores"]}
        comments = {item["criterion"]: item["comment"] for item in data["scores"]}
        if len(scores) != len(data["scores"]):
            raise invalid("scores", "Send one score per criterion.")
        services.submit_scores(actor=_actor(request), assignment=assignment.pk, scores=scores,
                               comments=comments)
        assignment = sel.visible_assignments(request.user).get(pk=assignment.pk)
        code = status.HTTP_201_CREATED
    shown = sel.assignment_scores(assignment) if assignment.submitted_at else []
    return Response(PanelScoreSheetSerializer({"assignment": assignment, "scores": shown}).data,
                    status=code)


def _stage_record(request: Request, found: Application, stage: str,
                  view: sel.Viewer) -> dict[str, Any]:
    return PanelStageViewSerializer(sel.stage_view(request.user, found, stage, view)).data


@extend_schema(operation_id="recruitment_panel_stage", parameters=[_STAGE],
               responses={200: PanelStageViewSerializer, 404: _NOT_FOUND})
@api_view(["GET"])
def panel_stage(request: Request, pk: int, stage: str) -> Response:
    """The application at a stage: the scores the caller may see, moderation, decision."""
    found, view = _stage_application(request, pk, stage)
    return Response(_stage_record(request, found, stage, view))


@extend_schema(operation_id="recruitment_panel_moderate", parameters=[_STAGE],
               request=PanelModerationInput,
               responses={200: PanelStageViewSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["POST"])
def panel_moderation(request: Request, pk: int, stage: str) -> Response:
    """The chair's agreed scores for every criterion of the stage."""
    found, view = _stage_application(request, pk, stage)
    data = validated(PanelModerationInput, request.data)
    services.moderate(actor=_actor(request), application=found.pk, stage=stage,
                      scores={i["criterion"]: i["score"] for i in data["scores"]},
                      notes={i["criterion"]: i["note"] for i in data["scores"]})
    return Response(_stage_record(request, found, stage, view))


@extend_schema(operation_id="recruitment_panel_decide", parameters=[_STAGE],
               request=PanelDecisionInput,
               responses={200: PanelStageViewSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["POST"])
def panel_decision(request: Request, pk: int, stage: str) -> Response:
    """The chair's decision at the stage, with reasons (a second one is a 409)."""
    found, view = _stage_application(request, pk, stage)
    data = validated(PanelDecisionInput, request.data)
    services.decide(actor=_actor(request), application=found.pk, stage=stage,
                    outcome=data["outcome"], reasons=data["reasons"],
                    version=data.get("version"))
    return Response(_stage_record(request, found, stage, view))


def _feedback_application(request: Request, pk: Any) -> Application:
    found = get_visible_or_404(Application.objects.filter(
        campaign__in=sel.panel_campaigns(request.user)), pk,
        message="No such application, or not one you can see.")
    view = sel.viewer(request.user, found.campaign)
    if not (view.runs or view.chair):
        raise Http404("No such application, or not one you can see.")
    return found


@extend_schema(methods=["GET"], operation_id="recruitment_panel_feedback",
               responses={200: PanelFeedbackSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PUT"], operation_id="recruitment_panel_feedback_write",
               request=PanelFeedbackInput,
               responses={200: PanelFeedbackSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["GET", "PUT"])
def panel_feedback(request: Request, pk: int) -> Response:
    """The feedback to the candidate (the chair and the recruiters); PUT writes it until it
    is released."""
    found = _feedback_application(request, pk)
    if request.method == "PUT":
        data = validated(PanelFeedbackInput, request.data)
        row = services.write_feedback(actor=_actor(request), application=found.pk,
                                      text=data["text"])
        return Response(PanelFeedbackSerializer(row).data)
    row = Feedback.objects.filter(application=found).first()
    if row is None:
        raise Http404("No feedback has been written yet.")
    return Response(PanelFeedbackSerializer(row).data)


@extend_schema(operation_id="recruitment_panel_feedback_release", request=None,
               responses={200: PanelFeedbackSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["POST"])
def panel_feedback_release(request: Request, pk: int) -> Response:
    """Release the feedback to the candidate (a second release is a 409)."""
    found = _feedback_application(request, pk)
    row = services.release_feedback(actor=_actor(request), application=found.pk)
    return Response(PanelFeedbackSerializer(row).data)
