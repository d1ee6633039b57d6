"""``GET /api/v1/learning/demand/`` and ``GET /api/v1/learning/demand/pack/?lot=ID``: the
demand from skill gaps and a lot's demand pack, from the same selectors as the pages and
the command line (one suppressed table of the whole government, for everyone).

A count from 1 to 4 reads "fewer than 5"; a value withheld so that a small count cannot be
worked out reads "[c]"; money is a string in pounds with 2 decimals.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.audit.exports import export_table
from cadre.core.api_errors import ErrorSerializer
from cadre.core.exports import SPREADSHEETS, export_response
from cadre.core.inputs import parse_id
from cadre.learning.models import Lot
from cadre.learning.selectors import demand as sel

_REFUSED = ("Learning leads, heads of profession, analysts, the central team and "
            "administrators only.")
_HIDDEN = ('Counts from 1 to 4 read "fewer than 5"; a value hidden so that a small count '
           'cannot be worked out reads "[c]". Totals are those of the whole government\'s '
           "table, whatever the filters.")

DemandSerializer = inline_serializer("LearningDemand", fields={
    "filters": serializers.CharField(),
    "threshold": serializers.IntegerField(),
    "hidden_values": serializers.CharField(),
    "definitions": serializers.ListField(child=serializers.CharField()),
    "quarters": serializers.ListField(child=serializers.JSONField()),
    "people_whole_table": serializers.JSONField(),
    "rows": serializers.ListField(child=serializers.JSONField()),
})
PackSerializer = inline_serializer("LearningDemandPack", fields={
    "lot": serializers.JSONField(),
    "demand": DemandSerializer,
    "rows": serializers.ListField(child=serializers.JSONField()),
    "estimate_of_rows_shown": serializers.CharField(),
    "estimate_note": serializers.CharField(),
})
_FILTERS = [
    OpenApiParameter("organisation", OpenApiTypes.STR, required=False,
                     description="Organisation abbreviation: only its rows."),
    OpenApiParameter("family", OpenApiTypes.INT, required=False,
                     description="Role family id: only the skills its roles require."),
    OpenApiParameter("quarter_from", OpenApiTypes.STR, required=False,
                     description="First quarter shown, e.g. 2027-Q1 (calendar quarters)."),
    OpenApiParameter("quarter_to", OpenApiTypes.STR, required=False,
                     description="Last quarter shown, e.g. 2027-Q4."),
]


def _allowed(request: Request) -> None:
    if not sel.may_see_demand(request.user):
        raise PermissionDenied(_REFUSED)


@extend_schema(operation_id="learning_demand", description=_HIDDEN, parameters=_FILTERS,
               responses={200: DemandSerializer, 400: ErrorSerializer, 403: ErrorSerializer})
@api_view(["GET"])
def demand(request: Request) -> Response:
    """People needing each skill and level, by organisation and quarter, with the products
    that build it."""
    _allowed(request)
    q = request.query_params
    filters = sel.parse_filters(organisation=q.get("organisation"), family=q.get("family"),
                                quarter_from=q.get("quarter_from"),
                                quarter_to=q.get("quarter_to"))
    return Response(sel.demand_view(filters).as_dict())


@extend_schema(
    operation_id="learning_demand_pack", description=_HIDDEN + " " + sel.ESTIMATE_NOTE,
    parameters=[
        OpenApiParameter("lot", OpenApiTypes.INT, required=True, description="The lot's id."),
        OpenApiParameter("organisation", OpenApiTypes.STR, required=False,
                         description="Organisation abbreviation: only its rows."),
        OpenApiParameter("download", OpenApiTypes.STR, required=False, enum=list(SPREADSHEETS),
                         description="The pack as a CSV, XLSX or ODS file instead of JSON."),
    ],
    responses={200: OpenApiResponse(PackSerializer, description="The pack, or the file."),
               400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer})
@api_view(["GET"])
def pack(request: Request) -> Response:
    """A lot's demand pack for procurement."""
    _allowed(request)
    q = request.query_params
    lot_id = parse_id(q.get("lot"), field="lot")
    fmt = q.get("download") or ""
    if fmt and fmt not in SPREADSHEETS:
        raise ValidationError({"download": [f"Choose one of {', '.join(SPREADSHEETS)}."]})
    filters = sel.parse_filters(organisation=q.get("organisation"))
    lot = Lot.objects.select_related("framework").filter(pk=lot_id).first()
    if lot is None:
        from django.http import Http404

        raise Http404("No such lot.")
    result = sel.demand_pack(lot, contracts=sel.contracts_for(request.user),
                             organisation=filters.organisation)
    if fmt:
        return export_response(export_table(
            actor=request.user, what="learning demand pack", columns=result.columns,
            rows=result.file_rows(), fmt=fmt, sheet_title="Demand pack",
            summary=f"Demand pack for {lot} ({result.view.filters.describe()})",
            filename=f"demand-pack-lot-{lot.pk}", extra={"lot": lot.pk}))
    return Response(result.as_dict())
