"""Reading Welsh and bilingual job titles: Welsh words become English ones. No Django.

The vocabulary is ``data/welsh-terms.csv`` (Welsh citation form, English in the
classifier's normalised words, part of speech, note). ``translate`` is meant to run
before the classifier normalises a title:

- a title with no distinctly Welsh word is returned unchanged (``looks_welsh``);
- otherwise every segment between separators (" / ", " - ", brackets, commas...) that
  holds Welsh is translated and the separators are kept exactly where they were, so
  "Uwch Ddatblygwr Meddalwedd / Senior Software Developer" becomes
  "senior software developer / senior software developer";
- Welsh initial mutations (soft, nasal, aspirate, h- before a vowel) are undone for
  every word of every term, accents may be dropped (``w`` for ``ŵ``), hyphens may be
  written or not, and case does not matter;
- the longest known phrase wins, and Welsh noun-first order is turned into English
  order: "rheolwr prosiect digidol" -> "digital project manager",
  "pennaeth technoleg" -> "head of technology".
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TERMS_CSV = Path(__file__).resolve().parent / "data" / "welsh-terms.csv"
PARTS = ("role", "seniority", "field", "word")

#: The classifier's separators (any "/" too): kept verbatim around translated segments.
_SEPARATOR = re.compile(r"(\s*(?:,|;|\s-\s|\s–\s|\||\(|\)|\[|\]|/)\s*)")
_ACCENTS = str.maketrans(
    "âêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿÂÊÎÔÛŴŶÁÉÍÓÚẂÝÀÈÌÒÙẀỲÄËÏÖÜẄŸ’‘",
    "aeiouwyaeiouwyaeiouwyaeiouwyAEIOUWYAEIOUWYAEIOUWYAEIOUWY''",
)
_CIRCUMFLEX = frozenset("âêîôûŵŷ")
_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")
_EDGE_PUNCTUATION = ".,:;!?\"“”'()[]{}"

#: Short forms after an apostrophe: the article ('r), and pronouns ('n, 'i, 'w).
_CLITICS = frozenset({"r", "n", "i", "w"})
#: Words that never mutate here (function words and abbreviations).
_NO_MUTATION = frozenset({
    "a", "ac", "y", "yr", "i", "o", "yn", "ym", "yng", "gyda", "dros", "ar", "gyfer",
    "tg", "tgch",
})
#: Adjectives that stand before their noun and never head a Welsh phrase.
_PRENOMINAL = frozenset({"uwch", "prif", "dirprwy"})
#: Seniority adjectives that follow their noun ("datblygwr iau" = junior developer).
_POSTNOMINAL = frozenset({
    "cynorthwyol", "iau", "arweiniol", "graddedig", "dan hyfforddiant", "canolradd",
})
#: Last English words of role phrases that name work, not a person ("cymorth tg" =
#: "it support"): after a person ("swyddog cymorth tg") they describe it.
_NOT_PERSON = frozenset({"support", "desk", "computing", "centre", "management", "service"})
#: Articles the phrase table may skip ("gwasanaethau'r gyfraith" = "gwasanaethau cyfraith").
_ARTICLES = frozenset({"y", "yr"})
#: English translations that join (connector) or start a new phrase (preposition).
_CONNECTORS = frozenset({"and"})
_PREPOSITIONS = frozenset({"for", "in", "with", "of"})
#: English words that end a Welsh noun phrase when they appear inside a Welsh segment.
_ENGLISH_BREAKS = frozenset({
    "developer", "engineer", "manager", "officer", "analyst", "architect", "designer",
    "researcher", "writer", "tester", "scientist", "owner", "lead", "leader", "head",
    "director", "senior", "junior", "principal", "chief", "assistant", "specialist",
    "adviser", "advisor", "consultant", "coordinator", "administrator", "technician",
    "apprentice", "trainee", "graduate", "deputy", "executive", "and", "of", "for",
})

#: Welsh forms (radical or mutated, accents dropped) that are also English words:
#: the first lines were found with the word lists of Debian's wamerican and wbritish
#: when the terms were written, the last line holds words that came up in review
#: (names, short words). They are translated only inside a segment that is Welsh for
#: another reason, and never make a title look Welsh by themselves.
ENGLISH_LOOKALIKES: frozenset[str] = frozenset({
    "a", "ac", "ail", "ar", "cod", "dan", "data", "dim", "god", "hail", "han", "i",
    "lawn", "les", "nan", "o", "partner", "plant", "ran", "sir", "tan", "thai", "than",
    "tim", "we", "y", "yr",
    "am", "can", "dai", "gel", "hen", "man", "pen", "plan", "tai", "ward",
})


@dataclass(frozen=True, slots=True)
class Term:
    """One row of the vocabulary."""

    welsh: str
    english: str
    part: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class _Unit:
    english: str
    part: str  # a term's part, or "" for a word left as it was
    welsh: str = ""  # the term's key, "" for a word left as it was


def fold(text: str) -> str:
    """Lower case, accents dropped, typographic apostrophes made plain."""
    return text.translate(_ACCENTS).lower()


def _key(word: str) -> str:
    return fold(word).replace("-", "")


def load_terms(path: Path = TERMS_CSV) -> list[Term]:
    """Read the vocabulary; a malformed row raises ``ValueError`` naming the row."""
    terms: list[Term] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != ["welsh", "english", "part", "note"]:
            raise ValueError(f"{path.name}: columns must be welsh,english,part,note")
        for line, row in enumerate(reader, start=2):
            welsh = (row["welsh"] or "").strip()
            part = (row["part"] or "").strip()
            if not welsh or part not in PARTS:
                raise ValueError(f"{path.name} line {line}: needs welsh and a part in {PARTS}")
            terms.append(Term(welsh, (row["english"] or "").strip(), part,
                              (row["note"] or "").strip()))
    return terms


def mutations(word: str) -> list[tuple[str, int]]:
    """The mutated forms of a folded word with their kind (1 soft, 2 nasal, 3 aspirate, 4 h-)."""
    out: list[tuple[str, int]] = []
    if word in _NO_MUTATION or len(word) < 2:
        return out
    two, first, rest = word[:2], word[0], word[1:]
    if two == "ll":
        out.append(("l" + word[2:], 1))
    elif two == "rh":
        out.append(("r" + word[2:], 1))
    elif two in ("ch", "ph", "th", "dd", "ff", "ng"):
        return out
    elif first == "p":
        out += [("b" + rest, 1), ("mh" + rest, 2), ("ph" + rest, 3)]
    elif first == "t":
        out += [("d" + rest, 1), ("nh" + rest, 2), ("th" + rest, 3)]
    elif first == "c":
        out += [("g" + rest, 1), ("ngh" + rest, 2), ("ch" + rest, 3)]
    elif first == "b":
        out += [("f" + rest, 1), ("m" + rest, 2)]
    elif first == "d":
        out += [("dd" + rest, 1), ("n" + rest, 2)]
    elif first == "g":
        out += [(rest, 1), ("ng" + rest, 2)]
    elif first == "m":
        out.append(("f" + rest, 1))
    elif first in "aeiouwy":
        out.append(("h" + word, 4))
    return [(form, kind) for form, kind in out if form]


def _english_title_vocabulary() -> frozenset[str]:
    """Words of the classifier's English knowledge (roles, seniority, other fields,
    technology): never read as mutated Welsh, and never a sign that a title is Welsh."""
    from cadre.workforce import title_fields as tf
    from cadre.workforce import title_knowledge as tk

    words: set[str] = set()
    texts = [*tk.ABBREVIATIONS, *tk.ABBREVIATIONS.values(), *tk.PHRASE_SPELLINGS,
             *tk.PHRASE_SPELLINGS.values(), *tk.SENIORITY_WORDS, *tk.SENIORITY_PHRASES,
             *tk.ROLE_PHRASES, *tk.OUTSIDE_PHRASES, *tk.DDAT_HINT_WORDS,
             *tf.FIELD_WORDS, *tf.ALL_TECH_WORDS, *tf.NEUTRAL_WORDS, *tf.DUTY_PHRASES]
    for text in texts:
        words.update(text.split())
    return frozenset(words)


class WelshVocabulary:
    """The terms indexed for matching: surface forms, a phrase trie and trigger words."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self.phrases: dict[tuple[str, ...], Term] = {}
        for term in terms:
            self.phrases.setdefault(tuple(_key(w) for w in term.welsh.split()), term)
        english_words = _english_title_vocabulary()
        radicals = {word for key in self.phrases for word in key}
        #: surface form -> [(radical, mutation kind)], radical readings first.
        self.surface: dict[str, list[tuple[str, int]]] = {}
        #: mutated forms left out because they are words of English job titles.
        self.dropped: set[str] = set()
        for radical in sorted(radicals):
            self.surface.setdefault(radical, []).insert(0, (radical, 0))
        for radical in sorted(radicals):
            for form, kind in mutations(radical):
                if form in english_words:
                    self.dropped.add(form)
                    continue
                self.surface.setdefault(form, []).append((radical, kind))
        for readings in self.surface.values():
            readings.sort(key=lambda item: item[1])
        self.trie: dict = {}
        for key, term in self.phrases.items():
            node = self.trie
            for word in key:
                node = node.setdefault(word, {})
            node[""] = term
        function_words = {w for key, t in self.phrases.items() if t.part == "word"
                          and (t.english in _CONNECTORS | _PREPOSITIONS or not t.english)
                          for w in key}
        translations = {w for t in terms for w in t.english.split()}
        english = english_words | translations
        # An English word's singular or plural is English too ("system" beside "systems").
        number = {w[:-1] for w in english if w.endswith("s")} | {f"{w}s" for w in english}
        not_welsh = ENGLISH_LOOKALIKES | english | number | function_words
        #: forms that are plainly not English: a title holding one is Welsh.
        self.safe = frozenset(f for f in self.surface if f not in not_welsh)
        self.triggers = frozenset(f for f in self.safe if len(f) >= 4)
        self.max_words = max(len(key) for key in self.phrases)


