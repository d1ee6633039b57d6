"""API for HR extracts and column mappings: the same selectors and services as the pages."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.api_errors import ErrorSerializer
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.tabular import TableError
from cadre.organisations.models import Organisation
from cadre.workforce import selectors, services
from cadre.workforce.models import ChangeKind, ColumnMapping, Extract, ExtractChange


class ExtractSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="abbreviation", read_only=True)
    imported_by = serializers.SlugRelatedField(slug_field="email", read_only=True,
                                               allow_null=True)

    class Meta:
        model = Extract
        fields = ["id", "organisation", "taken_on", "filename", "mapping_name", "imported_by",
                  "imported_at", "rows", "joiners", "leavers", "changed", "unchanged"]


class ChangeSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()

    class Meta:
        model = ExtractChange
        fields = ["kind", "staff_number", "person", "name", "fields"]

    def get_name(self, change: ExtractChange) -> str:
        return change.person.full_name if change.person else ""


class MappingSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="abbreviation", read_only=True)
    updated_by = serializers.SlugRelatedField(slug_field="email", read_only=True,
                                              allow_null=True)

    class Meta:
        model = ColumnMapping
        fields = ["organisation", "name", "columns", "updated_by", "updated_at"]


class ExtractUpload(serializers.Serializer):
    organisation = serializers.CharField(max_length=20, help_text="Organisation abbreviation")
    file = serializers.FileField(help_text="The HR extract, CSV or XLSX")
    mapping_name = serializers.CharField(max_length=100, required=False, allow_blank=True,
                                         help_text="A saved mapping to use")
    mapping = serializers.CharField(required=False, allow_blank=True,
                                    help_text='JSON {"file header": "cadre field"}')
    taken_on = serializers.DateField(required=False, help_text="Defaults to today")
    dry_run = serializers.BooleanField(required=False, default=False)


class ExtractWarningSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True)
    column = serializers.CharField(allow_null=True, allow_blank=True)
    message = serializers.CharField()


class ExtractImportResult(serializers.Serializer):
    extract = serializers.IntegerField(allow_null=True, help_text="Null for a dry run")
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField()
    joiners = serializers.IntegerField()
    leavers = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    mapping = serializers.DictField(child=serializers.CharField(allow_blank=True))
    warnings = ExtractWarningSerializer(many=True)


class MappingInput(serializers.Serializer):
    columns = serializers.DictField(child=serializers.CharField(allow_blank=True))


def _organisation(request: Request, abbreviation: str) -> Organisation:
    organisation = selectors.managed_organisation(request.user, abbreviation)
    if organisation is None:
        raise Http404
    return organisation


@paginated_list
@extend_schema(
    methods=["GET"], responses=ExtractSerializer(many=True),
    parameters=[OpenApiParameter("organisation", str, description="Abbreviation")],
)
@extend_schema(methods=["POST"], request={"multipart/form-data": ExtractUpload},
               responses={201: ExtractImportResult, 200: ExtractImportResult,
                          400: ErrorSerializer})
@api_view(["GET", "POST"])
@parser_classes([MultiPartParser, FormParser])
def extract_list(request: Request) -> Response:
    """Extracts you may see; POST imports one (every row valid, or 400 with every problem)."""
    if request.method == "GET":
        qs = selectors.visible_extracts(request.user)
        if org := request.query_params.get("organisation"):
            qs = qs.filter(organisation__abbreviation__iexact=org)
        return paginated_response(request, qs, ExtractSerializer)
    form = ExtractUpload(data=request.data)
    form.is_valid(raise_exception=True)
    data = form.validated_data
    organisation = _organisation(request, data["organisation"])
    mapping = None
    if data.get("mapping"):
        try:
            mapping = json.loads(data["mapping"])
        except ValueError:
            mapping = None
        if not isinstance(mapping, dict):
            raise serializers.ValidationError(
                {"mapping": 'Give a JSON object {"file header": "cadre field"}.'})
    upload = data["file"]
    try:
        result = services.import_extract(
            actor=request.user, organisation=organisation, data=upload.read(),
            filename=upload.name, mapping=mapping,
            mapping_name=data.get("mapping_name") or None, taken_on=data.get("taken_on"),
            dry_run=data["dry_run"], max_bytes=settings.CADRE_MAX_UPLOAD_BYTES,
        )
    except TableError as exc:
        return Response({
            "detail": f"{len(exc.errors)} problem(s) in {upload.name}; nothing was imported.",
            "errors": [{"field": "file", "row": e.row, "column": e.column,
                        "message": e.message} for e in exc.errors],
        }, status=status.HTTP_400_BAD_REQUEST)
    body = {
        "extract": result.extract.pk if result.extract else None, "dry_run": data["dry_run"],
        "rows": result.rows, "joiners": result.joiners, "leavers": result.leavers,
        "changed": result.changed, "unchanged": result.unchanged, "mapping": result.mapping,
        "warnings": [{"row": w.row, "column": w.column, "message": w.message}
                     for w in result.warnings],
    }
    return Response(body, status=status.HTTP_200_OK if data["dry_run"]
                    else status.HTTP_201_CREATED)


def _extract(request: Request, pk: int) -> Extract:
    extract = selectors.extract_detail(user=request.user, extract_id=pk)
    if extract is None:
        raise Http404
    return extract


@extend_schema(responses=ExtractSerializer)
@api_view(["GET"])
def extract_detail(request: Request, pk: int) -> Response:
    return Response(ExtractSerializer(_extract(request, pk)).data)


@paginated_list
@extend_schema(responses=ChangeSerializer(many=True), parameters=[
    OpenApiParameter("kind", str, enum=ChangeKind.values)])
@api_view(["GET"])
def extract_changes(request: Request, pk: int) -> Response:
    """The extract's joiners, leavers and changed records (with fields before and after)."""
    kind = request.query_params.get("kind", "")
    if kind and kind not in ChangeKind.values:
        raise serializers.ValidationError({"kind": f"Use one of {', '.join(ChangeKind.values)}."})
    changes = selectors.extract_changes(extract=_extract(request, pk), kind=kind)
    return paginated_response(request, changes, ChangeSerializer)


@paginated_list
@extend_schema(responses=MappingSerializer(many=True),
               parameters=[OpenApiParameter("organisation", str, description="Abbreviation")])
@api_view(["GET"])
def mapping_list(request: Request) -> Response:
    qs = selectors.visible_mappings(request.user)
    if org := request.query_params.get("organisation"):
        qs = qs.filter(organisation__abbreviation__iexact=org)
    return paginated_response(request, qs, MappingSerializer)


@extend_schema(methods=["GET"], responses=MappingSerializer)
@extend_schema(methods=["PUT"], request=MappingInput, responses=MappingSerializer)
@api_view(["GET", "PUT"])
@parser_classes([JSONParser])
def mapping_detail(request: Request, organisation: str, name: str) -> Response:
    """A saved mapping; PUT creates or replaces it."""
    org = _organisation(request, organisation)
    if request.method == "GET":
        mapping = selectors.mapping_detail(user=request.user, organisation=org, name=name)
        if mapping is None:
            raise Http404
        return Response(MappingSerializer(mapping).data)
    body = MappingInput(data=request.data)
    body.is_valid(raise_exception=True)
    mapping = services.save_mapping(actor=request.user, organisation=org, name=name,
                                    columns=body.validated_data["columns"])
    return Response(MappingSerializer(mapping).data)
