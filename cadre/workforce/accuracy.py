"""How well a classifier finds the profession, against labelled titles. No Django.

Precision and recall are for "in the profession". Role and family accuracy are
measured over the labelled rows in the profession that name a role: top-1 counts
the suggestion, top-3 the suggestion and the next best. A row the classifier put
outside the profession counts as a miss for both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Labelled:
    """One labelled row: the truth."""

    in_profession: bool
    role_family: str = ""
    role: str = ""
    role_level: str = ""


@dataclass(frozen=True)
class Predicted:
    """One prediction: in or out, and roles (and their families) best first."""

    in_profession: bool
    roles: Sequence[str] = ()
    families: Sequence[str] = ()
    role_level: str = ""


@dataclass(frozen=True)
class Accuracy:
    rows: int
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    precision: float
    recall: float
    role_rows: int
    role_top1: float
    role_top3: float
    family_top1: float
    family_top3: float
    level_rows: int
    level_top1: float

    def lines(self) -> list[str]:
        """The figures as text, one per line."""
        return [
            f"rows: {self.rows} (in the profession: "
            f"{self.true_positives + self.false_negatives})",
            f"in the profession: precision {self.precision:.3f}, recall {self.recall:.3f} "
            f"(TP {self.true_positives}, FP {self.false_positives}, "
            f"FN {self.false_negatives}, TN {self.true_negatives})",
            f"role ({self.role_rows} rows): top-1 {self.role_top1:.3f}, "
            f"top-3 {self.role_top3:.3f}",
            f"role family: top-1 {self.family_top1:.3f}, top-3 {self.family_top3:.3f}",
            f"role level ({self.level_rows} rows with a level): top-1 {self.level_top1:.3f}",
        ]


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def _unique(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value and value not in out:
            out.append(value)
    return out


def measure(pairs: Iterable[tuple[Labelled, Predicted]]) -> Accuracy:
    """Precision, recall and top-1/top-3 accuracy over (truth, prediction) pairs."""
    tp = fp = fn = tn = 0
    role_rows = r1 = r3 = f1 = f3 = level_rows = l1 = 0
    rows = 0
    for truth, guess in pairs:
        rows += 1
        if truth.in_profession and guess.in_profession:
            tp += 1
        elif guess.in_profession:
            fp += 1
        elif truth.in_profession:
            fn += 1
        else:
            tn += 1
        if not (truth.in_profession and truth.role):
            continue
        role_rows += 1
        roles = _unique(guess.roles) if guess.in_profession else []
        families = _unique(guess.families) if guess.in_profession else []
        r1 += bool(roles) and roles[0] == truth.role
        r3 += truth.role in roles[:3]
        f1 += bool(families) and families[0] == truth.role_family
        f3 += truth.role_family in families[:3]
        if truth.role_level:
            level_rows += 1
            l1 += guess.in_profession and guess.role_level == truth.role_level
    return Accuracy(
        rows=rows, true_positives=tp, false_positives=fp, false_negatives=fn,
        true_negatives=tn, precision=_ratio(tp, tp + fp), recall=_ratio(tp, tp + fn),
        role_rows=role_rows, role_top1=_ratio(r1, role_rows), role_top3=_ratio(r3, role_rows),
        family_top1=_ratio(f1, role_rows), family_top3=_ratio(f3, role_rows),
        level_rows=level_rows, level_top1=_ratio(l1, level_rows),
    )


def parse_bool(value: str) -> bool:
    return (value or "").strip().lower() in ("true", "yes", "1", "y")


def run(engine: object, rows: Iterable[dict], family_of: dict[str, str]) -> Accuracy:
    """Classify labelled CSV rows (job_title, grade, is_profession, role_family, role,
    role_level) with ``engine`` and measure. The labels are read only after classifying."""
    rows = list(rows)
    inputs = [{"job_title": r.get("job_title", ""), "grade": r.get("grade") or None,
               "job_description": r.get("job_description", "")} for r in rows]
    results = engine.classify_many(inputs)
    pairs = []
    for row, result in zip(rows, results, strict=True):
        roles = result.top_roles(3)
        pairs.append((
            Labelled(parse_bool(row.get("is_profession", "")), row.get("role_family", ""),
                     row.get("role", ""), row.get("role_level", "")),
            Predicted(result.in_profession, roles, [family_of.get(r, "") for r in roles],
                      result.role_level or ""),
        ))
    return measure(pairs)