@lru_cache(maxsize=1)
def vocabulary() -> WelshVocabulary:
    """The bundled vocabulary, built once."""
    return WelshVocabulary(load_terms())


def _has_circumflex_word(text: str, vocab: WelshVocabulary) -> bool:
    if not any(ch in _CIRCUMFLEX for ch in text.lower()):
        return False
    return any(ch in _CIRCUMFLEX for w in text.lower().split() for ch in w
               if _key(w.strip(_EDGE_PUNCTUATION)) in vocab.surface)


def _tokens(folded: str) -> list[str]:
    return _WORD.findall(folded)


def _is_welsh_text(text: str, vocab: WelshVocabulary, forms: frozenset[str]) -> bool:
    folded = fold(text) if not text.isascii() else text.lower()
    for token in _tokens(folded):
        if token in forms:
            return True
        if "-" in token or "'" in token:
            joined = token.replace("-", "").split("'")[0]
            if joined in forms or any(p in forms for p in re.split(r"[-']", token)):
                return True
    return not text.isascii() and _has_circumflex_word(text, vocab)


def looks_welsh(text: str) -> bool:
    """True when the title holds at least one word that is Welsh and not English."""
    if not text:
        return False
    vocab = vocabulary()
    return _is_welsh_text(text, vocab, vocab.triggers)


