"""Calibration measures against plain references, and ``cadre workforce accuracy``."""

from __future__ import annotations

import io
import json
import math
import random
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.workforce.accuracy import (
    Labelled,
    Predicted,
    ReliabilityBin,
    expected_calibration_error,
    measure,
    reliability_bins,
)
from cadre.workforce.reliability_diagram import Panel, reliability_svg

SVG = "{http://www.w3.org/2000/svg}"
HEADER = "job_title,grade,organisation_type,is_profession,role_family,role,role_level,kind\n"
GOOD = (HEADER
        + "Senior Software Developer,SEO,agency,true,Software development,"
          "Software developer,Senior developer,plain\n"
        + "Staff Nurse,Band 5,nhs_body,false,,,,other-profession\n"
        + "Finance Business Partner,G7,ministerial_department,false,,,,other-profession\n")
# Labelled wrongly on purpose, so that the suggestion counts as a mistake.
WRONG = (HEADER + "Head Gardener,EO,local_authority,true,Software development,"
                  "Software developer,,plain\n"
         + "Data Engineer,HEO,agency,true,Data,Data engineer,,plain\n")


def _reference(confidences: list[float], outcomes: list[bool], bins: int
               ) -> tuple[float, list[tuple[int, float | None, float | None]]]:
    """ECE and bins written from the definition: for each bin, pick its rows by loops."""
    table = []
    for k in range(bins):
        low, high = k / bins, (k + 1) / bins
        chosen = [(c, o) for c, o in zip(confidences, outcomes, strict=True)
                  if low <= c < high or (k == bins - 1 and c == 1.0)]
        if chosen:
            table.append((len(chosen), sum(c for c, _ in chosen) / len(chosen),
                          sum(1 for _, o in chosen if o) / len(chosen)))
        else:
            table.append((0, None, None))
    n = len(confidences)
    ece = 0.0
    for count, mean, share in table:
        if count:
            ece += count / n * abs(share - mean)
    return ece, table


def test_ece_and_bins_match_the_reference_on_random_cases() -> None:
    rng = random.Random(20)
    edges = [0.0, 1.0, 0.5, 0.1, 0.3, 0.7, 0.9, 0.2, 0.25]
    for _ in range(400):
        bins = rng.choice([1, 2, 4, 5, 10, 15])
        n = rng.randint(1, 60)
        confidences = [rng.choice(edges) if rng.random() < 0.2 else rng.random()
                       for _ in range(n)]
        # Outcomes loosely follow the confidence, so bins of every kind occur.
        outcomes = [rng.random() < min(1.0, c + rng.uniform(-0.3, 0.3)) for c in confidences]
        want_ece, want_bins = _reference(confidences, outcomes, bins)
        assert expected_calibration_error(confidences, outcomes, bins) == pytest.approx(
            want_ece, abs=1e-12)
        got = reliability_bins(confidences, outcomes, bins)
        assert len(got) == bins and sum(b.count for b in got) == n
        for b, (count, mean, share) in zip(got, want_bins, strict=True):
            assert b.count == count
            if count:
                assert b.mean_confidence == pytest.approx(mean, abs=1e-12)
                assert b.accuracy == pytest.approx(share, abs=1e-12)
            else:
                assert b.mean_confidence is None and b.accuracy is None


def test_ece_known_values_and_bad_input() -> None:
    assert expected_calibration_error([1.0, 1.0], [True, True]) == 0.0
    assert expected_calibration_error([0.5] * 4, [True] * 4) == pytest.approx(0.5)
    # Half right at 0.75 and all right at 0.25: |0.5-0.75| and |1-0.25|, equally weighted.
    assert expected_calibration_error([0.75, 0.75, 0.25, 0.25], [True, False, True, True]
                                      ) == pytest.approx((0.25 + 0.75) / 2)
    assert expected_calibration_error([], []) == 0.0
    assert reliability_bins([1.0], [True], bins=4)[-1].count == 1
    with pytest.raises(ValueError, match="same length"):
        expected_calibration_error([0.5], [])
    with pytest.raises(ValueError, match="between 0 and 1"):
        reliability_bins([1.5], [True])
    with pytest.raises(ValueError, match="between 0 and 1"):
        reliability_bins([math.nan], [True])
    with pytest.raises(ValueError, match="bins"):
        reliability_bins([0.5], [True], bins=0)


