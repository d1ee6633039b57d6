"""Browse and export the audit trail. There is deliberately no edit or delete view."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cadre.audit import selectors
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.forms import querystring_without_page
from cadre.core.tabular import write_csv


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
    events = _events(request)
    content = write_csv(selectors.EXPORT_COLUMNS, selectors.export_rows(events))
    record_event(actor=request.user, action=AuditEvent.Action.EXPORT,
                 summary=f"Audit trail export: {request.GET.urlencode() or 'all'}")
    response = HttpResponse(content.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    return response
