"""Reads for perception surveys: the surveys an account sees, and the results, always
suppressed (``community.survey_stats``): a group of fewer than 10 responses shows no
figure, nor its count, and secondary suppression hides the smallest shown groups with it
so that no hidden group can be worked out from the total. Free text is shown only over the
whole survey and only when it has at least 10 responses.

Pages, API, exports and the command line all read ``results``, ``result_rows``,
``change`` and ``free_text`` here, so each shows the same suppressed figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from cadre.access.rules import SURVEY_ORGANISERS
from cadre.community import survey_stats as st
from cadre.community.models import (
    ItemKind,
    Survey,
    SurveyItem,
    SurveyParticipation,
    SurveyState,
)
from cadre.framework.models import RoleFamily
from cadre.organisations.models import Organisation

FEWER_LABEL = f"Fewer than {st.THRESHOLD} responses"
SECONDARY_LABEL = "Hidden so that a smaller group cannot be worked out"
LABELS = {st.FEWER: FEWER_LABEL, st.SECONDARY: SECONDARY_LABEL}
OVERALL = "All responses"
NOT_RECORDED = "Not recorded"
BREAKDOWNS = (("overall", "Overall"), ("organisation", "By organisation"),
              ("role_family", "By role family"))

RESULT_COLUMNS = ("breakdown", "group", "statement", "responses", "mean",
                  "share_agreeing_percent", "note")
CHANGE_COLUMNS = ("statement", "baseline_responses", "repeat_responses", "baseline_mean",
                  "repeat_mean", "mean_change", "mean_change_low", "mean_change_high",
                  "baseline_agreeing_percent", "repeat_agreeing_percent",
                  "agreeing_change_points", "agreeing_change_low", "agreeing_change_high",
                  "note")


def may_organise(user: Any) -> bool:
    return SURVEY_ORGANISERS.allows(user)


def surveys_for(user: Any) -> list[Survey]:
    """Organisers see every survey; others the open and closed ones."""
    qs = Survey.objects.select_related("baseline")
    if not may_organise(user):
        qs = qs.exclude(state=SurveyState.DRAFT)
    return list(qs)


def visible_survey(user: Any, pk: int) -> Survey | None:
    return next((s for s in surveys_for(user) if s.pk == pk), None) if pk else None


def open_surveys() -> list[Survey]:
    return list(Survey.objects.filter(state=SurveyState.OPEN))


def has_responded(*, person: Any, survey: Survey) -> bool:
    return person is not None and SurveyParticipation.objects.filter(
        survey=survey, person=person).exists()


def statements(survey: Survey) -> list[SurveyItem]:
    return list(survey.items.filter(kind=ItemKind.STATEMENT).order_by("position"))


def response_count(survey: Survey) -> int:
    return survey.responses.count()


@dataclass
class Cell:
    count: int | None
    mean: float | None
    share_agreeing: float | None


@dataclass
class Group:
    name: str
    count: int | None            # None when hidden
    note: str = ""               # why hidden (empty when shown)
    cells: list[Cell] = field(default_factory=list)

    @property
    def hidden(self) -> bool:
        return bool(self.note)


@dataclass
class Results:
    survey: Survey
    total: int
    statements: list[SurveyItem]
    overall: Group
    breakdowns: list[tuple[str, str, list[Group]]]   # (key, title, groups)


def _load(survey: Survey) -> list[tuple[int | None, int | None, str, dict]]:
    return list(survey.responses.order_by("id").values_list(
        "organisation_id", "role_family_id", "grade_band", "scores"))


def _cells(rows: list[dict], items: list[SurveyItem]) -> list[Cell]:
    cells = []
    for item in items:
        scores = [row[str(item.pk)] for row in rows if str(item.pk) in row]
        summary = st.summarise(scores)
        cells.append(Cell(summary.count, summary.mean, summary.share_agreeing))
    return cells


def _hidden_cells(items: list[SurveyItem]) -> list[Cell]:
    return [Cell(None, None, None) for _ in items]


def _group(name: str, rows: list[dict], items: list[SurveyItem], reason: str | None) -> Group:
    if reason:
        return Group(name, None, LABELS[reason], _hidden_cells(items))
    return Group(name, len(rows), "", _cells(rows, items))


def _breakdown(loaded: list, index: int, names: dict, items: list[SurveyItem]) -> list[Group]:
    buckets: dict[Any, list[dict]] = defaultdict(list)
    for row in loaded:
        buckets[row[index]].append(row[3])
    hidden = st.suppress({key: len(rows) for key, rows in buckets.items()})
    groups = [_group(names.get(key, NOT_RECORDED) if key not in (None, "") else NOT_RECORDED,
                     rows, items, hidden.get(key)) for key, rows in buckets.items()]
    return sorted(groups, key=lambda g: (g.name == NOT_RECORDED, g.name))


class ResultsNotPublished(Exception):
    """A survey's figures are asked for before it has closed (409 in the API)."""


def published(survey: Survey) -> bool:
    """Whether the survey's figures may be shown: only once it has closed. While a survey
    is open, comparing its figures before and after a known person answers would reveal
    that person's answers, suppression or not."""
    return survey.state == SurveyState.CLOSED


def _require_published(*surveys: Survey) -> None:
    for survey in surveys:
        if not published(survey):
            raise ResultsNotPublished(
                f"The results of \u201c{survey.title}\u201d are published when it closes.")


