"""The outcomes page, its CSV download, the API and the command line: what each shows,
bad input named by field, the hub link, and queries that do not grow with campaigns."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.recruitment.tests.outcomes_fixtures import world  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/recruitment/outcomes/"


@pytest.fixture
def analyst(world, make_account, web_client):  # noqa: ANN001, ANN201, F811
    return web_client(make_account(Role.ANALYST))


def test_the_url_names(world) -> None:  # noqa: ANN001, F811
    assert reverse("recruitment:outcomes") == URL
    assert reverse("api:recruitment-outcomes") == "/api/v1/recruitment/outcomes/"


def test_the_page_shows_the_tables_with_captions_and_words(analyst) -> None:  # noqa: ANN001
    response = analyst.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for caption in ("Appointments and time to hire by organisation",
                    "Appointable candidates per campaign by organisation",
                    "Senior posts filled from inside government by quarter"):
        assert f"{caption}" in html
    assert html.count("<caption") == 3
    assert "Department A" in html and "Department B" in html and "All organisations" in html
    assert "fewer than 5" in html and "[c]" in html and "2025 Q1" in html
    assert "Secret Candidate" not in html and "secret1@" not in html
    # names, not abbreviations, in the tables (only the tables: a random token in the page,
    # such as the CSRF token, may hold the letters "DA")
    tables = "".join(re.findall(r"<table.*?</table>", html, flags=re.S))
    assert tables and not re.search(r"\bDA\b", tables)
    assert "format=csv" in html


def test_the_page_filters_and_names_bad_fields(analyst) -> None:  # noqa: ANN001
    response = analyst.get(URL, {"organisation": "DB", "from": "2025-01-01",
                                 "to": "2025-12-31"})
    html = response.content.decode()
    assert response.status_code == 200 and "Department A</th>" not in html
    response = analyst.get(URL, {"organisation": "NOPE", "from": "31/12/2025",
                                 "to": "2025-12-31"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#organisation"' in html and 'href="#from"' in html
    assert "No organisation has the abbreviation NOPE" in html
    assert analyst.get(URL, {"to": "2025\x00"}).status_code == 400
    assert analyst.get(URL, {"format": "xlsx"}).status_code == 400


def test_the_csv_download_is_audited_and_suppressed(analyst) -> None:  # noqa: ANN001
    response = analyst.get(URL, {"format": "csv", "organisation": "DA"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["name"] for r in rows][:2] == ["Department A", "All organisations"]
    assert rows[0]["external"] == "fewer than 5" and rows[0]["median_days"] == "50.0"
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).latest("pk")
    assert event.data["what"] == "recruitment_outcomes"
    assert event.data["organisation"] == "DA"


def test_the_api(world, make_account, api_client) -> None:  # noqa: ANN001, F811
    client = api_client(make_account(Role.CENTRAL_TEAM))
    response = client.get("/api/v1/recruitment/outcomes/", {"from": "2025-01-01"})
    assert response.status_code == 200
    body = response.json()
    assert body["from"] == "2025-01-01" and body["threshold"] == 5
    assert body["senior_seniority"] == 10
    a, b = body["organisations"]
    assert a["organisation"] == "Department A" and a["external"] == "fewer than 5"
    assert a["median_days"] == 50.0 and b["median_days"] is None
    assert body["total"]["appointments"] == 11
    assert [q["quarter"] for q in body["quarters"]] == ["2025 Q1", "2025 Q2"]
    bad = client.get("/api/v1/recruitment/outcomes/", {"organisation": "NOPE", "to": "x"})
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} == {"organisation", "to"}


def test_the_command_line(world, keep_connection_open) -> None:  # noqa: ANN001, F811
    out = io.StringIO()
    call_command("recruitment_outcomes", "show", "--organisation", "DA", stdout=out)
    body = json.loads(out.getvalue())
    assert [line["organisation"] for line in body["organisations"]] == ["Department A"]
    assert body["total"]["internal"] == "[c]"
    out = io.StringIO()
    call_command("recruitment_outcomes", "show", "--csv", "--from", "2025-01-01",
                 "--to", "2025-12-31", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[1]["appointments"] == "fewer than 5"
    with pytest.raises(CommandError, match="from: Give a date"):
        call_command("recruitment_outcomes", "show", "--from", "soon", stdout=io.StringIO())
    with pytest.raises(CommandError, match="organisation: No organisation"):
        call_command("recruitment_outcomes", "show", "--organisation", "NOPE",
                     stdout=io.StringIO())


def _queries(client, url: str) -> int:  # noqa: ANN001
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_campaigns(world, make_account, web_client, api_client,  # noqa: ANN001, F811
                                            django_assert_max_num_queries) -> None:
    user = make_account(Role.ANALYST)
    web, api = web_client(user), api_client(user)
    pages = (URL, f"{URL}?format=csv", "/api/v1/recruitment/outcomes/")
    small = [_queries(web if "api" not in u else api, u) for u in pages]
    for i in range(30):
        org = (world.a, world.b, world.c)[i % 3]
        world.maker.appoint(org, 5 + i, internal=i % 2 == 0,
                            grade=world.maker.scs if i % 4 == 0 else None)
        campaign = world.maker.campaign(org)
        world.maker.application(campaign, "appointable", decided=True)
    large = [_queries(web if "api" not in u else api, u) for u in pages]
    # The API's first call also notes the token's use; neither grows with the campaigns.
    assert all(later <= first for first, later in zip(small, large, strict=True)), (small, large)
    assert large[:2] == small[:2]
    with django_assert_max_num_queries(12):
        web.get(URL)
