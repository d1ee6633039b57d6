"""API for people: the same selectors (and so the same scope) as the pages."""

from __future__ import annotations

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.access.scope import scope_for
from cadre.core.actor import Actor
from cadre.core.api_concurrency import ETagMixin, if_match, with_etag
from cadre.core.api_errors import ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_output import choice, iso_date, text
from cadre.core.inputs import STAFF_NUMBER_LENGTH
from cadre.core.objects import VisibleObjectMixin, get_visible_or_404, parse_id
from cadre.core.versions import with_history_version
from cadre.organisations.models import Grade, Location, Organisation, Unit
from cadre.people import selectors, services
from cadre.people.models import EmploymentType, Person


class LineManagerField(serializers.PrimaryKeyRelatedField):
    """A line manager by id, chosen from the organisations the caller manages.

    An unknown id and a person the caller may not choose get the same answer, so ids
    cannot be probed."""

    default_error_messages = {
        "does_not_exist": services.LINE_MANAGER_UNKNOWN,
        "incorrect_type": services.LINE_MANAGER_UNKNOWN,
    }

    def get_queryset(self):  # noqa: ANN201
        request = self.context.get("request")
        managed = scope_for(request.user if request else None).managed_organisation_ids
        people = Person.objects.all()
        return people if managed is None else people.filter(organisation_id__in=managed)

    def to_internal_value(self, data: object) -> Person:
        if isinstance(data, bool) or parse_id(data) is None:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class UnitPathField(serializers.SlugRelatedField):
    """A unit by its path; the path is resolved within the person's organisation later
    (the same path may exist in several organisations)."""

    def to_internal_value(self, data: object) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return data.strip()


class PersonSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="abbreviation", queryset=Organisation.objects.all()
    )
    grade = serializers.SlugRelatedField(
        slug_field="code", queryset=Grade.objects.all(), allow_null=True, required=False
    )
    unit = UnitPathField(
        slug_field="path", queryset=Unit.objects.all(), allow_null=True, required=False
    )
    location = serializers.SlugRelatedField(
        slug_field="name", queryset=Location.objects.all(), allow_null=True, required=False
    )
    line_manager = LineManagerField(allow_null=True, required=False)
    employment_type = serializers.ChoiceField(choices=EmploymentType.choices, required=False)

    class Meta:
        model = Person
        fields = [
            "id", "staff_number", "organisation", "first_name", "last_name", "email",
            "job_title", "grade", "unit", "line_manager", "employment_type", "start_date",
            "end_date", "location",
        ]
        validators: list = []

    def to_representation(self, instance: Person) -> dict:
        """The record as DRF's fields would write it, built directly (issue 13, concurrent
        clients): a page of 50 people through each field's ``get_attribute`` and
        ``to_representation`` was the largest part of a people list request's CPU.
        ``tests/test_api_output.py`` checks it against DRF's own output."""
        if type(instance) is not Person:
            return super().to_representation(instance)
        organisation, grade = instance.organisation, instance.grade
        unit, location = instance.unit, instance.location
        return {
            "id": int(instance.pk),
            "staff_number": text(instance.staff_number),
            "organisation": organisation.abbreviation,
            "first_name": text(instance.first_name),
            "last_name": text(instance.last_name),
            "email": text(instance.email),
            "job_title": text(instance.job_title),
            "grade": None if grade is None else grade.code,
            "unit": None if unit is None else unit.path,
            "line_manager": instance.line_manager_id,
            "employment_type": _employment_type(instance.employment_type),
            "start_date": iso_date(instance.start_date),
            "end_date": iso_date(instance.end_date),
            "location": None if location is None else location.name,
        }


_employment_type = choice(EmploymentType.choices)

#: The list's columns, read as values: no model instances for a page (issue 13).
_LIST_COLUMNS = (
    "id", "staff_number", "organisation__abbreviation", "first_name", "last_name", "email",
    "job_title", "grade__code", "unit__path", "line_manager_id", "employment_type",
    "start_date", "end_date", "location__name",
)


def _list_row(row: dict) -> dict:
    """One row of ``_LIST_COLUMNS`` as ``PersonSerializer`` writes the record."""
    return {
        "id": int(row["id"]),
        "staff_number": text(row["staff_number"]),
        "organisation": row["organisation__abbreviation"],
        "first_name": text(row["first_name"]),
        "last_name": text(row["last_name"]),
        "email": text(row["email"]),
        "job_title": text(row["job_title"]),
        "grade": row["grade__code"],
        "unit": row["unit__path"],
        "line_manager": row["line_manager_id"],
        "employment_type": _employment_type(row["employment_type"]),
        "start_date": iso_date(row["start_date"]),
        "end_date": iso_date(row["end_date"]),
        "location": row["location__name"],
    }


class PersonFilter(filters.FilterSet):
    """The list's exact-match filters. Declared once: a viewset's ``filterset_fields``
    makes django-filter build a new FilterSet class on every request."""

    class Meta:
        model = Person
        fields = ["employment_type", "staff_number"]


_IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=False,
    description="The ETag from GET; a record changed since then is refused with 412.",
)
_ETAG = OpenApiParameter(
    "ETag", str, OpenApiParameter.HEADER, response=[200, 412],
    description="The record's version as stored, for If-Match.",
)


