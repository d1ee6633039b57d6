"""Finding the profession in job titles: the default, rule-and-fuzzy-match engine. No Django.

A title is normalised (case, punctuation, grade suffixes, abbreviations, typos),
then the longest known phrase in it decides: a phrase naming a framework role puts
the title in the profession, a phrase from another profession or a near miss
("data protection officer") keeps it out. With no phrase, a fuzzy match against
the role names decides, or the title stays out with a low confidence so that a
reviewer sees it. The role level comes from seniority words ("senior", "lead",
"head of") and, as a prior, the Civil Service equivalent of the grade.

The knowledge lives in ``title_knowledge``; the framework's own role and level
names are added to it. Build one ``DefaultEngine`` per catalogue and reuse it:
results are cached by normalised title, grade and description.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from cadre.workforce import title_knowledge as tk

#: Civil Service grade -> the framework's shared seniority scale (see level_order).
CS_GRADE_SENIORITY: dict[str, int] = {
    "AA": 0, "AO": 1, "EO": 2, "HEO": 4, "SEO": 6, "G7": 8, "G6": 10,
    "SCS1": 12, "SCS2": 14, "SCS3": 14, "PS": 14,
}

#: How alike (0-1, word order ignored) a title with no known phrase must be to a role's
#: phrases to join the profession. Typos are mended word by word before this.
FUZZY_IN_PROFESSION = 0.9
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
_PHRASE_SPELLINGS = sorted(tk.PHRASE_SPELLINGS.items(), key=lambda item: -len(item[0]))
_SEPARATORS = re.compile(r"\s*(?:,|;| - | – |\||\(|\)|\[|\]|/ )\s*")


def _basic_tokens(text: str) -> list[str]:
    text = text.lower().replace("&", " and ").replace("+", " and ")
    text = text.replace("c#", "csharp").replace(".net", " dotnet ").replace("'", "")
    text = text.replace("’", "")
    text = re.sub(r"[^a-z0-9#]+", " ", text)
    return text.split()


def normalise_title(text: str) -> str:
    """Lower case, no punctuation or grade suffixes, abbreviations expanded."""
    text = _GRADE_IN_TITLE.sub(" ", text or "")
    words: list[str] = []
    for token in _basic_tokens(text):
        if token in _NOISE_WORDS or token.isdigit():
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

    def top_roles(self, n: int = 3) -> list[str]:
        """The suggested role followed by the alternatives, at most ``n``."""
        names = ([self.role] if self.role else []) + [a[0] for a in self.alternatives]
        out: list[str] = []
        for name in names:
            if name not in out:
                out.append(name)
        return out[:n]


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


_GENERIC_ALIASES = frozenset({"operations analyst", "analyst", "manager", "engineer", "lead"})


def _strip_seniority(text: str, keep: str = "") -> str:
    words = [w for w in text.split()
             if w == keep or (w not in tk.SENIORITY_WORDS and w not in ("of", "and"))]
    return " ".join(w for w in words if w != "management" or len(words) > 1)


class DefaultEngine:
    """Classifies titles with the phrase knowledge, fuzzy matching and a grade prior."""

    name = "default"

    def __init__(self, catalogue: RoleCatalogue) -> None:
        self.catalogue = catalogue
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
        self._max_words = max(len(p.split()) for p in self.phrases)
        # Aliases grouped by role, for one fuzzy-match matrix per batch of titles.
        aliases = sorted((r, p) for p, r in self.phrases.items() if r)
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
        self._vocab_set = vocab
        self._spelling: dict[str, str] = {}
        self._cache: dict[tuple[str, str, str], Classification] = {}
        self._names_cache: dict[str, list[tuple[str, LevelInfo]]] = {}
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

    def _correct(self, word: str) -> str:
        if word in self._vocab_set or len(word) < 5 or word.isdigit():
            return word
        if word not in self._spelling:
            cutoff = 80 if len(word) >= 7 else 85
            match = process.extractOne(word, self._vocab, scorer=fuzz.ratio, score_cutoff=cutoff)
            self._spelling[word] = match[0] if match else word
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
        words = [self._correct(w) for w in normalise_title(text).split()]
        return " ".join(tk.ABBREVIATIONS.get(w, w) for w in words).split()

    def _variants(self, title: str) -> list[tuple[list[str], list[int]]]:
        """The title's words in order and, for "Architect, Solutions", in reverse order of
        its parts; each with the index of the part every word came from."""
        parts = [self._words(p) for p in _SEPARATORS.split(title) if p.strip()]
        parts = [p for p in parts if p] or [[]]
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

    def _key(self, title: str, grade: str | None, description: str) -> tuple[str, str, str]:
        return (normalise_title(title), (grade or "").strip(), normalise_text(description)[:500])

    def classify(self, title: str, grade: str | None = None, description: str = ""
                 ) -> Classification:
        """Classify one title (and description, when given); cached."""
        return self.classify_many([(title, grade, description)])[0]

    def classify_many(self, rows: Iterable[Mapping | tuple | str]) -> list[Classification]:
        """Classify rows of {"job_title", "grade", "job_description"}, tuples or plain titles.

        Each distinct normalised title, grade and description is classified once (and
        remembered); the fuzzy matching of new titles runs as one matrix on all cores."""
        inputs = []
        for row in rows:
            if isinstance(row, str):
                inputs.append((row, None, ""))
            elif isinstance(row, Mapping):
                inputs.append((row.get("job_title") or row.get("title") or "",
                               row.get("grade") or None,
                               row.get("job_description") or row.get("description") or ""))
            else:
                title, grade, description = (tuple(row) + (None, ""))[:3]
                inputs.append((title or "", grade or None, description or ""))
        keys = [self._key(*item) for item in inputs]
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()  # a long-running server keeps a bounded memory
        todo: dict[tuple[str, str, str], tuple[str, str | None, str]] = {}
        for key, item in zip(keys, inputs, strict=True):
            if key not in self._cache and key not in todo:
                todo[key] = item
        for chunk_start in range(0, len(todo), 5000):
            chunk = list(todo.items())[chunk_start:chunk_start + 5000]
            prepared = [(key, item, self._variants(item[0])) for key, item in chunk]
            cores = [_strip_seniority(" ".join(v[0][0])) for _k, _i, v in prepared]
            for (key, item, variants), fuzzy in zip(prepared, self._fuzzy_many(cores),
                                                    strict=True):
                result = self._classify(item[0], key[1] or None, item[2], variants, fuzzy)
                read = " ".join(variants[0][0])
                if read and read != " ".join(_basic_tokens(item[0])):
                    result.reason = f"Read as '{read}'. {result.reason}"
                self._cache[key] = result
        return [self._cache[key] for key in keys]

    def _classify(self, title: str, grade: str | None, description: str,
                  variants: list[tuple[list[str], list[int]]],
                  fuzzy: list[tuple[str, float]]) -> Classification:
        words = variants[0][0]
        matches: list[tuple[int, int, str, str | None, bool]] = []
        for variant, segments in variants:
            matches.extend(self._phrase_matches(variant, segments))
        if any(m[4] for m in matches):
            # A qualifier after a dash or in brackets does not outweigh the title itself.
            primary = [m for m in matches if m[4]]
            matches = primary + [m[:4] + (False,) for m in matches if not m[4] and m[3]]
        core = _strip_seniority(" ".join(words))
        if not words:
            return Classification(False, confidence=0.3, profession_confidence=0.3,
                                  reason="No job title to classify.")

        # The longest phrase decides; a role phrase wins a tie with an outside phrase.
        # Among equally long phrases the earlier one wins ("business development manager").
        matches.sort(key=lambda m: (not m[4], -m[0], m[1], m[3] is None))
        role_scores: dict[str, float] = {}
        for n, _start, _phrase, role, _primary in matches:
            if role:
                role_scores.setdefault(role, 0.7 + 0.05 * min(n, 4))
        for role, score in fuzzy:
            role_scores[role] = max(role_scores.get(role, 0.0), score * 0.75)
        ranked = sorted(role_scores.items(), key=lambda i: -i[1])

        best = matches[0] if matches else None
        if best is not None and best[3] is None:
            n, _s, phrase, _r, _p = best
            conf = min(0.95, 0.75 + 0.07 * n)
            return Classification(
                False, confidence=conf, profession_confidence=conf,
                reason=f"'{phrase}' belongs to work outside the profession.",
                matched_phrase=phrase,
                alternatives=[(r, None, round(s * 0.5, 3)) for r, s in ranked[:3] if s >= 0.5],
            )

        reason_head, matched = "", ""
        if best is not None:
            n, _s, phrase, role, _p = best
            covered = n / max(1, len(core.split()) or n)
            role_conf = min(0.97, 0.72 + 0.08 * n + 0.12 * min(covered, 1.0))
            profession_conf = min(0.98, role_conf + 0.05)
            reason_head = f"'{phrase}' is a known title for {role}"
            matched = phrase
        elif fuzzy and fuzzy[0][1] >= FUZZY_IN_PROFESSION:
            role, score = fuzzy[0]
            role_conf = round(score * 0.85, 3)
            profession_conf = role_conf
            reason_head = f"the title looks like {role} ({score:.0%} similar)"
        else:
            desc_role = self._from_description(description)
            if desc_role:
                role, role_conf = desc_role, 0.55
                profession_conf = 0.55
                reason_head = f"the description names work of a {role}"
            else:
                hints = [w for w in words if w in tk.DDAT_HINT_WORDS]
                conf = 0.5 if hints else 0.8
                why = (f"only general words ({', '.join(hints)}) hint at the profession"
                       if hints else "no words of the profession")
                return Classification(
                    False, confidence=conf, profession_confidence=conf,
                    reason=f"Outside the profession: {why}.",
                    alternatives=[(r, None, round(s * 0.5, 3)) for r, s in ranked[:3] if s >= 0.5],
                )

        first = [w for w, seg in zip(*variants[0], strict=True) if seg == 0] or words
        level, level_conf, level_note = self._choose_level(role, first, grade, words)
        alternatives = []
        for other, score in ranked:
            if other == role:
                continue
            other_level, _c, _n = self._choose_level(other, first, grade, words)
            alternatives.append((other, other_level, round(min(score, role_conf - 0.01), 3)))
            if len(alternatives) == 3:
                break
        reason = reason_head[0].upper() + reason_head[1:] + "."
        if level_note:
            reason += f" Level: {level_note}."
        return Classification(
            True, role_family=self._families[role], role=role, role_level=level,
            confidence=round(role_conf, 3), reason=reason, alternatives=alternatives,
            profession_confidence=round(profession_conf, 3), role_confidence=round(role_conf, 3),
            level_confidence=round(level_conf, 3), matched_phrase=matched,
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
