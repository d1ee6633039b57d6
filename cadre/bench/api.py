"""API for the specialist bench: the same selectors and services as the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.bench import selectors as sel
from cadre.bench import services
from cadre.bench.models import BenchAvailability, DeploymentRequest
from cadre.core.api_kit import paginated, validated
from cadre.framework.models import Skill
from cadre.organisations.models import Organisation


class BenchWindowSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    organisation = serializers.CharField(source="person.organisation.abbreviation",
                                         read_only=True)
    skills = serializers.SerializerMethodField()

    class Meta:
        model = BenchAvailability
        fields = ["id", "person", "person_name", "organisation", "available_from",
                  "available_to", "skills", "note"]

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

    def get_skills(self, obj: DeploymentRequest) -> list[dict]:
        return [{"id": s.pk, "name": s.name} for s in obj.skills.all()]


class BenchWindowInput(serializers.Serializer):
    person = serializers.IntegerField()
    available_from = serializers.DateField()
    available_to = serializers.DateField()
    skills = serializers.ListField(child=serializers.IntegerField(), required=False,
                                   default=list)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DeploymentInput(serializers.Serializer):
    specialist = serializers.IntegerField()
    organisation = serializers.IntegerField(help_text="Requesting organisation id")
    programme = serializers.CharField(max_length=200)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    skills = serializers.ListField(child=serializers.IntegerField(), required=False,
                                   default=list)


class DeploymentActionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=["accept", "decline", "complete", "cancel"])
    text = serializers.CharField(required=False, allow_blank=True, default="",
                                 help_text="Reason (decline, cancel) or outcome (complete)")


def _skills(ids: list[int]) -> list[Skill]:
    found = Skill.objects.in_bulk(ids)
    missing = [i for i in ids if i not in found]
    if missing:
        raise serializers.ValidationError({"skills": f"Unknown skill id(s): {missing}."})
    return [found[i] for i in ids]


@extend_schema(
    methods=["GET"], operation_id="bench_windows_list",
    parameters=[OpenApiParameter("skill", int), OpenApiParameter("on", str),
                OpenApiParameter("until", str), OpenApiParameter("organisation", int)],
    responses=BenchWindowSerializer(many=True))
@extend_schema(methods=["POST"], operation_id="bench_windows_create", request=BenchWindowInput,
               responses=BenchWindowSerializer)
@api_view(["GET", "POST"])
def window_list(request: Request) -> Response:
    """Search bench windows (skill, on, until, organisation), or add a window."""
    if request.method == "POST":
        d = validated(BenchWindowInput, request.data)
        person = sel.bench_person(user=request.user, person_id=d["person"])
        if person is None:
            raise Http404
        window = services.add_window(actor=request.user, person=person,
                                     available_from=d["available_from"],
                                     available_to=d["available_to"],
                                     skills=_skills(d["skills"]), note=d["note"])
        return Response(BenchWindowSerializer(window).data, status=status.HTTP_201_CREATED)
    p = validated(BenchSearchInput, request.query_params)
    windows = sel.search_bench(user=request.user, skill_id=p.get("skill"), on=p.get("on"),
                               until=p.get("until"), organisation_id=p.get("organisation"))
    return paginated(request, windows, BenchWindowSerializer)


class BenchSearchInput(serializers.Serializer):
    skill = serializers.IntegerField(required=False)
    on = serializers.DateField(required=False)
    until = serializers.DateField(required=False)
    organisation = serializers.IntegerField(required=False)


@extend_schema(responses=BenchWindowSerializer)
@api_view(["GET", "DELETE"])
def window_detail(request: Request, window_id: int) -> Response:
    """One bench window; DELETE removes it (the specialist, their HoP, the central team)."""
    window = sel.visible_windows(request.user).filter(pk=window_id).first()
    if window is None:
        raise Http404
    if request.method == "DELETE":
        services.remove_window(actor=request.user, window=window)
        return Response(status=status.HTTP_204_NO_CONTENT)
    return Response(BenchWindowSerializer(window).data)


@extend_schema(methods=["GET"], operation_id="bench_deployments_list",
               parameters=[OpenApiParameter("state", str)],
               responses=DeploymentSerializer(many=True))
@extend_schema(methods=["POST"], operation_id="bench_deployments_create",
               request=DeploymentInput, responses=DeploymentSerializer)
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
            actor=request.user, specialist=specialist, organisation=organisation,
            programme=d["programme"], starts_on=d["starts_on"], ends_on=d["ends_on"],
            skills=_skills(d["skills"]))
        return Response(DeploymentSerializer(created).data, status=status.HTTP_201_CREATED)
    qs = sel.visible_requests(request.user)
    state = request.query_params.get("state")
    if state:
        qs = qs.filter(state=state)
    return paginated(request, qs.order_by("-requested_at", "-id"), DeploymentSerializer)


@extend_schema(responses=DeploymentSerializer)
@api_view(["GET"])
def deployment_detail(request: Request, request_id: int) -> Response:
    deployment = sel.request_detail(user=request.user, request_id=request_id)
    if deployment is None:
        raise Http404
    return Response(DeploymentSerializer(deployment).data)


@extend_schema(request=DeploymentActionInput, responses=DeploymentSerializer)
@api_view(["POST"])
def deployment_action(request: Request, request_id: int) -> Response:
    """Accept, decline, complete or cancel a deployment request."""
    deployment = sel.request_detail(user=request.user, request_id=request_id)
    if deployment is None:
        raise Http404
    data = validated(DeploymentActionInput, request.data)
    action, text = data["action"], data["text"]
    if action in ("accept", "decline"):
        deployment = services.decide(actor=request.user, request=deployment,
                                     accept=action == "accept", reason=text)
    elif action == "complete":
        deployment = services.complete(actor=request.user, request=deployment, outcome=text)
    else:
        deployment = services.cancel(actor=request.user, request=deployment, reason=text)
    return Response(DeploymentSerializer(deployment).data)
