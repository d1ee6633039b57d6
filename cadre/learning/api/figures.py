"""``GET /api/v1/learning/figures/baseline/`` and ``.../variance/``: the spend baseline and
price variance, from the same selectors as the pages and the command line.

Money is a string with 2 decimals (pounds), as DRF writes decimals everywhere in the API;
a headcount from 1 to 4 reads "fewer than 5" and a value withheld to protect one "[c]".
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.api_errors import ErrorSerializer
from cadre.learning.models import Product
from cadre.learning.selectors import figures as sel

_REFUSED = ("Learning leads, heads of profession, analysts, the central team and "
            "administrators only.")
_YEAR = OpenApiParameter(
    "year", OpenApiTypes.INT, required=False,
    description="Financial year (April to March) by its first calendar year, "
                f"{sel.MIN_YEAR} to {sel.MAX_YEAR}; the newest year with spend when not given.")

_COMMON = {
    "year": serializers.IntegerField(allow_null=True),
    "years": serializers.ListField(child=serializers.IntegerField()),
    "definitions": serializers.ListField(child=serializers.CharField()),
}
BaselineSerializer = inline_serializer("LearningSpendBaseline", fields={
    **_COMMON,
    "total_spend": serializers.CharField(allow_null=True),
    "lines": serializers.IntegerField(),
    "attendees": serializers.IntegerField(),
    "profession_headcount": serializers.JSONField(),
    "spend_per_head": serializers.CharField(allow_null=True),
    **{f"by_{by}": serializers.ListField(child=serializers.JSONField(), required=False)
       for by in sel.BY_CHOICES},
})
VarianceSerializer = inline_serializer("LearningPriceVariance", fields={
    **_COMMON,
    "rates_on": serializers.DateField(),
    "priced_spend": serializers.CharField(allow_null=True),
    "saving_at_median": serializers.CharField(allow_null=True),
    "saving_at_best_rate": serializers.CharField(allow_null=True),
    "products": serializers.ListField(child=serializers.JSONField()),
    "suppliers": serializers.ListField(child=serializers.JSONField()),
    "organisations": serializers.ListField(child=serializers.JSONField(), required=False),
})


def _allowed(request: Request) -> None:
    if not sel.may_see_figures(request.user):
        raise PermissionDenied(_REFUSED)


@extend_schema(
    operation_id="learning_spend_baseline",
    parameters=[_YEAR, OpenApiParameter(
        "by", OpenApiTypes.STR, enum=list(sel.BY_CHOICES), required=False,
        description="Only this table (organisation, supplier, product or family); every "
                    "table when not given.")],
    responses={200: BaselineSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
)
@api_view(["GET"])
def baseline(request: Request) -> Response:
    """Learning spend for one financial year by organisation (with spend per head of the
    profession), supplier, product and skill family, with totals."""
    _allowed(request)
    by = request.query_params.get("by")
    if by is not None:
        by = sel.check_by(by)
    return Response(sel.baseline(request.query_params.get("year")).as_dict(by))


@extend_schema(
    operation_id="learning_price_variance",
    parameters=[_YEAR, OpenApiParameter(
        "product", OpenApiTypes.INT, required=False,
        description="One product's id: its figures only, with each organisation's unit "
                    "price against the median (``organisations``).")],
    responses={200: VarianceSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
)
@api_view(["GET"])
def variance(request: Request) -> Response:
    """Unit prices per product across organisations (lowest, median, highest), the savings
    at the median and at the best contracted rate, and the same per supplier."""
    _allowed(request)
    raw = request.query_params.get("product")
    product_id = None
    if raw is not None:
        try:
            product_id = int(raw)
        except ValueError:
            raise ValidationError({"product": "Enter a product id (a whole number)."}
                                  ) from None
        if not 1 <= product_id <= 2**31 - 1 or not Product.objects.filter(pk=product_id).exists():
            raise ValidationError({"product": "There is no product with this id."})
    figures = sel.variance(request.query_params.get("year"), product_id=product_id)
    return Response(figures.as_dict(with_prices=product_id is not None))