def test_measure_calibration_by_hand() -> None:
    pairs = [
        # in, role right: suggestion right
        (Labelled(True, "F", "R1"), Predicted(True, ["R1"], ["F"], "", 0.9, 0.8)),
        # in, role wrong: decision right, suggestion wrong
        (Labelled(True, "F", "R1"), Predicted(True, ["R2"], ["F"], "", 0.7, 0.6)),
        # out and truly out: both right
        (Labelled(False), Predicted(False, (), (), "", 0.2, 0.8)),
        # put in wrongly: both wrong
        (Labelled(False), Predicted(True, ["R1"], ["F"], "", 0.6, 0.5)),
    ]
    result = measure(pairs, bins=10)
    assert result.calibrated_rows == 4
    assert result.brier == pytest.approx((0.01 + 0.09 + 0.04 + 0.36) / 4)
    assert result.suggestion_right == pytest.approx(0.5)
    assert result.ece_profession == pytest.approx(expected_calibration_error(
        [0.9, 0.7, 0.8, 0.6], [True, True, True, False]))
    assert result.ece_suggestion == pytest.approx(expected_calibration_error(
        [0.8, 0.6, 0.8, 0.5], [True, False, True, False]))
    assert [b.count for b in result.suggestion_bins] == [0, 0, 0, 0, 0, 1, 1, 0, 2, 0]
    assert any("ECE in/out decision" in line for line in result.lines())
    # Without probabilities, calibration is not measured (and says so).
    plain = measure([(Labelled(True, "F", "R1"), Predicted(True, ["R1"], ["F"]))])
    assert plain.ece_suggestion is None and "not measured" in plain.lines()[-1]
    json.dumps(result.as_dict())


def test_run_passes_the_organisation_type_but_no_labels() -> None:
    from cadre.workforce.accuracy import run
    from cadre.workforce.classifier import DefaultEngine, bundled_catalogue

    seen: list[dict] = []

    class Spy(DefaultEngine):
        def classify_many(self, rows):  # noqa: ANN001, ANN201
            rows = list(rows)
            seen.extend(rows)
            return super().classify_many(rows)

    catalogue = bundled_catalogue()
    rows = [{"job_title": "Data Engineer", "grade": "HEO", "organisation_type": "agency",
             "is_profession": "true", "role_family": "Data", "role": "Data engineer",
             "role_level": "", "kind": "plain"}]
    result = run(Spy(catalogue), rows, {r.name: r.family for r in catalogue.roles})
    assert seen == [{"job_title": "Data Engineer", "grade": "HEO", "job_description": "",
                     "organisation_type": "agency"}]
    assert result.calibrated_rows == 1 and 0 <= result.ece_suggestion <= 1


def test_diagram_escapes_and_parses() -> None:
    bins = [ReliabilityBin(0.0, 0.5, 2, 0.3, 0.5), ReliabilityBin(0.5, 1.0, 0, None, None)]
    svg = reliability_svg([Panel("Set <A> & B", bins, 0.2, 2, "a&b.csv"),
                           Panel("Empty", [], None, 0)], title="Trust & confidence")
    root = ET.fromstring(svg.encode("utf-8"))  # noqa: S314 - our own output
    assert root.find(f"{SVG}title").text == "Trust & confidence"
    desc = root.find(f"{SVG}desc").text
    assert "Set <A> & B (a&b.csv): 2 titles" in desc and "not measured" in desc
    assert len(root.findall(f"{SVG}g")) == 2
    bars = [r for r in root.findall(f"{SVG}g/{SVG}rect") if r.get("fill") != "none"]
    assert len(bars) == 1  # the one bin with titles; the empty bin and panel have none
    assert "2 titles, mean confidence 0.300, share right 0.500" in bars[0].find(
        f"{SVG}title").text
    one = reliability_svg([Panel("One", [ReliabilityBin(0.5, 1.0, 1, 0.9, 1.0)], 0.1, 1)],
                          title="One")
    assert "1 title," in one and "1 titles" not in one


