"""API for standards and eligibility: the same selectors and services as the pages.

- ``GET``/``POST accreditation/schemes/``: schemes (everyone signed in) / add one (runners);
- ``GET accreditation/schemes/<id>/``: a scheme, its levels and their current criteria;
- ``POST accreditation/schemes/<id>/levels/``: add a level (runners);
- ``GET``/``POST accreditation/levels/<id>/criteria-versions/``: a level's versions / start a
  draft (runners; drafts are listed to runners only);
- ``GET accreditation/criteria-versions/<id>/``, ``POST …/criteria/`` (add a criterion to a
  draft), ``POST …/publish/`` (409 when already published);
- ``GET accreditation/eligibility/``: the caller's eligibility for every level, or with
  ``?person=ID`` that of a person whose capability the caller may see.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.accreditation.models import (
    MAX_APPEAL_DAYS,
    MAX_CPD_CREDITS,
    MAX_EXPERIENCE_YEARS,
    MAX_RENEWAL_MONTHS,
    MAX_RULE_COUNT,
    CriteriaVersion,
    Criterion,
    CriterionKind,
    Scheme,
    SchemeLevel,
)
from cadre.accreditation.selectors import standards as sel
from cadre.accreditation.services import standards as services
from cadre.assessments.selectors import capability_person
from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.inputs import LONG_TEXT, parse_id
from cadre.core.objects import get_visible_or_404
from cadre.people.selectors import own_person


class CriterionSerializer(serializers.ModelSerializer):
    families = serializers.SerializerMethodField()

    class Meta:
        model = Criterion
        fields = [
            "id",
            "position",
            "kind",
            "text",
            "count",
            "min_level",
            "families",
            "years",
            "evidence_type",
        ]

    def get_families(self, obj: Criterion) -> list[str]:
        return [f.name for f in obj.families.all()]


class VersionSerializer(serializers.ModelSerializer):
    level = serializers.CharField(source="level.name", read_only=True)
    scheme = serializers.CharField(source="level.scheme.name", read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = CriteriaVersion
        fields = ["id", "scheme", "level", "number", "published_on", "notes", "criteria"]


class LevelSerializer(serializers.ModelSerializer):
    current_criteria = serializers.SerializerMethodField()

    class Meta:
        model = SchemeLevel
        fields = ["id", "name", "ordinal", "description", "current_criteria"]

    @extend_schema_field(VersionSerializer(allow_null=True))
    def get_current_criteria(self, obj: SchemeLevel) -> dict | None:
        version = sel.current_criteria(obj)
        return VersionSerializer(version).data if version is not None else None


class SchemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Scheme
        fields = ["id", "name", "description", "renewal_months", "cpd_credits", "appeal_days"]


class SchemeDetailSerializer(SchemeSerializer):
    levels = LevelSerializer(many=True, read_only=True)

    class Meta(SchemeSerializer.Meta):
        fields = [*SchemeSerializer.Meta.fields, "levels"]


class SchemeInput(serializers.Serializer):
    name = serializers.CharField(max_length=services.MAX_NAME)
    description = serializers.CharField(
        max_length=LONG_TEXT, required=False, allow_blank=True, default=""
    )
    renewal_months = serializers.IntegerField(min_value=1, max_value=MAX_RENEWAL_MONTHS, default=24)
    cpd_credits = serializers.IntegerField(min_value=0, max_value=MAX_CPD_CREDITS, default=20)
    appeal_days = serializers.IntegerField(min_value=1, max_value=MAX_APPEAL_DAYS, default=28)


class LevelInput(serializers.Serializer):
    name = serializers.CharField(max_length=services.MAX_LEVEL_NAME)
    description = serializers.CharField(
        max_length=LONG_TEXT, required=False, allow_blank=True, default=""
    )


class DraftInput(serializers.Serializer):
    notes = serializers.CharField(
        max_length=LONG_TEXT, required=False, allow_blank=True, default=""
    )
    copy_latest = serializers.BooleanField(required=False, default=True)


class CriterionInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CriterionKind.choices)
    text = serializers.CharField(max_length=LONG_TEXT)
    count = serializers.IntegerField(
        min_value=1, max_value=MAX_RULE_COUNT, required=False, allow_null=True, default=None
    )
    min_level = serializers.IntegerField(
        min_value=services.SKILL_LEVEL_RANGE[0],
        max_value=services.SKILL_LEVEL_RANGE[1],
        required=False,
        allow_null=True,
        default=None,
    )
    years = serializers.IntegerField(
        min_value=1, max_value=MAX_EXPERIENCE_YEARS, required=False, allow_null=True, default=None
    )
    evidence_type = serializers.CharField(
        max_length=services.MAX_EVIDENCE_TYPE, required=False, allow_blank=True, default=""
    )
    families = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        max_length=MAX_RULE_COUNT,
        required=False,
        default=list,
        help_text="Role family ids (skills at a level only)",
    )


class ResultSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion.pk")
    position = serializers.IntegerField(source="criterion.position")
    text = serializers.CharField(source="criterion.text")
    kind = serializers.CharField(source="criterion.kind")
    met = serializers.BooleanField(
        allow_null=True, help_text="null: judged by the assessors, or checked on the application"
    )
    detail = serializers.CharField()


class EligibilitySerializer(serializers.Serializer):
    scheme = serializers.CharField(source="level.scheme.name")
    level_id = serializers.IntegerField(source="level.pk")
    level = serializers.CharField(source="level.name")
    criteria_version = serializers.IntegerField(source="criteria.number", allow_null=True)
    eligible = serializers.BooleanField()
    holds_award = serializers.BooleanField()
    summary = serializers.CharField()
    results = ResultSerializer(many=True)


def _actor(request: Request) -> Actor:
    return Actor.for_user(request.user)


def _scheme_detail(scheme: Scheme) -> dict:
    scheme = Scheme.objects.prefetch_related("levels").get(pk=scheme.pk)
    return SchemeDetailSerializer(scheme).data


@extend_schema(methods=["GET"], responses=SchemeSerializer(many=True))
@extend_schema(methods=["POST"], request=SchemeInput, responses={201: SchemeDetailSerializer})
@api_view(["GET", "POST"])
def scheme_list(request: Request) -> Response:
    """Every accreditation scheme; POST adds one (the scheme runners)."""
    if request.method == "POST":
        scheme = services.create_scheme(
            actor=_actor(request), **validated(SchemeInput, request.data)
        )
        return Response(_scheme_detail(scheme), status=status.HTTP_201_CREATED)
    return Response(SchemeSerializer(sel.visible_schemes(request.user), many=True).data)


@extend_schema(responses=SchemeDetailSerializer)
@api_view(["GET"])
def scheme_detail(request: Request, scheme_id: int) -> Response:
    """A scheme, its levels and each level's current (latest published) criteria."""
    scheme = get_visible_or_404(sel.visible_schemes(request.user), scheme_id)
    return Response(_scheme_detail(scheme))


