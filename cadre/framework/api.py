"""API for the framework: read by every signed-in account; import by the central team."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.api_errors import ErrorSerializer
from cadre.core.inputs import collect, parse_id, parse_int
from cadre.framework import selectors, services
from cadre.framework.diff import diff_documents
from cadre.framework.documents import DocumentError
from cadre.framework.models import Framework, Requirement, RoleLevel, Skill, SkillMapping
from cadre.framework.serialisation import framework_to_dict


class FrameworkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Framework
        fields = ["id", "name", "version", "source", "licence", "published_on", "is_default"]


class RequirementSerializer(serializers.ModelSerializer):
    skill = serializers.CharField(source="skill.name")
    skill_id = serializers.IntegerField()
    level = serializers.CharField(source="level.name")
    level_ordinal = serializers.IntegerField(source="level.ordinal")

    class Meta:
        model = Requirement
        fields = ["skill_id", "skill", "level", "level_ordinal"]


class RoleLevelSerializer(serializers.ModelSerializer):
    role = serializers.CharField(source="role.name")
    family = serializers.CharField(source="role.family.name")

    class Meta:
        model = RoleLevel
        fields = ["id", "framework", "family", "role", "name", "description", "order",
                  "seniority", "track", "is_senior_civil_service", "grade_from", "grade_to"]


class RoleLevelDetailSerializer(RoleLevelSerializer):
    requirements = RequirementSerializer(many=True, read_only=True)

    class Meta(RoleLevelSerializer.Meta):
        fields = [*RoleLevelSerializer.Meta.fields, "requirements"]


class SkillSerializer(serializers.ModelSerializer):
    class Meta:
        model = Skill
        fields = ["id", "framework", "name", "description", "category", "is_core", "code"]


class FrameworkDocumentSerializer(serializers.Serializer):
    """A whole framework as a JSON document (``docs/framework-json.md``)."""

    format = serializers.CharField()
    framework = serializers.DictField()
    levels = serializers.ListField(child=serializers.DictField())
    role_families = serializers.ListField(child=serializers.DictField())
    roles = serializers.ListField(child=serializers.DictField())
    role_levels = serializers.ListField(child=serializers.DictField())
    skills = serializers.ListField(child=serializers.DictField())


class DiffEntrySerializer(serializers.Serializer):
    kind = serializers.CharField()
    key = serializers.CharField()
    fields = serializers.DictField(required=False, help_text="Changed entries only")


class FrameworkDiffSerializer(serializers.Serializer):
    # "from" is a Python keyword, so the fields are declared by name below.
    added = DiffEntrySerializer(many=True)
    removed = DiffEntrySerializer(many=True)
    changed = DiffEntrySerializer(many=True)

    def get_fields(self) -> dict:  # noqa: D102
        fields = super().get_fields()
        fields["from"] = serializers.CharField(allow_null=True)
        fields["to"] = serializers.CharField(allow_null=True)
        return fields


class SkillShortfallSerializer(serializers.Serializer):
    skill = serializers.CharField()
    held = serializers.IntegerField()
    required = serializers.IntegerField()
    shortfall = serializers.IntegerField()


class CareerStepSerializer(serializers.Serializer):
    from_name = serializers.CharField()
    to = serializers.IntegerField()
    to_name = serializers.CharField()
    kind = serializers.CharField()
    development = serializers.IntegerField()
    gaps = SkillShortfallSerializer(many=True)

    def get_fields(self) -> dict:  # noqa: D102
        fields = super().get_fields()
        fields["from"] = serializers.IntegerField()
        return fields


class CareerPathSerializer(serializers.Serializer):
    reachable = serializers.BooleanField()
    total_development = serializers.IntegerField(required=False)
    steps = CareerStepSerializer(many=True)


def _two_ids(request: Request) -> tuple[int, int]:
    """``?from=`` and ``&to=`` as ids (400 naming the field when not a whole number)."""
    values = collect({
        name: (lambda name=name: parse_int(request.query_params.get(name), field=name,
                                           minimum=1, maximum=2**63 - 1))
        for name in ("from", "to")})
    return int(values["from"]), int(values["to"])


def _framework_param(request: Request) -> Framework:
    """``?framework=ID`` (400 when not an id), or the default framework; 404 when none."""
    framework_id = parse_id(request.query_params.get("framework"), field="framework",
                            default=None)
    framework = selectors.framework_from_param(
        None if framework_id is None else str(framework_id))
    if framework is None:
        raise Http404("No framework.")
    return framework


_FRAMEWORK = OpenApiParameter("framework", int, required=False,
                              description="A framework id; the default framework without it")


class FrameworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Frameworks and versions; ``export`` gives the whole framework as a JSON document."""

    serializer_class = FrameworkSerializer
    queryset = Framework.objects.order_by("name", "-created_at")

    @extend_schema(responses=FrameworkDocumentSerializer)
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str | None = None) -> Response:
        return Response(framework_to_dict(self.get_object()))

    @extend_schema(request=FrameworkDocumentSerializer,
                   responses={201: FrameworkSerializer, 400: ErrorSerializer})
    @action(detail=False, methods=["post"], url_path="import")
    def import_document(self, request: Request) -> Response:
        """Store a framework JSON document (central team and administrators)."""
        try:
            framework = services.import_document(
                actor=request.user, document=request.data,
                version=request.query_params.get("version"), source_name="API upload")
        except DocumentError as exc:
            return Response({"detail": "The framework document has errors.",
                             "errors": [{"field": None, "message": e} for e in exc.errors]},
                            status=status.HTTP_400_BAD_REQUEST)
        return Response(FrameworkSerializer(framework).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[OpenApiParameter("from", int, required=True),
                               OpenApiParameter("to", int, required=True)],
                   responses={200: FrameworkDiffSerializer, 404: ErrorSerializer})
    @action(detail=False, methods=["get"])
    def diff(self, request: Request) -> Response:
        found = [Framework.objects.filter(pk=i).first() for i in _two_ids(request)]
        if None in found:
            raise Http404("Give two framework ids as ?from= and &to=.")
        return Response(diff_documents(framework_to_dict(found[0]), framework_to_dict(found[1])))