@pytest.fixture
def sets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two labelled sets in the repository's place and an absent ../shared."""
    (tmp_path / "development.csv").write_text(GOOD, encoding="utf-8")
    (tmp_path / "holdout.csv").write_text(WRONG, encoding="utf-8")
    monkeypatch.setattr(
        "cadre.workforce.management.commands.workforce_accuracy.DEFAULT_SETS",
        [("development", tmp_path / "development.csv", True),
         ("holdout", tmp_path / "holdout.csv", True),
         ("shared dev", tmp_path / "absent" / "dev.csv", False)])
    return tmp_path


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("workforce_accuracy", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_command_measures_every_set_and_lists_mistakes(sets: Path) -> None:
    text = _run("--errors")
    assert "shared dev: skipped" in text and "../shared is absent" in text
    assert "set: development" in text and "set: holdout" in text
    assert "precision 1.000, recall 1.000" in text  # the development set
    assert "ECE whole suggestion" in text and "Brier score" in text
    mistakes = text.split("set: holdout")[1]
    assert "wrong suggestions (1" in mistakes
    assert "'Head Gardener' [EO, local_authority, plain]: truth Software developer; " \
           "suggested out; confidence" in mistakes
    assert "Data Engineer" not in mistakes.split("wrong suggestions")[1]


@pytest.mark.django_db
def test_command_json(sets: Path) -> None:
    data = json.loads(_run("--json", "--errors"))
    assert [s["set"] for s in data["sets"]] == ["development", "holdout"]
    assert data["skipped"] and data["diagram"] is None
    figures = data["sets"][0]["figures"]
    assert figures["rows"] == 3 and figures["precision"] == 1.0
    assert 0 <= figures["ece_suggestion"] <= 1 and len(figures["suggestion_bins"]) == 10
    (error,) = data["sets"][1]["errors"]
    assert error["job_title"] == "Head Gardener" and error["suggestion"] == "out"
    assert 0 <= error["confidence"] <= 1


@pytest.mark.django_db
def test_command_writes_a_reliability_diagram(sets: Path) -> None:
    path = sets / "reliability.svg"
    text = _run("--diagram", str(path), "--bins", "5")
    assert f"written to {path}" in text
    root = ET.parse(path).getroot()  # noqa: S314 - written by the test
    assert root.tag == f"{SVG}svg"
    assert "default engine" in root.find(f"{SVG}title").text
    assert "development (development.csv): 3 titles" in root.find(f"{SVG}desc").text
    assert len(root.findall(f"{SVG}g")) == 2  # one panel per set measured


@pytest.mark.django_db
def test_command_files_and_errors(sets: Path) -> None:
    text = _run("--file", str(sets / "development.csv"), "--file", str(sets / "holdout.csv"))
    assert "set: development" in text and "set: holdout" in text and "skipped" not in text
    with pytest.raises(CommandError, match="No such labelled file: .*missing.csv"):
        _run("--file", str(sets / "missing.csv"))
    (sets / "bad.csv").write_text("title,in\nDeveloper,true\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing: job_title, is_profession"):
        _run("--file", str(sets / "bad.csv"))
    (sets / "empty.csv").write_text(HEADER, encoding="utf-8")
    with pytest.raises(CommandError, match="no labelled rows"):
        _run("--file", str(sets / "empty.csv"))
    (sets / "latin.csv").write_bytes(HEADER.encode() + b"Caf\xe9 Manager,,,false,,,,\n")
    with pytest.raises(CommandError, match="not a readable UTF-8 CSV"):
        _run("--file", str(sets / "latin.csv"))
    with pytest.raises(CommandError, match="does not exist"):
        _run("--diagram", str(sets / "nowhere" / "d.svg"))
    (sets / "holdout.csv").unlink()  # a set of the repository's own must be there
    with pytest.raises(CommandError, match="holdout.csv"):
        _run()
