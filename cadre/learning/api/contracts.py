"""API for supply frameworks, lots, contracts and rate cards: the same selectors and
services as the pages.

``/api/v1/learning/contracts/`` lists (the register, filtered) and adds contracts; a
contract's ``GET`` carries an ``ETag`` that a ``PATCH`` may send back as ``If-Match`` (a
stale one is 412). Rate cards under ``contracts/<id>/rates/``; coverage per contract and
across current contracts; the register as a download (``?download=csv|xlsx|ods``); the
import of contracts with their rate cards. Frameworks and lots under
``learning/frameworks/`` and ``learning/lots/``.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_concurrency import if_match, with_etag
from cadre.core.api_errors import ErrorSerializer, FileErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.exports import SPREADSHEETS, export_response
from cadre.core.inputs import LONG_TEXT, MAX_ID, invalid, parse_id, parse_int
from cadre.core.objects import get_visible_or_404
from cadre.core.tabular import TableError
from cadre.core.versions import with_history_version
from cadre.learning.models import (
    MAX_BUYERS,
    MAX_CEILING_VALUE,
    MAX_CONTRACTED_PRICE,
    MAX_LOT_SKILLS,
    MAX_LOTS,
    Contract,
    Lot,
    RateCardEntry,
    SupplyFramework,
)
from cadre.learning.selectors import contracts as sel
from cadre.learning.services import contracts as services

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record, or not one you "
                                                          "can see")
_REFUSED = OpenApiResponse(ErrorSerializer, description="You may not make this change")
_STALE = OpenApiResponse(ErrorSerializer, description="If-Match names a version that is no "
                                                      "longer current")
MAX_EXPIRING_MONTHS = 120


# ------------------------------------------------------------------------ serializers


class ContractRateSerializer(serializers.ModelSerializer):
    product_title = serializers.CharField(source="product.title", read_only=True)

    class Meta:
        model = RateCardEntry
        fields = ["id", "contract", "product", "product_title", "unit_price"]


class ContractSerializer(serializers.ModelSerializer):
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    status = serializers.SerializerMethodField(
        help_text="ending_6, ending_12, current, upcoming or ended, from today")

    class Meta:
        model = Contract
        fields = ["id", "reference", "title", "supplier", "supplier_name", "framework", "lot",
                  "buyers", "starts_on", "ends_on", "ceiling_value", "notes", "status"]

    def get_status(self, obj: Contract) -> str:
        found = getattr(obj, "status", None)
        if found:
            return found
        return sel.status_on(Contract.objects.filter(pk=obj.pk), timezone.localdate()) \
            .values_list("status", flat=True).get()


class ContractInput(serializers.Serializer):
    reference = serializers.CharField(max_length=services.REFERENCE_LENGTH)
    title = serializers.CharField(max_length=services.TITLE_LENGTH)
    supplier = serializers.IntegerField(min_value=1, max_value=MAX_ID,
                                        help_text="A catalogue provider's id")
    framework = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False,
                                         allow_null=True)
    lot = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False,
                                   allow_null=True, help_text="A lot of the framework given")
    buyers = serializers.ListField(child=serializers.IntegerField(min_value=1,
                                                                  max_value=MAX_ID),
                                   min_length=1, max_length=MAX_BUYERS,
                                   help_text="Buying organisations' ids")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    ceiling_value = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0,
                                             max_value=MAX_CEILING_VALUE, required=False,
                                             allow_null=True)
    notes = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True)


class ContractRateInput(serializers.Serializer):
    product = serializers.IntegerField(min_value=1, max_value=MAX_ID,
                                       help_text="A product of the contract's supplier")
    unit_price = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0,
                                          max_value=MAX_CONTRACTED_PRICE)


class ContractRateChangeInput(serializers.Serializer):
    unit_price = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0,
                                          max_value=MAX_CONTRACTED_PRICE)


class SupplyLotSerializer(serializers.ModelSerializer):
    class Meta:
        model = Lot
        fields = ["id", "framework", "number", "title", "description", "skills"]


class SupplyFrameworkSerializer(serializers.ModelSerializer):
    lots = SupplyLotSerializer(many=True, read_only=True)

    class Meta:
        model = SupplyFramework
        fields = ["id", "name", "reference", "description", "starts_on", "ends_on", "lots"]


class SupplyFrameworkInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    reference = serializers.CharField(max_length=services.REFERENCE_LENGTH, required=False,
                                      allow_blank=True)
    description = serializers.CharField(max_length=LONG_TEXT, required=False,
                                        allow_blank=True)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class SupplyLotInput(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=MAX_LOTS)
    title = serializers.CharField(max_length=services.TITLE_LENGTH)
    description = serializers.CharField(max_length=LONG_TEXT, required=False,
                                        allow_blank=True)
    skills = serializers.ListField(child=serializers.IntegerField(min_value=1,
                                                                  max_value=MAX_ID),
                                   required=False, max_length=MAX_LOT_SKILLS,
                                   help_text="Framework skills' ids")


class ContractSkillProduct(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    level = serializers.CharField()


class ContractCoverageSerializer(serializers.Serializer):
    skill_id = serializers.IntegerField()
    skill = serializers.CharField()
    level = serializers.CharField(allow_null=True, help_text="Highest level a product builds")
    products = ContractSkillProduct(many=True)
    in_lot = serializers.BooleanField()


class CoveringContract(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()


class CoveringProduct(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class ContractCoveredSkill(serializers.Serializer):
    skill_id = serializers.IntegerField()
    skill = serializers.CharField()
    level = serializers.CharField(allow_null=True)
    contracts = CoveringContract(many=True)
    products = CoveringProduct(many=True)


class ContractUncoveredSkill(serializers.Serializer):
    skill_id = serializers.IntegerField()
    skill = serializers.CharField()


class ContractsCoverageSerializer(serializers.Serializer):
    on = serializers.DateField()
    contracts = serializers.IntegerField(help_text="Current contracts counted")
    covered = ContractCoveredSkill(many=True)
    uncovered = ContractUncoveredSkill(many=True)


class ContractImportUpload(serializers.Serializer):
    file = serializers.FileField(help_text="Contracts and rate cards, CSV or XLSX "
                                           "(docs/data-formats.md)")


class ContractImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    rates = serializers.IntegerField()
    references = serializers.ListField(child=serializers.CharField())


# ------------------------------------------------------------------------ helpers


def _actor(request: Request) -> Actor:
    return Actor.for_user(request.user)


def _contract(request: Request, pk: object, *, versioned: bool = False) -> Contract:
    queryset = sel.visible_contracts(request.user)
    if versioned:
        queryset = with_history_version(queryset)
    return get_visible_or_404(queryset, pk, message="No such contract, or not one you can "
                                                    "see.")


def _filters(request: Request) -> dict:
    params = request.query_params
    months = params.get("expiring_within")
    return {
        "organisation": parse_id(params.get("organisation"), field="organisation",
                                 default=None),
        "supplier": parse_id(params.get("supplier"), field="supplier", default=None),
        "framework": parse_id(params.get("framework"), field="framework", default=None),
        "expiring_within": parse_int(months, field="expiring_within", minimum=0,
                                     maximum=MAX_EXPIRING_MONTHS, default=None),
    }


_FILTER_PARAMETERS = [
    OpenApiParameter("organisation", int, description="A buying organisation's id"),
    OpenApiParameter("supplier", int, description="A catalogue provider's id"),
    OpenApiParameter("framework", int, description="A supply framework's id"),
    OpenApiParameter("expiring_within", int, description="Only current contracts ending "
                     f"within this many months (0 to {MAX_EXPIRING_MONTHS})"),
]


# ------------------------------------------------------------------------ contracts


@paginated_list
@extend_schema(methods=["GET"], responses=ContractSerializer(many=True),
               parameters=_FILTER_PARAMETERS)
@extend_schema(methods=["POST"], request=ContractInput,
               responses={201: ContractSerializer, 403: _REFUSED})
@api_view(["GET", "POST"])
def contract_list(request: Request) -> Response:
    """The register: contracts you can see, ending soonest first; POST adds one."""
    if request.method == "POST":
        contract = services.create_contract(actor=_actor(request),
                                            **validated(ContractInput, request.data))
        return with_etag(Response(ContractSerializer(contract).data,
                                  status=status.HTTP_201_CREATED), contract)
    contracts = sel.register(request.user, today=timezone.localdate(), **_filters(request))
    return paginated_response(request, contracts, ContractSerializer)


@extend_schema(methods=["GET"], responses={200: ContractSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=ContractInput, parameters=[
    OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=False,
                     description="The ETag of your last read; a stale one is refused")],
    responses={200: ContractSerializer, 403: _REFUSED, 404: _NOT_FOUND, 412: _STALE})
@api_view(["GET", "PATCH"])
def contract_detail(request: Request, pk: int) -> Response:
    """One contract; PATCH changes the fields sent (locked, with If-Match)."""
    contract = _contract(request, pk, versioned=request.method == "GET")
    if request.method == "PATCH":
        contract = services.update_contract(
            actor=_actor(request), contract=contract, expected_version=if_match(request),
            **validated(ContractInput, request.data, partial=True))
        contract = Contract.objects.get(pk=contract.pk)
    return with_etag(Response(ContractSerializer(contract).data), contract)


@paginated_list
@extend_schema(methods=["GET"], responses={200: ContractRateSerializer(many=True), 404: _NOT_FOUND})
@extend_schema(methods=["POST"], request=ContractRateInput,
               responses={201: ContractRateSerializer, 403: _REFUSED, 404: _NOT_FOUND})
@api_view(["GET", "POST"])
def contract_rates(request: Request, pk: int) -> Response:
    """The contract's rate card; POST puts a product on it or changes its price."""
    contract = _contract(request, pk)
    if request.method == "POST":
        values = validated(ContractRateInput, request.data)
        entry = services.set_rate(actor=_actor(request), contract=contract, **values)
        return Response(ContractRateSerializer(entry).data, status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.rate_card(contract), ContractRateSerializer)


