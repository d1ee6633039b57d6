"""API for mobility: vacancies, matches, preferences, the policy and managed moves.

The same selectors and services as the pages, so the same records and the same refusals:
each view only translates the request. Lists are paginated (``count``, ``next``,
``previous``, ``results``); a vacancy's ``ETag`` guards its PATCH (``If-Match``, 412 when
stale); a workflow step another request made impossible answers 409 with the current
state.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.access.scope import scope_for
from cadre.core.api_concurrency import if_match, with_etag
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer
from cadre.core.api_fields import IdField, id_list
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import (
    LONG_TEXT,
    REASON_TEXT,
    STAFF_NUMBER_LENGTH,
    collect,
    parse_choice,
    parse_id,
)
from cadre.core.objects import get_visible_or_404
from cadre.framework.models import RoleFamily, RoleLevel, Skill, SkillLevel
from cadre.mobility import selectors, services
from cadre.mobility.models import (
    LOGISTICS_FIELDS,
    MobilityPolicy,
    MoveRequest,
    SecurityClearance,
    Vacancy,
)
from cadre.organisations.models import Grade, Location, Organisation
from cadre.people.models import Person
from cadre.people.selectors import own_person, visible_people


def vacancy_data(v: Vacancy, *, skills: bool = True,
                 policy: MobilityPolicy | None = None) -> dict:
    out = {
        "id": v.pk, "title": v.title, "description": v.description,
        "organisation": {"id": v.organisation_id, "name": v.organisation.name,
                         "abbreviation": v.organisation.abbreviation},
        "role_level": {"id": v.role_level_id, "name": v.role_level.name},
        "grade": {"id": v.grade_id, "code": v.grade.code, "name": v.grade.name},
        "locations": [{"id": loc.pk, "name": loc.name} for loc in v.locations.all()],
        "hybrid": v.hybrid, "security_clearance": v.security_clearance,
        "closing_date": v.closing_date, "state": v.state, "opened_on": v.opened_on,
        "external_allowed_on": services.external_allowed_on(v, policy),
        "external_decided_at": v.external_decided_at, "external_reason": v.external_reason,
        "filled_by": v.filled_by_id,
    }
    if skills:
        out["skills"] = [{"skill_id": s.skill_id, "skill": s.skill.name, "level_id": s.level_id,
                          "level": s.level.name, "ordinal": s.level.ordinal,
                          "essential": s.essential} for s in selectors.vacancy_skills(v)]
    return out


def move_data(m: MoveRequest) -> dict:
    return {
        "id": m.pk, "person": {"id": m.person_id, "name": m.person.full_name},
        "releasing": {"id": m.releasing_id, "abbreviation": m.releasing.abbreviation},
        "receiving": {"id": m.receiving_id, "abbreviation": m.receiving.abbreviation},
        "vacancy": m.vacancy_id, "state": m.state, "proposed_at": m.proposed_at,
        "receiving_agreed_at": m.receiving_agreed_at,
        "releasing_agreed_at": m.releasing_agreed_at, "start_date": m.start_date,
        "clearance_transferred": m.clearance_transferred,
        "pay_and_pension_agreed": m.pay_and_pension_agreed,
        "equipment_ready": m.equipment_ready, "access_ready": m.access_ready,
        "logistics_missing": m.logistics_missing(),
        "completed_at": m.completed_at, "cancelled_at": m.cancelled_at,
        "cancel_reason": m.cancel_reason,
    }


# The output serializers below declare the fields of ``vacancy_data`` and ``move_data``
# for the schema; their ``to_representation`` is those functions, so the two cannot drift
# apart without tests/test_api_schema_conformance.py noticing.
class _IdName(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class _OrganisationRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    abbreviation = serializers.CharField()


class _OrganisationAbbreviation(serializers.Serializer):
    id = serializers.IntegerField()
    abbreviation = serializers.CharField()


class _GradeRef(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class VacancySkillOut(serializers.Serializer):
    skill_id = serializers.IntegerField()
    skill = serializers.CharField()
    level_id = serializers.IntegerField()
    level = serializers.CharField()
    ordinal = serializers.IntegerField()
    essential = serializers.BooleanField()


class VacancySummarySerializer(serializers.Serializer):
    """A vacancy in a list (without its skills)."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    organisation = _OrganisationRef()
    role_level = _IdName()
    grade = _GradeRef()
    locations = _IdName(many=True)
    hybrid = serializers.BooleanField()
    security_clearance = serializers.ChoiceField(choices=SecurityClearance.choices)
    closing_date = serializers.DateField()
    state = serializers.ChoiceField(choices=Vacancy.State.choices)
    opened_on = serializers.DateField(allow_null=True)
    external_allowed_on = serializers.DateField(
        allow_null=True, help_text="First day it may go external; null until opened")
    external_decided_at = serializers.DateTimeField(allow_null=True)
    external_reason = serializers.CharField(allow_blank=True)
    filled_by = serializers.IntegerField(allow_null=True, help_text="Person id")

    def to_representation(self, instance: Vacancy) -> dict:
        return vacancy_data(instance, skills=False, policy=self.context.get("policy"))


