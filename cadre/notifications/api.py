"""API: the caller's own message choices, and the outbox for administrators."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_errors import ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import collect, invalid, parse_choice
from cadre.notifications import selectors, services
from cadre.notifications.kinds import all_kinds
from cadre.notifications.models import Message, Preference, delivery_words


def _choice_field(kind, *, required: bool) -> serializers.ChoiceField:  # noqa: ANN001
    if kind.mandatory:
        note = "Required: always sent at once; only at_once is accepted."
    elif getattr(kind, "digest_only", False):
        note = "Only ever sent in the weekly digest: weekly or never."
    else:
        note = "at_once, weekly (the weekly digest) or never."
    return serializers.ChoiceField(choices=Preference.Choice.choices, required=required,
                                   help_text=f"{kind.title}. {note}")


#: One field per kind of message (``cadre/notifications/kinds``): a PUT names every kind
#: that can be chosen; mandatory kinds may be left out.
PreferencesSerializer = type("PreferencesSerializer", (serializers.Serializer,), {
    kind.key: _choice_field(kind, required=not kind.mandatory)
    for kind in sorted(all_kinds().values(), key=lambda k: k.key)})


def _current(user: object) -> dict[str, str]:
    return {k.key: k.choice for k in selectors.preferences_for(user)}


@extend_schema(request=PreferencesSerializer, responses={
    200: PreferencesSerializer,
    400: OpenApiResponse(ErrorSerializer, description="An unknown choice, or a required "
                                                      "kind set to weekly or never")})
@api_view(["GET", "PUT"])
def preferences(request: Request) -> Response:
    """How the caller gets each kind of message: at once, in the weekly digest, or never."""
    if request.method == "PUT":
        choices = validated(PreferencesSerializer, request.data)
        services.set_preferences(actor=Actor.for_user(request.user), choices=dict(choices))
    return Response(_current(request.user))


class MessageSerializer(serializers.ModelSerializer):
    delivery_words = serializers.SerializerMethodField(
        help_text="GOV.UK Notify's delivery status in words ('Not checked' until read).")

    def get_delivery_words(self, message: Message) -> str:
        return delivery_words(message.delivery_status)

    class Meta:
        model = Message
        fields = ["id", "to", "kind", "subject", "body", "personalisation", "backend",
                  "status", "notify_id", "delivery_status", "delivery_words",
                  "delivery_checked_at", "error", "created_at", "sent_at"]
        read_only_fields = fields


@paginated_list
@extend_schema(responses=MessageSerializer(many=True), parameters=[
    OpenApiParameter("to", str, description="Only messages to this email address"),
    OpenApiParameter("kind", str, enum=sorted(all_kinds())),
    OpenApiParameter("status", str, enum=list(selectors.STATUS_FILTERS),
                     description="The message's status, or delivered / undelivered / "
                                 "bounced as GOV.UK Notify reported")])
@api_view(["GET"])
def message_list(request: Request) -> Response:
    """Every message sent (administrators), newest first."""
    params = request.query_params
    values = collect({
        "to": lambda: _email(params.get("to")),
        "kind": lambda: parse_choice(params.get("kind"), field="kind",
                                     choices=sorted(all_kinds()), default=None),
        "status": lambda: parse_choice(params.get("status"), field="status",
                                       choices=list(selectors.STATUS_FILTERS), default=None),
    })
    return paginated_response(request, selectors.outbox(**values), MessageSerializer)


def _email(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    field = serializers.EmailField(max_length=254)
    try:
        return field.run_validation(value.strip())
    except serializers.ValidationError as exc:
        raise invalid("to", f"Give an email address, not '{value[:40]}'.") from exc
