"""The impact of taking part (issue 18 point 6): the page and its downloads, from the same
selector as the API and the command line (``cadre.community.selectors.impact``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cadre.audit.exports import export_table
from cadre.community.selectors import impact as sel
from cadre.core.actor import Actor
from cadre.core.exports import SPREADSHEETS, ExportFormatError, check_format, export_response

_REFUSED = "Heads of profession, analysts, the central team and administrators only."


def _allowed(request: HttpRequest) -> None:
    if not sel.may_see_impact(request.user):
        raise PermissionDenied(_REFUSED)


def impact(request: HttpRequest) -> HttpResponse:
    """Participants against similar people who did not take part, with the method."""
    _allowed(request)
    errors: list[tuple[str, str]] = []
    try:
        sel.check_year(request.GET.get("year"))
        year = request.GET.get("year")
    except ValidationError as exc:
        errors = [(m, "year") for m in exc.message_dict["year"]]
        year = None
    figures = sel.impact(year)
    rows = [r.shown() for r in figures.rows]
    kinds = [(key, label, [r for r in rows if r["kind"] == key]) for key, label in sel.KINDS
             if any(r["kind"] == key for r in rows)]
    return render(request, "community/impact/impact.html", {
        "f": figures, "kinds": kinds, "linked_errors": errors, "method": sel.METHOD,
        "outcomes": sel.OUTCOMES, "participants": [
            (sel.KIND_LABELS[k], n) for k, n in figures.participants_shown().items()],
        "formats": SPREADSHEETS, "threshold": sel.THRESHOLD,
        "year_options": sorted({*figures.years, figures.year}, reverse=True),
        "any_shown": any(not r["suppressed"] for r in rows),
    }, status=400 if errors else 200)


def impact_download(request: HttpRequest) -> HttpResponse:
    """The results table as CSV, XLSX or ODS (audited as an export)."""
    _allowed(request)
    try:
        fmt = check_format(request.GET.get("format", "csv"), SPREADSHEETS)
        figures = sel.impact(request.GET.get("year"))
    except ExportFormatError as exc:
        raise Http404(str(exc)) from exc
    except ValidationError as exc:
        raise Http404("; ".join(exc.messages)) from exc
    export = export_table(
        actor=Actor.for_user(request.user), what="community-impact", columns=sel.COLUMNS,
        rows=figures.table(), fmt=fmt, filename=f"community-impact-{figures.year}",
        sheet_title=f"Impact {figures.year}", summary=f"Community impact {figures.year}",
        extra={"year": figures.year})
    return export_response(export)
