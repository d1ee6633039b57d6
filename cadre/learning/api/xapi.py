"""API for learning records, beside the xAPI endpoint itself (``/xapi/``, for providers):
the same selectors and services as the pages.

``GET /api/v1/learning/records/`` the caller's own learning records;
``GET /api/v1/learning/xapi-statements/`` statements received (the central team all,
learning leads those about their organisations' people; ``?provider=ID``);
``GET``/``POST /api/v1/learning/providers/{id}/xapi-credentials/`` a provider's credentials
(POST makes one and answers its secret, once); ``POST
/api/v1/learning/xapi-credentials/{id}/revoke/``; ``GET``/``PUT
/api/v1/learning/plan-activities/{id}/product/`` the product a plan activity is done by.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_errors import ErrorSerializer
from cadre.core.api_fields import IdField
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import invalid, parse_id
from cadre.learning.models import MAX_CREDENTIAL_LABEL, ProviderCredential, StoredStatement
from cadre.learning.selectors import xapi as sel
from cadre.learning.services import xapi as services

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record, or not one the "
                             "caller may see")


class StatementSerializer(serializers.ModelSerializer):
    provider = serializers.CharField(source="provider.name")
    person = serializers.IntegerField(source="person_id", allow_null=True)
    voided = serializers.SerializerMethodField()
    statement = serializers.JSONField(source="body")

    class Meta:
        model = StoredStatement
        fields = ["statement_id", "provider", "stored_at", "actor_email", "person", "verb_id",
                  "object_id", "voids", "voided", "statement"]

    def get_voided(self, row: StoredStatement) -> bool:
        return row.pk in self.context.get("voided", set())


class CredentialSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProviderCredential
        fields = ["id", "provider", "key", "label", "created_at", "revoked_at"]


class NewCredentialSerializer(CredentialSerializer):
    secret = serializers.CharField(help_text="Shown only in this answer; Cadre keeps a hash.")

    class Meta(CredentialSerializer.Meta):
        fields = [*CredentialSerializer.Meta.fields, "secret"]


class CredentialInput(serializers.Serializer):
    label = serializers.CharField(max_length=MAX_CREDENTIAL_LABEL)


class LinkSerializer(serializers.Serializer):
    activity = serializers.IntegerField()
    product = serializers.IntegerField(allow_null=True)


class LinkInput(serializers.Serializer):
    product = IdField(allow_null=True, help_text="A product with an xAPI activity id; null "
                                                 "to unlink.")


def _statements(request: Request, rows) -> Response:  # noqa: ANN001
    paged = list(rows)
    return paginated_response(request, paged, StatementSerializer,
                              context={"voided": sel.voided_among(paged)})


@paginated_list
@extend_schema(responses={200: StatementSerializer(many=True)})
@api_view(["GET"])
def records(request: Request) -> Response:
    """The caller's own learning records, newest first (empty without a person record)."""
    person = sel.person_of(request.user)
    rows = StoredStatement.objects.none() if person is None else \
        sel.records_of(request.user, person)
    return _statements(request, rows[:500])


@paginated_list
@extend_schema(responses={200: StatementSerializer(many=True)}, parameters=[
    OpenApiParameter("provider", int, description="Only this provider's statements.")])
@api_view(["GET"])
def statements(request: Request) -> Response:
    """Statements received, newest first, that the caller may see (at most 2,000)."""
    rows = sel.statements_seen_by(request.user).order_by("-stored_at", "-pk")
    if "provider" in request.query_params:
        rows = rows.filter(provider_id=parse_id(request.query_params["provider"],
                                                field="provider"))
    return _statements(request, rows[:2000])


@extend_schema(methods=["GET"], responses={200: CredentialSerializer(many=True),
                                           404: _NOT_FOUND})
@extend_schema(methods=["POST"], request=CredentialInput,
               responses={201: NewCredentialSerializer, 404: _NOT_FOUND})
@api_view(["GET", "POST"])
def credentials(request: Request, provider_id: int) -> Response:
    """A provider's credentials; POST (central team) makes one and answers its secret once."""
    provider = sel.providers_for(request.user).filter(pk=provider_id).first()
    if provider is None:
        raise Http404("No such provider.")
    if request.method == "POST":
        credential, secret = services.create_credential(
            actor=Actor.for_user(request.user), provider=provider,
            **validated(CredentialInput, request.data))
        data = {**CredentialSerializer(credential).data, "secret": secret}
        return Response(data, status=status.HTTP_201_CREATED,
                        headers={"Cache-Control": "no-store"})
    return Response(CredentialSerializer(sel.credentials_of(request.user, provider),
                                         many=True).data)


@extend_schema(request=None, responses={200: CredentialSerializer, 404: _NOT_FOUND})
@api_view(["POST"])
def revoke(request: Request, pk: int) -> Response:
    """Revoke a credential for good (central team)."""
    credential = ProviderCredential.objects.filter(pk=pk).first()
    if credential is None or not sel.providers_for(request.user).filter(
            pk=credential.provider_id).exists():
        raise Http404("No such credential.")
    credential = services.revoke_credential(actor=Actor.for_user(request.user),
                                            credential_id=credential.pk)
    return Response(CredentialSerializer(credential).data)


@extend_schema(methods=["GET"], responses={200: LinkSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PUT"], request=LinkInput,
               responses={200: LinkSerializer, 404: _NOT_FOUND})
@api_view(["GET", "PUT"])
def activity_product(request: Request, pk: int) -> Response:
    """The product a plan activity is done by (the person and their line manager)."""
    from cadre.assessments.models import Activity

    activity = (Activity.objects.select_related("objective__plan__person").filter(pk=pk)
                .first())
    if activity is None or not sel.may_see_learning_of(request.user,
                                                       activity.objective.plan.person):
        raise Http404("No such plan activity.")
    if request.method == "PUT":
        product_id = validated(LinkInput, request.data)["product"]
        product = None
        if product_id is not None:
            product = sel.linkable_products().filter(pk=product_id).first()
            if product is None:
                raise invalid("product", "Choose a product its provider sends learning "
                                         "records for.")
        services.link_activity(actor=Actor.for_user(request.user), activity=activity,
                               product=product)
    link = sel.link_of(activity.pk)
    return Response({"activity": activity.pk, "product": link.product_id if link else None})
