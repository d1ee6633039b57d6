"""API for contractor rates: the same selectors and services as the pages.

- ``GET /api/v1/learning/rates/`` (``?organisation=ABBR``): benchmark rows;
- ``GET /api/v1/learning/rates/variance/`` (``?by=organisation|supplier``, ``?family=ID``);
- ``GET /api/v1/learning/rates/above/`` (``?by=organisation|supplier``): counts above the
  upper quartile;
- ``GET /api/v1/learning/rates/costs/`` (``?family=ID``): contingent against employed cost;
- ``GET /api/v1/learning/rates/named/`` (``?organisation=ABBR``): named rates above the
  upper quartile, for people managers in their organisations (paginated);
- ``GET``/``POST /api/v1/learning/pay-ranges/``, ``GET``/``PATCH .../pay-ranges/<id>/``.

Hidden numbers come as their labels: "fewer than 5" for a count from 1 to 4, ``[c]`` for a
count hidden so that a small one cannot be worked out (ADR 24); a group of fewer than 5
people has every rate and cost ``null``.
"""

from __future__ import annotations

from django.http import Http404
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
from cadre.core.api_errors import ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import invalid, parse_choice, parse_id
from cadre.learning import rates
from cadre.learning.models import (
    MAX_ANNUAL_PAY,
    MAX_ON_COST_PERCENT,
    MAX_PAY_RANGE_SOURCE,
    PayRange,
)
from cadre.learning.selectors import rates as sel
from cadre.learning.services import rates as services
from cadre.organisations.models import Organisation

_HIDDEN = ('Counts from 1 to 4 read "fewer than 5"; a count hidden so that a small one '
           'cannot be worked out reads "[c]". A group of fewer than 5 people has every rate '
           "and cost null. Amounts are pounds.")
_COUNT = serializers.JSONField(help_text='A whole number, "fewer than 5" or "[c]".')
_BAD = OpenApiResponse(ErrorSerializer, description="A query parameter was not understood")


def _organisation(request: Request) -> Organisation | None:
    raw = (request.query_params.get("organisation") or "").strip()
    if not raw:
        return None
    found = Organisation.objects.filter(abbreviation__iexact=raw[:50]).first()
    if found is None:
        raise invalid("organisation", f"No organisation with the abbreviation '{raw[:40]}'.")
    return found


def _family(request: Request) -> int | None:
    raw = request.query_params.get("family")
    return None if raw in (None, "") else parse_id(raw, field="family")


def _by(request: Request) -> str:
    return parse_choice(request.query_params.get("by"), field="by", choices=sel.BY_CHOICES,
                        default="organisation")


_ORG = OpenApiParameter("organisation", str, description="An organisation's abbreviation.")
_FAMILY = OpenApiParameter("family", int, description="A role family's id.")
_BY = OpenApiParameter("by", str, enum=list(sel.BY_CHOICES),
                       description="Compare by organisation (default) or supplier.")

BenchmarksSerializer = inline_serializer("LearningRateBenchmarks", fields={
    "organisation": serializers.CharField(allow_null=True),
    "threshold": serializers.IntegerField(),
    "rows": inline_serializer("LearningRateBenchmarkRow", many=True, fields={
        "family": serializers.CharField(), "family_id": serializers.IntegerField(),
        "role_level": serializers.CharField(),
        "role_level_id": serializers.IntegerField(allow_null=True),
        "count": _COUNT,
        "median": serializers.FloatField(allow_null=True),
        "lower_quartile": serializers.FloatField(allow_null=True),
        "upper_quartile": serializers.FloatField(allow_null=True),
        "suppressed": serializers.BooleanField()}),
})


@extend_schema(operation_id="learning_rates", description=_HIDDEN, parameters=[_ORG],
               responses={200: BenchmarksSerializer, 400: _BAD})
@api_view(["GET"])
def benchmarks(request: Request) -> Response:
    """Day-rate benchmarks per role family ("All levels") and role level."""
    organisation = _organisation(request)
    rows = sel.benchmark_rows(organisation_id=getattr(organisation, "pk", None))
    return Response({"organisation": organisation.abbreviation if organisation else None,
                     "threshold": rates.THRESHOLD, "rows": rows})


VarianceSerializer = inline_serializer("LearningRateVariance", fields={
    "by": serializers.CharField(),
    "threshold": serializers.IntegerField(),
    "rows": inline_serializer("LearningRateVarianceRow", many=True, fields={
        "family": serializers.CharField(), "role_level": serializers.CharField(),
        "organisation": serializers.CharField(required=False),
        "supplier": serializers.CharField(required=False),
        "count": _COUNT, "median": serializers.FloatField(allow_null=True),
        "group_count": serializers.IntegerField(),
        "group_median": serializers.FloatField(allow_null=True),
        "difference": serializers.FloatField(allow_null=True),
        "difference_percent": serializers.FloatField(allow_null=True),
        "suppressed": serializers.BooleanField()}),
})


@extend_schema(operation_id="learning_rates_variance", description=_HIDDEN,
               parameters=[_BY, _FAMILY], responses={200: VarianceSerializer, 400: _BAD})
@api_view(["GET"])
def variance(request: Request) -> Response:
    """Each organisation's (or supplier's) median day rate against its group's median."""
    by = _by(request)
    rows = sel.variance_rows(by=by, family_id=_family(request))
    return Response({"by": by, "threshold": rates.THRESHOLD, "rows": rows})


