"""Recruitment applications API (issue 21 point 2): the same selectors and services as
the pages.

- ``GET /api/v1/recruitment/applications/`` (``?campaign=&state=``): the applications the
  caller may see (all for the hub; their organisations' campaigns for heads of profession;
  those allocated to them for panel members; their own for internal candidates); ``POST``
  records an external candidate's application (the campaign's recruiters);
- ``GET .../applications/<id>/``: one application with its evidence;
- ``POST .../applications/<id>/transition/`` ``{to, version, reason}``: offer, appoint,
  declined or withdrawn (409 when no longer possible or the version is stale; sift and
  interview decisions are the panels area's);
- ``POST .../campaigns/<id>/apply/``: the caller applies (a person with a record, to an open
  campaign);
- ``POST .../campaigns/<id>/applications/import/`` (multipart, ``file``): the import of
  docs/data-formats.md; 400 lists every bad row, nothing written.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
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
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer, FileErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import MAX_ID, REASON_TEXT, invalid
from cadre.core.objects import get_visible_or_404
from cadre.core.tabular import TableError
from cadre.recruitment.models import (
    MAX_CANDIDATE_EMAIL,
    MAX_CANDIDATE_NAME,
    MAX_CANDIDATE_PHONE,
    MAX_EVIDENCE_TEXT,
    Application,
    ApplicationState,
)
from cadre.recruitment.selectors import applications as sel
from cadre.recruitment.selectors.campaigns import may_manage, visible_campaigns
from cadre.recruitment.services import applications as services

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record, or not one you "
                                                          "can see")
_REFUSED = OpenApiResponse(ErrorSerializer, description="You may not do this")
_CONFLICT = OpenApiResponse(ConflictSerializer, description="Changed by someone else, or no "
                                                            "longer possible (409)")


def _actor(request: Request) -> Actor:
    return Actor.for_user(request.user)


# ------------------------------------------------------------------------ serializers


class ApplicationEvidenceItemSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    criterion_text = serializers.CharField()
    text = serializers.CharField(allow_blank=True)


class ApplicationSerializer(serializers.ModelSerializer):
    candidate = serializers.IntegerField(source="candidate_id")
    candidate_name = serializers.CharField(source="candidate.display_name")
    email = serializers.SerializerMethodField(
        help_text="The external candidate's email: the campaign's recruiters only")
    phone = serializers.SerializerMethodField(
        help_text="The external candidate's phone: the campaign's recruiters only")
    person = serializers.IntegerField(source="candidate.person_id", allow_null=True)
    personal_data_deleted_at = serializers.DateTimeField(
        source="candidate.personal_data_deleted_at", allow_null=True)
    state_label = serializers.CharField(source="get_state_display")

    class Meta:
        model = Application
        fields = ["id", "campaign", "candidate", "candidate_name", "email", "phone", "person",
                  "internal", "state", "state_label", "version", "submitted_at", "sifted_at",
                  "interviewed_at", "decided_at", "offered_at", "closed_at", "reserve_consent",
                  "reserve_consent_on", "from_reserve", "personal_data_deleted_at"]

    def _manager(self, obj: Application) -> bool:
        request = self.context.get("request")
        return request is not None and may_manage(request.user, obj.campaign)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_email(self, obj: Application) -> str | None:
        return obj.candidate.email if self._manager(obj) and not obj.internal else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_phone(self, obj: Application) -> str | None:
        return obj.candidate.phone if self._manager(obj) and not obj.internal else None


class ApplicationDetailSerializer(ApplicationSerializer):
    evidence = serializers.SerializerMethodField()

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "evidence"]

    @extend_schema_field(ApplicationEvidenceItemSerializer(many=True))
    def get_evidence(self, obj: Application) -> list[dict[str, Any]]:
        return ApplicationEvidenceItemSerializer([
            {"criterion": c.pk, "criterion_text": c.text, "text": text}
            for c, text in sel.evidence_by_criterion(obj)], many=True).data


class ApplicationEvidenceInput(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    text = serializers.CharField(max_length=MAX_EVIDENCE_TEXT, allow_blank=True)


class ApplicationRecordInput(serializers.Serializer):
    campaign = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    name = serializers.CharField(max_length=MAX_CANDIDATE_NAME)
    email = serializers.CharField(max_length=MAX_CANDIDATE_EMAIL)
    phone = serializers.CharField(max_length=MAX_CANDIDATE_PHONE, required=False,
                                  allow_blank=True)
    reserve_consent = serializers.BooleanField(required=False, default=False)
    evidence = ApplicationEvidenceInput(many=True, required=False)


class ApplicationApplyInput(serializers.Serializer):
    reserve_consent = serializers.BooleanField(required=False, default=False)
    evidence = ApplicationEvidenceInput(many=True, required=False)


class ApplicationTransitionInput(serializers.Serializer):
    to = serializers.ChoiceField(choices=[s.value for s in services.RECRUITER_TARGETS])
    version = serializers.IntegerField(min_value=1, required=False,
                                       help_text="The version you read: another stored one "
                                                 "is a 409")
    reason = serializers.CharField(max_length=REASON_TEXT, required=False, allow_blank=True)


class ApplicationImportUpload(serializers.Serializer):
    file = serializers.FileField()


class ApplicationImportResultSerializer(serializers.Serializer):
    created = serializers.ListField(child=serializers.IntegerField(),
                                    help_text="Ids of the applications created")
    existing = serializers.IntegerField(help_text="Rows already held, left alone")


def _evidence(items: list[dict[str, Any]] | None) -> dict[int, str]:
    found: dict[int, str] = {}
    for item in items or []:
        if item["criterion"] in found:
            raise invalid("evidence", f"Criterion {item['criterion']} is given twice.")
        found[item["criterion"]] = item["text"]
    return found


def _application(request: Request, pk: Any) -> Application:
    return get_visible_or_404(sel.visible_applications(request.user), pk,
                              message="No such application, or not one you can see.")


def _detail(request: Request, pk: int) -> Response:
    application = sel.visible_applications(request.user).get(pk=pk)
    return Response(ApplicationDetailSerializer(application, context={"request": request}).data)


# ------------------------------------------------------------------------ endpoints


@paginated_list
@extend_schema(methods=["GET"], parameters=[
    OpenApiParameter("campaign", int, description="Only this campaign's applications"),
    OpenApiParameter("state", str, enum=ApplicationState.values)],
    responses={200: ApplicationSerializer(many=True), 400: ErrorSerializer})
@extend_schema(methods=["POST"], request=ApplicationRecordInput,
               responses={201: ApplicationDetailSerializer, 400: ErrorSerializer,
                          403: _REFUSED})
@api_view(["GET", "POST"])
def application_list(request: Request) -> Response:
    """The applications you may see; POST records an external candidate's application."""
    if request.method == "POST":
        values = validated(ApplicationRecordInput, request.data)
        # The campaign is a field of the body: one not found is bad input naming it (400).
        campaign = visible_campaigns(request.user).filter(pk=values.pop("campaign")).first()
        if campaign is None:
            raise invalid("campaign", "No such campaign, or not one you can see.")
        application = services.record_application(
            actor=_actor(request), campaign=campaign, name=values["name"],
            email=values["email"], phone=values.get("phone", ""),
            reserve_consent=values["reserve_consent"],
            evidence=_evidence(values.get("evidence")))
        response = _detail(request, application.pk)
        response.status_code = status.HTTP_201_CREATED
        return response
    rows = sel.visible_applications(request.user)
    campaign = request.query_params.get("campaign")
    if campaign not in (None, ""):
        if not (campaign.isascii() and campaign.isdigit()) or not 1 <= int(campaign) <= MAX_ID:
            raise invalid("campaign", "Give a campaign's id (a whole number).")
        rows = rows.filter(campaign_id=int(campaign))
    state = request.query_params.get("state")
    if state not in (None, ""):
        if state not in ApplicationState.values:
            raise invalid("state", f"Choose one of: {', '.join(ApplicationState.values)}.")
        rows = rows.filter(state=state)
    return paginated_response(request, rows.order_by("pk"), ApplicationSerializer)


