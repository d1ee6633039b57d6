"""API for capability: the same selectors, so the same people, as the pages."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.assessments import selectors
from cadre.assessments.models import AssessmentRound, RoundItem
from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer
from cadre.core.api_fields import IdField, id_list
from cadre.core.inputs import LONG_TEXT
from cadre.core.objects import get_visible_or_404
from cadre.framework.models import SkillLevel


def _gaps(report) -> dict:  # noqa: ANN001
    a = report.analysis
    return {
        "role_level_id": report.role_level.pk, "role_level": report.role_level.name,
        "required_skills": a.required_count, "met": a.met_count,
        "share_met": round(a.share_met, 4), "readiness": round(a.readiness, 4),
        "total_gap": a.total_gap,
        "skills": [{"skill": r.skill, "required": report.level_name(r.required),
                    "held": report.level_name(r.held), "gap": r.gap} for r in a.rows],
    }


class GapRowSerializer(serializers.Serializer):
    skill = serializers.CharField()
    required = serializers.CharField()
    held = serializers.CharField()
    gap = serializers.IntegerField()


class GapReportSerializer(serializers.Serializer):
    role_level_id = serializers.IntegerField()
    role_level = serializers.CharField()
    required_skills = serializers.IntegerField()
    met = serializers.IntegerField()
    share_met = serializers.FloatField()
    readiness = serializers.FloatField()
    total_gap = serializers.IntegerField()
    skills = GapRowSerializer(many=True)


class LevelHeldSerializer(serializers.Serializer):
    skill = serializers.CharField()
    level = serializers.CharField()
    source = serializers.CharField()
    assessed_on = serializers.DateField()


class CapabilitySerializer(serializers.Serializer):
    """What ``_capability_data`` returns."""

    person_id = serializers.IntegerField()
    current_role_level = serializers.CharField(allow_null=True)
    targets = serializers.ListField(child=serializers.CharField())
    levels = LevelHeldSerializer(many=True)
    gaps = GapReportSerializer(many=True)


class ObjectiveResult(serializers.Serializer):
    id = serializers.IntegerField()
    skill = serializers.CharField()
    target_level = serializers.CharField()
    target_date = serializers.DateField()


@extend_schema(responses=CapabilitySerializer)
@api_view(["GET"])
def person_capability(request: Request, person_id: int) -> Response:
    """A person's profile, the levels that count and their gaps (in scope only)."""
    person = selectors.capability_person(user=request.user, person_id=person_id)
    if person is None:
        raise Http404
    return Response(_capability_data(person))


def _capability_data(person) -> dict:  # noqa: ANN001
    profile = selectors.profile_of(person)
    levels = ([profile.current_role_level] if profile and profile.current_role_level else []
              ) + (list(profile.targets.all()) if profile else [])
    return {
        "person_id": person.pk,
        "current_role_level": profile.current_role_level.name
        if profile and profile.current_role_level else None,
        "targets": [t.name for t in profile.targets.all()] if profile else [],
        "levels": [{"skill": h.skill, "level": h.level, "source": h.source,
                    "assessed_on": h.assessed_on} for h in
                   selectors.levels_that_count(person).values()],
        "gaps": [_gaps(selectors.gap_report(person, level)) for level in levels],
    }


class RoundSerializer(serializers.ModelSerializer):
    role_level = serializers.CharField(source="role_level.name")

    class Meta:
        model = AssessmentRound
        fields = ["id", "person", "role_level", "state", "manager", "started_at",
                  "submitted_at", "completed_at"]


