"""The retained ICT function (issue 19, area 4): the taxonomy file's rules and the checks of a
department's matrix against its workforce. Plain Python, no Django.

Words used here:

- a *need* is a role family of the capability framework and the lowest level a function
  needs in it, as a coarse rank (``cadre.framework.level_order``: 1 apprentice or trainee,
  2 junior or associate, 3 practitioner, 4 senior, 5 lead, 6 principal or head of, 7 chief);
- *coverage* is, per family (by name, case-folded), the number of in-profession people at
  each fine seniority (the stored ``RoleLevel.seniority``), counted by the database;
- a function is *retained* when it is sourced in house or mixed (partly in house).

A retained function whose families hold nobody at all in the department's profession is
*flagged*; one whose families hold people, but nobody at or above a needed level in one of
them, has a *gap*. The skills need (every family and level the retained functions need) is
compared with the coverage, each count of 1 to 4 hidden as "fewer than 5", and a count that
would let one be worked out by subtraction (counts at two levels of one family are nested)
hidden as ``[c]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from cadre.core.suppression import PROTECTED_LABEL, suppressed_label
from cadre.framework.level_order import rank_for_seniority

#: Counts from 1 to THRESHOLD - 1 are hidden (the house rule).
THRESHOLD = 5

# Sourcing and maturity (the values stored; labels for people).
IN_HOUSE, OUTSOURCED, SHARED_SERVICE, MIXED = "in_house", "outsourced", "shared_service", "mixed"
SOURCING_LABELS = {IN_HOUSE: "In house", OUTSOURCED: "Outsourced",
                   SHARED_SERVICE: "Shared service", MIXED: "Mixed (partly in house)"}
RETAINED = frozenset({IN_HOUSE, MIXED})
GOOD, BETTER, BEST = "good", "better", "best"
MATURITY_LABELS = {GOOD: "Good", BETTER: "Better", BEST: "Best"}

#: The level words of the taxonomy file, by coarse rank.
LEVEL_WORDS = {"apprentice": 1, "junior": 2, "practitioner": 3, "senior": 4, "lead": 5,
               "principal": 6, "chief": 7}
RANK_LABELS = {1: "apprentice or trainee", 2: "junior or associate", 3: "practitioner",
               4: "senior", 5: "lead", 6: "principal or head of", 7: "chief"}
RANK_WORDS = {rank: word for word, rank in LEVEL_WORDS.items()}

#: The reference operating models: (key, name, description). Which functions each retains
#: is data (the taxonomy file's ``retained_in`` column).
OPERATING_MODELS: tuple[tuple[str, str, str], ...] = (
    ("centralised", "Centralised",
     "One central ICT organisation keeps most functions in house, from strategy and "
     "architecture to delivery, hosting and the service desk, and serves the whole "
     "department."),
    ("federated", "Federated",
     "A small centre keeps strategy, architecture, security, commercial and data "
     "leadership; business areas keep their own delivery and service teams, and common "
     "services are shared."),
    ("minimal", "Minimal",
     "The department keeps only an intelligent client: strategy, architecture, security, "
     "commercial and supplier management and service ownership. Delivery and operations "
     "are bought or shared."),
)
MODEL_KEYS = tuple(key for key, _, _ in OPERATING_MODELS)

# Limits of the taxonomy file (docs/limits.md, "Strategy: the retained ICT function").
MAX_KEY = 50
MAX_NAME = 200
MAX_DESCRIPTION = 2000
MAX_NEEDS = 10
MAX_FUNCTIONS = 200
MAX_EVIDENCE = 2000
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COLUMNS = ("key", "name", "description", "needs", "retained_in")


@dataclass(frozen=True)
class Need:
    """A family (as named in the framework) and the lowest rank needed in it."""

    family: str
    rank: int

    @property
    def words(self) -> str:
        return f"{self.family} at {RANK_LABELS[self.rank]} level or above"


@dataclass(frozen=True)
class FunctionRow:
    """One checked row of the taxonomy file."""

    number: int
    key: str
    name: str
    description: str
    needs: tuple[Need, ...]
    retained_in: tuple[str, ...]


def parse_needs(text: str) -> tuple[Need, ...]:
    """``"Architecture: lead; Data: senior"`` -> needs; ValueError naming what is wrong."""
    needs: list[Need] = []
    seen: set[str] = set()
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        family, colon, word = part.rpartition(":")
        family, word = " ".join(family.split()), word.strip().lower()
        if not colon or not family:
            raise ValueError(f"'{part[:60]}' is not 'Family: level' (for example "
                             "'Architecture: senior').")
        if word not in LEVEL_WORDS:
            raise ValueError(f"'{word[:30]}' is not a level; use one of: "
                             f"{', '.join(LEVEL_WORDS)}.")
        if family.casefold() in seen:
            raise ValueError(f"The family '{family[:60]}' is named twice.")
        seen.add(family.casefold())
        needs.append(Need(family, LEVEL_WORDS[word]))
    if not needs:
        raise ValueError("Name at least one role family and level, for example "
                         "'Architecture: senior'.")
    if len(needs) > MAX_NEEDS:
        raise ValueError(f"Name at most {MAX_NEEDS} families.")
    return tuple(needs)


def parse_retained_in(text: str) -> tuple[str, ...]:
    """``"centralised; federated"`` -> model keys (blank: retained in none)."""
    keys = [k.strip().lower() for k in text.replace(",", ";").split(";") if k.strip()]
    unknown = [k for k in keys if k not in MODEL_KEYS]
    if unknown:
        raise ValueError(f"'{unknown[0][:30]}' is not an operating model; use "
                         f"{', '.join(MODEL_KEYS)} (separated by ';').")
    return tuple(dict.fromkeys(keys))


def check_rows(rows: Iterable[tuple[int, Mapping[str, str]]],
               families: Iterable[str]) -> tuple[list[FunctionRow], list[tuple[int, str, str]]]:
    """Check every row of a taxonomy file. ``families``: the framework's family names.

    Returns the good rows and every problem as ``(row number, column, message)``."""
    known = {name.casefold(): name for name in families}
    good: list[FunctionRow] = []
    problems: list[tuple[int, str, str]] = []
    keys: dict[str, int] = {}
    names: dict[str, int] = {}
    for number, values in rows:
        raw = {column: str(values.get(column) or "") for column in COLUMNS}
        faults: list[tuple[str, str]] = [(column, "Contains a NUL character.")
                                         for column in COLUMNS if "\x00" in raw[column]]
        if faults:
            problems.extend((number, column, message) for column, message in faults)
            continue
        key = raw["key"].strip().lower()
        name = " ".join(raw["name"].split())
        description = raw["description"].strip()
        if not key:
            faults.append(("key", "Give a key (lower-case letters, digits and dashes)."))
        elif len(key) > MAX_KEY:
            faults.append(("key", f"Is {len(key)} characters long; at most {MAX_KEY}."))
        elif not KEY_PATTERN.match(key):
            faults.append(("key", f"'{key[:40]}' may hold only lower-case letters, digits "
                                  "and single dashes."))
        elif key in keys:
            faults.append(("key", f"'{key}' is used already on row {keys[key]}."))
        if not name:
            faults.append(("name", "Give the function's name."))
        elif len(name) > MAX_NAME:
            faults.append(("name", f"Is {len(name)} characters long; at most {MAX_NAME}."))
        elif name.casefold() in names:
            faults.append(("name", f"'{name[:60]}' is used already on row "
                                   f"{names[name.casefold()]}."))
        if len(description) > MAX_DESCRIPTION:
            faults.append(("description", f"Is {len(description)} characters long; at most "
                                          f"{MAX_DESCRIPTION}."))
        needs: tuple[Need, ...] = ()
        try:
            needs = parse_needs(raw["needs"])
        except ValueError as exc:
            faults.append(("needs", str(exc)))
        missing = [n.family for n in needs if n.family.casefold() not in known]
        if missing:
            faults.append(("needs", f"No role family '{missing[0][:60]}' in the framework."))
        needs = tuple(Need(known.get(n.family.casefold(), n.family), n.rank) for n in needs)
        retained: tuple[str, ...] = ()
        try:
            retained = parse_retained_in(raw["retained_in"])
        except ValueError as exc:
            faults.append(("retained_in", str(exc)))
        if key and key not in keys:
            keys[key] = number
        if name and name.casefold() not in names:
            names[name.casefold()] = number
        if faults:
            problems.extend((number, column, message) for column, message in faults)
        else:
            good.append(FunctionRow(number, key, name, description, needs, retained))
    if len(good) + len({p[0] for p in problems}) > MAX_FUNCTIONS:
        problems.append((0, "", f"The file has more than {MAX_FUNCTIONS} functions."))
    return good, problems


# Checks ------------------------------------------------------------------------------------

Coverage = Mapping[str, Mapping[int, int]]


def family_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def people_at_or_above(coverage: Coverage, family: str, rank: int) -> int:
    """In-profession people in ``family`` whose level is of ``rank`` or above."""
    counts = coverage.get(family_key(family), {})
    return sum(n for seniority, n in counts.items() if rank_for_seniority(seniority) >= rank)


def people_in(coverage: Coverage, family: str) -> int:
    return sum(coverage.get(family_key(family), {}).values())


@dataclass(frozen=True)
class Entry:
    """One row of a department's matrix, as the checks see it."""

    key: str
    name: str
    sourcing: str
    needs: tuple[Need, ...]


