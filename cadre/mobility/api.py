"""API for mobility: vacancies, matches, preferences, the policy and managed moves.

The same selectors and services as the pages, so the same records and the same refusals.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.api_kit import validated
from cadre.framework.models import RoleFamily, RoleLevel, Skill, SkillLevel
from cadre.mobility import selectors, services
from cadre.mobility.models import MobilityPolicy, MoveRequest, SecurityClearance, Vacancy
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
        "logistics_missing": services.logistics_missing(m),
        "completed_at": m.completed_at, "cancelled_at": m.cancelled_at,
        "cancel_reason": m.cancel_reason,
    }


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
    skill = serializers.IntegerField()
    level = serializers.IntegerField(help_text="Skill level id")
    essential = serializers.BooleanField(default=True)


class VacancyInput(serializers.Serializer):
    organisation = serializers.IntegerField()
    role_level = serializers.IntegerField()
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    grade = serializers.IntegerField()
    locations = serializers.ListField(child=serializers.IntegerField(), required=False,
                                      default=list)
    hybrid = serializers.BooleanField(default=True)
    security_clearance = serializers.ChoiceField(choices=SecurityClearance.choices,
                                                 default=SecurityClearance.BPSS)
    closing_date = serializers.DateField()
    skills = SkillInput(many=True, required=False,
                        help_text="Replaces the skills pre-filled from the role level")


class VacancyUpdate(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    grade = serializers.IntegerField(required=False)
    locations = serializers.ListField(child=serializers.IntegerField(), required=False)
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


@extend_schema(
    methods=["GET"], operation_id="mobility_vacancies_list",
    parameters=[OpenApiParameter(n, int, required=False) for n in
                ("organisation", "role_family", "grade", "location")]
    + [OpenApiParameter("state", str, required=False),
       OpenApiParameter("hybrid", bool, required=False)],
    responses=dict)
@extend_schema(methods=["POST"], operation_id="mobility_vacancies_create",
               request=VacancyInput, responses=dict)
@api_view(["GET", "POST"])
def vacancy_list(request: Request) -> Response:
    """GET: vacancies the caller may see (open ones across government; drafts of their own
    organisations). POST: draft a vacancy (heads of profession of the organisation, central)."""
    if request.method == "POST":
        d = validated(VacancyInput, request.data)
        org = _get(Organisation, d["organisation"], "organisation")
        if not services.may_manage_organisation(request.user, org.pk):
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
    try:
        for param, lookup in (("organisation", "organisation_id"),
                              ("role_family", "role_level__role__family_id"),
                              ("grade", "grade_id"), ("location", "locations__id")):
            if p.get(param):
                qs = qs.filter(**{lookup: int(p[param])})
    except ValueError as exc:
        raise serializers.ValidationError({"filter": "Filters take whole-number ids."}) from exc
    if p.get("state"):
        qs = qs.filter(state=p["state"])
    if p.get("hybrid") in ("true", "false"):
        qs = qs.filter(hybrid=p["hybrid"] == "true")
    policy = services.current_policy()
    return Response([vacancy_data(v, skills=False, policy=policy) for v in qs.distinct()])


def _vacancy(request: Request, vacancy_id: int) -> Vacancy:
    vacancy = selectors.vacancy_detail(user=request.user, vacancy_id=vacancy_id)
    if vacancy is None:
        raise Http404
    return vacancy


def _managed_vacancy(request: Request, vacancy_id: int) -> Vacancy:
    vacancy = _vacancy(request, vacancy_id)
    if not selectors.may_manage_vacancy(request.user, vacancy):
        raise Http404
    return vacancy


@extend_schema(methods=["GET"], operation_id="mobility_vacancy_retrieve", responses=dict)
@extend_schema(methods=["PATCH"], operation_id="mobility_vacancy_update",
               request=VacancyUpdate, responses=dict)
@api_view(["GET", "PATCH"])
def vacancy_detail(request: Request, vacancy_id: int) -> Response:
    """GET: one vacancy with its skills. PATCH: change details and/or replace its skills."""
    if request.method == "GET":
        return Response(vacancy_data(_vacancy(request, vacancy_id)))
    vacancy = _managed_vacancy(request, vacancy_id)
    d = dict(validated(VacancyUpdate, request.data))
    skills = _skills(d.pop("skills")) if "skills" in d else None
    locations = _many(Location, d.pop("locations"), "locations") if "locations" in d else None
    if "grade" in d:
        d["grade"] = _get(Grade, d["grade"], "grade")
    from django.db import transaction

    with transaction.atomic():
        if d or locations is not None:
            services.update_vacancy(actor=request.user, vacancy=vacancy, locations=locations,
                                    **d)
        if skills is not None:
            services.set_vacancy_skills(actor=request.user, vacancy=vacancy, skills=skills)
    return Response(vacancy_data(_vacancy(request, vacancy_id)))


class TransitionInput(serializers.Serializer):
    person = serializers.IntegerField(required=False, help_text="For 'fill': who filled it")
    reason = serializers.CharField(required=False, allow_blank=True, default="",
                                   help_text="For 'external': why recruit outside government")


VACANCY_ACTIONS = ("open", "close", "withdraw", "fill", "external")


@extend_schema(operation_id="mobility_vacancy_transition", request=TransitionInput,
               responses=dict)
@api_view(["POST"])
def vacancy_transition(request: Request, vacancy_id: int, action: str) -> Response:
    """Open, close, withdraw or fill a vacancy, or record the decision to go external."""
    if action not in VACANCY_ACTIONS:
        raise Http404
    vacancy = _managed_vacancy(request, vacancy_id)
    d = validated(TransitionInput, request.data)
    if action == "fill":
        if d.get("person") is None:
            raise serializers.ValidationError({"person": "Give the person who filled it."})
        person = _move_person(request, d["person"])
        services.fill_vacancy(actor=request.user, vacancy=vacancy, person=person)
    elif action == "external":
        services.decide_external(actor=request.user, vacancy=vacancy, reason=d["reason"])
    else:
        getattr(services, f"{action}_vacancy")(actor=request.user, vacancy=vacancy)
    return Response(vacancy_data(_vacancy(request, vacancy_id)))


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


@extend_schema(parameters=[OpenApiParameter("limit", int, required=False)], responses=dict)
@api_view(["GET"])
def vacancy_matches(request: Request, vacancy_id: int) -> Response:
    """Everyone open to opportunities, ranked for the vacancy, each with the reasons."""
    vacancy = _managed_vacancy(request, vacancy_id)
    try:
        limit = max(1, min(int(request.query_params.get("limit", 50)), 1000))
    except ValueError as exc:
        raise serializers.ValidationError({"limit": "Give a whole number."}) from exc
    return Response(match_data(selectors.match(vacancy, limit=limit)))


class PreferenceInput(serializers.Serializer):
    open_to_opportunities = serializers.BooleanField()
    locations = serializers.ListField(child=serializers.IntegerField(), default=list)
    grades = serializers.ListField(child=serializers.IntegerField(), default=list)
    role_families = serializers.ListField(child=serializers.IntegerField(), default=list)


def preference_data(person: Person) -> dict:
    pref = selectors.preference_of(person)
    return {
        "person": person.pk,
        "open_to_opportunities": bool(pref and pref.open_to_opportunities),
        "locations": [x.pk for x in pref.locations.all()] if pref else [],
        "grades": [x.pk for x in pref.grades.all()] if pref else [],
        "role_families": [x.pk for x in pref.role_families.all()] if pref else [],
    }


@extend_schema(request=PreferenceInput, responses=dict)
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


@extend_schema(responses=dict)
@api_view(["GET"])
def vacancies_for_me(request: Request) -> Response:
    """Open vacancies that fit the caller's mobility preference."""
    me = own_person(request.user)
    if me is None:
        return Response([])
    return Response([vacancy_data(v, skills=False) for v in selectors.vacancies_for(me)])


