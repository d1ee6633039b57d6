"""Recruitment outcomes page (issue 21, area 6): time to hire, appointable candidates per
campaign, appointments from inside and outside government and senior posts filled from
inside by quarter, with a CSV download of the same tables. Who may open it:
``config/permissions.py`` (``RECRUITMENT_FIGURES``); which lines it shows:
``selectors.outcomes``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from cadre.audit.exports import export_table
from cadre.core.actor import Actor
from cadre.core.downloads import download_name
from cadre.core.exports import export_response
from cadre.recruitment import outcome_figures as figures
from cadre.recruitment.selectors import outcomes as sel

__all__ = ["outcomes"]

_FIELDS = (("organisation", "organisation"), ("from", "from"), ("to", "to"))


def outcomes(request: HttpRequest) -> HttpResponse:
    """The outcome tables for the filters in the address (``?format=csv`` downloads them)."""
    if not sel.may_see(request.user):
        raise PermissionDenied("Heads of profession, analysts, the central team and "
                               "administrators only.")
    raw = {name: request.GET.get(name, "") for name, _ in _FIELDS}
    fmt = request.GET.get("format", "")
    errors: list[tuple[str, str]] = []
    try:
        filters = sel.check_filters(request.user, organisation=raw["organisation"],
                                    start=raw["from"], end=raw["to"])
    except ValidationError as exc:
        errors = [(message, field) for field, messages in exc.message_dict.items()
                  for message in messages]
        filters = sel.Filters()
    if fmt not in ("", "csv"):
        errors.append(("Choose the format csv, or leave it out for the page.", ""))
    if fmt == "csv" and not errors:
        result = sel.outcomes_for(request.user, filters)
        name = download_name("recruitment outcomes",
                             filters.organisation.abbreviation if filters.organisation else "",
                             filters.start, filters.end)
        return export_response(export_table(
            actor=Actor.for_user(request.user), what="recruitment_outcomes",
            columns=sel.CSV_COLUMNS, rows=list(sel.csv_rows(result)), fmt="csv",
            filename=name, sheet_title="Outcomes",
            summary=f"Recruitment outcomes downloaded ({filters.period_words})",
            extra={"organisation": filters.organisation.abbreviation
                   if filters.organisation else None,
                   "from": filters.start.isoformat() if filters.start else None,
                   "to": filters.end.isoformat() if filters.end else None}))
    result = sel.outcomes_for(request.user, filters)
    query = urlencode({k: v for k, v in raw.items() if v and not errors})
    return render(request, "recruitment/outcomes/outcomes.html", {
        "result": result, "filters": filters, "values": {
            k: ("" if "\x00" in v else v[:40]) for k, v in raw.items()},
        "linked_errors": errors, "error_fields": {f for _, f in errors},
        "page_errors": bool(errors),
        "legend": figures.legend(), "threshold": figures.SUPPRESS_BELOW,
        "senior_seniority": figures.SENIOR_SENIORITY,
        "all_lines": sel.visible_organisation_ids(request.user) is None,
        "csv_query": f"?{query}&format=csv" if query else "?format=csv",
    }, status=400 if errors else 200)

