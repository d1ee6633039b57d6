"""Gap analysis against hand-worked examples (no database)."""

from __future__ import annotations

from cadre.assessments.gaps import analyse

# Scale: 1 Awareness, 2 Working, 3 Practitioner, 4 Expert.
REQUIRED = {"Coding": 3, "Testing": 2, "Security": 2, "Leadership": 1}


def test_hand_worked_example() -> None:
    held = {"Coding": 2, "Testing": 3, "Security": 0, "Data": 4}
    result = analyse(REQUIRED, held)
    assert [(r.skill, r.required, r.held, r.gap) for r in result.rows] == [
        ("Security", 2, 0, 2),      # largest gap first
        ("Coding", 3, 2, 1),
        ("Leadership", 1, 0, 1),
        ("Testing", 2, 3, 0),       # held above the requirement: no gap, not negative
    ]
    assert result.required_count == 4 and result.met_count == 1
    assert result.share_met == 0.25
    assert result.total_gap == 4
    # Steps held: min(2,3) + min(3,2) + 0 + 0 = 4 of 3 + 2 + 2 + 1 = 8.
    assert result.readiness == 0.5
    assert not result.ready
    assert [g.skill for g in result.largest_gaps(2)] == ["Security", "Coding"]


def test_everything_met() -> None:
    result = analyse(REQUIRED, {"Coding": 4, "Testing": 2, "Security": 3, "Leadership": 1})
    assert result.ready and result.share_met == 1.0 and result.readiness == 1.0
    assert result.largest_gaps() == []


def test_no_requirements() -> None:
    result = analyse({}, {"Coding": 2})
    assert result.rows == () and result.share_met == 1.0 and result.ready
