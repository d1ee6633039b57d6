"""API for talent identification and succession: the same selectors, so the same
records, as the pages. Out-of-scope records answer 404; bad input 400 with every error."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.access.scope import scope_for
from cadre.core.api_kit import paginated, validated
from cadre.framework.models import RoleLevel
from cadre.organisations.models import Organisation
from cadre.people.selectors import own_person
from cadre.talent import selectors as sel
from cadre.talent import services
from cadre.talent.models import (
    AppraisalCycle,
    CriticalPost,
    DevelopmentAction,
    PoolMembership,
    Readiness,
    Successor,
    TalentPool,
    TalentRating,
)


def _level(**kwargs: object) -> serializers.IntegerField:
    # A plain integer, not a choice, keeps the schema free of duplicate enums.
    return serializers.IntegerField(min_value=1, max_value=3,
                                    help_text="1 low, 2 medium, 3 high", **kwargs)


class CycleSerializer(serializers.ModelSerializer):
    class Meta:
        model = AppraisalCycle
        fields = ["id", "organisation", "name", "opens_on", "closes_on"]


class CycleInput(serializers.Serializer):
    organisation = serializers.IntegerField()
    name = serializers.CharField(max_length=200)
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()


class RatingSerializer(serializers.ModelSerializer):
    performance = _level(read_only=True)
    potential = _level(read_only=True)
    calibrated_performance = _level(read_only=True, allow_null=True)
    calibrated_potential = _level(read_only=True, allow_null=True)
    final_performance = _level(read_only=True)
    final_potential = _level(read_only=True)

    class Meta:
        model = TalentRating
        fields = ["id", "cycle", "person", "performance", "potential", "rated_at",
                  "calibrated_performance", "calibrated_potential", "calibration_reason",
                  "calibrated_at", "final_performance", "final_potential"]


class RateInput(serializers.Serializer):
    cycle = serializers.IntegerField()
    person = serializers.IntegerField()
    performance = _level()
    potential = _level()


class CalibrateInput(serializers.Serializer):
    performance = _level()
    potential = _level()
    reason = serializers.CharField(max_length=2000)


class ActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = DevelopmentAction
        fields = ["id", "description", "due_on", "status"]


class MembershipSerializer(serializers.ModelSerializer):
    staff_number = serializers.CharField(source="person.staff_number")
    name = serializers.CharField(source="person.full_name")
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = PoolMembership
        fields = ["id", "pool", "person", "staff_number", "name", "added_on", "review_on",
                  "note", "actions"]


class PoolSerializer(serializers.ModelSerializer):
    class Meta:
        model = TalentPool
        fields = ["id", "name", "description", "organisation", "review_on"]


class PoolInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    organisation = serializers.IntegerField(allow_null=True, required=False, default=None,
                                            help_text="Null for a cross-government pool")
    description = serializers.CharField(required=False, allow_blank=True, default="")
    review_on = serializers.DateField(required=False, allow_null=True, default=None)


class MemberInput(serializers.Serializer):
    person = serializers.IntegerField()
    review_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ActionInput(serializers.Serializer):
    description = serializers.CharField(max_length=500)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    status = serializers.ChoiceField(choices=DevelopmentAction.Status.choices,
                                     default=DevelopmentAction.Status.PLANNED)


class SuccessorSerializer(serializers.ModelSerializer):
    staff_number = serializers.CharField(source="person.staff_number")
    name = serializers.CharField(source="person.full_name")

    class Meta:
        model = Successor
        fields = ["id", "person", "staff_number", "name", "readiness", "note"]


class PostSerializer(serializers.ModelSerializer):
    role_level_name = serializers.CharField(source="role_level.name", read_only=True)

    class Meta:
        model = CriticalPost
        fields = ["id", "organisation", "title", "role_level", "role_level_name", "incumbent",
                  "risk_of_loss", "risk_reason"]


class PostInput(serializers.Serializer):
    organisation = serializers.IntegerField()
    title = serializers.CharField(max_length=200)
    role_level = serializers.IntegerField()
    incumbent = serializers.IntegerField(required=False, allow_null=True, default=None)
    risk_of_loss = serializers.ChoiceField(choices=CriticalPost.Risk.choices,
                                           default=CriticalPost.Risk.MEDIUM)
    risk_reason = serializers.CharField(required=False, allow_blank=True, default="")


class SuccessorInput(serializers.Serializer):
    person = serializers.IntegerField()
    readiness = serializers.ChoiceField(choices=Readiness.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


def _organisation(user: object, organisation_id: int | None) -> Organisation:
    organisation = sel.managed_organisations(user).filter(pk=organisation_id or 0).first()
    if organisation is None:
        raise serializers.ValidationError({"organisation": "Choose an organisation you "
                                                           "manage."})
    return organisation


# --- Cycles and ratings ------------------------------------------------------------------

@extend_schema(request=CycleInput, responses=CycleSerializer(many=True))
@api_view(["GET", "POST"])
def cycle_list(request: Request) -> Response:
    """Appraisal cycles of the organisations the caller manages; POST opens one."""
    if request.method == "POST":
        data = validated(CycleInput, request.data)
        cycle = services.open_cycle(
            actor=request.user, organisation=_organisation(request.user,
                                                           data["organisation"]),
            name=data["name"], opens_on=data["opens_on"], closes_on=data["closes_on"])
        return Response(CycleSerializer(cycle).data, status=status.HTTP_201_CREATED)
    qs = AppraisalCycle.objects.filter(
        organisation__in=sel.managed_organisations(request.user)).order_by("-opens_on", "pk")
    return paginated(request, qs, CycleSerializer)


@extend_schema(responses=dict)
@api_view(["GET"])
def ninebox(request: Request, cycle_id: int) -> Response:
    """Counts per box for a cycle, before and after calibration (grade and unit filters)."""
    cycle = sel.manageable_cycle(user=request.user, cycle_id=cycle_id)
    if cycle is None:
        raise Http404
    qs = sel.filter_ratings(cycle.ratings.all(),
                            grade_id=_int(request.query_params.get("grade")),
                            unit_id=_int(request.query_params.get("unit")))
    rated, final = sel.grids(qs)
    return Response({
        "cycle": cycle.pk, "total": final.total,
        "boxes": [{"box": b.number, "name": b.name, "performance": b.performance,
                   "potential": b.potential, "count": b.count,
                   "rated_count": rated.count(b.performance, b.potential)}
                  for b in final.boxes()],
    })


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@extend_schema(request=RateInput, responses=RatingSerializer(many=True))
@api_view(["GET", "POST"])
def rating_list(request: Request) -> Response:
    """GET: ratings the caller may see (``?cycle=``). POST: a line manager rates someone
    in their chain during an open cycle."""
    if request.method == "POST":
        data = validated(RateInput, request.data)
        me = own_person(request.user)
        if me is None:
            raise PermissionDenied("Only line managers rate people.")
        person = sel.team_to_rate(me).filter(pk=data["person"]).first()
        if person is None:
            raise serializers.ValidationError({"person": "Choose someone in your chain."})
        cycle = sel.open_cycles_for(me).filter(pk=data["cycle"]).first()
        if cycle is None:
            raise serializers.ValidationError({"cycle": "Choose a cycle open in your "
                                                        "organisation."})
        rating = services.rate(actor=request.user, rater=me, cycle=cycle, person=person,
                               performance=data["performance"], potential=data["potential"])
        return Response(RatingSerializer(rating).data, status=status.HTTP_201_CREATED)
    qs = sel.visible_ratings(request.user).order_by("cycle_id", "person_id")
    if _int(request.query_params.get("cycle")):
        qs = qs.filter(cycle_id=_int(request.query_params["cycle"]))
    return paginated(request, qs, RatingSerializer)


@extend_schema(responses=RatingSerializer)
@api_view(["GET"])
def rating_detail(request: Request, rating_id: int) -> Response:
    rating = sel.visible_rating(user=request.user, rating_id=rating_id)
    if rating is None:
        raise Http404
    return Response(RatingSerializer(rating).data)


@extend_schema(request=CalibrateInput, responses=RatingSerializer)
@api_view(["POST"])
def rating_calibrate(request: Request, rating_id: int) -> Response:
    """The head of profession adjusts a rating; the reason is required."""
    rating = sel.visible_rating(user=request.user, rating_id=rating_id)
    if rating is None:
        raise Http404
    if not sel.may_manage_organisation(request.user, rating.cycle.organisation_id):
        raise PermissionDenied("Only the head of profession calibrates ratings.")
    data = validated(CalibrateInput, request.data)
    rating = services.calibrate(actor=request.user, rating=rating, **data)
    return Response(RatingSerializer(rating).data)


# --- Pools -------------------------------------------------------------------------------

@extend_schema(request=PoolInput, responses=PoolSerializer(many=True))
@api_view(["GET", "POST"])
def pool_list(request: Request) -> Response:
    """Pools the caller manages or has visible members in; POST creates one."""
    if request.method == "POST":
        data = validated(PoolInput, request.data)
        if data["organisation"] is None:
            if not scope_for(request.user).government_wide:
                raise PermissionDenied("Only the central team creates cross-government pools.")
            organisation = None
        else:
            organisation = _organisation(request.user, data["organisation"])
        pool = services.create_pool(actor=request.user, name=data["name"],
                                    organisation=organisation,
                                    description=data["description"],
                                    review_on=data["review_on"])
        return Response(PoolSerializer(pool).data, status=status.HTTP_201_CREATED)
    return paginated(request, sel.visible_pools(request.user).order_by("name", "pk"),
                 PoolSerializer)


@extend_schema(responses=dict)
@api_view(["GET"])
def pool_detail(request: Request, pool_id: int) -> Response:
    pool = sel.visible_pool(user=request.user, pool_id=pool_id)
    if pool is None:
        raise Http404
    return Response({**PoolSerializer(pool).data, "members": MembershipSerializer(
        sel.pool_members(request.user, pool), many=True).data})


def _managed_pool(request: Request, pool_id: int) -> TalentPool:
    pool = sel.visible_pool(user=request.user, pool_id=pool_id)
    if pool is None:
        raise Http404
    if not sel.may_manage_pool(request.user, pool):
        raise PermissionDenied("Only the pool's head of profession or the central team "
                               "changes it.")
    return pool


@extend_schema(request=MemberInput, responses=MembershipSerializer)
@api_view(["POST"])
def pool_members(request: Request, pool_id: int) -> Response:
    """Add a member to a pool."""
    pool = _managed_pool(request, pool_id)
    data = validated(MemberInput, request.data)
    person = sel.sensitive_people(request.user).filter(pk=data["person"]).first()
    if person is None:
        raise serializers.ValidationError({"person": "Choose a person you manage."})
    membership = services.add_member(actor=request.user, pool=pool, person=person,
                                     review_on=data["review_on"], note=data["note"])
    return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)


def _managed_membership(request: Request, membership_id: int) -> PoolMembership:
    membership = sel.visible_membership(user=request.user, membership_id=membership_id)
    if membership is None:
        raise Http404
    if not sel.may_manage_pool(request.user, membership.pool):
        raise PermissionDenied("Only the pool's head of profession or the central team "
                               "changes it.")
    return membership


class ReviewInput(serializers.Serializer):
    review_on = serializers.DateField(allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema(request=ReviewInput, responses=MembershipSerializer)
@api_view(["PATCH", "DELETE"])
def pool_member(request: Request, membership_id: int) -> Response:
    """PATCH records a review (next review date and note); DELETE removes the member."""
    membership = _managed_membership(request, membership_id)
    if request.method == "DELETE":
        services.remove_member(actor=request.user, membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)
    data = validated(ReviewInput, request.data)
    membership = services.review_member(actor=request.user, membership=membership, **data)
    return Response(MembershipSerializer(membership).data)


@extend_schema(request=ActionInput, responses=ActionSerializer)
@api_view(["POST"])
def pool_member_actions(request: Request, membership_id: int) -> Response:
    """Add a development action for a pool member."""
    membership = _managed_membership(request, membership_id)
    data = validated(ActionInput, request.data)
    action = services.add_action(actor=request.user, membership=membership, **data)
    return Response(ActionSerializer(action).data, status=status.HTTP_201_CREATED)


@extend_schema(responses=MembershipSerializer(many=True))
@api_view(["GET"])
def my_pools(request: Request) -> Response:
    """The caller's own pool memberships and development actions."""
    return Response(MembershipSerializer(sel.my_memberships(request.user), many=True).data)