class LevelOptionSerializer(serializers.Serializer):
    """One step of the round's skill level scale: send its ``id`` as an item's ``level``."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    ordinal = serializers.IntegerField()


class RoundItemSerializer(serializers.ModelSerializer):
    """One skill of a round: send its ``id`` back in ``items[].id``."""

    skill = serializers.CharField(source="skill.name")
    required_level = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    self_level = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    manager_level = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = RoundItem
        fields = ["id", "skill", "skill_id", "required_level", "self_level", "answered",
                  "evidence", "manager_level", "manager_comment"]


class RoundDetailSerializer(RoundSerializer):
    """A round with its items and the level scale, enough to fill it in through the API."""

    items = RoundItemSerializer(many=True, read_only=True)
    levels = serializers.SerializerMethodField()

    class Meta(RoundSerializer.Meta):
        fields = [*RoundSerializer.Meta.fields, "items", "levels"]

    @extend_schema_field(LevelOptionSerializer(many=True))
    def get_levels(self, round_: AssessmentRound) -> list[dict]:
        return [{"id": lv.pk, "name": lv.name, "ordinal": lv.ordinal} for lv in
                SkillLevel.objects.filter(framework_id=round_.role_level.framework_id)
                .order_by("ordinal")]


class RoundViewSet(viewsets.ReadOnlyModelViewSet):
    """Assessment rounds of the people whose capability the caller may see; one round
    (``GET .../{id}/``) lists its items and the level scale."""

    serializer_class = RoundSerializer
    filterset_fields = ["state", "person"]

    def get_serializer_class(self):  # noqa: ANN201
        return RoundDetailSerializer if self.action == "retrieve" else RoundSerializer

    def get_queryset(self):  # noqa: ANN201
        return AssessmentRound.objects.filter(
            person__in=selectors.capability_people(self.request.user)
        ).select_related("role_level").prefetch_related(
            Prefetch("items", RoundItem.objects.select_related("skill"))
        ).order_by("-started_at")

    def get_object(self):  # noqa: ANN201
        return get_visible_or_404(self.get_queryset(), self.kwargs["pk"])


class ProfileInput(serializers.Serializer):
    current_role_level = IdField(allow_null=True)
    targets = id_list(max_length=3,
                      required=False)


class RoundStartInput(serializers.Serializer):
    role_level = IdField()


class ItemInput(serializers.Serializer):
    id = IdField(required=False, help_text="The round item's id (from GET the round)")
    item = IdField(required=False, help_text="Older name for ``id``")
    level = IdField(allow_null=True, help_text="Skill level id (from the round's ``levels``); "
                    "null = not held")
    text = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True,
                                 default="", help_text="Evidence (self) or comment (manager); "
                                 "the manager must say why when changing a level")

    def validate(self, attrs: dict) -> dict:
        item_id = attrs.pop("id", None) or attrs.pop("item", None)
        attrs.pop("item", None)
        if item_id is None:
            raise serializers.ValidationError({"id": "Give the round item's id."})
        attrs["id"] = item_id
        return attrs


class RoundItemsInput(serializers.Serializer):
    items = ItemInput(many=True)
    submit = serializers.BooleanField(required=False, default=False)


class SendBackInput(serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="Why the round goes back")


class AgreePlanInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class PlanAgreementSerializer(serializers.Serializer):
    agreed_at = serializers.DateTimeField(allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    state = serializers.CharField()


class ObjectiveInput(serializers.Serializer):
    skill = IdField()
    target_level = IdField()
    target_date = serializers.DateField()
    description = serializers.CharField(max_length=LONG_TEXT,
                                        required=False, allow_blank=True, default="")


def _scoped_person(request: Request, person_id: int):  # noqa: ANN202
    person = selectors.capability_person(user=request.user, person_id=person_id)
    if person is None:
        raise Http404
    return person


def _is_self(request: Request, person) -> bool:  # noqa: ANN001
    return person.account_id is not None and person.account_id == request.user.pk


@extend_schema(request=ProfileInput, responses=CapabilitySerializer)
@api_view(["PUT"])
def set_profile(request: Request, person_id: int) -> Response:
    """Set the current and target role levels (the person, or their people managers)."""
    from cadre.assessments import services
    from cadre.framework.models import RoleLevel

    person = _scoped_person(request, person_id)
    if not (_is_self(request, person) or selectors.may_manage_capability(request.user, person)):
        raise PermissionDenied("You cannot change this profile.")
    data = ProfileInput(data=request.data)
    data.is_valid(raise_exception=True)
    ids = [data.validated_data["current_role_level"], *data.validated_data.get("targets", [])]
    found = RoleLevel.objects.in_bulk([i for i in ids if i is not None])
    if ids[0] is not None and ids[0] not in found:
        raise serializers.ValidationError({"current_role_level": "Unknown role level."})
    if any(i not in found for i in ids[1:]):
        raise serializers.ValidationError({"targets": "Unknown role level."})
    current = found.get(ids[0]) if ids[0] is not None else None
    services.set_profile(actor=request.user, person=person, current_role_level=current,
                         targets=[found[i] for i in ids[1:]])
    return Response(_capability_data(person))


@extend_schema(request=RoundStartInput, responses={201: RoundDetailSerializer})
@api_view(["POST"])
def start_round(request: Request, person_id: int) -> Response:
    """Start a self-assessment (the person themselves)."""
    from cadre.assessments import services
    from cadre.framework.models import RoleLevel

    person = _scoped_person(request, person_id)
    data = RoundStartInput(data=request.data)
    data.is_valid(raise_exception=True)
    level = RoleLevel.objects.filter(pk=data.validated_data["role_level"]).first()
    if level is None:
        raise serializers.ValidationError({"role_level": "Unknown role level."})
    round_ = services.start_round(actor=Actor.for_user(request.user), person=person,
                                  role_level=level)
    return Response(RoundDetailSerializer(round_).data, status=201)


@extend_schema(request=RoundItemsInput,
               responses={200: RoundDetailSerializer, 409: ConflictSerializer})
@api_view(["POST"])
def round_items(request: Request, round_id: int) -> Response:
    """The person saves (and optionally submits) their levels; or the manager agrees them."""
    from cadre.assessments import services
    from cadre.people.selectors import own_person

    round_ = selectors.visible_round(user=request.user, round_id=round_id)
    if round_ is None:
        raise Http404
    data = RoundItemsInput(data=request.data)
    data.is_valid(raise_exception=True)
    items = data.validated_data["items"]
    labels: dict[int, str] = {}
    for index, item in enumerate(items):
        if item["id"] in labels:
            raise serializers.ValidationError(
                {f"items[{index}].id": f"Item {item['id']} is given twice."})
        labels[item["id"]] = f"items[{index}]"
    levels = {i["id"]: i["level"] for i in items}
    texts = {i["id"]: i["text"] for i in items}
    # The person's call saves (and submits) their levels; anyone else's call is the line
    # manager agreeing them. The services decide whether the caller may.
    actor = Actor.for_user(request.user)
    me = own_person(request.user)
    if me is not None and me.pk == round_.person_id:
        services.save_self_assessment(actor=actor, round_=round_, levels=levels,
                                      evidence=texts, labels=labels)
        if data.validated_data["submit"]:
            services.transition_round(actor=actor, round_id=round_.pk, action="submit")
    else:
        services.transition_round(actor=actor, round_id=round_.pk, action="agree",
                                  levels=levels, comments=texts, labels=labels)
    round_.refresh_from_db()
    return Response(RoundDetailSerializer(round_).data)


@extend_schema(request=SendBackInput,
               responses={200: RoundSerializer, 409: ConflictSerializer})
@api_view(["POST"])
def send_back_round(request: Request, round_id: int) -> Response:
    """The line manager sends a submitted round back to the person, saying why."""
    from cadre.assessments import services

    round_ = selectors.visible_round(user=request.user, round_id=round_id)
    if round_ is None:
        raise Http404
    data = SendBackInput(data=request.data)
    data.is_valid(raise_exception=True)
    round_ = services.transition_round(actor=Actor.for_user(request.user), round_id=round_.pk,
                                       action="send_back",
                                       reason=data.validated_data["reason"])
    return Response(RoundSerializer(round_).data)


@extend_schema(request=ObjectiveInput, responses={201: ObjectiveResult})
@api_view(["POST"])
def add_objective(request: Request, person_id: int) -> Response:
    """Add an objective to the person's development plan (the person themselves)."""
    from cadre.assessments import services
    from cadre.framework.models import Skill, SkillLevel

    person = _scoped_person(request, person_id)
    if not _is_self(request, person):
        raise PermissionDenied("People add objectives to their own plan.")
    data = ObjectiveInput(data=request.data)
    data.is_valid(raise_exception=True)
    skill = Skill.objects.filter(pk=data.validated_data["skill"]).first()
    level = SkillLevel.objects.filter(pk=data.validated_data["target_level"]).first()
    if skill is None or level is None:
        raise serializers.ValidationError({"skill": "Unknown skill or level."})
    objective = services.add_objective(
        actor=request.user, person=person, skill=skill, target_level=level,
        target_date=data.validated_data["target_date"],
        description=data.validated_data["description"])
    return Response({"id": objective.pk, "skill": skill.name, "target_level": level.name,
                     "target_date": objective.target_date}, status=201)


@extend_schema(request=AgreePlanInput,
               responses={200: PlanAgreementSerializer, 409: ConflictSerializer})
@api_view(["POST"])
def agree_plan(request: Request, person_id: int) -> Response:
    """The line manager agrees the plan (or records a review)."""
    from cadre.assessments import services

    person = _scoped_person(request, person_id)
    plan = selectors.plan_of(person)
    if plan is None:
        raise Http404
    data = AgreePlanInput(data=request.data)
    data.is_valid(raise_exception=True)
    plan = services.agree_plan(actor=Actor.for_user(request.user), plan=plan,
                               note=data.validated_data["note"])
    return Response({"agreed_at": plan.agreed_at, "reviewed_at": plan.reviewed_at,
                     "state": plan.state})
