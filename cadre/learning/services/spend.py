"""Writes of learning spend (issue 17 point 3): column mappings, imports, review decisions.

An import reads and checks the whole file first (``spend_reading``): any error stops it
and nothing is written. It then matches each distinct supplier name and each distinct
(provider, description) once (``spend_matching``), and writes the lines in one go (COPY
on PostgreSQL, batched INSERTs on SQLite, ``core.bulk.insert_rows``), with one audit
event for the import. A reviewer's decision on a supplier name or a description is
remembered and applied to every waiting line of the reviewer's organisations with one
UPDATE, under a lock on the decision row, so two reviewers cannot both decide.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import Case, Exists, OuterRef, Subquery, Value, When
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core import tabular
from cadre.core.actor import Actor, history_user
from cadre.core.bulk import analyze_tables, insert_rows
from cadre.core.inputs import MAX_ID
from cadre.core.tabular import CellError, TableError
from cadre.learning.models import (
    MAX_ATTENDEES,
    MAX_SPEND_AMOUNT,
    MAX_SPEND_ROWS,
    MatchStatus,
    Product,
    ProductDescription,
    Provider,
    SpendColumnMapping,
    SpendImport,
    SpendLine,
    SupplierName,
)
from cadre.learning.selectors import spend as sel
from cadre.learning.spend_columns import check_mapping, resolve_mapping
from cadre.learning.spend_matching import (
    REVIEW,
    UNMATCHED,
    Match,
    ProductLabel,
    match_products,
    match_suppliers,
    normalise_description,
    normalise_name,
)
from cadre.learning.spend_reading import Limits, SpendRows, read_spend
from cadre.organisations.models import Organisation

#: Problems (not errors) kept on an import and listed on its page (docs/limits.md).
MAX_LISTED_PROBLEMS = 1000
#: Biggest spreadsheet read for spend (the shared reader's other limits stay).
SHEET_LIMITS = tabular.Limits(rows=MAX_SPEND_ROWS + 1, columns=100,
                              cells=(MAX_SPEND_ROWS + 1) * 20,
                              uncompressed_bytes=1024 * 1024 * 1024)
WAITING = (MatchStatus.REVIEW, MatchStatus.UNMATCHED)
_CHUNK = 5000


def _valid_id(pk: Any) -> bool:
    return isinstance(pk, int) and 0 < pk <= MAX_ID


class DecisionConflict(Exception):
    """Someone else decided first: nothing of this account's lines is waiting any more
    (HTTP 409 in the API)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def spend_limits() -> Limits:
    f = SpendLine._meta.get_field
    return Limits(max_amount=Decimal(MAX_SPEND_AMOUNT), max_attendees=MAX_ATTENDEES,
                  supplier=f("supplier_text").max_length, description=f("description").max_length,
                  purchase_order=f("purchase_order").max_length,
                  cost_centre=f("cost_centre").max_length, max_rows=MAX_SPEND_ROWS)


def _authorise(actor: Actor | Any, organisation: Organisation | int | None = None) -> Actor:
    who = Actor.coerce(actor)
    if who.trusted:
        return who
    if not who.is_user:
        raise PermissionDenied("Sign in to change learning spend.")
    ids = sel.spend_organisation_ids(who.user)
    if ids is not None and not ids:
        raise PermissionDenied("Only learning leads, the central team and administrators "
                               "keep learning spend.")
    if organisation is not None and not sel.may_keep_spend(who.user, organisation):
        raise PermissionDenied("You do not keep that organisation's learning spend.")
    return who


# Column mappings ---------------------------------------------------------------------


def mapping_for(*, organisation: Organisation, headers: list[str],
                mapping: dict[str, str] | None = None, mapping_name: str | None = None
                ) -> dict[str, str]:
    """The mapping to use: the one given, else the saved one named (``default`` if saved
    and none named), over suggestions from the headers."""
    if mapping is not None:
        return {h: mapping.get(h, "") for h in headers}
    saved = SpendColumnMapping.objects.filter(organisation=organisation,
                                              name=mapping_name or "default").first()
    if saved is None and mapping_name:
        raise ValidationError({"mapping": f"{organisation.abbreviation} has no saved spend "
                                          f"mapping called '{mapping_name}'."})
    return resolve_mapping(headers, saved.columns if saved else None)


