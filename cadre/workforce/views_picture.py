"""Pages of the workforce picture: an organisation's, government's, and the named SCS.

Each page answers ``?format=csv|xlsx|ods`` (with ``&table=KEY`` for one table, else
every table in long form) with a download that is recorded in the audit trail. Across
government the file is made by a background job, and the answer is its page.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from cadre.core.exports import export_response
from cadre.jobs.services import start_job
from cadre.workforce import selectors_picture as selectors
from cadre.workforce.charts import bar_chart, line_chart
from cadre.workforce.exports_picture import export_picture, export_senior
from cadre.workforce.jobs import export_government_picture
from cadre.workforce.picture import THRESHOLD, WORKING_DAYS_PER_YEAR, Table

DOWNLOAD_FORMATS = ("csv", "xlsx", "ods")


def _chart(table: Table) -> str:
    if table.key == "change":
        labels = [r.label for r in table.rows]
        return line_chart(f"chart-{table.key}", table.caption, labels, {
            "Headcount": [r.cells[0].value for r in table.rows],
            table.columns[1]: [r.cells[1].value for r in table.rows],
        }) if len(labels) > 0 else ""
    unit = "£" if table.key == "contingent-cost" else ""
    return bar_chart(f"chart-{table.key}", f"{table.caption}: {table.columns[table.chart_column]}",
                     table.chart_values(), unit=unit, threshold=THRESHOLD)


def _sections(tables: Sequence[Table]) -> list[dict[str, object]]:
    # The SVG is built from escaped text in cadre.workforce.charts, so it is safe to mark.
    return [{"table": t, "chart": mark_safe(_chart(t))} for t in tables]  # noqa: S308


def _bad_format() -> HttpResponse:
    return HttpResponse("Unknown format; choose csv, xlsx or ods.", status=400,
                        content_type="text/plain")


def _download(request: HttpRequest, tables: Sequence[Table], *, subject: str, stem: str,
              target: object, suppressed: bool) -> HttpResponse:
    fmt = request.GET.get("format", "")
    if fmt not in DOWNLOAD_FORMATS:
        return _bad_format()
    key = request.GET.get("table") or None
    if key is not None and key not in {t.key for t in tables}:
        raise Http404("No such table.")
    stamp = timezone.now().strftime("%Y%m%d")
    return export_response(export_picture(
        actor=request.user, tables=tables, fmt=fmt, subject=subject, key=key, target=target,
        suppressed=suppressed, filename=f"{stem}-{key or 'all'}-{stamp}"))


def picture_home(request: HttpRequest) -> HttpResponse:
    """Choose an organisation the account may see, or the view across government."""
    organisations = selectors.picture_organisations(request.user).order_by("name")
    return render(request, "workforce/picture_home.html", {"organisations": organisations})


def organisation_picture(request: HttpRequest, abbreviation: str) -> HttpResponse:
    access = selectors.picture_access(request.user, abbreviation)
    if access is None:
        raise Http404("No such organisation, or not one whose workforce you can see.")
    tables = selectors.organisation_picture(access)
    org = access.organisation
    if "format" in request.GET:
        return _download(request, tables, subject=org.abbreviation,
                         stem=f"workforce-{org.abbreviation.lower()}", target=org,
                         suppressed=not access.exact)
    return render(request, "workforce/picture_organisation.html", {
        "organisation": org, "exact": access.exact, "sections": _sections(tables),
        "working_days": WORKING_DAYS_PER_YEAR, "threshold": THRESHOLD,
        "can_see_senior": access.exact,
    })


def government_picture(request: HttpRequest) -> HttpResponse:
    if "format" in request.GET:
        return _government_download(request)
    tables = selectors.government_picture()
    return render(request, "workforce/picture_government.html", {
        "sections": _sections(tables), "working_days": WORKING_DAYS_PER_YEAR,
        "threshold": THRESHOLD,
    })


def _government_download(request: HttpRequest) -> HttpResponse:
    """The picture across government is made by a background job; its page links the file.
    A GET shows the button that starts it, so following a link starts nothing."""
    fmt = request.GET.get("format", "")
    if fmt not in DOWNLOAD_FORMATS:
        return _bad_format()
    key = request.GET.get("table") or None
    if request.method != "POST":  # a link (or a crawler) only reaches the button
        return render(request, "jobs/start_export.html", {
            "title": f"Workforce picture across government ({fmt.upper()})",
            "back_url": request.path})
    stamp = timezone.now().strftime("%Y%m%d")
    job = start_job(actor=request.user, runner=export_government_picture,
                    title="Workforce picture across government: "
                          f"{key or 'all tables'} ({fmt.upper()})",
                    params={"fmt": fmt, "key": key,
                            "filename": f"workforce-government-{key or 'all'}-{stamp}"})
    messages.success(request, "The file is being made in the background; "
                     "it is linked here when it is ready.")
    return redirect("jobs:detail", pk=job.pk)


def senior(request: HttpRequest, abbreviation: str) -> HttpResponse:
    """The named Senior Civil Service of the profession in one organisation, and its chart."""
    organisation = selectors.senior_access(request.user, abbreviation)
    if organisation is None:
        raise Http404("No such organisation, or not one whose senior staff you can see.")
    people = selectors.senior_people(organisation)
    if "format" in request.GET:
        fmt = request.GET["format"]
        if fmt not in DOWNLOAD_FORMATS:
            return _bad_format()
        return export_response(export_senior(
            actor=request.user, fmt=fmt, organisation=organisation,
            rows=[selectors.senior_row(p) for p in people]))
    return render(request, "workforce/senior.html", {
        "organisation": organisation,
        "rows": [(p, selectors.senior_row(p)) for p in people],
        "chart": selectors.senior_chart(people),
    })
