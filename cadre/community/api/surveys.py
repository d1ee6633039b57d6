"""API for perception surveys: the same selectors and services as the pages.

- ``GET``/``POST /api/v1/community/surveys/``: the surveys the account sees (drafts for
  survey organisers only); POST creates a draft (``baseline`` names a baseline survey);
- ``GET``/``PATCH .../surveys/<id>/``: one survey with its items (``ETag``; PATCH takes
  ``If-Match``);
- ``POST .../surveys/<id>/items/``: add a statement or question to a draft;
- ``POST .../surveys/<id>/open/`` and ``.../close/``: the workflow (409 when it moved on);
- ``POST .../surveys/<id>/responses/``: answer an open survey once (204, nothing returned:
  not even the response's key); 409 for a second response;
- ``GET .../surveys/<id>/results/`` and ``.../change/``: figures suppressed below 10
  responses (a hidden group's figures are null and ``note`` says why).
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.community import survey_stats as st
from cadre.community.models import (
    MAX_SURVEY_DESCRIPTION,
    MAX_SURVEY_ITEM_TEXT,
    MAX_SURVEY_TITLE,
    ItemKind,
    Survey,
    SurveyItem,
)
from cadre.community.selectors import surveys as sel
from cadre.community.services import surveys as services
from cadre.core.actor import Actor
from cadre.core.api_concurrency import if_match, with_etag
from cadre.core.api_errors import Conflict, ErrorSerializer
from cadre.core.api_kit import validated

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such survey")


class SurveyItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = SurveyItem
        fields = ["id", "position", "kind", "text", "baseline_item"]


class SurveySerializer(serializers.ModelSerializer):
    items = SurveyItemSerializer(many=True, read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = Survey
        fields = ["id", "title", "description", "baseline", "state", "state_label",
                  "opens_on", "closes_on", "items"]


class SurveyInput(serializers.Serializer):
    title = serializers.CharField(max_length=MAX_SURVEY_TITLE)
    description = serializers.CharField(max_length=MAX_SURVEY_DESCRIPTION, required=False,
                                        allow_blank=True, default="")
    baseline = serializers.IntegerField(min_value=1, required=False, allow_null=True,
                                        default=None, help_text="A baseline survey's id.")
    opens_on = serializers.DateField(required=False, allow_null=True, default=None)
    closes_on = serializers.DateField(required=False, allow_null=True, default=None)


class SurveyPatch(serializers.Serializer):
    title = serializers.CharField(max_length=MAX_SURVEY_TITLE, required=False)
    description = serializers.CharField(max_length=MAX_SURVEY_DESCRIPTION, required=False,
                                        allow_blank=True)
    opens_on = serializers.DateField(required=False, allow_null=True)
    closes_on = serializers.DateField(required=False, allow_null=True)


class SurveyItemInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ItemKind.choices)
    text = serializers.CharField(max_length=MAX_SURVEY_ITEM_TEXT)


class SurveyResponseInput(serializers.Serializer):
    scores = serializers.DictField(
        child=serializers.JSONField(),
        help_text="Every statement's id to a whole number from 1 (strongly disagree) to 5 "
                  "(strongly agree).")
    comments = serializers.DictField(child=serializers.CharField(allow_blank=True),
                                     required=False, default=dict,
                                     help_text="Free-text questions' ids to answers.")


def _survey(request: Request, pk: int) -> Survey:
    survey = sel.visible_survey(request.user, pk)
    if survey is None:
        raise Http404("No such survey.")
    return survey


@extend_schema(methods=["GET"], responses={200: SurveySerializer(many=True)})
@extend_schema(methods=["POST"], request=SurveyInput,
               responses={201: SurveySerializer, 400: ErrorSerializer})
@api_view(["GET", "POST"])
def survey_list(request: Request) -> Response:
    """The surveys the account sees; POST creates a draft (survey organisers)."""
    if request.method == "POST":
        survey = services.create_survey(actor=Actor.for_user(request.user),
                                        **validated(SurveyInput, request.data))
        return Response(SurveySerializer(survey).data, status=status.HTTP_201_CREATED)
    return Response(SurveySerializer(sel.surveys_for(request.user), many=True).data)


@extend_schema(methods=["GET"], responses={200: SurveySerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=SurveyPatch,
               responses={200: SurveySerializer, 400: ErrorSerializer, 404: _NOT_FOUND,
                          409: ErrorSerializer, 412: ErrorSerializer})
@api_view(["GET", "PATCH"])
def survey_detail(request: Request, pk: int) -> Response:
    """One survey with its statements and questions."""
    survey = _survey(request, pk)
    if request.method == "PATCH":
        data = validated(SurveyPatch, request.data, partial=True)
        values = {"title": survey.title, "description": survey.description,
                  "opens_on": survey.opens_on, "closes_on": survey.closes_on, **data}
        survey = services.update_survey(actor=Actor.for_user(request.user),
                                        survey_id=survey.pk, if_match=if_match(request),
                                        **values)
    survey.refresh_from_db()
    return with_etag(Response(SurveySerializer(survey).data), survey)


@extend_schema(request=SurveyItemInput, responses={201: SurveyItemSerializer, 400: ErrorSerializer,
                                             404: _NOT_FOUND, 409: ErrorSerializer})
@api_view(["POST"])
def survey_items(request: Request, pk: int) -> Response:
    """Add a statement or question to a draft survey."""
    survey = _survey(request, pk)
    item = services.add_item(actor=Actor.for_user(request.user), survey_id=survey.pk,
                             **validated(SurveyItemInput, request.data))
    return Response(SurveyItemSerializer(item).data, status=status.HTTP_201_CREATED)


def _step(request: Request, pk: int, step: str) -> Response:
    survey = _survey(request, pk)
    run = services.open_survey if step == "open" else services.close_survey
    survey = run(actor=Actor.for_user(request.user), survey_id=survey.pk)
    return Response(SurveySerializer(survey).data)


_STEP = {200: SurveySerializer, 400: ErrorSerializer, 404: _NOT_FOUND, 409: ErrorSerializer}


@extend_schema(request=None, responses=_STEP)
@api_view(["POST"])
def survey_open(request: Request, pk: int) -> Response:
    """Open a draft survey for answers."""
    return _step(request, pk, "open")


@extend_schema(request=None, responses=_STEP)
@api_view(["POST"])
def survey_close(request: Request, pk: int) -> Response:
    """Close an open survey."""
    return _step(request, pk, "close")


RecordedSerializer = inline_serializer("CommunitySurveyRecorded", fields={
    "survey": serializers.IntegerField(), "recorded": serializers.BooleanField()})


@extend_schema(request=SurveyResponseInput,
               responses={201: RecordedSerializer, 400: ErrorSerializer, 404: _NOT_FOUND,
                          409: ErrorSerializer})
@api_view(["POST"])
def survey_responses(request: Request, pk: int) -> Response:
    """Answer an open survey, once, anonymously: a response is created, but nothing that
    could find it again comes back (no key, no address)."""
    survey = _survey(request, pk)
    data = validated(SurveyResponseInput, request.data)
    services.respond(actor=Actor.for_user(request.user), survey_id=survey.pk,
                     scores=data["scores"], comments=data.get("comments") or {})
    return Response({"survey": survey.pk, "recorded": True}, status=status.HTTP_201_CREATED)


_NUMBER = serializers.FloatField(allow_null=True)

ResultsSerializer = inline_serializer("CommunitySurveyResults", fields={
    "survey": serializers.IntegerField(), "threshold": serializers.IntegerField(),
    "responses": serializers.IntegerField(allow_null=True,
                                          help_text="Null when fewer than 10."),
    "rows": inline_serializer("CommunitySurveyResultRow", many=True, fields={
        "breakdown": serializers.CharField(), "group": serializers.CharField(),
        "statement": serializers.CharField(),
        "responses": serializers.IntegerField(allow_null=True), "mean": _NUMBER,
        "share_agreeing_percent": _NUMBER, "note": serializers.CharField()}),
    "free_text": inline_serializer("CommunitySurveyFreeText", many=True, fields={
        "question": serializers.CharField(),
        "answers": serializers.ListField(child=serializers.CharField())}),
})


@extend_schema(responses={200: ResultsSerializer, 404: _NOT_FOUND, 409: ErrorSerializer})
@api_view(["GET"])
def survey_results(request: Request, pk: int) -> Response:
    """Per statement, overall, by organisation and by role family, suppressed below 10."""
    survey = _survey(request, pk)
    try:
        found = sel.results(survey)
    except sel.ResultsNotPublished as error:
        raise Conflict(str(error)) from error
    _, texts = sel.free_text(survey)
    return Response({
        "survey": survey.pk, "threshold": st.THRESHOLD,
        "responses": found.total if found.total >= st.THRESHOLD else None,
        "rows": sel.result_rows(found),
        "free_text": [{"question": q.text, "answers": answers} for q, answers in texts]})


ChangeSerializer = inline_serializer("CommunitySurveyChange", fields={
    "survey": serializers.IntegerField(), "baseline": serializers.IntegerField(),
    "threshold": serializers.IntegerField(), "confidence": serializers.FloatField(),
    "rows": inline_serializer("CommunitySurveyChangeRow", many=True, fields={
        "statement": serializers.CharField(),
        **{name: serializers.FloatField(allow_null=True)
           for name in sel.CHANGE_COLUMNS if name not in ("statement", "note")},
        "note": serializers.CharField()}),
})


@extend_schema(responses={200: ChangeSerializer, 404: _NOT_FOUND, 409: ErrorSerializer})
@api_view(["GET"])
def survey_change(request: Request, pk: int) -> Response:
    """A repeat survey's change from its baseline, per statement, with 95% intervals."""
    survey = _survey(request, pk)
    if survey.baseline_id is None:
        raise Http404("A baseline survey has no change from a baseline.")
    try:
        changes = sel.change(survey)
    except sel.ResultsNotPublished as error:
        raise Conflict(str(error)) from error
    return Response({"survey": survey.pk, "baseline": survey.baseline_id,
                     "threshold": st.THRESHOLD, "confidence": st.CONFIDENCE,
                     "rows": sel.change_rows(changes)})


__all__ = ["survey_change", "survey_close", "survey_detail", "survey_items", "survey_list",
           "survey_open", "survey_responses", "survey_results"]
