"""API for the Fast Stream: the same selectors and services as the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_concurrency import if_match, with_etag
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer
from cadre.core.api_fields import IdField, id_list
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import LONG_TEXT, REASON_TEXT
from cadre.core.objects import get_visible_or_404
from cadre.framework.models import RoleLevel, Skill
from cadre.organisations.models import Grade, Location, Organisation
from cadre.programmes.models import (
    MAX_CAPACITY,
    MAX_PREFERENCES,
    MAX_REVIEW_SKILLS,
    Clearance,
    FastStreamer,
    Posting,
    PostingOffer,
    PostingReview,
    PostingRound,
    Scheme,
)
from cadre.programmes.selectors import fast_stream as sel
from cadre.programmes.services import fast_stream as services


class PostingRoundSerializer(serializers.ModelSerializer):
    scheme_name = serializers.CharField(source="scheme.name", read_only=True)

    class Meta:
        model = PostingRound
        fields = ["id", "scheme", "scheme_name", "name", "starts_on", "posting_months", "state"]


class PostingOfferSerializer(serializers.ModelSerializer):
    host_organisation = serializers.CharField(source="host_organisation.abbreviation",
                                              read_only=True)
    location = serializers.CharField(source="location.name", read_only=True, default=None)
    skills = serializers.SerializerMethodField()

    class Meta:
        model = PostingOffer
        fields = ["id", "round", "host_organisation", "title", "role_level", "location",
                  "capacity", "clearance", "skills", "host_manager", "description"]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_skills(self, obj: PostingOffer) -> list[int]:
        return [s.pk for s in obj.skills.all()]


class PostingSerializer(serializers.ModelSerializer):
    staff_number = serializers.CharField(source="fast_streamer.person.staff_number",
                                         read_only=True)
    home_organisation = serializers.CharField(
        source="fast_streamer.home_organisation.abbreviation", read_only=True)
    posting = serializers.CharField(source="offer.title", read_only=True)
    host_organisation = serializers.CharField(source="offer.host_organisation.abbreviation",
                                              read_only=True)

    class Meta:
        model = Posting
        fields = ["id", "round", "fast_streamer", "staff_number", "home_organisation", "offer",
                  "posting", "host_organisation", "preference_rank", "reason", "objectives",
                  "overridden", "override_reason"]


class FastStreamAllocationRecordSerializer(serializers.Serializer):
    staff_number = serializers.CharField()
    home_organisation = serializers.CharField()
    posting = serializers.CharField(allow_null=True)
    host_organisation = serializers.CharField(allow_null=True)
    preference_rank = serializers.IntegerField(allow_null=True)
    reason = serializers.CharField()


class PostingRoundInput(serializers.Serializer):
    scheme = IdField()
    name = serializers.CharField(max_length=200)
    starts_on = serializers.DateField()
    posting_months = serializers.IntegerField(min_value=1, max_value=36, default=6)


class PostingRoundTransitionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(services.ROUND_ACTIONS))
    reason = serializers.CharField(max_length=REASON_TEXT, required=False, allow_blank=True,
                                   default="")


class PostingOfferInput(serializers.Serializer):
    host_organisation = IdField()
    title = serializers.CharField(max_length=200)
    location = IdField()
    capacity = serializers.IntegerField(min_value=1, max_value=MAX_CAPACITY, default=1)
    clearance = serializers.ChoiceField(choices=Clearance.choices, default=Clearance.BPSS)
    role_level = IdField(required=False, allow_null=True, default=None)
    skills = id_list(required=False, default=list)
    description = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True,
                                        default="")


class PostingOfferUpdate(serializers.Serializer):
    """A change to an offer: only the fields sent change (``skills`` replaces them all)."""

    host_organisation = IdField(required=False)
    title = serializers.CharField(max_length=200, required=False)
    location = IdField(required=False)
    capacity = serializers.IntegerField(min_value=1, max_value=MAX_CAPACITY, required=False)
    clearance = serializers.ChoiceField(choices=Clearance.choices, required=False)
    role_level = IdField(required=False, allow_null=True)
    skills = id_list(required=False)
    description = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True)


class OfferHostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    abbreviation = serializers.CharField()
    name = serializers.CharField()


class OfferLocationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PostingOfferDetailSerializer(PostingOfferSerializer):
    """One offer: the host and location as objects with their ids (the ids PATCH takes)."""

    host_organisation = OfferHostSerializer(read_only=True)
    location = OfferLocationSerializer(read_only=True, allow_null=True)


class FastStreamRankingInput(serializers.Serializer):
    ranked = id_list(help_text="Ids best first", max_length=MAX_PREFERENCES)


class PostingOverrideInput(serializers.Serializer):
    offer = IdField()
    reason = serializers.CharField(max_length=REASON_TEXT)


def _actor(request: Request) -> Actor:
    return Actor.for_user(request.user)


def _one(model, pk: int | None, field: str):  # noqa: ANN001, ANN202
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise serializers.ValidationError({field: f"No {model._meta.verbose_name} {pk}."})
    return found


@paginated_list
@extend_schema(methods=["GET"], operation_id="programmes_rounds_list",
               responses=PostingRoundSerializer(many=True))
@extend_schema(methods=["POST"], operation_id="programmes_rounds_create", request=PostingRoundInput,
               responses={201: PostingRoundSerializer})
@api_view(["GET", "POST"])
def round_list(request: Request) -> Response:
    """Posting rounds the caller may see; the central team creates one."""
    if request.method == "POST":
        d = validated(PostingRoundInput, request.data)
        created = services.create_round(actor=_actor(request),
                                        scheme=_one(Scheme, d["scheme"], "scheme"),
                                        name=d["name"], starts_on=d["starts_on"],
                                        posting_months=d["posting_months"])
        return Response(PostingRoundSerializer(created).data, status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.visible_rounds(request.user), PostingRoundSerializer)


@extend_schema(responses=PostingRoundSerializer)
@api_view(["GET"])
def round_detail(request: Request, round_id: int) -> Response:
    return Response(PostingRoundSerializer(
        get_visible_or_404(sel.visible_rounds(request.user), round_id)).data)


@extend_schema(request=PostingRoundTransitionInput, responses={
    200: PostingRoundSerializer,
    409: OpenApiResponse(ConflictSerializer, description="No longer possible")})
@api_view(["POST"])
def round_transition(request: Request, round_id: int) -> Response:
    """Take the round's next step: open_preferences, allocate, reopen or publish."""
    round_ = get_visible_or_404(sel.visible_rounds(request.user), round_id)
    d = validated(PostingRoundTransitionInput, request.data)
    round_ = services.transition_round(actor=_actor(request), round_id=round_.pk,
                                       action=d["action"], reason=d["reason"])
    return Response(PostingRoundSerializer(round_).data)