AboveSerializer = inline_serializer("LearningRatesAbove", fields={
    "by": serializers.CharField(),
    "rows": inline_serializer("LearningRatesAboveRow", many=True, fields={
        "organisation": serializers.CharField(required=False),
        "supplier": serializers.CharField(required=False),
        "rated": _COUNT, "above_upper_quartile": _COUNT,
        "share_percent": serializers.FloatField(allow_null=True)}),
})


@extend_schema(operation_id="learning_rates_above", description=_HIDDEN, parameters=[_BY],
               responses={200: AboveSerializer, 400: _BAD})
@api_view(["GET"])
def above(request: Request) -> Response:
    """People with a day rate, and how many are above their role level's 75th percentile,
    per organisation or supplier."""
    by = _by(request)
    return Response({"by": by, "rows": sel.above_upper_quartile(by=by)})


CostsSerializer = inline_serializer("LearningRateCosts", fields={
    "working_days_per_year": serializers.IntegerField(),
    "threshold": serializers.IntegerField(),
    "rows": inline_serializer("LearningRateCostRow", many=True, fields={
        "family": serializers.CharField(), "role_level": serializers.CharField(),
        "organisation": serializers.CharField(), "count": _COUNT,
        "contingent_yearly_cost": serializers.FloatField(allow_null=True),
        "employed_yearly_cost": serializers.FloatField(allow_null=True),
        "difference": serializers.FloatField(allow_null=True),
        "expected_grade": serializers.CharField(), "pay_range": serializers.CharField(),
        "suppressed": serializers.BooleanField()}),
})


@extend_schema(operation_id="learning_rates_costs", description=_HIDDEN,
               parameters=[_FAMILY, _ORG], responses={200: CostsSerializer, 400: _BAD})
@api_view(["GET"])
def costs(request: Request) -> Response:
    """Yearly cost of contingent people at their day rates against employing as many at
    the grade their role level expects (pay range midpoint plus on-costs)."""
    organisation = _organisation(request)
    rows = sel.cost_rows(family_id=_family(request),
                         organisation_id=getattr(organisation, "pk", None))
    return Response({"working_days_per_year": rates.WORKING_DAYS_PER_YEAR,
                     "threshold": rates.THRESHOLD, "rows": rows})


class NamedRateSerializer(serializers.Serializer):
    person_id = serializers.IntegerField()
    name = serializers.CharField()
    staff_number = serializers.CharField()
    organisation = serializers.CharField()
    supplier = serializers.CharField()
    family = serializers.CharField()
    role_level = serializers.CharField()
    day_rate = serializers.FloatField()
    group_median = serializers.FloatField()
    group_upper_quartile = serializers.FloatField()


@paginated_list
@extend_schema(operation_id="learning_rates_named", parameters=[_ORG],
               responses={200: NamedRateSerializer(many=True), 400: _BAD})
@api_view(["GET"])
def named(request: Request) -> Response:
    """People paid above their role level's 75th percentile, in the organisations the
    caller manages (heads of profession theirs; the central team and administrators all)."""
    organisation = _organisation(request)
    rows = sel.flagged_people(request.user, organisation_id=getattr(organisation, "pk", None))
    return paginated_response(request, rows, NamedRateSerializer)


class PayRangeSerializer(serializers.ModelSerializer):
    grade = serializers.CharField(source="grade.code", help_text="The grade's code.")
    grade_name = serializers.CharField(source="grade.name")
    on_cost_percent = serializers.DecimalField(max_digits=5, decimal_places=2,
                                               coerce_to_string=False)

    class Meta:
        model = PayRange
        fields = ["id", "grade", "grade_name", "minimum", "maximum", "on_cost_percent",
                  "effective_from", "source"]


class PayRangeInput(serializers.Serializer):
    grade = serializers.CharField(max_length=40, help_text="A grade code, e.g. G7.")
    minimum = serializers.IntegerField(min_value=1, max_value=MAX_ANNUAL_PAY)
    maximum = serializers.IntegerField(min_value=1, max_value=MAX_ANNUAL_PAY)
    on_cost_percent = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0,
                                               max_value=MAX_ON_COST_PERCENT)
    effective_from = serializers.DateField()
    source = serializers.CharField(max_length=MAX_PAY_RANGE_SOURCE, required=False,
                                   allow_blank=True, default="")


_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such pay range")


@paginated_list
@extend_schema(methods=["GET"], responses={200: PayRangeSerializer(many=True)})
@extend_schema(methods=["POST"], request=PayRangeInput,
               responses={201: PayRangeSerializer, 400: ErrorSerializer})
@api_view(["GET", "POST"])
def pay_range_list(request: Request) -> Response:
    """Every pay range (reference data); POST adds one (central team, administrators)."""
    if request.method == "POST":
        pay = services.create_pay_range(actor=Actor.for_user(request.user),
                                        **validated(PayRangeInput, request.data))
        return Response(PayRangeSerializer(pay).data, status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.pay_ranges(), PayRangeSerializer)


@extend_schema(methods=["GET"], responses={200: PayRangeSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=PayRangeInput,
               responses={200: PayRangeSerializer, 400: ErrorSerializer, 404: _NOT_FOUND})
@api_view(["GET", "PATCH"])
def pay_range_detail(request: Request, pk: int) -> Response:
    """One pay range; PATCH changes the fields sent."""
    pay = sel.pay_ranges().filter(pk=pk).first()
    if pay is None:
        raise Http404("No such pay range.")
    if request.method == "PATCH":
        pay = services.update_pay_range(
            actor=Actor.for_user(request.user), pay_range_id=pay.pk,
            **validated(PayRangeInput, request.data, partial=True))
    return Response(PayRangeSerializer(pay).data)


__all__ = ["above", "benchmarks", "costs", "named", "pay_range_detail",
           "pay_range_list", "variance"]
