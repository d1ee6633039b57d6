"""API for finding the profession: the review queue, decisions, classifying titles, and the
central team's threshold for accepting titles automatically."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer
from cadre.core.api_fields import IdField
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import LONG_TEXT, parse_choice
from cadre.jobs.api import JobStartedSerializer, job_started
from cadre.jobs.services import start_job
from cadre.workforce import selectors_review as selectors
from cadre.workforce.catalogue import get_engine
from cadre.workforce.jobs import classify as classify_job
from cadre.workforce.models import ClassificationSettings, ReviewStatus, TitleClassification
from cadre.workforce.selectors import managed_organisation
from cadre.workforce.services_review import review_classification
from cadre.workforce.services_settings import (
    FIELD,
    parse_threshold,
    parse_version,
    set_auto_accept_threshold,
)


class ClassificationSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="abbreviation", read_only=True)
    role_family = serializers.SerializerMethodField()
    role = serializers.SerializerMethodField()
    role_level = serializers.SerializerMethodField()
    decided_by = serializers.SlugRelatedField(slug_field="email", read_only=True,
                                              allow_null=True)

    class Meta:
        model = TitleClassification
        fields = ["id", "organisation", "title", "title_key", "grade_code", "in_profession",
                  "role_family", "role", "role_level", "role_level_id", "confidence", "reason",
                  "alternatives", "engine", "status", "people_count", "decided_by",
                  "decided_at"]

    def get_role_family(self, c: TitleClassification) -> str:
        return c.role_level.role.family.name if c.role_level else ""

    def get_role(self, c: TitleClassification) -> str:
        return c.role_level.role.name if c.role_level else ""

    def get_role_level(self, c: TitleClassification) -> str:
        return c.role_level.name if c.role_level else ""


class DecisionInput(serializers.Serializer):
    in_profession = serializers.BooleanField()
    role_level = IdField(
        required=False, allow_null=True,
        help_text="Id of a role level of the default framework; needed when in the profession")


class TitleInput(serializers.Serializer):
    job_title = serializers.CharField(max_length=200)
    grade = serializers.CharField(max_length=40, required=False, allow_blank=True)
    job_description = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True)
    engine = serializers.ChoiceField(choices=["default", "semantic"], required=False)


class AlternativeSerializer(serializers.Serializer):
    role = serializers.CharField()
    role_level = serializers.CharField(allow_blank=True)
    confidence = serializers.FloatField()


class TitleResult(serializers.Serializer):
    job_title = serializers.CharField()
    in_profession = serializers.BooleanField()
    role_family = serializers.CharField(allow_blank=True)
    role = serializers.CharField(allow_blank=True)
    role_level = serializers.CharField(allow_blank=True)
    confidence = serializers.FloatField()
    reason = serializers.CharField(allow_blank=True)
    engine = serializers.CharField()
    alternatives = AlternativeSerializer(many=True)


def _detail(request: Request, pk: int) -> TitleClassification:
    classification = selectors.classification_detail(user=request.user, pk=pk)
    if classification is None:
        raise Http404
    return classification


@paginated_list
@extend_schema(
    responses=ClassificationSerializer(many=True),
    parameters=[
        OpenApiParameter("organisation", str, description="Organisation abbreviation"),
        OpenApiParameter("status", str, enum=[*ReviewStatus.values, "all"]),
        OpenApiParameter("q", str, description="Job title contains"),
    ],
)
@api_view(["GET"])
def classification_list(request: Request) -> Response:
    """Job titles you may review: suggestions waiting for review first, the least confident
    first, then by how many people hold them; then titles accepted automatically; then
    reviewed ones."""
    status = parse_choice(request.query_params.get("status"), field="status",
                          choices=[*ReviewStatus.values, "all"], default="")
    qs = selectors.review_queue(request.user, status=status,
                                search=request.query_params.get("q", "").strip()[:100])
    if org := request.query_params.get("organisation"):
        qs = qs.filter(organisation__abbreviation__iexact=org)
    return paginated_response(request, qs, ClassificationSerializer)


@extend_schema(methods=["GET"], responses=ClassificationSerializer)
@extend_schema(methods=["POST"], request=DecisionInput,
               responses={200: ClassificationSerializer, 400: ErrorSerializer})
@api_view(["GET", "POST"])
def classification_detail(request: Request, pk: int) -> Response:
    """One job title's classification; POST accepts it (unchanged) or corrects it."""
    classification = _detail(request, pk)
    if request.method == "POST":
        form = DecisionInput(data=request.data)
        form.is_valid(raise_exception=True)
        level = None
        if form.validated_data.get("role_level"):
            level = selectors.role_level_choices().filter(
                pk=form.validated_data["role_level"]).first()
            if level is None:
                raise serializers.ValidationError(
                    {"role_level": "No such role level in the default framework."})
        try:
            classification = review_classification(
                actor=request.user, classification=classification,
                in_profession=form.validated_data["in_profession"], role_level=level)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        classification = _detail(request, pk)
    return Response(ClassificationSerializer(classification).data)


