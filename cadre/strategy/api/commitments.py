"""Departmental commitments API (issue 19, area 2): the same selectors and services as the
pages.

- ``GET /api/v1/strategy/commitments/`` (``?strategy=``, ``?action=`` a name or id,
  ``?organisation=ABBR``, ``?kind=``, ``?period=``): entries, paginated;
  ``POST`` enters (or replaces) one organisation's commitment, progress or plan for a period
  (201 when new, 200 when an entry for that kind and period was held): heads of profession
  for their own organisations, the central team for any (others: 403);
- ``GET``/``PATCH .../commitments/<id>/``: one entry; PATCH changes its text or
  not-applicable mark;
- ``GET .../commitments/actions/``: every strategy's actions with their counts;
- ``POST .../commitments/import/``: a ``strategy,action,organisation,kind,period,text`` file
  (multipart, with ``map`` lines, ``create_missing`` and ``dry_run``), the central team;
  400 listing every problem by row and column, nothing written.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_errors import ErrorSerializer, FileErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import MAX_ID, invalid
from cadre.core.tabular import TableError
from cadre.organisations.models import Organisation
from cadre.strategy import commitment_rows
from cadre.strategy.models import Action, CommitmentEntry
from cadre.strategy.selectors import commitments as sel
from cadre.strategy.services import commitments as services

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record")
_DIGITS = re.compile(r"[0-9]+")
MAX_ABBREVIATION = Organisation._meta.get_field("abbreviation").max_length


def _text_param(request: Request, name: str, max_length: int) -> str:
    value = str(request.query_params.get(name) or "").strip()
    if "\x00" in value:
        raise invalid(name, "Contains a NUL character.")
    if len(value) > max_length:
        raise invalid(name, f"Use at most {max_length} characters.")
    return value


def _organisation(value: str, *, field: str = "organisation") -> Organisation:
    raw = value.strip()
    if not raw:
        raise invalid(field, "Give an organisation's abbreviation.")
    if len(raw) > MAX_ABBREVIATION or "\x00" in raw:
        raise invalid(field, f"An organisation's abbreviation has at most {MAX_ABBREVIATION} "
                             "characters.")
    found = Organisation.objects.filter(abbreviation__iexact=raw).first()
    if found is None:
        raise invalid(field, f"No organisation with the abbreviation '{raw[:40]}'.")
    return found


def _action(value: object, *, field: str = "action") -> Action:
    text = str(value if value is not None else "").strip()
    if not _DIGITS.fullmatch(text) or not 1 <= int(text) <= MAX_ID:
        raise invalid(field, "Give the action's id (a whole number).")
    found = Action.objects.select_related("strategy").filter(pk=int(text)).first()
    if found is None:
        raise invalid(field, f"No action with the id {text}.")
    return found


class CommitmentEntrySerializer(serializers.ModelSerializer):
    strategy = serializers.CharField(source="action.strategy.name")
    action = serializers.CharField(source="action.name")
    action_id = serializers.IntegerField(source="action.pk")
    organisation = serializers.CharField(source="organisation.abbreviation")
    organisation_name = serializers.CharField(source="organisation.name")
    kind = serializers.CharField(help_text="commitment, progress or plan")

    class Meta:
        model = CommitmentEntry
        fields = ["id", "strategy", "action", "action_id", "organisation",
                  "organisation_name", "kind", "period", "not_applicable", "text",
                  "entered_at"]


class _AsciiId(serializers.IntegerField):
    """An id of ASCII digits: DRF's ``int()`` would read "١٢" or "１２" as 12."""

    def to_internal_value(self, data: object) -> int:
        if isinstance(data, str) and not _DIGITS.fullmatch(data.strip()):
            self.fail("invalid")
        return super().to_internal_value(data)


