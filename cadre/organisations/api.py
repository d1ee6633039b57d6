"""API for organisations and grades (reference data every signed-in account may read)."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.api_errors import ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_output import choice, iso_date, text
from cadre.organisations import selectors, services
from cadre.organisations.models import (
    MAX_ABBREVIATION,
    MAX_CHANGE_NOTE,
    MAX_ORGANISATION_NAME,
    ChangeKind,
    Grade,
    Organisation,
    OrganisationChange,
    OrganisationName,
    OrganisationType,
    Unit,
)


class OrganisationSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="abbreviation", queryset=Organisation.objects.all(), allow_null=True,
        required=False,
    )

    class Meta:
        model = Organisation
        fields = ["id", "name", "abbreviation", "type", "parent", "active_from", "active_to"]

    def to_representation(self, instance: Organisation) -> dict:
        """What DRF's fields would write, built directly (issue 13: the list is read by
        every API client; ``tests/test_api_output.py`` checks it against DRF's output)."""
        if type(instance) is not Organisation:
            return super().to_representation(instance)
        parent = instance.parent
        return {
            "id": int(instance.pk),
            "name": text(instance.name),
            "abbreviation": text(instance.abbreviation),
            "type": _organisation_type(instance.type),
            "parent": None if parent is None else parent.abbreviation,
            "active_from": iso_date(instance.active_from),
            "active_to": iso_date(instance.active_to),
        }


_organisation_type = choice(OrganisationType.choices)


class OrganisationFilter(filters.FilterSet):
    """Declared once (``filterset_fields`` builds a FilterSet class per request)."""

    class Meta:
        model = Organisation
        fields = ["type", "abbreviation"]


class GradeSerializer(serializers.ModelSerializer):
    civil_service_equivalent = serializers.SlugRelatedField(slug_field="code", read_only=True,
                                                            allow_null=True)

    class Meta:
        model = Grade
        fields = ["id", "code", "name", "scheme", "rank", "civil_service_equivalent",
                  "is_senior_civil_service"]


class UnitSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="abbreviation", read_only=True)
    parent = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Unit
        fields = ["id", "organisation", "parent", "name", "path"]


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter(
    "organisation", str, required=False, description="An organisation's abbreviation")]))
class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """The unit tree of organisations; filter with ``?organisation=ABBR``."""

    serializer_class = UnitSerializer

    def get_queryset(self):  # noqa: ANN201
        qs = Unit.objects.select_related("organisation").order_by("organisation_id", "path")
        org = self.request.query_params.get("organisation")
        return qs.filter(organisation__abbreviation__iexact=org) if org else qs


class OrganisationFormerNameSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="abbreviation", read_only=True)

    class Meta:
        model = OrganisationName
        fields = ["id", "organisation", "name", "abbreviation", "valid_from", "valid_to"]


class OrganisationFormerNameInput(serializers.Serializer):
    name = serializers.CharField(max_length=MAX_ORGANISATION_NAME)
    abbreviation = serializers.CharField(max_length=MAX_ABBREVIATION, required=False,
                                         allow_blank=True, default="")
    valid_from = serializers.DateField(required=False, allow_null=True, default=None)
    valid_to = serializers.DateField(required=False, allow_null=True, default=None)


class OrganisationReferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    abbreviation = serializers.CharField()


class OrganisationChangeSerializer(serializers.ModelSerializer):
    predecessor = OrganisationReferenceSerializer(read_only=True)
    successor = OrganisationReferenceSerializer(read_only=True, allow_null=True)

    class Meta:
        model = OrganisationChange
        fields = ["id", "kind", "date", "predecessor", "successor", "note"]


class OrganisationChangeInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ChangeKind.choices)
    date = serializers.DateField()
    successor = serializers.SlugRelatedField(
        slug_field="abbreviation", queryset=Organisation.objects.all(), required=False,
        allow_null=True, default=None,
        help_text="The abbreviation of the organisation that took over (none for a closure)")
    note = serializers.CharField(max_length=MAX_CHANGE_NOTE, required=False, allow_blank=True,
                                 default="")


_BAD = OpenApiResponse(ErrorSerializer, description="A value is missing or out of range")


class OrganisationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
    mixins.UpdateModelMixin, viewsets.GenericViewSet,
):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):  # noqa: ANN201
        return selectors.organisation_list()

    def perform_create(self, serializer: OrganisationSerializer) -> None:
        serializer.instance = services.create_organisation(
            actor=self.request.user, **serializer.validated_data
        )

    def update(self, request, *args, **kwargs) -> Response:  # noqa: ANN001, ANN002, ANN003
        organisation = self.get_object()
        serializer = self.get_serializer(organisation, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.update_organisation(
            actor=request.user, organisation=organisation, **serializer.validated_data
        )
        return Response(self.get_serializer(organisation).data)

    @extend_schema(
        methods=["GET"], summary="Former names of an organisation",
        responses={200: OrganisationFormerNameSerializer(many=True)})
    @extend_schema(
        methods=["POST"], summary="Add a former name (central team and administrators)",
        request=OrganisationFormerNameInput,
        responses={201: OrganisationFormerNameSerializer, 400: _BAD})
    @action(detail=True, methods=["get", "post"], url_path="former-names",
            url_name="former-names", pagination_class=None, filterset_class=None)
    def former_names(self, request: Request, pk: str | None = None) -> Response:
        """The names the organisation was known by before, oldest first."""
        organisation = self.get_object()
        if request.method == "POST":
            data = validated(OrganisationFormerNameInput, request.data)
            former = services.add_former_name(actor=request.user, organisation=organisation,
                                              **data)
            return Response(OrganisationFormerNameSerializer(former).data,
                            status=status.HTTP_201_CREATED)
        return Response(OrganisationFormerNameSerializer(
            selectors.former_names(organisation), many=True).data)

    @extend_schema(
        methods=["GET"], summary="Machinery-of-government changes of an organisation",
        responses={200: OrganisationChangeSerializer(many=True)})
    @extend_schema(
        methods=["POST"],
        summary="Record a change to this organisation (central team and administrators)",
        description="The organisation is the one that changed (the predecessor). Unless the "
                    "change is a transfer of functions, it is closed on the change's date.",
        request=OrganisationChangeInput, responses={201: OrganisationChangeSerializer, 400: _BAD})
    @action(detail=True, methods=["get", "post"], url_path="changes", url_name="changes",
            pagination_class=None, filterset_class=None)
    def changes(self, request: Request, pk: str | None = None) -> Response:
        """Changes the organisation took part in (before or after), oldest first."""
        organisation = self.get_object()
        if request.method == "POST":
            data = validated(OrganisationChangeInput, request.data)
            change = services.record_change(actor=request.user, predecessor=organisation,
                                            **data)
            return Response(OrganisationChangeSerializer(change).data,
                            status=status.HTTP_201_CREATED)
        return Response(OrganisationChangeSerializer(
            selectors.organisation_changes(organisation), many=True).data)


class GradeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = GradeSerializer
    filterset_fields = ["scheme"]

    def get_queryset(self):  # noqa: ANN201
        return selectors.grade_list()