@extend_schema(responses={200: ApplicationDetailSerializer, 404: _NOT_FOUND})
@api_view(["GET"])
def application_detail(request: Request, pk: int) -> Response:
    """One application with the candidate's evidence against each criterion."""
    return _detail(request, _application(request, pk).pk)


@extend_schema(request=ApplicationTransitionInput,
               responses={200: ApplicationDetailSerializer, 400: ErrorSerializer,
                          403: _REFUSED, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["POST"])
def application_transition(request: Request, pk: int) -> Response:
    """Offer, appoint, record a declined offer (the campaign's recruiters) or withdraw (also
    the candidate). A stale ``version`` or a step no longer possible is 409."""
    application = _application(request, pk)
    values = validated(ApplicationTransitionInput, request.data)
    services.transition(actor=_actor(request), application_id=application.pk,
                        to=values["to"], version=values.get("version"),
                        reason=values.get("reason", ""))
    return _detail(request, application.pk)


@extend_schema(request=ApplicationApplyInput,
               responses={201: ApplicationDetailSerializer, 400: ErrorSerializer,
                          403: _REFUSED, 404: _NOT_FOUND})
@api_view(["POST"])
def campaign_apply(request: Request, pk: int) -> Response:
    """Apply to an open campaign as yourself (an account linked to a person record)."""
    campaign = get_visible_or_404(visible_campaigns(request.user), pk,
                                  message="No such campaign, or not one you can see.")
    values = validated(ApplicationApplyInput, request.data)
    application = services.apply(actor=_actor(request), campaign=campaign,
                                 reserve_consent=values["reserve_consent"],
                                 evidence=_evidence(values.get("evidence")))
    response = _detail(request, application.pk)
    response.status_code = status.HTTP_201_CREATED
    return response


@extend_schema(request={"multipart/form-data": ApplicationImportUpload},
               responses={200: ApplicationImportResultSerializer, 400: FileErrorSerializer,
                          403: _REFUSED, 404: _NOT_FOUND})
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser, JSONParser])
def application_import(request: Request, pk: int) -> Response:
    """Import a file of applications to the campaign: every row valid, or 400 listing every
    problem with nothing written. Importing the same file again changes nothing."""
    campaign = get_visible_or_404(visible_campaigns(request.user), pk,
                                  message="No such campaign, or not one you can see.")
    upload = validated(ApplicationImportUpload, request.data)["file"]
    limit = min(services.MAX_IMPORT_BYTES, settings.CADRE_MAX_UPLOAD_BYTES)
    if upload.size > limit:
        raise invalid("file", f"The file is larger than {limit // (1024 * 1024)} MB.")
    try:
        result = services.import_applications(actor=_actor(request), campaign=campaign,
                                               data=upload.read(), filename=upload.name)
    except TableError as exc:
        return Response({
            "detail": f"{len(exc.errors)} problem(s) in {upload.name}; nothing was imported.",
            "errors": [{"field": e.column or "file", "row": e.row, "column": e.column,
                        "message": e.message} for e in exc.errors],
        }, status=status.HTTP_400_BAD_REQUEST)
    return Response(ApplicationImportResultSerializer({"created": result.created,
                                            "existing": result.existing}).data)
