"""Mentoring API (issue 18 point 2): the same selectors and services as the pages.

Organisers: ``mentoring/schemes/`` lists the schemes they organise and adds one; a scheme's
``GET`` carries an ``ETag`` that a ``PATCH`` sends back as ``If-Match`` (stale: 412);
``schemes/<id>/status/`` opens or closes sign-up; ``schemes/<id>/match/`` runs the matcher
(``dry_run`` returns the proposal and writes nothing). Members: ``mentoring/sign-ups/`` lists
their own sign-ups and signs up; ``mentoring/matches/`` lists their own matches;
``matches/<id>/response/`` accepts or declines (a lost race is 409).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.community import mentoring_match as mm
from cadre.community.models import (
    MAX_MENTORING_CAPACITY,
    MAX_MENTORING_NOTES,
    MAX_MENTORING_SKILLS,
    MentoringCheckIn,
    MentoringMatch,
    MentoringRole,
    MentoringScheme,
    MentoringSignup,
)
from cadre.community.selectors import mentoring as sel
from cadre.community.services import mentoring as services
from cadre.core.actor import Actor
from cadre.core.api_concurrency import if_match, with_etag
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import MAX_ID
from cadre.core.objects import get_visible_or_404

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record, or not one you "
                                                          "can see")
_REFUSED = OpenApiResponse(ErrorSerializer, description="You may not make this change")
_CONFLICT = OpenApiResponse(ConflictSerializer, description="The record changed first")
_STALE = OpenApiResponse(ErrorSerializer, description="If-Match names a version that is no "
                                                      "longer current")


def _actor(request: Request) -> Actor:
    return Actor.for_user(request.user)


# ------------------------------------------------------------------------ serializers


class MentoringSchemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = MentoringScheme
        fields = ["id", "name", "description", "signup_opens", "signup_closes", "status",
                  *services.RULE_FIELDS]


class MentoringSchemeInput(serializers.Serializer):
    name = serializers.CharField(max_length=services.NAME_LENGTH)
    description = serializers.CharField(max_length=MAX_MENTORING_NOTES, required=False,
                                        allow_blank=True)
    signup_opens = serializers.DateField()
    signup_closes = serializers.DateField()
    grade_gap = serializers.IntegerField(min_value=0, max_value=mm.MAX_GRADE_GAP,
                                         required=False)
    grade_tolerance = serializers.IntegerField(min_value=0, max_value=mm.MAX_TOLERANCE,
                                               required=False)
    skill_weight = serializers.IntegerField(min_value=0, max_value=mm.MAX_WEIGHT,
                                            required=False)
    grade_weight = serializers.IntegerField(min_value=0, max_value=mm.MAX_WEIGHT,
                                            required=False)
    location_weight = serializers.IntegerField(min_value=0, max_value=mm.MAX_WEIGHT,
                                               required=False)
    exclude_same_unit = serializers.BooleanField(required=False)
    exclude_same_organisation = serializers.BooleanField(required=False)


class MentoringStatusInput(serializers.Serializer):
    transition = serializers.ChoiceField(choices=["open", "close"])


class MentoringRunInput(serializers.Serializer):
    dry_run = serializers.BooleanField(default=False)
    fingerprint = serializers.CharField(
        required=False, min_length=16, max_length=16,
        help_text="A dry run's fingerprint: the run is refused (409) when its proposal "
                  "differs from the one previewed")


class MentoringProposedRowSerializer(serializers.Serializer):
    scheme = serializers.IntegerField()
    mentee_signup = serializers.IntegerField()
    mentee = serializers.CharField()
    mentor_signup = serializers.IntegerField(allow_null=True)
    mentor = serializers.CharField(allow_blank=True)
    score = serializers.FloatField(allow_null=True)
    explanation = serializers.CharField()


class MentoringRunSerializer(serializers.Serializer):
    scheme = serializers.IntegerField()
    dry_run = serializers.BooleanField()
    run = serializers.IntegerField(allow_null=True, help_text="The run's number; null for a "
                                                              "dry run")
    matched = serializers.IntegerField()
    unmatched = serializers.IntegerField()
    total_score = serializers.FloatField()
    fingerprint = serializers.CharField(help_text="A digest of the proposed pairs")
    rows = MentoringProposedRowSerializer(many=True)


class MentoringSignupSerializer(serializers.ModelSerializer):
    class Meta:
        model = MentoringSignup
        fields = ["id", "scheme", "role", "skills", "capacity", "goals", "status",
                  "created_at"]


class MentoringSignupInput(serializers.Serializer):
    scheme = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    role = serializers.ChoiceField(choices=MentoringRole.values)
    skills = serializers.ListField(child=serializers.IntegerField(min_value=1,
                                                                  max_value=MAX_ID),
                                   min_length=1, max_length=MAX_MENTORING_SKILLS,
                                   help_text="Framework skill ids")
    capacity = serializers.IntegerField(min_value=1, max_value=MAX_MENTORING_CAPACITY,
                                        required=False, help_text="Mentors only")
    goals = serializers.CharField(max_length=MAX_MENTORING_NOTES, required=False,
                                  allow_blank=True)


class MentoringMatchSerializer(serializers.ModelSerializer):
    mentor_name = serializers.CharField(source="mentor.person.full_name", read_only=True)
    mentee_name = serializers.CharField(source="mentee.person.full_name", read_only=True)

    class Meta:
        model = MentoringMatch
        fields = ["id", "scheme", "mentor_name", "mentee_name", "status", "mentor_response",
                  "mentee_response", "score", "explanation", "proposed_at", "started_at",
                  "ended_at", "rating"]


class MentoringCheckInSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.full_name", read_only=True)

    class Meta:
        model = MentoringCheckIn
        fields = ["id", "match", "met_on", "notes", "author_name", "created_at"]


class MentoringCheckInInput(serializers.Serializer):
    met_on = serializers.DateField()
    notes = serializers.CharField(max_length=MAX_MENTORING_NOTES, required=False,
                                  allow_blank=True)


class MentoringReviewInput(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    what_changed = serializers.CharField(max_length=MAX_MENTORING_NOTES)


class MentoringResponseInput(serializers.Serializer):
    response = serializers.ChoiceField(choices=["accept", "decline"])


# ------------------------------------------------------------------------ schemes


def _scheme(request: Request, pk: int) -> MentoringScheme:
    return get_visible_or_404(sel.managed_schemes(request.user), pk,
                              message="No such mentoring scheme, or not one you organise.")


@paginated_list
@extend_schema(methods=["GET"], responses={200: MentoringSchemeSerializer(many=True)})
@extend_schema(methods=["POST"], request=MentoringSchemeInput,
               responses={201: MentoringSchemeSerializer, 403: _REFUSED})
@api_view(["GET", "POST"])
def scheme_list(request: Request) -> Response:
    """The schemes you organise; POST adds one (a draft, with you as an organiser)."""
    if request.method == "POST":
        scheme = services.create_scheme(actor=_actor(request),
                                        **validated(MentoringSchemeInput, request.data))
        return with_etag(Response(MentoringSchemeSerializer(scheme).data,
                                  status=status.HTTP_201_CREATED),
                         MentoringScheme.objects.get(pk=scheme.pk))
    return paginated_response(request, sel.managed_schemes(request.user), MentoringSchemeSerializer)


@extend_schema(methods=["GET"], responses={200: MentoringSchemeSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=MentoringSchemeInput,
               responses={200: MentoringSchemeSerializer, 403: _REFUSED, 404: _NOT_FOUND,
                          412: _STALE})
@api_view(["GET", "PATCH"])
def scheme_detail(request: Request, pk: int) -> Response:
    """One scheme with its matching rules; PATCH changes the fields sent (If-Match)."""
    scheme = _scheme(request, pk)
    if request.method == "PATCH":
        services.update_scheme(actor=_actor(request), scheme=scheme,
                               expected_version=if_match(request),
                               **validated(MentoringSchemeInput, request.data, partial=True))
    scheme = MentoringScheme.objects.get(pk=scheme.pk)
    return with_etag(Response(MentoringSchemeSerializer(scheme).data), scheme)


@extend_schema(request=MentoringStatusInput,
               responses={200: MentoringSchemeSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["POST"])
def scheme_status(request: Request, pk: int) -> Response:
    """Open (from draft or closed) or close (from open) the scheme's sign-up."""
    scheme = _scheme(request, pk)
    scheme = services.set_scheme_status(actor=_actor(request), scheme=scheme,
                                        **validated(MentoringStatusInput, request.data))
    return Response(MentoringSchemeSerializer(scheme).data)


