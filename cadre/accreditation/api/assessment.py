"""API for assessing and deciding applications: the same selectors and services as the
pages. An assessor reads and writes only their own allocations; scores of others appear
only once every assessor has submitted; a decision that lost a race is a 409."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.accreditation.models import (
    SCORE_RANGE,
    Allocation,
    Appeal,
    Application,
    CriterionScore,
    PanelDecision,
)
from cadre.accreditation.selectors import assessment as sel
from cadre.accreditation.services import assessment as services
from cadre.accreditation.services import decisions
from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer
from cadre.core.api_fields import id_list
from cadre.core.api_kit import validated
from cadre.core.inputs import LONG_TEXT, REASON_TEXT
from cadre.core.objects import get_visible_or_404
from cadre.people.models import Person

MAX_SCORES = 100


class AccreditationScoreSerializer(serializers.ModelSerializer):
    assessor = serializers.CharField(source="allocation.assessor.person.full_name",
                                     read_only=True)
    criterion_text = serializers.CharField(source="criterion.text", read_only=True)

    class Meta:
        model = CriterionScore
        fields = ["criterion", "criterion_text", "assessor", "score", "comment", "reconciled"]


class AccreditationAllocationSerializer(serializers.ModelSerializer):
    applicant = serializers.CharField(source="application.person.full_name", read_only=True)
    level = serializers.CharField(source="application.level.__str__", read_only=True)
    state = serializers.CharField(source="application.state", read_only=True)
    scores = serializers.SerializerMethodField()

    class Meta:
        model = Allocation
        fields = ["id", "application", "applicant", "level", "state", "submitted_at", "scores"]

    def get_scores(self, obj: Allocation) -> list[dict]:
        user = self.context["request"].user
        return AccreditationScoreSerializer(
            sel.visible_scores(user, obj.application), many=True).data


class AccreditationScoreInput(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1)
    score = serializers.IntegerField(min_value=SCORE_RANGE[0], max_value=SCORE_RANGE[1])
    comment = serializers.CharField(required=False, allow_blank=True, default="",
                                    max_length=LONG_TEXT)


class AccreditationScoresInput(serializers.Serializer):
    scores = AccreditationScoreInput(many=True, max_length=MAX_SCORES)


class AccreditationDecisionSerializer(serializers.ModelSerializer):
    members = serializers.SerializerMethodField()

    class Meta:
        model = PanelDecision
        fields = ["id", "application", "outcome", "reasons", "members", "on_appeal",
                  "decided_at"]

    def get_members(self, obj: PanelDecision) -> list[str]:
        return [m.full_name for m in obj.members.all()]


class AccreditationDecisionInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=decisions.OUTCOMES)
    reasons = serializers.CharField(max_length=LONG_TEXT)
    members = id_list(help_text="Person ids of the panel members.")


class AccreditationAppealSerializer(serializers.ModelSerializer):
    class Meta:
        model = Appeal
        fields = ["application", "grounds", "lodged_at", "outcome", "reasons", "decided_at"]


class AccreditationAppealInput(serializers.Serializer):
    grounds = serializers.CharField(max_length=LONG_TEXT)


class AccreditationAppealDecisionInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=decisions.APPEAL_OUTCOMES)
    reasons = serializers.CharField(max_length=REASON_TEXT)
    members = id_list(help_text="Person ids of the appeal panel.")


def _people(ids: list[int]) -> list[Person]:
    found = {p.pk: p for p in Person.objects.filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise serializers.ValidationError({"members": f"Unknown person {missing[0]}."})
    return [found[i] for i in ids]


@extend_schema(responses=AccreditationAllocationSerializer(many=True))
@api_view(["GET"])
def allocation_list(request: Request) -> Response:
    """The caller's own allocations (their assessing queue)."""
    return Response(AccreditationAllocationSerializer(
        sel.assessor_allocations(request.user), many=True, context={"request": request}).data)


@extend_schema(request=AccreditationScoresInput,
               responses={200: AccreditationAllocationSerializer})
@api_view(["GET", "PUT"])
def allocation_scores(request: Request, allocation_id: int) -> Response:
    """GET the allocation with the scores the caller may see; PUT the caller's scores
    (criterion, score 0 to 7, comment) before they submit."""
    allocation = get_visible_or_404(sel.assessor_allocations(request.user), allocation_id)
    if request.method == "PUT":
        d = validated(AccreditationScoresInput, request.data)
        services.record_scores(actor=Actor.for_user(request.user), allocation_id=allocation.pk,
                               scores={s["criterion"]: (s["score"], s["comment"])
                                       for s in d["scores"]})
    return Response(AccreditationAllocationSerializer(
        allocation, context={"request": request}).data)


@extend_schema(request=None, responses={
    200: AccreditationAllocationSerializer,
    409: OpenApiResponse(ConflictSerializer, description="No longer possible")})
@api_view(["POST"])
def allocation_submit(request: Request, allocation_id: int) -> Response:
    """Submit the caller's scores; the application moves on when both have submitted."""
    allocation = get_visible_or_404(sel.assessor_allocations(request.user), allocation_id)
    allocation = services.submit_scores(actor=Actor.for_user(request.user),
                                        allocation_id=allocation.pk)
    return Response(AccreditationAllocationSerializer(
        allocation, context={"request": request}).data)


@extend_schema(request=AccreditationDecisionInput, responses={
    201: AccreditationDecisionSerializer,
    409: OpenApiResponse(ConflictSerializer, description="Decided already")})
@api_view(["POST"])
def application_decision(request: Request, application_id: int) -> Response:
    """The review panel's decision (scheme runners)."""
    application = get_visible_or_404(sel.panel_applications(request.user), application_id)
    d = validated(AccreditationDecisionInput, request.data)
    made = decisions.decide(actor=Actor.for_user(request.user), application_id=application.pk,
                            outcome=d["outcome"], reasons=d["reasons"],
                            members=_people(d["members"]))
    return Response(AccreditationDecisionSerializer(made).data, status=201)


@extend_schema(request=AccreditationAppealInput, responses={
    201: AccreditationAppealSerializer,
    409: OpenApiResponse(ConflictSerializer, description="No longer possible")})
@api_view(["POST"])
def application_appeal(request: Request, application_id: int) -> Response:
    """The applicant appeals a "not awarded" decision within the scheme's period."""
    application = get_visible_or_404(
        sel.decided_applications(request.user).filter(state=Application.State.NOT_AWARDED),
        application_id)
    d = validated(AccreditationAppealInput, request.data)
    appeal = decisions.lodge_appeal(actor=Actor.for_user(request.user),
                                    application_id=application.pk, grounds=d["grounds"])
    return Response(AccreditationAppealSerializer(appeal).data, status=201)


@extend_schema(request=AccreditationAppealDecisionInput, responses={
    200: AccreditationAppealSerializer,
    409: OpenApiResponse(ConflictSerializer, description="Decided already")})
@api_view(["POST"])
def appeal_decision(request: Request, application_id: int) -> Response:
    """The appeal panel's decision (scheme runners; a panel with no previous part)."""
    application = get_visible_or_404(sel.panel_applications(request.user), application_id)
    d = validated(AccreditationAppealDecisionInput, request.data)
    appeal = decisions.decide_appeal(actor=Actor.for_user(request.user),
                                     application_id=application.pk, outcome=d["outcome"],
                                     reasons=d["reasons"], panel=_people(d["members"]))
    return Response(AccreditationAppealSerializer(appeal).data)
