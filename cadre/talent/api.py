"""API for talent identification and succession: the same selectors, so the same
records, as the pages. Out-of-scope records answer 404; bad input 400 with every error."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_fields import IdField
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.api_schema import CountOrLabelField
from cadre.core.inputs import LONG_TEXT, Bounds, parse_id, parse_int
from cadre.core.objects import get_visible_or_404
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
                                    help_text="1 low, 2 moderate, 3 high", **kwargs)


class CycleSerializer(serializers.ModelSerializer):
    class Meta:
        model = AppraisalCycle
        fields = ["id", "organisation", "name", "opens_on", "closes_on"]


class CycleInput(serializers.Serializer):
    organisation = IdField()
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
    cycle = IdField()
    person = IdField()
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
    organisation = IdField(allow_null=True, required=False, default=None,
                           help_text="Null for a cross-government pool")
    description = serializers.CharField(max_length=LONG_TEXT,
                                        required=False, allow_blank=True, default="")
    review_on = serializers.DateField(required=False, allow_null=True, default=None)


class MemberInput(serializers.Serializer):
    person = IdField()
    review_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")


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
    organisation = IdField()
    title = serializers.CharField(max_length=200)
    role_level = IdField()
    incumbent = IdField(required=False, allow_null=True, default=None)
    risk_of_loss = serializers.ChoiceField(choices=CriticalPost.Risk.choices,
                                           default=CriticalPost.Risk.MEDIUM)
    risk_reason = serializers.CharField(max_length=LONG_TEXT,
                                        required=False, allow_blank=True, default="")


class SuccessorInput(serializers.Serializer):
    person = IdField()
    readiness = serializers.ChoiceField(choices=Readiness.choices)
    note = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")


#: How many candidates for a post are ranked (``?limit=``), the same in every channel.
CANDIDATE_LIMIT = Bounds(minimum=1, maximum=100, default=10)


def _actor(request: Request) -> Actor:
    return Actor.for_user(request.user)


def _organisation(user: object, organisation_id: int | None) -> Organisation:
    organisation = sel.managed_organisations(user).filter(pk=organisation_id or 0).first()
    if organisation is None:
        raise serializers.ValidationError({"organisation": "Choose an organisation you "
                                                           "manage."})
    if organisation.is_closed():
        raise serializers.ValidationError({"organisation": f"{organisation.name} has closed: "
                                                           "choose an open organisation."})
    return organisation


# --- Cycles and ratings ------------------------------------------------------------------

@paginated_list
@extend_schema(methods=["GET"], responses=CycleSerializer(many=True))
@extend_schema(methods=["POST"], request=CycleInput, responses={201: CycleSerializer})
@api_view(["GET", "POST"])
def cycle_list(request: Request) -> Response:
    """Appraisal cycles of the organisations the caller manages; POST opens one."""
    if request.method == "POST":
        data = validated(CycleInput, request.data)
        cycle = services.open_cycle(
            actor=_actor(request), organisation=_organisation(request.user,
                                                           data["organisation"]),
            name=data["name"], opens_on=data["opens_on"], closes_on=data["closes_on"])
        return Response(CycleSerializer(cycle).data, status=status.HTTP_201_CREATED)
    qs = sel.managed_cycles(request.user).order_by("-opens_on", "pk")
    return paginated_response(request, qs, CycleSerializer)


class NineBoxCountSerializer(serializers.Serializer):
    box = serializers.IntegerField(help_text="1 to 9")
    name = serializers.CharField()
    count = serializers.IntegerField()


class NineBoxCellSerializer(NineBoxCountSerializer):
    performance = serializers.IntegerField()
    potential = serializers.IntegerField()
    rated_count = serializers.IntegerField(help_text="Before calibration")


class NineBoxSerializer(serializers.Serializer):
    cycle = serializers.IntegerField()
    total = serializers.IntegerField()
    boxes = NineBoxCellSerializer(many=True, help_text="After calibration")


@extend_schema(parameters=[OpenApiParameter("grade", int, required=False),
                           OpenApiParameter("unit", int, required=False)],
               responses=NineBoxSerializer)
@api_view(["GET"])
def ninebox(request: Request, cycle_id: int) -> Response:
    """Counts per box for a cycle, before and after calibration (grade and unit filters)."""
    cycle = sel.manageable_cycle(user=request.user, cycle_id=cycle_id)
    if cycle is None:
        raise Http404
    qs = sel.filter_ratings(cycle.ratings.all(),
                            grade_id=_int(request, "grade"),
                            unit_id=_int(request, "unit"))
    rated, final = sel.grids(qs)
    return Response({
        "cycle": cycle.pk, "total": final.total,
        "boxes": [{"box": b.number, "name": b.name, "performance": b.performance,
                   "potential": b.potential, "count": b.count,
                   "rated_count": rated.count(b.performance, b.potential)}
                  for b in final.boxes()],
    })


def _int(request: Request, name: str) -> int | None:
    """The query parameter ``name`` as an id (or a year), None when absent; 400 when bad."""
    return parse_id(request.query_params.get(name), field=name, default=None)


@paginated_list
@extend_schema(methods=["GET"], parameters=[OpenApiParameter("cycle", int, required=False)],
               responses=RatingSerializer(many=True))
@extend_schema(methods=["POST"], request=RateInput, responses={201: RatingSerializer})
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
        rating = services.rate(actor=_actor(request), rater=me, cycle=cycle, person=person,
                               performance=data["performance"], potential=data["potential"])
        return Response(RatingSerializer(rating).data, status=status.HTTP_201_CREATED)
    qs = sel.visible_ratings(request.user).order_by("cycle_id", "person_id")
    if _int(request, "cycle"):
        qs = qs.filter(cycle_id=_int(request, "cycle"))
    return paginated_response(request, qs, RatingSerializer)


@extend_schema(responses=RatingSerializer)
@api_view(["GET"])
def rating_detail(request: Request, rating_id: int) -> Response:
    rating = get_visible_or_404(sel.visible_ratings(request.user), rating_id)
    return Response(RatingSerializer(rating).data)


@extend_schema(request=CalibrateInput, responses=RatingSerializer)
@api_view(["POST"])
def rating_calibrate(request: Request, rating_id: int) -> Response:
    """The head of profession adjusts a rating; the reason is required."""
    rating = get_visible_or_404(sel.visible_ratings(request.user), rating_id)
    data = validated(CalibrateInput, request.data)
    rating = services.calibrate(actor=_actor(request), rating=rating, **data)
    return Response(RatingSerializer(rating).data)


# --- Pools -------------------------------------------------------------------------------

@paginated_list
@extend_schema(methods=["GET"], responses=PoolSerializer(many=True))
@extend_schema(methods=["POST"], request=PoolInput, responses={201: PoolSerializer})
@api_view(["GET", "POST"])
def pool_list(request: Request) -> Response:
    """Pools the caller manages or has visible members in; POST creates one."""
    if request.method == "POST":
        data = validated(PoolInput, request.data)
        organisation = (None if data["organisation"] is None
                        else _organisation(request.user, data["organisation"]))
        pool = services.create_pool(actor=_actor(request), name=data["name"],
                                    organisation=organisation,
                                    description=data["description"],
                                    review_on=data["review_on"])
        return Response(PoolSerializer(pool).data, status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.visible_pools(request.user).order_by("name", "pk"),
                              PoolSerializer)


class PoolDetailSerializer(PoolSerializer):
    members = MembershipSerializer(many=True, read_only=True,
                                   help_text="The members the caller may see")

    class Meta(PoolSerializer.Meta):
        fields = [*PoolSerializer.Meta.fields, "members"]


@extend_schema(responses=PoolDetailSerializer)
@api_view(["GET"])
def pool_detail(request: Request, pool_id: int) -> Response:
    pool = get_visible_or_404(sel.visible_pools(request.user), pool_id)
    return Response({**PoolSerializer(pool).data, "members": MembershipSerializer(
        sel.pool_members(request.user, pool), many=True).data})


def _pool(request: Request, pool_id: int) -> TalentPool:
    return get_visible_or_404(sel.visible_pools(request.user), pool_id)


@extend_schema(request=MemberInput, responses={201: MembershipSerializer})
@api_view(["POST"])
def pool_members(request: Request, pool_id: int) -> Response:
    """Add a member to a pool."""
    pool = _pool(request, pool_id)
    data = validated(MemberInput, request.data)
    person = sel.sensitive_people(request.user).filter(pk=data["person"]).first()
    if person is None:
        raise serializers.ValidationError({"person": "Choose a person you manage."})
    membership = services.add_member(actor=_actor(request), pool=pool, person=person,
                                     review_on=data["review_on"], note=data["note"])
    return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)


def _membership(request: Request, membership_id: int) -> PoolMembership:
    return get_visible_or_404(sel.visible_memberships(request.user), membership_id)


class ReviewInput(serializers.Serializer):
    """A partial change: a field not sent is kept."""

    review_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True)


@extend_schema(request=ReviewInput, responses=MembershipSerializer)
@api_view(["PATCH", "DELETE"])
def pool_member(request: Request, membership_id: int) -> Response:
    """PATCH records a review (the next review date and/or a note; a field not sent is
    kept); DELETE removes the member."""
    membership = _membership(request, membership_id)
    if request.method == "DELETE":
        services.remove_member(actor=_actor(request), membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)
    data = validated(ReviewInput, request.data)
    services.review_member(actor=_actor(request), membership=membership.pk, **data)
    membership = _membership(request, membership_id)
    return Response(MembershipSerializer(membership).data)


@extend_schema(request=ActionInput, responses={201: ActionSerializer})
@api_view(["POST"])
def pool_member_actions(request: Request, membership_id: int) -> Response:
    """Add a development action for a pool member."""
    membership = _membership(request, membership_id)
    data = validated(ActionInput, request.data)
    action = services.add_action(actor=_actor(request), membership=membership, **data)
    return Response(ActionSerializer(action).data, status=status.HTTP_201_CREATED)


@paginated_list
@extend_schema(responses=MembershipSerializer(many=True))
@api_view(["GET"])
def my_pools(request: Request) -> Response:
    """The caller's own pool memberships and development actions."""
    return paginated_response(request, sel.my_memberships(request.user).order_by(
        "pool__name", "pk"), MembershipSerializer)


