"""Demand from skill gaps (issue 17 point 5): the demand page and the demand pack per lot.

Both read the one suppressed table of the whole government (``selectors.demand``), so they
show the same numbers as the API and the command line, whoever asks; no one is named.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from cadre.audit.exports import export_table
from cadre.core.exports import SPREADSHEETS, export_response
from cadre.core.forms import querystring_without_page, status_for
from cadre.learning.forms.demand import DemandFilterForm, PackForm
from cadre.learning.selectors import demand as sel

#: Rows (organisation, skill, level) a page of the demand table shows.
ROWS_PER_PAGE = 100


def _product_links(rows: list[sel.DemandRow]) -> dict[int, str]:
    """Links to the catalogue's product pages, when the catalogue has them."""
    links: dict[int, str] = {}
    for row in rows:
        for p in row.products[:sel.PRODUCTS_SHOWN]:
            try:
                links[p.product_id] = reverse("learning:product", args=[p.product_id])
            except NoReverseMatch:
                return {}
    return links


def demand(request: HttpRequest) -> HttpResponse:
    """People who need a skill at a level, by organisation, skill, level and quarter."""
    table = sel.government_table()
    form = DemandFilterForm(request.GET, families=sel.family_choices(),
                            quarters=sel.quarter_choices(table))
    filters = sel.Filters(
        organisation=form.value("organisation"), family=form.value("family"),
        quarter_from=sel.parse_quarter(form.value("quarter_from"), field="quarter_from"),
        quarter_to=sel.parse_quarter(form.value("quarter_to"), field="quarter_to"))
    view = sel.demand_view(filters, table=table)
    page = Paginator(view.rows, ROWS_PER_PAGE).get_page(form.page_number())
    links = _product_links(page.object_list)
    shown = [(row, [(p, links.get(p.product_id)) for p in row.products[:sel.PRODUCTS_SHOWN]],
              max(0, len(row.products) - sel.PRODUCTS_SHOWN)) for row in page.object_list]
    return render(request, "learning/demand/demand.html", {
        "form": form, "view": view, "shown": shown, "definitions": sel.DEFINITIONS,
        "threshold": sel.THRESHOLD, "page_obj": page,
        "querystring": querystring_without_page(request.GET),
    }, status=status_for(form))


def pack(request: HttpRequest) -> HttpResponse:
    """A lot's demand pack for procurement, on the page or as CSV, XLSX or ODS."""
    form = PackForm(request.GET, lots=sel.lot_choices())
    lot = form.value("lot")
    fmt = request.GET.get("format", "")
    context = {"form": form, "pack": None, "threshold": sel.THRESHOLD,
               "estimate_note": sel.ESTIMATE_NOTE, "definitions": sel.DEFINITIONS}
    if fmt and fmt not in SPREADSHEETS:
        form.add_error(None, f"Download format must be one of {', '.join(SPREADSHEETS)}")
        fmt = ""
    if lot is not None:
        organisation = form.value("organisation")
        result = sel.demand_pack(lot, contracts=sel.contracts_for(request.user),
                                 organisation=organisation)
        if fmt and not form.errors:
            return export_response(export_table(
                actor=request.user, what="learning demand pack", columns=result.columns,
                rows=result.file_rows(), fmt=fmt, sheet_title="Demand pack",
                summary=f"Demand pack for {lot} ({result.view.filters.describe()})",
                filename=f"demand-pack-lot-{lot.pk}",
                extra={"lot": lot.pk, "organisation": getattr(organisation, "pk", None)}))
        context["pack"] = result
        query = f"lot={lot.pk}" + (f"&organisation={organisation.pk}" if organisation else "")
        context["downloads"] = [(f, f"?{query}&format={f}") for f in SPREADSHEETS]
    return render(request, "learning/demand/pack.html", context, status=status_for(form))
