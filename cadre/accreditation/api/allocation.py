"""API for the assessor pool and round allocation: the same selectors and services as the
pages (``selectors.allocation``, ``services.assessors``, ``services.allocation``).

A round's allocation answers the same object as ``cadre accreditation allocate``:
``assignments`` and ``exclusions`` (leaving out, for a runner who is also an assessor, the
applications they are excluded from, counted in ``hidden``).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.accreditation.models import MAX_ASSESSOR_CAPACITY, Assessor, ExclusionReason
from cadre.accreditation.selectors import allocation as sel
from cadre.accreditation.selectors.common import runs_scheme
from cadre.accreditation.services import allocation as services
from cadre.accreditation.services import assessors as pool_services
from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer
from cadre.core.api_fields import IdField, id_list
from cadre.core.api_kit import validated
from cadre.core.inputs import REASON_TEXT
from cadre.core.objects import get_visible_or_404
from cadre.framework.models import RoleFamily
from cadre.people.models import Person


class AccreditationAssessorSerializer(serializers.ModelSerializer):
    staff_number = serializers.CharField(source="person.staff_number", read_only=True)
    name = serializers.CharField(source="person.full_name", read_only=True)
    email = serializers.CharField(source="person.email", read_only=True)
    organisation = serializers.CharField(source="person.organisation.abbreviation", read_only=True)
    families = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Assessor
        fields = [
            "id",
            "person",
            "staff_number",
            "name",
            "email",
            "organisation",
            "families",
            "trained_on",
            "default_capacity",
            "active",
        ]


class AccreditationAssessorInput(serializers.Serializer):
    person = IdField()
    families = id_list(required=False, default=list)
    trained_on = serializers.DateField(required=False, allow_null=True, default=None)
    default_capacity = serializers.IntegerField(
        min_value=0, max_value=MAX_ASSESSOR_CAPACITY, required=False, default=5
    )


class AccreditationAssessorChange(serializers.Serializer):
    families = id_list(required=False)
    trained_on = serializers.DateField(required=False, allow_null=True)
    default_capacity = serializers.IntegerField(
        min_value=0, max_value=MAX_ASSESSOR_CAPACITY, required=False
    )
    active = serializers.BooleanField(required=False)


class AccreditationConflictSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.IntegerField(source="person_id")
    staff_number = serializers.CharField(source="person.staff_number")
    reason = serializers.CharField()
    declared_on = serializers.DateField()


class AccreditationConflictInput(serializers.Serializer):
    person = IdField()
    reason = serializers.CharField(max_length=REASON_TEXT)


class AccreditationPlanAssessorSerializer(serializers.Serializer):
    email = serializers.CharField()
    organisation = serializers.CharField()


class AccreditationPlanAssignmentSerializer(serializers.Serializer):
    application = serializers.IntegerField()
    applicant_staff_number = serializers.CharField()
    applicant_organisation = serializers.CharField()
    assessors = AccreditationPlanAssessorSerializer(many=True)
    cost = serializers.FloatField()


class AccreditationPlanExclusionSerializer(serializers.Serializer):
    application = serializers.IntegerField()
    assessor = serializers.CharField(help_text="The assessor's email.")
    reason = serializers.ChoiceField(choices=ExclusionReason.choices)


class AccreditationPlanSerializer(serializers.Serializer):
    assignments = AccreditationPlanAssignmentSerializer(many=True)
    exclusions = AccreditationPlanExclusionSerializer(many=True)
    hidden = serializers.IntegerField(
        help_text="Applications left out because you have a conflict of interest."
    )


def _families(ids: list[int]) -> list[RoleFamily]:
    found = list(RoleFamily.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ApiValidationError({"families": ["No such role family."]})
    return found


def _runner(request: Request) -> None:
    if not runs_scheme(request.user):
        raise ApiPermissionDenied("Only the central profession team can do this.")


@extend_schema(
    request=AccreditationAssessorInput,
    responses={
        200: AccreditationAssessorSerializer(many=True),
        201: AccreditationAssessorSerializer,
    },
)
@api_view(["GET", "POST"])
def assessor_list(request: Request) -> Response:
    """The assessor pool (scheme runners); POST adds a person to it."""
    _runner(request)
    if request.method == "GET":
        return Response(
            AccreditationAssessorSerializer(
                sel.assessor_pool(request.user).order_by("pk"), many=True
            ).data
        )
    d = validated(AccreditationAssessorInput, request.data)
    person = Person.objects.filter(pk=d["person"]).first()
    if person is None:
        raise ApiValidationError({"person": ["No such person."]})
    assessor = pool_services.add_assessor(
        actor=Actor.for_user(request.user),
        person=person,
        families=_families(d["families"]),
        trained_on=d["trained_on"],
        default_capacity=d["default_capacity"],
    )
    return Response(AccreditationAssessorSerializer(assessor).data, status=status.HTTP_201_CREATED)


@extend_schema(request=AccreditationAssessorChange, responses=AccreditationAssessorSerializer)
@api_view(["GET", "PATCH"])
def assessor_detail(request: Request, assessor_id: int) -> Response:
    """One assessor (the runners, or the assessor themselves); runners PATCH it."""
    record = get_visible_or_404(sel.visible_assessors(request.user), assessor_id)
    if request.method == "PATCH":
        _runner(request)
        d = validated(AccreditationAssessorChange, request.data, partial=True)
        changes = {k: d[k] for k in ("default_capacity", "active") if k in d}
        if "trained_on" in d:
            changes["trained_on"] = d["trained_on"]
        record = pool_services.update_assessor(
            actor=Actor.for_user(request.user),
            assessor=record,
            families=_families(d["families"]) if "families" in d else None,
            **changes,
        )
    return Response(AccreditationAssessorSerializer(record).data)


@extend_schema(
    request=AccreditationConflictInput,
    responses={
        200: AccreditationConflictSerializer(many=True),
        201: AccreditationConflictSerializer,
    },
)
@api_view(["GET", "POST"])
def assessor_conflicts(request: Request, assessor_id: int) -> Response:
    """An assessor's declared conflicts of interest; POST declares one."""
    record = get_visible_or_404(sel.visible_assessors(request.user), assessor_id)
    if request.method == "GET":
        return Response(AccreditationConflictSerializer(sel.conflicts_of(record), many=True).data)
    d = validated(AccreditationConflictInput, request.data)
    person = Person.objects.filter(pk=d["person"]).first()
    if person is None:
        raise ApiValidationError({"person": ["No such person."]})
    conflict = pool_services.declare_conflict(
        actor=Actor.for_user(request.user), assessor=record, person=person, reason=d["reason"]
    )
    return Response(AccreditationConflictSerializer(conflict).data, status=status.HTTP_201_CREATED)


@extend_schema(
    request=None,
    responses={
        200: AccreditationPlanSerializer,
        409: OpenApiResponse(ConflictSerializer, description="Already allocated"),
    },
)
@api_view(["GET", "POST"])
def round_allocation(request: Request, round_id: int) -> Response:
    """GET: a dry run of the round's allocation. POST: allocate it (the round moves to
    "assessors allocated"; a second allocation is a 409)."""
    round_ = get_visible_or_404(sel.allocation_rounds(request.user), round_id)
    actor = Actor.for_user(request.user)
    if request.method == "POST":
        plan = services.allocate_round(actor=actor, round_id=round_.pk)
    else:
        plan = services.dry_run(actor=actor, round_id=round_.pk)
    shown = sel.visible_plan(request.user, plan)
    return Response({**shown.as_record(), "hidden": shown.hidden})