# --- Succession --------------------------------------------------------------------------

@paginated_list
@extend_schema(methods=["GET"], responses=PostSerializer(many=True))
@extend_schema(methods=["POST"], request=PostInput, responses={201: PostSerializer})
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
            actor=_actor(request), organisation=organisation, title=data["title"],
            role_level=level, incumbent=incumbent, risk_of_loss=data["risk_of_loss"],
            risk_reason=data["risk_reason"])
        return Response(PostSerializer(post).data, status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.visible_posts(request.user).order_by(
        "organisation_id", "title", "pk"), PostSerializer)


def _post(request: Request, post_id: int) -> CriticalPost:
    return get_visible_or_404(sel.visible_posts(request.user), post_id)


class SkillFitSerializer(serializers.Serializer):
    skill = serializers.CharField()
    required = serializers.IntegerField(help_text="Level ordinal")
    held = serializers.IntegerField(help_text="Level ordinal; 0 when not held")
    essential = serializers.BooleanField()


class SkillShortSerializer(SkillFitSerializer):
    short_by = serializers.IntegerField()


class CandidateSerializer(serializers.Serializer):
    """One candidate for a critical post, with why they rank where they do."""

    person = serializers.IntegerField(source="person.pk")
    name = serializers.CharField(source="person.full_name")
    organisation = serializers.CharField(source="person.organisation.abbreviation")
    score = serializers.FloatField(help_text="Skill fit out of 100 (grade and location play "
                                             "no part in a succession shortlist).")
    skill_fit = serializers.FloatField(source="explanation.skill_fit")
    explanation = serializers.CharField(source="words", read_only=True,
                                        help_text="What the score is made of, in words.")
    met = SkillFitSerializer(source="explanation.met", many=True)
    short = SkillShortSerializer(source="explanation.short", many=True)
    missing = SkillFitSerializer(source="explanation.missing", many=True)


