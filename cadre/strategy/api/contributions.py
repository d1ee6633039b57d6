"""Contributions API (issue 19, area 6), from the same selectors as the pages and the
command line.

``GET contributions/people/<id>/``: a person's contributions to the whole of government and
what was offered from them as appraisal evidence, for whoever may see the person
(``people.selectors``; anyone else gets 404). ``GET contributions/counts/``: people
contributing and their contributions by organisation and kind for a period, counts of 1 to
4 people reading "fewer than 5" (and the contributions beside them "[c]"), and the
strategy workstreams each organisation leads and takes part in.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.api_errors import ErrorSerializer
from cadre.organisations.selectors import organisation_by_abbreviation
from cadre.strategy.models.contributions import ContributionKind
from cadre.strategy.selectors import contributions as sel

_KINDS = ContributionKind.choices

_CONTRIBUTION = inline_serializer("StrategyContribution", many=True, fields={
    "kind": serializers.ChoiceField(choices=_KINDS),
    "kind_label": serializers.CharField(),
    "record_id": serializers.IntegerField(),
    "what": serializers.CharField(),
    "organisation": serializers.CharField(help_text="Who it was for; may be empty."),
    "starts_on": serializers.DateField(allow_null=True),
    "ends_on": serializers.DateField(allow_null=True, help_text="Null while it goes on."),
    "url": serializers.CharField(help_text="The page where the person opens the record; "
                                           "empty when there is none."),
})
_EVIDENCE = inline_serializer("StrategyContributionEvidence", many=True, fields={
    "id": serializers.IntegerField(),
    "cycle": serializers.IntegerField(),
    "cycle_name": serializers.CharField(),
    "kind": serializers.ChoiceField(choices=_KINDS),
    "record_id": serializers.IntegerField(),
    "what": serializers.CharField(),
    "organisation": serializers.CharField(),
    "starts_on": serializers.DateField(allow_null=True),
    "ends_on": serializers.DateField(allow_null=True),
    "offered_at": serializers.DateTimeField(),
})
PersonContributionsSerializer = inline_serializer("StrategyPersonContributions", fields={
    "person": serializers.IntegerField(),
    "name": serializers.CharField(),
    "organisation": serializers.CharField(),
    "contributions": _CONTRIBUTION,
    "evidence": _EVIDENCE,
})
_COUNT = inline_serializer("StrategyContributionCount", many=True, fields={
    "period": serializers.CharField(),
    "organisation": serializers.CharField(),
    "organisation_name": serializers.CharField(),
    "kind": serializers.ChoiceField(choices=_KINDS),
    "kind_label": serializers.CharField(),
    "people": serializers.CharField(help_text='A number, or "fewer than 5".'),
    "contributions": serializers.CharField(help_text='A number, or "[c]" beside fewer than '
                                                     "5 people."),
    "suppressed": serializers.BooleanField(),
})
CountsSerializer = inline_serializer("StrategyContributionCounts", fields={
    "period": serializers.CharField(),
    "start": serializers.DateField(),
    "end": serializers.DateField(),
    "organisation": serializers.CharField(allow_null=True),
    "threshold": serializers.IntegerField(),
    "legend": serializers.CharField(),
    "rows": _COUNT,
    "workstreams": inline_serializer("StrategyWorkstreamCount", many=True, fields={
        "organisation": serializers.CharField(),
        "organisation_name": serializers.CharField(),
        "leading": serializers.IntegerField(),
        "taking_part": serializers.IntegerField(),
    }),
})


@extend_schema(operation_id="strategy_contributions_person",
               responses={200: PersonContributionsSerializer, 404: ErrorSerializer})
@api_view(["GET"])
def person(request: Request, person_id: int) -> Response:
    """A person's contributions, newest first, and the evidence offered from them."""
    found = sel.person_for(request.user, person_id)
    if found is None:
        raise Http404("No such person, or not one you can see.")
    return Response({
        "person": found.pk, "name": found.full_name, "organisation": found.organisation.name,
        "contributions": [c.as_dict() for c in sel.contributions_of(found)],
        "evidence": [{
            "id": e.pk, "cycle": e.cycle_id, "cycle_name": e.cycle.name, "kind": e.kind,
            "record_id": e.record_id, "what": e.what, "organisation": e.organisation,
            "starts_on": e.starts_on, "ends_on": e.ends_on, "offered_at": e.offered_at,
        } for e in sel.evidence_of(found)],
    })


@extend_schema(
    operation_id="strategy_contributions_counts",
    parameters=[
        OpenApiParameter("period", OpenApiTypes.STR, required=False,
                         description="A financial year like 2025-26 or a calendar year like "
                                     "2025; this financial year when not given."),
        OpenApiParameter("organisation", OpenApiTypes.STR, required=False,
                         description="An organisation's abbreviation; every one when not "
                                     "given."),
    ],
    responses={200: CountsSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
)
@api_view(["GET"])
def counts(request: Request) -> Response:
    """People contributing and their contributions by organisation and kind."""
    if not sel.may_see_counts(request.user):
        raise PermissionDenied("Heads of profession, analysts, the central team and "
                               "administrators only.")
    try:
        period = sel.check_period(request.query_params.get("period"))
    except sel.PeriodError as exc:
        raise ApiValidationError({"period": [str(exc)]}) from exc
    organisation = None
    raw = request.query_params.get("organisation", "")
    if raw:
        if len(raw) > 30 or "\x00" in raw:
            raise ApiValidationError({"organisation": [
                "Enter an organisation abbreviation of 30 characters or fewer."]})
        organisation = organisation_by_abbreviation(raw)
        if organisation is None:
            raise ApiValidationError({"organisation": [
                f"No organisation has the abbreviation {raw}."]})
    return Response({
        "period": period.label, "start": period.start, "end": period.end,
        "organisation": organisation.abbreviation if organisation else None,
        "threshold": sel.THRESHOLD, "legend": sel.legend(),
        "rows": sel.counts(period, organisation),
        "workstreams": sel.workstream_counts(organisation),
    })
