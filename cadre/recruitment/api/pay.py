"""Pay benchmarks API (issue 21, area 4), from the same selectors and services as the pages
and the command line.

- ``GET /api/v1/recruitment/pay/benchmark/?role_level=ID[&grade=ID]``: the benchmark of a
  role level (and grade), the labelled figures behind it (counts of 1 to 4 people read
  "fewer than 5 people" and have no figures) and, with ``pay_min``/``pay_max``, the
  flags of that pay range;
- ``GET``/``POST /api/v1/recruitment/pay/market-figures/``: the market figures not
  withdrawn (``?role_level=ID``); POST adds one (the recruitment hub).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_errors import ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import MAX_ID, collect, parse_int
from cadre.framework.models import RoleLevel
from cadre.organisations.models import Grade
from cadre.recruitment import pay_figures
from cadre.recruitment.models.pay import MAX_MARKET_PAY, MAX_MARKET_SOURCE, MarketFigure
from cadre.recruitment.selectors import pay as sel
from cadre.recruitment.services import pay as services

_REFUSED = "Heads of profession, analysts, the central team and administrators only."

_FIGURE = inline_serializer("RecruitmentPayFigure", many=True, fields={
    "key": serializers.CharField(help_text='"employed", "contingent" or "market-<id>".'),
    "label": serializers.CharField(),
    "people": serializers.CharField(help_text='e.g. "12 people", "fewer than 5 people", '
                                              '"no people"; empty for market figures.'),
    "low": serializers.IntegerField(allow_null=True, help_text="Whole pounds a year."),
    "median": serializers.IntegerField(allow_null=True),
    "high": serializers.IntegerField(allow_null=True),
    "source": serializers.CharField(),
    "source_date": serializers.DateField(allow_null=True),
    "suppressed": serializers.BooleanField(),
})
BenchmarkSerializer = inline_serializer("RecruitmentPayBenchmark", fields={
    "role_level": serializers.IntegerField(),
    "role_level_name": serializers.CharField(),
    "grade": serializers.IntegerField(allow_null=True),
    "grade_name": serializers.CharField(),
    "basis": serializers.CharField(allow_null=True,
                                   help_text='"employed", "market", or null (nothing yet).'),
    "basis_label": serializers.CharField(),
    "low": serializers.IntegerField(allow_null=True),
    "median": serializers.IntegerField(allow_null=True),
    "high": serializers.IntegerField(allow_null=True),
    "working_days": serializers.IntegerField(),
    "threshold": serializers.IntegerField(),
    "sources": _FIGURE,
    "flags": serializers.ListField(child=serializers.CharField(),
                                   help_text="Only when pay_min or pay_max is given."),
})


class MarketFigureSerializer(serializers.ModelSerializer):
    role_level_name = serializers.SerializerMethodField()
    grade_name = serializers.SerializerMethodField()

    class Meta:
        model = MarketFigure
        fields = ["id", "role_level", "role_level_name", "grade", "grade_name", "low",
                  "median", "high", "source", "source_date", "entered_at"]

    def get_role_level_name(self, obj: MarketFigure) -> str:
        return f"{obj.role_level.role.name}: {obj.role_level.name}"

    def get_grade_name(self, obj: MarketFigure) -> str:
        return obj.grade.name if obj.grade else ""


class MarketFigureInput(serializers.Serializer):
    role_level = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    grade = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False,
                                     allow_null=True, default=None,
                                     help_text="Null or absent: any grade.")
    low = serializers.IntegerField(min_value=0, max_value=MAX_MARKET_PAY)
    median = serializers.IntegerField(min_value=0, max_value=MAX_MARKET_PAY)
    high = serializers.IntegerField(min_value=0, max_value=MAX_MARKET_PAY)
    source = serializers.CharField(max_length=MAX_MARKET_SOURCE)
    source_date = serializers.DateField()


def _id(request: Request, name: str, *, required: bool) -> Any:
    value = request.query_params.get(name)
    if not required and (value is None or not str(value).strip()):
        return None
    return parse_int(value, field=name, minimum=1, maximum=MAX_ID)


def _pounds(request: Request, name: str) -> Any:
    value = request.query_params.get(name)
    if value is None or not str(value).strip():
        return None
    return parse_int(value, field=name, minimum=0, maximum=MAX_MARKET_PAY)


@extend_schema(
    operation_id="recruitment_pay_benchmark",
    parameters=[
        OpenApiParameter("role_level", OpenApiTypes.INT, required=True,
                         description="The role level's id."),
        OpenApiParameter("grade", OpenApiTypes.INT, description="A grade's id; every grade "
                                                                 "when absent."),
        OpenApiParameter("pay_min", OpenApiTypes.INT, description="Bottom of a pay range to "
                                                                   "flag (whole pounds)."),
        OpenApiParameter("pay_max", OpenApiTypes.INT, description="Top of a pay range to "
                                                                   "flag (whole pounds)."),
    ],
    responses={200: BenchmarkSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
)
@api_view(["GET"])
def benchmark(request: Request) -> Response:
    """The pay benchmark of a role level (and grade), with the figures behind it."""
    if not sel.may_see_benchmarks(request.user):
        raise PermissionDenied(_REFUSED)
    values = collect({
        "role_level": lambda: _id(request, "role_level", required=True),
        "grade": lambda: _id(request, "grade", required=False),
        "pay_min": lambda: _pounds(request, "pay_min"),
        "pay_max": lambda: _pounds(request, "pay_max"),
    })
    problems: dict[str, list[str]] = {}
    if not RoleLevel.objects.filter(pk=values["role_level"]).exists():
        problems["role_level"] = ["There is no such role level."]
    if values["grade"] is not None and not Grade.objects.filter(pk=values["grade"]).exists():
        problems["grade"] = ["There is no such grade."]
    if problems:
        raise ValidationError(problems)
    found = sel.benchmark_for(role_level_id=values["role_level"], grade_id=values["grade"])
    wanted = values["pay_min"] is not None or values["pay_max"] is not None
    return Response({
        "role_level": values["role_level"], "role_level_name": found.role_level,
        "grade": values["grade"], "grade_name": found.grade, "basis": found.basis,
        "basis_label": found.basis_label, "low": found.low, "median": found.median,
        "high": found.high, "working_days": found.working_days,
        "threshold": pay_figures.SUPPRESS_BELOW,
        "sources": [f.as_dict() for f in found.sources],
        "flags": found.flags(values["pay_min"], values["pay_max"]) if wanted else [],
    })


@paginated_list
@extend_schema(methods=["GET"], operation_id="recruitment_pay_market_figures",
               parameters=[OpenApiParameter("role_level", OpenApiTypes.INT,
                                            description="Only this role level's figures.")],
               responses={200: MarketFigureSerializer(many=True), 400: ErrorSerializer,
                          403: ErrorSerializer})
@extend_schema(methods=["POST"], operation_id="recruitment_pay_market_figure_create",
               request=MarketFigureInput,
               responses={201: MarketFigureSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer})
@api_view(["GET", "POST"])
def market_figures(request: Request) -> Response:
    """Market figures not withdrawn, newest first; POST adds one (the recruitment hub)."""
    if request.method == "POST":
        data = validated(MarketFigureInput, request.data)
        figure = services.add_market_figure(
            actor=Actor.for_user(request.user), role_level_id=data["role_level"],
            grade_id=data.get("grade"), low=data["low"], median=data["median"],
            high=data["high"], source=data["source"], source_date=data["source_date"])
        figure = sel.market_figure(figure.pk)
        return Response(MarketFigureSerializer(figure).data, status=status.HTTP_201_CREATED)
    if not sel.may_see_benchmarks(request.user):
        raise PermissionDenied(_REFUSED)
    level = _id(request, "role_level", required=False)
    return paginated_response(request, sel.market_figures(role_level_id=level),
                              MarketFigureSerializer)