# --- Succession --------------------------------------------------------------------------

@extend_schema(request=PostInput, responses=PostSerializer(many=True))
@api_view(["GET", "POST"])
def post_list(request: Request) -> Response:
    """Critical posts in scope; POST records one for an organisation the caller manages."""
    if request.method == "POST":
        data = validated(PostInput, request.data)
        organisation = _organisation(request.user, data["organisation"])
        level = RoleLevel.objects.filter(pk=data["role_level"]).first()
        if level is None:
            raise serializers.ValidationError({"role_level": "Unknown role level."})
        incumbent = None
        if data["incumbent"]:
            incumbent = organisation.people.filter(pk=data["incumbent"]).first()
            if incumbent is None:
                raise serializers.ValidationError({"incumbent": "No such person in the "
                                                                "organisation."})
        post = services.create_critical_post(
            actor=request.user, organisation=organisation, title=data["title"],
            role_level=level, incumbent=incumbent, risk_of_loss=data["risk_of_loss"],
            risk_reason=data["risk_reason"])
        return Response(PostSerializer(post).data, status=status.HTTP_201_CREATED)
    return paginated(request, sel.visible_posts(request.user).order_by("organisation_id", "title",
                                                                   "pk"), PostSerializer)


def _post(request: Request, post_id: int) -> CriticalPost:
    post = sel.visible_post(user=request.user, post_id=post_id)
    if post is None:
        raise Http404
    return post


