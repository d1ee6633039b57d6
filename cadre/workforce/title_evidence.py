"""The evidence a job title gives for and against the profession, as numbers. No Django.

The classifier finds the known phrases in a title and chooses a role; this module turns
what was found around that role (the words of other fields in qualifiers, team names
and before the role phrase, technology words, the grade, the organisation type, the
description) into a small fixed feature vector for the logistic models in
``title_model``, and into a sentence a reviewer can read.

Every feature is a number between 0 and 1 (see ``FEATURES`` and ``ROLE_FEATURES``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from cadre.workforce import title_fields as tf

#: P(in the profession) features, in the model's order, each with what it means.
FEATURE_NOTES: dict[str, str] = {
    "role_phrase": "1 when a known phrase of a framework role is in the title",
    "role_words": "the role phrase's length in words, up to 4, divided by 4",
    "role_primary": "1 when the role phrase is in the first part of the title "
                    "(before any dash, comma or bracket)",
    "role_ambiguous": "1 when the role phrase is one other fields use too "
                      "('delivery manager', 'network manager')",
    "role_coverage": "the share of the title's words (seniority words aside) the role "
                     "phrase covers",
    "outside_beats_role": "1 when a phrase of work outside the profession outranks any role "
                          "phrase (longer, or as long and earlier, the title's first part "
                          "first): the old phrase rule put such titles out",
    "outside_elsewhere": "1 when a phrase of work outside the profession is elsewhere in "
                         "the title, not part of the role phrase",
    "field_words": "words of other fields beside a role phrase: 0, 0.5 (one), 1 (two "
                   "or more)",
    "field_without_role": "words of other fields in a title with no role phrase, or whose "
                          "role phrase an outside phrase outranks: 0, 0.5, 1",
    "field_before_role": "1 when another field's word stands just before the role phrase, "
                         "in the same part of the title ('fleet network manager')",
    "field_in_qualifier": "1 when another field's words are in a qualifier or team name "
                          "(after a dash or comma, or in brackets)",
    "tech_words": "technology words beside a role phrase: 0, 0.5 (one), 1 (two or more)",
    "tech_without_role": "technology words in a title with no role phrase, or whose role "
                         "phrase an outside phrase outranks ('ICT project officer'): 0, "
                         "0.5, 1",
    "weak_tech_words": "1 when only weak technology words ('systems', 'digital') are "
                       "outside the role phrase",
    "ambiguous_in_other_field": "1 when an ambiguous role phrase has another field's words "
                                "and no technology word beside it",
    "fuzzy": "how alike (0-1) the title is to a role's phrases, when no role phrase is "
             "found",
    "fuzzy_close": "how far above 0.8 that likeness is, divided by 0.2 (0 below 0.8): only a "
                   "close likeness is a role",
    "description_role": "1 when the job description names a role's work (and the title "
                        "names none)",
    "frontline_organisation": "1 for an NHS body, police force, fire and rescue service "
                              "or local authority",
    "frontline_ambiguous": "1 when an ambiguous role phrase is used in such an "
                           "organisation",
    "grade_seniority": "the grade's seniority on the framework's scale divided by 14 "
                       "(0 when the grade is unknown)",
}
FEATURES: tuple[str, ...] = tuple(FEATURE_NOTES)

#: P(role right | in the profession) features.
ROLE_FEATURE_NOTES: dict[str, str] = {
    "role_words": "the role phrase's length in words, up to 4, divided by 4",
    "role_coverage": "the share of the title's words the role phrase covers",
    "role_primary": "1 when the role phrase is in the first part of the title",
    "role_ambiguous": "1 when the role phrase is one other fields use too",
    "fuzzy_score": "how alike the title is to the chosen role's phrases (0-1)",
    "gap_to_second": "the chosen role's score minus the next role's (0-1)",
    "from_fuzzy": "1 when only the fuzzy match chose the role",
    "from_description": "1 when only the description chose the role",
}
ROLE_FEATURES: tuple[str, ...] = tuple(ROLE_FEATURE_NOTES)

#: Two-word phrases that name a duty of the post rather than a field: not context.
DUTY_PHRASES = tf.DUTY_PHRASES
_FRONTLINE = frozenset({"nhs_body", "police_force", "fire_and_rescue_service",
                        "local_authority"})


@dataclass(frozen=True)
class Hit:
    """A known phrase found in the title (in the title's own word order)."""

    phrase: str
    role: str | None
    length: int
    start: int  # position in the title's words; -1 when found only with parts reordered
    primary: bool


@dataclass
class Evidence:
    """The numbers for the two models and the words behind them."""

    values: list[float]
    role_values: list[float]
    field_hits: list[tuple[str, str]] = field(default_factory=list)
    tech_words: list[str] = field(default_factory=list)
    context: str = ""  # the words that carry the other field, as written in the title


@lru_cache(maxsize=256)
def organisation_code(value: str | None) -> str:
    """Cadre's organisation type code for a code or an alias ("nhs", "police"); "" if none."""
    return tf.organisation_type_code(value)


def fuzzy_closeness(score: float) -> float:
    """The ``fuzzy_close`` feature: how far a likeness (0-1) is above 0.8, over 0.2."""
    return max(0.0, score - 0.8) / 0.2


def _bucket(count: int) -> float:
    return 0.0 if count <= 0 else 0.5 if count == 1 else 1.0


def _covered(words: Sequence[str], role_hit: Hit | None) -> set[int]:
    """Positions of the title's words that belong to the role phrase."""
    if role_hit is None:
        return set()
    if role_hit.start >= 0:
        return set(range(role_hit.start, role_hit.start + role_hit.length))
    wanted = list(role_hit.phrase.split())
    out = set()
    for index, word in enumerate(words):
        if word in wanted:
            out.add(index)
            wanted.remove(word)
    return out


def gather(words: Sequence[str], segments: Sequence[int], hits: Sequence[Hit],
           role_hit: Hit | None, outside_beats: bool, *, core_length: int,
           fuzzy_score: float, role_gap: float, from_fuzzy: bool, from_description: bool,
           grade_seniority: int | None, organisation_type: str | None) -> Evidence:
    """The evidence of one title.

    ``words`` and ``segments`` are the title's words in order with the part each came
    from; ``hits`` every known phrase found; ``role_hit`` the phrase that chose the role
    and ``outside_beats`` whether a phrase of work outside the profession outranks it
    (longer, or as long and earlier, in the first part of the title first)."""
    covered = _covered(words, role_hit) | _duties(words)
    free = [i for i in range(len(words)) if i not in covered]
    free_set = set(free)
    # The title is read whole, so a longer technology or role phrase around a field word
    # shields it ("clinical systems analyst"). Other fields' phrases count where they
    # reach beyond the role phrase ("developer contributions officer"); one inside it is
    # the role, not its context.
    spans = [(p, set(range(s, s + len(p.split()))), strong)
             for p, s, strong in tf.tech_spans(words)]
    shielded = set().union(*(span for p, span, _s in spans if " " in p))
    field_hits: list[tuple[str, str]] = []
    positions: set[int] = set()
    for phrase, start, name in tf.field_spans(words):
        span = set(range(start, start + len(phrase.split())))
        loose = span & free_set
        if loose and not span <= shielded:
            field_hits.append((phrase, name))
            positions |= loose
    # A phrase of work outside the profession that reaches beyond the role phrase
    # ("business development manager", "data protection officer") is another field's
    # words too; technology words inside it ("data" there) are not technology. One
    # inside a longer technology phrase ("clinical" in "clinical systems") is neither.
    inside_outside: set[int] = set()
    for hit in hits:
        if hit.role is not None or hit.start < 0:
            continue
        span = set(range(hit.start, hit.start + hit.length))
        if span <= shielded:
            continue
        inside_outside |= span
        loose = span - covered
        if role_hit is not None and loose and not loose & positions:
            named = tf.field_of(hit.phrase.split())
            field_hits.append((hit.phrase, named[0][1] if named else "other"))
            positions |= loose
    field_positions = sorted(positions)
    # Technology words and phrases that reach beyond the role phrase, outside any
    # phrase of work outside the profession.
    found_tech = [(p, strong) for p, span, strong in spans
                  if span & free_set and not span & inside_outside]
    tech = [p for p, _strong in found_tech]
    strong_tech = [p for p, strong in found_tech if strong]
    ambiguous = bool(role_hit and role_hit.phrase in tf.AMBIGUOUS_ROLE_PHRASES)
    organisation = organisation_code(organisation_type)

    before = qualifier = False
    if role_hit is not None and role_hit.start >= 0:
        role_segment = segments[role_hit.start] if segments else 0
        for pos in field_positions:
            if pos < role_hit.start and (not segments or segments[pos] == role_segment):
                before = True
            elif segments and segments[pos] != role_segment:
                qualifier = True
    elif field_positions:
        qualifier = any(segments[p] != 0 for p in field_positions) if segments else False
        before = not qualifier

    outside_elsewhere = any(
        h.role is None and h.start >= 0 and not set(range(h.start, h.start + h.length)) & covered
        for h in hits)
    in_other_field = ambiguous and bool(field_hits) and not tech
    carried_alone = role_hit is None or outside_beats  # no role phrase carries the title
    frontline = organisation in _FRONTLINE

    values = [
        float(role_hit is not None),
        min(role_hit.length, 4) / 4 if role_hit else 0.0,
        float(bool(role_hit and role_hit.primary)),
        float(ambiguous),
        min(1.0, role_hit.length / max(1, core_length)) if role_hit else 0.0,
        float(outside_beats),
        float(outside_elsewhere),
        0.0 if carried_alone else _bucket(len(field_hits)),
        _bucket(len(field_hits)) if carried_alone else 0.0,
        float(before and not carried_alone),
        float(qualifier and not carried_alone),
        0.0 if carried_alone else _bucket(len(tech)),
        _bucket(len(tech)) if carried_alone else 0.0,
        float(bool(tech) and not strong_tech),
        float(in_other_field),
        fuzzy_score if role_hit is None else 0.0,
        fuzzy_closeness(fuzzy_score) if role_hit is None else 0.0,
        float(from_description),
        float(frontline),
        float(frontline and ambiguous),
        (grade_seniority or 0) / 14,
    ]
    role_values = [
        min(role_hit.length, 4) / 4 if role_hit else 0.0,
        min(1.0, role_hit.length / max(1, core_length)) if role_hit else 0.0,
        float(bool(role_hit and role_hit.primary)),
        float(ambiguous),
        fuzzy_score,
        max(0.0, min(1.0, role_gap)),
        float(from_fuzzy),
        float(from_description),
    ]
    context = _context_text(words, segments, field_positions, role_hit)
    return Evidence(values, role_values, field_hits, tech, context)


def _duties(words: Sequence[str]) -> set[int]:
    """Positions of phrases that name a duty of the post, not a field ("line manager")."""
    out: set[int] = set()
    for start in range(len(words) - 1):
        if f"{words[start]} {words[start + 1]}" in DUTY_PHRASES:
            out |= {start, start + 1}
    return out


def _context_text(words: Sequence[str], segments: Sequence[int], positions: Sequence[int],
                  role_hit: Hit | None) -> str:
    """The run of words that carries another field: the qualifier part, or the words
    before the role phrase."""
    if not positions:
        return ""
    chosen: list[int] = []
    for segment in sorted({segments[p] for p in positions} if segments else {0}):
        span = [i for i in range(len(words)) if not segments or segments[i] == segment]
        if role_hit is not None and role_hit.start in span:
            span = [i for i in span if i < role_hit.start]
        chosen.extend(span)
    return " ".join(words[i] for i in chosen if i in positions or _between(i, positions))


def _between(index: int, positions: Sequence[int]) -> bool:
    return min(positions) < index < max(positions)


def _field_names(hits: Sequence[tuple[str, str]]) -> str:
    names: list[str] = []
    for _phrase, name in hits:
        if name not in names:
            names.append(name)
    return " and ".join(names[:2])


def reason(evidence: Evidence, role_hit: Hit | None, in_profession: bool) -> str:
    """A sentence naming the context that agrees with the decision, or "" when the title
    has none."""
    tech = ", ".join(_unique(evidence.tech_words)[:2])
    if not evidence.field_hits:
        return f"'{tech}' beside it is technology work." if tech and role_hit else ""
    fields = _field_names(evidence.field_hits)
    context = evidence.context or ", ".join(p for p, _f in evidence.field_hits)
    if role_hit is None:
        return f"'{context}' points to {fields} work."
    if not in_profession:
        return f"'{context}' places the {role_hit.phrase} in {fields} work."
    if tech:
        return f"'{context}' names {fields} work, but '{tech}' keeps it technology work."
    return (f"'{context}' names {fields} work, but the role phrase '{role_hit.phrase}' "
            "outweighs it.")


def _unique(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(values))
