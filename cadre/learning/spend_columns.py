"""The fields a learning spend file can carry, and a first guess at which header is which.

Plain Python with no Django imports, as ``cadre/workforce/columns.py`` is for HR extracts.
Finance systems name their columns in many ways; ``suggest_mapping`` matches each header
against known synonyms, then fuzzily (rapidfuzz) against them for spellings not listed. A
learning lead checks the guess before anything is imported.
"""

from __future__ import annotations

from cadre.core import column_guess
from cadre.core.column_guess import ColumnGuesser

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
GUESSER = ColumnGuesser(FIELDS, REQUIRED_FIELDS, _SYNONYMS, noun="spend field")
#: Header spelling -> field.
SYNONYMS: dict[str, str] = GUESSER.by_words
normalise = column_guess.normalise
suggest_mapping = GUESSER.suggest_mapping
check_mapping = GUESSER.check_mapping
missing_required = GUESSER.missing_required
resolve_mapping = GUESSER.resolve_mapping