@extend_schema(request=LevelInput, responses={201: LevelSerializer})
@api_view(["POST"])
def scheme_levels(request: Request, scheme_id: int) -> Response:
    """Add a level above the scheme's others (the scheme runners)."""
    scheme = get_visible_or_404(sel.visible_schemes(request.user), scheme_id)
    level = services.add_level(
        actor=_actor(request), scheme=scheme, **validated(LevelInput, request.data)
    )
    return Response(LevelSerializer(level).data, status=status.HTTP_201_CREATED)


@extend_schema(methods=["GET"], responses=VersionSerializer(many=True))
@extend_schema(methods=["POST"], request=DraftInput, responses={201: VersionSerializer})
@api_view(["GET", "POST"])
def level_versions(request: Request, level_id: int) -> Response:
    """A level's criteria versions, newest first (drafts to the runners only); POST starts
    a draft, copied from the latest version unless ``copy_latest`` is false."""
    level = get_visible_or_404(
        SchemeLevel.objects.filter(scheme__in=sel.visible_schemes(request.user)), level_id
    )
    if request.method == "POST":
        d = validated(DraftInput, request.data)
        version = services.create_draft(
            actor=_actor(request), level=level, notes=d["notes"], copy_latest=d["copy_latest"]
        )
        version = sel.version_detail(request.user, version.pk)
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)
    return Response(
        VersionSerializer(
            sel.visible_versions(request.user, level).select_related("level__scheme"), many=True
        ).data
    )


def _version(request: Request, version_id: int) -> CriteriaVersion:
    """The version if the caller may see it; an id too large for the table is a 404 too."""
    found = get_visible_or_404(CriteriaVersion.objects.all(), version_id)
    version = sel.version_detail(request.user, found.pk)
    if version is None:
        raise Http404("Not found, or not one you can see.")
    return version


@extend_schema(responses=VersionSerializer)
@api_view(["GET"])
def version_detail(request: Request, version_id: int) -> Response:
    """One criteria version with its criteria."""
    return Response(VersionSerializer(_version(request, version_id)).data)


@extend_schema(request=CriterionInput, responses={201: CriterionSerializer})
@api_view(["POST"])
def version_criteria(request: Request, version_id: int) -> Response:
    """Add a criterion to a draft version (the scheme runners); a published version is
    refused (400, field ``version``)."""
    version = _version(request, version_id)
    criterion = services.add_criterion(
        actor=_actor(request), version=version, **validated(CriterionInput, request.data)
    )
    return Response(CriterionSerializer(criterion).data, status=status.HTTP_201_CREATED)


@extend_schema(
    request=None,
    responses={
        200: VersionSerializer,
        409: OpenApiResponse(ConflictSerializer, description="Already published"),
    },
)
@api_view(["POST"])
def version_publish(request: Request, version_id: int) -> Response:
    """Publish a draft: from today the level's current criteria (never changed after)."""
    version = _version(request, version_id)
    services.publish(actor=_actor(request), version_id=version.pk)
    return Response(VersionSerializer(sel.version_detail(request.user, version.pk)).data)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "person",
            int,
            required=False,
            description="A person whose capability you may see; default yourself",
        )
    ],
    responses={
        200: EligibilitySerializer(many=True),
        404: OpenApiResponse(
            ErrorSerializer,
            description="No person record for the account, or a person you cannot see",
        ),
    },
)
@api_view(["GET"])
def eligibility(request: Request) -> Response:
    """Every scheme level with published criteria: whether the person could apply now and,
    criterion by criterion, what is met and what is missing (agreed or validated
    assessments only)."""
    raw = request.query_params.get("person")
    if raw is None:
        person = own_person(request.user)
        if person is None:
            raise Http404("Your account is not linked to a person record; give ?person=ID.")
    else:
        person = capability_person(user=request.user, person_id=parse_id(raw, field="person"))
        if person is None:
            raise Http404("Not found, or not one you can see.")
    return Response(EligibilitySerializer(sel.schemes_for(person), many=True).data)