class PostChangeInput(serializers.Serializer):
    """A partial change: a field not sent is kept."""

    incumbent = IdField(required=False, allow_null=True,
                        help_text="Person id; null = vacant")
    risk_of_loss = serializers.ChoiceField(choices=CriticalPost.Risk.choices, required=False)
    risk_reason = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True)
    role_level = IdField(required=False)


class PostDetailSerializer(PostSerializer):
    successors = SuccessorSerializer(many=True, read_only=True,
                                     help_text="The successors the caller may see")

    class Meta(PostSerializer.Meta):
        fields = [*PostSerializer.Meta.fields, "successors"]


@extend_schema(request=PostChangeInput, responses=PostDetailSerializer)
@api_view(["GET", "PATCH"])
def post_detail(request: Request, post_id: int) -> Response:
    """A critical post with the successors the caller may see; PATCH changes the
    incumbent, role level and risk of loss (heads of profession, the central team)."""
    post = _post(request, post_id)
    if request.method == "PATCH":
        data = validated(PostChangeInput, request.data)
        changes: dict = {k: data[k] for k in ("risk_of_loss", "risk_reason") if k in data}
        if "incumbent" in data:
            changes["incumbent"] = None
            if data["incumbent"] is not None:
                changes["incumbent"] = post.organisation.people.filter(
                    pk=data["incumbent"]).first()
                if changes["incumbent"] is None:
                    raise serializers.ValidationError({"incumbent": "No such person in the "
                                                                    "organisation."})
        if "role_level" in data:
            changes["role_level"] = RoleLevel.objects.filter(pk=data["role_level"]).first()
            if changes["role_level"] is None:
                raise serializers.ValidationError({"role_level": "Unknown role level."})
        services.update_critical_post(actor=_actor(request), post=post.pk, **changes)
        post = _post(request, post_id)
    return Response({**PostSerializer(post).data, "successors": SuccessorSerializer(
        sel.post_successors(request.user, post), many=True).data})


