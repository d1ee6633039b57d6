"""The spend baseline and price variance pages (issue 17 points 3 and 4), and their
downloads: the same selectors as the API and the command line, so the same numbers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from cadre.audit.exports import export_table
from cadre.core.actor import Actor
from cadre.core.exports import SPREADSHEETS, ExportFormatError, check_format, export_response
from cadre.learning.models import Product
from cadre.learning.selectors import figures as sel

_REFUSED = ("Learning leads, heads of profession, analysts, the central team and "
            "administrators only.")


_ROW = '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{}</th>{}</tr>'
_TEXT = '<td class="govuk-table__cell">{}</td>'
_NUMBER = '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
_LINK = '<a class="govuk-link" href="{}">{}</a>'


def _body(rows: list[tuple[str, str, list[str], list[object]]]) -> SafeString:
    """A table body, every value escaped: one (header, link or "", text cells, number
    cells) per row. Built here rather than in the template: hundreds of product rows are
    rendered in a few milliseconds this way."""
    return format_html_join("", _ROW, (
        (format_html(_LINK, href, head) if href else head,
         format_html_join("", _TEXT, ((t,) for t in texts))
         + format_html_join("", _NUMBER, ((n,) for n in numbers)))
        for head, href, texts, numbers in rows))


def _product_link(year: int | None) -> Any:
    base = reverse("learning:variance-product", args=[0])[:-2]
    query = f"?year={year}" if year is not None else ""
    return lambda pk: f"{base}{pk}/{query}"


def _baseline_body(key: str, rows: list[sel.BaselineRow], year: int | None) -> SafeString:
    link = _product_link(year)
    out = []
    for r in rows:
        href = link(r.key) if key == "product" and r.key and r.key > 0 else ""
        numbers: list[object] = [r.spend_display, r.share_display, r.lines, r.attendees]
        if key == "organisation":
            numbers += [r.headcount, r.per_head_display]
        out.append((r.label, href, [r.supplier] if key == "product" else [], numbers))
    return _body(out)


def _year_options(years: list[int], year: int | None) -> list[int]:
    """The years with spend, and the one shown if it has none (so the chooser shows it)."""
    return sorted({*years, *([year] if year is not None else [])}, reverse=True)


def _allowed(request: HttpRequest) -> None:
    if not sel.may_see_figures(request.user):
        raise PermissionDenied(_REFUSED)


def _year_or_error(request: HttpRequest) -> tuple[str | None, list[tuple[str, str]]]:
    """The year asked for, or None and the error (message, anchor) when it is not valid."""
    value = request.GET.get("year")
    try:
        sel.check_year(value)
    except ValidationError as exc:
        return None, [(m, "year") for m in exc.message_dict["year"]]
    return value, []


def baseline(request: HttpRequest) -> HttpResponse:
    """Spend per financial year by organisation, supplier, product and skill family."""
    _allowed(request)
    year, errors = _year_or_error(request)
    figures = sel.baseline(year)
    return render(request, "learning/figures/baseline.html", {
        "b": figures, "linked_errors": errors, "definitions": sel.DEFINITIONS,
        "year_options": _year_options(figures.years, figures.year),
        "formats": SPREADSHEETS, "tables": [
            (key, caption, _baseline_body(key, figures.tables.get(key, []), figures.year))
            for key, caption in (("organisation", "Spend by organisation"),
                                 ("supplier", "Spend by supplier"),
                                 ("product", "Spend by product"),
                                 ("family", "Spend by skill family"))],
        "threshold": sel.THRESHOLD,
    }, status=400 if errors else 200)


def _download_format(request: HttpRequest) -> str:
    try:
        return check_format(request.GET.get("format", "csv"), SPREADSHEETS)
    except ExportFormatError as exc:
        raise Http404(str(exc)) from exc


def baseline_download(request: HttpRequest) -> HttpResponse:
    """One baseline table as CSV, XLSX or ODS (audited as an export)."""
    _allowed(request)
    fmt = _download_format(request)
    try:
        by = sel.check_by(request.GET.get("by"))
        figures = sel.baseline(request.GET.get("year"))
    except ValidationError as exc:
        raise Http404("; ".join(exc.messages)) from exc
    rows = figures.rows(by)
    columns = sel.BASELINE_COLUMNS[by]
    year = figures.year or "none"
    export = export_table(
        actor=Actor.for_user(request.user), what="learning-spend-baseline", columns=columns,
        rows=rows, fmt=fmt, filename=f"learning-spend-{year}-by-{by}",
        sheet_title=f"Spend {year} by {by}",
        summary=f"Learning spend baseline {year} by {by}", extra={"year": figures.year,
                                                                    "by": by})
    return export_response(export)


def variance(request: HttpRequest) -> HttpResponse:
    """Unit prices per product across organisations, the spread and the savings."""
    _allowed(request)
    year, errors = _year_or_error(request)
    figures = sel.variance(year)
    link = _product_link(figures.year)
    products = []
    for p in figures.products:
        d = p.display()
        products.append((p.product, link(p.key), [p.supplier], [
            p.organisations, d["min"], d["median"], d["max"], d["best"],
            d["saving_at_median"], d["saving_at_best"]]))
    suppliers = []
    for r in figures.suppliers:
        d = r.display()
        suppliers.append((r.supplier, "", [], [
            r.products, r.prices, d["spend"], d["saving_at_median"], d["saving_at_best"],
            r.products_with_rate]))
    return render(request, "learning/figures/variance.html", {
        "v": figures, "linked_errors": errors, "definitions": sel.DEFINITIONS,
        "year_options": _year_options(figures.years, figures.year),
        "product_rows": _body(products), "supplier_rows": _body(suppliers),
        "formats": SPREADSHEETS, "total_median": sel.pounds(figures.total_saving_at_median),
        "total_best": sel.pounds(figures.total_saving_at_best),
        "priced_spend": sel.pounds(figures.priced_spend),
    }, status=400 if errors else 200)


def variance_download(request: HttpRequest) -> HttpResponse:
    """Every organisation's unit price per product, as the command writes it."""
    _allowed(request)
    fmt = _download_format(request)
    try:
        figures = sel.variance(request.GET.get("year"), with_prices=True)
    except ValidationError as exc:
        raise Http404("; ".join(exc.messages)) from exc
    year = figures.year or "none"
    export = export_table(
        actor=Actor.for_user(request.user), what="learning-price-variance",
        columns=sel.ROW_COLUMNS, rows=figures.rows(), fmt=fmt,
        filename=f"learning-price-variance-{year}", sheet_title=f"Unit prices {year}",
        summary=f"Learning price variance {year}", extra={"year": figures.year})
    return export_response(export)


def variance_product(request: HttpRequest, pk: int) -> HttpResponse:
    """One product: each organisation's unit price against the median."""
    _allowed(request)
    product = get_object_or_404(Product.objects.select_related("provider"), pk=pk)
    year, errors = _year_or_error(request)
    detail = sel.product_variance(product, year)
    context: dict[str, Any] = {
        "product": product, "d": detail, "v": detail.figures, "row": detail.row,
        "year_options": _year_options(detail.figures.years, detail.figures.year),
        "linked_errors": errors, "definitions": sel.DEFINITIONS,
        "unpriced_spend": sel.pounds(detail.unpriced_spend),
    }
    return render(request, "learning/figures/variance_product.html", context,
                  status=400 if errors else 200)
