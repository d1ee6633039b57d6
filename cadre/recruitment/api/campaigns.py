"""Recruitment campaigns API (issue 21 point 1): the same selectors and services as the pages.

- ``GET``/``POST /api/v1/recruitment/campaigns/`` (``?state=&organisation=&q=``): the
  campaigns the caller may see (open ones for everyone signed in; every one of their
  organisations for heads of profession; all for the hub); POST starts one, from
  ``vacancy`` (gone external) or for ``organisation`` as a new senior role;
- ``GET``/``PATCH .../campaigns/<id>/``: PATCH changes the fields sent of a draft or open
  campaign and names the ``version`` read: another stored one is a 409;
- ``GET``/``POST .../campaigns/<id>/criteria/``: the assessment plan; POST adds a criterion;
- ``PATCH``/``DELETE .../criteria/<id>/``: change or remove a criterion;
- ``POST .../campaigns/<id>/transition/`` ``{to, version, reason}``: the one way the state
  moves (409 when no longer possible or the version is stale).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
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
from cadre.core.inputs import invalid
from cadre.core.objects import get_visible_or_404
from cadre.organisations.models import Organisation
from cadre.recruitment.models import (
    MAX_CAMPAIGN_TITLE,
    MAX_CANCEL_REASON,
    MAX_CRITERIA,
    MAX_CRITERION_TEXT,
    MAX_LOCATION,
    MAX_PAY,
    MAX_RETENTION_MONTHS,
    MIN_RETENTION_MONTHS,
    Campaign,
    CampaignState,
    Criterion,
    CriterionMethod,
    CriterionStage,
    Engagement,
)
from cadre.recruitment.selectors import campaigns as sel
from cadre.recruitment.services import campaigns as services

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record, or not one "
                                                          "you can see")
_CONFLICT = OpenApiResponse(ConflictSerializer, description="Changed by someone else, or no "
                                                            "longer possible (409)")


def _conflict(exc: services.CampaignConflict, state: str = "conflict") -> Response:
    return Response({"detail": exc.message,
                     "errors": [{"field": exc.field, "message": exc.message}],
                     "current_state": state}, status=status.HTTP_409_CONFLICT)


def _param(request: Request, name: str) -> str:
    value = str(request.query_params.get(name) or "").strip()
    if "\x00" in value:
        raise invalid(name, "Remove the NUL character.")
    if len(value) > 200:
        raise invalid(name, "Use at most 200 characters.")
    return value


def _campaign(request: Request, pk: Any) -> Campaign:
    return get_visible_or_404(sel.visible_campaigns(request.user), pk,
                              message="No such campaign, or not one you can see.")


class CampaignCriterionSerializer(serializers.ModelSerializer):
    skill = serializers.CharField(source="skill.name", allow_null=True, default=None,
                                  help_text="The framework skill's name, or null.")
    skill_id = serializers.IntegerField(allow_null=True, read_only=True)

    class Meta:
        model = Criterion
        fields = ["id", "order", "text", "skill_id", "skill", "stage", "method"]


class CampaignSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.abbreviation")
    role_level = serializers.CharField(source="role_level.name")
    role = serializers.CharField(source="role_level.role.name")
    grade = serializers.CharField(source="grade.code")
    pay_min = serializers.IntegerField(allow_null=True, help_text="Whole pounds a year.")
    pay_max = serializers.IntegerField(allow_null=True, help_text="Whole pounds a year.")
    criteria = CampaignCriterionSerializer(many=True, read_only=True)
    may_manage = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = ["id", "title", "organisation", "vacancy_id", "role", "role_level_id",
                  "role_level", "grade", "pay_min", "pay_max", "location", "closing_date",
                  "engagement", "retention_months", "state", "opened_at", "closed_on",
                  "version", "may_manage", "criteria"]

    def get_may_manage(self, obj: Campaign) -> bool:
        request = self.context.get("request")
        return bool(request is not None and sel.may_manage(request.user, obj))


class CampaignPayFigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    people = serializers.CharField(help_text="How many people the figure rests on, in words.")
    low = serializers.IntegerField(allow_null=True)
    median = serializers.IntegerField(allow_null=True)
    high = serializers.IntegerField(allow_null=True)
    source = serializers.CharField()
    source_date = serializers.DateField(allow_null=True)
    suppressed = serializers.BooleanField()


class CampaignPayCheckSerializer(serializers.Serializer):
    low = serializers.IntegerField(allow_null=True, source="benchmark.low")
    median = serializers.IntegerField(allow_null=True, source="benchmark.median")
    high = serializers.IntegerField(allow_null=True, source="benchmark.high")
    basis = serializers.CharField(source="benchmark.basis_label")
    sources = CampaignPayFigureSerializer(many=True, source="benchmark.sources")
    flags = serializers.ListField(child=serializers.CharField(),
                                  help_text="Words for a pay range outside the benchmark.")


class CampaignDetailSerializer(CampaignSerializer):
    pay_benchmark = serializers.SerializerMethodField(
        help_text="The pay benchmark for the role level and grade, and how the range sits "
                  "against it: for those who run the campaign, when there is one.")

    class Meta(CampaignSerializer.Meta):
        fields = [*CampaignSerializer.Meta.fields, "pay_benchmark"]

    @extend_schema_field(CampaignPayCheckSerializer(allow_null=True))
    def get_pay_benchmark(self, obj: Campaign) -> dict[str, Any] | None:
        request = self.context.get("request")
        if request is None or not sel.may_manage(request.user, obj):
            return None
        return CampaignPayCheckSerializer(sel.pay_check(obj)).data


class CampaignCreateInput(serializers.Serializer):
    vacancy = serializers.IntegerField(min_value=1, required=False, allow_null=True,
                                       default=None, help_text="A vacancy gone external.")
    organisation = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                         default="", help_text="An abbreviation; not needed "
                                         "with a vacancy.")
    title = serializers.CharField(max_length=MAX_CAMPAIGN_TITLE, required=False,
                                  allow_blank=True, default="")
    role_level = serializers.IntegerField(min_value=1, required=False, allow_null=True,
                                          default=None, help_text="A role level's id.")
    grade = serializers.CharField(max_length=40, required=False, allow_blank=True, default="",
                                  help_text="A grade's code, for example G6.")
    pay_min = serializers.IntegerField(min_value=1, max_value=MAX_PAY, required=False,
                                       allow_null=True, default=None)
    pay_max = serializers.IntegerField(min_value=1, max_value=MAX_PAY, required=False,
                                       allow_null=True, default=None)
    location = serializers.CharField(max_length=MAX_LOCATION, required=False, allow_blank=True,
                                     default="")
    closing_date = serializers.DateField(required=False, allow_null=True, default=None)
    engagement = serializers.ChoiceField(choices=Engagement.choices, required=False,
                                         default=Engagement.PERMANENT)
    retention_months = serializers.IntegerField(min_value=MIN_RETENTION_MONTHS,
                                                max_value=MAX_RETENTION_MONTHS,
                                                required=False, default=12)
    seed_criteria = serializers.BooleanField(required=False, default=True)


class CampaignChangeInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=0, required=False, allow_null=True,
                                       help_text="The version read; another stored one is "
                                                 "a 409.")
    title = serializers.CharField(max_length=MAX_CAMPAIGN_TITLE)
    role_level_id = serializers.IntegerField(
        min_value=1, help_text="A role level's id (as read in role_level_id).")
    grade = serializers.CharField(max_length=40)
    pay_min = serializers.IntegerField(min_value=1, max_value=MAX_PAY, allow_null=True)
    pay_max = serializers.IntegerField(min_value=1, max_value=MAX_PAY, allow_null=True)
    location = serializers.CharField(max_length=MAX_LOCATION)
    closing_date = serializers.DateField()
    engagement = serializers.ChoiceField(choices=Engagement.choices)
    retention_months = serializers.IntegerField(min_value=MIN_RETENTION_MONTHS,
                                                max_value=MAX_RETENTION_MONTHS)


class CampaignCriterionInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=0, required=False, allow_null=True,
                                       help_text="The campaign's version read.")
    text = serializers.CharField(max_length=MAX_CRITERION_TEXT)
    skill = serializers.IntegerField(min_value=1, required=False, allow_null=True,
                                     help_text="A framework skill's id.")
    stage = serializers.ChoiceField(choices=CriterionStage.choices, required=False)
    method = serializers.ChoiceField(choices=CriterionMethod.choices, required=False)
    order = serializers.IntegerField(min_value=1, max_value=MAX_CRITERIA * 10, required=False,
                                     allow_null=True)


class CampaignTransitionInput(serializers.Serializer):
    to = serializers.ChoiceField(choices=[s for s in CampaignState.values
                                          if s != CampaignState.DRAFT])
    version = serializers.IntegerField(min_value=0, required=False, allow_null=True,
                                       help_text="The version read; another stored one is "
                                                 "a 409.")
    reason = serializers.CharField(max_length=MAX_CANCEL_REASON, required=False,
                                   allow_blank=True, default="",
                                   help_text="Required to cancel.")


def _actor(request: Request) -> Actor:
    return Actor.for_user(request.user)


@paginated_list
@extend_schema(methods=["GET"], operation_id="recruitment_campaigns",
               parameters=[OpenApiParameter("state", str, enum=CampaignState.values),
                           OpenApiParameter("organisation", str,
                                            description="An organisation's abbreviation."),
                           OpenApiParameter("q", str, description="Part of the title.")],
               responses={200: CampaignSerializer(many=True), 400: ErrorSerializer})
@extend_schema(methods=["POST"], operation_id="recruitment_campaign_create",
               request=CampaignCreateInput,
               responses={201: CampaignDetailSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 409: _CONFLICT})
@api_view(["GET", "POST"])
def campaign_list(request: Request) -> Response:
    """Campaigns the caller may see; POST starts one (a draft)."""
    if request.method == "POST":
        data = dict(validated(CampaignCreateInput, request.data))
        try:
            campaign = services.create_campaign(actor=_actor(request), **data)
        except services.CampaignConflict as exc:
            return _conflict(exc)
        return Response(CampaignDetailSerializer(campaign, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)
    state = _param(request, "state")
    if state and state not in CampaignState.values:
        raise invalid("state", f"Choose one of {', '.join(CampaignState.values)}.")
    abbreviation = _param(request, "organisation")
    organisation = None
    if abbreviation:
        organisation = Organisation.objects.filter(abbreviation__iexact=abbreviation).first()
        if organisation is None:
            raise invalid("organisation", f"There is no organisation '{abbreviation[:40]}'.")
    rows = sel.campaigns(request.user, state=state or None, organisation=organisation,
                         search=_param(request, "q")).prefetch_related("criteria__skill")
    return paginated_response(request, rows, CampaignSerializer)


@extend_schema(methods=["GET"], operation_id="recruitment_campaign",
               responses={200: CampaignDetailSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], operation_id="recruitment_campaign_update",
               request=CampaignChangeInput,
               responses={200: CampaignDetailSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["GET", "PATCH"])
def campaign_detail(request: Request, pk: int) -> Response:
    """One campaign; PATCH changes the fields sent (a draft or open campaign)."""
    campaign = _campaign(request, pk)
    if request.method == "PATCH":
        data = dict(validated(CampaignChangeInput, request.data, partial=True))
        version = data.pop("version", None)
        if "role_level_id" in data:
            data["role_level"] = data.pop("role_level_id")
        try:
            services.update_campaign(actor=_actor(request), campaign=campaign.pk,
                                     version=version, **data)
        except services.CampaignConflict as exc:
            return _conflict(exc, campaign.state)
        except ValidationError as exc:
            # the service names the role level "role_level"; this input calls it role_level_id
            errors = getattr(exc, "error_dict", None)
            if errors and "role_level" in errors:
                errors["role_level_id"] = errors.pop("role_level")
            raise
        campaign = _campaign(request, pk)
    return Response(CampaignDetailSerializer(campaign, context={"request": request}).data)


@extend_schema(methods=["GET"], operation_id="recruitment_campaign_criteria",
               responses={200: CampaignCriterionSerializer(many=True), 404: _NOT_FOUND})
@extend_schema(methods=["POST"], operation_id="recruitment_campaign_criterion_create",
               request=CampaignCriterionInput,
               responses={201: CampaignCriterionSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["GET", "POST"])
def campaign_criteria(request: Request, pk: int) -> Response:
    """The campaign's assessment plan; POST adds a criterion (a draft or open campaign)."""
    campaign = _campaign(request, pk)
    if request.method == "POST":
        data = dict(validated(CampaignCriterionInput, request.data))
        version = data.pop("version", None)
        try:
            criterion = services.add_criterion(actor=_actor(request), campaign=campaign.pk,
                                               version=version, **data)
        except services.CampaignConflict as exc:
            return _conflict(exc, campaign.state)
        return Response(CampaignCriterionSerializer(criterion).data, status=status.HTTP_201_CREATED)
    return Response(CampaignCriterionSerializer(sel.criteria(campaign), many=True).data)


