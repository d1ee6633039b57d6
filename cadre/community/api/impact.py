"""``GET /api/v1/community/impact/``: participation in the community against change in
assessed capability and progression, compared with similar people who did not take part,
from the same selector as the page and the command line.

Group sizes of 1 to 4 read "fewer than 5" and such a comparison has no figures (null).
This is an association, not a cause: the response carries the method in words.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.community.selectors import impact as sel
from cadre.core.api_errors import ErrorSerializer

_REFUSED = "Heads of profession, analysts, the central team and administrators only."

_RESULT = inline_serializer("CommunityImpactResult", many=True, fields={
    "year": serializers.IntegerField(),
    "kind": serializers.ChoiceField(choices=[k for k, _ in sel.KINDS]),
    "outcome": serializers.ChoiceField(choices=[k for k, _, _ in sel.OUTCOMES]),
    "measure": serializers.CharField(),
    "participants": serializers.CharField(help_text='A number, or "fewer than 5".'),
    "comparison": serializers.CharField(help_text='A number, or "fewer than 5".'),
    "participant_value": serializers.FloatField(allow_null=True),
    "comparison_value": serializers.FloatField(allow_null=True),
    "difference": serializers.FloatField(allow_null=True),
    "ci_low": serializers.FloatField(allow_null=True),
    "ci_high": serializers.FloatField(allow_null=True),
    "suppressed": serializers.BooleanField(),
    "strata_used": serializers.IntegerField(),
    "strata_dropped": serializers.IntegerField(),
    "participants_dropped": serializers.CharField(),
    "participants_left_out": serializers.CharField(),
    "comparison_left_out": serializers.CharField(),
})
ImpactSerializer = inline_serializer("CommunityImpact", fields={
    "year": serializers.IntegerField(),
    "years": serializers.ListField(child=serializers.IntegerField()),
    "comparison_date": serializers.DateField(allow_null=True),
    "follow_up_ends": serializers.DateField(),
    "follow_up_complete": serializers.BooleanField(),
    "mentoring_counted": serializers.BooleanField(),
    "participants": serializers.DictField(child=serializers.CharField()),
    "method": serializers.ListField(child=serializers.CharField()),
    "association_not_cause": serializers.BooleanField(),
    "results": _RESULT,
})


@extend_schema(
    operation_id="community_impact",
    parameters=[OpenApiParameter(
        "year", OpenApiTypes.INT, required=False,
        description=f"The calendar year people started taking part, {sel.MIN_YEAR} to this "
                    "year; the newest year with taking part when not given.")],
    responses={200: ImpactSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
)
@api_view(["GET"])
def impact(request: Request) -> Response:
    """For each kind of taking part (and any kind) and each outcome: participants' figure,
    the comparison group's (weighted to the participants' strata), the difference with a
    95% confidence interval, and the group sizes."""
    if not sel.may_see_impact(request.user):
        raise PermissionDenied(_REFUSED)
    return Response(sel.impact(request.query_params.get("year")).as_dict())
