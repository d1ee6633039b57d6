"""Finding the profession in job titles: the default, rule-and-fuzzy-match engine. No Django.

A title is first read as English (``welsh_titles``: Welsh and bilingual titles), then
normalised (case, punctuation, grade suffixes, abbreviations, typos). The role comes
from the longest known role phrase in it (the title's first part before a qualifier;
of equally long phrases the later, which names the job), else a close fuzzy match to
the role names, else the job description. The role level comes from seniority words
("senior", "lead", "head of") and, as a prior, the Civil Service equivalent of the grade.

Whether the title is in the profession at all is weighed, not looked up: the whole
title is evidence (``title_evidence``). Words of other fields in a qualifier, a team
name or before the role phrase count against it ("Delivery Manager - Prison Education
Contracts"), above all beside a role phrase that other fields use too; technology words
count for it; so do the phrase's length and coverage, the organisation type and the
grade. A logistic model fitted on labelled titles (``title_model``; weights in
``data/title-model.json``, fitted by ``cadre workforce calibrate``) turns the evidence
into a calibrated probability P(in); the title is in when P(in) >= 0.5. A second model
gives P(role right | in). ``confidence`` is the probability that the suggestion is
right: P(in) x P(role right) for a title put in, 1 - P(in) for one put out.

The knowledge lives in ``title_knowledge`` and ``title_fields``; the framework's own
role and level names are added to it. Build one ``DefaultEngine`` per catalogue and
reuse it: results are cached by normalised title, grade, description and organisation
type.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from cadre.workforce import title_evidence as te
from cadre.workforce import title_fields as tf
from cadre.workforce import title_knowledge as tk
from cadre.workforce import title_model, welsh_titles

#: Civil Service grade -> the framework's shared seniority scale (see level_order).
CS_GRADE_SENIORITY: dict[str, int] = {
    "AA": 0, "AO": 1, "EO": 2, "HEO": 4, "SEO": 6, "G7": 8, "G6": 10,
    "SCS1": 12, "SCS2": 14, "SCS3": 14, "PS": 14,
}

#: How alike (0-1, word order ignored) a title with no known phrase must be to a role's
#: phrases to join the profession. Typos are mended word by word before this.
FUZZY_IN_PROFESSION = 0.9
#: The framework's family of chief roles, and the seniority a title needs to be fuzzily
#: matched to one of them ("head", "chief", "director").
CHIEF_FAMILY = "Chief digital and data"
CHIEF_SENIORITY = 12
#: Remembered results before the cache starts again.
CACHE_LIMIT = 500_000

_GRADE_IN_TITLE = re.compile(
    r"\b(?:grade|band|scale|g|po|so|scs|pb|spine|afc)\s*-?\s*\d+[a-d]?\b"
    r"|\b(?:aa|ao|eo|heo|seo|hxo|sxo)\b|\(\s*\)",
    re.IGNORECASE,
)
_NOISE_WORDS = frozenset({
    "ftc", "fte", "temp", "temporary", "interim", "contractor", "contract", "locum",
    "secondment", "maternity", "cover", "fixed", "term", "permanent", "pt", "ft",
    "ii", "iii", "iv", "x2", "x3", "nhs", "afc", "the", "a", "an", "ref", "post",
    "vacancy", "vacant",
})
_TECH_NOUN = frozenset({"tech", "techs"})
_PHRASE_SPELLINGS = sorted(tk.PHRASE_SPELLINGS.items(), key=lambda item: -len(item[0]))
_SEPARATORS = re.compile(r"\s*(?:,|;| - | – |\||\(|\)|\[|\]|/ )\s*")


def _basic_tokens(text: str) -> list[str]:
    text = text.lower().replace("&", " and ").replace("+", " and ")
    text = text.replace("c#", "csharp").replace(".net", " dotnet ").replace("'", "")
    text = text.replace("’", "")
    text = re.sub(r"[^a-z0-9#]+", " ", text)
    return text.split()


@lru_cache(maxsize=200_000)
def _translate(text: str) -> str:
    """Welsh and bilingual titles as English (remembered: each title is read several times)."""
    return welsh_titles.translate(text)


@lru_cache(maxsize=200_000)
def title_parts(text: str) -> tuple[str, ...]:
    """The title's parts (split at dashes, commas, brackets...), each normalised: Welsh
    read as English; lower case, no punctuation or grade suffixes, abbreviations expanded."""
    parts: list[str] = []
    for part in _SEPARATORS.split(_translate(text or "")):
        words = _normalise(part)
        if words and words not in parts:  # a bilingual title's second half adds nothing
            parts.append(words)
    return tuple(parts)


def normalise_title(text: str) -> str:
    """The title's normalised parts as one string (see ``title_parts``)."""
    return " ".join(title_parts(text))