class PolicyInput(serializers.Serializer):
    internal_days = serializers.IntegerField(min_value=0, max_value=365)


@extend_schema(request=PolicyInput, responses=dict)
@api_view(["GET", "PUT"])
def policy(request: Request) -> Response:
    """Days a vacancy must be open inside government before going external (PUT: central)."""
    if request.method == "PUT":
        services.set_policy(actor=request.user,
                            internal_days=validated(PolicyInput, request.data)["internal_days"])
    return Response({"internal_days": services.current_policy().internal_days})


class MoveInput(serializers.Serializer):
    person = serializers.IntegerField()
    receiving = serializers.IntegerField()
    vacancy = serializers.IntegerField(required=False, allow_null=True)


@extend_schema(methods=["GET"], operation_id="mobility_moves_list",
               parameters=[OpenApiParameter("state", str, required=False)], responses=dict)
@extend_schema(methods=["POST"], operation_id="mobility_moves_create", request=MoveInput,
               responses=dict)
@api_view(["GET", "POST"])
def move_list(request: Request) -> Response:
    """GET: moves the caller may see. POST: propose a move (either organisation, central)."""
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
        qs = qs.filter(state=request.query_params["state"])
    return Response([move_data(m) for m in qs])


def _move_person(request: Request, person_id: int) -> Person:
    """A person the caller may propose: visible to them, or opted in to opportunities."""
    person = (visible_people(request.user).filter(pk=person_id).first()
              or Person.objects.filter(pk=person_id,
                                       mobility__open_to_opportunities=True).first())
    if person is None:
        raise serializers.ValidationError({"person": "Unknown person."})
    return person


