# ruff: noqa: F811 - pytest fixtures imported from surveys_fixtures are named as arguments
"""Who may open each survey page and endpoint, and that no page, export or API answer
shows a result from fewer than 10 responses.

Survey organisers (central team, administrators) write, open and close surveys; anyone
with a person record answers an open one; results for COMMUNITY_FIGURES (heads of
profession, analysts, central team, administrators); the list for anyone signed in, with
drafts only for organisers."""

from __future__ import annotations

import csv
import io
import random
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from cadre.community import survey_stats as st
from cadre.community.selectors import surveys as sel
from cadre.community.services import surveys as services
from cadre.community.tests.surveys_fixtures import (  # noqa: F401
    CLI,
    answer,
    answered_baseline,
    make_survey,
    survey_world,
)

pytestmark = pytest.mark.django_db

ORGANISER_PAGES = ("community:survey", "community:survey-edit", "community:survey-item-add")
FIGURE_PAGES = ("community:survey-results", "community:survey-change")
FIGURE_API = ("api:community-survey-results", "api:community-survey-change")


@pytest.fixture
def surveys(answered_baseline, survey_world) -> dict:  # noqa: ANN001
    repeat = make_survey("Repeat 2027", baseline=answered_baseline)
    services.open_survey(actor=CLI, survey_id=repeat.pk)
    rng = random.Random(6)
    for person in survey_world.people[10:]:  # 31 responses; DA 15, DB 12, DC 4
        answer(repeat, person, rng, shift=1, comment="A comment on the repeat")
    draft = make_survey("Draft survey")
    return {"baseline": answered_baseline, "repeat": repeat, "draft": draft}


def _url(name: str, survey) -> str:  # noqa: ANN001
    return reverse(name, args=[survey.pk])


def test_signed_out_sees_nothing(surveys) -> None:  # noqa: ANN001
    repeat = surveys["repeat"]
    pages = [reverse("community:surveys"), reverse("community:survey-create")] + [
        _url(n, repeat) for n in (*ORGANISER_PAGES, *FIGURE_PAGES, "community:survey-respond")]
    for url in pages:
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], url
    for name in ("community:survey-open", "community:survey-close"):
        assert Client().post(_url(name, repeat)).status_code == 302
    api = [reverse("api:community-survey-list")] + [
        _url(n, repeat) for n in ("api:community-survey-detail", *FIGURE_API)]
    for url in api:
        assert APIClient().get(url).status_code in (401, 403), url
    for name in ("api:community-survey-items", "api:community-survey-open",
                 "api:community-survey-close", "api:community-survey-responses"):
        assert APIClient().post(_url(name, repeat), {}, format="json").status_code in (401, 403)


def test_a_member_answers_but_sees_no_results_and_no_drafts(surveys, survey_world,
                                                            web_client, api_client) -> None:  # noqa: ANN001
    person = survey_world.people[0]  # answered the baseline, not the repeat
    web, api = web_client(person.account), api_client(person.account)
    repeat, draft = surveys["repeat"], surveys["draft"]
    listing = web.get(reverse("community:surveys"))
    assert listing.status_code == 200 and b"Draft survey" not in listing.content
    assert b"Repeat 2027" in listing.content
    assert web.get(_url("community:survey-respond", repeat)).status_code == 200
    assert web.get(_url("community:survey-respond", draft)).status_code == 404
    for name in (*ORGANISER_PAGES, *FIGURE_PAGES):
        assert web.get(_url(name, repeat)).status_code == 403, name
    assert web.get(reverse("community:survey-create")).status_code == 403
    for name in ("community:survey-open", "community:survey-close"):
        assert web.post(_url(name, draft)).status_code == 403
    item = draft.items.first()
    assert web.post(reverse("community:survey-item-remove", args=[draft.pk, item.pk])
                    ).status_code == 403
    assert [s["title"] for s in api.get(reverse("api:community-survey-list")).json()
            ] == ["Repeat 2027", "Baseline 2026"]
    assert api.get(_url("api:community-survey-detail", draft)).status_code == 404
    assert api.get(_url("api:community-survey-detail", repeat)).status_code == 200
    for name in FIGURE_API:
        assert api.get(_url(name, repeat)).status_code == 403
    assert api.post(reverse("api:community-survey-list"), {"title": "X"},
                    format="json").status_code == 403
    assert api.patch(_url("api:community-survey-detail", repeat), {"title": "X"},
                     format="json").status_code == 403
    for name in ("api:community-survey-items", "api:community-survey-open",
                 "api:community-survey-close"):
        assert api.post(_url(name, draft), {}, format="json").status_code == 403


@pytest.mark.parametrize("role", ["analyst", "head_of_profession"])
def test_figures_roles_see_results_but_do_not_organise(surveys, make_account, web_client,
                                                       api_client, survey_world, role) -> None:  # noqa: ANN001
    user = make_account(role, survey_world.orgs["DA"] if role == "head_of_profession" else None)
    web, api = web_client(user), api_client(user)
    repeat = surveys["repeat"]
    for name in FIGURE_PAGES:  # nothing while the survey is open
        assert web.get(_url(name, repeat)).status_code == 409, name
    for name in FIGURE_API:
        assert api.get(_url(name, repeat)).status_code == 409, name
    services.close_survey(actor=CLI, survey_id=repeat.pk)
    for name in FIGURE_PAGES:
        assert web.get(_url(name, repeat)).status_code == 200, name
    for name in FIGURE_API:
        assert api.get(_url(name, repeat)).status_code == 200, name
    for name in ORGANISER_PAGES:
        assert web.get(_url(name, repeat)).status_code == 403
    # No person record: cannot answer.
    assert web.get(_url("community:survey-respond", repeat)).status_code == 403
    assert api.post(_url("api:community-survey-responses", repeat), {"scores": {}},
                    format="json").status_code == 403


