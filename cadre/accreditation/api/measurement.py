"""``GET /api/v1/accreditation/measures/``: the same measures as the page (same selector).

Hidden numbers come as their labels: "fewer than 5" for a count from 1 to 4, ``[c]`` for a
value hidden so that a small count cannot be worked out (core.suppression, ADR 24).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.accreditation.selectors import measurement as sel

_HIDDEN = (
    'Counts from 1 to 4 read "fewer than 5"; a value hidden so that a small count '
    'cannot be worked out reads "[c]". Shares are fractions from 0 to 1.'
)

MeasuresSerializer = inline_serializer(
    "AccreditationMeasures",
    fields={
        "scope": serializers.CharField(),
        "accredited": serializers.ListField(child=serializers.JSONField()),
        "decision_times": serializers.ListField(child=serializers.JSONField()),
        "workload_summary": serializers.DictField(child=serializers.IntegerField()),
        "workload": serializers.ListField(child=serializers.JSONField()),
        "agreement": serializers.ListField(child=serializers.JSONField()),
        "appeals": serializers.DictField(child=serializers.JSONField()),
    },
)


@extend_schema(
    operation_id="accreditation_measures",
    description=_HIDDEN,
    responses={200: MeasuresSerializer, 403: OpenApiTypes.OBJECT},
)
@api_view(["GET"])
def measures(request: Request) -> Response:
    """Accredited people by organisation, role family and level; time to decision; assessor
    workload and agreement (named for the central team only); appeal rates."""
    if not sel.may_see_measures(request.user):
        raise PermissionDenied("Analysts, heads of profession and the central team only.")
    return Response(sel.measures(request.user).as_dict())