class PostChangeInput(serializers.Serializer):
    incumbent = serializers.IntegerField(allow_null=True, help_text="Person id; null = vacant")
    risk_of_loss = serializers.ChoiceField(choices=CriticalPost.Risk.choices)
    risk_reason = serializers.CharField(required=False, allow_blank=True, default="")
    role_level = serializers.IntegerField(required=False, allow_null=True, default=None)


@extend_schema(request=PostChangeInput, responses=dict)
@api_view(["GET", "PATCH"])
def post_detail(request: Request, post_id: int) -> Response:
    """A critical post with the successors the caller may see; PATCH changes the
    incumbent, role level and risk of loss (heads of profession, the central team)."""
    post = _post(request, post_id)
    if request.method == "PATCH":
        if not sel.may_manage_post(request.user, post):
            raise PermissionDenied("Only the organisation's head of profession or the central "
                                   "team changes succession plans.")
        data = validated(PostChangeInput, request.data)
        incumbent = level = None
        if data["incumbent"]:
            incumbent = post.organisation.people.filter(pk=data["incumbent"]).first()
            if incumbent is None:
                raise serializers.ValidationError({"incumbent": "No such person in the "
                                                                "organisation."})
        if data["role_level"]:
            level = RoleLevel.objects.filter(pk=data["role_level"]).first()
            if level is None:
                raise serializers.ValidationError({"role_level": "Unknown role level."})
        post = services.update_critical_post(
            actor=request.user, post=post, incumbent=incumbent, role_level=level,
            risk_of_loss=data["risk_of_loss"], risk_reason=data["risk_reason"])
    return Response({**PostSerializer(post).data, "successors": SuccessorSerializer(
        sel.post_successors(request.user, post), many=True).data})