@extend_schema(responses=FastStreamAllocationRecordSerializer(many=True))
@api_view(["GET"])
def round_allocation(request: Request, round_id: int) -> Response:
    """A dry run of the allocation, one record per fast streamer with the reason."""
    round_ = get_visible_or_404(sel.visible_rounds(request.user), round_id)
    rows = services.dry_run(actor=_actor(request), round_=round_)
    return Response([row.as_record() for row in rows])


@paginated_list
@extend_schema(methods=["GET"], operation_id="programmes_offers_list",
               responses=PostingOfferSerializer(many=True))
@extend_schema(methods=["POST"], operation_id="programmes_offers_create", request=PostingOfferInput,
               responses={201: PostingOfferSerializer})
@api_view(["GET", "POST"])
def offer_list(request: Request, round_id: int) -> Response:
    """The round's offers the caller may see; a host's head of profession adds one."""
    round_ = get_visible_or_404(sel.visible_rounds(request.user), round_id)
    if request.method == "POST":
        d = validated(PostingOfferInput, request.data)
        skills = [_one(Skill, pk, "skills") for pk in d["skills"]]
        created = services.add_offer(
            actor=_actor(request), round_=round_,
            host_organisation=_one(Organisation, d["host_organisation"], "host_organisation"),
            title=d["title"], location=_one(Location, d["location"], "location"),
            capacity=d["capacity"], clearance=int(d["clearance"]),
            role_level=_one(RoleLevel, d["role_level"], "role_level"), skills=skills,
            description=d["description"])
        return Response(PostingOfferSerializer(created).data, status=status.HTTP_201_CREATED)
    offers = sel.visible_offers(request.user).filter(round=round_).prefetch_related("skills")
    return paginated_response(request, offers, PostingOfferSerializer)


_IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=False,
    description="The ETag from GET; an offer changed since then is refused with 412.")
_ETAG = OpenApiParameter(
    "ETag", str, OpenApiParameter.HEADER, response=[200, 412],
    description="The offer's version as stored, for If-Match.")
_OFFER_CONFLICT = OpenApiResponse(
    ConflictSerializer, description="The round is no longer open for offers (or the offer "
    "was withdrawn meanwhile)")
_STALE = OpenApiResponse(ErrorSerializer, description="Stale If-Match")