@transaction.atomic
def save_mapping(*, actor: Actor | Any, organisation: Organisation, name: str,
                 columns: dict[str, str]) -> SpendColumnMapping:
    """Create or replace an organisation's named spend mapping ({file header: field})."""
    who = _authorise(actor, organisation)
    name = (name or "").strip()
    if not name or len(name) > SpendColumnMapping._meta.get_field("name").max_length:
        raise ValidationError({"name": "Give the mapping a name of at most 100 characters."})
    if not isinstance(columns, dict) or not columns or len(columns) > 100 or not all(
            isinstance(k, str) and isinstance(v, str) and len(k) <= 200
            for k, v in columns.items()):
        raise ValidationError({"columns": "Give up to 100 {\"file header\": \"spend field\"} "
                                          "pairs, headers of at most 200 characters."})
    problems = check_mapping(columns)
    if problems:
        raise ValidationError({"columns": problems})
    existing = SpendColumnMapping.objects.select_for_update().filter(
        organisation=organisation, name=name).first()
    mapping = existing or SpendColumnMapping(organisation=organisation, name=name)
    mapping.columns = {k.strip(): v for k, v in columns.items()}
    mapping.updated_by = who.user
    mapping._history_user = history_user(who)
    mapping.save()
    record_event(actor=who, action=(AuditEvent.Action.RECORD_UPDATED if existing
                                    else AuditEvent.Action.RECORD_CREATED),
                 target=mapping, data={"columns": mapping.columns},
                 summary=f"Spend column mapping '{name}' saved for {organisation.abbreviation}")
    return mapping


