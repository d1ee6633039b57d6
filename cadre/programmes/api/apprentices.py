"""API for the apprentices programme: the same selectors and services as the pages."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.objects import get_visible_or_404
from cadre.programmes.models import APPRENTICE_YEARS, Apprentice
from cadre.programmes.selectors import apprentices as sel
from cadre.programmes.services import apprentices as services


class ApprenticeSerializer(serializers.ModelSerializer):
    staff_number = serializers.CharField(source="person.staff_number", read_only=True)
    employer = serializers.CharField(source="employer.abbreviation", read_only=True)
    standard = serializers.CharField(source="cohort.standard.reference_number", read_only=True)
    cohort = serializers.CharField(source="cohort.name", read_only=True)

    class Meta:
        model = Apprentice
        fields = ["id", "staff_number", "employer", "standard", "cohort", "training_provider",
                  "started_on", "state", "gateway_on", "finished_on", "went_next"]


class ApprenticeTransitionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(services.APPRENTICE_ACTIONS))
    on = serializers.DateField(required=False, allow_null=True, default=None)
    went_next = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                      default="")


class TargetQuery(serializers.Serializer):
    year = serializers.IntegerField(min_value=APPRENTICE_YEARS[0],
                                    max_value=APPRENTICE_YEARS[1])


class TargetRecordSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    year_start = serializers.DateField()
    headcount_date = serializers.DateField(allow_null=True)
    headcount_at_start = serializers.IntegerField(allow_null=True)
    in_scope = serializers.BooleanField(
        allow_null=True, help_text="The target applies: 250 or more employees at the start "
        "of the year (null with no headcount)")
    new_apprentice_starts = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True)
    target_met = serializers.BooleanField(
        allow_null=True, help_text="At least 2.3%; null when not in scope or not known")


@paginated_list
@extend_schema(responses=ApprenticeSerializer(many=True))
@api_view(["GET"])
def apprentice_list(request: Request) -> Response:
    """Apprentices the caller may see."""
    return paginated_response(request, sel.visible_apprentices(request.user),
                              ApprenticeSerializer)


@extend_schema(request=ApprenticeTransitionInput, responses={
    200: ApprenticeSerializer,
    409: OpenApiResponse(ConflictSerializer, description="No longer possible")})
@api_view(["POST"])
def apprentice_transition(request: Request, apprentice_id: int) -> Response:
    """The apprentice's next step: to_gateway, start_epa, complete or withdraw."""
    apprentice = get_visible_or_404(sel.visible_apprentices(request.user), apprentice_id)
    d = validated(ApprenticeTransitionInput, request.data)
    done = services.transition_apprentice(actor=Actor.for_user(request.user),
                                          apprentice_id=apprentice.pk, action=d["action"],
                                          on=d["on"], went_next=d["went_next"])
    return Response(ApprenticeSerializer(done).data)


@extend_schema(parameters=[OpenApiParameter("year", int, required=True,
                                            description="The reporting year (from 1 April)")],
               responses=TargetRecordSerializer(many=True))
@api_view(["GET"])
def apprenticeship_target(request: Request) -> Response:
    """Each organisation's new apprentice starts against 2.3% of its headcount at the start
    of the year (the caller's organisations; every organisation for the central team).
    The target applies only with 250 or more employees (``in_scope``); otherwise
    ``target_met`` is null."""
    year = validated(TargetQuery, request.query_params)["year"]
    return Response([row.as_record() for row in sel.apprenticeship_target(request.user, year)])