@extend_schema(request=None, responses={202: JobStartedSerializer})
@api_view(["POST"])
def classify_organisation_view(request: Request, abbreviation: str) -> Response:
    """Start classifying the job titles of an organisation's current people (reviewed titles
    kept) as a background job; answers 202 with the job to poll."""
    organisation = managed_organisation(request.user, abbreviation)
    if organisation is None:
        raise Http404
    job = start_job(actor=request.user, runner=classify_job,
                    title=f"Classify the job titles in {organisation.name}",
                    params={"organisation_id": organisation.pk})
    return job_started(job)


@extend_schema(request=TitleInput, responses={200: TitleResult, 400: ErrorSerializer})
@api_view(["POST"])
def classify_title(request: Request) -> Response:
    """Classify one job title on demand; nothing is saved."""
    form = TitleInput(data=request.data)
    form.is_valid(raise_exception=True)
    data = form.validated_data
    try:
        engine = get_engine(data.get("engine"), strict=bool(data.get("engine")))
    except RuntimeError as exc:
        raise serializers.ValidationError({"engine": str(exc)}) from exc
    result = engine.classify(data["job_title"], data.get("grade") or None,
                             data.get("job_description", ""))
    return Response({
        "job_title": data["job_title"], "in_profession": result.in_profession,
        "role_family": result.role_family or "", "role": result.role or "",
        "role_level": result.role_level or "", "confidence": result.confidence,
        "reason": result.reason, "engine": engine.name,
        "alternatives": [{"role": r, "role_level": lv or "", "confidence": c}
                         for r, lv, c in result.alternatives],
    })


class ClassificationSettingsSerializer(serializers.ModelSerializer):
    auto_accept_above = serializers.DecimalField(
        max_digits=4, decimal_places=3, allow_null=True, read_only=True,
        help_text="Suggestions whose confidence is at or above this are accepted automatically "
                  "when an organisation is classified; null: never")
    changed_by = serializers.SlugRelatedField(slug_field="email", read_only=True,
                                              allow_null=True)

    class Meta:
        model = ClassificationSettings
        fields = ["auto_accept_above", "version", "changed_by", "changed_at"]
        read_only_fields = fields


class ThresholdInput(serializers.Serializer):
    """Checked by the service, so every channel gives the same message naming the field."""

    auto_accept_above = serializers.JSONField(
        help_text="A number from 0.500 to 1.000 (at most 3 decimal places), or null: never "
                  "accept automatically")
    version = serializers.JSONField(help_text="The version you read (0: never set)")


def _settings_response() -> Response:
    return Response(ClassificationSettingsSerializer(selectors.classification_settings()).data)


_CONFLICT = OpenApiResponse(ConflictSerializer,
                            description="The threshold changed after you read it (409)")


@extend_schema(methods=["GET"], responses=ClassificationSettingsSerializer)
@extend_schema(methods=["PUT"], request=ThresholdInput,
               responses={200: ClassificationSettingsSerializer, 400: ErrorSerializer,
                          409: _CONFLICT})
@extend_schema(methods=["PATCH"], request=ThresholdInput(partial=True),
               responses={200: ClassificationSettingsSerializer, 400: ErrorSerializer,
                          409: _CONFLICT})
@api_view(["GET", "PUT", "PATCH"])
def classification_settings(request: Request) -> Response:
    """When job titles are accepted automatically. PUT or PATCH (the central team and
    administrators) sets ``auto_accept_above`` with the ``version`` you read: a stale version
    is a 409. A new threshold changes no classification until the next one runs."""
    if request.method == "GET":
        return _settings_response()
    data = request.data if isinstance(request.data, dict) else None
    if data is None:
        raise serializers.ValidationError({"non_field_errors": "Send a JSON object."})
    partial = request.method == "PATCH"
    missing = [name for name in (FIELD, "version") if name not in data]
    if missing and not partial:
        raise serializers.ValidationError({name: "This field is required." for name in missing})
    if FIELD not in data:  # a PATCH that changes nothing
        if "version" in data:
            parse_version(data["version"])
        return _settings_response()
    value = parse_threshold(data[FIELD])
    if "version" not in data:
        if value == selectors.classification_settings().auto_accept_above:
            return _settings_response()  # the value it has: nothing to change
        raise serializers.ValidationError(
            {"version": "Send the version you read, so a change made since is not lost."})
    set_auto_accept_threshold(actor=Actor.for_user(request.user), threshold=value,
                              version=data["version"])
    return _settings_response()