@extend_schema(request=MentoringRunInput,
               responses={200: MentoringRunSerializer, 201: MentoringRunSerializer,
                          404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["POST"])
def match_run(request: Request, pk: int) -> Response:
    """Run the matcher: ``dry_run`` proposes and writes nothing (200); otherwise the matches
    are proposed to both people (201). One row per mentee, matched or not, with why."""
    scheme = _scheme(request, pk)
    values = validated(MentoringRunInput, request.data)
    dry_run = values["dry_run"]
    proposal = services.run_matching(actor=_actor(request), scheme=scheme, dry_run=dry_run,
                                     expected=values.get("fingerprint"))
    data = {"scheme": scheme.pk, "dry_run": dry_run,
            "run": proposal.run.number if proposal.run else None,
            "matched": len(proposal.pairs), "unmatched": len(proposal.unmatched),
            "total_score": proposal.total, "fingerprint": proposal.fingerprint,
            "rows": proposal.rows()}
    return Response(MentoringRunSerializer(data).data,
                    status=status.HTTP_200_OK if dry_run else status.HTTP_201_CREATED)


# ------------------------------------------------------------------------ members


@paginated_list
@extend_schema(methods=["GET"], responses={200: MentoringSignupSerializer(many=True)})
@extend_schema(methods=["POST"], request=MentoringSignupInput,
               responses={201: MentoringSignupSerializer, 400: ErrorSerializer, 403: _REFUSED,
                          404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["GET", "POST"])
def signup_list(request: Request) -> Response:
    """Your own sign-ups; POST signs you up (or again after withdrawing) to an open scheme."""
    if request.method == "POST":
        values = validated(MentoringSignupInput, request.data)
        scheme = get_visible_or_404(sel.visible_schemes(request.user), values.pop("scheme"),
                                    message="No such mentoring scheme, or not one open to "
                                            "you.")
        signup = services.sign_up(actor=_actor(request), scheme=scheme, **values)
        return Response(MentoringSignupSerializer(signup).data, status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.my_signups(request.user), MentoringSignupSerializer)


@paginated_list
@extend_schema(responses={200: MentoringMatchSerializer(many=True)})
@api_view(["GET"])
def match_list(request: Request) -> Response:
    """Your own matches, as mentor or mentee."""
    return paginated_response(request, sel.my_matches(request.user), MentoringMatchSerializer)


@extend_schema(request=MentoringResponseInput,
               responses={200: MentoringMatchSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["POST"])
def match_response(request: Request, pk: int) -> Response:
    """Accept or decline a match proposed to you; a match already answered is 409."""
    found = get_visible_or_404(sel.my_matches(request.user), pk,
                               message="No such match, or not one of yours.")
    match = services.respond(actor=_actor(request), match=found,
                             **validated(MentoringResponseInput, request.data))
    return Response(MentoringMatchSerializer(sel.my_matches(request.user).get(pk=match.pk)).data)


def _my_match(request: Request, pk: int) -> MentoringMatch:
    return get_visible_or_404(sel.my_matches(request.user), pk,
                              message="No such match, or not one of yours.")


@paginated_list
@extend_schema(methods=["GET"], responses={200: MentoringCheckInSerializer(many=True),
                                           404: _NOT_FOUND})
@extend_schema(methods=["POST"], request=MentoringCheckInInput,
               responses={201: MentoringCheckInSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["GET", "POST"])
def match_check_ins(request: Request, pk: int) -> Response:
    """The check-ins of one of your matches; POST records one (an active match only)."""
    found = _my_match(request, pk)
    if request.method == "POST":
        check_in = services.add_check_in(actor=_actor(request), match=found,
                                         **validated(MentoringCheckInInput, request.data))
        return Response(MentoringCheckInSerializer(check_in).data,
                        status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.check_ins(found), MentoringCheckInSerializer)


@extend_schema(request=MentoringReviewInput,
               responses={200: MentoringMatchSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["POST"])
def match_review(request: Request, pk: int) -> Response:
    """End one of your active matches with a review (rating 1 to 5 and what changed)."""
    found = _my_match(request, pk)
    match = services.end_match(actor=_actor(request), match=found,
                               **validated(MentoringReviewInput, request.data))
    return Response(MentoringMatchSerializer(sel.my_matches(request.user).get(pk=match.pk)).data)
