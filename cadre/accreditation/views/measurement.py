"""The accreditation measures page (issue 16 point 7): the same selector as the API and
the command line, so the same numbers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cadre.accreditation.selectors import measurement as sel


def measures(request: HttpRequest) -> HttpResponse:
    """Accredited people, time to decision, assessor workload and agreement, appeals."""
    if not sel.may_see_measures(request.user):
        raise PermissionDenied("Analysts, heads of profession and the central team only.")
    return render(
        request,
        "accreditation/cpd_measures.html",
        {"m": sel.measures(request.user), "threshold": sel.THRESHOLD},
    )