@dataclass(frozen=True)
class FunctionCheck:
    """The result for one function: ``status`` is ``not_retained``, ``ok``, ``gap`` or
    ``nobody`` (the flag); ``words`` says it in a sentence."""

    key: str
    status: str
    words: str
    gaps: tuple[Need, ...] = ()

    @property
    def flagged(self) -> bool:
        return self.status == "nobody"


def _families(needs: Sequence[Need]) -> str:
    names = [n.family for n in needs]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def check_function(entry: Entry, coverage: Coverage) -> FunctionCheck:
    """Check one function of a department against its coverage."""
    if entry.sourcing not in RETAINED:
        return FunctionCheck(entry.key, "not_retained", "Not kept in house, so not checked.")
    how = "in house" if entry.sourcing == IN_HOUSE else "partly in house (mixed)"
    if not entry.needs:
        return FunctionCheck(entry.key, "ok", f"Kept {how}; the taxonomy names no family.")
    if all(people_in(coverage, n.family) == 0 for n in entry.needs):
        return FunctionCheck(
            entry.key, "nobody",
            f"Declared {how}, but nobody in the department's profession works in the "
            f"{_families(entry.needs)} famil{'y' if len(entry.needs) == 1 else 'ies'} it "
            "needs.")
    gaps = tuple(n for n in entry.needs if people_at_or_above(coverage, n.family, n.rank) == 0)
    if gaps:
        return FunctionCheck(
            entry.key, "gap",
            f"Kept {how}, but nobody is at the level it needs in: "
            + "; ".join(n.words for n in gaps) + ".", gaps)
    return FunctionCheck(entry.key, "ok",
                         f"Kept {how}; every family it needs has people at the level needed.")