# --------------------------------------------------------------------------- translating


def _split_token(raw: str) -> list[tuple[str, str]]:
    """(lookup key, original text) pairs for one whitespace-separated token."""
    text = raw.strip(_EDGE_PUNCTUATION) or raw
    folded = fold(text)
    if "'" in folded:
        base, _, clitic = folded.rpartition("'")
        if base and clitic in _CLITICS:
            pieces = [(base.replace("-", ""), text[:len(base)])]
            if clitic == "r":
                pieces.append(("y", ""))  # the article: dropped
            return pieces
    return [(folded.replace("-", ""), text)]


@lru_cache(maxsize=65_536)
def _expand(raw: str) -> tuple[tuple[str, str], ...]:
    """The (lookup key, text) pieces of one token, hyphenated compounds split if unknown."""
    vocab = vocabulary()
    pieces = _split_token(raw)
    out: list[tuple[str, str]] = []
    for key, text in pieces:
        if key in vocab.surface or "-" not in text:
            out.append((key, text))
        else:  # "Uwch-ddatblygwr": read the parts
            out.extend((fold(part), part) for part in text.split("-") if part)
    return tuple(out)


def _match(keys: list[str], start: int, vocab: WelshVocabulary) -> tuple[int, Term | None]:
    """Longest phrase starting at ``start``: (words used, term); radical readings preferred."""
    best: tuple[int, int, Term | None] = (0, 0, None)

    def walk(node: dict, index: int, radicals: int) -> None:
        nonlocal best
        term = node.get("")
        used = index - start
        if term is not None and (used, radicals) > best[:2]:
            best = (used, radicals, term)
        if index >= len(keys) or used >= vocab.max_words:
            return
        for radical, kind in vocab.surface.get(keys[index], ()):
            child = node.get(radical)
            if child is not None:
                walk(child, index + 1, radicals + (kind == 0))
        if keys[index] in _ARTICLES and keys[index] not in node and used:
            walk(node, index + 1, radicals)

    walk(vocab.trie, start, 0)
    return best[0], best[2]


