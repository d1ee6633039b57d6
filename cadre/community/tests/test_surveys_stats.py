"""survey_stats against plain references: Welch's interval against scipy.stats
(ttest_ind with unequal variances), Newcombe's interval against a plain-Python reference
of his method 10 (standard library only), and the suppression rules as properties."""

from __future__ import annotations

import math
import random
from statistics import NormalDist, mean

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as s
from scipy import stats

from cadre.community import survey_stats as st


def test_summarise_counts_means_and_agreeing() -> None:
    found = st.summarise([1, 2, 3, 4, 5, 5])
    assert found.count == 6 and found.agree == 3
    assert found.mean == pytest.approx(20 / 6) and found.share_agreeing == pytest.approx(0.5)
    assert st.summarise([]) == st.Summary(0, None, 0, None)


@pytest.mark.parametrize("bad", [[0], [6], [2.5]])
def test_scores_outside_the_scale_are_refused(bad) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match="1 to 5"):
        st.summarise(bad)


def test_welch_matches_scipy_on_random_cases() -> None:
    rng = random.Random(18)
    for _ in range(300):
        a = [rng.randint(1, 5) for _ in range(rng.randint(2, 80))]
        b = [rng.randint(1, 5) for _ in range(rng.randint(2, 80))]
        if np.var(a) == 0 and np.var(b) == 0:
            continue
        found = st.welch_difference(a, b)
        ci = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
        assert found.estimate == pytest.approx(mean(a) - mean(b))
        assert found.low == pytest.approx(ci.low) and found.high == pytest.approx(ci.high)


def test_welch_with_no_spread_is_the_point() -> None:
    assert st.welch_difference([4, 4, 4], [2, 2]) == st.Difference(2.0, 2.0, 2.0)
    with pytest.raises(ValueError):
        st.welch_difference([4], [2, 3])


def _wilson_reference(x: int, n: int) -> tuple[float, float]:
    z = NormalDist().inv_cdf(0.975)
    p = x / n
    a = 2 * n * p + z * z
    b = z * math.sqrt(z * z + 4 * n * p * (1 - p))
    return (a - b) / (2 * (n + z * z)), (a + b) / (2 * (n + z * z))


def _newcombe_reference(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float, float]:
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = _wilson_reference(x1, n1)
    l2, u2 = _wilson_reference(x2, n2)
    d = p1 - p2
    return (d, d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
            d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))


def test_newcombe_matches_the_reference_on_random_cases() -> None:
    rng = random.Random(5)
    for _ in range(500):
        n1, n2 = rng.randint(1, 400), rng.randint(1, 400)
        x1, x2 = rng.randint(0, n1), rng.randint(0, n2)
        found = st.newcombe_difference(x1, n1, x2, n2)
        d, low, high = _newcombe_reference(x1, n1, x2, n2)
        assert found.estimate == pytest.approx(d)
        assert found.low == pytest.approx(max(-1, low), abs=1e-12)
        assert found.high == pytest.approx(min(1, high), abs=1e-12)
        assert found.low <= found.estimate <= found.high


def test_newcombe_published_example() -> None:
    # Newcombe (1998) table II example (a): 56/70 against 48/80: 0.2000 (0.0524 to 0.3339).
    found = st.newcombe_difference(56, 70, 48, 80)
    assert found.estimate == pytest.approx(0.2)
    assert found.low == pytest.approx(0.0524, abs=5e-4)
    assert found.high == pytest.approx(0.3339, abs=5e-4)


def test_suppression_hides_small_groups_and_one_more() -> None:
    hidden = st.suppress({"a": 40, "b": 3, "c": 25, "d": 12})
    assert hidden == {"b": st.FEWER, "d": st.SECONDARY}
    assert st.suppress({"a": 40, "b": 30}) == {}
    # Two small groups together reach the threshold: nothing more to hide.
    assert st.suppress({"a": 40, "b": 6, "c": 5}) == {"b": st.FEWER, "c": st.FEWER}
    # The total is small: everything hidden, and only the small groups say "fewer".
    assert st.suppress({"a": 3, "b": 4}) == {"a": st.FEWER, "b": st.FEWER}


@settings(max_examples=300, deadline=None)
@given(s.dictionaries(s.integers(0, 30), s.integers(1, 60), max_size=12))
def test_no_hidden_group_can_be_worked_out(counts: dict[int, int]) -> None:
    hidden = st.suppress(counts)
    for key, n in counts.items():
        if n < st.THRESHOLD:
            assert hidden[key] == st.FEWER  # every small group hidden, label true
        elif key in hidden:
            assert hidden[key] == st.SECONDARY  # never "fewer" when it is not
    pooled = sum(counts[k] for k in hidden)
    # What subtraction gives is the hidden groups pooled: never 1 to 9 responses, unless
    # every group is hidden (and then no total is shown either).
    assert pooled == 0 or pooled >= st.THRESHOLD or len(hidden) == len(counts)
    # A hidden group never stands alone beside shown ones.
    assert len(hidden) != 1 or len(counts) == 1
