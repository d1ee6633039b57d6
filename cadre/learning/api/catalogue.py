"""Catalogue API: the same selectors and services as the pages.

- ``GET``/``POST /api/v1/learning/providers/``, ``GET``/``PATCH .../providers/{id}/``;
- ``GET``/``POST /api/v1/learning/products/`` (filters ``skill``, ``min_level``, ``kind``,
  ``mode``, ``provider``, ``q``, ``withdrawn``), ``GET``/``PATCH .../products/{id}/``;
- ``POST .../products/{id}/withdrawn/`` (``{"withdrawn": true|false}``);
- ``GET``/``POST .../products/{id}/skills/``, ``DELETE .../products/{id}/skills/{skill_id}/``;
- ``GET .../products/{id}/jsonld/``: the schema.org ``Course`` of the product page;
- ``POST /api/v1/learning/catalogue/import/``: a CSV or XLSX file (``dry_run`` to check).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_errors import ErrorSerializer, FileErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import LONG_TEXT, SHORT_TEXT, parse_bool, parse_choice, parse_id, parse_int
from cadre.core.tabular import TableError
from cadre.learning import jsonld
from cadre.learning.models import (
    MAX_AUDIENCE_GRADES,
    MAX_DURATION_HOURS,
    MAX_LIST_PRICE,
    MAX_PRODUCT_SKILLS,
    Audience,
    DeliveryMode,
    Product,
    ProductKind,
    ProductSkill,
    Provider,
)
from cadre.learning.selectors import catalogue as sel
from cadre.learning.services import catalogue as services

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record")


class LearningProviderSerializer(serializers.ModelSerializer):
    aliases = serializers.ListField(child=serializers.CharField())
    website = serializers.CharField(help_text="A web address, or empty.")
    products = serializers.SerializerMethodField()

    class Meta:
        model = Provider
        fields = ["id", "name", "company_number", "website", "aliases", "products",
                  "created_at"]

    def get_products(self, provider: Provider) -> int:
        count = getattr(provider, "product_count", None)
        return count if count is not None else provider.products.filter(withdrawn=False).count()


class LearningProviderInput(serializers.Serializer):
    name = serializers.CharField(max_length=services.MAX_NAME)
    company_number = serializers.CharField(max_length=8, required=False, allow_blank=True,
                                           default="")
    website = serializers.URLField(max_length=SHORT_TEXT, required=False, allow_blank=True,
                                   default="")
    aliases = serializers.ListField(child=serializers.CharField(max_length=services.MAX_ALIAS),
                                    max_length=services.MAX_ALIASES, required=False,
                                    default=list)


class LearningProductSkillSerializer(serializers.ModelSerializer):
    skill_name = serializers.CharField(source="skill.name", read_only=True)
    level_name = serializers.CharField(source="level.name", read_only=True)
    level_ordinal = serializers.IntegerField(source="level.ordinal", read_only=True)

    class Meta:
        model = ProductSkill
        fields = ["skill", "skill_name", "level", "level_name", "level_ordinal"]


class LearningProductSerializer(serializers.ModelSerializer):
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    skills = LearningProductSkillSerializer(many=True, read_only=True)
    organisations = serializers.SlugRelatedField(source="audience_organisations", many=True,
                                                 slug_field="abbreviation", read_only=True)
    grades = serializers.ListField(source="audience_grades", child=serializers.CharField())
    url = serializers.CharField(help_text="A web address, or empty.")
    xapi_activity_id = serializers.CharField(help_text="An IRI, or empty.")

    class Meta:
        model = Product
        fields = ["id", "provider", "provider_name", "title", "code", "kind", "mode",
                  "description", "duration_hours", "list_price", "audience", "organisations",
                  "grades", "url", "xapi_activity_id", "withdrawn", "skills", "created_at"]


class ProductSkillInput(serializers.Serializer):
    skill = serializers.CharField(max_length=200, help_text="The skill's id or name.")
    level = serializers.CharField(max_length=100, help_text="The level's name or ordinal.")


class LearningProductInput(serializers.Serializer):
    provider = serializers.IntegerField(min_value=1)
    title = serializers.CharField(max_length=services.MAX_TITLE)
    code = serializers.CharField(max_length=services.MAX_CODE, required=False,
                                 allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=ProductKind.choices)
    mode = serializers.ChoiceField(choices=DeliveryMode.choices)
    description = serializers.CharField(max_length=LONG_TEXT, required=False,
                                        allow_blank=True, default="")
    duration_hours = serializers.DecimalField(max_digits=6, decimal_places=1,
                                              min_value=services.MIN_DURATION_HOURS,
                                              max_value=MAX_DURATION_HOURS)
    list_price = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0,
                                          max_value=MAX_LIST_PRICE)
    audience = serializers.ChoiceField(choices=Audience.choices, default=Audience.OPEN)
    organisations = serializers.ListField(
        child=serializers.CharField(max_length=30), required=False, default=list,
        max_length=services.MAX_AUDIENCE_ORGANISATIONS,
        help_text="Abbreviations, when the audience is organisations.")
    grades = serializers.ListField(child=serializers.CharField(max_length=40), required=False,
                                   default=list, max_length=MAX_AUDIENCE_GRADES,
                                   help_text="Grade codes, when the audience is grades.")
    url = serializers.URLField(max_length=SHORT_TEXT, required=False, allow_blank=True,
                               default="")
    xapi_activity_id = serializers.URLField(max_length=SHORT_TEXT, required=False,
                                            allow_blank=True, default="")
    skills = serializers.ListField(child=ProductSkillInput(), required=False, default=list,
                                   max_length=MAX_PRODUCT_SKILLS)


class ProductWithdrawnInput(serializers.Serializer):
    withdrawn = serializers.BooleanField()
    reason = serializers.CharField(max_length=SHORT_TEXT, required=False, allow_blank=True,
                                   default="")


class CatalogueUpload(serializers.Serializer):
    file = serializers.FileField()
    dry_run = serializers.BooleanField(required=False, default=False)


class CatalogueImportResultSerializer(serializers.Serializer):
    rows = serializers.IntegerField()
    products_created = serializers.IntegerField()
    products_updated = serializers.IntegerField()
    products_unchanged = serializers.IntegerField()
    providers_created = serializers.IntegerField()
    providers_updated = serializers.IntegerField()
    dry_run = serializers.BooleanField()



def _provider(pk: int) -> Provider:
    provider = Provider.objects.filter(pk=pk).first()
    if provider is None:
        raise Http404("No such provider.")
    return provider


def _product(pk: int) -> Product:
    product = sel.product_rows().filter(pk=pk).first()
    if product is None:
        raise Http404("No such product.")
    return product


def _fresh(pk: int) -> Product:
    return sel.product_rows().prefetch_related("audience_organisations").get(pk=pk)


# -- providers ------------------------------------------------------------------------

@paginated_list
@extend_schema(methods=["GET"], responses=LearningProviderSerializer(many=True), parameters=[
    OpenApiParameter("q", str, description="Words in the name, or a company number.")])
@extend_schema(methods=["POST"], request=LearningProviderInput,
               responses={201: LearningProviderSerializer, 400: ErrorSerializer})
@api_view(["GET", "POST"])
def provider_list(request: Request) -> Response:
    """Every learning provider; POST adds one (learning leads, central team, admins)."""
    if request.method == "POST":
        provider = services.create_provider(actor=Actor.for_user(request.user),
                                            **validated(LearningProviderInput, request.data))
        return Response(LearningProviderSerializer(provider).data, status=status.HTTP_201_CREATED)
    search = str(request.query_params.get("q") or "").strip()[:200]
    return paginated_response(request, sel.providers(search=search), LearningProviderSerializer)


@extend_schema(methods=["GET"], responses={200: LearningProviderSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=LearningProviderInput,
               responses={200: LearningProviderSerializer, 400: ErrorSerializer, 404: _NOT_FOUND})
@api_view(["GET", "PATCH"])
def provider_detail(request: Request, provider_id: int) -> Response:
    """One provider; PATCH changes the fields sent."""
    provider = _provider(provider_id)
    if request.method == "PATCH":
        provider = services.update_provider(
            actor=Actor.for_user(request.user), provider=provider,
            **validated(LearningProviderInput, request.data, partial=True))
    return Response(LearningProviderSerializer(provider).data)


# -- products -------------------------------------------------------------------------

_PRODUCT_FILTERS = [
    OpenApiParameter("skill", int, description="A skill's id: products that build it."),
    OpenApiParameter("min_level", int, description="The lowest level ordinal built (of the "
                                                   "skill, or of any skill)."),
    OpenApiParameter("kind", str, enum=ProductKind.values),
    OpenApiParameter("mode", str, enum=DeliveryMode.values),
    OpenApiParameter("provider", int, description="A provider's id."),
    OpenApiParameter("q", str, description="Words in the title, description or provider."),
    OpenApiParameter("withdrawn", bool, description="Include withdrawn products."),
]


def _filters(request: Request) -> dict:
    p = request.query_params
    return {
        "skill": parse_id(p.get("skill"), field="skill", default=None),
        "min_level": parse_int(p.get("min_level"), field="min_level", minimum=0, maximum=100,
                               default=None),
        "kind": parse_choice(p.get("kind"), field="kind", choices=ProductKind.values,
                             default=""),
        "mode": parse_choice(p.get("mode"), field="mode", choices=DeliveryMode.values,
                             default=""),
        "provider": parse_id(p.get("provider"), field="provider", default=None),
        "search": str(p.get("q") or "").strip()[:200],
        "include_withdrawn": parse_bool(p.get("withdrawn"), field="withdrawn", default=False),
    }


@paginated_list
@extend_schema(methods=["GET"], responses=LearningProductSerializer(many=True),
               parameters=_PRODUCT_FILTERS)
@extend_schema(methods=["POST"], request=LearningProductInput,
               responses={201: LearningProductSerializer, 400: ErrorSerializer})
@api_view(["GET", "POST"])
def product_list(request: Request) -> Response:
    """The catalogue, filtered; POST adds a product (with its skills)."""
    if request.method == "POST":
        product = services.create_product(actor=Actor.for_user(request.user),
                                          **validated(LearningProductInput, request.data))
        return Response(LearningProductSerializer(_fresh(product.pk)).data,
                        status=status.HTTP_201_CREATED)
    qs = sel.products(**_filters(request)).prefetch_related("audience_organisations")
    return paginated_response(request, qs, LearningProductSerializer)


@extend_schema(methods=["GET"], responses={200: LearningProductSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=LearningProductInput,
               responses={200: LearningProductSerializer, 400: ErrorSerializer, 404: _NOT_FOUND})
@api_view(["GET", "PATCH"])
def product_detail(request: Request, product_id: int) -> Response:
    """One product; PATCH changes the fields sent (skills through ``.../skills/``)."""
    product = _product(product_id)
    if request.method == "PATCH":
        changes = dict(validated(LearningProductInput, request.data, partial=True))
        changes.pop("skills", None)
        services.update_product(actor=Actor.for_user(request.user), product=product,
                                **changes)
    return Response(LearningProductSerializer(_fresh(product.pk)).data)


@extend_schema(request=ProductWithdrawnInput,
               responses={200: LearningProductSerializer, 400: ErrorSerializer, 404: _NOT_FOUND})
@api_view(["POST"])
def product_withdrawn(request: Request, product_id: int) -> Response:
    """Withdraw a product (``withdrawn: true``) or restore it (``false``)."""
    product = _product(product_id)
    data = validated(ProductWithdrawnInput, request.data)
    services.set_withdrawn(actor=Actor.for_user(request.user), product=product,
                           withdrawn=data["withdrawn"], reason=data["reason"])
    return Response(LearningProductSerializer(_fresh(product.pk)).data)


@extend_schema(methods=["GET"], responses={200: LearningProductSkillSerializer(many=True),
                                           404: _NOT_FOUND})
@extend_schema(methods=["POST"], request=ProductSkillInput,
               responses={201: LearningProductSkillSerializer, 400: ErrorSerializer,
                          404: _NOT_FOUND})
@api_view(["GET", "POST"])
def product_skills(request: Request, product_id: int) -> Response:
    """The skills a product builds; POST adds one (or changes the level of one listed)."""
    product = _product(product_id)
    if request.method == "POST":
        data = validated(ProductSkillInput, request.data)
        row = services.add_product_skill(actor=Actor.for_user(request.user), product=product,
                                         skill=data["skill"], level=data["level"])
        return Response(LearningProductSkillSerializer(row).data, status=status.HTTP_201_CREATED)
    rows = product.skills.select_related("skill", "level").order_by("skill__name")
    return Response(LearningProductSkillSerializer(rows, many=True).data)


@extend_schema(responses={204: None, 400: ErrorSerializer, 404: _NOT_FOUND})
@api_view(["DELETE"])
def product_skill(request: Request, product_id: int, skill_id: int) -> Response:
    """Take a skill off the product."""
    product = _product(product_id)
    if not product.skills.filter(skill_id=skill_id).exists():
        raise Http404("The product does not list this skill.")
    services.remove_product_skill(actor=Actor.for_user(request.user), product=product,
                                  skill=skill_id)
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(responses={200: OpenApiTypes.OBJECT, 404: _NOT_FOUND})
@api_view(["GET"])
def product_jsonld(request: Request, product_id: int) -> Response:
    """The product's schema.org ``Course`` (as on its page)."""
    product = _product(product_id)
    url = request.build_absolute_uri(reverse("learning:product", args=[product.pk]))
    return Response(jsonld.course_document(sel.product_facts(product, url=url)))


@extend_schema(request={"multipart/form-data": CatalogueUpload},
               responses={201: CatalogueImportResultSerializer,
                          200: CatalogueImportResultSerializer, 400: FileErrorSerializer})
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser, JSONParser])
def catalogue_import(request: Request) -> Response:
    """Import products from a CSV or XLSX file: every row good, or 400 listing every
    problem by row and column (nothing written). ``dry_run`` checks and counts only."""
    data = validated(CatalogueUpload, request.data)
    upload = data["file"]
    try:
        result = services.import_catalogue(
            actor=Actor.for_user(request.user), data=upload.read(), filename=upload.name,
            dry_run=data["dry_run"], max_bytes=settings.CADRE_MAX_UPLOAD_BYTES)
    except TableError as exc:
        return Response({
            "detail": f"{len(exc.errors)} problem(s) in {upload.name}; nothing was imported.",
            "errors": [{"field": "file", "row": e.row, "column": e.column,
                        "message": e.message} for e in exc.errors],
        }, status=status.HTTP_400_BAD_REQUEST)
    return Response(result.as_dict(), status=status.HTTP_200_OK if result.dry_run
                    else status.HTTP_201_CREATED)
