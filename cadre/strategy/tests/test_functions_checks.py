"""The plain checks of the retained ICT function: parsing the taxonomy file, each function's
check, nested-count suppression (against a brute-force reference on random cases) and the
comparison with the reference models."""

from __future__ import annotations

import itertools
import random

import pytest

from cadre.strategy import function_checks as fc

FAMILIES = ["Architecture", "Data", "IT operations"]


def test_needs_are_read_with_their_levels() -> None:
    assert fc.parse_needs("Architecture: lead;  data :practitioner") == (
        fc.Need("Architecture", 5), fc.Need("data", 3))
    for bad, words in (("Architecture", "not 'Family: level'"), ("Data: expert", "not a level"),
                       ("Data: senior; data: lead", "named twice"), ("", "at least one")):
        with pytest.raises(ValueError, match=words):
            fc.parse_needs(bad)


def test_every_bad_row_is_listed() -> None:
    rows = [
        (2, {"key": "ok", "name": "Fine", "needs": "Data: senior", "retained_in": "minimal"}),
        (3, {"key": "Bad Key", "name": "", "needs": "Nonsense: senior",
             "retained_in": "somewhere"}),
        (4, {"key": "ok", "name": "fine", "needs": "Data: lead"}),
        (5, {"key": "nul", "name": "N\x00", "needs": "Data: lead"}),
        (6, {"key": "long", "name": "x" * (fc.MAX_NAME + 1), "needs": "Data: lead",
             "description": "y" * (fc.MAX_DESCRIPTION + 1)}),
    ]
    good, problems = fc.check_rows(rows, FAMILIES)
    assert [g.key for g in good] == ["ok"]
    assert good[0].needs == (fc.Need("Data", 4),) and good[0].retained_in == ("minimal",)
    by_row: dict[int, set[str]] = {}
    for number, column, _ in problems:
        by_row.setdefault(number, set()).add(column)
    assert by_row == {3: {"key", "name", "needs", "retained_in"}, 4: {"key", "name"},
                      5: {"name"}, 6: {"name", "description"}}


def _entry(sourcing: str, *needs: tuple[str, int]) -> fc.Entry:
    return fc.Entry("f", "Function", sourcing, tuple(fc.Need(f, r) for f, r in needs))


def test_a_function_kept_in_house_with_nobody_in_its_families_is_flagged() -> None:
    entry = _entry(fc.IN_HOUSE, ("Architecture", 5), ("Data", 4))
    empty: dict = {}
    check = fc.check_function(entry, empty)
    assert check.flagged and check.status == "nobody"
    assert "nobody in the department's profession" in check.words
    assert "Architecture or Data families" in check.words
    # People in another family only: still flagged.
    assert fc.check_function(entry, {"it operations": {6: 9}}).flagged
    # A junior architect: not flagged, but a gap at lead level (and in Data).
    check = fc.check_function(entry, {"architecture": {3: 1}})
    assert check.status == "gap" and not check.flagged
    assert [n.family for n in check.gaps] == ["Architecture", "Data"]
    assert fc.check_function(entry, {"architecture": {8: 1}, "data": {6: 2}}).status == "ok"
    # Mixed counts as kept in house; outsourced and shared services are not checked.
    assert fc.check_function(_entry(fc.MIXED, ("Data", 4)), empty).flagged
    for sourcing in (fc.OUTSOURCED, fc.SHARED_SERVICE):
        assert fc.check_function(_entry(sourcing, ("Data", 4)), empty).status == "not_retained"


def test_levels_count_at_or_above() -> None:
    coverage = {"data": {0: 1, 3: 2, 4: 4, 6: 8, 10: 16, 14: 32}}
    assert fc.people_at_or_above(coverage, "Data", 1) == 63
    assert fc.people_at_or_above(coverage, " data ", 3) == 60
    assert fc.people_at_or_above(coverage, "Data", 4) == 56
    assert fc.people_at_or_above(coverage, "Data", 6) == 48
    assert fc.people_at_or_above(coverage, "Data", 7) == 32
    assert fc.people_at_or_above(coverage, "Architecture", 1) == 0


def _reveals(counts: list[int], shown: list) -> bool:
    """Whether any count of 1 to 4 people (a cell or the band between two levels) can be
    read from what is shown (brute force over every pair)."""
    values = [c if not isinstance(s, str) else None for c, s in zip(counts, shown, strict=True)]
    if any(v is not None and 1 <= v < fc.THRESHOLD for v in values):
        return True
    return any(a is not None and b is not None and 1 <= abs(a - b) < fc.THRESHOLD
               for a, b in itertools.combinations(values, 2))


def test_nested_suppression_never_reveals_a_small_count_on_random_cases() -> None:
    rng = random.Random(19)
    for _ in range(2000):
        n = rng.randint(1, 5)
        bands = [rng.choice([0, 0, 1, 2, 3, 4, 5, 7, 12, 30]) for _ in range(n)]
        counts = [sum(bands[i:]) for i in range(n)]  # cumulative: at or above each level
        shown = fc.suppress_nested(counts)
        assert not _reveals(counts, shown), (counts, shown)
        for count, value in zip(counts, shown, strict=True):
            if 1 <= count < fc.THRESHOLD:
                assert value == "fewer than 5"
            elif isinstance(value, str):
                assert value == "[c]"
            else:
                assert value == count
    assert fc.suppress_nested([12, 10, 0]) == [12, "[c]", 0]
    assert fc.suppress_nested([20, 10, 3, 0]) == [20, 10, "fewer than 5", 0]


def test_skills_need_joins_functions_and_hides_small_counts() -> None:
    entries = [_entry(fc.IN_HOUSE, ("Data", 3)),
               fc.Entry("g", "Other", fc.MIXED, (fc.Need("Data", 4), fc.Need("Architecture", 4))),
               fc.Entry("h", "Bought", fc.OUTSOURCED, (fc.Need("IT operations", 2),))]
    lines = fc.skills_need(entries, {"data": {4: 3, 6: 9}, "architecture": {6: 2}})
    assert [(x.family, x.rank, x.functions, x.count, x.shown) for x in lines] == [
        ("Architecture", 4, ["Other"], 2, "fewer than 5"),
        ("Data", 3, ["Function"], 12, 12),
        ("Data", 4, ["Other"], 9, "[c]"),
    ]


def test_models_compared_over_the_functions_recorded() -> None:
    models = {"centralised": {"a", "b", "c"}, "federated": {"a", "b"}, "minimal": {"a"}}
    found = fc.compare_with_models(["a", "b"], ["a", "b", "c"], models)
    assert [(c.model, c.differences) for c in found] == [
        ("federated", 0), ("centralised", 1), ("minimal", 1)]
    assert found[1].in_model_not_retained == ("c",)
    assert found[2].retained_not_in_model == ("b",)
    # A function not recorded is not a difference.
    assert fc.compare_with_models(["a"], ["a"], models)[0].differences == 0
