"""API for strategy metrics: the same selectors and services as the pages.

- ``GET``/``POST /api/v1/strategy/metrics/``: every metric definition; POST defines one
  (central team, administrators);
- ``GET``/``PATCH .../strategy/metrics/<id>/``: one definition (``ETag``; PATCH takes
  ``If-Match``);
- ``GET .../strategy/metric-values/?metric=KEY&organisation=ABBR|government&period=P
  &history=true``: values, one per metric, organisation and period (with ``history``
  superseded ones too), hidden below 5 people (a hidden value, its numerator, denominator
  and people are null, ``suppressed`` is true and ``note`` says why);
- ``POST .../strategy/metric-values/``: submit a value of an entered metric (origin
  "submitted", recorded with who and when); heads of profession for their organisations;
- ``GET .../strategy/metrics/published/?period=P``: the agreed set, as published.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_concurrency import if_match, with_etag
from cadre.core.api_errors import ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.inputs import invalid, parse_bool
from cadre.organisations.models import Organisation
from cadre.strategy import metrics_rules as rules
from cadre.strategy.models import (
    MAX_METRIC_KEY,
    MAX_METRIC_METHOD,
    MAX_METRIC_NAME,
    MAX_PERIOD_LABEL,
    MAX_VALUE_NOTE,
    MetricDefinition,
    MetricValue,
)
from cadre.strategy.selectors import metrics as sel
from cadre.strategy.services import metrics as services

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such metric")
GOVERNMENT = "government"


class DefinitionSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="abbreviation", read_only=True,
                                         allow_null=True)
    baseline_value = serializers.FloatField(read_only=True, allow_null=True)
    target_value = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = MetricDefinition
        fields = ["id", "key", "name", "unit", "direction", "frequency", "baseline_value",
                  "baseline_period", "target_value", "target_date", "owner", "method",
                  "source", "source_key", "agreed"]


class DefinitionInput(serializers.Serializer):
    key = serializers.CharField(max_length=MAX_METRIC_KEY)
    name = serializers.CharField(max_length=MAX_METRIC_NAME)
    unit = serializers.ChoiceField(choices=MetricDefinition.Unit.choices)
    direction = serializers.ChoiceField(choices=MetricDefinition.Direction.choices)
    frequency = serializers.ChoiceField(choices=MetricDefinition.Frequency.choices,
                                        default=MetricDefinition.Frequency.YEARLY)
    baseline_value = serializers.FloatField(required=False, allow_null=True, default=None)
    baseline_period = serializers.CharField(max_length=MAX_PERIOD_LABEL, required=False,
                                            allow_blank=True, default="")
    target_value = serializers.FloatField(required=False, allow_null=True, default=None)
    target_date = serializers.DateField(required=False, allow_null=True, default=None)
    owner = serializers.CharField(max_length=30, required=False, allow_blank=True,
                                  allow_null=True, default=None,
                                  help_text="The owner organisation's abbreviation.")
    method = serializers.CharField(max_length=MAX_METRIC_METHOD, required=False,
                                   allow_blank=True, default="")
    source = serializers.ChoiceField(choices=MetricDefinition.Source.choices,
                                     default=MetricDefinition.Source.ENTERED)
    source_key = serializers.CharField(max_length=MAX_METRIC_KEY, required=False,
                                       allow_blank=True, default="")
    agreed = serializers.BooleanField(required=False, default=False)


class DefinitionPatch(DefinitionInput):
    key = None  # type: ignore[assignment]


def _organisation(abbreviation: Any, *, field: str) -> Organisation | None:
    if abbreviation in (None, ""):
        return None
    found = Organisation.objects.filter(abbreviation__iexact=str(abbreviation)).first()
    if found is None:
        raise invalid(field, f"No organisation with the abbreviation '{str(abbreviation)[:30]}'.")
    return found


def _definition(pk: int) -> MetricDefinition:
    found = sel.definition(pk)
    if found is None:
        raise Http404("No such metric.")
    return found


@extend_schema(methods=["GET"], responses={200: DefinitionSerializer(many=True)})
@extend_schema(methods=["POST"], request=DefinitionInput,
               responses={201: DefinitionSerializer, 400: ErrorSerializer})
@api_view(["GET", "POST"])
def definition_list(request: Request) -> Response:
    """Every metric definition; POST defines one (central team and administrators)."""
    if request.method == "POST":
        data = dict(validated(DefinitionInput, request.data))
        data["owner"] = _organisation(data.get("owner"), field="owner")
        created = services.create_definition(actor=Actor.for_user(request.user), **data)
        return Response(DefinitionSerializer(created).data, status=status.HTTP_201_CREATED)
    return Response(DefinitionSerializer(sel.definitions(), many=True).data)


@extend_schema(methods=["GET"], responses={200: DefinitionSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=DefinitionPatch,
               responses={200: DefinitionSerializer, 400: ErrorSerializer, 404: _NOT_FOUND,
                          412: ErrorSerializer})
@api_view(["GET", "PATCH"])
def definition_detail(request: Request, pk: int) -> Response:
    """One metric definition; PATCH changes the fields sent (not the key)."""
    definition = _definition(pk)
    if request.method == "PATCH":
        data = dict(validated(DefinitionPatch, request.data, partial=True))
        if "owner" in data:
            data["owner"] = _organisation(data["owner"], field="owner")
        services.update_definition(actor=Actor.for_user(request.user),
                                   definition_id=definition.pk, if_match=if_match(request),
                                   **data)
        definition = _definition(pk)
    return with_etag(Response(DefinitionSerializer(definition).data), definition)


_NUMBER = serializers.FloatField(allow_null=True)

_VALUE_FIELDS = {
    "metric": serializers.CharField(), "metric_name": serializers.CharField(),
    "unit": serializers.CharField(), "organisation": serializers.CharField(
        help_text="The abbreviation; empty for the whole of government."),
    "organisation_name": serializers.CharField(), "period": serializers.CharField(),
    "period_start": serializers.DateField(), "period_end": serializers.DateField(),
    "value": _NUMBER, "numerator": _NUMBER, "denominator": _NUMBER,
    "people": serializers.IntegerField(allow_null=True),
    "suppressed": serializers.BooleanField(), "note": serializers.CharField(),
    "origin": serializers.CharField(), "recorded_by": serializers.CharField(),
    "recorded_at": serializers.DateTimeField(), "current": serializers.BooleanField()}
ValueRowSerializer = inline_serializer("StrategyMetricValue", fields=_VALUE_FIELDS)
ValueRowsSerializer = inline_serializer("StrategyMetricValues", fields=_VALUE_FIELDS, many=True)


class ValueInput(serializers.Serializer):
    metric = serializers.CharField(max_length=MAX_METRIC_KEY, help_text="The metric's key.")
    organisation = serializers.CharField(
        max_length=30, required=False, allow_blank=True, allow_null=True, default=None,
        help_text="The organisation's abbreviation; empty for the whole of government.")
    period = serializers.CharField(max_length=MAX_PERIOD_LABEL,
                                   help_text='"2025-26", "2025 Q3" or "2025-10".')
    value = serializers.FloatField()
    numerator = serializers.FloatField(required=False, allow_null=True, default=None)
    denominator = serializers.FloatField(required=False, allow_null=True, default=None)
    people = serializers.IntegerField(required=False, allow_null=True, default=None,
                                      min_value=0, max_value=services.MAX_PEOPLE)
    note = serializers.CharField(max_length=MAX_VALUE_NOTE, required=False, allow_blank=True,
                                 default="")


def _query(request: Request, name: str, limit: int) -> str | None:
    value = request.query_params.get(name)
    if value is None or value == "":
        return None
    if "\x00" in value:
        raise invalid(name, "Remove the NUL character.")
    if len(value) > limit:
        raise invalid(name, f"Use at most {limit} characters.")
    return value.strip()


_FILTERS = [
    OpenApiParameter("metric", OpenApiTypes.STR, description="A metric's key."),
    OpenApiParameter("organisation", OpenApiTypes.STR,
                     description="An organisation's abbreviation, or 'government'."),
    OpenApiParameter("period", OpenApiTypes.STR, description='A period: "2025-26", '
                     '"2025 Q3" or "2025-10".'),
    OpenApiParameter("history", OpenApiTypes.BOOL,
                     description="Include superseded values (default false)."),
]


@extend_schema(methods=["GET"], parameters=_FILTERS,
               responses={200: ValueRowsSerializer, 400: ErrorSerializer})
@extend_schema(methods=["POST"], request=ValueInput,
               responses={201: ValueRowSerializer, 400: ErrorSerializer, 403: ErrorSerializer})
@api_view(["GET", "POST"])
def value_list(request: Request) -> Response:
    """Metric values by metric, organisation and period, hidden below 5 people; POST
    submits a value of an entered metric."""
    if request.method == "POST":
        data = validated(ValueInput, request.data)
        definition = sel.definition(data["metric"])
        if definition is None:
            raise invalid("metric", f"No metric with the key '{data['metric']}'.")
        row = services.record_value(
            actor=Actor.for_user(request.user), definition_id=definition.pk,
            organisation=_organisation(data["organisation"], field="organisation"),
            period=data["period"], value=data["value"], numerator=data["numerator"],
            denominator=data["denominator"], people=data["people"], note=data["note"],
            origin=MetricValue.Origin.SUBMITTED)
        shown = next(r for r in sel.value_rows(definition=definition, organisation=row.organisation,
                                               period=row.period_label))
        return Response(shown, status=status.HTTP_201_CREATED)
    key = _query(request, "metric", MAX_METRIC_KEY)
    definition = None
    if key is not None:
        definition = sel.definition(key)
        if definition is None:
            raise invalid("metric", f"No metric with the key '{key}'.")
    org_text = _query(request, "organisation", 30)
    organisation: Any = "any"
    if org_text is not None:
        organisation = (None if org_text.lower() == GOVERNMENT
                        else _organisation(org_text, field="organisation"))
    period = _query(request, "period", MAX_PERIOD_LABEL)
    if period is not None:
        try:
            period = rules.parse_period(
                period, definition.frequency if definition is not None else None).label
        except rules.PeriodError as problem:
            raise invalid("period", str(problem)) from None
    history = parse_bool(_query(request, "history", 5), field="history", default=False)
    return Response(sel.value_rows(definition=definition, organisation=organisation,
                                   period=period, include_history=history))


PublishedSerializer = inline_serializer("StrategyMetricsPublished", fields={
    "period": serializers.CharField(allow_null=True),
    "threshold": serializers.IntegerField(),
    "note": serializers.CharField(),
    "metrics": DefinitionSerializer(many=True),
    "values": inline_serializer("StrategyMetricPublishedValue", many=True, fields={
        name: (serializers.BooleanField() if name == "suppressed"
               else _NUMBER if name in ("value", "baseline_value", "target_value")
               else serializers.CharField(allow_null=True))
        for name in sel.PUBLISHED_COLUMNS}),
})


@extend_schema(parameters=[OpenApiParameter("period", OpenApiTypes.STR,
                                            description="Only this period.")],
               responses={200: PublishedSerializer, 400: ErrorSerializer})
@api_view(["GET"])
def published(request: Request) -> Response:
    """The agreed set, as published: every current value, hidden below 5 people, without
    the names of who recorded them."""
    period = _query(request, "period", MAX_PERIOD_LABEL)
    if period is not None:
        try:
            period = rules.period_label(period)
        except rules.PeriodError as problem:
            raise invalid("period", str(problem)) from None
    return Response({
        "period": period, "threshold": rules.THRESHOLD,
        "note": rules.note_for(rules.SMALL) + ". " + rules.note_for(rules.PROTECTED) + ".",
        "metrics": DefinitionSerializer(sel.published_definitions(), many=True).data,
        "values": sel.published_rows(period=period)})


__all__ = ["definition_detail", "definition_list", "published", "value_list"]
