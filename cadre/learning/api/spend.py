"""API for learning spend: the same selectors and services as the pages.

``GET``/``POST /api/v1/learning/spend/imports/`` lists imports and imports a file (every
line valid, or 400 naming each bad row and column; nothing written);
``GET /api/v1/learning/spend/imports/<id>/`` one import with its problems;
``GET``/``POST /api/v1/learning/spend/mappings/`` saved column mappings;
``GET /api/v1/learning/spend/review/`` what waits for review;
``POST /api/v1/learning/spend/review/suppliers/<id>/`` and ``.../descriptions/<id>/``
decide (409 when someone else decided first).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import Http404
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
from cadre.core.api_errors import Conflict, ErrorSerializer, FileErrorSerializer
from cadre.core.api_fields import IdField
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.tabular import TableError
from cadre.learning.models import MatchStatus, SpendColumnMapping, SpendImport
from cadre.learning.selectors import spend as sel
from cadre.learning.services import spend as services
from cadre.organisations.models import Organisation


class SpendProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True)
    column = serializers.CharField(allow_blank=True, allow_null=True)
    message = serializers.CharField()


class SpendImportSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.abbreviation")
    imported_by = serializers.SerializerMethodField()

    class Meta:
        model = SpendImport
        fields = ["id", "organisation", "filename", "mapping_name", "imported_by",
                  "imported_at", "rows", "total", "to_review"]

    def get_imported_by(self, obj: SpendImport) -> str | None:
        return obj.imported_by.email if obj.imported_by_id else None


class SpendStatusCountSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=MatchStatus.choices)
    lines = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)


class SpendImportDetailSerializer(SpendImportSerializer):
    problems = SpendProblemSerializer(many=True)
    statuses = serializers.SerializerMethodField()

    class Meta(SpendImportSerializer.Meta):
        fields = [*SpendImportSerializer.Meta.fields, "problems", "statuses"]

    @extend_schema_field(SpendStatusCountSerializer(many=True))
    def get_statuses(self, obj: SpendImport) -> list[dict]:
        counts = sel.import_status_counts(obj)
        return [{"status": value, "lines": counts.get(value, {}).get("lines", 0),
                 "amount": f"{counts.get(value, {}).get('amount') or 0:.2f}"}
                for value in MatchStatus.values]


class SpendUpload(serializers.Serializer):
    organisation = serializers.CharField(help_text="Abbreviation")
    file = serializers.FileField()
    mapping_name = serializers.CharField(required=False, allow_blank=True, max_length=100,
                                         help_text="A saved mapping to use")
    mapping = serializers.CharField(required=False, allow_blank=True,
                                    help_text='JSON {"file header": "spend field"}')
    dry_run = serializers.BooleanField(required=False, default=False)


class SpendImportResultSerializer(serializers.Serializer):
    spend_import = serializers.IntegerField(allow_null=True, help_text="Null for a dry run")
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField()
    total = serializers.DecimalField(max_digits=16, decimal_places=2)
    matched = serializers.IntegerField()
    to_review = serializers.IntegerField()
    unmatched = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    mapping = serializers.DictField(child=serializers.CharField(allow_blank=True))
    problems = SpendProblemSerializer(many=True)


class SpendMappingSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.abbreviation")

    class Meta:
        model = SpendColumnMapping
        fields = ["id", "organisation", "name", "columns", "updated_at"]


class SpendMappingInput(serializers.Serializer):
    organisation = serializers.CharField(help_text="Abbreviation")
    name = serializers.CharField(max_length=100)
    columns = serializers.DictField(child=serializers.CharField(allow_blank=True),
                                    help_text='{"file header": "spend field"}')


class SpendWaitingSupplierSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="name.pk")
    name = serializers.CharField(source="name.name")
    suggested_provider = serializers.IntegerField(source="name.suggested_id", allow_null=True)
    score = serializers.FloatField(source="name.score")
    lines = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)


class SpendWaitingDescriptionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="description.pk")
    description = serializers.CharField(source="description.description")
    provider = serializers.IntegerField(source="description.provider_id")
    suggested_product = serializers.IntegerField(source="description.suggested_id",
                                                 allow_null=True)
    score = serializers.FloatField(source="description.score")
    lines = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)


class SpendReviewSerializer(serializers.Serializer):
    suppliers = SpendWaitingSupplierSerializer(many=True)
    descriptions = SpendWaitingDescriptionSerializer(many=True)


class SpendSupplierDecisionInput(serializers.Serializer):
    provider = IdField(allow_null=True, help_text="The catalogue supplier; "
                                        "null: not a learning supplier")


class SpendDescriptionDecisionInput(serializers.Serializer):
    product = IdField(allow_null=True, help_text="The supplier's product; "
                                       "null: not a catalogue product")


class SpendDecisionSerializer(serializers.Serializer):
    lines = serializers.IntegerField(help_text="Waiting lines the decision was applied to")


_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Not found, or not one of yours")
_ORG = OpenApiParameter("organisation", str, description="Abbreviation")


def _organisation(request: Request, abbreviation: str) -> Organisation:
    organisation = sel.spend_organisations(request.user).filter(
        abbreviation__iexact=abbreviation).first()
    if organisation is None:
        raise Http404("No such organisation, or not one whose spend you keep.")
    return organisation


@paginated_list
@extend_schema(methods=["GET"], responses=SpendImportSerializer(many=True), parameters=[_ORG])
@extend_schema(methods=["POST"], request={"multipart/form-data": SpendUpload},
               responses={201: SpendImportResultSerializer, 200: SpendImportResultSerializer,
                          400: FileErrorSerializer, 404: _NOT_FOUND})
@api_view(["GET", "POST"])
@parser_classes([MultiPartParser, FormParser])
def import_list(request: Request) -> Response:
    """Spend imports you may see; POST imports a file (every line valid, or 400 naming
    every bad row and column, nothing written)."""
    if request.method == "GET":
        imports = sel.visible_imports(request.user)
        if org := request.query_params.get("organisation"):
            imports = imports.filter(organisation__abbreviation__iexact=org)
        return paginated_response(request, imports, SpendImportSerializer)
    data = validated(SpendUpload, request.data)
    organisation = _organisation(request, data["organisation"])
    mapping = None
    if data.get("mapping"):
        try:
            mapping = json.loads(data["mapping"])
        except ValueError:
            mapping = None
        if not isinstance(mapping, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()):
            raise serializers.ValidationError(
                {"mapping": 'Give a JSON object {"file header": "spend field"}.'})
    upload = data["file"]
    try:
        result = services.import_spend(
            actor=Actor.for_user(request.user), organisation=organisation,
            data=upload.read(), filename=upload.name, mapping=mapping,
            mapping_name=data.get("mapping_name") or None, dry_run=data["dry_run"],
            max_bytes=settings.CADRE_MAX_UPLOAD_BYTES)
    except TableError as exc:
        return Response({
            "detail": f"{exc.total} problem(s) in {upload.name}; nothing was imported.",
            "errors": [{"field": "file", "row": e.row, "column": e.column,
                        "message": e.message} for e in exc.errors],
        }, status=status.HTTP_400_BAD_REQUEST)
    body = {"spend_import": result.spend_import.pk if result.spend_import else None,
            "dry_run": data["dry_run"], "rows": result.rows, "total": result.total,
            "matched": result.matched, "to_review": result.to_review,
            "unmatched": result.unmatched, "duplicates": result.duplicates,
            "mapping": result.mapping, "problems": result.problems}
    return Response(SpendImportResultSerializer(body).data,
                    status=status.HTTP_200_OK if data["dry_run"] else status.HTTP_201_CREATED)


@extend_schema(responses={200: SpendImportDetailSerializer, 404: _NOT_FOUND})
@api_view(["GET"])
def import_detail(request: Request, pk: int) -> Response:
    found = sel.import_detail(user=request.user, import_id=pk)
    if found is None:
        raise Http404("No such spend import.")
    return Response(SpendImportDetailSerializer(found).data)


@paginated_list
@extend_schema(methods=["GET"], responses=SpendMappingSerializer(many=True), parameters=[_ORG])
@extend_schema(methods=["POST"], request=SpendMappingInput,
               responses={200: SpendMappingSerializer, 400: ErrorSerializer, 404: _NOT_FOUND})
@api_view(["GET", "POST"])
@parser_classes([JSONParser])
def mapping_list(request: Request) -> Response:
    """Saved spend column mappings; POST creates or replaces one by name."""
    if request.method == "GET":
        mappings = sel.visible_mappings(request.user)
        if org := request.query_params.get("organisation"):
            mappings = mappings.filter(organisation__abbreviation__iexact=org)
        return paginated_response(request, mappings, SpendMappingSerializer)
    data = validated(SpendMappingInput, request.data)
    mapping = services.save_mapping(
        actor=Actor.for_user(request.user),
        organisation=_organisation(request, data["organisation"]), name=data["name"],
        columns=data["columns"])
    return Response(SpendMappingSerializer(mapping).data)


@extend_schema(responses={200: SpendReviewSerializer, 404: _NOT_FOUND}, parameters=[_ORG])
@api_view(["GET"])
def review(request: Request) -> Response:
    """Supplier names and descriptions waiting for a decision (your organisations)."""
    org_id = None
    if org := request.query_params.get("organisation"):
        org_id = _organisation(request, org).pk
    return Response(SpendReviewSerializer({
        "suppliers": sel.waiting_suppliers(request.user, organisation_id=org_id),
        "descriptions": sel.waiting_descriptions(request.user, organisation_id=org_id),
    }).data)


@extend_schema(request=SpendSupplierDecisionInput, responses={
    200: SpendDecisionSerializer, 400: ErrorSerializer, 404: _NOT_FOUND, 409: ErrorSerializer})
@api_view(["POST"])
@parser_classes([JSONParser])
def review_supplier(request: Request, pk: int) -> Response:
    """Decide which catalogue supplier a supplier name is (null: not a learning supplier)."""
    if sel.supplier_name_for_review(request.user, pk) is None:
        raise Http404("No supplier name of yours is waiting with that id.")
    data = validated(SpendSupplierDecisionInput, request.data)
    try:
        decision = services.decide_supplier(actor=Actor.for_user(request.user),
                                            supplier_name_id=pk, provider_id=data["provider"])
    except services.DecisionConflict as exc:
        raise Conflict(exc.message) from exc
    return Response({"lines": decision.lines})


@extend_schema(request=SpendDescriptionDecisionInput, responses={
    200: SpendDecisionSerializer, 400: ErrorSerializer, 404: _NOT_FOUND, 409: ErrorSerializer})
@api_view(["POST"])
@parser_classes([JSONParser])
def review_description(request: Request, pk: int) -> Response:
    """Decide which product a description is (null: not a catalogue product)."""
    if sel.description_for_review(request.user, pk) is None:
        raise Http404("No description of yours is waiting with that id.")
    data = validated(SpendDescriptionDecisionInput, request.data)
    try:
        decision = services.decide_description(actor=Actor.for_user(request.user),
                                               description_id=pk, product_id=data["product"])
    except services.DecisionConflict as exc:
        raise Conflict(exc.message) from exc
    return Response({"lines": decision.lines})
