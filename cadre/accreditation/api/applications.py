"""API for accreditation rounds and applications: the same selectors and services as the
pages (``selectors.applications``, ``services.applications``)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.accreditation.models import (
    MAX_STATEMENT,
    AccreditationRound,
    Application,
    Scheme,
    SchemeLevel,
)
from cadre.accreditation.selectors import applications as sel
from cadre.accreditation.selectors.common import runs_scheme
from cadre.accreditation.services import applications as services
from cadre.assessments.models import EvidenceFile, SkillAssessment
from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer
from cadre.core.api_kit import validated
from cadre.core.inputs import MAX_ID, REASON_TEXT, STAFF_NUMBER_LENGTH
from cadre.core.objects import get_visible_or_404
from cadre.people.models import Person


class AccreditationStatementSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion_id")
    position = serializers.IntegerField(source="criterion.position")
    text = serializers.CharField()


class AccreditationEvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    criterion = serializers.IntegerField(source="criterion_id", allow_null=True)
    evidence_file = serializers.IntegerField(source="evidence_file_id", allow_null=True)
    skill_assessment = serializers.IntegerField(source="skill_assessment_id", allow_null=True)
    evidence_type = serializers.CharField()
    note = serializers.CharField()


class AccreditationApplicationSerializer(serializers.ModelSerializer):
    staff_number = serializers.CharField(source="person.staff_number", read_only=True)
    scheme = serializers.CharField(source="level.scheme.name", read_only=True)
    level_name = serializers.CharField(source="level.name", read_only=True)
    criteria_version = serializers.IntegerField(source="criteria.number", read_only=True)
    round_name = serializers.CharField(source="round.name", default=None, read_only=True,
                                       allow_null=True)
    supporter_staff_number = serializers.CharField(source="supporter.staff_number",
                                                   default=None, read_only=True, allow_null=True)
    supporter_confirmed = serializers.SerializerMethodField()
    statements = AccreditationStatementSerializer(many=True, read_only=True)
    evidence = AccreditationEvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = ["id", "staff_number", "scheme", "level", "level_name", "criteria_version",
                  "round", "round_name", "state", "supporter_staff_number",
                  "supporter_confirmed", "supporter_comment", "statements", "evidence",
                  "submitted_at", "decided_at", "created_at"]

    def get_supporter_confirmed(self, obj: Application) -> bool:
        return obj.supporter_confirmed()


class AccreditationRoundSerializer(serializers.ModelSerializer):
    scheme_name = serializers.CharField(source="scheme.name", read_only=True)
    applications = serializers.SerializerMethodField()

    class Meta:
        model = AccreditationRound
        fields = ["id", "scheme", "scheme_name", "name", "opens_on", "closes_on", "state",
                  "applications"]

    def get_applications(self, obj: AccreditationRound) -> int | None:
        """Applications in the round (scheme runners only; others see null)."""
        user = self.context["request"].user
        return obj.applications.count() if runs_scheme(user) else None


class AccreditationApplicationStartInput(serializers.Serializer):
    level = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class AccreditationStatementInput(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    text = serializers.CharField(allow_blank=True, max_length=MAX_STATEMENT)


class AccreditationStatementsInput(serializers.Serializer):
    statements = AccreditationStatementInput(many=True)


class AccreditationEvidenceInput(serializers.Serializer):
    criterion = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                         max_value=MAX_ID, default=None)
    evidence_file = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                             max_value=MAX_ID, default=None)
    skill_assessment = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                                max_value=MAX_ID, default=None)
    evidence_type = serializers.CharField(required=False, allow_blank=True, default="",
                                          max_length=services.MAX_EVIDENCE_TYPE)
    note = serializers.CharField(required=False, allow_blank=True, default="",
                                 max_length=REASON_TEXT)


class AccreditationSupporterInput(serializers.Serializer):
    staff_number = serializers.CharField(max_length=STAFF_NUMBER_LENGTH)


class AccreditationSupportInput(serializers.Serializer):
    confirm = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, default="",
                                    max_length=services.MAX_SUPPORTER_COMMENT)


class AccreditationApplicationTransitionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=services.APPLICANT_STEPS)
    reason = serializers.CharField(required=False, allow_blank=True, default="",
                                   max_length=REASON_TEXT)


class AccreditationRoundInput(serializers.Serializer):
    scheme = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    name = serializers.CharField(max_length=services.MAX_ROUND_NAME)
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()


class AccreditationRoundTransitionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=["reopen", "close"])
    reason = serializers.CharField(required=False, allow_blank=True, default="",
                                   max_length=REASON_TEXT)


def _application(request: Request, application_id: int) -> Application:
    return get_visible_or_404(sel.visible_applications(request.user), application_id)


def _detail(application_id: int) -> Response:
    return Response(AccreditationApplicationSerializer(
        sel._applications().prefetch_related("statements__criterion", "evidence")
        .get(pk=application_id)).data)


def _field_error(field: str, message: str) -> serializers.ValidationError:
    return serializers.ValidationError({field: [message]})


@extend_schema(methods=["GET"], responses=AccreditationApplicationSerializer(many=True))
@extend_schema(methods=["POST"], request=AccreditationApplicationStartInput,
               responses={201: AccreditationApplicationSerializer})
@api_view(["GET", "POST"])
def application_list(request: Request) -> Response:
    """GET: the applications the caller may see (their own, those they support; every one
    for the scheme runners). POST: start a draft application for a level."""
    if request.method == "GET":
        rows = sel.visible_applications(request.user).prefetch_related(
            "statements__criterion", "evidence")
        return Response(AccreditationApplicationSerializer(rows, many=True).data)
    d = validated(AccreditationApplicationStartInput, request.data)
    level = SchemeLevel.objects.filter(pk=d["level"]).first()
    if level is None:
        raise _field_error("level", "No such level.")
    application = services.start_application(actor=Actor.for_user(request.user), level=level)
    response = _detail(application.pk)
    response.status_code = status.HTTP_201_CREATED
    return response


@extend_schema(responses=AccreditationApplicationSerializer)
@api_view(["GET"])
def application_detail(request: Request, application_id: int) -> Response:
    return _detail(_application(request, application_id).pk)


@extend_schema(request=AccreditationStatementsInput,
               responses=AccreditationApplicationSerializer)
@api_view(["POST"])
def application_statements(request: Request, application_id: int) -> Response:
    """Write statements (a blank text removes one); the applicant, while a draft."""
    application = _application(request, application_id)
    d = validated(AccreditationStatementsInput, request.data)
    services.save_statements(actor=Actor.for_user(request.user), application=application,
                             texts={s["criterion"]: s["text"] for s in d["statements"]})
    return _detail(application.pk)


@extend_schema(request=AccreditationEvidenceInput,
               responses={201: AccreditationApplicationSerializer})
@api_view(["POST"])
def application_evidence(request: Request, application_id: int) -> Response:
    """Link one of the applicant's own evidence files or skill assessments."""
    application = _application(request, application_id)
    d = validated(AccreditationEvidenceInput, request.data)
    evidence_file = skill_assessment = None
    if d["evidence_file"] is not None:
        evidence_file = sel.linkable_evidence_files(application).filter(
            pk=d["evidence_file"]).first() or EvidenceFile(pk=d["evidence_file"])
    if d["skill_assessment"] is not None:
        skill_assessment = sel.linkable_assessments(application).filter(
            pk=d["skill_assessment"]).first() or SkillAssessment(pk=d["skill_assessment"])
    services.add_evidence(actor=Actor.for_user(request.user), application=application,
                          criterion=d["criterion"], evidence_file=evidence_file,
                          skill_assessment=skill_assessment,
                          evidence_type=d["evidence_type"], note=d["note"])
    response = _detail(application.pk)
    response.status_code = status.HTTP_201_CREATED
    return response


