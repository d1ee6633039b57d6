"""Guessing which column of an uploaded file is which field, and checking a chosen mapping.

Plain Python with no Django imports, shared by every import that reads a file through a
saved column mapping (HR extracts in ``workforce.columns``, spend files in
``learning.spend_columns``). Each gives its fields, the required ones and synonyms for
each; headers are matched against the synonyms, then fuzzily (rapidfuzz) for spellings
not listed. A person checks the guess before anything is imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

#: Below this rapidfuzz ratio (0-100) a header is left unmapped.
FUZZY_CUTOFF = 85.0


def normalise(header: str) -> str:
    """Header as plain lower-case words: ``"Agency/Supplier (£)"`` -> ``"agency supplier"``."""
    text = header.replace("\ufeff", "").lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@dataclass(frozen=True)
class ColumnGuesser:
    """The fields of one kind of file: ``fields`` (field -> label), the ``required`` ones,
    ``synonyms`` (field -> header spellings) and what a field is called in messages."""

    fields: Mapping[str, str]
    required: tuple[str, ...]
    synonyms: Mapping[str, tuple[str, ...]]
    noun: str = "field"
    by_words: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_words", {
            words: name for name, options in self.synonyms.items() for words in options})

    def match(self, header: str) -> tuple[str, float]:
        """Best field for one header and a score (100 for a known synonym, 0 for none)."""
        key = normalise(header)
        if not key:
            return "", 0.0
        if key in self.by_words:
            return self.by_words[key], 100.0
        if key.replace(" ", "_") in self.fields:
            return key.replace(" ", "_"), 100.0
        found = process.extractOne(key, list(self.by_words), scorer=fuzz.ratio,
                                   score_cutoff=FUZZY_CUTOFF)
        if found is None:
            return "", 0.0
        return self.by_words[found[0]], float(found[1])

    def suggest_mapping(self, headers: Iterable[str]) -> dict[str, str]:
        """``{header: field}`` for every header; ``""`` where no field fits.

        Each field goes to one header at most: the best-scoring one (the first on a tie).
        """
        headers = list(headers)
        best: dict[str, tuple[float, int]] = {}
        for position, header in enumerate(headers):
            name, score = self.match(header)
            if name and (name not in best or score > best[name][0]):
                best[name] = (score, position)
        chosen = {position: name for name, (_, position) in best.items()}
        return {h: chosen.get(position, "") for position, h in enumerate(headers)}

    def resolve_mapping(self, headers: Iterable[str],
                        saved: Mapping[str, str] | None) -> dict[str, str]:
        """A saved mapping's choices for the headers it names, suggestions for the others
        (never a field the saved choices already give to another header)."""
        headers = list(headers)
        suggested = self.suggest_mapping(headers)
        if not saved:
            return suggested
        taken = {saved[h] for h in headers if saved.get(h)}
        return {h: saved[h] if h in saved else ("" if suggested[h] in taken else suggested[h])
                for h in headers}

    def check_mapping(self, columns: Mapping[str, str]) -> list[str]:
        """Problems with a mapping: unknown fields, or one field given to several headers."""
        problems: list[str] = []
        by_field: dict[str, list[str]] = {}
        for header, name in columns.items():
            if not name:
                continue
            if name not in self.fields:
                problems.append(f"'{header}' is mapped to '{name}', which is not a {self.noun}")
                continue
            by_field.setdefault(name, []).append(header)
        for name, headers in by_field.items():
            if len(headers) > 1:
                names = ", ".join(f"'{h}'" for h in headers)
                problems.append(f"{names} are all mapped to {self.fields[name].lower()}; "
                                "choose one")
        return problems

    def missing_required(self, columns: Mapping[str, str]) -> list[str]:
        """Required fields that no header is mapped to."""
        mapped = set(columns.values())
        return [f for f in self.required if f not in mapped]