def _units(segment: str, vocab: WelshVocabulary) -> list[_Unit]:
    pairs = [pair for raw in segment.split() for pair in _expand(raw)]
    keys = [key for key, _ in pairs]
    units: list[_Unit] = []
    index = 0
    while index < len(pairs):
        used, term = _match(keys, index, vocab)
        if term is None:
            text = pairs[index][1].lower()
            if text == "&":
                units.append(_Unit("and", "word", "&"))
            elif text:
                units.append(_Unit(text, ""))
            index += 1
            continue
        if term.english:
            units.append(_Unit(term.english, term.part, _key(term.welsh)))
        index += used
    return units


def _is_person(unit: _Unit) -> bool:
    return unit.part == "role" and unit.english.rsplit(" ", 1)[-1] not in _NOT_PERSON


def _is_modifier(unit: _Unit) -> bool:
    if unit.part == "role":
        return not _is_person(unit)
    if unit.part in ("field", "word"):
        return unit.english not in _CONNECTORS | _PREPOSITIONS
    if unit.part == "":
        return unit.english.isalpha() and unit.english not in _ENGLISH_BREAKS
    return unit.part == "seniority" and unit.welsh in _POSTNOMINAL


def _can_head(unit: _Unit) -> bool:
    if unit.part == "role":
        return True
    if unit.part == "seniority":
        return unit.welsh not in _PRENOMINAL and unit.welsh not in _POSTNOMINAL
    return unit.part in ("field", "word") and _is_modifier(unit)


def _english_order(units: list[_Unit]) -> list[str]:
    """Welsh noun + modifiers -> English modifiers + noun ("X of" heads keep order)."""
    out: list[str] = []
    index = 0
    while index < len(units):
        head = units[index]
        if not head.welsh or not _can_head(head):
            out.append(head.english)
            index += 1
            continue
        seniority: list[str] = []
        modifiers: list[str] = []
        index += 1
        while index < len(units):
            unit = units[index]
            if (unit.english in _CONNECTORS and modifiers and index + 1 < len(units)
                    and _is_modifier(units[index + 1])):
                modifiers[-1] = f"{modifiers[-1]} and {units[index + 1].english}"
                index += 2
                continue
            if not _is_modifier(unit):
                break
            if unit.part == "seniority":
                seniority.append(unit.english)
            else:
                modifiers.append(unit.english)
            index += 1
        modifiers.reverse()
        if head.english.endswith(" of") and not modifiers:
            out += [*seniority, head.english[:-3]]
        elif head.english.endswith(" of"):
            out += [*seniority, head.english, *modifiers]
        else:
            out += [*seniority, *modifiers, head.english]
    return out


@lru_cache(maxsize=65_536)
def _translate_segment(segment: str) -> str:
    vocab = vocabulary()
    stripped = segment.strip()
    if not stripped:
        return segment
    words = " ".join(w for w in _english_order(_units(stripped, vocab)) if w)
    lead = segment[:len(segment) - len(segment.lstrip())]
    trail = segment[len(segment.rstrip()):]
    return f"{lead}{words}{trail}"


@lru_cache(maxsize=65_536)
def translate(text: str) -> str:
    """The title with its Welsh put into English; a title with no Welsh comes back as it was."""
    if not text or not looks_welsh(text):
        return text
    vocab = vocabulary()
    pieces = _SEPARATOR.split(text)
    out: list[str] = []
    for position, piece in enumerate(pieces):
        if position % 2:  # a separator
            out.append(piece)
        elif _is_welsh_text(piece, vocab, vocab.safe):
            out.append(_translate_segment(piece))
        else:
            out.append(piece.lower())
    return "".join(out)
