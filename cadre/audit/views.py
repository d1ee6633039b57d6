"""Browse and export the audit trail. There is deliberately no edit or delete view."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cadre.audit import selectors
from cadre.audit.exports import export_table
from cadre.audit.models import AuditEvent
from cadre.core.exports import SPREADSHEETS, export_response
from cadre.core.forms import querystring_without_page


def _events(request: HttpRequest):  # noqa: ANN202
    return selectors.audit_events(
        action=request.GET.get("action", ""), search=request.GET.get("q", "").strip()
    )


def audit_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(_events(request), 100).get_page(request.GET.get("page"))
    return render(request, "audit/list.html", {
        "page_obj": page, "actions": AuditEvent.Action.choices,
        "action": request.GET.get("action", ""), "q": request.GET.get("q", ""),
        "querystring": querystring_without_page(request.GET),
    })


def audit_export(request: HttpRequest) -> HttpResponse:
    """The filtered events as CSV (or ``?format=xlsx|ods``), itself audited."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    fmt = request.GET.get("format", "csv")
    if fmt not in SPREADSHEETS:
        return HttpResponse("Unknown format; choose csv, xlsx or ods.", status=400,
                            content_type="text/plain")
    return export_response(export_table(
        actor=request.user, what="audit events", columns=selectors.EXPORT_COLUMNS,
        rows=selectors.export_rows(_events(request)), fmt=fmt, filename=f"audit-{stamp}",
        summary=f"Audit trail export: {request.GET.urlencode() or 'all'}"))
