"""API: whether an organisation's people may sign in with local passwords (administrators).

``GET`` answers the rule with its version as the ``ETag``; ``PATCH`` changes it through
the same service as the page and ``cadre identity passwords``, honouring ``If-Match``.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.api_concurrency import etag, if_match
from cadre.core.api_errors import ErrorSerializer
from cadre.core.api_kit import validated
from cadre.identity import selectors, services
from cadre.organisations.models import Organisation


class SignInRuleSerializer(serializers.Serializer):
    organisation = serializers.CharField(read_only=True, help_text="Abbreviation")
    organisation_name = serializers.CharField(read_only=True)
    local_passwords = serializers.BooleanField(
        help_text="Whether the organisation's people may sign in with a password held by "
                  "Cadre. Administrators always may.")
    changed_at = serializers.DateTimeField(read_only=True, allow_null=True)


def _rule_response(organisation: Organisation) -> Response:
    organisation = selectors.organisation_with_sign_in(organisation.pk)
    response = Response({
        "organisation": organisation.abbreviation, "organisation_name": organisation.name,
        "local_passwords": not organisation.passwords_off,
        "changed_at": (serializers.DateTimeField().to_representation(
            organisation.sign_in_changed_at) if organisation.sign_in_changed_at else None),
    })
    response["ETag"] = etag(selectors.sign_in_version(organisation))
    return response


@extend_schema(request=SignInRuleSerializer,
               responses={200: SignInRuleSerializer,
                          400: OpenApiResponse(ErrorSerializer, description="local_passwords "
                                               "not true/false"),
                          404: OpenApiResponse(ErrorSerializer, description="No such "
                                               "organisation"),
                          412: OpenApiResponse(ErrorSerializer, description="The rule "
                                               "changed since the If-Match version")})
@api_view(["GET", "PATCH"])
def organisation_sign_in(request: Request, organisation_id: int) -> Response:
    """Whether an organisation's people may sign in with local passwords; ``PATCH``
    ``{"local_passwords": false}`` switches them off (audited)."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404("No such organisation.")
    if request.method == "PATCH":
        data = validated(SignInRuleSerializer, request.data, partial=True)
        if "local_passwords" in data:  # PATCH is partial: nothing sent changes nothing
            services.set_local_passwords(actor=request.user, organisation=organisation,
                                         allowed=data["local_passwords"],
                                         if_match=if_match(request))
    return _rule_response(organisation)