def test_organisers_run_surveys(surveys, make_account, web_client, api_client) -> None:  # noqa: ANN001
    user = make_account("central_team")
    web, api = web_client(user), api_client(user)
    draft = surveys["draft"]
    listing = web.get(reverse("community:surveys"))
    assert b"Draft survey" in listing.content
    for name in (*ORGANISER_PAGES,):
        assert web.get(_url(name, draft)).status_code == 200, name
    assert web.get(reverse("community:survey-create")).status_code == 200
    detail = api.get(_url("api:community-survey-detail", draft))
    assert detail.status_code == 200 and detail["ETag"]
    added = api.post(_url("api:community-survey-items", draft),
                     {"kind": "statement", "text": "I would recommend the profession"},
                     format="json")
    assert added.status_code == 201
    assert api.post(_url("api:community-survey-open", draft)).status_code == 200
    assert api.post(_url("api:community-survey-open", draft)).status_code == 409
    assert web.post(_url("community:survey-close", draft)).status_code == 302
    item = surveys["baseline"].items.first()
    assert web.post(reverse("community:survey-item-remove",
                            args=[surveys["baseline"].pk, item.pk])).status_code == 409


def _assert_no_small_figures(rows: list[dict]) -> None:
    assert rows
    for row in rows:
        figures = [row.get(k) for k in ("mean", "share_agreeing_percent", "mean_change",
                                         "agreeing_change_points")]
        counts = [row.get(k) for k in ("responses", "baseline_responses", "repeat_responses")]
        if row["note"]:
            assert all(v in (None, "") for v in figures + counts), row
        else:
            assert all(int(c) >= st.THRESHOLD for c in counts if c not in (None, "")), row


def test_no_page_export_or_api_shows_a_figure_from_fewer_than_ten(
        surveys, make_account, web_client, api_client, capsys) -> None:  # noqa: ANN001
    user = make_account("analyst")
    web, api = web_client(user), api_client(user)
    services.close_survey(actor=CLI, survey_id=surveys["repeat"].pk)
    surveys["repeat"].refresh_from_db()
    for survey in (surveys["baseline"], surveys["repeat"]):
        page = web.get(_url("community:survey-results", survey)).content.decode()
        assert sel.FEWER_LABEL in page and sel.SECONDARY_LABEL in page
        found = sel.results(survey)
        for _, _, groups in found.breakdowns:
            for group in groups:
                if group.hidden:  # the hidden row shows the label, never a number
                    row = page.split(f">{group.name}</th>")[1].split("</tr>")[0]
                    assert group.note in row
                    words = re.sub(r"<[^>]+>", "", row).replace(group.note, "")
                    assert not any(ch.isdigit() for ch in words)
        exported = web.get(_url("community:survey-results", survey) + "?format=csv")
        rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
        _assert_no_small_figures(rows)
        book = web.get(_url("community:survey-results", survey) + "?format=xlsx")
        sheet = load_workbook(io.BytesIO(book.content)).active
        header, *values = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert len(values) == len(rows)
        _assert_no_small_figures([dict(zip(header, v, strict=True)) for v in values])
        ods = web.get(_url("community:survey-results", survey) + "?format=ods")
        assert ods.status_code == 200 and ods.content[:2] == b"PK"
        _assert_no_small_figures(api.get(_url("api:community-survey-results", survey)
                                         ).json()["rows"])
        call_command("community_surveys", "results", "--survey", str(survey.pk),
                     "--format", "csv")
        out = capsys.readouterr().out
        _assert_no_small_figures(list(csv.DictReader(io.StringIO(out))))
    change = api.get(_url("api:community-survey-change", surveys["repeat"])).json()["rows"]
    _assert_no_small_figures(change)
    exported = web.get(_url("community:survey-change", surveys["repeat"]) + "?format=csv")
    _assert_no_small_figures(list(csv.DictReader(io.StringIO(
        exported.content.decode("utf-8-sig")))))


def test_free_text_is_not_shown_for_a_small_survey(survey_world, make_account, web_client,
                                                   api_client) -> None:  # noqa: ANN001
    survey = make_survey("Small")
    services.open_survey(actor=CLI, survey_id=survey.pk)
    rng = random.Random(8)
    for person in survey_world.people[:9]:
        answer(survey, person, rng, comment="Only my manager and I know this")
    services.close_survey(actor=CLI, survey_id=survey.pk)
    user = make_account("central_team")
    page = web_client(user).get(_url("community:survey-results", survey))
    assert page.status_code == 200 and b"Only my manager" not in page.content
    assert b"Fewer than 10 responses" in page.content
    body = api_client(user).get(_url("api:community-survey-results", survey)).json()
    assert body["responses"] is None and body["free_text"] == []
    assert all(row["mean"] is None for row in body["rows"])