@extend_schema(request=AccreditationSupporterInput,
               responses=AccreditationApplicationSerializer)
@api_view(["POST"])
def application_supporter(request: Request, application_id: int) -> Response:
    """Name the supporter by staff number (someone else, with an account)."""
    application = _application(request, application_id)
    d = validated(AccreditationSupporterInput, request.data)
    supporter = Person.objects.filter(staff_number=d["staff_number"].strip()).first()
    if supporter is None:
        raise _field_error("staff_number", "No one has that staff number.")
    services.name_supporter(actor=Actor.for_user(request.user), application=application,
                            supporter=supporter)
    return _detail(application.pk)


@extend_schema(request=AccreditationSupportInput,
               responses=AccreditationApplicationSerializer)
@api_view(["POST"])
def application_support(request: Request, application_id: int) -> Response:
    """The named supporter confirms, or declines with a reason."""
    application = _application(request, application_id)
    if not sel.is_supporter(request.user, application):
        raise ApiPermissionDenied("Only the named supporter can answer.")
    d = validated(AccreditationSupportInput, request.data)
    services.respond_as_supporter(actor=Actor.for_user(request.user),
                                  application_id=application.pk, confirm=d["confirm"],
                                  comment=d["comment"])
    return _detail(application.pk)


@extend_schema(request=AccreditationApplicationTransitionInput, responses={
    200: AccreditationApplicationSerializer,
    409: OpenApiResponse(ConflictSerializer, description="No longer possible")})
