"""Browse and export the audit trail. There is deliberately no edit or delete view."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cadre.audit import selectors
from cadre.audit.exports import export_table
from cadre.audit.models import AuditEvent
from cadre.core.exports import SPREADSHEETS, export_response
from cadre.core.forms import FilterForm, querystring_without_page, status_for

#: The longest search the audit list takes (docs/limits.md).
SEARCH_LENGTH = 200


class AuditFilterForm(FilterForm):
    q = forms.CharField(required=False, max_length=SEARCH_LENGTH, label="Search")
    action = forms.ChoiceField(required=False, label="Event",
                               choices=[("", "Any event"), *AuditEvent.Action.choices])


def _events(form: AuditFilterForm):  # noqa: ANN202
    return selectors.audit_events(action=form.value("action") or "",
                                  search=(form.value("q") or "").strip())


def audit_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    page = Paginator(_events(form), 100).get_page(form.page_number())
    return render(request, "audit/list.html", {
        "form": form, "page_obj": page, "querystring": querystring_without_page(request.GET),
    }, status=status_for(form))


def audit_export(request: HttpRequest) -> HttpResponse:
    """The filtered events as CSV (or ``?format=xlsx|ods``), itself audited."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    fmt = request.GET.get("format", "csv")
    if fmt not in SPREADSHEETS:
        return HttpResponse("Unknown format; choose csv, xlsx or ods.", status=400,
                            content_type="text/plain")
    form = AuditFilterForm(request.GET)
    if form.is_bound and not form.is_valid():
        return HttpResponse(" ".join(m for ms in form.errors.values() for m in ms),
                            status=400, content_type="text/plain")
    return export_response(export_table(
        actor=request.user, what="audit events", columns=selectors.EXPORT_COLUMNS,
        rows=selectors.export_rows(_events(form)), fmt=fmt, filename=f"audit-{stamp}",
        summary=f"Audit trail export: {request.GET.urlencode() or 'all'}"))
