"""API for the IT and CIO Academies: the same selectors and services as the pages."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer
from cadre.core.api_kit import validated
from cadre.core.inputs import LONG_TEXT, REASON_TEXT
from cadre.core.objects import get_visible_or_404
from cadre.programmes.models import Academy, AcademyModule, Candidate, SelectionRound
from cadre.programmes.selectors import academies as sel
from cadre.programmes.services import academies as services


class AcademyModuleSerializer(serializers.ModelSerializer):
    provider = serializers.CharField(source="provider.name", default=None, read_only=True)
    skills = serializers.SerializerMethodField()

    class Meta:
        model = AcademyModule
        fields = ["id", "title", "description", "provider", "skills"]

    def get_skills(self, obj: AcademyModule) -> list[dict]:
        return [{"skill": ms.skill.name, "level": ms.level.name}
                for ms in obj.skills.select_related("skill", "level")]


class AcademySerializer(serializers.ModelSerializer):
    modules = AcademyModuleSerializer(many=True, read_only=True)

    class Meta:
        model = Academy
        fields = ["id", "name", "kind", "description", "cadre_size", "membership_months",
                  "modules"]


class AcademyCandidateSerializer(serializers.ModelSerializer):
    staff_number = serializers.CharField(source="person.staff_number", read_only=True)
    organisation = serializers.CharField(source="organisation.abbreviation", read_only=True)

    class Meta:
        model = Candidate
        fields = ["id", "staff_number", "organisation", "state", "feedback"]


class AcademySelectionRoundSerializer(serializers.ModelSerializer):
    cadre_capacity = serializers.IntegerField(source="cadre.capacity", read_only=True)
    candidates = serializers.SerializerMethodField()

    class Meta:
        model = SelectionRound
        fields = ["id", "academy", "name", "state", "cadre", "cadre_capacity", "candidates"]

    def get_candidates(self, obj: SelectionRound) -> list[dict]:
        user = self.context["request"].user
        return AcademyCandidateSerializer(sel.visible_candidates(user).filter(round=obj),
                                   many=True).data


class AcademyRoundTransitionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=services.ROUND_ACTIONS)
    reason = serializers.CharField(required=False, allow_blank=True, default="",
                                   max_length=REASON_TEXT)


class AcademyCandidateTransitionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=services.CANDIDATE_ACTIONS)
    statement = serializers.CharField(required=False, allow_blank=True, default="",
                                      max_length=LONG_TEXT)
    feedback = serializers.CharField(required=False, allow_blank=True, default="",
                                     max_length=LONG_TEXT)


@extend_schema(responses=AcademySerializer(many=True))
@api_view(["GET"])
def academy_list(request: Request) -> Response:
    return Response(AcademySerializer(sel.visible_academies(request.user), many=True).data)


@extend_schema(responses=AcademySerializer)
@api_view(["GET"])
def academy_detail(request: Request, academy_id: int) -> Response:
    return Response(AcademySerializer(
        get_visible_or_404(sel.visible_academies(request.user), academy_id)).data)


@extend_schema(responses=AcademySelectionRoundSerializer)
@api_view(["GET"])
def round_detail(request: Request, round_id: int) -> Response:
    """A round with the candidates (and decisions) the caller may see."""
    round_ = get_visible_or_404(sel.visible_rounds(request.user), round_id)
    return Response(AcademySelectionRoundSerializer(round_, context={"request": request}).data)


@extend_schema(request=AcademyRoundTransitionInput, responses={
    200: AcademySelectionRoundSerializer,
    409: OpenApiResponse(ConflictSerializer, description="No longer possible")})
@api_view(["POST"])
def round_transition(request: Request, round_id: int) -> Response:
    """The round's next step: open_applications, open_scoring or decide."""
    round_ = get_visible_or_404(sel.visible_rounds(request.user), round_id)
    d = validated(AcademyRoundTransitionInput, request.data)
    round_ = services.transition_round(actor=Actor.for_user(request.user), round_id=round_.pk,
                                       action=d["action"], reason=d["reason"])
    return Response(AcademySelectionRoundSerializer(round_, context={"request": request}).data)


@extend_schema(request=AcademyCandidateTransitionInput, responses={
    200: AcademyCandidateSerializer,
    409: OpenApiResponse(ConflictSerializer, description="No longer possible")})
@api_view(["POST"])
def candidate_transition(request: Request, candidate_id: int) -> Response:
    """A candidate's step: apply (the nominee, with a statement), score, offer or decline
    (the central team, with feedback)."""
    cand = get_visible_or_404(sel.visible_candidates(request.user), candidate_id)
    d = validated(AcademyCandidateTransitionInput, request.data)
    cand = services.transition_candidate(actor=Actor.for_user(request.user),
                                         candidate_id=cand.pk, action=d["action"],
                                         statement=d["statement"], feedback=d["feedback"])
    return Response(AcademyCandidateSerializer(cand).data)
