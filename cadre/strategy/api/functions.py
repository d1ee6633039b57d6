"""The retained ICT function API (issue 19, area 4): the same selectors and services as the
pages.

- ``GET /api/v1/strategy/functions/``: the taxonomy, each function with the families and
  levels it needs and the reference models keeping it in house;
- ``GET .../strategy/operating-models/``: the reference models and their functions;
- ``GET .../strategy/function-matrix/?organisation=ABBR``: recorded matrix rows (every
  organisation's without the filter), each with its check and flag;
- ``GET``/``PUT .../strategy/function-matrix/<ABBR>/<function id>/``: one row; ``PUT``
  records it (send the ``version`` you read, 0 for a new row: a stale one is a 409);
- ``GET .../strategy/function-checks/<ABBR>/``: the flags and the skills need against
  coverage (counts of 1 to 4 people hidden as "fewer than 5", ``[c]`` when hidden so that
  one cannot be worked out);
- ``GET .../strategy/function-retention/``: per function, the models and organisations that
  keep it in house.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.inputs import invalid
from cadre.organisations.models import Organisation
from cadre.strategy import function_checks as fc
from cadre.strategy.models import IctFunction, Maturity, Sourcing
from cadre.strategy.selectors import functions as sel
from cadre.strategy.services import functions as services

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record")
_CONFLICT = OpenApiResponse(ConflictSerializer, description="Changed since you read it (409)")
_ORG = OpenApiParameter("organisation", str, description="An organisation's abbreviation.")
MAX_ABBREVIATION = Organisation._meta.get_field("abbreviation").max_length


def _organisation_param(value: str | None) -> Organisation | None:
    raw = (value or "").strip()
    if not raw:
        return None
    if "\x00" in raw:
        raise invalid("organisation", "The abbreviation contains a NUL character.")
    if len(raw) > MAX_ABBREVIATION:
        raise invalid("organisation", f"An organisation's abbreviation has at most "
                                      f"{MAX_ABBREVIATION} characters.")
    found = Organisation.objects.filter(abbreviation__iexact=raw).first()
    if found is None:
        raise invalid("organisation", f"No organisation with the abbreviation '{raw[:40]}'.")
    return found


def _organisation(abbreviation: str) -> Organisation:
    text = abbreviation.strip()
    found = (None if "\x00" in text or len(text) > MAX_ABBREVIATION
             else Organisation.objects.filter(abbreviation__iexact=text).first())
    if found is None:
        raise Http404("No such organisation.")
    return found


class IctFunctionNeedSerializer(serializers.Serializer):
    family = serializers.CharField()
    level = serializers.CharField(help_text="The lowest level needed: " + ", ".join(
        fc.LEVEL_WORDS) + ".")


class IctFunctionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    needs = IctFunctionNeedSerializer(many=True)
    retained_in = serializers.ListField(child=serializers.CharField(),
                                        help_text="Keys of the reference models keeping it.")


def _function_data(f: IctFunction) -> dict:
    return {"id": f.pk, "key": f.key, "name": f.name, "description": f.description,
            "needs": [{"family": n.family, "level": fc.RANK_WORDS[n.rank]}
                      for n in sel.needs_of(f)],
            "retained_in": [m.key for m in f.operating_models.all()]}


@extend_schema(operation_id="strategy_functions", responses={200: IctFunctionSerializer(many=True)})
@api_view(["GET"])
def functions(request: Request) -> Response:
    """The ICT function taxonomy in its order."""
    return Response(IctFunctionSerializer([_function_data(f) for f in sel.functions()],
                                       many=True).data)


class IctOperatingModelSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    retained = serializers.ListField(child=serializers.CharField(),
                                     help_text="Keys of the functions it keeps in house.")


@extend_schema(operation_id="strategy_operating_models",
               responses={200: IctOperatingModelSerializer(many=True)})
@api_view(["GET"])
def operating_models(request: Request) -> Response:
    """The reference operating models (centralised, federated, minimal)."""
    rows = [{"key": m.key, "name": m.name, "description": m.description,
             "retained": [f.key for f in m.retained.all()]} for m in sel.operating_models()]
    return Response(IctOperatingModelSerializer(rows, many=True).data)


class IctMatrixRowSerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text="Abbreviation")
    organisation_name = serializers.CharField()
    function = serializers.CharField(help_text="The function's key")
    function_name = serializers.CharField()
    sourcing = serializers.ChoiceField(choices=Sourcing.choices)
    maturity = serializers.ChoiceField(choices=Maturity.choices)
    evidence = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField()
    updated_at = serializers.CharField()
    retained = serializers.BooleanField(help_text="In house or mixed.")
    status = serializers.ChoiceField(choices=["not_retained", "ok", "gap", "nobody"])
    flagged = serializers.BooleanField(help_text="Kept in house with nobody in the families "
                                                 "it needs.")
    check = serializers.CharField(help_text="The check in words.")


@extend_schema(operation_id="strategy_function_matrix", parameters=[_ORG],
               responses={200: IctMatrixRowSerializer(many=True), 400: ErrorSerializer})
@api_view(["GET"])
def matrix(request: Request) -> Response:
    """Recorded matrix rows with their checks (of one organisation with ``?organisation=``)."""
    organisation = _organisation_param(request.query_params.get("organisation"))
    return Response(IctMatrixRowSerializer(sel.entry_rows(organisation), many=True).data)


class IctSourcingInput(serializers.Serializer):
    sourcing = serializers.ChoiceField(choices=Sourcing.choices)
    maturity = serializers.ChoiceField(choices=Maturity.choices)
    evidence = serializers.CharField(max_length=fc.MAX_EVIDENCE, required=False,
                                     allow_blank=True, default="")
    version = serializers.IntegerField(required=False, allow_null=True, min_value=0,
                                       max_value=999_999_999, default=None,
                                       help_text="The version you read (0: there was no "
                                                 "entry); a stale one is a 409.")


@extend_schema(methods=["GET"], operation_id="strategy_function_entry",
               responses={200: IctMatrixRowSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PUT"], operation_id="strategy_function_entry_record",
               request=IctSourcingInput,
               responses={200: IctMatrixRowSerializer, 201: IctMatrixRowSerializer,
                          400: ErrorSerializer, 403: ErrorSerializer, 404: _NOT_FOUND,
                          409: _CONFLICT})
@api_view(["GET", "PUT"])
def entry(request: Request, abbreviation: str, function_id: int) -> Response:
    """One function of an organisation's matrix; PUT records it (heads of profession for
    their organisations, the central team): 201 when it was not recorded before."""
    organisation = _organisation(abbreviation)
    function = IctFunction.objects.filter(pk=function_id).first()
    if function is None:
        raise Http404("No such function.")
    created = False
    if request.method == "PUT":
        data = validated(IctSourcingInput, request.data)
        created = not sel.entries(organisation).filter(function=function).exists()
        services.record_sourcing(actor=Actor.for_user(request.user), organisation=organisation,
                                 function=function, sourcing=data["sourcing"],
                                 maturity=data["maturity"], evidence=data["evidence"],
                                 expected_version=data["version"])
    found, check = sel.entry_with_check(organisation, function)
    if found is None or check is None:
        raise Http404("Not recorded.")
    return Response(IctMatrixRowSerializer(sel.entry_row(found, check)).data,
                    status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class IctFunctionFlagSerializer(serializers.Serializer):
    function = serializers.CharField()
    function_name = serializers.CharField()
    status = serializers.CharField()
    check = serializers.CharField()


class IctNeedLineSerializer(serializers.Serializer):
    family = serializers.CharField()
    level = serializers.CharField()
    functions = serializers.ListField(child=serializers.CharField())
    people = serializers.CharField(help_text='A count, "fewer than 5" or "[c]".')
    covered = serializers.BooleanField(help_text="Someone is at that level or above.")


class IctModelComparisonSerializer(serializers.Serializer):
    model = serializers.CharField()
    differences = serializers.IntegerField()
    retained_not_in_model = serializers.ListField(child=serializers.CharField())
    in_model_not_retained = serializers.ListField(child=serializers.CharField())


class IctFunctionChecksSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    recorded = serializers.IntegerField()
    flags = IctFunctionFlagSerializer(many=True)
    gaps = IctFunctionFlagSerializer(many=True)
    need = IctNeedLineSerializer(many=True)
    models = IctModelComparisonSerializer(many=True)
    suppression = serializers.CharField()


@extend_schema(operation_id="strategy_function_checks",
               responses={200: IctFunctionChecksSerializer, 404: _NOT_FOUND})
@api_view(["GET"])
def checks(request: Request, abbreviation: str) -> Response:
    """The organisation's flags, gaps, skills need against coverage, and models."""
    from cadre.core.suppression import legend

    organisation = _organisation(abbreviation)
    found = sel.checks(organisation)

    def flag(r: sel.MatrixRow) -> dict:
        return {"function": r.function.key, "function_name": r.function.name,
                "status": r.check.status if r.check else "", "check": r.check.words
                if r.check else ""}

    data = {"organisation": organisation.abbreviation, "recorded": found.recorded,
            "flags": [flag(r) for r in found.flagged], "gaps": [flag(r) for r in found.gaps],
            "need": [{"family": n.family, "level": fc.RANK_WORDS[n.rank],
                      "functions": n.functions, "people": str(n.shown),
                      "covered": n.covered} for n in found.need],
            "models": [{"model": m.key, "differences": c.differences,
                        "retained_not_in_model": list(c.retained_not_in_model),
                        "in_model_not_retained": list(c.in_model_not_retained)}
                       for m, c in found.models],
            "suppression": legend(fc.THRESHOLD)}
    return Response(IctFunctionChecksSerializer(data).data)


class IctRetentionSerializer(serializers.Serializer):
    function = serializers.CharField()
    function_name = serializers.CharField()
    models = serializers.ListField(child=serializers.CharField())
    retained_by = serializers.ListField(child=serializers.CharField())
    not_retained_by = serializers.ListField(child=serializers.CharField())
    flagged_in = serializers.ListField(child=serializers.CharField())


@extend_schema(operation_id="strategy_function_retention",
               responses={200: IctRetentionSerializer(many=True)})
@api_view(["GET"])
def retention(request: Request) -> Response:
    """Per function: the models and the organisations keeping it in house."""
    return Response(IctRetentionSerializer(sel.retention_rows(), many=True).data)