def _normalise(text: str) -> str:
    text = _GRADE_IN_TITLE.sub(" ", text or "")
    words: list[str] = []
    tokens = [t for t in _basic_tokens(text) if t not in _NOISE_WORDS and not t.isdigit()]
    for index, token in enumerate(tokens):
        if (token in _TECH_NOUN and index == len(tokens) - 1 and index
                and tokens[index - 1] not in ("of", "and")):
            # "tech" ending a title part is the person ("IT Tech", "Desktop Tech"); before
            # another word, or after "head of", it is technical work ("Tech Lead").
            words.append("technician")
            continue
        words.extend(tk.ABBREVIATIONS.get(token, token).split())
    joined = " ".join(words)
    if len(words) > 1:
        for phrase, spelling in _PHRASE_SPELLINGS:
            if phrase in joined:
                joined = re.sub(rf"\b{phrase}\b", spelling, joined)
    return joined


def normalise_text(text: str) -> str:
    """Normalise free text (a job description): no abbreviation expansion."""
    return " ".join(_basic_tokens(text or ""))


# --------------------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class RoleInfo:
    name: str
    family: str


@dataclass(frozen=True)
class LevelInfo:
    role: str
    name: str
    order: int
    seniority: int
    track: str = "technical"


@dataclass(frozen=True)
class GradeInfo:
    code: str
    name: str
    equivalent: str = ""  # Civil Service equivalent code; "" for Civil Service grades


