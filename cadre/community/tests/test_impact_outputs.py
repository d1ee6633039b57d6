"""The impact page, its downloads, the API and the command line: the same figures, the
method in words, small groups suppressed, bad input named."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from cadre.access.roles import Role
from cadre.community.models import Registration
from cadre.community.selectors import impact as sel
from cadre.community.tests.impact_fixtures import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(make_account):  # noqa: ANN001, ANN201
    return make_account(Role.ANALYST)


def test_page_shows_figures_and_method(analyst, web_client) -> None:  # noqa: ANN001
    world = build_world()
    response = web_client(analyst).get(f"/community/impact/?year={world.year}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "This shows an association, not a cause" in page
    assert "How this was worked out" in page
    assert "weighted to the" in page and "left out" in page
    assert "+1.00" in page  # capability: participants +1 against 0
    assert "28.6%" in page and "12.5%" in page  # progression 2/7 against 1/8
    assert "Strata with nobody to compare: 1 (fewer than 5 participants)" in page
    assert "cause" not in page.replace("not a cause", "").replace("caused it", "")
    assert f'<option value="{world.year}" selected' in page


def test_small_groups_are_not_shown_on_the_page(analyst, web_client) -> None:  # noqa: ANN001
    world = build_world()
    Registration.objects.filter(person=world.participants[0]).delete()
    page = web_client(analyst).get(f"/community/impact/?year={world.year}").content.decode()
    table = page.split('id="impact-events"')[1].split("</table>")[0]
    assert "Not shown: fewer than 5 people in a group" in table
    assert "fewer than 5" in table and "%</td>" not in table


@pytest.mark.parametrize("value", ["abc", "1999", "3000"])
def test_bad_year_on_the_page_is_named(analyst, web_client, value: str) -> None:  # noqa: ANN001
    build_world()
    response = web_client(analyst).get(f"/community/impact/?year={value}")
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and "#year" in page


def test_downloads(analyst, web_client) -> None:  # noqa: ANN001
    world = build_world()
    client = web_client(analyst)
    response = client.get(f"/community/impact/download/?year={world.year}&format=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    # overall, communities, events (and mentoring) x capability, progression
    assert len(rows) == 2 * (3 + sel.mentoring_counted())
    overall = next(r for r in rows if r["kind"] == "overall" and r["outcome"] == "capability")
    assert overall["participants"] == "6" and overall["difference"] == "1.0"
    for fmt in ("xlsx", "ods"):
        assert client.get(f"/community/impact/download/?year={world.year}&format={fmt}"
                          ).status_code == 200
    assert client.get("/community/impact/download/?format=pdf").status_code == 404
    assert client.get("/community/impact/download/?year=abc").status_code == 404


def test_api(analyst, api_client) -> None:  # noqa: ANN001
    world = build_world()
    api = api_client(analyst)
    data = api.get(f"/api/v1/community/impact/?year={world.year}").json()
    assert data["year"] == world.year and data["association_not_cause"] is True
    assert any("association, not a cause" in line for line in data["method"])
    row = next(r for r in data["results"]
               if r["kind"] == "overall" and r["outcome"] == "progression")
    assert row["participants"] == "7" and row["comparison"] == "8"
    assert row["participants_dropped"] == "fewer than 5"
    assert row["ci_low"] < row["difference"] < row["ci_high"]
    response = api.get("/api/v1/community/impact/?year=abc")
    assert response.status_code == 400
    assert "year" in json.dumps(response.json())


def test_command_line() -> None:
    world = build_world()
    out = io.StringIO()
    call_command("community_impact", "--year", str(world.year), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["year"] == world.year and len(data["rows"]) == 2 * (3 + sel.mentoring_counted())
    assert any("association, not a cause" in line for line in data["method"])
    out = io.StringIO()
    call_command("community_impact", "--year", str(world.year), "--format", "csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["kind"] for r in rows} == {"overall", "communities", "events"} | (
        {"mentoring"} if len(rows) == 8 else set())
    with pytest.raises(CommandError, match="year"):
        call_command("community_impact", "--year", "19x9", stdout=io.StringIO())
