"""API for awards and their credentials: the same selectors and services as the pages.

The public verification, status lists and key set are pages (no sign-in); here the holder
and the scheme runners read awards with the signed credential, and runners change status.
"""

from __future__ import annotations

import uuid

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.accreditation.models import Award
from cadre.accreditation.selectors import credentials as sel
from cadre.accreditation.selectors.common import runs_scheme
from cadre.accreditation.services import credentials as services
from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import REASON_TEXT


class AwardSerializer(serializers.ModelSerializer):
    holder = serializers.CharField(source="person.full_name", read_only=True)
    scheme = serializers.CharField(source="level.scheme.name", read_only=True)
    level = serializers.CharField(source="level.name", read_only=True)
    current_status = serializers.SerializerMethodField()
    verification_url = serializers.SerializerMethodField()

    class Meta:
        model = Award
        fields = ["public_id", "holder", "scheme", "level", "awarded_on", "expires_on",
                  "status", "status_reason", "current_status", "verification_url"]

    @extend_schema_field(serializers.ChoiceField(
        choices=["active", "suspended", "revoked", "expired"]))
    def get_current_status(self, obj: Award) -> str:
        return sel.effective_status(obj)

    def get_verification_url(self, obj: Award) -> str:
        return sel.public_url(obj)


class SignedCredentialSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="A data: URL holding the VC-JWT.")
    type = serializers.CharField()


class AwardDetailSerializer(AwardSerializer):
    credential = serializers.SerializerMethodField(
        help_text="The signed Open Badges 3.0 credential (a VC 2.0 enveloped credential).")

    class Meta(AwardSerializer.Meta):
        fields = [*AwardSerializer.Meta.fields, "credential"]

    @extend_schema_field(SignedCredentialSerializer)
    def get_credential(self, obj: Award) -> dict:
        return services.enveloped_credential(obj)


class AwardStatusInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(services.AWARD_ACTIONS))
    reason = serializers.CharField(max_length=REASON_TEXT, required=False, allow_blank=True,
                                   default="")


def _award(request: Request, public_id: uuid.UUID) -> Award:
    award = sel.downloadable_award(request.user, public_id)
    if award is None:
        raise Http404("No such credential.")
    return award


@paginated_list
@extend_schema(operation_id="accreditation_credentials_list",
               responses=AwardSerializer(many=True))
@api_view(["GET"])
def credential_list(request: Request) -> Response:
    """The caller's awards; the scheme runners see every award."""
    awards = sel.all_awards() if runs_scheme(request.user) else sel.awards_for(request.user)
    return paginated_response(request, awards.order_by("-awarded_on", "-id"), AwardSerializer)


@extend_schema(operation_id="accreditation_credentials_retrieve",
               responses=AwardDetailSerializer)
@api_view(["GET"])
def credential_detail(request: Request, public_id: uuid.UUID) -> Response:
    """One award with its signed credential (the holder and the scheme runners)."""
    return Response(AwardDetailSerializer(_award(request, public_id)).data)


@extend_schema(request=AwardStatusInput, responses={
    200: AwardSerializer,
    409: OpenApiResponse(ConflictSerializer, description="No longer possible")})
@api_view(["POST"])
def credential_status(request: Request, public_id: uuid.UUID) -> Response:
    """Suspend, reinstate, renew or revoke an award (the scheme runners)."""
    award = _award(request, public_id)
    d = validated(AwardStatusInput, request.data)
    award = services.transition_award(actor=Actor.for_user(request.user), award_id=award.pk,
                                      action=d["action"], reason=d["reason"])
    return Response(AwardSerializer(award).data)