class VacancySerializer(VacancySummarySerializer):
    """One vacancy with its skills."""

    skills = VacancySkillOut(many=True)

    def to_representation(self, instance: Vacancy) -> dict:
        return vacancy_data(instance, policy=self.context.get("policy"))


class MoveSerializer(serializers.Serializer):
    """One managed move and its state."""

    id = serializers.IntegerField()
    person = _IdName()
    releasing = _OrganisationAbbreviation()
    receiving = _OrganisationAbbreviation()
    vacancy = serializers.IntegerField(allow_null=True)
    state = serializers.ChoiceField(choices=MoveRequest.State.choices)
    proposed_at = serializers.DateTimeField()
    receiving_agreed_at = serializers.DateTimeField(allow_null=True)
    releasing_agreed_at = serializers.DateTimeField(allow_null=True)
    start_date = serializers.DateField(allow_null=True)
    clearance_transferred = serializers.BooleanField()
    pay_and_pension_agreed = serializers.BooleanField()
    equipment_ready = serializers.BooleanField()
    access_ready = serializers.BooleanField()
    logistics_missing = serializers.ListField(child=serializers.CharField())
    completed_at = serializers.DateTimeField(allow_null=True)
    cancelled_at = serializers.DateTimeField(allow_null=True)
    cancel_reason = serializers.CharField(allow_blank=True)

    def to_representation(self, instance: MoveRequest) -> dict:
        return move_data(instance)


_ETAG = OpenApiParameter(
    "ETag", str, OpenApiParameter.HEADER, response=[200, 412],
    description="The vacancy's version as stored, for If-Match.")


def _get(model, pk, field: str):  # noqa: ANN001, ANN202
    obj = model.objects.filter(pk=pk).first() if pk is not None else None
    if obj is None:
        raise serializers.ValidationError({field: f"Unknown {field.replace('_', ' ')}."})
    return obj


def _many(model, ids, field: str) -> list:  # noqa: ANN001
    found = model.objects.in_bulk(list(ids))
    missing = [i for i in ids if i not in found]
    if missing:
        raise serializers.ValidationError({field: f"Unknown id(s): {missing}."})
    return [found[i] for i in ids]


class SkillInput(serializers.Serializer):
    skill = IdField()
    level = IdField(help_text="Skill level id")
    essential = serializers.BooleanField(default=True)


class VacancyInput(serializers.Serializer):
    organisation = IdField()
    role_level = IdField()
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=LONG_TEXT,
                                        required=False, allow_blank=True, default="")
    grade = IdField()
    locations = id_list(required=False,
                        default=list)
    hybrid = serializers.BooleanField(default=True)
    security_clearance = serializers.ChoiceField(choices=SecurityClearance.choices,
                                                 default=SecurityClearance.BPSS)
    closing_date = serializers.DateField()
    skills = SkillInput(many=True, required=False,
                        help_text="Replaces the skills pre-filled from the role level")


class VacancyUpdate(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True)
    grade = IdField(required=False)
    locations = id_list(required=False)
    hybrid = serializers.BooleanField(required=False)
    security_clearance = serializers.ChoiceField(choices=SecurityClearance.choices,
                                                 required=False)
    closing_date = serializers.DateField(required=False)
    skills = SkillInput(many=True, required=False)


