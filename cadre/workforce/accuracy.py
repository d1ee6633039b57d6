"""How well a classifier finds the profession, against labelled titles. No Django.

Precision and recall are for "in the profession". Role and family accuracy are
measured over the labelled rows in the profession that name a role: top-1 counts
the suggestion, top-3 the suggestion and the next best. A row the classifier put
outside the profession counts as a miss for both.

Calibration asks whether a confidence means what it says: of the titles given 0.8,
about 8 in 10 should be right. Confidences are put in equal-width bins over [0, 1];
the expected calibration error (ECE) is the mean, weighted by the share of rows in
each bin, of |share right - mean confidence|. Two things are checked: the in/out
decision (confidence max(p, 1 - p), where p is the probability of being in the
profession) and the whole suggestion (right when put out and truly out, or put in
and truly in with the labelled role first; a title in the profession whose label
names no role is judged by the decision alone). The Brier score is the mean of
(p - truth)^2, with truth 1 for in and 0 for out.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Labelled:
    """One labelled row: the truth."""

    in_profession: bool
    role_family: str = ""
    role: str = ""
    role_level: str = ""


@dataclass(frozen=True)
class Predicted:
    """One prediction: in or out, roles (and their families) best first, and the
    probabilities: ``probability`` of being in the profession and
    ``suggestion_confidence`` that the whole suggestion is right (None: not given)."""

    in_profession: bool
    roles: Sequence[str] = ()
    families: Sequence[str] = ()
    role_level: str = ""
    probability: float | None = None
    suggestion_confidence: float | None = None


@dataclass(frozen=True)
class ReliabilityBin:
    """One confidence bin: [lower, upper) (the last bin includes 1.0)."""

    lower: float
    upper: float
    count: int
    #: None when the bin is empty.
    mean_confidence: float | None
    accuracy: float | None


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
    #: Calibration over the rows whose prediction gave probabilities (None: none did).
    calibrated_rows: int = 0
    ece_profession: float | None = None
    ece_suggestion: float | None = None
    brier: float | None = None
    suggestion_right: float | None = None
    profession_bins: tuple[ReliabilityBin, ...] = field(default=())
    suggestion_bins: tuple[ReliabilityBin, ...] = field(default=())

    def lines(self) -> list[str]:
        """The figures as text, one per line."""
        out = [
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
        if self.ece_profession is None:
            out.append("calibration: not measured (no probabilities given)")
            return out
        out += [
            f"calibration ({self.calibrated_rows} rows, {len(self.suggestion_bins)} bins): "
            f"ECE in/out decision {self.ece_profession:.3f}, "
            f"ECE whole suggestion {self.ece_suggestion:.3f}, Brier score {self.brier:.3f}",
            f"suggestion right: {self.suggestion_right:.3f} of rows",
            "reliability of the suggestion's confidence (bin: rows, mean confidence, "
            "share right):",
        ]
        out += [f"  {_bin_text(b)}" for b in self.suggestion_bins if b.count]
        return out

    def as_dict(self) -> dict:
        """The figures as plain values (for JSON)."""
        return asdict(self)


def _bin_text(b: ReliabilityBin) -> str:
    return (f"{b.lower:.1f}-{b.upper:.1f}: {b.count}, {b.mean_confidence:.3f}, "
            f"{b.accuracy:.3f}")


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def _unique(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value and value not in out:
            out.append(value)
    return out


def _checked(confidences: Sequence[float], outcomes: Sequence[bool], bins: int
             ) -> tuple[list[float], list[bool]]:
    confidences, outcomes = list(confidences), list(outcomes)
    if len(confidences) != len(outcomes):
        raise ValueError("confidences and outcomes must be the same length")
    if bins < 1:
        raise ValueError("bins must be at least 1")
    for value in confidences:
        if not (isinstance(value, int | float) and 0.0 <= value <= 1.0):
            raise ValueError(f"a confidence must be between 0 and 1, not {value!r}")
    return [float(c) for c in confidences], [bool(o) for o in outcomes]


def reliability_bins(confidences: Sequence[float], outcomes: Sequence[bool],
                     bins: int = 10) -> list[ReliabilityBin]:
    """Per equal-width confidence bin over [0, 1]: rows, mean confidence, share right.

    Bin k holds confidences in [k/bins, (k+1)/bins); the last also holds 1.0."""
    confidences, outcomes = _checked(confidences, outcomes, bins)
    edges = [k / bins for k in range(1, bins)]
    counts, sums, hits = [0] * bins, [0.0] * bins, [0] * bins
    for value, right in zip(confidences, outcomes, strict=True):
        k = bisect_right(edges, value)
        counts[k] += 1
        sums[k] += value
        hits[k] += right
    return [ReliabilityBin(k / bins, (k + 1) / bins, counts[k],
                           sums[k] / counts[k] if counts[k] else None,
                           hits[k] / counts[k] if counts[k] else None)
            for k in range(bins)]


def expected_calibration_error(confidences: Sequence[float], outcomes: Sequence[bool],
                               bins: int = 10) -> float:
    """Weighted mean over equal-width bins of |share right - mean confidence|
    (0.0 for no rows)."""
    table = reliability_bins(confidences, outcomes, bins)
    total = sum(b.count for b in table)
    if not total:
        return 0.0
    return sum(b.count / total * abs(b.accuracy - b.mean_confidence)
               for b in table if b.count)


def _suggestion_right(truth: Labelled, guess: Predicted) -> bool:
    if not guess.in_profession:
        return not truth.in_profession
    if not truth.in_profession:
        return False
    return not truth.role or (bool(guess.roles) and guess.roles[0] == truth.role)


def measure(pairs: Iterable[tuple[Labelled, Predicted]], bins: int = 10) -> Accuracy:
    """Precision, recall, top-1/top-3 accuracy and calibration over (truth, prediction)
    pairs."""
    tp = fp = fn = tn = 0
    role_rows = r1 = r3 = f1 = f3 = level_rows = l1 = 0
    rows = 0
    p_conf: list[float] = []
    p_right: list[bool] = []
    s_conf: list[float] = []
    s_right: list[bool] = []
    squares = 0.0
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
        if guess.probability is not None and guess.suggestion_confidence is not None:
            p = guess.probability
            p_conf.append(max(p, 1.0 - p))
            p_right.append(guess.in_profession == truth.in_profession)
            s_conf.append(guess.suggestion_confidence)
            s_right.append(_suggestion_right(truth, guess))
            squares += (p - float(truth.in_profession)) ** 2
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
    calibration: dict = {}
    if p_conf:
        calibration = {
            "calibrated_rows": len(p_conf),
            "ece_profession": expected_calibration_error(p_conf, p_right, bins),
            "ece_suggestion": expected_calibration_error(s_conf, s_right, bins),
            "brier": squares / len(p_conf),
            "suggestion_right": sum(s_right) / len(s_right),
            "profession_bins": tuple(reliability_bins(p_conf, p_right, bins)),
            "suggestion_bins": tuple(reliability_bins(s_conf, s_right, bins)),
        }
    return Accuracy(
        rows=rows, true_positives=tp, false_positives=fp, false_negatives=fn,
        true_negatives=tn, precision=_ratio(tp, tp + fp), recall=_ratio(tp, tp + fn),
        role_rows=role_rows, role_top1=_ratio(r1, role_rows), role_top3=_ratio(r3, role_rows),
        family_top1=_ratio(f1, role_rows), family_top3=_ratio(f3, role_rows),
        level_rows=level_rows, level_top1=_ratio(l1, level_rows), **calibration,
    )


def parse_bool(value: str) -> bool:
    return (value or "").strip().lower() in ("true", "yes", "1", "y")


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, float(value))) if math.isfinite(value) else 0.0


def probabilities(result: object) -> tuple[float, float]:
    """(P in the profession, confidence that the suggestion is right) of a classification.

    Engines that give no ``profession_probability`` yet: p from the decision's confidence."""
    p = getattr(result, "profession_probability", None)
    if p is None:
        decided = float(getattr(result, "profession_confidence", 0.0) or 0.0)
        p = decided if result.in_profession else 1.0 - decided
    return _clamp(p), _clamp(float(getattr(result, "confidence", 0.0) or 0.0))