@extend_schema(methods=["PATCH"], operation_id="recruitment_criterion_update",
               request=CampaignCriterionInput,
               responses={200: CampaignCriterionSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@extend_schema(methods=["DELETE"], operation_id="recruitment_criterion_delete",
               parameters=[OpenApiParameter("version", int, description="The campaign's "
                                            "version read; another stored one is a 409.")],
               responses={204: None, 400: ErrorSerializer, 403: ErrorSerializer,
                          404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["PATCH", "DELETE"])
def criterion_detail(request: Request, pk: int) -> Response:
    """Change (PATCH) or remove (DELETE) a criterion of a draft or open campaign."""
    criterion = get_visible_or_404(
        Criterion.objects.filter(campaign__in=sel.visible_campaigns(request.user)), pk,
        message="No such criterion, or not one you can see.")
    try:
        if request.method == "DELETE":
            services.remove_criterion(actor=_actor(request), criterion=criterion.pk,
                                      version=_param(request, "version") or None)
            return Response(status=status.HTTP_204_NO_CONTENT)
        data = dict(validated(CampaignCriterionInput, request.data, partial=True))
        version = data.pop("version", None)
        changed = services.change_criterion(actor=_actor(request), criterion=criterion.pk,
                                            version=version, **data)
    except services.CampaignConflict as exc:
        return _conflict(exc, criterion.campaign.state)
    return Response(CampaignCriterionSerializer(changed).data)


@extend_schema(operation_id="recruitment_campaign_transition", request=CampaignTransitionInput,
               responses={200: CampaignDetailSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["POST"])
def campaign_transition(request: Request, pk: int) -> Response:
    """Move the campaign on: open, sift, interview, decided, closed or cancelled."""
    campaign = _campaign(request, pk)
    data = validated(CampaignTransitionInput, request.data)
    moved = services.transition(actor=_actor(request), campaign_id=campaign.pk, to=data["to"],
                                version=data.get("version"), reason=data["reason"])
    return Response(CampaignDetailSerializer(_campaign(request, moved.pk),
                                             context={"request": request}).data)