def _skills(items: list[dict]) -> list[tuple]:
    out = []
    for i, item in enumerate(items):
        skill = Skill.objects.filter(pk=item["skill"]).first()
        level = SkillLevel.objects.filter(pk=item["level"]).first()
        if skill is None or level is None:
            raise serializers.ValidationError({f"skills.{i}": "Unknown skill or level."})
        out.append((skill, level, item["essential"]))
    return out


@paginated_list
@extend_schema(
    methods=["GET"], operation_id="mobility_vacancies_list",
    parameters=[OpenApiParameter(n, int, required=False) for n in
                ("organisation", "role_family", "grade", "location")]
    + [OpenApiParameter("state", str, required=False, enum=Vacancy.State.values),
       OpenApiParameter("hybrid", bool, required=False)],
    responses=VacancySummarySerializer(many=True))
@extend_schema(methods=["POST"], operation_id="mobility_vacancies_create",
               request=VacancyInput, responses={201: VacancySerializer})
@api_view(["GET", "POST"])
def vacancy_list(request: Request) -> Response:
    """GET: vacancies the caller may see (open ones across government; drafts of their own
    organisations), one page at a time. POST: draft a vacancy (heads of profession of the
    organisation, central)."""
    if request.method == "POST":
        d = validated(VacancyInput, request.data)
        org = _get(Organisation, d["organisation"], "organisation")
        if not scope_for(request.user).manages(org):
            raise Http404
        vacancy = services.create_vacancy(
            actor=request.user, organisation=org, title=d["title"],
            role_level=_get(RoleLevel, d["role_level"], "role_level"),
            grade=_get(Grade, d["grade"], "grade"), closing_date=d["closing_date"],
            locations=_many(Location, d["locations"], "locations"), hybrid=d["hybrid"],
            security_clearance=d["security_clearance"], description=d["description"],
            skills=_skills(d["skills"]) if "skills" in d else None)
        return Response(vacancy_data(vacancy), status=201)
    qs = selectors.visible_vacancies(request.user).select_related(
        "organisation", "role_level", "grade").prefetch_related("locations")
    p = request.query_params
    filters = collect({
        param: (lambda param=param: parse_id(p.get(param), field=param, default=None))
        for param in ("organisation", "role_family", "grade", "location")})
    for param, lookup in (("organisation", "organisation_id"),
                          ("role_family", "role_level__role__family_id"),
                          ("grade", "grade_id"), ("location", "locations__id")):
        if filters[param] is not None:
            qs = qs.filter(**{lookup: filters[param]})
    if p.get("state"):
        qs = qs.filter(state=parse_choice(p["state"], field="state",
                                          choices=Vacancy.State.values))
    if p.get("hybrid") in ("true", "false"):
        qs = qs.filter(hybrid=p["hybrid"] == "true")
    return paginated_response(request, qs.distinct().order_by("-created_at", "-id"),
                              VacancySummarySerializer,
                              context={"policy": services.current_policy()})


def _vacancy(request: Request, vacancy_id: int) -> Vacancy:
    return get_visible_or_404(
        selectors.visible_vacancies(request.user).select_related(
            "organisation", "role_level__role__family", "grade", "filled_by",
            "external_decided_by").prefetch_related("locations"), vacancy_id)


def _managed_vacancy(request: Request, vacancy_id: int) -> Vacancy:
    vacancy = _vacancy(request, vacancy_id)
    if not scope_for(request.user).manages(vacancy.organisation_id):
        raise Http404
    return vacancy


_IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=False,
    description="The ETag from GET; a vacancy changed since then is refused with 412.")


@extend_schema(methods=["GET"], operation_id="mobility_vacancy_retrieve",
               parameters=[_ETAG], responses=VacancySerializer)
@extend_schema(methods=["PATCH"], operation_id="mobility_vacancy_update",
               request=VacancyUpdate, parameters=[_IF_MATCH, _ETAG],
               responses={200: VacancySerializer,
                          412: OpenApiResponse(ErrorSerializer, description="Stale If-Match")})