class CommitmentEntryInput(serializers.Serializer):
    action = _AsciiId(min_value=1, max_value=MAX_ID, help_text="The action's id.")
    organisation = serializers.CharField(max_length=MAX_ABBREVIATION,
                                         help_text="The organisation's abbreviation.")
    kind = serializers.CharField(max_length=20, help_text="commitment, progress or plan")
    period = serializers.CharField(max_length=commitment_rows.MAX_PERIOD,
                                   help_text="A year (2013) or a month (2012-12).")
    not_applicable = serializers.BooleanField(required=False, default=False)
    text = serializers.CharField(max_length=commitment_rows.MAX_TEXT, required=False,
                                 allow_blank=True, default="",
                                 help_text="Required unless not_applicable.")

    def validate_kind(self, value: str) -> str:
        if value not in commitment_rows.KINDS:
            raise serializers.ValidationError(
                f"Use one of: {', '.join(commitment_rows.KINDS)}.")
        return value

    def validate_period(self, value: str) -> str:
        problem = commitment_rows.period_problem(value.strip())
        if problem:
            raise serializers.ValidationError(problem[0].upper() + problem[1:])
        return value.strip()


class CommitmentEntryChange(serializers.Serializer):
    not_applicable = serializers.BooleanField(required=False)
    text = serializers.CharField(max_length=commitment_rows.MAX_TEXT, required=False,
                                 allow_blank=True)


class CommitmentActionSerializer(serializers.ModelSerializer):
    strategy = serializers.CharField(source="strategy.name")
    organisations = serializers.IntegerField(source="organisation_count")
    entries = serializers.IntegerField(source="entry_count")

    class Meta:
        model = Action
        fields = ["id", "strategy", "name", "organisations", "entries"]


def _entry(pk: int) -> CommitmentEntry:
    found = sel.entries().filter(pk=pk).first()
    if found is None:
        raise Http404("No such entry.")
    return found


_FILTERS = [
    OpenApiParameter("strategy", str, description="A strategy's name."),
    OpenApiParameter("action", str, description="An action's id or name."),
    OpenApiParameter("organisation", str, description="An organisation's abbreviation."),
    OpenApiParameter("kind", str, enum=list(commitment_rows.KINDS)),
    OpenApiParameter("period", str, description="A year (2013) or a month (2012-12)."),
]


@paginated_list
@extend_schema(methods=["GET"], operation_id="strategy_commitments", parameters=_FILTERS,
               responses={200: CommitmentEntrySerializer(many=True), 400: ErrorSerializer})
@extend_schema(methods=["POST"], operation_id="strategy_commitment_save",
               request=CommitmentEntryInput,
               responses={201: CommitmentEntrySerializer, 200: CommitmentEntrySerializer,
                          400: ErrorSerializer, 403: ErrorSerializer})
@api_view(["GET", "POST"])
def entry_list(request: Request) -> Response:
    """Entries, filtered; POST enters one (201), or replaces the one held for the same
    action, organisation, kind and period (200)."""
    if request.method == "POST":
        data = dict(validated(CommitmentEntryInput, request.data))
        action = _action(data.pop("action"))
        organisation = _organisation(data.pop("organisation"))
        saved = services.save_entry(actor=Actor.for_user(request.user), action=action,
                                    organisation=organisation, **data)
        return Response(CommitmentEntrySerializer(_entry(saved.entry.pk)).data,
                        status=status.HTTP_201_CREATED if saved.created else status.HTTP_200_OK)
    action_raw = _text_param(request, "action", commitment_rows.MAX_ACTION)
    organisation_raw = _text_param(request, "organisation", MAX_ABBREVIATION)
    kind = _text_param(request, "kind", 20)
    if kind and kind not in commitment_rows.KINDS:
        raise invalid("kind", f"Use one of: {', '.join(commitment_rows.KINDS)}.")
    rows = sel.entries(
        strategy=_text_param(request, "strategy", commitment_rows.MAX_STRATEGY),
        action=(int(action_raw) if _DIGITS.fullmatch(action_raw) and int(action_raw) <= MAX_ID
                else action_raw),
        organisation=_organisation(organisation_raw) if organisation_raw else None,
        kind=kind, period=_text_param(request, "period", commitment_rows.MAX_PERIOD))
    return paginated_response(request, rows, CommitmentEntrySerializer)


