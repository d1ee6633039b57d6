"""Matching spend lines to the catalogue: supplier names to providers, descriptions to
products (issue 17 point 3). Plain Python and NumPy with no Django imports.

Only distinct values are matched: each supplier name once, then each (provider,
description) pair once, however many lines carry them. In order:

1. a reviewer's remembered decision (``SupplierName``, ``ProductDescription``) wins;
2. an exact match after normalising (a provider's name or one of its aliases; a product's
   title, or its code written as a word of the description) scores 100;
3. otherwise rapidfuzz scores every candidate at once (``process.cdist``): suppliers by
   ``token_sort_ratio`` (word order does not matter), descriptions by ``token_set_ratio``
   (a description usually carries the title and more words).

A score at or above :data:`MATCH_SCORE` is matched; from :data:`REVIEW_SCORE` it is a
suggestion waiting for review; below that nothing is suggested. Two different candidates
sharing the best score are never matched without a reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

MATCH_SCORE = 90.0
REVIEW_SCORE = 70.0

MATCHED = "matched"
REVIEW = "review"
UNMATCHED = "unmatched"

#: Words that say what kind of company a supplier is, not which one.
LEGAL_WORDS = frozenset({"ltd", "limited", "plc", "llp", "lp", "inc", "incorporated",
                         "co", "company", "corp", "corporation", "the"})


@dataclass(frozen=True)
class Match:
    """The outcome for one distinct value: the chosen target's id (None: none), its score
    (0-100), the status (matched, review, unmatched) and how it was found."""

    target: int | None
    score: float
    status: str
    how: str  # "decision", "exact", "fuzzy" or "none"

    @property
    def certain(self) -> bool:
        return self.status == MATCHED


_NOT_WORD = re.compile(r"[^a-z0-9]+")


def plain_words(text: str) -> str:
    """Lower-case words, anything else a single space: ``"Acme (UK) Ltd."`` -> ``"acme uk ltd"``."""
    return " ".join(_NOT_WORD.sub(" ", text.lower().replace("&", " and ")).split())


def normalise_name(text: str) -> str:
    """A supplier name as a key: plain words without legal-form words (``Acme Limited`` and
    ``ACME LTD`` are one supplier). A name made only of such words keeps them."""
    words = plain_words(text).split()
    kept = [w for w in words if w not in LEGAL_WORDS]
    return " ".join(kept or words)


def normalise_description(text: str) -> str:
    """A description as a key: plain words."""
    return plain_words(text)


def status_for(score: float, *, tied: bool = False) -> str:
    if score >= MATCH_SCORE and not tied:
        return MATCHED
    if score >= REVIEW_SCORE:
        return REVIEW
    return UNMATCHED


def _best(scores: np.ndarray, owners: Sequence[int]) -> tuple[int, float, bool]:
    """Index of the best score (the first on a tie), the score, and whether another owner
    has the same score."""
    index = int(np.argmax(scores))
    best = float(scores[index])
    tied = bool(np.any((scores == best) & (np.asarray(owners) != owners[index])))
    return index, best, tied


def _fuzzy(keys: list[str], choices: list[str], owners: list[int], scorer: object
           ) -> dict[str, Match]:
    out: dict[str, Match] = {}
    if not keys:
        return out
    if not choices:
        return {k: Match(None, 0.0, UNMATCHED, "none") for k in keys}
    matrix = process.cdist(keys, choices, scorer=scorer, dtype=np.float64, workers=1)
    for row, key in zip(matrix, keys, strict=True):
        index, score, tied = _best(row, owners)
        status = status_for(score, tied=tied)
        out[key] = (Match(None, score, UNMATCHED, "none") if status == UNMATCHED
                    else Match(owners[index], score, status, "fuzzy"))
    return out


def match_suppliers(names: Iterable[str], providers: Mapping[int, Sequence[str]],
                    decisions: Mapping[str, int | None] | None = None) -> dict[str, Match]:
    """``{name key: Match}`` for each distinct supplier name key (``normalise_name``).

    ``providers``: provider id -> its name and aliases; ``decisions``: name key -> the
    provider a reviewer chose (None: not a learning supplier).
    """
    decisions = decisions or {}
    exact: dict[str, set[int]] = {}
    choices: list[str] = []
    owners: list[int] = []
    for pk, labels in providers.items():
        for label in labels:
            key = normalise_name(label)
            if key:
                exact.setdefault(key, set()).add(pk)
                choices.append(key)
                owners.append(pk)
    out: dict[str, Match] = {}
    fuzzy: list[str] = []
    for key in dict.fromkeys(names):
        if key in decisions:
            out[key] = Match(decisions[key], 100.0 if decisions[key] else 0.0, MATCHED,
                             "decision")
        elif len(exact.get(key, ())) == 1:
            out[key] = Match(next(iter(exact[key])), 100.0, MATCHED, "exact")
        else:
            fuzzy.append(key)
    out.update(_fuzzy(fuzzy, choices, owners, fuzz.token_sort_ratio))
    return out


@dataclass(frozen=True)
class ProductLabel:
    """What a product is matched by: its id, title and code (may be blank)."""

    pk: int
    title: str
    code: str = ""


def match_products(pairs: Iterable[tuple[int, str]],
                   products: Mapping[int, Sequence[ProductLabel]],
                   decisions: Mapping[tuple[int, str], int | None] | None = None,
                   ) -> dict[tuple[int, str], Match]:
    """``{(provider id, description key): Match}`` for each distinct pair.

    ``products``: provider id -> its products; ``decisions``: (provider id, description
    key) -> the product a reviewer chose (None: not a catalogue product).
    """
    decisions = decisions or {}
    out: dict[tuple[int, str], Match] = {}
    waiting: dict[int, list[str]] = {}
    for pair in dict.fromkeys(pairs):
        provider, key = pair
        if pair in decisions:
            chosen = decisions[pair]
            out[pair] = Match(chosen, 100.0 if chosen else 0.0, MATCHED, "decision")
            continue
        labels = products.get(provider, ())
        words = set(key.split())
        titles = {p.pk for p in labels if normalise_description(p.title) == key}
        coded = {p.pk for p in labels if p.code and normalise_description(p.code) in words}
        found = titles or coded
        if len(found) == 1:
            out[pair] = Match(next(iter(found)), 100.0, MATCHED, "exact")
        elif not key:
            out[pair] = Match(None, 0.0, UNMATCHED, "none")
        else:
            waiting.setdefault(provider, []).append(key)
    for provider, keys in waiting.items():
        labels = products.get(provider, ())
        found = _fuzzy(keys, [normalise_description(p.title) for p in labels],
                       [p.pk for p in labels], fuzz.token_set_ratio)
        out.update({(provider, key): match for key, match in found.items()})
    return out
