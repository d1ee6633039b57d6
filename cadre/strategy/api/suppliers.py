"""Strategic suppliers API (issue 19 point 5): the same selectors and services as the pages.

- ``GET``/``POST /api/v1/strategy/suppliers/``; ``GET``/``PATCH .../suppliers/<id>/`` (ETag
  and If-Match, 412 when stale);
- ``GET .../suppliers/overall/?supplier=NAME&period=LABEL``: overall scores, one row per
  supplier, period and buying organisation the caller may see and one across government
  where it may be shown (``organisation`` "All buying organisations");
- ``GET .../suppliers/<id>/figures/``: the figures per period (overall, trend, organisations
  behind each, per criterion), scoped as the supplier's page;
- ``GET``/``POST .../suppliers/<id>/scores/?period=&organisation=``: one organisation's
  scores for a period; POST gives or changes several at once, each naming the ``version``
  it read (0 or absent for a new score); a stale version is a 409 and nothing is saved;
- ``GET``/``POST .../suppliers/<id>/actions/``; ``GET .../supplier-actions/<id>/``;
  ``POST .../supplier-actions/<id>/transition/`` ``{to, reason}`` (409 when no longer
  possible);
- ``GET .../supplier-framework/``; ``GET``/``POST .../supplier-framework/versions/``;
  ``GET``/``POST .../versions/<id>/criteria/``; ``GET``/``POST .../periods/``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
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
from cadre.core.api_concurrency import if_match, with_etag
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import invalid
from cadre.strategy.models import (
    MAX_ACTION_DESCRIPTION,
    MAX_ACTION_TITLE,
    MAX_CRITERION_DESCRIPTION,
    MAX_CRITERION_NAME,
    MAX_DESCRIPTOR,
    MAX_PERIOD_LABEL,
    MAX_SCALE,
    MAX_SCORE_COMMENT,
    MAX_SUPPLIER_DESCRIPTION,
    MAX_SUPPLIER_NAME,
    MAX_VERSION_LABEL,
    MAX_WEIGHT,
    MIN_SCALE,
    ActionStatus,
    AssessmentCriterion,
    AssessmentPeriod,
    AssessmentVersion,
    PlanAction,
    StrategicSupplier,
    SupplierScore,
)
from cadre.strategy.selectors import suppliers as sel
from cadre.strategy.services import suppliers as services

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record")
_CONFLICT = OpenApiResponse(ConflictSerializer, description="Changed by someone else (409)")


def _conflict(exc: services.SupplierConflict) -> Response:
    return Response({"detail": exc.message,
                     "errors": [{"field": exc.field, "message": exc.message}],
                     "current_state": "conflict"}, status=status.HTTP_409_CONFLICT)


def _param(request: Request, name: str) -> str:
    value = str(request.query_params.get(name) or "").strip()
    if "\x00" in value:
        raise invalid(name, "Remove the NUL character.")
    if len(value) > 200:
        raise invalid(name, "Use at most 200 characters.")
    return value


def _supplier(pk: int) -> StrategicSupplier:
    found = sel.supplier(pk)
    if found is None:
        raise Http404("No such strategic supplier.")
    return found


def _period(value: Any, *, field: str = "period") -> AssessmentPeriod:
    text = str(value if value is not None else "").strip()
    found = None
    if text and "\x00" not in text and len(text) <= MAX_PERIOD_LABEL:  # never cut to fit
        if text.isascii() and text.isdigit() and len(text) < 19:
            found = AssessmentPeriod.objects.filter(pk=int(text)).first()
        found = found or sel.period_by_label(text)
    if found is None:
        raise invalid(field, f"There is no assessment period '{text.replace(chr(0), '')[:40]}'"
                             " (give its id or label).")
    return found


# -- suppliers -------------------------------------------------------------------------

class StrategicSupplierSerializer(serializers.ModelSerializer):
    company_number = serializers.CharField(help_text="Companies House number, or empty.")

    class Meta:
        model = StrategicSupplier
        fields = ["id", "name", "company_number", "description", "plan_summary", "active",
                  "created_at"]


class StrategicSupplierInput(serializers.Serializer):
    name = serializers.CharField(max_length=MAX_SUPPLIER_NAME)
    company_number = serializers.CharField(max_length=8, required=False, allow_blank=True,
                                           default="", help_text="8 digits, or 2 letters "
                                           "and 6 digits.")
    description = serializers.CharField(max_length=MAX_SUPPLIER_DESCRIPTION, required=False,
                                        allow_blank=True, default="")
    plan_summary = serializers.CharField(max_length=MAX_SUPPLIER_DESCRIPTION, required=False,
                                         allow_blank=True, default="")
    active = serializers.BooleanField(required=False, default=True)


@paginated_list
@extend_schema(methods=["GET"], operation_id="strategy_suppliers",
               parameters=[OpenApiParameter("q", str, description="Part of the name.")],
               responses={200: StrategicSupplierSerializer(many=True), 400: ErrorSerializer})
@extend_schema(methods=["POST"], operation_id="strategy_supplier_create",
               request=StrategicSupplierInput,
               responses={201: StrategicSupplierSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 409: _CONFLICT})
@api_view(["GET", "POST"])
def supplier_list(request: Request) -> Response:
    """Strategic suppliers by name; POST adds one (the central team)."""
    if request.method == "POST":
        data = validated(StrategicSupplierInput, request.data)
        try:
            item = services.create_supplier(actor=Actor.for_user(request.user), **data)
        except services.SupplierConflict as exc:
            return _conflict(exc)
        return Response(StrategicSupplierSerializer(item).data, status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.suppliers(search=_param(request, "q")),
                              StrategicSupplierSerializer)


@extend_schema(methods=["GET"], operation_id="strategy_supplier",
               responses={200: StrategicSupplierSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], operation_id="strategy_supplier_update",
               request=StrategicSupplierInput,
               responses={200: StrategicSupplierSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 412: ErrorSerializer})
@api_view(["GET", "PATCH"])
def supplier_detail(request: Request, pk: int) -> Response:
    """One supplier; PATCH changes the fields sent (send the ETag in If-Match)."""
    item = _supplier(pk)
    if request.method == "PATCH":
        data = dict(validated(StrategicSupplierInput, request.data, partial=True))
        services.update_supplier(actor=Actor.for_user(request.user), supplier=item.pk,
                                 if_match=if_match(request), **data)
        item = _supplier(pk)
    return with_etag(Response(StrategicSupplierSerializer(item).data), item)


class SupplierOverallSerializer(serializers.Serializer):
    supplier = serializers.CharField()
    period = serializers.CharField()
    framework_version = serializers.IntegerField()
    organisation = serializers.CharField(help_text="An abbreviation, or 'All buying "
                                         "organisations' for the figure across government.")
    overall = serializers.FloatField(allow_null=True, help_text="0 (lowest) to 100.")
    organisations = serializers.IntegerField(help_text="Buying organisations behind it.")
    criteria_scored = serializers.IntegerField(allow_null=True)
    criteria = serializers.IntegerField()


@extend_schema(operation_id="strategy_supplier_overall",
               parameters=[OpenApiParameter("supplier", str, description="A supplier's name."),
                           OpenApiParameter("period", str, description="A period's label.")],
               responses={200: SupplierOverallSerializer(many=True), 400: ErrorSerializer})
@api_view(["GET"])
def overall(request: Request) -> Response:
    """Overall scores as the caller may see them (``cadre strategy suppliers``)."""
    name, label = _param(request, "supplier"), _param(request, "period")
    supplier = sel.supplier_by_name(name) if name else None
    if name and supplier is None:
        raise invalid("supplier", f"There is no strategic supplier called '{name[:60]}'.")
    period = _period(label) if label else None
    rows = sel.overall_rows(Actor.for_user(request.user), supplier=supplier, period=period)
    return Response(SupplierOverallSerializer(rows, many=True).data)


class SupplierCriterionFigureSerializer(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.name")
    weight = serializers.IntegerField(source="criterion.weight")
    scale_max = serializers.IntegerField(source="criterion.scale_max")
    organisations = serializers.IntegerField()
    shown = serializers.BooleanField()
    mean_score = serializers.FloatField(allow_null=True)


class SupplierOrganisationFigureSerializer(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.abbreviation")
    overall = serializers.FloatField(allow_null=True)
    criteria_scored = serializers.IntegerField()


class SupplierPeriodFiguresSerializer(serializers.Serializer):
    period = serializers.CharField(source="period.label")
    framework_version = serializers.IntegerField(source="period.version.number")
    criteria = serializers.IntegerField()
    organisations = serializers.IntegerField(help_text="Buying organisations that scored.")
    shown = serializers.BooleanField(help_text="Whether the figure across government is "
                                     "shown to the caller.")
    hidden_reason = serializers.CharField()
    overall = serializers.FloatField(allow_null=True)
    change = serializers.FloatField(allow_null=True)
    by_organisation = SupplierOrganisationFigureSerializer(many=True)
    by_criterion = SupplierCriterionFigureSerializer(many=True)


@extend_schema(operation_id="strategy_supplier_figures",
               responses={200: SupplierPeriodFiguresSerializer(many=True), 404: _NOT_FOUND})
@api_view(["GET"])
def supplier_figures(request: Request, pk: int) -> Response:
    """The supplier's figures per period, oldest first, as the caller may see them."""
    item = _supplier(pk)
    return Response(SupplierPeriodFiguresSerializer(
        sel.figures(item, Actor.for_user(request.user)), many=True).data)