@dataclass
class NeedLine:
    """One family and level in the skills need: the retained functions needing it and the
    people at or above it (``count``), with what may be shown (``shown``)."""

    family: str
    rank: int
    functions: list[str] = field(default_factory=list)
    count: int = 0
    shown: int | str = 0

    @property
    def level(self) -> str:
        return RANK_LABELS[self.rank]

    @property
    def covered(self) -> bool:
        return self.count > 0

    @property
    def hidden(self) -> bool:
        return isinstance(self.shown, str)


def suppress_nested(counts: Sequence[int]) -> list[int | str]:
    """What to show of one family's counts at rising levels (each is at or below the one
    before, as every count includes the ones above it).

    A count from 1 to 4 is "fewer than 5"; when two shown counts differ by 1 to 4 (the
    people between the two levels), the higher level's count is hidden as ``[c]``, until
    no two neighbouring shown counts do."""
    hidden = [1 <= c < THRESHOLD for c in counts]
    protected = [False] * len(counts)
    changed = True
    while changed:
        changed = False
        shown = [i for i, h in enumerate(hidden) if not h]
        for a, b in zip(shown, shown[1:], strict=False):
            if 1 <= abs(counts[a] - counts[b]) < THRESHOLD:
                hidden[b] = protected[b] = True
                changed = True
                break
    return [(PROTECTED_LABEL if protected[i] else suppressed_label(THRESHOLD)) if hidden[i]
            else counts[i] for i in range(len(counts))]