def results(survey: Survey) -> Results:
    """Per statement: responses, mean and share agreeing, overall and by organisation and
    by role family, suppressed. Only for a closed survey (``ResultsNotPublished``)."""
    _require_published(survey)
    items = statements(survey)
    loaded = _load(survey)
    total = len(loaded)
    overall = _group(OVERALL, [row[3] for row in loaded], items,
                     st.FEWER if total < st.THRESHOLD else None)
    organisations = dict(Organisation.objects.filter(
        pk__in={row[0] for row in loaded if row[0]}).values_list("pk", "name"))
    families = dict(RoleFamily.objects.filter(
        pk__in={row[1] for row in loaded if row[1]}).values_list("pk", "name"))
    breakdowns = [
        ("organisation", "By organisation", _breakdown(loaded, 0, organisations, items)),
        ("role_family", "By role family", _breakdown(loaded, 1, families, items)),
    ]
    return Results(survey, total, items, overall, breakdowns)


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def _round(value: float | None, places: int = 2) -> float | None:
    return None if value is None else round(value, places)


def result_rows(found: Results) -> list[dict[str, Any]]:
    """The results as flat rows (export, API, command line): a hidden group's figures are
    empty and its note says why."""
    rows = []
    sections = [("overall", [found.overall]), *[(key, groups)
                                                for key, _, groups in found.breakdowns]]
    for key, groups in sections:
        for group in groups:
            for item, cell in zip(found.statements, group.cells, strict=True):
                rows.append({"breakdown": key, "group": group.name, "statement": item.text,
                             "responses": cell.count, "mean": _round(cell.mean),
                             "share_agreeing_percent": _percent(cell.share_agreeing),
                             "note": group.note})
    return rows


@dataclass
class Change:
    item: SurveyItem
    baseline_count: int
    repeat_count: int
    note: str
    baseline_mean: float | None = None
    repeat_mean: float | None = None
    mean: st.Difference | None = None
    baseline_share: float | None = None
    repeat_share: float | None = None
    share: st.Difference | None = None


def change(survey: Survey) -> list[Change]:
    """For each statement of a repeat that repeats one of its baseline's: the repeat minus
    the baseline, mean (Welch interval) and share agreeing (Newcombe interval), hidden when
    either side has fewer than 10 responses."""
    if survey.baseline_id is None:
        return []
    _require_published(survey, survey.baseline)
    pairs = [item for item in statements(survey) if item.baseline_item_id]
    repeat_rows = [row[3] for row in _load(survey)]
    baseline_rows = [row[3] for row in _load(survey.baseline)]
    out = []
    for item in pairs:
        a = np.array([row[str(item.pk)] for row in repeat_rows if str(item.pk) in row])
        b = np.array([row[str(item.baseline_item_id)] for row in baseline_rows
                      if str(item.baseline_item_id) in row])
        if a.size < st.THRESHOLD or b.size < st.THRESHOLD:
            out.append(Change(item, b.size, a.size, FEWER_LABEL))
            continue
        sa, sb = st.summarise(a), st.summarise(b)
        out.append(Change(
            item, int(b.size), int(a.size), "", sb.mean, sa.mean, st.welch_difference(a, b),
            sb.share_agreeing, sa.share_agreeing,
            st.newcombe_difference(sa.agree, sa.count, sb.agree, sb.count)))
    return out


def change_rows(changes: list[Change]) -> list[dict[str, Any]]:
    rows = []
    for c in changes:
        hidden = bool(c.note)
        rows.append({
            "statement": c.item.text,
            "baseline_responses": None if hidden else c.baseline_count,
            "repeat_responses": None if hidden else c.repeat_count,
            "baseline_mean": _round(c.baseline_mean), "repeat_mean": _round(c.repeat_mean),
            "mean_change": _round(c.mean.estimate) if c.mean else None,
            "mean_change_low": _round(c.mean.low) if c.mean else None,
            "mean_change_high": _round(c.mean.high) if c.mean else None,
            "baseline_agreeing_percent": _percent(c.baseline_share),
            "repeat_agreeing_percent": _percent(c.repeat_share),
            "agreeing_change_points": _percent(c.share.estimate) if c.share else None,
            "agreeing_change_low": _percent(c.share.low) if c.share else None,
            "agreeing_change_high": _percent(c.share.high) if c.share else None,
            "note": c.note})
    return rows


def free_text(survey: Survey) -> tuple[bool, list[tuple[SurveyItem, list[str]]]]:
    """(shown, [(question, answers)]): over the whole survey only, and only when it has
    at least 10 responses. Answers are in the responses' random key order. Only for a
    closed survey (``ResultsNotPublished``)."""
    _require_published(survey)
    if response_count(survey) < st.THRESHOLD:
        return False, []
    questions = list(survey.items.filter(kind=ItemKind.FREE_TEXT).order_by("position"))
    comments = list(survey.responses.order_by("id").values_list("comments", flat=True))
    return True, [(q, [c[str(q.pk)] for c in comments if c.get(str(q.pk))])
                  for q in questions]


__all__ = ["BREAKDOWNS", "CHANGE_COLUMNS", "FEWER_LABEL", "OVERALL",
           "RESULT_COLUMNS", "SECONDARY_LABEL", "ResultsNotPublished", "change", "change_rows",
           "free_text",
           "has_responded", "may_organise", "open_surveys", "published", "result_rows", "results",
           "statements", "surveys_for", "visible_survey"]