@api_view(["GET", "PATCH"])
def vacancy_detail(request: Request, vacancy_id: int) -> Response:
    """GET: one vacancy with its skills (and its ``ETag``). PATCH: change details and/or
    replace its skills; only the fields given change. Send ``If-Match`` to refuse the change
    (412) when the vacancy changed since you read it."""
    if request.method == "GET":
        vacancy = _vacancy(request, vacancy_id)
        return with_etag(Response(vacancy_data(vacancy)), vacancy)
    vacancy = _managed_vacancy(request, vacancy_id)
    d = dict(validated(VacancyUpdate, request.data))
    skills = _skills(d.pop("skills")) if "skills" in d else None
    locations = _many(Location, d.pop("locations"), "locations") if "locations" in d else None
    if "grade" in d:
        d["grade"] = _get(Grade, d["grade"], "grade")
    services.update_vacancy(actor=request.user, vacancy=vacancy, locations=locations,
                            skills=skills, if_match=if_match(request), **d)
    vacancy = _vacancy(request, vacancy_id)
    return with_etag(Response(vacancy_data(vacancy)), vacancy)


class TransitionInput(serializers.Serializer):
    person = IdField(required=False, help_text="For 'fill': who filled it")
    reason = serializers.CharField(max_length=REASON_TEXT,
                                   required=False, allow_blank=True, default="",
                                   help_text="For 'external': why recruit outside government")


@extend_schema(operation_id="mobility_vacancy_transition", request=TransitionInput,
               parameters=[OpenApiParameter("action", str, OpenApiParameter.PATH,
                                            enum=list(services.VACANCY_ACTIONS))],
               responses={200: VacancySerializer,
                          409: OpenApiResponse(ConflictSerializer,
                                               description="No longer possible")})
@api_view(["POST"])
def vacancy_transition(request: Request, vacancy_id: int, action: str) -> Response:
    """Open, close, withdraw or fill a vacancy, or record the decision to go external."""
    if action not in services.VACANCY_ACTIONS:
        raise Http404
    vacancy = _managed_vacancy(request, vacancy_id)
    d = validated(TransitionInput, request.data)
    person = None
    if action == "fill":
        if d.get("person") is None:
            raise serializers.ValidationError({"person": "Give the person who filled it."})
        person = _move_person(request, d["person"])
    services.transition_vacancy(actor=request.user, vacancy_id=vacancy.pk, action=action,
                                reason=d["reason"], person=person)
    return Response(vacancy_data(_vacancy(request, vacancy_id)))


class _SkillFit(serializers.Serializer):
    skill = serializers.CharField()
    required = serializers.IntegerField(help_text="Level ordinal")
    held = serializers.IntegerField(help_text="Level ordinal; 0 when not held")
    essential = serializers.BooleanField()


class _SkillShort(_SkillFit):
    short_by = serializers.IntegerField()


class MatchRowSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    person_id = serializers.IntegerField()
    name = serializers.CharField()
    organisation = serializers.CharField()
    grade = serializers.CharField(allow_null=True)
    score = serializers.FloatField()
    skill_fit = serializers.FloatField()
    grade_gap = serializers.IntegerField()
    location_fit = serializers.FloatField()
    met = _SkillFit(many=True)
    short = _SkillShort(many=True)
    missing = _SkillFit(many=True)


class MatchesSerializer(serializers.Serializer):
    vacancy = serializers.IntegerField()
    ranked = serializers.IntegerField(help_text="People ranked (before the limit)")
    results = MatchRowSerializer(many=True)


def match_data(result: selectors.MatchResult) -> dict:
    return {
        "vacancy": result.vacancy.pk, "ranked": result.ranked,
        "results": [{
            "position": r["position"], "person_id": r["person"].pk,
            "name": r["person"].full_name, "organisation": r["person"].organisation.abbreviation,
            "grade": r["person"].grade.code if r["person"].grade else None,
            "score": r["score"], "skill_fit": r["skill_fit"], "grade_gap": r["grade_gap"],
            "location_fit": r["location_fit"], "met": r["met"], "short": r["short"],
            "missing": r["missing"],
        } for r in result.rows],
    }


@extend_schema(parameters=[
    OpenApiParameter("limit", int, required=False,
                     description=f"{selectors.MATCH_LIMIT.minimum} to "
                                 f"{selectors.MATCH_LIMIT.maximum}; default "
                                 f"{selectors.MATCH_LIMIT.default}")],
    responses=MatchesSerializer)