@extend_schema(request=SuccessorInput, responses=SuccessorSerializer)
@api_view(["POST"])
def post_successors(request: Request, post_id: int) -> Response:
    """Name a successor (no duplicates; not the incumbent)."""
    post = _post(request, post_id)
    if not sel.may_manage_post(request.user, post):
        raise PermissionDenied("Only the organisation's head of profession or the central "
                               "team changes succession plans.")
    data = validated(SuccessorInput, request.data)
    person = sel.sensitive_people(request.user).filter(pk=data["person"]).first()
    if person is None:
        raise serializers.ValidationError({"person": "Choose a person whose record you may "
                                                     "see."})
    successor = services.add_successor(actor=request.user, post=post, person=person,
                                       readiness=data["readiness"], note=data["note"])
    return Response(SuccessorSerializer(successor).data, status=status.HTTP_201_CREATED)


@extend_schema(responses=dict)
@api_view(["GET"])
def post_candidates(request: Request, post_id: int) -> Response:
    """Candidates for the post ranked by skill fit, each with why."""
    post = _post(request, post_id)
    if not sel.may_manage_post(request.user, post):
        raise PermissionDenied("Candidates are for the organisation's head of profession and "
                               "the central team.")
    limit = min(_int(request.query_params.get("limit")) or 10, 100)
    return Response([{"person": c.person.pk, "name": c.person.full_name,
                      "organisation": c.person.organisation.abbreviation, "score": c.score,
                      **{k: c.explanation[k] for k in ("skill_fit", "met", "short",
                                                       "missing")}}
                     for c in sel.candidates(request.user, post, limit=limit)])


