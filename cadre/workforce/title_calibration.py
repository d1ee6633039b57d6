"""Fitting the title classifier's two models on labelled titles, and checking them. No Django.

The engine's ``analyse_many`` gives each title's evidence without deciding; here the
labels are joined to it, the models are fitted (``fit_models``) and measured on folds the
fit did not see (``cross_validate``), so the figures are not only the fitted-on ones.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cadre.workforce import title_evidence as te
from cadre.workforce import title_model

#: Features no labelled title shows (no labelled set has job descriptions): the data
#: cannot weigh them, so each gets the weight that gives this P(in) when it is the only
#: evidence. 0.6: a description that names a role's work puts a vague title in, with
#: little confidence, as the engine did before the models.
UNSEEN_PRIORS = {"description_role": 0.6}

#: Penalties tried by ``choose_l2``.
L2_CHOICES = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)


@dataclass(frozen=True)
class Example:
    """One labelled title with its evidence."""

    values: Sequence[float]
    role_values: Sequence[float]
    candidate: str | None  # the role the engine would suggest
    in_profession: bool
    role: str  # the labelled role ("" when the label names none)


def parse_bool(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "yes", "1", "y")


def examples(analyses: Sequence, rows: Sequence[dict]) -> list[Example]:
    """Join the engine's analyses to their labelled rows (same order)."""
    out = []
    for analysis, row in zip(analyses, rows, strict=True):
        if analysis.empty:
            continue
        out.append(Example(analysis.evidence.values, analysis.evidence.role_values,
                           analysis.role, parse_bool(row.get("is_profession")),
                           (row.get("role") or "").strip()))
    return out


def fit_models(train: Sequence[Example], l2: float, role_l2: float | None = None
               ) -> dict[str, title_model.Model]:
    """P(in the profession) on every example; P(role right | in) on examples in the
    profession that name a role and have a candidate."""
    X = np.array([e.values for e in train], dtype=float)  # noqa: N806
    y = np.array([e.in_profession for e in train], dtype=float)
    in_model = title_model.fit(X, y, l2=l2, features=te.FEATURES)
    for name, probability_alone in UNSEEN_PRIORS.items():
        j = te.FEATURES.index(name)
        if not X[:, j].any():
            in_model.weights[j] = np.log(probability_alone / (1 - probability_alone)) - (
                in_model.bias)
            in_model.notes[name] = (f"no labelled title shows it: weight set so that it "
                                    f"alone gives P(in) = {probability_alone}")
    role_rows = [e for e in train if e.in_profession and e.role and e.candidate]
    role_l2 = l2 if role_l2 is None else role_l2
    if role_rows:
        R = np.array([e.role_values for e in role_rows], dtype=float)  # noqa: N806
        r = np.array([e.candidate == e.role for e in role_rows], dtype=float)
        role_model = title_model.fit(R, r, l2=role_l2, features=te.ROLE_FEATURES)
    else:
        role_model = title_model.Model(te.ROLE_FEATURES, np.zeros(len(te.ROLE_FEATURES)),
                                       0.0, role_l2)
    return {"in_profession": in_model, "role": role_model}


def probability(models: dict[str, title_model.Model], example: Example) -> float:
    """P(in) as the engine applies it: a title with no role to suggest stays out."""
    p = models["in_profession"].predict_one(example.values)
    return min(p, 0.49) if example.candidate is None else p


def expected_calibration_error(pairs: Sequence[tuple[bool, float]], bins: int = 10) -> float:
    """ECE over (correct, confidence) pairs with equal-width bins on [0, 1]."""
    if not pairs:
        return 0.0
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, p) for c, p in pairs if lo <= p < hi or (b == bins - 1 and p >= 1.0)]
        if inside:
            accuracy = sum(c for c, _p in inside) / len(inside)
            confidence = sum(p for _c, p in inside) / len(inside)
            total += len(inside) / len(pairs) * abs(accuracy - confidence)
    return total


@dataclass(frozen=True)
class Figures:
    rows: int
    precision: float
    recall: float
    role_top1: float
    ece: float
    log_loss: float

    def line(self) -> str:
        return (f"rows {self.rows}: precision {self.precision:.3f}, recall {self.recall:.3f}, "
                f"role top-1 {self.role_top1:.3f}, ECE {self.ece:.3f}, "
                f"log loss {self.log_loss:.3f}")


def figures(models: dict[str, title_model.Model], test: Sequence[Example]) -> Figures:
    """Precision and recall for "in", role top-1 (labelled roles, missed titles count
    wrong), ECE of the in/out decision and mean log loss."""
    return _score([(models, e) for e in test])


def _score(held: Sequence[tuple[dict, Example]]) -> Figures:
    """The figures over (models, example) pairs: each example judged by its own models."""
    tp = fp = fn = 0
    role_rows = role_hits = 0
    pairs, losses = [], []
    for models, e in held:
        p = probability(models, e)
        decided = p >= 0.5
        tp += decided and e.in_profession
        fp += decided and not e.in_profession
        fn += (not decided) and e.in_profession
        pairs.append((decided == e.in_profession, max(p, 1 - p)))
        clipped = min(max(p, 1e-6), 1 - 1e-6)
        losses.append(-np.log(clipped if e.in_profession else 1 - clipped))
        if e.in_profession and e.role:
            role_rows += 1
            role_hits += decided and e.candidate == e.role
    return Figures(
        rows=len(held), precision=tp / (tp + fp) if tp + fp else 0.0,
        recall=tp / (tp + fn) if tp + fn else 0.0,
        role_top1=role_hits / role_rows if role_rows else 0.0,
        ece=expected_calibration_error(pairs), log_loss=float(np.mean(losses)) if losses else 0.0)


def folds(count: int, k: int = 5, seed: int = 20) -> list[list[int]]:
    """``k`` folds of row indexes, shuffled with a fixed seed."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def cross_validate(examples_: Sequence[Example], l2: float, extra: Sequence[Example] = (),
                   k: int = 5) -> Figures:
    """Fit on k-1 folds (plus ``extra``, always in training), measure on the fold left
    out; the figures are over every left-out row, each judged by models that did not
    see it."""
    held: list[tuple[dict, Example]] = []
    for fold in folds(len(examples_), k):
        left_out = set(fold)
        train = [e for i, e in enumerate(examples_) if i not in left_out] + list(extra)
        models = fit_models(train, l2)
        held.extend((models, examples_[i]) for i in fold)
    return _score(held)


def choose_l2(examples_: Sequence[Example], extra: Sequence[Example] = (),
              choices: Sequence[float] = L2_CHOICES) -> tuple[float, dict[float, Figures]]:
    """The penalty with the lowest cross-validated log loss, and every choice's figures."""
    results = {l2: cross_validate(examples_, l2, extra) for l2 in choices}
    best = min(results, key=lambda l2: (round(results[l2].log_loss, 4), -l2))
    return best, results
