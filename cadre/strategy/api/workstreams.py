"""Strategies, workstreams, milestones and delivery confidence API (issue 19, area 1): the
same selectors and services as the pages.

- ``GET``/``POST /api/v1/strategy/strategies/``; ``GET .../strategies/{strategy_id}/``;
- ``GET``/``POST .../strategy/workstreams/`` (``strategy`` filter); ``GET
  .../workstreams/{workstream_id}/`` with its milestones and the period's ratings;
- ``GET``/``POST .../strategy/milestones/`` (``workstream`` filter); ``GET``/``PATCH
  .../milestones/{milestone_id}/`` (progress; send the ``version`` read: a stale one is
  409);
- ``GET``/``POST .../milestones/{milestone_id}/ratings/`` (``rater_kind`` owner or central,
  ``level`` by words, position or id, ``version`` of the rating read, 0 for none; 409 when
  stale);
- ``POST .../strategy/milestones/import/`` (two files, multipart);
- ``GET``/``POST .../strategy/scales/``, ``GET``/``POST .../strategy/periods/``, ``GET``/
  ``PATCH .../periods/{period_id}/``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer, FileErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import invalid, parse_id
from cadre.core.tabular import TableError
from cadre.strategy.models import (
    MAX_DATE_TEXT,
    MAX_DESCRIPTION,
    MAX_EVIDENCE,
    MAX_MILESTONE_TITLE,
    MAX_WORKSTREAM_NAME,
    ConfidenceRating,
    ConfidenceScale,
    Milestone,
    MilestoneStatus,
    RaterKind,
    ReportingPeriod,
    Strategy,
    Workstream,
    WorkstreamKind,
)
from cadre.strategy.selectors import workstreams as sel
from cadre.strategy.services import workstreams as services

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record")
_CONFLICT = OpenApiResponse(ConflictSerializer, description="Changed since read (409)")


def _conflict(exc: services.WorkstreamConflict) -> Response:
    return Response({"detail": exc.message,
                     "errors": [{"field": exc.field, "message": exc.message}],
                     "current_state": "changed"}, status=status.HTTP_409_CONFLICT)


def _found(value: Any) -> Any:
    if value is None:
        raise Http404("No such record.")
    return value


def _filter_id(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    return parse_id(raw, field=name)


class StrategySummarySerializer(serializers.ModelSerializer):
    source_url = serializers.CharField(read_only=True, help_text="Where it is published; "
                                                                 "empty when not known.")
    workstreams = serializers.IntegerField(source="workstream_count", read_only=True)

    class Meta:
        model = Strategy
        fields = ["id", "name", "published", "description", "source_url", "workstreams"]
        read_only_fields = fields


class StrategyInput(serializers.Serializer):
    name = serializers.CharField(max_length=services.MAX_STRATEGY_NAME)
    published = serializers.DateField(required=False, allow_null=True, default=None)
    description = serializers.CharField(max_length=MAX_DESCRIPTION, required=False,
                                        allow_blank=True, default="")
    source_url = serializers.URLField(max_length=services.MAX_URL, required=False,
                                      allow_blank=True, default="")


class WorkstreamSerializer(serializers.ModelSerializer):
    strategy_name = serializers.CharField(source="strategy.name", read_only=True)
    lead_organisation = serializers.CharField(source="lead_organisation.abbreviation",
                                              read_only=True)
    organisation = serializers.SerializerMethodField()
    participants = serializers.SerializerMethodField()
    milestones = serializers.IntegerField(source="milestone_count", read_only=True)
    kind = serializers.CharField(read_only=True,
                                 help_text="strategy or departmental_plan")

    class Meta:
        model = Workstream
        fields = ["id", "strategy", "strategy_name", "name", "kind", "lead_organisation",
                  "organisation", "participants", "description", "milestones"]

    def get_organisation(self, workstream: Workstream) -> str | None:
        return workstream.organisation.abbreviation if workstream.organisation_id else None

    def get_participants(self, workstream: Workstream) -> list[str]:
        return sorted(o.abbreviation for o in workstream.participants.all())


class WorkstreamInput(serializers.Serializer):
    strategy = serializers.IntegerField(min_value=1)
    name = serializers.CharField(max_length=MAX_WORKSTREAM_NAME)
    kind = serializers.ChoiceField(choices=WorkstreamKind.choices, required=False,
                                   default=WorkstreamKind.STRATEGY)
    lead_organisation = serializers.CharField(max_length=200,
                                              help_text="Abbreviation or id.")
    organisation = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                         default="", help_text="The department of an "
                                                               "implementation plan.")
    participants = serializers.ListField(child=serializers.CharField(max_length=200),
                                         required=False, default=list,
                                         max_length=services.MAX_PARTICIPANTS)
    description = serializers.CharField(max_length=MAX_DESCRIPTION, required=False,
                                        allow_blank=True, default="")


class ConfidenceRatingSerializer(serializers.ModelSerializer):
    period = serializers.CharField(source="period.label", read_only=True)
    period_id = serializers.IntegerField(read_only=True)
    level = serializers.CharField(source="level.label", read_only=True)
    position = serializers.IntegerField(source="level.position", read_only=True)
    score = serializers.DecimalField(source="level.score", max_digits=4, decimal_places=3,
                                     read_only=True, help_text="Common score: 1 most "
                                                               "confident, 0 least.")
    scale = serializers.CharField(source="level.scale.name", read_only=True)
    rater_kind = serializers.CharField(read_only=True, help_text="owner or central")
    rated_by = serializers.CharField(source="rated_by_label", read_only=True)

    class Meta:
        model = ConfidenceRating
        fields = ["id", "period_id", "period", "rater_kind", "level", "position", "score",
                  "scale", "comment", "rated_by", "rated_at", "version"]


class MilestoneSerializer(serializers.ModelSerializer):
    workstream_name = serializers.CharField(source="workstream.name", read_only=True)
    owner_organisation = serializers.SerializerMethodField()
    status = serializers.CharField(read_only=True, help_text=", ".join(MilestoneStatus.values))
    baseline_kind = serializers.CharField(read_only=True,
                                          help_text="due, range, from, ongoing or unread")
    evidence_url = serializers.CharField(read_only=True, help_text="A link to evidence; "
                                                                   "empty when none.")

    class Meta:
        model = Milestone
        fields = ["id", "workstream", "workstream_name", "title", "date_text", "baseline_kind",
                  "baseline_start", "baseline_end", "forecast_date", "actual_date", "status",
                  "evidence", "evidence_url", "owner_organisation", "version", "updated_at"]

    def get_owner_organisation(self, milestone: Milestone) -> str:
        return milestone.owner.abbreviation


class MilestoneInput(serializers.Serializer):
    workstream = serializers.IntegerField(min_value=1)
    title = serializers.CharField(max_length=MAX_MILESTONE_TITLE)
    date_text = serializers.CharField(max_length=MAX_DATE_TEXT, required=False,
                                      allow_blank=True, default="")
    owner_organisation = serializers.CharField(max_length=200, required=False,
                                               allow_blank=True, default="")


class MilestoneProgressInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=10**9, required=False,
                                       help_text="The milestone's version you read: when it "
                                                 "is no longer the stored one nothing is "
                                                 "changed (409). Without it the change is "
                                                 "made to the milestone as it is.")
    status = serializers.ChoiceField(choices=MilestoneStatus.choices, required=False)
    forecast_date = serializers.DateField(required=False, allow_null=True)
    actual_date = serializers.DateField(required=False, allow_null=True)
    evidence = serializers.CharField(max_length=MAX_EVIDENCE, required=False, allow_blank=True)
    evidence_url = serializers.URLField(max_length=services.MAX_URL, required=False,
                                        allow_blank=True)


class ConfidenceRatingInput(serializers.Serializer):
    rater_kind = serializers.ChoiceField(choices=RaterKind.choices)
    period = serializers.IntegerField(min_value=1, required=False,
                                      help_text="The reporting period (the current one if "
                                                "left out).")
    level = serializers.CharField(max_length=60, help_text="The level's words, position or id.")
    comment = serializers.CharField(max_length=services.MAX_COMMENT, required=False,
                                    allow_blank=True, default="")
    version = serializers.IntegerField(min_value=0, max_value=10**9,
                                       help_text="The rating's version you read; 0 if none.")


class MilestoneDetailSerializer(MilestoneSerializer):
    ratings = serializers.SerializerMethodField()

    class Meta(MilestoneSerializer.Meta):
        fields = [*MilestoneSerializer.Meta.fields, "ratings"]

    @extend_schema_field(ConfidenceRatingSerializer(many=True))
    def get_ratings(self, milestone: Milestone) -> list[dict]:
        return ConfidenceRatingSerializer(sel.ratings(milestone=milestone), many=True).data


class WorkstreamDetailSerializer(WorkstreamSerializer):
    milestone_list = serializers.SerializerMethodField()

    class Meta(WorkstreamSerializer.Meta):
        fields = [*WorkstreamSerializer.Meta.fields, "milestone_list"]

    @extend_schema_field(MilestoneDetailSerializer(many=True))
    def get_milestone_list(self, workstream: Workstream) -> list[dict]:
        return MilestoneDetailSerializer(sel.milestones(workstream=workstream), many=True).data


class ConfidenceLevelSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    label = serializers.CharField()
    score = serializers.DecimalField(max_digits=4, decimal_places=3)


class ConfidenceScaleSerializer(serializers.ModelSerializer):
    levels = ConfidenceLevelSerializer(many=True, read_only=True)

    class Meta:
        model = ConfidenceScale
        fields = ["id", "name", "description", "levels"]


class ConfidenceLevelInput(serializers.Serializer):
    label = serializers.CharField(max_length=services.MAX_LEVEL_LABEL)
    score = serializers.DecimalField(max_digits=4, decimal_places=3, min_value=0, max_value=1,
                                     required=False, allow_null=True, default=None)


class ConfidenceScaleInput(serializers.Serializer):
    name = serializers.CharField(max_length=services.MAX_SCALE_NAME)
    description = serializers.CharField(max_length=MAX_DESCRIPTION, required=False,
                                        allow_blank=True, default="")
    levels = ConfidenceLevelInput(many=True, help_text="Most confident first; without scores "
                                                       "they are spread evenly from 1 to 0.")


class ReportingPeriodSerializer(serializers.ModelSerializer):
    scale_name = serializers.CharField(source="scale.name", read_only=True)
    ratings = serializers.IntegerField(source="rating_count", read_only=True)

    class Meta:
        model = ReportingPeriod
        fields = ["id", "label", "starts_on", "ends_on", "scale", "scale_name", "ratings"]


class ReportingPeriodInput(serializers.Serializer):
    label = serializers.CharField(max_length=services.MAX_PERIOD_LABEL)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    scale = serializers.IntegerField(min_value=1)


class MilestonesImportUpload(serializers.Serializer):
    workstreams = serializers.FileField(help_text="strategy, workstream, lead_organisation")
    milestones = serializers.FileField(help_text="strategy, workstream, milestone")
    map = serializers.ListField(child=serializers.CharField(max_length=300), required=False,
                                default=list, max_length=100,
                                help_text="'Name in the file=ABBR' pairs.")
    create_missing = serializers.BooleanField(required=False, default=False)
    dry_run = serializers.BooleanField(required=False, default=False)


class UnreadMilestoneDateSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    workstream = serializers.CharField()
    title = serializers.CharField()
    date_text = serializers.CharField()
    problem = serializers.CharField()


class MilestonesImportResultSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    strategies_created = serializers.ListField(child=serializers.CharField())
    workstreams_created = serializers.IntegerField()
    workstreams_existing = serializers.IntegerField()
    milestones_created = serializers.IntegerField()
    milestones_existing = serializers.IntegerField()
    dates_read = serializers.IntegerField()
    unread = UnreadMilestoneDateSerializer(many=True)
    lines = serializers.ListField(child=serializers.CharField())


# -- strategies and workstreams --------------------------------------------------------

@paginated_list
@extend_schema(methods=["GET"], responses=StrategySummarySerializer(many=True))
@extend_schema(methods=["POST"], request=StrategyInput,
               responses={201: StrategySummarySerializer, 400: ErrorSerializer,
                          403: ErrorSerializer})
@api_view(["GET", "POST"])
def strategy_list(request: Request) -> Response:
    if request.method == "POST":
        data = validated(StrategyInput, request.data)
        strategy = services.create_strategy(actor=Actor.for_user(request.user), **data)
        return Response(StrategySummarySerializer(sel.strategy(strategy.pk)).data,
                        status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.strategies(), StrategySummarySerializer)


@extend_schema(responses={200: StrategySummarySerializer, 404: _NOT_FOUND})
@api_view(["GET"])
def strategy_detail(request: Request, strategy_id: int) -> Response:
    return Response(StrategySummarySerializer(_found(sel.strategy(strategy_id))).data)


@paginated_list
@extend_schema(methods=["GET"], responses=WorkstreamSerializer(many=True),
               parameters=[OpenApiParameter("strategy", OpenApiTypes.INT)])
@extend_schema(methods=["POST"], request=WorkstreamInput,
               responses={201: WorkstreamSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer})
@api_view(["GET", "POST"])
def workstream_list(request: Request) -> Response:
    if request.method == "POST":
        data = validated(WorkstreamInput, request.data)
        workstream = services.create_workstream(actor=Actor.for_user(request.user),
                                                **{**data, "organisation":
                                                   data["organisation"] or None})
        return Response(WorkstreamSerializer(sel.workstream(workstream.pk)).data,
                        status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.workstreams(strategy=_filter_id(request,
                                                                           "strategy")),
                              WorkstreamSerializer)


@extend_schema(responses={200: WorkstreamDetailSerializer, 404: _NOT_FOUND})
@api_view(["GET"])
def workstream_detail(request: Request, workstream_id: int) -> Response:
    return Response(WorkstreamDetailSerializer(_found(sel.workstream(workstream_id))).data)


# -- milestones and ratings ------------------------------------------------------------

@paginated_list
@extend_schema(methods=["GET"], responses=MilestoneSerializer(many=True),
               parameters=[OpenApiParameter("workstream", OpenApiTypes.INT)])
@extend_schema(methods=["POST"], request=MilestoneInput,
               responses={201: MilestoneSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer})
@api_view(["GET", "POST"])
def milestone_list(request: Request) -> Response:
    if request.method == "POST":
        data = validated(MilestoneInput, request.data)
        milestone = services.create_milestone(
            actor=Actor.for_user(request.user),
            **{**data, "owner_organisation": data["owner_organisation"] or None})
        return Response(MilestoneSerializer(sel.milestone(milestone.pk)).data,
                        status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.milestones(workstream=_filter_id(request,
                                                                            "workstream")),
                              MilestoneSerializer)


@extend_schema(methods=["GET"], responses={200: MilestoneDetailSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=MilestoneProgressInput,
               responses={200: MilestoneDetailSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["GET", "PATCH"])
def milestone_detail(request: Request, milestone_id: int) -> Response:
    milestone = _found(sel.milestone(milestone_id))
    if request.method == "PATCH":
        data = dict(validated(MilestoneProgressInput, request.data, partial=True))
        version = data.pop("version", None)
        try:
            services.change_milestone(actor=Actor.for_user(request.user),
                                      milestone=milestone, version=version, **data)
        except services.WorkstreamConflict as exc:
            return _conflict(exc)
        milestone = _found(sel.milestone(milestone_id))
    return Response(MilestoneDetailSerializer(milestone).data)


@extend_schema(methods=["GET"], responses={200: ConfidenceRatingSerializer(many=True),
                                           404: _NOT_FOUND})
@extend_schema(methods=["POST"], request=ConfidenceRatingInput,
               responses={201: ConfidenceRatingSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["GET", "POST"])
def milestone_ratings(request: Request, milestone_id: int) -> Response:
    milestone = _found(sel.milestone(milestone_id))
    if request.method == "POST":
        data = validated(ConfidenceRatingInput, request.data)
        period = data.get("period") or getattr(sel.current_period(), "pk", None)
        if period is None:
            raise invalid("period", "There is no reporting period to rate in yet.")
        try:
            rating = services.rate_milestone(
                actor=Actor.for_user(request.user), milestone=milestone, period=period,
                rater_kind=data["rater_kind"], level=data["level"], comment=data["comment"],
                version=data["version"])
        except services.WorkstreamConflict as exc:
            return _conflict(exc)
        return Response(ConfidenceRatingSerializer(sel.ratings().get(pk=rating.pk)).data,
                        status=status.HTTP_201_CREATED)
    return Response(ConfidenceRatingSerializer(sel.ratings(milestone=milestone), many=True).data)


@extend_schema(operation_id="strategy_milestones_import",
               request={"multipart/form-data": MilestonesImportUpload},
               responses={200: MilestonesImportResultSerializer, 400: FileErrorSerializer,
                          403: ErrorSerializer})
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser, JSONParser])
def milestones_import(request: Request) -> Response:
    """Import published workstreams and milestones: all rows valid and every lead matched
    (or mapped, or created with ``create_missing``), or 400 listing every problem with
    nothing written. Dates that cannot be read are listed in ``unread``."""
    data = validated(MilestonesImportUpload, request.data)
    limit = min(services.MAX_IMPORT_BYTES, settings.CADRE_MAX_UPLOAD_BYTES)
    for name in ("workstreams", "milestones"):
        if data[name].size > limit:
            raise invalid(name, f"The file is larger than {limit // (1024 * 1024)} MB.")
    try:
        report = services.import_milestones(
            actor=Actor.for_user(request.user), workstreams_data=data["workstreams"].read(),
            milestones_data=data["milestones"].read(),
            workstreams_filename=data["workstreams"].name,
            milestones_filename=data["milestones"].name,
            mapping=services.parse_mapping(data["map"]),
            create_missing=data["create_missing"], dry_run=data["dry_run"])
    except TableError as exc:
        return Response({
            "detail": f"{len(exc.errors)} problem(s); nothing was imported.",
            "errors": [{"field": e.column or "file", "row": e.row, "column": e.column,
                        "message": e.message} for e in exc.errors],
        }, status=status.HTTP_400_BAD_REQUEST)
    return Response(MilestonesImportResultSerializer({
        **{k: getattr(report, k) for k in (
            "dry_run", "strategies_created", "workstreams_created", "workstreams_existing",
            "milestones_created", "milestones_existing", "dates_read")},
        "unread": [vars(u) for u in report.unread], "lines": report.lines()}).data)


# -- scales and periods ----------------------------------------------------------------

@extend_schema(methods=["GET"], responses=ConfidenceScaleSerializer(many=True))
@extend_schema(methods=["POST"], request=ConfidenceScaleInput,
               responses={201: ConfidenceScaleSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer})
@api_view(["GET", "POST"])
def scale_list(request: Request) -> Response:
    if request.method == "POST":
        data = validated(ConfidenceScaleInput, request.data)
        scale = services.create_scale(actor=Actor.for_user(request.user), name=data["name"],
                                      description=data["description"],
                                      levels=[dict(level) for level in data["levels"]])
        return Response(ConfidenceScaleSerializer(sel.scale(scale.pk)).data,
                        status=status.HTTP_201_CREATED)
    return Response(ConfidenceScaleSerializer(sel.scales(), many=True).data)


@extend_schema(methods=["GET"], responses=ReportingPeriodSerializer(many=True))
@extend_schema(methods=["POST"], request=ReportingPeriodInput,
               responses={201: ReportingPeriodSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer})
@api_view(["GET", "POST"])
def period_list(request: Request) -> Response:
    if request.method == "POST":
        data = validated(ReportingPeriodInput, request.data)
        period = services.create_period(actor=Actor.for_user(request.user), **data)
        return Response(ReportingPeriodSerializer(sel.period(period.pk)).data,
                        status=status.HTTP_201_CREATED)
    return Response(ReportingPeriodSerializer(sel.periods(), many=True).data)


@extend_schema(methods=["GET"], responses={200: ReportingPeriodSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=ReportingPeriodInput,
               responses={200: ReportingPeriodSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND})
@api_view(["GET", "PATCH"])
def period_detail(request: Request, period_id: int) -> Response:
    period = _found(sel.period(period_id))
    if request.method == "PATCH":
        data = validated(ReportingPeriodInput, request.data, partial=True)
        services.update_period(actor=Actor.for_user(request.user), period=period, **data)
        period = _found(sel.period(period_id))
    return Response(ReportingPeriodSerializer(period).data)
