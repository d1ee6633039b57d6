"""The classifier's commands, accuracy maths and the measured accuracy on ../shared."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.workforce.accuracy import Labelled, Predicted, measure, run
from cadre.workforce.classifier import DefaultEngine, bundled_catalogue
from tests.helpers import skip_or_fail

DEV_CSV = Path(os.environ.get("CADRE_SHARED_DIR", Path(__file__).resolve().parents[3].parent
                              / "shared")) / "data" / "job-titles" / "dev.csv"
OUTPUT = ["in_profession", "role_family", "role", "role_level", "confidence", "alternatives"]


def test_accuracy_on_a_tiny_hand_made_example() -> None:
    pairs = [
        # in, right role first
        (Labelled(True, "F1", "R1"), Predicted(True, ["R1", "R2"], ["F1", "F2"])),
        # in, right role second; right family second
        (Labelled(True, "F1", "R1"), Predicted(True, ["R3", "R1"], ["F2", "F1"])),
        # in, but missed (counts against recall and every accuracy)
        (Labelled(True, "F2", "R2"), Predicted(False)),
        # out, wrongly put in (a false positive; no role accuracy counted)
        (Labelled(False), Predicted(True, ["R1"], ["F1"])),
        # out and out
        (Labelled(False), Predicted(False)),
    ]
    result = measure(pairs)
    assert (result.true_positives, result.false_positives, result.false_negatives,
            result.true_negatives) == (2, 1, 1, 1)
    assert result.precision == pytest.approx(2 / 3)
    assert result.recall == pytest.approx(2 / 3)
    assert result.role_rows == 3
    assert result.role_top1 == pytest.approx(1 / 3)
    assert result.role_top3 == pytest.approx(2 / 3)
    assert result.family_top1 == pytest.approx(1 / 3)
    assert result.family_top3 == pytest.approx(2 / 3)
    assert measure([]).precision == 0.0


def test_run_never_hands_labels_to_the_engine() -> None:
    seen = []

    class Spy(DefaultEngine):
        def classify_many(self, rows):  # noqa: ANN001, ANN201
            rows = list(rows)
            seen.extend(rows)
            return super().classify_many(rows)

    catalogue = bundled_catalogue()
    rows = [{"job_title": "Snr Dev", "grade": "SEO", "is_profession": "true",
             "role_family": "Software development", "role": "Software developer",
             "role_level": "Senior developer"}]
    result = run(Spy(catalogue), rows, {r.name: r.family for r in catalogue.roles})
    assert result.role_top1 == 1.0 and result.level_top1 == 1.0
    assert all(set(row) == {"job_title", "grade", "job_description"} for row in seen)


@pytest.mark.django_db
def test_classify_command_writes_every_column(tmp_path: Path) -> None:
    source = tmp_path / "titles.csv"
    source.write_text("staff,job_title,grade,job_description\n1,Snr Dev,SEO,\n"
                      "2,Staff Nurse,Band 5,\n3,\"Architect, Solutions\",,\n", encoding="utf-8")
    out = io.StringIO()
    call_command("workforce_classify", str(source), stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == ["staff", "job_title", "grade", "job_description", *OUTPUT]
    assert rows[0]["in_profession"] == "true" and rows[0]["role"] == "Software developer"
    assert rows[0]["role_family"] == "Software development"
    assert rows[0]["role_level"] == "Senior developer"
    assert 0 < float(rows[0]["confidence"]) <= 1 and len(rows[0]["alternatives"].split("|")) == 3
    assert rows[1]["in_profession"] == "false" and rows[1]["role"] == ""
    assert rows[2]["role"] == "Solution architect"


@pytest.mark.django_db
def test_classify_command_errors(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    source = tmp_path / "titles.csv"
    source.write_text("title\nDeveloper\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no job_title column"):
        call_command("workforce_classify", str(source), stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("workforce_classify", str(tmp_path / "missing.csv"), stdout=io.StringIO())
    source.write_text("job_title\nDeveloper\n", encoding="utf-8")
    monkeypatch.setattr("cadre.workforce.semantic.semantic_available", lambda: False)
    with pytest.raises(CommandError, match="not installed"):
        call_command("workforce_classify", str(source), "--engine", "semantic",
                     stdout=io.StringIO())


@pytest.mark.django_db
def test_accuracy_command_on_a_small_file(tmp_path: Path) -> None:
    source = tmp_path / "labelled.csv"
    source.write_text(
        "job_title,grade,is_profession,role_family,role,role_level\n"
        "Senior Developer,SEO,true,Software development,Software developer,Senior developer\n"
        "Policy Advisor,HEO,false,,,\n", encoding="utf-8")
    out = io.StringIO()
    call_command("workforce_accuracy", "--file", str(source), stdout=out)
    text = out.getvalue()
    assert "precision 1.000, recall 1.000" in text and "top-1 1.000" in text


@pytest.mark.shared_data
def test_default_engine_meets_the_targets_on_the_labelled_titles() -> None:
    if not DEV_CSV.is_file():
        skip_or_fail(f"The labelled job titles are not at {DEV_CSV} (../shared is absent)")
    catalogue = bundled_catalogue()
    with open(DEV_CSV, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    result = run(DefaultEngine(catalogue), rows, {r.name: r.family for r in catalogue.roles})
    assert result.precision >= 0.95, result.lines()
    assert result.recall >= 0.95, result.lines()
    assert result.role_top1 >= 0.80, result.lines()


def test_default_engine_on_the_projects_own_labelled_titles() -> None:
    """70 titles labelled by the project, none taken from ../shared (a second opinion)."""
    catalogue = bundled_catalogue()
    path = Path(__file__).parent / "data" / "classifier_titles.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    result = run(DefaultEngine(catalogue), rows, {r.name: r.family for r in catalogue.roles})
    assert result.precision >= 0.95 and result.recall >= 0.95, result.lines()
    assert result.role_top1 >= 0.90 and result.family_top1 >= 0.90, result.lines()
