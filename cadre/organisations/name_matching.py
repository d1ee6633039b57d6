"""Matching organisation names as people write them against the names Cadre knows.

Plain Python (no Django). Published documents name departments in many ways: "Her
Majesty's Treasury", "HM Treasury", "H.M. Treasury"; "HM Revenue & Customs" and "HM
Revenue and Customs"; "The Attorney General’s Office" with a typographic apostrophe;
"Department for Education (DfE)". :func:`normalise` reduces each to one key, and
:class:`NameIndex` finds the one candidate a name belongs to.

Matching goes in tiers, so that a more specific kind of name decides first: current
names, then former names, then abbreviations (current, then former). Within the first
tier that knows the name, exactly one candidate must hold it; two or more is ambiguous
and nothing matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

#: The tiers, most specific first.
TIERS = ("name", "former_name", "abbreviation", "former_abbreviation")

_APOSTROPHES = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
})
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_MAJESTY = re.compile(r"\b(?:her|his)\s+majesty'?s?(?=\s|$)")
_HM_DOTTED = re.compile(r"\bh\s*\.\s*m\b\.?")
_LEADING_THE = re.compile(r"^the\s+")
_NOT_WORD = re.compile(r"[^\w]+")


def normalise(name: str) -> str:
    """The key a name is compared by.

    Casefolded; typographic apostrophes made plain; "Her Majesty's", "His Majesty's" and
    "H.M." become "hm"; "&" becomes "and"; bracketed parts (usually an abbreviation) go,
    unless nothing else is left; a leading "The" goes; apostrophes are dropped
    ("General's" -> "generals"); other punctuation becomes a space and runs of spaces
    one space.
    """
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).casefold()
    unbracketed = _BRACKETED.sub(" ", text)
    if unbracketed.strip(" ()[]"):
        text = unbracketed
    text = text.replace("&", " and ")
    text = _MAJESTY.sub("hm", text)
    text = _HM_DOTTED.sub("hm", text)
    text = text.replace("'", "")
    text = _NOT_WORD.sub(" ", text).replace("_", " ")
    text = " ".join(text.split())
    return _LEADING_THE.sub("", text)


def abbreviation_key(abbreviation: str) -> str:
    """The key an abbreviation is compared by: casefolded, without spaces and dots."""
    text = unicodedata.normalize("NFKC", abbreviation).casefold().replace("&", "and")
    return re.sub(r"[\s.]+", "", text)


@dataclass
class NameIndex(Generic[K]):
    """Candidate names by tier, built once and asked many times."""

    _tiers: dict[str, dict[str, set[K]]] = field(
        default_factory=lambda: {tier: {} for tier in TIERS})

    def add(self, key: K, *, name: str = "", abbreviation: str = "",
            former_names: Iterable[str] = (), former_abbreviations: Iterable[str] = ()) -> None:
        """Record the names one candidate (``key``) is known by; blank ones are skipped."""
        if name:
            self._put("name", normalise(name), key)
        for former in former_names:
            self._put("former_name", normalise(former), key)
        if abbreviation:
            self._put("abbreviation", abbreviation_key(abbreviation), key)
        for former in former_abbreviations:
            self._put("former_abbreviation", abbreviation_key(former), key)

    def _put(self, tier: str, text: str, key: K) -> None:
        if text:
            self._tiers[tier].setdefault(text, set()).add(key)

    def candidates(self, name: str) -> set[K]:
        """Every candidate of the first tier that knows ``name`` (empty when none does)."""
        as_name, as_abbreviation = normalise(name), abbreviation_key(name)
        for tier in TIERS:
            text = as_abbreviation if "abbreviation" in tier else as_name
            found = self._tiers[tier].get(text) if text else None
            if found:
                return set(found)
        return set()

    def match(self, name: str) -> K | None:
        """The one candidate ``name`` belongs to, or None when none or several do."""
        found = self.candidates(name)
        return next(iter(found)) if len(found) == 1 else None