@api_view(["POST"])
def application_transition(request: Request, application_id: int) -> Response:
    """The applicant's step: submit (refused, naming what is missing, unless eligible and
    complete), withdraw or reopen."""
    application = _application(request, application_id)
    d = validated(AccreditationApplicationTransitionInput, request.data)
    services.transition(actor=Actor.for_user(request.user), application_id=application.pk,
                        action=d["action"], reason=d["reason"])
    return _detail(application.pk)


@extend_schema(methods=["GET"], responses=AccreditationRoundSerializer(many=True))
@extend_schema(methods=["POST"], request=AccreditationRoundInput,
               responses={201: AccreditationRoundSerializer})
@api_view(["GET", "POST"])
def round_list(request: Request) -> Response:
    """GET: rounds (every one for the scheme runners, open ones for others). POST: a new
    round (scheme runners)."""
    if request.method == "GET":
        return Response(AccreditationRoundSerializer(
            sel.visible_rounds(request.user), many=True, context={"request": request}).data)
    d = validated(AccreditationRoundInput, request.data)
    scheme = Scheme.objects.filter(pk=d["scheme"]).first()
    if scheme is None:
        raise _field_error("scheme", "No such scheme.")
    round_ = services.create_round(actor=Actor.for_user(request.user), scheme=scheme,
                                   name=d["name"], opens_on=d["opens_on"],
                                   closes_on=d["closes_on"])
    return Response(AccreditationRoundSerializer(round_, context={"request": request}).data,
                    status=status.HTTP_201_CREATED)


@extend_schema(responses=AccreditationRoundSerializer)
@api_view(["GET"])
def round_detail(request: Request, round_id: int) -> Response:
    round_ = get_visible_or_404(sel.visible_rounds(request.user), round_id)
    return Response(AccreditationRoundSerializer(round_, context={"request": request}).data)


@extend_schema(request=AccreditationRoundTransitionInput, responses={
    200: AccreditationRoundSerializer,
    409: OpenApiResponse(ConflictSerializer, description="No longer possible")})
@api_view(["POST"])
def round_transition(request: Request, round_id: int) -> Response:
    """Close a round, or reopen an allocated one (allocation itself is its own endpoint)."""
    round_ = get_visible_or_404(sel.visible_rounds(request.user), round_id)
    d = validated(AccreditationRoundTransitionInput, request.data)
    round_ = services.transition_round(actor=Actor.for_user(request.user), round_id=round_.pk,
                                       action=d["action"], reason=d["reason"])
    return Response(AccreditationRoundSerializer(round_, context={"request": request}).data)