@extend_schema(methods=["GET"], operation_id="programmes_offer_retrieve", parameters=[_ETAG],
               responses=PostingOfferDetailSerializer)
@extend_schema(methods=["PATCH"], operation_id="programmes_offer_update",
               request=PostingOfferUpdate, parameters=[_IF_MATCH, _ETAG],
               responses={200: PostingOfferDetailSerializer, 409: _OFFER_CONFLICT,
                          412: _STALE})
@extend_schema(methods=["DELETE"], operation_id="programmes_offer_withdraw",
               parameters=[_IF_MATCH],
               responses={204: None, 409: _OFFER_CONFLICT, 412: _STALE})
@api_view(["GET", "PATCH", "DELETE"])
def offer_detail(request: Request, offer_id: int) -> Response:
    """GET: one offer (and its ``ETag``). PATCH: change it, only the fields sent; DELETE:
    withdraw it. Both only while its round is open for offers (409 once the round has moved
    on), by the host's heads of profession or the central team; send ``If-Match`` to
    refuse the write (412) when the offer changed since you read it."""
    offer = get_visible_or_404(sel.visible_offers(request.user), offer_id)
    if request.method == "GET":
        return with_etag(Response(PostingOfferDetailSerializer(offer).data), offer)
    if request.method == "DELETE":
        services.withdraw_offer(actor=_actor(request), offer=offer,
                                if_match=if_match(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
    d = dict(validated(PostingOfferUpdate, request.data, partial=True))
    skills = [_one(Skill, pk, "skills") for pk in d.pop("skills")] if "skills" in d else None
    for name, model in (("host_organisation", Organisation), ("location", Location),
                        ("role_level", RoleLevel)):
        if name in d:
            d[name] = _one(model, d[name], name)
    if "clearance" in d:
        d["clearance"] = int(d["clearance"])
    services.update_offer(actor=_actor(request), offer=offer, skills=skills,
                          if_match=if_match(request), **d)
    offer = get_visible_or_404(sel.visible_offers(request.user), offer_id)
    return with_etag(Response(PostingOfferDetailSerializer(offer).data), offer)


@extend_schema(request=FastStreamRankingInput, responses={200: FastStreamRankingInput})
@api_view(["PUT"])
def offer_ranking(request: Request, offer_id: int) -> Response:
    """The host's ranking of fast streamers for an offer (fast streamer ids, best first)."""
    offer = get_visible_or_404(sel.visible_offers(request.user), offer_id)
    d = validated(FastStreamRankingInput, request.data)
    services.set_host_preferences(actor=_actor(request), offer=offer,
                                  fast_streamers=d["ranked"])
    return Response({"ranked": d["ranked"]})


@extend_schema(methods=["GET"], responses={200: FastStreamRankingInput})
@extend_schema(methods=["PUT"], request=FastStreamRankingInput,
               responses={200: FastStreamRankingInput})
@api_view(["GET", "PUT"])
def own_preferences(request: Request, round_id: int) -> Response:
    """The caller's own ranking of the round's offers (offer ids, best first)."""
    round_ = get_visible_or_404(sel.visible_rounds(request.user), round_id)
    me = sel.own_fast_streamer(request.user)
    if me is None or me.intake.scheme_id != round_.scheme_id:
        raise Http404("You are not a fast streamer in this round.")
    if request.method == "PUT":
        d = validated(FastStreamRankingInput, request.data)
        services.set_preferences(actor=_actor(request), round_=round_, fast_streamer=me,
                                 offers=d["ranked"])
    return Response({"ranked": [p.offer_id for p in sel.own_preferences(me, round_)]})


@paginated_list
@extend_schema(responses=PostingSerializer(many=True))
@api_view(["GET"])
def posting_list(request: Request) -> Response:
    """Postings the caller may see."""
    return paginated_response(request, sel.visible_postings(request.user), PostingSerializer)


@extend_schema(responses=PostingSerializer)
@api_view(["GET"])
def posting_detail(request: Request, posting_id: int) -> Response:
    return Response(PostingSerializer(
        get_visible_or_404(sel.visible_postings(request.user), posting_id)).data)


@extend_schema(request=PostingOverrideInput, responses=PostingSerializer)
@api_view(["POST"])
def posting_override(request: Request, posting_id: int) -> Response:
    """The central team moves a fast streamer to another offer, with a reason."""
    posting = get_visible_or_404(sel.visible_postings(request.user), posting_id)
    d = validated(PostingOverrideInput, request.data)
    posting = services.override_posting(actor=_actor(request), posting=posting,
                                        offer=_one(PostingOffer, d["offer"], "offer"),
                                        reason=d["reason"])
    return Response(PostingSerializer(posting).data)


class PostingReviewSerializer(serializers.ModelSerializer):
    skills = serializers.SerializerMethodField()

    class Meta:
        model = PostingReview
        fields = ["posting", "rating", "skills", "comments", "reviewed_by", "created_at",
                  "updated_at"]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_skills(self, obj: PostingReview) -> list[int]:
        return [s.pk for s in obj.skills.all()]


class PostingReviewInput(serializers.Serializer):
    rating = serializers.ChoiceField(choices=PostingReview.Rating.choices)
    skills = id_list(max_length=MAX_REVIEW_SKILLS, required=False, default=list)
    comments = serializers.CharField(required=False, allow_blank=True, max_length=LONG_TEXT,
                                     default="")


@extend_schema(methods=["GET"], responses=PostingReviewSerializer)
@extend_schema(methods=["PUT"], request=PostingReviewInput, responses=PostingReviewSerializer)
@api_view(["GET", "PUT"])
def posting_review(request: Request, posting_id: int) -> Response:
    """A posting's review: anyone who sees the posting reads it (404 when none yet); its
    host manager or the central team writes it, and may change it until the posting ends."""
    posting = get_visible_or_404(sel.visible_postings(request.user), posting_id)
    if request.method == "GET":
        review = sel.visible_review(request.user, posting)
        if review is None:
            raise Http404("This posting has no review yet.")
        return Response(PostingReviewSerializer(review).data)
    d = validated(PostingReviewInput, request.data)
    skills = [_one(Skill, pk, "skills") for pk in d["skills"]]
    review = services.review_posting(actor=_actor(request), posting=posting,
                                     rating=d["rating"], skills=skills, comments=d["comments"])
    return Response(PostingReviewSerializer(review).data)


class FastStreamerOutcomeSerializer(serializers.ModelSerializer):
    staff_number = serializers.CharField(source="person.staff_number", read_only=True)
    new_grade = serializers.CharField(source="new_grade.code", read_only=True, default=None)

    class Meta:
        model = FastStreamer
        fields = ["id", "staff_number", "intake", "status", "outcome_on", "left_reason",
                  "new_grade"]


class FastStreamerOutcomeInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=list(services.OUTCOMES))
    on = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=REASON_TEXT,
                                   default="")
    new_grade = serializers.CharField(required=False, allow_blank=True, max_length=40,
                                      default="", help_text="The grade's code (promoted)")