@extend_schema(methods=["GET"], operation_id="strategy_commitment",
               responses={200: CommitmentEntrySerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], operation_id="strategy_commitment_update",
               request=CommitmentEntryChange,
               responses={200: CommitmentEntrySerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND})
@api_view(["GET", "PATCH"])
def entry_detail(request: Request, pk: int) -> Response:
    """One entry; PATCH changes its text or not-applicable mark (the fields sent)."""
    item = _entry(pk)
    if request.method == "PATCH":
        data = validated(CommitmentEntryChange, request.data, partial=True)
        services.update_entry(actor=Actor.for_user(request.user), entry_id=item.pk, **data)
        item = _entry(pk)
    return Response(CommitmentEntrySerializer(item).data)


@paginated_list
@extend_schema(operation_id="strategy_commitment_actions",
               responses={200: CommitmentActionSerializer(many=True)})
@api_view(["GET"])
def action_list(request: Request) -> Response:
    """Every strategy's actions, with how many organisations and entries each has."""
    return paginated_response(request, sel.actions(), CommitmentActionSerializer)


class CommitmentsImportUpload(serializers.Serializer):
    file = serializers.FileField(help_text="CSV or XLSX: strategy, action, organisation, "
                                           "kind, period, text.")
    map = serializers.ListField(
        child=serializers.CharField(max_length=commitment_rows.MAX_ORGANISATION + 32),
        required=False, default=list, max_length=100,
        help_text="'Name in the file=ABBR' pairs for names that match no organisation.")
    create_missing = serializers.BooleanField(required=False, default=False)
    dry_run = serializers.BooleanField(required=False, default=False)


class CommitmentsImportResultSerializer(serializers.Serializer):
    filename = serializers.CharField()
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    organisations = serializers.IntegerField()
    not_applicable = serializers.IntegerField()
    strategies_created = serializers.ListField(child=serializers.CharField())
    actions_created = serializers.ListField(child=serializers.CharField())
    matched = serializers.DictField(child=serializers.CharField(),
                                    help_text="Each name in the file: its abbreviation.")
    created_organisations = serializers.ListField(child=serializers.CharField())
    unused_mappings = serializers.ListField(child=serializers.CharField())


@extend_schema(operation_id="strategy_commitments_import",
               request={"multipart/form-data": CommitmentsImportUpload},
               responses={200: CommitmentsImportResultSerializer, 400: FileErrorSerializer,
                          403: ErrorSerializer})
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser, JSONParser])
def commitments_import(request: Request) -> Response:
    """Import a commitments file: every row valid and every name matched, or 400 listing
    every problem with nothing written. Importing the same file again changes nothing."""
    data = validated(CommitmentsImportUpload, request.data)
    upload = data["file"]
    if upload.size > min(services.MAX_IMPORT_BYTES, settings.CADRE_MAX_UPLOAD_BYTES):
        raise invalid("file", f"The file is larger than "
                              f"{services.MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
    try:
        result = services.import_commitments(
            actor=Actor.for_user(request.user), data=upload.read(), filename=upload.name,
            mappings=data["map"], create_missing=data["create_missing"],
            dry_run=data["dry_run"])
    except TableError as exc:
        return Response({
            "detail": f"{len(exc.errors)} problem(s) in {upload.name}; nothing was imported.",
            "errors": [{"field": e.column or "file", "row": e.row, "column": e.column,
                        "message": e.message} for e in exc.errors],
        }, status=status.HTTP_400_BAD_REQUEST)
    return Response(CommitmentsImportResultSerializer(result).data)
