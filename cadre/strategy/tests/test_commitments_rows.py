"""The plain row checks and roll-up (no database): periods against a simple reference on
random strings, "not applicable" detection on the published wordings, mappings, every
problem of a row named, and rolling up against a brute-force reference."""

from __future__ import annotations

import datetime as dt
import random
import string

from cadre.strategy import commitment_rows as rows


def _reference_period_ok(value: str) -> bool:
    """A year from 1990 to 2100, or such a year and a real month, by trying dates."""
    for layout in ("%Y", "%Y-%m"):
        try:
            parsed = dt.datetime.strptime(value, layout)  # noqa: DTZ007 - a date only
        except ValueError:
            continue
        text = parsed.strftime(layout)
        if text == value and 1990 <= parsed.year <= 2100:
            return True
    return False


def test_periods_match_a_reference_on_random_strings() -> None:
    rng = random.Random(19)
    alphabet = string.digits * 4 + "-² x"
    samples = ["2013", "2012-12", "2012-13", "2012-00", "1989", "2101", "2013-1", "２０１３",
               "2013²", "2013-12-01", ""]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
                for _ in range(3000)]
    samples += [f"{rng.randint(1980, 2110)}-{rng.randint(0, 14):02d}" for _ in range(500)]
    for value in samples:
        assert (rows.period_problem(value) is None) == _reference_period_ok(value), value


def test_not_applicable_wordings() -> None:
    for text in ("This action is not applicable to HMT.", "Not applicable but will form part",
                 "This action is NOT  applicable"):
        assert rows.says_not_applicable(text)
    for text in ("Applicable to all staff.", "not inapplicable", "It is notapplicable"):
        assert not rows.says_not_applicable(text)


def test_every_problem_of_a_row_is_named() -> None:
    good, problems = rows.check_rows([
        (2, {"strategy": "S", "action": "", "organisation": "X" * 201, "kind": "Wish",
             "period": "2013-13", "text": "t"}),
        (3, {"strategy": "S", "action": "A", "organisation": "O", "kind": "PLAN",
             "period": "2013", "text": "", "not_applicable": "yes"}),
        (4, {"strategy": "s", "action": "a", "organisation": " o ", "kind": "plan",
             "period": "2013", "text": "again"}),
        (5, {"strategy": "S", "action": "A", "organisation": "P", "kind": "plan",
             "period": "2013", "text": "t", "not_applicable": "perhaps"}),
    ])
    assert {(p.row, p.column) for p in problems} == {
        (2, "action"), (2, "organisation"), (2, "kind"), (2, "period"), (4, None),
        (5, "not_applicable")}
    assert [(g.number, g.kind, g.not_applicable) for g in good] == [(3, "plan", True)]


def test_mappings() -> None:
    mapping, problems = rows.parse_mappings(["Department of Health=DHSC", "A=B=C", "",
                                             "nothing", "department of health=X", "=X"])
    assert mapping == {"Department of Health": "DHSC", "A=B": "C"}
    assert len(problems) == 3


def test_period_order() -> None:
    columns = [("2014", "plan"), ("2013", "progress"), ("2012-12", "commitment"),
               ("2014", "progress"), ("2014", "commitment")]
    assert rows.order_periods(columns) == [
        ("2012-12", "commitment"), ("2013", "progress"), ("2014", "commitment"),
        ("2014", "progress"), ("2014", "plan")]


def test_roll_up_matches_a_brute_force_reference() -> None:
    rng = random.Random(7)
    for _ in range(300):
        ids = list(range(1, 8))
        successors = {i: rng.sample(ids, rng.randint(0, 3)) for i in ids if rng.random() < 0.4}
        items = [(rng.choice(ids), (rng.choice(["2013", "2014"]), "plan"), n)
                 for n in range(rng.randint(0, 12))]
        result = rows.roll_up(items, successors)
        for row_id in ids:
            for column in (("2013", "plan"), ("2014", "plan")):
                expected = []
                for owner, col, item in items:
                    targets = set(successors.get(owner, ())) - {owner}
                    if col == column and (row_id in targets or (not targets and
                                                                owner == row_id)):
                        expected.append((owner, item))
                got = result.cells.get(row_id, {}).get(column, [])
                assert got == expected
        assert set(result.rolled) == {o for o, _c, _i in items
                                      if set(successors.get(o, ())) - {o}}