@dataclass(frozen=True)
class RoleCatalogue:
    """The framework's families, roles and role levels, plus grades, as plain data."""

    families: tuple[str, ...]
    roles: tuple[RoleInfo, ...]
    levels: tuple[LevelInfo, ...]
    grades: tuple[GradeInfo, ...] = ()

    @classmethod
    def from_framework_data(cls, data: Mapping, grades: Iterable[Mapping] = ()) -> RoleCatalogue:
        """Build from the cadre-framework/1 JSON structure and grade rows (code, name, ...)."""
        return cls(
            families=tuple(f["name"] for f in data["role_families"]),
            roles=tuple(RoleInfo(r["name"], r["family"]) for r in data["roles"]),
            levels=tuple(
                LevelInfo(lv["role"], lv["name"], int(lv["order"]), int(lv["seniority"]),
                          lv.get("track") or "technical")
                for lv in data["role_levels"]
            ),
            grades=tuple(
                GradeInfo(g["code"], g["name"], g.get("civil_service_equivalent") or "")
                for g in grades
            ),
        )

    @classmethod
    def from_files(cls, framework_json: Path, grades_csv: Path | None = None) -> RoleCatalogue:
        """Build from a framework JSON file and, optionally, a grades CSV file."""
        data = json.loads(Path(framework_json).read_text(encoding="utf-8"))
        rows: list[dict] = []
        if grades_csv is not None:
            with open(grades_csv, newline="", encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
        return cls.from_framework_data(data, rows)

    def family_of(self, role: str) -> str:
        for info in self.roles:
            if info.name == role:
                return info.family
        return ""


# --------------------------------------------------------------------------- results


@dataclass
class Classification:
    """The engine's answer for one title."""

    in_profession: bool
    role_family: str | None = None
    role: str | None = None
    role_level: str | None = None
    confidence: float = 0.0
    reason: str = ""
    #: The next best (role, role level, confidence), best first.
    alternatives: list[tuple[str, str | None, float]] = field(default_factory=list)
    profession_confidence: float = 0.0
    role_confidence: float = 0.0
    level_confidence: float = 0.0
    engine: str = "default"
    #: The known phrase that decided, if any.
    matched_phrase: str = ""
    #: Calibrated P(the title is in the profession); in the profession when >= 0.5.
    profession_probability: float = 0.0

    def top_roles(self, n: int = 3) -> list[str]:
        """The suggested role followed by the alternatives, at most ``n``."""
        names = ([self.role] if self.role else []) + [a[0] for a in self.alternatives]
        out: list[str] = []
        for name in names:
            if name not in out:
                out.append(name)
        return out[:n]


@dataclass
class Analysis:
    """What the engine found in one title before the models decide."""

    empty: bool = False
    role: str | None = None
    basis: str = ""  # "phrase", "fuzzy" or "description": what chose the role
    role_hit: te.Hit | None = None
    outside_phrase: str = ""
    outside_beats: bool = False
    evidence: te.Evidence | None = None
    ranked: list[tuple[str, float]] = field(default_factory=list)
    grade: str | None = None
    fuzzy_score: float = 0.0
    words: list[str] = field(default_factory=list)
    segments: list[int] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    read_note: str = ""
    similarity: float = 0.0  # the semantic engine's cosine similarity, when it chose


def read_row(row: Mapping | tuple | str) -> tuple[str, str | None, str, str]:
    """(title, grade, description, organisation type) from a dict, a tuple or a title."""
    if isinstance(row, str):
        return (row, None, "", "")
    if isinstance(row, Mapping):
        return (row.get("job_title") or row.get("title") or "", row.get("grade") or None,
                row.get("job_description") or row.get("description") or "",
                row.get("organisation_type") or "")
    title, grade, description, organisation = (tuple(row) + (None, "", ""))[:4]
    return (title or "", grade or None, description or "", organisation or "")


# --------------------------------------------------------------------------- grades


def _squash(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


class GradeResolver:
    """Turns a grade as written in an extract ("Band 6", "PO6", "G7") into a seniority."""

    def __init__(self, grades: Iterable[GradeInfo]) -> None:
        self._by_key: dict[str, GradeInfo] = {}
        for grade in grades:
            self._by_key.setdefault(_squash(grade.code), grade)
            self._by_key.setdefault(_squash(grade.name), grade)
        self._cache: dict[str, tuple[str, int] | None] = {}

    def _rule(self, key: str) -> str | None:
        m = re.fullmatch(r"(?:LG)?PO(\d+)", key)
        if m:
            n = int(m.group(1))
            return "LG-PO1-2" if n <= 2 else "LG-PO3-5" if n <= 5 else "LG-PO6"
        m = re.fullmatch(r"(?:LG)?SO(\d)", key)
        if m:
            return f"LG-SO{min(max(int(m.group(1)), 1), 2)}"
        m = re.fullmatch(r"(?:LG)?SCALE(\d)(?:\d*)", key)
        if m:
            return "LG-SCALE1-3" if int(m.group(1)) <= 3 else "LG-SCALE4-6"
        m = re.fullmatch(r"(?:AFC|NHS)?(?:BAND)(\d[A-D]?)", key)
        if m:
            return f"NHS-{m.group(1)}"
        m = re.fullmatch(r"(?:GRADE|G)(\d)", key)
        if m:
            return f"G{m.group(1)}"
        m = re.fullmatch(r"SCS(?:PAYBAND|PB|BAND)?(\d)|PB(\d)", key)
        if m:
            return f"SCS{m.group(1) or m.group(2)}"
        return None

    def resolve(self, grade: str | None) -> tuple[str, int] | None:
        """(Civil Service equivalent code, seniority) for a grade, or None if unknown."""
        if not grade:
            return None
        if grade in self._cache:
            return self._cache[grade]
        key = _squash(grade)
        info = self._by_key.get(key)
        if info is None:
            code = self._rule(key)
            info = self._by_key.get(_squash(code)) if code else None
            if info is None and code in CS_GRADE_SENIORITY:
                info = GradeInfo(code, code)
        result = None
        if info is not None:
            cs = info.equivalent or info.code
            if cs in CS_GRADE_SENIORITY:
                result = (cs, CS_GRADE_SENIORITY[cs])
        self._cache[grade] = result
        return result


# --------------------------------------------------------------------------- engine


#: (normalised title, grade, description key, organisation type code, words per part).
CacheKey = tuple[str, str, str, str, tuple[int, ...]]


def _description_key(description: str) -> str:
    """A job description for the cache key: a long one by its start and a digest of the
    whole, so that two descriptions differing only near their ends are not confused."""
    text = normalise_text(description) if description else ""
    if len(text) <= 500:
        return text
    return text[:200] + "#" + hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


_GENERIC_ALIASES = frozenset({"operations analyst", "analyst", "manager", "engineer", "lead"})


def _strip_seniority(text: str, keep: str = "") -> str:
    words = [w for w in text.split()
             if w == keep or (w not in tk.SENIORITY_WORDS and w not in ("of", "and"))]
    return " ".join(w for w in words if w != "management" or len(words) > 1)


class DefaultEngine:
    """Classifies titles with the phrase knowledge, fuzzy matching and a grade prior."""

    name = "default"

    def __init__(self, catalogue: RoleCatalogue,
                 models: Mapping[str, title_model.Model] | None = None) -> None:
        self.catalogue = catalogue
        self.models = dict(models) if models is not None else bundled_models()
        self.models["in_profession"].check_features(te.FEATURES)
        self.models["role"].check_features(te.ROLE_FEATURES)
        self.grades = GradeResolver(catalogue.grades)
        self._families = {r.name: r.family for r in catalogue.roles}
        self._levels: dict[str, list[LevelInfo]] = {}
        for level in catalogue.levels:
            self._levels.setdefault(level.role, []).append(level)
        self.phrases: dict[str, str | None] = {}
        for phrase in tk.OUTSIDE_PHRASES:
            self.phrases[phrase] = None
        self._add_framework_aliases()
        for phrase, role in tk.ROLE_PHRASES.items():
            if role in self._families:
                self.phrases[normalise_title(phrase)] = role
        # A generic management head with a technology word just before it is that role
        # ("it project officer", "digital transformation programme manager").
        qualified = set()
        for head, role in tk.TECHNOLOGY_QUALIFIED_HEADS.items():
            if role in self._families:
                for tech in tf.TECH_WORDS:
                    phrase = f"{tech} {head}"
                    if phrase not in self.phrases:
                        self.phrases[phrase] = role
                        qualified.add(phrase)
        self._max_words = max(len(p.split()) for p in self.phrases)
        # Aliases grouped by role, for one fuzzy-match matrix per batch of titles (the
        # technology-qualified heads only by exact match: they would double the matrix).
        aliases = {(r, p) for p, r in self.phrases.items() if r and p not in qualified}
        # A chief role's phrases without their rank words ("director of digital" ->
        # "digital"), so "Head of Digital" finds it; only titles of that rank are matched
        # to the chief family (see _analyse).
        aliases |= {(r, _strip_seniority(p)) for p, r in self.phrases.items()
                    if r and self._families[r] == CHIEF_FAMILY and _strip_seniority(p)}
        aliases = sorted(aliases)
        self._alias_texts = [p for _r, p in aliases]
        self._fuzzy_roles = sorted({r for r, _p in aliases})
        self._role_starts = np.array([[r for r, _p in aliases].index(role)
                                      for role in self._fuzzy_roles])
        self._seniority_patterns = [
            (re.compile(rf"\b{re.escape(phrase)}\b"), value, phrase)
            for phrase, value in sorted(tk.SENIORITY_PHRASES.items(), key=lambda i: -len(i[0]))
        ]
        vocab = {w for p in self.phrases for w in p.split()} | set(tk.SENIORITY_WORDS)
        self._vocab = sorted(w for w in vocab if len(w) >= 4)
        # Other fields' words and technology words are never "corrected" into a role word.
        self._vocab_set = vocab | {w for p in tf.FIELD_WORDS for w in p.split()} | set(
            tf.TECH_WORDS)
        self._spelling: dict[str, str] = {}
        self._cache: dict[CacheKey, Classification] = {}
        self._names_cache: dict[str, list[tuple[str, LevelInfo]]] = {}
        self._chief_names: dict[str, str | None] = {}
        self._practitioners: dict[str, LevelInfo] = {}

    # ---- knowledge

    def _add_framework_aliases(self) -> None:
        for role in self.catalogue.roles:
            name = normalise_title(role.name)
            self.phrases[name] = role.name
            plain = re.sub(r"\s+", " ", re.sub(r"\(.*?\)", " ", role.name)).strip()
            self.phrases[normalise_title(plain)] = role.name
            for inner in re.findall(r"\((.*?)\)", role.name):
                inner_n = normalise_title(inner)
                if len(inner_n.split()) > 1 or inner_n == "devops":
                    self.phrases.setdefault(inner_n + " " + name.split()[-1], role.name)
        for level in self.catalogue.levels:
            full = normalise_title(level.name.split(" - ")[0])
            if len(full.split()) > 1 and full not in tk.OUTSIDE_PHRASES:
                # The whole level name too: "head of it service management" beats "head of it".
                self.phrases.setdefault(full, level.role)
            alias = _strip_seniority(normalise_title(level.name.split(" - ")[0]), keep="chief")
            if (len(alias.split()) > 1 and alias not in _GENERIC_ALIASES
                    and alias not in self.phrases):
                self.phrases[alias] = level.role

    def _chief_of(self, phrase: str) -> str | None:
        """The chief role whose name, rank words aside, holds the phrase: a head of
        "information security" is the chief information security officer."""
        if phrase not in self._chief_names:
            found = None
            for role in self.catalogue.roles:
                if role.family == CHIEF_FAMILY:
                    name = f" {_strip_seniority(normalise_title(role.name))} "
                    if f" {phrase} " in name:
                        found = role.name
                        break
            self._chief_names[phrase] = found
        return self._chief_names[phrase]

    def _correct(self, word: str) -> str:
        if word in self._vocab_set or len(word) < 5 or word.isdigit():
            return word
        if word not in self._spelling:
            cutoff = 80 if len(word) >= 7 else 85
            match = process.extractOne(word, self._vocab, scorer=fuzz.ratio, score_cutoff=cutoff)
            # A word is not a typo of its own plural or singular ("event" is not "events").
            plural = match and (match[0] == word + "s" or word == match[0] + "s")
            self._spelling[word] = match[0] if match and not plural else word
        return self._spelling[word]

    # ---- matching

    def _phrase_matches(self, words: list[str], segments: list[int] | None = None
                        ) -> list[tuple[int, int, str, str | None, bool]]:
        """Every known phrase in the words: (length, start, phrase, role or None, primary).

        ``primary`` is True when the phrase touches the first segment of the title
        (the part before any comma, dash or bracket)."""
        found = []
        for n in range(min(self._max_words, len(words)), 0, -1):
            for start in range(len(words) - n + 1):
                phrase = " ".join(words[start:start + n])
                if phrase in self.phrases:
                    primary = segments is None or 0 in segments[start:start + n]
                    found.append((n, start, phrase, self.phrases[phrase], primary))
        return found

    def _words(self, text: str) -> list[str]:
        words = [self._correct(w) for w in _normalise(text).split()]
        return " ".join(tk.ABBREVIATIONS.get(w, w) for w in words).split()

    def _variants(self, title: str) -> list[tuple[list[str], list[int]]]:
        """The title's words in order and, for "Architect, Solutions", in reverse order of
        its parts; each with the index of the part every word came from."""
        parts: list[list[str]] = []
        for text in _SEPARATORS.split(_translate(title or "")):
            words = self._words(text) if text.strip() else []
            if words and words not in parts:  # a bilingual title's second half adds nothing
                parts.append(words)
        parts = parts or [[]]
        out = []
        orders = [list(range(len(parts)))]
        if len(parts) > 1:
            orders.append(list(reversed(range(len(parts)))))
        for order in orders:
            words: list[str] = []
            segments: list[int] = []
            for index in order:
                words.extend(parts[index])
                segments.extend([index] * len(parts[index]))
            out.append((words, segments))
        return out

    def _seniority_from_words(self, words: list[str]) -> tuple[int | None, str]:
        text = " ".join(words)
        for pattern, value, phrase in self._seniority_patterns:
            if pattern.search(text):
                return value, phrase
        values = [(tk.SENIORITY_WORDS[w], w) for w in words if w in tk.SENIORITY_WORDS]
        if not values:
            return None, ""
        return max(values)

    def _level_names(self, role: str) -> list[tuple[str, LevelInfo]]:
        """(normalised name, level) of a role's technical levels, longest name first."""
        if role not in self._names_cache:
            names = [(normalise_title(lv.name.split(" - ")[0]), lv)
                     for lv in self._levels.get(role, []) if lv.track != "management"]
            self._names_cache[role] = sorted(names, key=lambda item: -len(item[0]))
        return self._names_cache[role]

    def _practitioner(self, role: str) -> LevelInfo:
        """The level named like the role itself, else the one nearest the practitioner rank."""
        if role not in self._practitioners:
            plain = normalise_title(role)
            self._practitioners[role] = min(
                self._levels[role], key=lambda lv: (normalise_title(lv.name) != plain,
                                                    abs(lv.seniority - 4), lv.order))
        return self._practitioners[role]

    def _choose_level(self, role: str, words: list[str], grade: str | None,
                      all_words: list[str] | None = None) -> tuple[str | None, float, str]:
        levels = self._levels.get(role) or []
        if not levels:
            return None, 0.0, ""
        word_value, word = self._seniority_from_words(words)
        resolved = self.grades.resolve(grade)
        management = any(w in ("manager", "management") for w in all_words or words)
        grade_note = ""
        if resolved:
            like = "" if _squash(grade or "") == _squash(resolved[0]) else f" (like {resolved[0]})"
            grade_note = f"grade {grade}{like} suggests seniority {resolved[1]}"
        text = f" {' '.join(words)} "

        # 1. The title names a level of the role ("Major incident manager", "Senior developer").
        for name, level in self._level_names(role):
            if f" {name} " in text and (not word or word in name.split()
                                         or word in name):
                gap = resolved[1] - level.seniority if resolved else 0
                if not word and (gap <= -3 or gap >= 8):
                    break  # a bare name at a grade far from it: let the grade speak
                confidence = 0.85
                if resolved and abs(gap) <= 2:
                    confidence = 0.9
                elif resolved and abs(gap) > 4:
                    confidence = 0.6
                return self._track(level, management), confidence, "; ".join(
                    n for n in (f"the title names the level '{level.name}'", grade_note) if n)

        # 2. Seniority words; 3. none: the practitioner level unless the grade is far off.
        practitioner = self._practitioner(role)
        notes = []
        if word_value is not None:
            target, confidence = word_value, 0.8
            notes.append(f"'{word}' suggests seniority {word_value}")
            if resolved:
                notes.append(grade_note)
                confidence = 0.9 if abs(resolved[1] - word_value) <= 2 else 0.6
        else:
            target, confidence = practitioner.seniority, 0.6
            gap = resolved[1] - practitioner.seniority if resolved else 0
            if resolved and (gap <= -3 or gap >= 8):
                target, confidence = resolved[1], 0.5
                notes.append(f"no seniority words; {grade_note}, far from the "
                             "practitioner level")
            else:
                notes.append("no seniority words: practitioner level")
                if resolved:
                    notes.append(grade_note)
                    confidence = 0.7 if abs(gap) <= 2 else 0.6

        def cost(level: LevelInfo) -> tuple:
            track_miss = (level.track == "management") != management
            return (abs(level.seniority - target), track_miss, level.order)

        best = min(levels, key=cost)
        if abs(best.seniority - target) > 2:
            confidence = min(confidence, 0.5)
        return best.name, confidence, "; ".join(notes)

    def _track(self, level: LevelInfo, management: bool) -> str:
        """The management twin of a level when the title says "manager", if there is one."""
        if management:
            for other in self._levels.get(level.role, []):
                if other.track == "management" and other.seniority == level.seniority:
                    return other.name
        return level.name

    def choose_level(self, role: str, words: list[str], grade: str | None
                     ) -> tuple[str | None, float, str]:
        """(role level name, confidence, note) for a role given title words and a grade."""
        return self._choose_level(role, words, grade)

    def _fuzzy_many(self, texts: list[str], limit: int = 8) -> list[list[tuple[str, float]]]:
        """For each text, the roles whose aliases look most like it: (role, score 0-1)."""
        if not texts:
            return []
        scores = process.cdist(texts, self._alias_texts, scorer=fuzz.token_sort_ratio,
                               dtype=np.uint8, workers=-1)
        by_role = np.maximum.reduceat(scores, self._role_starts, axis=1)
        order = np.argsort(-by_role, axis=1, kind="stable")[:, :limit]
        out = []
        for row, text in zip(range(len(texts)), texts, strict=True):
            out.append([(self._fuzzy_roles[j], float(by_role[row, j]) / 100) for j in order[row]
                        if text and by_role[row, j] >= 40])
        return out

    # ---- public

    def _key(self, title: str, grade: str | None, description: str,
             organisation_type: str | None = None) -> CacheKey:
        """Everything the result depends on: the normalised title, grade, description and
        organisation type, and where the title's parts end (a qualifier after a dash is
        read differently from the same words run together; (0,) for a title with no
        words to read, which is told apart from no title at all)."""
        parts = title_parts(title)
        shape = tuple(len(part.split()) for part in parts) or (
            (0,) if (title or "").strip() else ())
        return (" ".join(parts), (grade or "").strip(), _description_key(description),
                te.organisation_code(organisation_type), shape)

    def classify(self, title: str, grade: str | None = None, description: str = "",
                 organisation_type: str | None = None) -> Classification:
        """Classify one title (and description, when given); cached."""
        return self.classify_many([(title, grade, description, organisation_type)])[0]

    def classify_many(self, rows: Iterable[Mapping | tuple | str]) -> list[Classification]:
        """Classify rows of {"job_title", "grade", "job_description", "organisation_type"},
        tuples in that order, or plain titles.

        Each distinct normalised title, grade, description and organisation type is
        classified once (and remembered); the fuzzy matching of new titles runs as one
        matrix on all cores."""
        inputs = [read_row(row) for row in rows]
        keys = [self._key(*item) for item in inputs]
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()  # a long-running server keeps a bounded memory
        todo: dict[CacheKey, tuple] = {}
        for key, item in zip(keys, inputs, strict=True):
            if key not in self._cache and key not in todo:
                todo[key] = item
        for key, analysis in zip(todo, self._analyse_many(list(todo.items())), strict=True):
            self._cache[key] = self._decide(analysis)
        return [self._cache[key] for key in keys]

    def analyse_many(self, rows: Iterable[Mapping | tuple | str]) -> list[Analysis]:
        """The evidence and candidate role of each row, before the models decide (not
        cached; for fitting the models)."""
        inputs = [read_row(row) for row in rows]
        return self._analyse_many([(self._key(*item), item) for item in inputs])

    def _analyse_many(self, items: list[tuple[tuple, tuple]]) -> list[Analysis]:
        out: list[Analysis] = []
        for chunk_start in range(0, len(items), 5000):
            chunk = items[chunk_start:chunk_start + 5000]
            prepared = [(key, item, self._variants(item[0])) for key, item in chunk]
            cores = [_strip_seniority(" ".join(v[0][0])) for _k, _i, v in prepared]
            for (key, item, variants), fuzzy in zip(prepared, self._fuzzy_many(cores),
                                                    strict=True):
                analysis = self._analyse(key[1] or None, item[2], key[3], variants, fuzzy)
                if analysis.empty and item[0].strip():
                    analysis.read_note = ("No words to classify in the job title (only a "
                                          "grade, numbers or signs).")
                read = " ".join(variants[0][0])
                if read and read != " ".join(_basic_tokens(item[0])):
                    welsh = _basic_tokens(_translate(item[0])) != _basic_tokens(
                        item[0])
                    analysis.read_note = (f"Read from Welsh as '{read}'." if welsh
                                          else f"Read as '{read}'.")
                out.append(analysis)
        return out

    def _analyse(self, grade: str | None, description: str, organisation_type: str,
                 variants: list[tuple[list[str], list[int]]],
                 fuzzy: list[tuple[str, float]]) -> Analysis:
        words, segments = variants[0]
        if not words:
            return Analysis(empty=True, grade=grade)
        senior = (self._seniority_from_words(words)[0] or 0) >= CHIEF_SENIORITY
        if not senior:
            # A title that looks like a chief role's name without a word of that rank
            # ("Digital Officer") is not that role.
            fuzzy = [(r, s) for r, s in fuzzy if self._families[r] != CHIEF_FAMILY]
        matches: list[tuple[int, int, str, str | None, bool]] = []
        for variant, variant_segments in variants:
            matches.extend(self._phrase_matches(variant, variant_segments))
        # Hits in the title's own order (for context); reordered parts only add phrases.
        hits: dict[str, te.Hit] = {}
        for n, start, phrase, role, primary in self._phrase_matches(words, segments):
            hits.setdefault(phrase, te.Hit(phrase, role, n, start, primary))
        for n, _start, phrase, role, primary in matches:
            hits.setdefault(phrase, te.Hit(phrase, role, n, -1, primary))
        # The phrase rule of old: a qualifier's outside phrase does not outrank the title's
        # own phrases; the longest phrase first; a role phrase wins a tie with an outside one;
        # of equally long phrases the earlier wins ("business development manager").
        ranked_matches = matches
        if any(m[4] for m in matches):
            ranked_matches = [m for m in matches if m[4]] + [
                m[:4] + (False,) for m in matches if not m[4] and m[3]]
        ranked_matches.sort(key=lambda m: (not m[4], -m[0], m[1], m[3] is None))
        core = _strip_seniority(" ".join(words))
        core_length = len(core.split()) or len(words)

        role_scores: dict[str, float] = {}
        for n, _start, _phrase, role, _primary in ranked_matches:
            if role:
                role_scores.setdefault(role, 0.7 + 0.05 * min(n, 4))
        for role, score in fuzzy:
            role_scores[role] = max(role_scores.get(role, 0.0), score * 0.75)
        ranked = sorted(role_scores.items(), key=lambda i: -i[1])

        role_match = next((m for m in ranked_matches if m[3]), None)
        if role_match is not None:
            # Of equally long role phrases in the same part, the one nearer the end names
            # the job ("IT systems test analyst": test analyst); English puts the head last.
            ties = [m for m in ranked_matches
                    if m[3] and (m[4], m[0]) == (role_match[4], role_match[0])]
            role_match = max(ties, key=lambda m: hits[m[2]].start)
        outside_beats = bool(ranked_matches) and ranked_matches[0][3] is None
        outside_phrase = next((m[2] for m in ranked_matches if m[3] is None), "")
        role_hit = hits[role_match[2]] if role_match else None
        role: str | None = role_hit.role if role_hit else None
        if role_hit is not None and senior:
            role = self._chief_of(role_hit.phrase) or role
        basis, fuzzy_score = ("phrase", 0.0) if role else ("", 0.0)
        if fuzzy:
            fuzzy_score = fuzzy[0][1] if role is None else dict(fuzzy).get(role, 0.0)
        desc_role = None
        if role is None and fuzzy and fuzzy[0][1] >= FUZZY_IN_PROFESSION:
            role, basis = fuzzy[0][0], "fuzzy"
        if role is None:
            desc_role = self._from_description(description)
            if desc_role:
                role, basis = desc_role, "description"
        if role is None and fuzzy:
            role, basis = fuzzy[0][0], "fuzzy"
        scores = [s for r, s in ranked if r != role]
        gap = role_scores.get(role, 0.0) - (scores[0] if scores else 0.0) if role else 0.0
        resolved = self.grades.resolve(grade)
        evidence = te.gather(
            words, segments, list(hits.values()), role_hit, outside_beats,
            core_length=core_length, fuzzy_score=fuzzy_score, role_gap=gap,
            from_fuzzy=basis == "fuzzy", from_description=basis == "description",
            grade_seniority=resolved[1] if resolved else None,
            organisation_type=organisation_type)
        return Analysis(
            role=role, basis=basis, role_hit=role_hit, outside_phrase=outside_phrase,
            outside_beats=outside_beats, evidence=evidence, ranked=ranked, grade=grade,
            fuzzy_score=fuzzy_score, words=words, segments=segments,
            hints=[w for w in words if w in tk.DDAT_HINT_WORDS])

    def _decide(self, analysis: Analysis) -> Classification:
        """Apply the models to the evidence: the decision, the role and the confidences."""
        if analysis.empty:
            return Classification(False, confidence=0.99, profession_confidence=0.99,
                                  profession_probability=0.01,
                                  reason=analysis.read_note or "No job title to classify.")
        evidence = analysis.evidence
        p = self.models["in_profession"].predict_one(evidence.values)
        if analysis.role is None:
            p = min(p, 0.49)  # nothing to suggest: the title cannot be put in
        q = self.models["role"].predict_one(evidence.role_values)
        p, q = round(p, 3), round(q, 3)
        context = te.reason(evidence, analysis.role_hit, p >= 0.5)
        head = analysis.read_note
        if p < 0.5:
            if analysis.outside_beats:
                why = f"'{analysis.outside_phrase}' belongs to work outside the profession."
            elif context:
                why = context
            elif analysis.role_hit is not None:
                why = f"'{analysis.role_hit.phrase}' alone is not enough here."
            elif analysis.hints:
                why = (f"Only general words ({', '.join(analysis.hints)}) hint at the "
                       "profession.")
            else:
                why = "No words of the profession."
            if context and context != why and not (
                    evidence.context and evidence.context in analysis.outside_phrase):
                why += " " + context
            reason = " ".join(x for x in (head, why, f"Outside the profession (probability "
                                          f"of being in it {p:.0%}).") if x)
            return Classification(
                False, confidence=round(1 - p, 3), profession_confidence=round(1 - p, 3),
                profession_probability=p, role_confidence=q, reason=reason,
                matched_phrase=analysis.outside_phrase if analysis.outside_beats else (
                    analysis.role_hit.phrase if analysis.role_hit else ""),
                alternatives=[(r, None, round(s * 0.5, 3)) for r, s in analysis.ranked[:3]
                              if s >= 0.5],
            )

        role = analysis.role
        words, segments = analysis.words, analysis.segments
        if analysis.basis == "phrase":
            role_head = f"'{analysis.role_hit.phrase}' is a known title for {role}."
        elif analysis.basis == "semantic":
            role_head = (f"The title means much the same as phrases of {role} "
                         f"(similarity {analysis.similarity:.2f}).")
        elif analysis.basis == "description":
            role_head = f"The description names work of a {role}."
        else:
            role_head = (f"The title looks like {role} ({analysis.fuzzy_score:.0%} "
                         "similar).")
        confidence = round(p * q, 3)
        first = [w for w, seg in zip(words, segments, strict=True) if seg == 0] or words
        level, level_conf, level_note = self._choose_level(role, first, analysis.grade, words)
        alternatives = []
        for other, score in analysis.ranked:
            if other == role:
                continue
            other_level, _c, _n = self._choose_level(other, first, analysis.grade, words)
            alternatives.append((other, other_level,
                                 round(min(score * p, confidence - 0.01), 3)))
            if len(alternatives) == 3:
                break
        parts = [head, role_head, context, f"In the profession (probability {p:.0%})."]
        if level_note:
            parts.append(f"Level: {level_note}.")
        return Classification(
            True, role_family=self._families[role], role=role, role_level=level,
            confidence=confidence, reason=" ".join(x for x in parts if x),
            alternatives=alternatives, profession_confidence=p, profession_probability=p,
            role_confidence=q, level_confidence=round(level_conf, 3),
            matched_phrase=analysis.role_hit.phrase if analysis.role_hit else "",
        )

    def _from_description(self, description: str) -> str | None:
        if not description:
            return None
        words = [self._correct(w) for w in normalise_text(description).split()]
        counts: dict[str, int] = {}
        for n, _s, _p, role, _primary in self._phrase_matches(words):
            if role and n >= 2:
                counts[role] = counts.get(role, 0) + n
        return max(counts, key=counts.get) if counts else None


MODEL_JSON = Path(__file__).resolve().parent / "data" / "title-model.json"

#: Used only until ``cadre workforce calibrate --write`` has written MODEL_JSON: the old
#: phrase rule, roughly, with other fields' words against an ambiguous role phrase.
_STARTING_WEIGHTS = {
    "in_profession": ({"role_phrase": 3.0, "outside_beats_role": -6.0, "fuzzy": 4.0,
                       "description_role": 3.0, "ambiguous_in_other_field": -5.0,
                       "field_before_role": -1.0, "tech_words": 1.0}, -3.0),
    "role": ({"role_words": 1.0, "gap_to_second": 2.0}, 1.5),
}


@lru_cache(maxsize=1)
def bundled_models() -> dict[str, title_model.Model]:
    """The fitted models of MODEL_JSON, or starting weights when it is not written yet."""
    if MODEL_JSON.is_file():
        return title_model.load(MODEL_JSON)
    return starting_models()


def starting_models() -> dict[str, title_model.Model]:
    """Hand-set weights over the current evidence features (for fitting, and before any
    fit has been written)."""
    out = {}
    for name, names in (("in_profession", te.FEATURES), ("role", te.ROLE_FEATURES)):
        weights, bias = _STARTING_WEIGHTS[name]
        out[name] = title_model.Model(names, np.array([weights.get(n, 0.0) for n in names]),
                                      bias, 0.0, fitted_on="starting weights")
    return out


_FRAMEWORK_JSON = (Path(__file__).resolve().parents[1] / "framework" / "data"
                   / "default-framework.json")
_GRADES_CSV = Path(__file__).resolve().parents[1] / "organisations" / "data" / "grades.csv"


@lru_cache(maxsize=1)
def bundled_catalogue() -> RoleCatalogue:
    """The embedded default framework and grade list, read from files (no database)."""
    return RoleCatalogue.from_files(_FRAMEWORK_JSON, _GRADES_CSV)


@lru_cache(maxsize=4)
def _engine_for(catalogue: RoleCatalogue) -> DefaultEngine:
    return DefaultEngine(catalogue)


def default_engine(catalogue: RoleCatalogue) -> DefaultEngine:
    """A shared engine for a catalogue (its cache is kept between calls)."""
    return _engine_for(catalogue)