# -- scores ----------------------------------------------------------------------------

class SupplierScoreSerializer(serializers.ModelSerializer):
    criterion_name = serializers.CharField(source="criterion.name")
    organisation = serializers.CharField(source="organisation.abbreviation")
    period = serializers.CharField(source="period.label")

    class Meta:
        model = SupplierScore
        fields = ["id", "period", "organisation", "criterion", "criterion_name", "score",
                  "comment", "version", "updated_at"]


class SupplierScoreEntryInput(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1, help_text="A criterion id of the "
                                         "period's framework version.")
    score = serializers.IntegerField(min_value=1, max_value=MAX_SCALE)
    comment = serializers.CharField(max_length=MAX_SCORE_COMMENT, required=False,
                                    allow_blank=True, default="")
    version = serializers.IntegerField(min_value=0, required=False, allow_null=True,
                                       default=None, help_text="The version you read; 0 "
                                       "or absent for a new score.")


class SupplierScoresInput(serializers.Serializer):
    period = serializers.CharField(max_length=MAX_PERIOD_LABEL, help_text="Id or label.")
    organisation = serializers.CharField(max_length=200, help_text="Abbreviation.")
    scores = SupplierScoreEntryInput(many=True, allow_empty=False)


@extend_schema(methods=["GET"], operation_id="strategy_supplier_scores",
               parameters=[OpenApiParameter("period", str, required=True),
                           OpenApiParameter("organisation", str, required=True)],
               responses={200: SupplierScoreSerializer(many=True), 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["POST"], operation_id="strategy_supplier_scores_set",
               request=SupplierScoresInput,
               responses={200: SupplierScoreSerializer(many=True), 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["GET", "POST"])
def supplier_scores(request: Request, pk: int) -> Response:
    """One buying organisation's scores of the supplier in a period (its heads of
    profession and the central team); POST gives or changes them, all or nothing."""
    item = _supplier(pk)
    actor = Actor.for_user(request.user)
    if request.method == "POST":
        data = validated(SupplierScoresInput, request.data)
        period = _period(data["period"])
        try:
            services.set_scores(actor=actor, supplier=item, period=period,
                                organisation=data["organisation"],
                                entries=[dict(entry) for entry in data["scores"]])
        except services.SupplierConflict as exc:
            return _conflict(exc)
        organisation = services.find_organisation(data["organisation"])
    else:
        period = _period(_param(request, "period"))
        organisation = services.find_organisation(_param(request, "organisation"))
        if not services.may_score(actor, organisation):
            raise PermissionDenied(services.NOT_YOUR_ORGANISATION)
    rows = SupplierScore.objects.filter(supplier=item, period=period,
                                        organisation=organisation).select_related(
        "criterion", "organisation", "period").order_by("criterion__position", "criterion")
    return Response(SupplierScoreSerializer(rows, many=True).data)


# -- the plan --------------------------------------------------------------------------

class SupplierActionSerializer(serializers.ModelSerializer):
    supplier = serializers.CharField(source="supplier.name")
    owner_organisation = serializers.CharField(source="owner_organisation.abbreviation")
    owner_person = serializers.SerializerMethodField()
    status = serializers.CharField(help_text="open, in_progress, done or dropped")

    class Meta:
        model = PlanAction
        fields = ["id", "supplier", "title", "description", "owner_organisation",
                  "owner_person", "due_on", "status", "created_at"]

    def get_owner_person(self, obj: PlanAction) -> str | None:
        person = obj.owner_person
        return f"{person.first_name} {person.last_name}" if person else None


class SupplierActionHistorySerializer(serializers.Serializer):
    when = serializers.DateTimeField()
    status = serializers.CharField()
    by = serializers.CharField()
    reason = serializers.CharField()


class SupplierActionDetailSerializer(SupplierActionSerializer):
    history = serializers.SerializerMethodField()

    class Meta(SupplierActionSerializer.Meta):
        fields = [*SupplierActionSerializer.Meta.fields, "history"]

    @extend_schema_field(SupplierActionHistorySerializer(many=True))
    def get_history(self, obj: PlanAction) -> list[dict]:
        return SupplierActionHistorySerializer(sel.action_history(obj), many=True).data


class SupplierActionInput(serializers.Serializer):
    title = serializers.CharField(max_length=MAX_ACTION_TITLE)
    description = serializers.CharField(max_length=MAX_ACTION_DESCRIPTION, required=False,
                                        allow_blank=True, default="")
    owner_organisation = serializers.CharField(max_length=200, help_text="Abbreviation.")
    owner_person = serializers.CharField(max_length=300, required=False, allow_blank=True,
                                         default="", help_text="Id or ORGANISATION/STAFF_NO.")
    due_on = serializers.DateField()


class SupplierTransitionInput(serializers.Serializer):
    to = serializers.ChoiceField(choices=ActionStatus.choices)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True,
                                   default="")


@extend_schema(methods=["GET"], operation_id="strategy_supplier_actions",
               responses={200: SupplierActionSerializer(many=True), 404: _NOT_FOUND})
@extend_schema(methods=["POST"], operation_id="strategy_supplier_action_create",
               request=SupplierActionInput,
               responses={201: SupplierActionSerializer, 400: ErrorSerializer, 403: ErrorSerializer,
                          404: _NOT_FOUND})
@api_view(["GET", "POST"])
def supplier_actions(request: Request, pk: int) -> Response:
    """The supplier's performance plan; POST adds an action (the central team)."""
    item = _supplier(pk)
    if request.method == "POST":
        data = validated(SupplierActionInput, request.data)
        action = services.create_action(actor=Actor.for_user(request.user), supplier=item,
                                        **{**data, "owner_person": data["owner_person"] or None})
        return Response(SupplierActionSerializer(sel.action(action.pk)).data,
                        status=status.HTTP_201_CREATED)
    return Response(SupplierActionSerializer(sel.actions(item), many=True).data)


def _action(pk: int) -> PlanAction:
    found = sel.action(pk)
    if found is None:
        raise Http404("No such plan action.")
    return found


@extend_schema(operation_id="strategy_supplier_action",
               responses={200: SupplierActionDetailSerializer, 404: _NOT_FOUND})
@api_view(["GET"])
def action_detail(request: Request, pk: int) -> Response:
    """One plan action with its history, newest first."""
    return Response(SupplierActionDetailSerializer(_action(pk)).data)


@extend_schema(operation_id="strategy_supplier_action_transition", request=SupplierTransitionInput,
               responses={200: SupplierActionDetailSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["POST"])
def action_transition(request: Request, pk: int) -> Response:
    """Move the action to another status (the central team, or a head of profession of
    the owning organisation); 409 when that is no longer possible from its status."""
    item = _action(pk)
    data = validated(SupplierTransitionInput, request.data)
    services.move_action(actor=Actor.for_user(request.user), action=item.pk, to=data["to"],
                         reason=data["reason"])
    return Response(SupplierActionDetailSerializer(_action(pk)).data)


# -- the framework ---------------------------------------------------------------------

class SupplierCriterionSerializer(serializers.ModelSerializer):
    descriptors = serializers.ListField(child=serializers.CharField(),
                                        help_text="Words for each score, lowest first.")

    class Meta:
        model = AssessmentCriterion
        fields = ["id", "name", "description", "weight", "scale_max", "descriptors",
                  "position"]


class SupplierVersionSerializer(serializers.ModelSerializer):
    criteria = SupplierCriterionSerializer(many=True, read_only=True)
    in_use = serializers.SerializerMethodField()

    class Meta:
        model = AssessmentVersion
        fields = ["id", "number", "label", "in_use", "criteria"]

    def get_in_use(self, obj: AssessmentVersion) -> bool:
        return sel.version_in_use(obj)


class SupplierPeriodSerializer(serializers.ModelSerializer):
    framework_version = serializers.IntegerField(source="version.number")

    class Meta:
        model = AssessmentPeriod
        fields = ["id", "label", "starts_on", "ends_on", "framework_version"]


class SupplierFrameworkSerializer(serializers.Serializer):
    versions = SupplierVersionSerializer(many=True)
    periods = SupplierPeriodSerializer(many=True)


class SupplierVersionInput(serializers.Serializer):
    label = serializers.CharField(max_length=MAX_VERSION_LABEL)
    copy_latest = serializers.BooleanField(required=False, default=True)


class SupplierCriterionInput(serializers.Serializer):
    name = serializers.CharField(max_length=MAX_CRITERION_NAME)
    description = serializers.CharField(max_length=MAX_CRITERION_DESCRIPTION, required=False,
                                        allow_blank=True, default="")
    weight = serializers.IntegerField(min_value=1, max_value=MAX_WEIGHT)
    scale_max = serializers.IntegerField(min_value=MIN_SCALE, max_value=MAX_SCALE, default=5)
    descriptors = serializers.ListField(child=serializers.CharField(max_length=MAX_DESCRIPTOR),
                                        min_length=MIN_SCALE, max_length=MAX_SCALE)


class SupplierPeriodInput(serializers.Serializer):
    label = serializers.CharField(max_length=MAX_PERIOD_LABEL)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    framework_version = serializers.IntegerField(min_value=1, required=False, allow_null=True,
                                                 default=None, help_text="The version "
                                                 "number; the latest when absent.")


@extend_schema(operation_id="strategy_supplier_framework",
               responses={200: SupplierFrameworkSerializer})
@api_view(["GET"])
def framework(request: Request) -> Response:
    """Every framework version with its criteria, newest first, and the periods."""
    return Response(SupplierFrameworkSerializer({"versions": sel.versions(),
                                         "periods": sel.periods()}).data)


@extend_schema(methods=["GET"], operation_id="strategy_supplier_versions",
               responses={200: SupplierVersionSerializer(many=True)})
@extend_schema(methods=["POST"], operation_id="strategy_supplier_version_create",
               request=SupplierVersionInput,
               responses={201: SupplierVersionSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 409: _CONFLICT})
@api_view(["GET", "POST"])
def versions(request: Request) -> Response:
    """Framework versions; POST makes the next one (copying the latest's criteria)."""
    if request.method == "POST":
        data = validated(SupplierVersionInput, request.data)
        try:
            version = services.create_version(actor=Actor.for_user(request.user), **data)
        except services.SupplierConflict as exc:
            return _conflict(exc)
        return Response(SupplierVersionSerializer(version).data, status=status.HTTP_201_CREATED)
    return Response(SupplierVersionSerializer(sel.versions(), many=True).data)


@extend_schema(methods=["GET"], operation_id="strategy_supplier_criteria",
               responses={200: SupplierCriterionSerializer(many=True), 404: _NOT_FOUND})
@extend_schema(methods=["POST"], operation_id="strategy_supplier_criterion_create",
               request=SupplierCriterionInput,
               responses={201: SupplierCriterionSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND})
@api_view(["GET", "POST"])
def version_criteria(request: Request, pk: int) -> Response:
    """A version's criteria; POST adds one (only to a version nobody scored against)."""
    version = AssessmentVersion.objects.filter(pk=pk).first()
    if version is None:
        raise Http404("No such framework version.")
    if request.method == "POST":
        data = validated(SupplierCriterionInput, request.data)
        criterion = services.add_criterion(actor=Actor.for_user(request.user),
                                           version=version, **data)
        return Response(SupplierCriterionSerializer(criterion).data, status=status.HTTP_201_CREATED)
    return Response(SupplierCriterionSerializer(version.criteria.order_by("position", "pk"),
                                        many=True).data)


@extend_schema(methods=["GET"], operation_id="strategy_supplier_periods",
               responses={200: SupplierPeriodSerializer(many=True)})
@extend_schema(methods=["POST"], operation_id="strategy_supplier_period_create",
               request=SupplierPeriodInput,
               responses={201: SupplierPeriodSerializer, 400: ErrorSerializer, 403: ErrorSerializer,
                          409: _CONFLICT})
@api_view(["GET", "POST"])
def periods(request: Request) -> Response:
    """Assessment periods, oldest first; POST adds one."""
    if request.method == "POST":
        data = validated(SupplierPeriodInput, request.data)
        number = data.pop("framework_version")
        version = None
        if number is not None:
            version = AssessmentVersion.objects.filter(number=number).first()
            if version is None:
                raise invalid("framework_version", f"There is no framework version {number}.")
        try:
            period = services.create_period(actor=Actor.for_user(request.user),
                                            version=version, **data)
        except services.SupplierConflict as exc:
            return _conflict(exc)
        return Response(SupplierPeriodSerializer(period).data, status=status.HTTP_201_CREATED)
    return Response(SupplierPeriodSerializer(sel.periods(), many=True).data)