@extend_schema(methods=["GET"], responses={200: ContractRateSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=ContractRateChangeInput,
               responses={200: ContractRateSerializer, 403: _REFUSED, 404: _NOT_FOUND})
@extend_schema(methods=["DELETE"], responses={204: None, 403: _REFUSED, 404: _NOT_FOUND})
@api_view(["GET", "PATCH", "DELETE"])
def contract_rate_detail(request: Request, pk: int, rate_pk: int) -> Response:
    """One rate card entry; PATCH changes its price; DELETE takes it off."""
    contract = _contract(request, pk)
    entry = get_visible_or_404(RateCardEntry.objects.filter(contract=contract)
                               .select_related("product"), rate_pk,
                               message="That product is not on this rate card.")
    if request.method == "DELETE":
        services.remove_rate(actor=_actor(request), entry=entry)
        return Response(status=status.HTTP_204_NO_CONTENT)
    if request.method == "PATCH":
        values = validated(ContractRateChangeInput, request.data, partial=True)
        if "unit_price" in values:
            entry = services.set_rate(actor=_actor(request), contract=contract,
                                      product=entry.product, unit_price=values["unit_price"])
    return Response(ContractRateSerializer(entry).data)


@extend_schema(responses={200: ContractCoverageSerializer(many=True), 404: _NOT_FOUND})
@api_view(["GET"])
def contract_coverage(request: Request, pk: int) -> Response:
    """The skills and levels a contract covers: its rate card's products and its lot."""
    contract = _contract(request, pk)
    rows = [{k: v for k, v in row.items() if k != "level_ordinal"}
            for row in sel.contract_coverage(contract)]
    return Response(ContractCoverageSerializer(rows, many=True).data)


@extend_schema(responses={200: ContractsCoverageSerializer})
@api_view(["GET"])
def coverage(request: Request) -> Response:
    """For each default-framework skill, the current contracts (that you can see) and
    products that cover it, to what highest level; and the skills none covers."""
    result = sel.coverage(request.user, on=timezone.localdate())
    body = {
        "on": result["on"], "contracts": result["contracts"],
        "covered": [{"skill_id": r["skill"].pk, "skill": r["skill"].name, "level": r["level"],
                     "contracts": r["contracts"], "products": r["products"]}
                    for r in result["covered"]],
        "uncovered": [{"skill_id": s.pk, "skill": s.name} for s in result["uncovered"]],
    }
    return Response(ContractsCoverageSerializer(body).data)


@extend_schema(parameters=[OpenApiParameter("download", str, enum=list(SPREADSHEETS),
                                            description="csv (default), xlsx or ods"),
                           *_FILTER_PARAMETERS],
               responses={(200, "text/csv"): OpenApiResponse(description="The register"),
                          400: ErrorSerializer})
@api_view(["GET"])
def contract_export(request: Request) -> Response:
    """The register as CSV, XLSX or ODS (``?download=``; audited)."""
    fmt = request.query_params.get("download") or "csv"
    if fmt not in SPREADSHEETS:
        raise invalid("download", f"Choose one of: {', '.join(SPREADSHEETS)}.")
    export = services.export_register(actor=_actor(request), user=request.user, fmt=fmt,
                                      today=timezone.localdate(), channel="api",
                                      **_filters(request))
    return export_response(export)


@extend_schema(request={"multipart/form-data": ContractImportUpload},
               responses={201: ContractImportResultSerializer, 400: FileErrorSerializer,
                          403: _REFUSED})
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser])
def contract_import(request: Request) -> Response:
    """Import contracts and rate cards; every row valid, or 400 with every problem."""
    upload = validated(ContractImportUpload, request.data)["file"]
    if upload.size > min(services.MAX_IMPORT_BYTES, settings.CADRE_MAX_UPLOAD_BYTES):
        raise invalid("file", f"The file is larger than "
                              f"{services.MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
    try:
        result = services.import_contracts(actor=_actor(request), data=upload.read(),
                                           filename=upload.name)
    except TableError as exc:
        return Response({
            "detail": f"{len(exc.errors)} problem(s) in {upload.name}; nothing was imported.",
            "errors": [{"field": e.column or "file", "row": e.row, "column": e.column,
                        "message": e.message} for e in exc.errors],
        }, status=status.HTTP_400_BAD_REQUEST)
    return Response(ContractImportResultSerializer(result).data, status=status.HTTP_201_CREATED)


# ------------------------------------------------------------------------ frameworks


def _framework(request: Request, pk: object) -> SupplyFramework:
    return get_visible_or_404(sel.visible_frameworks(request.user).prefetch_related("lots"),
                              pk, message="No such framework.")


@paginated_list
@extend_schema(methods=["GET"], responses=SupplyFrameworkSerializer(many=True))
@extend_schema(methods=["POST"], request=SupplyFrameworkInput,
               responses={201: SupplyFrameworkSerializer, 403: _REFUSED})
@api_view(["GET", "POST"])
@parser_classes([JSONParser, FormParser, MultiPartParser])
def framework_list(request: Request) -> Response:
    """Supply frameworks with their lots; POST adds one (central team, administrators)."""
    if request.method == "POST":
        framework = services.create_framework(actor=_actor(request),
                                              **validated(SupplyFrameworkInput, request.data))
        return Response(SupplyFrameworkSerializer(framework).data, status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.visible_frameworks(request.user)
                              .prefetch_related("lots__skills"), SupplyFrameworkSerializer)


@extend_schema(methods=["GET"], responses={200: SupplyFrameworkSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=SupplyFrameworkInput,
               responses={200: SupplyFrameworkSerializer, 403: _REFUSED, 404: _NOT_FOUND,
                          412: _STALE})
@api_view(["GET", "PATCH"])
def framework_detail(request: Request, pk: int) -> Response:
    """One framework; PATCH changes the fields sent (central team, administrators)."""
    framework = _framework(request, pk)
    if request.method == "PATCH":
        framework = services.update_framework(
            actor=_actor(request), framework=framework, expected_version=if_match(request),
            **validated(SupplyFrameworkInput, request.data, partial=True))
    framework = SupplyFramework.objects.prefetch_related("lots__skills").get(pk=framework.pk)
    return with_etag(Response(SupplyFrameworkSerializer(framework).data), framework)


@paginated_list
@extend_schema(methods=["GET"], responses={200: SupplyLotSerializer(many=True), 404: _NOT_FOUND})
@extend_schema(methods=["POST"], request=SupplyLotInput,
               responses={201: SupplyLotSerializer, 403: _REFUSED, 404: _NOT_FOUND})
@api_view(["GET", "POST"])
def framework_lots(request: Request, pk: int) -> Response:
    """A framework's lots; POST adds one (central team, administrators)."""
    framework = _framework(request, pk)
    if request.method == "POST":
        lot = services.add_lot(actor=_actor(request), framework=framework,
                               **validated(SupplyLotInput, request.data))
        return Response(SupplyLotSerializer(lot).data, status=status.HTTP_201_CREATED)
    return paginated_response(request, framework.lots.prefetch_related("skills")
                              .order_by("number"), SupplyLotSerializer)


@extend_schema(methods=["GET"], responses={200: SupplyLotSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=SupplyLotInput,
               responses={200: SupplyLotSerializer, 403: _REFUSED, 404: _NOT_FOUND, 412: _STALE})
@api_view(["GET", "PATCH"])
def lot_detail(request: Request, pk: int) -> Response:
    """One lot; PATCH changes the fields sent (central team, administrators)."""
    lot = get_visible_or_404(sel.visible_lots(request.user), pk, message="No such lot.")
    if request.method == "PATCH":
        lot = services.update_lot(actor=_actor(request), lot=lot,
                                  expected_version=if_match(request),
                                  **validated(SupplyLotInput, request.data, partial=True))
    lot = Lot.objects.prefetch_related("skills").get(pk=lot.pk)
    return with_etag(Response(SupplyLotSerializer(lot).data), lot)