@api_view(["GET"])
def vacancy_matches(request: Request, vacancy_id: int) -> HttpResponse:
    """Everyone open to opportunities, ranked for the vacancy, each with the reasons.

    Named people leave the service here, so each call is recorded as an export, as the
    page's download and the command line's output are."""
    vacancy = _managed_vacancy(request, vacancy_id)
    limit = selectors.MATCH_LIMIT.parse(request.query_params.get("limit"), field="limit")
    export = services.export_matches(actor=request.user, vacancy=vacancy, limit=limit,
                                     fmt="json", document=match_data)
    return HttpResponse(export.content, content_type=export.content_type)


class PreferenceInput(serializers.Serializer):
    open_to_opportunities = serializers.BooleanField()
    locations = id_list(default=list)
    grades = id_list(default=list)
    role_families = id_list(default=list)


class PreferenceSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    open_to_opportunities = serializers.BooleanField()
    locations = serializers.ListField(child=serializers.IntegerField())
    grades = serializers.ListField(child=serializers.IntegerField())
    role_families = serializers.ListField(child=serializers.IntegerField())


def preference_data(person: Person) -> dict:
    pref = selectors.preference_of(person)
    return {
        "person": person.pk,
        "open_to_opportunities": bool(pref and pref.open_to_opportunities),
        "locations": [x.pk for x in pref.locations.all()] if pref else [],
        "grades": [x.pk for x in pref.grades.all()] if pref else [],
        "role_families": [x.pk for x in pref.role_families.all()] if pref else [],
    }


@extend_schema(request=PreferenceInput, responses={
    200: PreferenceSerializer,
    404: OpenApiResponse(ErrorSerializer, description="The account has no person record")})
@api_view(["GET", "PUT"])
def preference(request: Request) -> Response:
    """The caller's own mobility preference (people with a person record)."""
    me = own_person(request.user)
    if me is None:
        raise Http404
    if request.method == "PUT":
        d = validated(PreferenceInput, request.data)
        services.set_preference(
            actor=request.user, person=me, open_to_opportunities=d["open_to_opportunities"],
            locations=_many(Location, d["locations"], "locations"),
            grades=_many(Grade, d["grades"], "grades"),
            role_families=_many(RoleFamily, d["role_families"], "role_families"))
    return Response(preference_data(me))


@paginated_list
@extend_schema(responses=VacancySummarySerializer(many=True))
@api_view(["GET"])
def vacancies_for_me(request: Request) -> Response:
    """Open vacancies that fit the caller's mobility preference, best fit first, as the
    page lists them (``selectors.fits_for``: the hiring head of profession's score; another
    role family only at a skill fit of half or more)."""
    me = own_person(request.user)
    return paginated_response(request, [f.vacancy for f in selectors.fits_for(me).fits]
                              if me else [],
                              VacancySummarySerializer,
                              context={"policy": services.current_policy()})


class PolicyInput(serializers.Serializer):
    internal_days = serializers.IntegerField(min_value=0, max_value=365)


class PolicySerializer(serializers.Serializer):
    internal_days = serializers.IntegerField()


@extend_schema(request=PolicyInput, responses=PolicySerializer)
@api_view(["GET", "PUT"])
def policy(request: Request) -> Response:
    """Days a vacancy must be open inside government before going external (PUT: central)."""
    if request.method == "PUT":
        services.set_policy(actor=request.user,
                            internal_days=validated(PolicyInput, request.data)["internal_days"])
    return Response({"internal_days": services.current_policy().internal_days})


class MoveInput(serializers.Serializer):
    person = IdField()
    receiving = IdField()
    vacancy = IdField(required=False, allow_null=True)


@paginated_list
@extend_schema(methods=["GET"], operation_id="mobility_moves_list",
               parameters=[OpenApiParameter("state", str, required=False,
                                            enum=MoveRequest.State.values)],
               responses=MoveSerializer(many=True))
@extend_schema(methods=["POST"], operation_id="mobility_moves_create", request=MoveInput,
               responses={201: MoveSerializer})
