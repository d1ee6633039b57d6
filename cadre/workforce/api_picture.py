"""API for the workforce picture: the same selectors, so the same numbers, as the pages.

Each table comes as ``{"key", "caption", "row_header", "columns", "rows", "total",
"notes"}``; a row is ``{"label", "values", "suppressed"}`` where ``values[i]`` is
the number in ``columns[i]`` (or null) and ``suppressed[i]`` is true when that
value is hidden because it counts fewer than 5 people or would reveal such a count.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.workforce import selectors_picture as selectors
from cadre.workforce.picture import THRESHOLD, WORKING_DAYS_PER_YEAR, Table, table_json

_DESCRIPTION = (
    "Hidden values are null, with `suppressed` true at the same position of the row; "
    f"values hide when they count fewer than {THRESHOLD} people or would reveal such a "
    f"count. Yearly costs assume {WORKING_DAYS_PER_YEAR} working days."
)


class PictureRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    values = serializers.ListField(child=serializers.FloatField(allow_null=True))
    suppressed = serializers.ListField(child=serializers.BooleanField())


class PictureTableSerializer(serializers.Serializer):
    key = serializers.CharField()
    caption = serializers.CharField()
    row_header = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = PictureRowSerializer(many=True)
    total = PictureRowSerializer(allow_null=True)
    notes = serializers.ListField(child=serializers.CharField())


class PictureSerializer(serializers.Serializer):
    organisation = serializers.CharField(allow_null=True)
    suppressed = serializers.BooleanField()
    threshold = serializers.IntegerField(allow_null=True)
    working_days_per_year = serializers.IntegerField()
    tables = PictureTableSerializer(many=True)


class SeniorPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    line_manager_id = serializers.IntegerField(allow_null=True)
    staff_number = serializers.CharField()
    name = serializers.CharField()
    grade = serializers.CharField(allow_blank=True)
    job_title = serializers.CharField(allow_blank=True)
    role = serializers.CharField(allow_blank=True)
    role_level = serializers.CharField(allow_blank=True)
    role_family = serializers.CharField(allow_blank=True)
    unit = serializers.CharField(allow_blank=True)
    line_manager = serializers.CharField(allow_blank=True)
    line_manager_staff_number = serializers.CharField(allow_blank=True)


class SeniorPeopleSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    people = SeniorPersonSerializer(many=True)


def _picture(tables: list[Table], suppressed: bool, **extra: object) -> dict[str, object]:
    return {**extra, "suppressed": suppressed, "threshold": THRESHOLD if suppressed else None,
            "working_days_per_year": WORKING_DAYS_PER_YEAR,
            "tables": [table_json(t) for t in tables]}


@extend_schema(responses=PictureSerializer, description=_DESCRIPTION)
@api_view(["GET"])
def organisation_picture(request: Request, abbreviation: str) -> Response:
    """An organisation's workforce picture: exact for its heads of profession, the central
    team and administrators; suppressed for analysts."""
    access = selectors.picture_access(request.user, abbreviation)
    if access is None:
        raise Http404
    return Response(_picture(selectors.organisation_picture(access), not access.exact,
                             organisation=access.organisation.abbreviation))


@extend_schema(responses=PictureSerializer, description=_DESCRIPTION)
@api_view(["GET"])
def government_picture(request: Request) -> Response:
    """The profession across government, suppressed for everyone."""
    return Response(_picture(selectors.government_picture(), True, organisation=None))


@extend_schema(responses=SeniorPeopleSerializer)
@api_view(["GET"])
def senior_people(request: Request, abbreviation: str) -> Response:
    """The named Senior Civil Service of the profession in an organisation, with each
    person's line manager (for the organisation chart). Never for analysts."""
    organisation = selectors.senior_access(request.user, abbreviation)
    if organisation is None:
        raise Http404
    people = selectors.senior_people(organisation)
    return Response({"organisation": organisation.abbreviation, "people": [
        {"id": p.pk, "line_manager_id": p.line_manager_id, **selectors.senior_row(p)}
        for p in people]})