@dataclass(frozen=True)
class Outcome:
    """One classified labelled row, for listing the mistakes."""

    row: dict
    truth: Labelled
    guess: Predicted

    @property
    def decision_right(self) -> bool:
        return self.truth.in_profession == self.guess.in_profession

    @property
    def suggestion_right(self) -> bool:
        return _suggestion_right(self.truth, self.guess)


def classify_rows(engine: object, rows: Iterable[dict], family_of: dict[str, str]
                  ) -> list[Outcome]:
    """Classify labelled CSV rows (job_title, grade, organisation_type if there,
    is_profession, role_family, role, role_level) with ``engine``. The labels are read
    only after classifying; the engine sees the title, grade, description and
    organisation type only."""
    rows = list(rows)
    inputs = []
    for r in rows:
        item = {"job_title": r.get("job_title", ""), "grade": r.get("grade") or None,
                "job_description": r.get("job_description", "")}
        if "organisation_type" in r:
            item["organisation_type"] = r.get("organisation_type") or ""
        inputs.append(item)
    results = engine.classify_many(inputs)
    out = []
    for row, result in zip(rows, results, strict=True):
        roles = result.top_roles(3)
        p, confidence = probabilities(result)
        out.append(Outcome(
            row,
            Labelled(parse_bool(row.get("is_profession", "")), row.get("role_family", ""),
                     row.get("role", ""), row.get("role_level", "")),
            Predicted(result.in_profession, roles, [family_of.get(r, "") for r in roles],
                      result.role_level or "", p, confidence),
        ))
    return out


def run(engine: object, rows: Iterable[dict], family_of: dict[str, str]) -> Accuracy:
    """Classify labelled CSV rows with ``engine`` and measure (see ``classify_rows``)."""
    return measure((o.truth, o.guess) for o in classify_rows(engine, rows, family_of))
