"""A small L2-regularised logistic regression for the title classifier. No Django.

``fit`` minimises the summed log loss plus ``l2 / 2`` times the squared weights (the
bias is not penalised) with SciPy's L-BFGS. A ``Model`` predicts probabilities and is
saved as JSON with the feature names, so a model and the evidence it reads cannot
drift apart unnoticed: ``Model.check_features`` says when they do.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import minimize


@dataclass
class Model:
    """Weights for named features, plus a bias."""

    features: tuple[str, ...]
    weights: np.ndarray
    bias: float
    l2: float
    #: Where the model was fitted: file name(s), row count and date (for the record).
    fitted_on: str = ""
    rows: int = 0
    date: str = ""
    notes: dict = field(default_factory=dict)

    def decision(self, X: np.ndarray) -> np.ndarray:  # noqa: N803
        """The log odds for each row of ``X``."""
        return np.asarray(X, dtype=float) @ self.weights + self.bias

    def predict(self, X: np.ndarray) -> np.ndarray:  # noqa: N803
        """P(y = 1) for each row of ``X`` (rows x features)."""
        return _sigmoid(self.decision(X))

    def predict_one(self, x: Sequence[float]) -> float:
        """P(y = 1) for one feature vector."""
        z = float(np.dot(np.asarray(x, dtype=float), self.weights) + self.bias)
        return float(_sigmoid(np.array([z]))[0])

    def check_features(self, names: Sequence[str]) -> None:
        """Raise ``ValueError`` when the model was fitted on other features."""
        if tuple(names) != self.features:
            raise ValueError(f"The model's features {list(self.features)} are not the "
                             f"evidence features {list(names)}: refit it.")

    def to_dict(self) -> dict:
        return {
            "features": list(self.features),
            "weights": {name: round(float(w), 6)
                        for name, w in zip(self.features, self.weights, strict=True)},
            "bias": round(float(self.bias), 6), "l2": self.l2,
            "fitted_on": self.fitted_on, "rows": self.rows, "date": self.date,
            "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Model:
        names = tuple(data["features"])
        return cls(features=names,
                   weights=np.array([float(data["weights"][n]) for n in names]),
                   bias=float(data["bias"]), l2=float(data.get("l2", 0.0)),
                   fitted_on=data.get("fitted_on", ""), rows=int(data.get("rows", 0)),
                   date=data.get("date", ""), notes=data.get("notes") or {})


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.exp(-np.logaddexp(0.0, -z))


def loss_and_gradient(params: np.ndarray, X: np.ndarray, y: np.ndarray, l2: float,  # noqa: N803
                      weight: np.ndarray) -> tuple[float, np.ndarray]:
    """Weighted summed log loss + l2/2 |w|^2 and its gradient; params = weights then bias."""
    w, b = params[:-1], params[-1]
    z = X @ w + b
    # log(1 + e^z) - y z, computed without overflow
    loss = float(np.sum(weight * (np.logaddexp(0.0, z) - y * z)) + 0.5 * l2 * np.dot(w, w))
    residual = weight * (_sigmoid(z) - y)
    grad = np.empty_like(params)
    grad[:-1] = X.T @ residual + l2 * w
    grad[-1] = residual.sum()
    return loss, grad


def fit(X: Sequence[Sequence[float]] | np.ndarray, y: Sequence[float] | np.ndarray,  # noqa: N803
        l2: float = 1.0, features: Sequence[str] | None = None,
        sample_weight: Sequence[float] | None = None) -> Model:
    """Fit weights and bias by L-BFGS; ``y`` is 0/1 (or a probability)."""
    X = np.asarray(X, dtype=float)  # noqa: N806
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or len(X) != len(y):
        raise ValueError("X must be rows x features with one label per row.")
    if len(y) == 0:
        raise ValueError("Nothing to fit: no rows.")
    weight = (np.ones(len(y)) if sample_weight is None
              else np.asarray(sample_weight, dtype=float))
    start = np.zeros(X.shape[1] + 1)
    result = minimize(loss_and_gradient, start, args=(X, y, float(l2), weight), jac=True,
                      method="L-BFGS-B", options={"maxiter": 5000, "gtol": 1e-9, "ftol": 1e-13})
    names = tuple(features) if features is not None else tuple(
        f"x{i}" for i in range(X.shape[1]))
    return Model(features=names, weights=result.x[:-1].copy(), bias=float(result.x[-1]),
                 l2=float(l2))


def save(models: Mapping[str, Model], path: Path) -> None:
    """Write named models (e.g. "in_profession", "role") to one JSON file."""
    data = {name: model.to_dict() for name, model in models.items()}
    Path(path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def load(path: Path) -> dict[str, Model]:
    """Read the named models written by ``save``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {name: Model.from_dict(item) for name, item in data.items()}