def _move(request: Request, move_id: int) -> MoveRequest:
    move = selectors.move_detail(user=request.user, move_id=move_id)
    if move is None:
        raise Http404
    return move


@extend_schema(operation_id="mobility_move_retrieve", responses=dict)
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
    staff_number = serializers.CharField(required=False, allow_blank=True, default="")
    line_manager = serializers.IntegerField(required=False, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


MOVE_ACTIONS = ("agree-receiving", "agree-releasing", "logistics", "complete", "cancel")


@extend_schema(operation_id="mobility_move_transition", request=MoveActionInput,
               responses=dict)
@api_view(["POST"])
def move_transition(request: Request, move_id: int, action: str) -> Response:
    """agree-receiving, agree-releasing, logistics (fields), complete, cancel (reason)."""
    if action not in MOVE_ACTIONS:
        raise Http404
    move = _move(request, move_id)
    d = validated(MoveActionInput, request.data)
    if action == "agree-receiving":
        services.agree_receiving(actor=request.user, move=move)
    elif action == "agree-releasing":
        services.agree_releasing(actor=request.user, move=move)
    elif action == "logistics":
        values = {f: d[f] for f in services.LOGISTICS_FIELDS if f in d}
        services.update_logistics(actor=request.user, move=move, **values)
    elif action == "complete":
        manager = None
        if d.get("line_manager"):
            manager = _get(Person, d["line_manager"], "line_manager")
        services.complete_move(actor=request.user, move=move, staff_number=d["staff_number"],
                               line_manager=manager)
    else:
        services.cancel_move(actor=request.user, move=move, reason=d["reason"])
    return Response(move_data(_move(request, move_id)))


@extend_schema(responses=dict)
@api_view(["GET"])
def move_durations(request: Request) -> Response:
    """Days from proposal to completion of the completed moves the caller may see."""
    return Response([{"organisation": r.organisation, "moves": r.moves,
                      "median_days": r.median_days, "mean_days": r.mean_days}
                     for r in selectors.move_durations(request.user)])
