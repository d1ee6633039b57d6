"""API for the specialist bench: the same selectors and services as the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
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

from cadre.bench import selectors as sel
from cadre.bench import services
from cadre.bench.models import BenchAvailability, DeploymentRequest
from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer
from cadre.core.api_fields import IdField, id_list
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import LONG_TEXT, REASON_TEXT, parse_choice
from cadre.core.objects import get_visible_or_404
from cadre.framework.models import Skill
from cadre.organisations.models import Organisation


class _SkillRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class BenchWindowSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    organisation = serializers.CharField(source="person.organisation.abbreviation",
                                         read_only=True)
    skills = serializers.SerializerMethodField()

    class Meta:
        model = BenchAvailability
        fields = ["id", "person", "person_name", "organisation", "available_from",
                  "available_to", "skills", "note"]

    @extend_schema_field(_SkillRef(many=True))
    def get_skills(self, obj: BenchAvailability) -> list[dict]:
        return [{"id": s.pk, "name": s.name} for s in obj.skills.all()]


class DeploymentSerializer(serializers.ModelSerializer):
    specialist_name = serializers.CharField(source="specialist.full_name", read_only=True)
    requesting_organisation = serializers.CharField(
        source="requesting_organisation.abbreviation", read_only=True)
    skills = serializers.SerializerMethodField()

    class Meta:
        model = DeploymentRequest
        fields = ["id", "programme", "requesting_organisation", "specialist",
                  "specialist_name", "starts_on", "ends_on", "skills", "state", "outcome",
                  "requested_at"]

    @extend_schema_field(_SkillRef(many=True))
    def get_skills(self, obj: DeploymentRequest) -> list[dict]:
        return [{"id": s.pk, "name": s.name} for s in obj.skills.all()]


class BenchWindowInput(serializers.Serializer):
    person = IdField()
    available_from = serializers.DateField()
    available_to = serializers.DateField()
    skills = id_list(required=False,
                     default=list)
    note = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")


class DeploymentInput(serializers.Serializer):
    specialist = IdField()
    organisation = IdField(help_text="Requesting organisation id")
    programme = serializers.CharField(max_length=200)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    skills = id_list(required=False,
                     default=list)


class DeploymentActionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(services.REQUEST_ACTIONS))
    text = serializers.CharField(max_length=REASON_TEXT,
                                 required=False, allow_blank=True, default="",
                                 help_text="Reason (decline, cancel) or outcome (complete)")


_NO_PERSON = OpenApiResponse(ErrorSerializer, description="No such person on the bench for you")


def _skills(ids: list[int]) -> list[Skill]:
    found = Skill.objects.in_bulk(ids)
    missing = [i for i in ids if i not in found]
    if missing:
        raise serializers.ValidationError({"skills": f"Unknown skill id(s): {missing}."})
    return [found[i] for i in ids]


@paginated_list
@extend_schema(
    methods=["GET"], operation_id="bench_windows_list",
    parameters=[OpenApiParameter("skill", int), OpenApiParameter("on", OpenApiTypes.DATE),
                OpenApiParameter("until", OpenApiTypes.DATE),
                OpenApiParameter("organisation", int)],
    responses=BenchWindowSerializer(many=True))
@extend_schema(methods=["POST"], operation_id="bench_windows_create", request=BenchWindowInput,
               responses={201: BenchWindowSerializer, 404: _NO_PERSON})
@api_view(["GET", "POST"])
def window_list(request: Request) -> Response:
    """Search bench windows (skill, on, until, organisation), or add a window."""
    if request.method == "POST":
        d = validated(BenchWindowInput, request.data)
        person = sel.bench_person(user=request.user, person_id=d["person"])
        if person is None:
            raise Http404
        window = services.add_window(actor=Actor.for_user(request.user), person=person,
                                     available_from=d["available_from"],
                                     available_to=d["available_to"],
                                     skills=_skills(d["skills"]), note=d["note"])
        return Response(BenchWindowSerializer(window).data, status=status.HTTP_201_CREATED)
    p = validated(BenchSearchInput, request.query_params)
    windows = sel.search_bench(user=request.user, skill_id=p.get("skill"), on=p.get("on"),
                               until=p.get("until"), organisation_id=p.get("organisation"))
    return paginated_response(request, windows, BenchWindowSerializer)


class BenchSearchInput(serializers.Serializer):
    skill = IdField(required=False)
    on = serializers.DateField(required=False)
    until = serializers.DateField(required=False)
    organisation = IdField(required=False)


@extend_schema(responses=BenchWindowSerializer)
@api_view(["GET", "DELETE"])
def window_detail(request: Request, window_id: int) -> Response:
    """One bench window; DELETE removes it (the specialist, their HoP, the central team)."""
    window = get_visible_or_404(sel.visible_windows(request.user), window_id)
    if request.method == "DELETE":
        services.remove_window(actor=Actor.for_user(request.user), window=window)
        return Response(status=status.HTTP_204_NO_CONTENT)
    return Response(BenchWindowSerializer(window).data)


@paginated_list
@extend_schema(methods=["GET"], operation_id="bench_deployments_list",
               parameters=[OpenApiParameter("state", str,
                                            enum=DeploymentRequest.State.values)],
               responses=DeploymentSerializer(many=True))
@extend_schema(methods=["POST"], operation_id="bench_deployments_create",
               request=DeploymentInput,
               responses={201: DeploymentSerializer, 404: _NO_PERSON})
@api_view(["GET", "POST"])
def deployment_list(request: Request) -> Response:
    """Deployment requests the caller may see, or raise a new one."""
    if request.method == "POST":
        d = validated(DeploymentInput, request.data)
        specialist = sel.bench_person(user=request.user, person_id=d["specialist"])
        if specialist is None:
            raise Http404
        organisation = Organisation.objects.filter(pk=d["organisation"]).first()
        created = services.request_deployment(
            actor=Actor.for_user(request.user), specialist=specialist, organisation=organisation,
            programme=d["programme"], starts_on=d["starts_on"], ends_on=d["ends_on"],
            skills=_skills(d["skills"]))
        return Response(DeploymentSerializer(created).data, status=status.HTTP_201_CREATED)
    qs = sel.visible_requests(request.user)
    state = parse_choice(request.query_params.get("state"), field="state",
                         choices=DeploymentRequest.State.values, default="")
    if state:
        qs = qs.filter(state=state)
    return paginated_response(request, qs.order_by("-requested_at", "-id"),
                              DeploymentSerializer)


@extend_schema(responses=DeploymentSerializer)
@api_view(["GET"])
def deployment_detail(request: Request, request_id: int) -> Response:
    deployment = get_visible_or_404(sel.visible_requests(request.user), request_id)
    return Response(DeploymentSerializer(deployment).data)


@extend_schema(request=DeploymentActionInput, responses={
    200: DeploymentSerializer,
    409: OpenApiResponse(ConflictSerializer, description="No longer possible")})
@api_view(["POST"])
def deployment_action(request: Request, request_id: int) -> Response:
    """Accept, decline, complete or cancel a deployment request."""
    deployment = get_visible_or_404(sel.visible_requests(request.user), request_id)
    data = validated(DeploymentActionInput, request.data)
    deployment = services.transition_request(
        actor=Actor.for_user(request.user), request_id=deployment.pk, action=data["action"],
        text=data["text"])
    return Response(DeploymentSerializer(deployment).data)