@extend_schema(request=FastStreamerOutcomeInput, responses={
    200: FastStreamerOutcomeSerializer,
    409: OpenApiResponse(ConflictSerializer, description="An outcome is already recorded")})
@api_view(["POST"])
def fast_streamer_outcome(request: Request, fast_streamer_id: int) -> Response:
    """The central team records a fast streamer's outcome, once."""
    streamer = get_visible_or_404(sel.visible_fast_streamers(request.user), fast_streamer_id)
    d = validated(FastStreamerOutcomeInput, request.data)
    grade = None
    if d["new_grade"]:
        grade = Grade.objects.filter(code=d["new_grade"]).first()
        if grade is None:
            raise serializers.ValidationError({"new_grade": f"No grade {d['new_grade']}."})
    streamer = services.record_outcome(actor=_actor(request), fast_streamer_id=streamer.pk,
                                       outcome=d["outcome"], on=d["on"], reason=d["reason"],
                                       new_grade=grade)
    return Response(FastStreamerOutcomeSerializer(streamer).data)


class RetentionCellSerializer(serializers.Serializer):
    years = serializers.IntegerField()
    known = serializers.BooleanField()
    retained = serializers.CharField(allow_null=True,
                                     help_text='A count, or "fewer than 5" / "[c]" when hidden')
    cohort = serializers.CharField(allow_null=True)


class RetentionRowSerializer(serializers.Serializer):
    intake = serializers.IntegerField(source="intake.pk")
    scheme = serializers.CharField(source="intake.scheme.name")
    year = serializers.IntegerField(source="intake.year")
    ends_on = serializers.DateField()
    cells = RetentionCellSerializer(many=True)


@extend_schema(responses=RetentionRowSerializer(many=True))
@api_view(["GET"])
def retention(request: Request) -> Response:
    """Per intake, fast streamers still in the profession 1, 2 and 5 years after the scheme
    ended (central team), with small cells suppressed as on the page."""
    return Response(RetentionRowSerializer(sel.retention(request.user), many=True).data)