@api_view(["GET", "POST"])
def move_list(request: Request) -> Response:
    """GET: moves the caller may see, one page at a time. POST: propose a move (either
    organisation, central)."""
    if request.method == "POST":
        d = validated(MoveInput, request.data)
        person = _move_person(request, d["person"])
        receiving = _get(Organisation, d["receiving"], "receiving")
        vacancy = None
        if d.get("vacancy"):
            vacancy = selectors.vacancy_detail(user=request.user, vacancy_id=d["vacancy"])
            if vacancy is None:
                raise serializers.ValidationError({"vacancy": "Unknown vacancy."})
        move = services.propose_move(actor=request.user, person=person, receiving=receiving,
                                     vacancy=vacancy)
        return Response(move_data(move), status=201)
    qs = selectors.visible_moves(request.user)
    if request.query_params.get("state"):
        qs = qs.filter(state=parse_choice(request.query_params["state"], field="state",
                                          choices=MoveRequest.State.values))
    return paginated_response(request, qs, MoveSerializer)


def _move_person(request: Request, person_id: int) -> Person:
    """A person the caller may propose: visible to them, or opted in to opportunities."""
    person = (visible_people(request.user).filter(pk=person_id).first()
              or Person.objects.filter(pk=person_id,
                                       mobility__open_to_opportunities=True).first())
    if person is None:
        raise serializers.ValidationError({"person": "Unknown person."})
    return person


def _move(request: Request, move_id: int) -> MoveRequest:
    return get_visible_or_404(selectors.visible_moves(request.user), move_id)


@extend_schema(operation_id="mobility_move_retrieve", responses=MoveSerializer)
@api_view(["GET"])
def move_detail(request: Request, move_id: int) -> Response:
    """One managed move and its state."""
    return Response(move_data(_move(request, move_id)))


class MoveActionInput(serializers.Serializer):
    start_date = serializers.DateField(required=False, allow_null=True)
    clearance_transferred = serializers.BooleanField(required=False)
    pay_and_pension_agreed = serializers.BooleanField(required=False)
    equipment_ready = serializers.BooleanField(required=False)
    access_ready = serializers.BooleanField(required=False)
    staff_number = serializers.CharField(max_length=STAFF_NUMBER_LENGTH,
                                         required=False, allow_blank=True, default="")
    line_manager = IdField(required=False, allow_null=True)
    reason = serializers.CharField(max_length=REASON_TEXT,
                                   required=False, allow_blank=True, default="")
    expected_state = serializers.ChoiceField(
        choices=MoveRequest.State.choices, required=False,
        help_text="The state you saw: if the move has changed since, the step is refused "
                  "with 409")


@extend_schema(operation_id="mobility_move_transition", request=MoveActionInput,
               parameters=[OpenApiParameter("action", str, OpenApiParameter.PATH,
                                            enum=list(services.MOVE_ACTIONS))],
               responses={200: MoveSerializer,
                          409: OpenApiResponse(ConflictSerializer,
                                               description="No longer possible")})
@api_view(["POST"])
def move_transition(request: Request, move_id: int, action: str) -> Response:
    """agree-receiving, agree-releasing, logistics (fields), complete (staff_number,
    line_manager), cancel (reason)."""
    if action not in services.MOVE_ACTIONS:
        raise Http404
    move = _move(request, move_id)
    d = validated(MoveActionInput, request.data)
    data: dict = {}
    if action == "logistics":
        data = {f: d[f] for f in LOGISTICS_FIELDS if f in d}
    elif action == "complete":
        data = {"staff_number": d["staff_number"], "line_manager": (
            _get(Person, d["line_manager"], "line_manager") if d.get("line_manager")
            else None)}
    services.transition_move(actor=request.user, move_id=move.pk, action=action,
                             reason=d["reason"], expected_state=d.get("expected_state"),
                             **data)
    return Response(move_data(_move(request, move_id)))


class DurationSerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text="'All organisations', or one and its side")
    moves = serializers.IntegerField()
    median_days = serializers.FloatField(allow_null=True)
    mean_days = serializers.FloatField(allow_null=True)


@extend_schema(responses=DurationSerializer(many=True))
@api_view(["GET"])
def move_durations(request: Request) -> Response:
    """Days from proposal to completion of the completed moves the caller may see."""
    return Response([{"organisation": r.organisation, "moves": r.moves,
                      "median_days": r.median_days, "mean_days": r.mean_days}
                     for r in selectors.move_durations(request.user)])
