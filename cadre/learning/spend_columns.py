"""The fields a learning spend file can carry, and a first guess at which header is which.

Plain Python with no Django imports, as ``cadre/workforce/columns.py`` is for HR extracts.
Finance systems name their columns in many ways; ``suggest_mapping`` matches each header
against known synonyms, then fuzzily (rapidfuzz) against them for spellings not listed. A
learning lead checks the guess before anything is imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

#: Spend field -> label shown to users.
FIELDS: dict[str, str] = {
    "date": "Date",
    "supplier": "Supplier",
    "description": "Description",
    "amount": "Amount (£)",
    "attendees": "Attendees",
    "purchase_order": "Purchase order",
    "cost_centre": "Cost centre",
}
#: Columns every spend file must have.
REQUIRED_FIELDS: tuple[str, ...] = ("date", "supplier", "amount")

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": (
        "date", "transaction date", "invoice date", "payment date", "date paid", "paid on",
        "posting date", "spend date", "order date", "period date",
    ),
    "supplier": (
        "supplier", "supplier name", "vendor", "vendor name", "payee", "payee name",
        "merchant", "merchant name", "provider", "training provider", "company",
    ),
    "description": (
        "description", "item description", "line description", "narrative", "details",
        "course", "course title", "course name", "product", "item", "expense description",
    ),
    "amount": (
        "amount", "amount gbp", "net amount", "value", "net value", "total", "cost",
        "spend", "amount paid", "invoice amount", "line amount", "price", "gbp",
    ),
    "attendees": (
        "attendees", "delegates", "learners", "places", "number of attendees",
        "no of attendees", "headcount", "participants", "quantity", "qty",
    ),
    "purchase_order": (
        "purchase order", "po", "po number", "po no", "purchase order number", "order number",
        "po ref", "order ref",
    ),
    "cost_centre": (
        "cost centre", "cost center", "cost centre code", "cost code", "cc", "budget code",
        "cost centre number",
    ),
}
SYNONYMS: dict[str, str] = {
    words: field for field, options in _SYNONYMS.items() for words in options
}
#: Below this rapidfuzz ratio (0-100) a header is left unmapped.
FUZZY_CUTOFF = 85.0


def normalise(header: str) -> str:
    """Header as plain lower-case words: ``"Amount (£)"`` -> ``"amount"``."""
    text = header.replace("\ufeff", "").lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _match(header: str) -> tuple[str, float]:
    """Best field for one header and a score (100 for a known synonym, 0 for none)."""
    key = normalise(header)
    if not key:
        return "", 0.0
    if key in SYNONYMS:
        return SYNONYMS[key], 100.0
    if key.replace(" ", "_") in FIELDS:
        return key.replace(" ", "_"), 100.0
    found = process.extractOne(key, list(SYNONYMS), scorer=fuzz.ratio,
                               score_cutoff=FUZZY_CUTOFF)
    if found is None:
        return "", 0.0
    return SYNONYMS[found[0]], float(found[1])


def suggest_mapping(headers: Iterable[str]) -> dict[str, str]:
    """``{header: field}`` for every header; ``""`` where no field fits.

    Each field goes to one header at most: the best-scoring one (the first on a tie).
    """
    headers = list(headers)
    scored = [(h, *_match(h)) for h in headers]
    best: dict[str, tuple[float, int]] = {}
    for position, (_, field, score) in enumerate(scored):
        if field and (field not in best or score > best[field][0]):
            best[field] = (score, position)
    chosen = {position: field for field, (_, position) in best.items()}
    return {h: chosen.get(position, "") for position, h in enumerate(headers)}


def resolve_mapping(headers: Iterable[str], saved: dict[str, str] | None) -> dict[str, str]:
    """A saved mapping's choices for the headers it names, suggestions for the others."""
    headers = list(headers)
    suggested = suggest_mapping(headers)
    if not saved:
        return suggested
    taken = {saved[h] for h in headers if saved.get(h)}
    return {h: saved[h] if h in saved else (
        suggested[h] if suggested[h] not in taken else "") for h in headers}


def check_mapping(columns: dict[str, str]) -> list[str]:
    """Problems with a mapping: unknown fields, or one field given to several headers."""
    problems: list[str] = []
    by_field: dict[str, list[str]] = {}
    for header, field in columns.items():
        if not field:
            continue
        if field not in FIELDS:
            problems.append(f"'{header}' is mapped to '{field}', which is not a spend field")
            continue
        by_field.setdefault(field, []).append(header)
    for field, headers in by_field.items():
        if len(headers) > 1:
            names = ", ".join(f"'{h}'" for h in headers)
            problems.append(f"{names} are all mapped to {FIELDS[field].lower()}; choose one")
    return problems


def missing_required(columns: dict[str, str]) -> list[str]:
    """Required fields that no header is mapped to."""
    mapped = set(columns.values())
    return [f for f in REQUIRED_FIELDS if f not in mapped]