@extend_schema(request=SuccessorInput, responses={201: SuccessorSerializer})
@api_view(["POST"])
def post_successors(request: Request, post_id: int) -> Response:
    """Name a successor (no duplicates; not the incumbent)."""
    post = _post(request, post_id)
    data = validated(SuccessorInput, request.data)
    person = sel.sensitive_people(request.user).filter(pk=data["person"]).first()
    if person is None:
        raise serializers.ValidationError({"person": "Choose a person whose record you may "
                                                     "see."})
    successor = services.add_successor(actor=_actor(request), post=post, person=person,
                                       readiness=data["readiness"], note=data["note"])
    return Response(SuccessorSerializer(successor).data, status=status.HTTP_201_CREATED)


@paginated_list
@extend_schema(parameters=[OpenApiParameter(
    "limit", int, required=False, description=f"{CANDIDATE_LIMIT.minimum} to "
    f"{CANDIDATE_LIMIT.maximum}; default {CANDIDATE_LIMIT.default}")],
    responses=CandidateSerializer(many=True))
@api_view(["GET"])
def post_candidates(request: Request, post_id: int) -> Response:
    """Candidates for the post ranked by skill fit (the best ``?limit=``, 1 to 100, default
    10), each with why, in the usual page envelope."""
    post = _post(request, post_id)
    if not sel.may_manage_post(request.user, post):
        raise PermissionDenied("Candidates are for the organisation's head of profession and "
                               "the central team.")
    limit = CANDIDATE_LIMIT.parse(request.query_params.get("limit"), field="limit")
    return paginated_response(request, sel.candidates(request.user, post, limit=limit),
                              CandidateSerializer)


class CoverageRowSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    ready = CountOrLabelField()
    not_ready = CountOrLabelField()
    posts = CountOrLabelField()
    share = serializers.IntegerField(allow_null=True, help_text="Per cent ready now; null "
                                                                "when a count is hidden")


class CoverageTotalsSerializer(serializers.Serializer):
    ready = CountOrLabelField()
    not_ready = CountOrLabelField()
    posts = CountOrLabelField()
    share = serializers.IntegerField(allow_null=True)


class CoverageTableSerializer(serializers.Serializer):
    rows = CoverageRowSerializer(many=True)
    totals = CoverageTotalsSerializer(allow_null=True, help_text="Null when there are no "
                                                                  "posts")


class CoverageSerializer(serializers.Serializer):
    government = CoverageTableSerializer()
    own = CoverageTableSerializer(required=False, help_text="A head of profession's own "
                                                            "organisations, exact")


@extend_schema(responses=CoverageSerializer)
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
    if request.method == "DELETE":
        services.remove_successor(actor=_actor(request), successor=successor)
        return Response(status=status.HTTP_204_NO_CONTENT)
    data = validated(ReadinessInput, request.data, partial=True)
    if "readiness" in data:
        successor = services.set_readiness(actor=_actor(request), successor=successor,
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
    data = validated(StatusInput, request.data, partial=True)
    if "status" in data:
        action = services.set_action_status(actor=_actor(request), action=action,
                                            status=data["status"])
    return Response(ActionSerializer(action).data)


class NineBoxGroupSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=list(sel.SENIOR_GROUPS))
    total = serializers.IntegerField()
    boxes = NineBoxCountSerializer(many=True)


class GovernmentNineBoxSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True, help_text="Null when no cycle closed")
    organisation = serializers.IntegerField(allow_null=True)
    groups = NineBoxGroupSerializer(many=True)


@extend_schema(parameters=[OpenApiParameter("year", int, required=False),
                           OpenApiParameter("organisation", int, required=False)],
               responses=GovernmentNineBoxSerializer)
@api_view(["GET"])
def ninebox_government(request: Request) -> Response:
    """Central team: counts per box for Senior Civil Service, grade 6 and grade 7 people
    rated in cycles closing in ``?year=`` (default: the latest), by grade group."""
    years = sel.cycle_years()
    # A calendar year (the database's date lookups take 1 to 9999), not an id.
    year = parse_int(request.query_params.get("year"), field="year", minimum=1, maximum=9999,
                     default=None) or (years[0] if years else None)
    organisation_id = _int(request, "organisation")
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
