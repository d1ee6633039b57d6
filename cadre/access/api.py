"""The caller's own account, roles and scope."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.access.scope import scope_for


@extend_schema(responses=inline_serializer("Me", {
    "email": serializers.EmailField(),
    "roles": serializers.ListField(child=serializers.CharField()),
    "organisations": serializers.DictField(),
    "person_id": serializers.IntegerField(allow_null=True),
}))
@api_view(["GET"])
def me(request: Request) -> Response:
    scope = scope_for(request.user)
    person = getattr(request.user, "person", None)
    return Response({
        "email": request.user.email,
        "roles": sorted(scope.roles),
        "organisations": {k: sorted(v) for k, v in scope.role_organisations.items()},
        "person_id": person.pk if person else None,
    })
