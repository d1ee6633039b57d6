"""API for CPD records: the same selectors and services as the pages.

``GET``/``POST /api/v1/accreditation/cpd/`` lists and adds the caller's own records (a
head of profession or the central team reads someone else's with ``?person=ID``);
``GET``/``PATCH``/``DELETE /api/v1/accreditation/cpd/<id>/`` reads, changes or removes one.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.accreditation.models import MAX_CPD_HOURS, MAX_CPD_RECORD_CREDITS, CpdCategory, CpdRecord
from cadre.accreditation.selectors import cpd as sel
from cadre.accreditation.services import cpd as services
from cadre.core.actor import Actor
from cadre.core.api_errors import ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import LONG_TEXT, SHORT_TEXT, parse_id
from cadre.people.models import Person


class CpdRecordSerializer(serializers.ModelSerializer):
    link = serializers.CharField(help_text="A web address, or empty.")

    class Meta:
        model = CpdRecord
        fields = ["id", "person", "activity", "category", "completed_on", "credits", "hours",
                  "evidence", "link", "source", "created_at"]


class CpdInput(serializers.Serializer):
    activity = serializers.CharField(max_length=200)
    category = serializers.ChoiceField(choices=CpdCategory.choices)
    completed_on = serializers.DateField()
    credits = serializers.IntegerField(min_value=0, max_value=MAX_CPD_RECORD_CREDITS, default=0)
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0,
                                     max_value=MAX_CPD_HOURS, required=False, allow_null=True)
    evidence = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True,
                                     default="")
    link = serializers.URLField(max_length=SHORT_TEXT, required=False, allow_blank=True,
                                default="")


_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record or person, or the "
                             "account has no person record")


def _person(request: Request) -> Person | None:
    """``?person=ID`` if the caller may see their records, else the caller's own person
    (None for an account without one: an empty list)."""
    raw = request.query_params.get("person")
    if raw is None:
        return getattr(request.user, "person", None)
    person = Person.objects.filter(pk=parse_id(raw, field="person")).first()
    if person is None or not sel.may_see_records_of(request.user, person):
        raise Http404("No such person.")
    return person


def _record(request: Request, pk: int) -> CpdRecord:
    record = CpdRecord.objects.select_related("person").filter(pk=pk).first()
    if record is None or not sel.may_see_records_of(request.user, record.person):
        raise Http404("No such CPD record.")
    return record


@paginated_list
@extend_schema(methods=["GET"], responses={200: CpdRecordSerializer(many=True), 404: _NOT_FOUND},
               parameters=[OpenApiParameter("person", int, description="Another person's "
                                            "records (their heads of profession, the central "
                                            "team).")])
@extend_schema(methods=["POST"], request=CpdInput, responses={
    201: CpdRecordSerializer,
    404: _NOT_FOUND})
@api_view(["GET", "POST"])
def cpd_list(request: Request) -> Response:
    """The caller's CPD records (or ``?person=ID``'s), newest first; POST adds one to the
    caller's own."""
    if request.method == "POST":
        person = getattr(request.user, "person", None)
        if person is None:
            raise Http404("Your account is not linked to a person record.")
        record = services.record_cpd(actor=Actor.for_user(request.user), person=person,
                                     **validated(CpdInput, request.data))
        return Response(CpdRecordSerializer(record).data, status=status.HTTP_201_CREATED)
    person = _person(request)
    records = CpdRecord.objects.none() if person is None else sel.records_of(request.user, person)
    return paginated_response(request, records, CpdRecordSerializer)


@extend_schema(methods=["GET"], responses={200: CpdRecordSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=CpdInput,
               responses={200: CpdRecordSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["DELETE"], responses={204: None, 404: _NOT_FOUND})
@api_view(["GET", "PATCH", "DELETE"])
def cpd_detail(request: Request, pk: int) -> Response:
    """One CPD record; PATCH changes the fields sent; DELETE removes it."""
    record = _record(request, pk)
    actor = Actor.for_user(request.user)
    if request.method == "PATCH":
        record = services.update_cpd(actor=actor, record_id=record.pk,
                                     **validated(CpdInput, request.data, partial=True))
    elif request.method == "DELETE":
        services.delete_cpd(actor=actor, record_id=record.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
    return Response(CpdRecordSerializer(record).data)