@extend_schema(responses=dict)
@api_view(["GET"])
def succession_coverage(request: Request) -> Response:
    """Share of critical posts with a ready-now successor, per organisation; counts under 5
    suppressed unless the caller is the central team or an administrator; a head of
    profession also gets their own organisations exactly (``own``)."""
    return Response(sel.coverage_for(request.user))


class ReadinessInput(serializers.Serializer):
    readiness = serializers.ChoiceField(choices=Readiness.choices)


class StatusInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=DevelopmentAction.Status.choices)


@extend_schema(request=ReadinessInput, responses=SuccessorSerializer)
@api_view(["GET", "PATCH", "DELETE"])
def successor_detail(request: Request, successor_id: int) -> Response:
    """One successor; PATCH changes readiness, DELETE removes them from the plan."""
    successor = (Successor.objects.filter(pk=successor_id,
                                          person__in=sel.sensitive_people(request.user),
                                          post__in=sel.visible_posts(request.user))
                 .select_related("post", "person").first())
    if successor is None:
        raise Http404
    if request.method == "GET":
        return Response(SuccessorSerializer(successor).data)
    if not sel.may_manage_post(request.user, successor.post):
        raise PermissionDenied("Only the organisation's head of profession or the central "
                               "team changes succession plans.")
    if request.method == "DELETE":
        services.remove_successor(actor=request.user, successor=successor)
        return Response(status=status.HTTP_204_NO_CONTENT)
    data = validated(ReadinessInput, request.data)
    successor = services.set_readiness(actor=request.user, successor=successor,
                                       readiness=data["readiness"])
    return Response(SuccessorSerializer(successor).data)


@extend_schema(request=StatusInput, responses=ActionSerializer)
@api_view(["PATCH"])
def pool_action(request: Request, action_id: int) -> Response:
    """Change a development action's status."""
    action = (DevelopmentAction.objects.filter(
        pk=action_id, membership__person__in=sel.sensitive_people(request.user))
        .select_related("membership__pool").first())
    if action is None:
        raise Http404
    if not sel.may_manage_pool(request.user, action.membership.pool):
        raise PermissionDenied("Only the pool's head of profession or the central team "
                               "changes it.")
    data = validated(StatusInput, request.data)
    action = services.set_action_status(actor=request.user, action=action,
                                        status=data["status"])
    return Response(ActionSerializer(action).data)


@extend_schema(responses=dict)
@api_view(["GET"])
def ninebox_government(request: Request) -> Response:
    """Central team: counts per box for Senior Civil Service, grade 6 and grade 7 people
    rated in cycles closing in ``?year=`` (default: the latest), by grade group."""
    years = sel.cycle_years()
    year = _int(request.query_params.get("year")) or (years[0] if years else None)
    organisation_id = _int(request.query_params.get("organisation"))
    groups = []
    for group in sel.SENIOR_GROUPS:
        qs = sel.government_ratings(year=year, group=group)
        if organisation_id:
            qs = qs.filter(cycle__organisation_id=organisation_id)
        grid = sel.grids(qs)[1]
        groups.append({"group": group, "total": grid.total,
                       "boxes": [{"box": b.number, "name": b.name, "count": b.count}
                                 for b in grid.boxes()]})
    return Response({"year": year, "organisation": organisation_id, "groups": groups})
