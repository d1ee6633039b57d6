"""The title classifier's logistic regression, checked against a plain reference."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from cadre.workforce import title_calibration as tc
from cadre.workforce import title_model


def _reference_fit(X: list[list[float]], y: list[float], l2: float,  # noqa: N803
                   steps: int = 20000, rate: float = 0.05) -> tuple[list[float], float]:
    """Plain gradient descent on the same objective: summed log loss + l2/2 |w|^2."""
    w = [0.0] * len(X[0])
    b = 0.0
    for _ in range(steps):
        grad_w = [l2 * wj for wj in w]
        grad_b = 0.0
        for row, label in zip(X, y, strict=True):
            z = sum(wj * xj for wj, xj in zip(w, row, strict=True)) + b
            p = 1 / (1 + math.exp(-z))
            for j, xj in enumerate(row):
                grad_w[j] += (p - label) * xj
            grad_b += p - label
        w = [wj - rate * g / len(X) for wj, g in zip(w, grad_w, strict=True)]
        b -= rate * grad_b / len(X)
    return w, b


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fit_matches_plain_gradient_descent(seed: int) -> None:
    rng = random.Random(seed)
    n, k = 40, 3
    X = [[rng.random() for _ in range(k)] for _ in range(n)]  # noqa: N806
    true_w = [rng.uniform(-3, 3) for _ in range(k)]
    y = [float(rng.random() < 1 / (1 + math.exp(-(sum(a * b for a, b in zip(true_w, row,
                                                                            strict=True)) - 0.5))))
         for row in X]
    l2 = rng.choice([0.5, 1.0, 2.0])
    model = title_model.fit(X, y, l2=l2)
    ref_w, ref_b = _reference_fit(X, y, l2)
    assert model.weights == pytest.approx(ref_w, abs=2e-2)
    assert model.bias == pytest.approx(ref_b, abs=2e-2)
    # The probabilities agree too, and lie in [0, 1].
    p = model.predict(np.array(X))
    ref = [1 / (1 + math.exp(-(sum(a * b for a, b in zip(ref_w, row, strict=True)) + ref_b)))
           for row in X]
    assert p == pytest.approx(ref, abs=1e-2)
    assert ((p >= 0) & (p <= 1)).all()


def test_the_gradient_is_the_derivative_of_the_loss() -> None:
    rng = np.random.default_rng(7)
    X, y = rng.random((12, 4)), rng.integers(0, 2, 12).astype(float)  # noqa: N806
    params = rng.normal(size=5)
    loss, grad = title_model.loss_and_gradient(params, X, y, 0.7, np.ones(12))
    for i in range(5):
        step = np.zeros(5)
        step[i] = 1e-6
        up = title_model.loss_and_gradient(params + step, X, y, 0.7, np.ones(12))[0]
        down = title_model.loss_and_gradient(params - step, X, y, 0.7, np.ones(12))[0]
        assert grad[i] == pytest.approx((up - down) / 2e-6, rel=1e-4, abs=1e-6)
    assert loss > 0


def test_a_stronger_penalty_shrinks_the_weights() -> None:
    rng = np.random.default_rng(3)
    X = rng.random((50, 2))  # noqa: N806
    y = (X[:, 0] > 0.5).astype(float)
    loose, tight = title_model.fit(X, y, l2=0.01), title_model.fit(X, y, l2=10.0)
    assert np.abs(tight.weights).sum() < np.abs(loose.weights).sum()


def test_save_and_load_keep_names_weights_and_record(tmp_path) -> None:  # noqa: ANN001
    model = title_model.fit([[0, 1], [1, 0], [1, 1], [0, 0]], [1, 0, 1, 0], l2=1.0,
                            features=("a", "b"))
    model.fitted_on, model.rows, model.date = "x.csv", 4, "2026-12-06"
    path = tmp_path / "m.json"
    title_model.save({"in_profession": model}, path)
    loaded = title_model.load(path)["in_profession"]
    assert loaded.features == ("a", "b") and loaded.rows == 4 and loaded.fitted_on == "x.csv"
    assert loaded.weights == pytest.approx(model.weights, abs=1e-6)
    assert loaded.predict_one([1, 1]) == pytest.approx(model.predict_one([1, 1]), abs=1e-5)
    loaded.check_features(["a", "b"])
    with pytest.raises(ValueError, match="refit"):
        loaded.check_features(["a", "c"])


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="one label per row"):
        title_model.fit([[1, 2]], [1, 0])
    with pytest.raises(ValueError, match="no rows"):
        title_model.fit(np.zeros((0, 2)), [])


def test_expected_calibration_error_on_a_hand_made_example() -> None:
    # Bin 0.9-1.0: four at 0.9, three right (0.75): gap 0.15, weight 4/6.
    # Bin 0.6-0.7: two at 0.6, one right (0.5): gap 0.1, weight 2/6.
    pairs = [(True, 0.9)] * 3 + [(False, 0.9), (True, 0.6), (False, 0.6)]
    assert tc.expected_calibration_error(pairs) == pytest.approx(4 / 6 * 0.15 + 2 / 6 * 0.1)
    assert tc.expected_calibration_error([]) == 0.0
    assert tc.expected_calibration_error([(True, 1.0)]) == 0.0