@extend_schema_view(
    retrieve=extend_schema(parameters=[_ETAG]),
    list=extend_schema(parameters=[
        OpenApiParameter("search", str, required=False,
                         description="Words to find in names, email, staff number, job title"),
        OpenApiParameter("organisation", str, required=False,
                         description="An organisation's abbreviation"),
    ]),
)
class PersonViewSet(
    ETagMixin, VisibleObjectMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet,
):
    """People in the caller's scope; writes go through ``people.services``."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):  # noqa: ANN201
        qs = selectors.person_list(
            user=self.request.user, search=self.request.query_params.get("search", "")
        )
        org = self.request.query_params.get("organisation")
        if org:
            qs = qs.filter(organisation__abbreviation__iexact=org)
        return qs

    def list(self, request, *args, **kwargs) -> Response:  # noqa: ANN001, ANN002, ANN003
        # A page of people read as values, each written as PersonSerializer writes it:
        # no model instances for a page (issue 13). A cursor walk reads instances.
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        if page is None:
            return Response(self.get_serializer(queryset, many=True).data)
        if getattr(self.paginator, "rows_used", False):
            return self.get_paginated_response(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @staticmethod
    def page_rows(queryset: QuerySet) -> list[dict]:
        """The people of ``queryset`` as the list writes them (``CadrePagination``)."""
        return [_list_row(row) for row in queryset.values(*_LIST_COLUMNS)]

    def create(self, request, *args, **kwargs) -> Response:  # noqa: ANN001, ANN002, ANN003
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        if not scope_for(request.user).manages(organisation):
            raise PermissionDenied("You cannot add people to that organisation.")
        if "unit" in data:
            data["unit"] = _unit_in(organisation, data["unit"])
        person = services.create_person(actor=request.user, organisation=organisation, **data)
        return Response(self.get_serializer(person).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_IF_MATCH, _ETAG], responses={
        200: PersonSerializer,
        412: OpenApiResponse(ErrorSerializer, description="Stale If-Match")})
    def partial_update(self, request, *args, **kwargs) -> Response:  # noqa: ANN001, ANN002, ANN003
        return self.update(request, *args, **kwargs)

    def update(self, request, *args, **kwargs) -> Response:  # noqa: ANN001, ANN002, ANN003
        person = get_visible_or_404(
            selectors.visible_people(request.user).select_related("organisation"),
            kwargs["pk"])
        # selectors.can_edit_person without its query (the person is read already), with
        # the "manages" answer kept for the fields below.
        managing = scope_for(request.user).manages(person.organisation_id)
        own = person.account_id is not None and person.account_id == request.user.pk
        if not (managing or own):
            raise PermissionDenied("You cannot change this record.")
        serializer = self.get_serializer(person, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        if changes.pop("organisation", person.organisation) != person.organisation:
            raise serializers.ValidationError(
                {"organisation": "Moving a person between organisations is a managed move."}
            )
        if "unit" in changes:
            changes["unit"] = _unit_in(person.organisation, changes["unit"])
        if not managing:
            refused = sorted(set(changes) - set(services.SELF_EDITABLE_FIELDS))
            if refused:
                raise PermissionDenied(f"You cannot change: {', '.join(refused)}.")
        person = services.update_person(
            actor=request.user, person=person, if_match=if_match(request), **changes)
        # The record as stored, its related names and its version in one query.
        stored = with_history_version(
            Person.objects.select_related("organisation", "grade", "unit", "location")
        ).get(pk=person.pk)
        return with_etag(Response(self.get_serializer(stored).data), stored)


def _unit_in(organisation: Organisation, path: str | None) -> Unit | None:
    """The unit with ``path`` in ``organisation``, or a 400 naming ``unit``."""
    if not path:
        return None
    unit = Unit.objects.filter(organisation=organisation, path=path).first()
    if unit is None:
        raise serializers.ValidationError(
            {"unit": f"No unit '{path[:100]}' in {organisation.abbreviation}."})
    return unit


class AccountLinkInput(serializers.Serializer):
    """The account (by email) and the person (organisation abbreviation and staff number)."""

    email = serializers.EmailField(max_length=254)
    organisation = serializers.CharField(max_length=50)
    staff_number = serializers.CharField(max_length=STAFF_NUMBER_LENGTH)


class AccountLinkSerializer(serializers.Serializer):
    person = serializers.IntegerField(help_text="The person record's id.")
    organisation = serializers.CharField()
    staff_number = serializers.CharField()
    email = serializers.EmailField(help_text="The linked account's email.")


@extend_schema(operation_id="people_account_link", request=AccountLinkInput,
               responses={200: AccountLinkSerializer})
@api_view(["POST"])
def account_link(request: Request) -> Response:
    """Link a sign-in account to a person record (administrators; heads of profession for
    their organisations' people). An unknown person and one outside the caller's reach get
    the same 400; a person or account already linked elsewhere is refused."""
    d = validated(AccountLinkInput, request.data)
    person = services.link_account_by_keys(
        actor=Actor.for_user(request.user), email=d["email"],
        organisation=d["organisation"], staff_number=d["staff_number"])
    return Response({"person": person.pk, "organisation": person.organisation.abbreviation,
                     "staff_number": person.staff_number, "email": person.account.email})