@extend_schema_view(list=extend_schema(parameters=[_FRAMEWORK]))
class RoleLevelViewSet(viewsets.ReadOnlyModelViewSet):
    """Role levels of a framework (``?framework=ID``, default framework otherwise)."""

    queryset = RoleLevel.objects.none()  # for the schema; requests use get_queryset

    def get_serializer_class(self):  # noqa: ANN201
        return RoleLevelDetailSerializer if self.action == "retrieve" else RoleLevelSerializer

    def get_queryset(self):  # noqa: ANN201
        qs = RoleLevel.objects.select_related("role__family").order_by("role__name", "order")
        if self.action == "retrieve":
            return qs.prefetch_related("requirements__skill", "requirements__level")
        return qs.filter(framework=_framework_param(self.request))


@extend_schema_view(list=extend_schema(parameters=[_FRAMEWORK]))
class SkillViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SkillSerializer
    queryset = Skill.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):  # noqa: ANN201
        if self.action == "retrieve":
            return Skill.objects.all()
        return Skill.objects.filter(framework=_framework_param(self.request)).order_by("name")


@extend_schema(parameters=[OpenApiParameter("from", int, required=True),
                           OpenApiParameter("to", int, required=True)],
               responses={200: CareerPathSerializer, 404: ErrorSerializer})
@api_view(["GET"])
def career_path(request: Request) -> Response:
    """The route between two role levels needing the least skill development."""
    levels = [RoleLevel.objects.filter(pk=i).select_related("framework").first()
              for i in _two_ids(request)]
    if None in levels or levels[0].framework_id != levels[1].framework_id:
        raise Http404("Give two role levels of one framework as ?from= and &to=.")
    index = selectors.career_graph(levels[0].framework)
    route = index.graph.route(index.node_of[levels[0].pk], index.node_of[levels[1].pk])
    if route is None:
        return Response({"reachable": False, "steps": []})
    return Response({
        "reachable": True, "total_development": route.development,
        "steps": [{
            "from": index.levels[s.source].pk, "from_name": index.levels[s.source].name,
            "to": index.levels[s.target].pk, "to_name": index.levels[s.target].name,
            "kind": s.kind, "development": s.development,
            "gaps": [{"skill": index.skills[g.skill].name, "held": g.held,
                      "required": g.required, "shortfall": g.shortfall} for g in s.gaps],
        } for s in route.steps],
    })


class SkillMappingSerializer(serializers.ModelSerializer):
    source_skill = serializers.CharField(source="source.name")
    source_framework = serializers.CharField(source="source.framework.__str__")
    target_skill = serializers.CharField(source="target.name")
    target_framework = serializers.CharField(source="target.framework.__str__")

    class Meta:
        model = SkillMapping
        fields = ["id", "source", "source_skill", "source_framework", "target",
                  "target_skill", "target_framework", "level_correspondence", "note"]


class SkillMappingViewSet(viewsets.ReadOnlyModelViewSet):
    """Skills that correspond between frameworks (recorded with ``cadre framework map``)."""

    serializer_class = SkillMappingSerializer
    filterset_fields = ["source", "target"]

    def get_queryset(self):  # noqa: ANN201
        return SkillMapping.objects.select_related(
            "source__framework", "target__framework").order_by("id")