# Reading -----------------------------------------------------------------------------


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of a CSV file, streamed from the decoded text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = next((line for line in text[:65536].splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, start=1):
            if len(cells) > SHEET_LIMITS.columns and any(cells[SHEET_LIMITS.columns:]):
                raise TableError([CellError(number, None, f"has more than "
                                            f"{SHEET_LIMITS.columns} columns")])
            yield number, cells
    except csv.Error as exc:
        raise TableError([CellError(reader.line_num, None, f"the file could not be read as "
                                    f"CSV ({exc}).")]) from exc


def spend_grid(data: bytes, *, filename: str, max_bytes: int | None = None
               ) -> Iterable[tuple[int, list[str]]]:
    """The rows of a spend file: CSV streamed, XLSX through the shared reader."""
    if max_bytes is not None and len(data) > max_bytes:
        raise TableError([CellError(None, None, f"{filename} is too large: the limit is "
                                    f"{max_bytes // (1024 * 1024)} MB.")])
    if not data.replace(b"\xef\xbb\xbf", b"").strip():
        raise TableError([CellError(None, None, f"{filename} is empty.")])
    if data.startswith((tabular.XLSX_MAGIC, tabular.XLS_MAGIC)):
        return tabular.read_grid(data, filename=filename, limits=SHEET_LIMITS)
    return _csv_rows(data)


def file_headers(data: bytes, *, filename: str, max_bytes: int | None = None) -> list[str]:
    """Only the file's headers (the mapping step)."""
    _number, cells = tabular.read_header_row(io.BytesIO(data), filename=filename,
                                             max_bytes=max_bytes, limits=SHEET_LIMITS)
    return [c.replace("\ufeff", "").strip() for c in cells]


# Import ------------------------------------------------------------------------------


@dataclass
class SpendImportResult:
    rows: int
    total: Decimal
    matched: int
    to_review: int
    unmatched: int
    duplicates: int
    problems: list[dict[str, Any]] = field(default_factory=list)
    spend_import: SpendImport | None = None
    mapping: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Outcome:
    provider: int | None
    product: int | None
    status: str
    supplier_score: float
    product_score: float
    description_ref: tuple[int, str] | None


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _match(read: SpendRows) -> tuple[dict[str, Match], dict[tuple[int, str], Match],
                                     dict[tuple[str, str], _Outcome]]:
    keys = list(dict.fromkeys(read.supplier_keys))
    decisions: dict[str, int | None] = {}
    for chunk in _chunks(keys):
        decisions.update(SupplierName.objects.filter(decided=True, name_key__in=chunk)
                         .values_list("name_key", "provider_id"))
    providers: dict[int, list[str]] = {}
    for pk, name, aliases in Provider.objects.values_list("pk", "name", "aliases"):
        providers[pk] = [name, *(a for a in (aliases or []) if isinstance(a, str))]
    suppliers = match_suppliers(keys, providers, decisions)

    combos = list(dict.fromkeys(zip(read.supplier_keys, read.description_keys, strict=True)))
    pairs = list(dict.fromkeys(
        (suppliers[k].target, d) for k, d in combos
        if suppliers[k].certain and suppliers[k].target is not None and d))
    provider_ids = sorted({p for p, _ in pairs})
    labels: dict[int, list[ProductLabel]] = {}
    for pk, provider, title, code in Product.objects.filter(
            provider_id__in=provider_ids).values_list("pk", "provider_id", "title", "code"):
        labels.setdefault(provider, []).append(ProductLabel(pk, title, code))
    product_decisions: dict[tuple[int, str], int | None] = {}
    wanted = set(pairs)
    for chunk in _chunks(sorted({d for _, d in pairs})):
        for provider, key, product in ProductDescription.objects.filter(
                decided=True, provider_id__in=provider_ids, description_key__in=chunk
        ).values_list("provider_id", "description_key", "product_id"):
            if (provider, key) in wanted:
                product_decisions[(provider, key)] = product
    products = match_products(pairs, labels, product_decisions)

    matched, review = MatchStatus.MATCHED.value, MatchStatus.REVIEW.value
    confirmed, unmatched = MatchStatus.CONFIRMED.value, MatchStatus.UNMATCHED.value
    outcomes: dict[tuple[str, str], _Outcome] = {}
    for key, dkey in combos:  # statuses as plain strings (COPY adapts str exactly)
        s = suppliers[key]
        if not s.certain:
            status = review if s.status == REVIEW else unmatched
            outcomes[(key, dkey)] = _Outcome(None, None, status, s.score, 0.0, None)
        elif s.target is None:  # a reviewer said: not a learning supplier
            outcomes[(key, dkey)] = _Outcome(None, None, confirmed, 0.0, 0.0, None)
        elif not dkey:
            status = confirmed if s.how == "decision" else matched
            outcomes[(key, dkey)] = _Outcome(s.target, None, status, s.score, 0.0, None)
        else:
            p = products[(s.target, dkey)]
            if p.certain:
                status = confirmed if "decision" in (s.how, p.how) else matched
                outcomes[(key, dkey)] = _Outcome(s.target, p.target, status, s.score,
                                                 p.score, (s.target, dkey))
            else:
                outcomes[(key, dkey)] = _Outcome(s.target, None, review, s.score, p.score,
                                                 (s.target, dkey))
    return suppliers, products, outcomes


def _problem(row: int | None, column: str, message: str) -> dict[str, Any]:
    return {"row": row, "column": column, "message": message}


def _capped(problems: list[dict[str, Any]], total: int) -> list[dict[str, Any]]:
    if total > len(problems) or len(problems) > MAX_LISTED_PROBLEMS:
        kept = problems[:MAX_LISTED_PROBLEMS]
        return [*kept, _problem(None, "", f"...and {total - len(kept):,} more not listed.")]
    return problems


def _supplier_rows(names: Iterable[str], first: dict[str, tuple[int, str]],
                   suppliers: dict[str, Match]) -> dict[str, int]:
    """name key -> SupplierName id, making a waiting row for each new name."""
    keys = list(names)
    now = timezone.now()
    SupplierName.objects.bulk_create([
        SupplierName(name_key=k, name=first[k][1], suggested_id=suppliers[k].target
                     if suppliers[k].status != UNMATCHED else None,
                     score=suppliers[k].score, decided_at=now)
        for k in keys], ignore_conflicts=True, batch_size=1000)
    ids: dict[str, int] = {}
    for chunk in _chunks(keys):
        ids.update(SupplierName.objects.filter(name_key__in=chunk).values_list("name_key", "pk"))
    return ids


def _description_rows(pairs: list[tuple[int, str]], first: dict[tuple[int, str], str],
                      products: dict[tuple[int, str], Match]) -> dict[tuple[int, str], int]:
    now = timezone.now()
    ProductDescription.objects.bulk_create([
        ProductDescription(provider_id=p, description_key=k, description=first[(p, k)],
                           suggested_id=products[(p, k)].target
                           if products[(p, k)].status != UNMATCHED else None,
                           score=products[(p, k)].score, decided_at=now)
        for p, k in pairs], ignore_conflicts=True, batch_size=1000)
    ids: dict[tuple[int, str], int] = {}
    by_provider: dict[int, list[str]] = {}
    for p, k in pairs:
        by_provider.setdefault(p, []).append(k)
    for provider, keys in by_provider.items():
        for chunk in _chunks(keys):
            for key, pk in ProductDescription.objects.filter(
                    provider_id=provider, description_key__in=chunk).values_list(
                    "description_key", "pk"):
                ids[(provider, key)] = pk
    return ids


LINE_FIELDS = ["spend_import", "organisation", "row", "spent_on", "year", "supplier_text",
               "description", "amount", "attendees", "unit_price", "purchase_order",
               "cost_centre", "provider", "product", "match_status", "supplier_score",
               "product_score", "supplier_name", "product_description"]


def _insert_lines(rows: Iterable[list[Any]]) -> None:
    """The lines, in bulk: on PostgreSQL one ``COPY`` of plain Python values (psycopg
    adapts dates, decimals and numbers itself, so no value goes through Django's
    preparation); elsewhere ``core.bulk.insert_rows`` (batched INSERTs)."""
    fields = [SpendLine._meta.get_field(name) for name in LINE_FIELDS]
    if connection.vendor != "postgresql":
        insert_rows(SpendLine, fields, rows, batch_size=2000)
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {quote(SpendLine._meta.db_table)} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def import_spend(*, actor: Actor | Any, organisation: Organisation, data: bytes,
                 filename: str, mapping: dict[str, str] | None = None,
                 mapping_name: str | None = None, dry_run: bool = False,
                 max_bytes: int | None = None) -> SpendImportResult:
    """Check a whole spend file, match it, and (unless ``dry_run``) write it as one
    ``SpendImport``. Raises ``TableError`` listing every bad row and column (nothing is
    written), ``ValidationError`` for an unknown mapping name, ``PermissionDenied``."""
    who = _authorise(actor, organisation)
    filename = (filename or "spend.csv")[-255:]
    collecting = gc.isenabled()
    gc.disable()  # millions of small objects and no cycles: collect once at the end
    try:
        grid = spend_grid(data, filename=filename, max_bytes=max_bytes)
        if mapping is None:
            headers = file_headers(data, filename=filename, max_bytes=max_bytes)
            mapping = mapping_for(organisation=organisation, headers=headers,
                                  mapping_name=mapping_name)
        read = read_spend(grid, mapping, limits=spend_limits(),
                          latest=timezone.localdate() + dt.timedelta(days=366))
        suppliers, products, outcomes = _match(read)
        return _write(who, organisation, filename, mapping, mapping_name, read, suppliers,
                      products, outcomes, dry_run=dry_run)
    finally:
        if collecting:
            gc.enable()


def _write(who: Actor, organisation: Organisation, filename: str, mapping: dict[str, str],
           mapping_name: str | None, read: SpendRows, suppliers: dict[str, Match],
           products: dict[tuple[int, str], Match], outcomes: dict[tuple[str, str], _Outcome],
           *, dry_run: bool) -> SpendImportResult:
    label = {f: h for h, f in mapping.items() if f}
    per_line = [outcomes[c] for c in zip(read.supplier_keys, read.description_keys,
                                         strict=True)]
    statuses = Counter(o.status for o in per_line)
    to_review = statuses[MatchStatus.REVIEW] + statuses[MatchStatus.UNMATCHED]

    # Problems that are not errors: one per distinct supplier or description waiting,
    # then possible duplicates.
    first_supplier: dict[str, tuple[int, str]] = {}
    first_description: dict[tuple[int, str], str] = {}
    first_description_row: dict[tuple[int, str], int] = {}
    counts: Counter = Counter()
    for row, key, text, dkey, desc, outcome in zip(
            read.rows, read.supplier_keys, read.suppliers, read.description_keys,
            read.descriptions, per_line, strict=True):
        first_supplier.setdefault(key, (row, text))
        if (outcome.description_ref is not None
                and outcome.description_ref not in first_description):
            first_description[outcome.description_ref] = desc
            first_description_row[outcome.description_ref] = row
        if outcome.status in WAITING:
            counts[(key, dkey if outcome.provider else "")] += 1
    problems: list[dict[str, Any]] = []
    waiting_descriptions: set[tuple[int, str]] = set()
    for (key, dkey), lines in counts.items():
        row, text = first_supplier[key]
        s = suppliers[key]
        if not dkey:
            if s.status == UNMATCHED:
                message = f"'{text}' is not a known learning supplier ({lines} line(s))"
            else:
                message = (f"'{text}' may be {_provider_name(s.target)} (score "
                           f"{s.score:.0f}); waiting for review ({lines} line(s))")
            problems.append(_problem(row, label["supplier"], message))
        else:
            waiting_descriptions.add((s.target, dkey))
    for provider, dkey in sorted(waiting_descriptions, key=lambda p: (p[0], p[1])):
        p = products[(provider, dkey)]
        text = first_description[(provider, dkey)]
        row = first_description_row[(provider, dkey)]
        hint = (f" may be product {_product_title(p.target)} (score {p.score:.0f})"
                if p.target else " matches no catalogue product")
        problems.append(_problem(row, label.get("description", "description"),
                                 f"'{text}'{hint}; waiting for review"))
    for row, earlier in read.duplicates:
        problems.append(_problem(row, "", f"repeats row {earlier} (same date, supplier, "
                                 "amount, purchase order and description); imported, check it"))
    duplicates = len(read.duplicates)
    result = SpendImportResult(
        rows=len(read), total=read.total, to_review=to_review,
        matched=len(read) - to_review, unmatched=statuses[MatchStatus.UNMATCHED],
        duplicates=duplicates, mapping=mapping)
    if dry_run:
        result.problems = _capped(problems, len(problems))
        return result

    with transaction.atomic():
        spend_import = SpendImport.objects.create(
            organisation=organisation, filename=filename, mapping_name=mapping_name or "",
            imported_by=who.user, rows=len(read), total=read.total, to_review=to_review)
        name_ids = _supplier_rows(first_supplier, first_supplier, suppliers)
        description_ids = _description_rows(list(first_description), first_description,
                                            products)
        spend_id, org_id = spend_import.pk, organisation.pk
        rows = (
            [spend_id, org_id, row, day, year, text, desc, amount, attendees, unit, po, cc,
             o.provider, o.product, o.status, o.supplier_score, o.product_score,
             name_ids[key],
             None if o.description_ref is None else description_ids[o.description_ref]]
            for row, day, year, text, desc, amount, attendees, unit, po, cc, key, o in zip(
                read.rows, read.dates, read.years, read.suppliers, read.descriptions,
                read.amounts, read.attendees, read.unit_prices, read.purchase_orders,
                read.cost_centres, read.supplier_keys, per_line, strict=True))
        _insert_lines(rows)
        if len(read) >= 5000:
            analyze_tables([SpendLine])
        earlier, earlier_total = _earlier_duplicates(spend_import)
        problems.extend(earlier)
        duplicates += earlier_total
        spend_import.problems = _capped(problems, len(problems) - len(earlier) + earlier_total)
        spend_import.save(update_fields=["problems"])
        record_event(actor=who, action=AuditEvent.Action.IMPORT, target=spend_import,
                     summary=f"Learning spend {filename} imported into "
                             f"{organisation.abbreviation}: {len(read)} lines",
                     data={"rows": len(read), "total": str(read.total),
                           "to_review": to_review, "duplicates": duplicates,
                           "mapping": mapping, "mapping_name": mapping_name or ""})
    result.duplicates = duplicates
    result.problems = spend_import.problems
    result.spend_import = spend_import
    return result


def _provider_name(pk: int | None) -> str:
    return Provider.objects.filter(pk=pk).values_list("name", flat=True).first() or "?"


def _product_title(pk: int | None) -> str:
    return Product.objects.filter(pk=pk).values_list("title", flat=True).first() or "?"


def _earlier_duplicates(spend_import: SpendImport) -> tuple[list[dict[str, Any]], int]:
    """Lines of this import equal to a line of an earlier import of the organisation."""
    others = SpendLine.objects.filter(organisation_id=spend_import.organisation_id).exclude(
        spend_import_id=spend_import.pk)
    if not others.exists():
        return [], 0
    older = others.filter(year=OuterRef("year"), spent_on=OuterRef("spent_on"),
                          amount=OuterRef("amount"), supplier_name_id=OuterRef("supplier_name_id"),
                          purchase_order=OuterRef("purchase_order"),
                          description=OuterRef("description")).order_by("spend_import_id",
                                                                        "row")
    repeats = SpendLine.objects.filter(spend_import=spend_import).filter(Exists(older))
    total = repeats.count()
    listed = repeats.annotate(
        earlier_import=Subquery(older.values("spend_import_id")[:1]),
        earlier_row=Subquery(older.values("row")[:1]),
    ).order_by("row").values_list("row", "earlier_import", "earlier_row")[:MAX_LISTED_PROBLEMS]
    return [_problem(row, "", f"repeats row {earlier_row} of an earlier import (number "
                     f"{earlier_import}: same date, supplier, amount, purchase order and "
                     "description); imported, check it")
            for row, earlier_import, earlier_row in listed], total


# Review decisions --------------------------------------------------------------------


@dataclass
class Decision:
    lines: int
    record: SupplierName | ProductDescription


def _waiting(who: Actor, **filters: Any) -> Any:
    lines = SpendLine.objects.filter(match_status__in=WAITING, **filters)
    ids = sel.spend_organisation_ids(who if who.trusted else who.user)
    return lines if ids is None else lines.filter(organisation_id__in=ids)


def _decided_already(record: Any, what: str) -> DecisionConflict:
    who = getattr(record.decided_by, "email", "") if record.decided_by_id else ""
    by = f" by {who}" if who else ""
    return DecisionConflict(
        f"{what} was decided{by} while you were looking at it; none of your lines are "
        "waiting for it any more. Reload the review queue.")


def decide_supplier(*, actor: Actor | Any, supplier_name_id: int,
                    provider_id: int | None) -> Decision:
    """A reviewer's decision on a supplier name: the provider it is (``provider_id``), or
    not a learning supplier (None). Remembered for later imports and applied to every
    waiting line of the reviewer's organisations with one UPDATE (then their descriptions
    matched to the provider's products). ``DecisionConflict`` if none is waiting (someone
    else decided first)."""
    who = _authorise(actor)
    with transaction.atomic():
        record = (SupplierName.objects.select_for_update().filter(pk=supplier_name_id).first()
                  if _valid_id(supplier_name_id) else None)
        if record is None:
            raise ValidationError({"supplier_name": "No such supplier name."})
        provider = None
        if provider_id is not None:
            provider = (Provider.objects.filter(pk=provider_id).first()
                        if _valid_id(provider_id) else None)
            if provider is None:
                raise ValidationError({"provider": "Choose a supplier from the catalogue."})
        waiting = _waiting(who, supplier_name_id=record.pk, provider__isnull=True)
        descriptions = sorted(set(waiting.values_list("description", flat=True)))
        if not descriptions:
            raise _decided_already(record, f"'{record.name}'")
        record.provider = provider
        record.decided = True
        record.decided_by = who.user
        record._history_user = history_user(who)
        record.save()
        if provider is None:
            lines = waiting.update(provider=None, product=None, product_description=None,
                                   match_status=MatchStatus.CONFIRMED, supplier_score=0.0,
                                   product_score=0.0)
        else:
            lines = waiting.update(**_product_updates(provider, descriptions))
        record_event(actor=who, action=AuditEvent.Action.RECORD_UPDATED, target=record,
                     summary=f"Supplier name '{record.name}' decided: "
                             f"{provider.name if provider else 'not a learning supplier'}",
                     data={"provider": provider.pk if provider else None, "lines": lines})
    return Decision(lines=lines, record=record)


def _product_updates(provider: Provider, descriptions: list[str]) -> dict[str, Any]:
    """The UPDATE's values for lines whose supplier has just been decided: each distinct
    description matched under the provider (decisions first), as CASE expressions."""
    keyed = {d: normalise_description(d) for d in descriptions}
    pairs = [(provider.pk, k) for k in dict.fromkeys(keyed.values()) if k]
    labels = {provider.pk: [ProductLabel(pk, title, code) for pk, title, code in
                            Product.objects.filter(provider=provider)
                            .values_list("pk", "title", "code")]}
    decisions = dict(((provider.pk, k), p) for k, p in ProductDescription.objects.filter(
        provider=provider, decided=True, description_key__in=[k for _, k in pairs])
        .values_list("description_key", "product_id"))
    found = match_products(pairs, labels, decisions)
    first = {}
    for text, key in keyed.items():
        if key:
            first.setdefault((provider.pk, key), text)
    ids = _description_rows(pairs, first, found)
    product, status, score, ref = [], [], [], []
    for text, key in keyed.items():
        m = found.get((provider.pk, key))
        if m is None:  # a blank description: the supplier is enough
            outcome = (None, MatchStatus.CONFIRMED, 0.0, None)
        elif m.certain:
            outcome = (m.target, MatchStatus.CONFIRMED, m.score, ids[(provider.pk, key)])
        else:
            outcome = (None, MatchStatus.REVIEW, m.score, ids[(provider.pk, key)])
        for values, item in zip((product, status, score, ref), outcome, strict=True):
            values.append(When(description=text, then=Value(item)))

    return {"provider": provider, "supplier_score": 100.0,
            "product_id": Case(*product, default=Value(None),
                               output_field=models.IntegerField()),
            "match_status": Case(*status, default=Value(MatchStatus.REVIEW.value),
                                 output_field=models.CharField()),
            "product_score": Case(*score, default=Value(0.0), output_field=models.FloatField()),
            "product_description_id": Case(*ref, default=Value(None),
                                           output_field=models.IntegerField())}


def decide_description(*, actor: Actor | Any, description_id: int,
                       product_id: int | None) -> Decision:
    """A reviewer's decision on a description under a supplier: the product it is, or not
    a catalogue product (None); remembered and applied with one UPDATE."""
    who = _authorise(actor)
    with transaction.atomic():
        record = (ProductDescription.objects.select_for_update().filter(
            pk=description_id).first() if _valid_id(description_id) else None)
        if record is None:
            raise ValidationError({"description": "No such description."})
        product = None
        if product_id is not None:
            product = (Product.objects.filter(pk=product_id, provider_id=record.provider_id
                                              ).first() if _valid_id(product_id) else None)
            if product is None:
                raise ValidationError({"product": "Choose one of this supplier's products."})
        waiting = _waiting(who, product_description_id=record.pk,
                           provider_id=record.provider_id)
        if not waiting.exists():
            raise _decided_already(record, f"'{record.description}'")
        record.product = product
        record.decided = True
        record.decided_by = who.user
        record._history_user = history_user(who)
        record.save()
        lines = waiting.update(product=product, match_status=MatchStatus.CONFIRMED,
                               product_score=100.0 if product else 0.0)
        record_event(actor=who, action=AuditEvent.Action.RECORD_UPDATED, target=record,
                     summary=f"Spend description '{record.description[:200]}' decided: "
                             f"{product.title if product else 'not a catalogue product'}",
                     data={"product": product.pk if product else None, "lines": lines})
    return Decision(lines=lines, record=record)


__all__ = ["DecisionConflict", "SpendImportResult", "decide_description", "decide_supplier",
           "file_headers", "import_spend", "mapping_for", "normalise_name", "save_mapping",
           "spend_grid", "spend_limits"]