def skills_need(entries: Iterable[Entry], coverage: Coverage) -> list[NeedLine]:
    """Every (family, level) the retained functions need, with the functions needing it and
    the people at or above it, suppressed; by family name, then level."""
    lines: dict[tuple[str, int], NeedLine] = {}
    for entry in entries:
        if entry.sourcing not in RETAINED:
            continue
        for need in entry.needs:
            line = lines.setdefault((family_key(need.family), need.rank),
                                    NeedLine(need.family, need.rank))
            line.functions.append(entry.name)
    ordered = sorted(lines.values(), key=lambda x: (family_key(x.family), x.rank))
    by_family: dict[str, list[NeedLine]] = {}
    for line in ordered:
        line.count = people_at_or_above(coverage, line.family, line.rank)
        by_family.setdefault(family_key(line.family), []).append(line)
    for group in by_family.values():
        for line, shown in zip(group, suppress_nested([x.count for x in group]), strict=True):
            line.shown = shown
    return ordered


@dataclass(frozen=True)
class ModelComparison:
    """How a department's retained functions compare with one reference model."""

    model: str
    matching: int
    retained_not_in_model: tuple[str, ...]
    in_model_not_retained: tuple[str, ...]

    @property
    def differences(self) -> int:
        return len(self.retained_not_in_model) + len(self.in_model_not_retained)


def compare_with_models(retained: Iterable[str], recorded: Iterable[str],
                        models: Mapping[str, Iterable[str]]) -> list[ModelComparison]:
    """Compare the functions a department retains with each model's, over the functions it
    has recorded (an unrecorded function is not a difference); fewest differences first."""
    kept, seen = set(retained), set(recorded)
    out = []
    for model, functions in models.items():
        model_kept = set(functions) & seen
        out.append(ModelComparison(
            model=model, matching=len(seen) - len(kept ^ model_kept),
            retained_not_in_model=tuple(sorted(kept - model_kept)),
            in_model_not_retained=tuple(sorted(model_kept - kept))))
    order = {key: i for i, key in enumerate(models)}
    return sorted(out, key=lambda c: (c.differences, order[c.model]))


__all__ = ["BEST", "BETTER", "COLUMNS", "GOOD", "IN_HOUSE", "LEVEL_WORDS", "MATURITY_LABELS",
           "MAX_DESCRIPTION", "MAX_EVIDENCE", "MAX_FUNCTIONS", "MAX_KEY", "MAX_NAME",
           "MAX_NEEDS", "MIXED", "MODEL_KEYS", "OPERATING_MODELS", "OUTSOURCED", "RANK_LABELS",
           "RANK_WORDS", "RETAINED", "SHARED_SERVICE", "SOURCING_LABELS", "THRESHOLD",
           "Entry", "FunctionCheck", "FunctionRow", "ModelComparison", "Need", "NeedLine",
           "check_function", "check_rows", "compare_with_models", "family_key", "parse_needs",
           "parse_retained_in", "people_at_or_above", "people_in", "skills_need",
           "suppress_nested"]
