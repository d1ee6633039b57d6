"""Recruitment outcomes API (issue 21, area 6), from the same selector as the page and the
command line.

``GET /api/v1/recruitment/outcomes/?organisation=ABBR&from=YYYY-MM-DD&to=YYYY-MM-DD``: the
outcome tables. A count of people is a number, "fewer than 5" (1 to 4) or "[c]" (withheld so
that a small count cannot be worked out from a total); a median, mean or share resting on a
hidden count is null. Heads of profession get the lines of their own organisations and the
totals for every organisation; analysts, the central team and administrators every line.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.api_errors import ErrorSerializer
from cadre.recruitment.selectors import outcomes as sel

__all__ = ["outcomes"]

_REFUSED = "Heads of profession, analysts, the central team and administrators only."
_COUNT_HELP = 'A number, "fewer than 5" (1 to 4 people) or "[c]" (withheld to protect one).'


def _count() -> serializers.JSONField:
    return serializers.JSONField(help_text=_COUNT_HELP)


_LINE = {
    "organisation_id": serializers.IntegerField(allow_null=True,
                                                help_text="Null for every organisation."),
    "organisation": serializers.CharField(),
    "appointments": _count(), "internal": _count(), "external": _count(),
    "median_days": serializers.FloatField(allow_null=True),
    "p90_days": serializers.FloatField(allow_null=True),
    "campaigns": serializers.IntegerField(help_text="Campaigns decided or closed."),
    "campaigns_without_appointable": serializers.IntegerField(),
    "appointable": _count(),
    "appointable_per_campaign": serializers.FloatField(allow_null=True),
}
_QUARTER = {
    "quarter": serializers.CharField(help_text='"2025 Q3", or "All quarters".'),
    "internal": _count(), "external": _count(), "total": _count(),
    "share_inside_percent": serializers.FloatField(allow_null=True),
}
OutcomesSerializer = inline_serializer("RecruitmentOutcomes", fields={
    "organisation": serializers.CharField(allow_null=True),
    "from": serializers.DateField(allow_null=True),
    "to": serializers.DateField(allow_null=True),
    "threshold": serializers.IntegerField(),
    "senior_seniority": serializers.IntegerField(
        help_text="Role levels at this seniority or above are senior (so are Senior Civil "
                  "Service grades)."),
    "legend": serializers.CharField(),
    "organisations": inline_serializer("RecruitmentOutcomeLine", many=True, fields=_LINE),
    "total": inline_serializer("RecruitmentOutcomeTotal", fields=_LINE),
    "quarters": inline_serializer("RecruitmentOutcomeQuarter", many=True, fields=_QUARTER),
    "quarters_total": inline_serializer("RecruitmentOutcomeQuarterTotal", fields=_QUARTER),
})


@extend_schema(
    operation_id="recruitment_outcomes",
    parameters=[
        OpenApiParameter("organisation", OpenApiTypes.STR,
                         description="An organisation's abbreviation; every one when absent."),
        OpenApiParameter("from", OpenApiTypes.DATE, description="The first day (YYYY-MM-DD)."),
        OpenApiParameter("to", OpenApiTypes.DATE, description="The last day (YYYY-MM-DD)."),
    ],
    responses={200: OutcomesSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
)
@api_view(["GET"])
def outcomes(request: Request) -> Response:
    """Time to hire, appointable candidates per campaign, appointments from inside and
    outside government, and senior posts filled from inside by quarter."""
    if not sel.may_see(request.user):
        raise PermissionDenied(_REFUSED)
    params = request.query_params
    filters = sel.check_filters(request.user, organisation=params.get("organisation"),
                                start=params.get("from"), end=params.get("to"))
    return Response(sel.document(sel.outcomes_for(request.user, filters), filters))
