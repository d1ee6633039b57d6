"""Suppression everywhere: no count from 1 to 4 on the page, in the API, from the command
line or in a download; hidden values labelled truthfully ("fewer than 5" for a small count,
[c] for one withheld to protect it); pages, API and command agree."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.tabular import read_grid, read_ods_values
from cadre.learning.tests.demand_fixtures import (
    SECRET_FIRST,
    SECRET_LAST,
    build_world,
    objective,
    person_with_role,
)

pytestmark = pytest.mark.django_db
SMALL = "fewer than 5"


@pytest.fixture
def world():  # noqa: ANN201
    """A: 7 people; 2 have a design objective in January to March 2027 (hidden, small) and 5
    only the gap (withheld as [c] to protect it). B: 2 people (small)."""
    w = build_world(people_a=5, people_b=2)
    for _ in range(2):
        person = person_with_role(w.org_a, w.role_level)
        objective(person, w.design, w.levels[3], dt.date(2027, 2, 1))
    return w


def _people_values(obj) -> list:  # noqa: ANN001
    """Every value under a key starting "people" in a JSON document."""
    found = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k.startswith("people") and not isinstance(v, (dict, list)):
                found.append(v)
            else:
                found.extend(_people_values(v))
    elif isinstance(obj, list):
        for v in obj:
            found.extend(_people_values(v))
    return found


def _no_small(values) -> None:  # noqa: ANN001
    assert values
    for v in values:
        if isinstance(v, str):
            assert v in (SMALL, "[c]"), v
        else:
            assert v == 0 or v >= 5, v


def test_page_hides_and_labels(world, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.ANALYST))
    page = client.get(reverse("learning:demand")).content.decode()
    assert SMALL in page and "[c]" in page and "suppression-notice" in page
    assert "How needs are counted" in page
    assert SECRET_FIRST not in page and SECRET_LAST not in page
    # A's design row: 2 in the quarter (small), 5 with no date ([c]), 7 in all.
    api = make_account(Role.ANALYST)
    del api
    page = client.get(reverse("learning:demand"), {"organisation": world.org_a.pk}).content
    text = page.decode()
    assert "Department of Beta" not in text.split("<tbody")[1].split("whole government")[0]


def test_api_hides_and_labels(world, make_account, api_client) -> None:  # noqa: ANN001
    data = api_client(make_account(Role.LEARNING_LEAD, world.org_b)).get(
        reverse("api:learning-demand")).json()
    _no_small(_people_values(data))
    design_a = next(r for r in data["rows"] if r["organisation"] == "DALPHA"
                    and r["skill"] == "Service design")
    cells = {c["label"]: c["people"] for c in design_a["people_by_quarter"]}
    assert cells == {"January to March 2027": SMALL, "No date set": "[c]"}
    assert design_a["people_all_quarters"] == 7
    assert SECRET_FIRST not in json.dumps(data)


def test_api_filters_and_bad_input(world, make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.CENTRAL_TEAM))
    data = client.get(reverse("api:learning-demand"), {"organisation": "DBETA"}).json()
    assert {r["organisation"] for r in data["rows"]} == {"DBETA"}
    response = client.get(reverse("api:learning-demand"),
                          {"quarter_from": "2027-Q9", "organisation": "NOPE"})
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"quarter_from", "organisation"}
    response = client.get(reverse("api:learning-demand-pack"), {"lot": "x"})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "lot"
    response = client.get(reverse("api:learning-demand-pack"), {"lot": 999999})
    assert response.status_code == 404
    response = client.get(reverse("api:learning-demand-pack"),
                          {"lot": world.lot.pk, "download": "pdf"})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "download"


def test_api_pack(world, make_account, api_client) -> None:  # noqa: ANN001
    data = api_client(make_account(Role.ANALYST)).get(
        reverse("api:learning-demand-pack"), {"lot": world.lot.pk}).json()
    _no_small(_people_values(data))
    rows = {r["organisation"]: r for r in data["rows"]}
    assert rows["DBETA"]["estimate"] == "[c]"
    # An analyst sees no contracts: list price.
    assert rows["DALPHA"]["price_basis"] == "list price"
    assert rows["DALPHA"]["estimate"] == "6300.00"


def _cells(rows: list[list]) -> dict[str, list]:
    header = [str(h) for h in rows[0]]
    return {h: [r[i] if i < len(r) else "" for r in rows[1:]] for i, h in enumerate(header)}


def _check_file(columns: dict[str, list]) -> None:
    people = [c for c in columns if c in ("people", "people_all_quarters")
              or c.endswith(("2027", "No date set"))]
    assert people
    for name in people:
        for v in columns[name]:
            if v in ("", None):
                continue
            if isinstance(v, str) and not v.replace(".", "").isdigit():
                assert v in (SMALL, "[c]"), (name, v)
            else:
                assert float(v) == 0 or float(v) >= 5, (name, v)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_pack_downloads(world, fmt, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.CENTRAL_TEAM))
    response = client.get(reverse("learning:demand-pack"),
                          {"lot": world.lot.pk, "format": fmt})
    assert response.status_code == 200
    content = response.content
    assert SECRET_FIRST.encode() not in content
    if fmt == "csv":
        rows = [cells for _n, cells in read_grid(content, filename="x.csv")]
    elif fmt == "xlsx":
        rows = [list(r) for r in load_workbook(io.BytesIO(content)).active.iter_rows(
            values_only=True)]
    else:
        rows = read_ods_values(content)
    columns = _cells(rows)
    _check_file(columns)
    assert "[c]" in [str(v) for v in columns["estimate"]]
    # The central team sees the contract: the contracted price.
    assert "contracted price" in [str(v) for v in columns["price_basis"]]
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).latest("pk")
    assert event.data["format"] == fmt and event.data["what"] == "learning demand pack"


def test_pack_page(world, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.LEARNING_LEAD, world.org_a))
    page = client.get(reverse("learning:demand-pack")).content.decode()
    assert "Choose a framework lot" in page
    page = client.get(reverse("learning:demand-pack"), {"lot": world.lot.pk}).content.decode()
    assert "Design learning" in page and "[c]" in page and SMALL in page
    assert "contracted price" in page  # a learning lead of a buyer sees the contract
    assert "£4,900.00" in page  # 7 places x 700
    assert SECRET_FIRST not in page
    other = web_client(make_account(Role.LEARNING_LEAD, world.org_b))
    page = other.get(reverse("learning:demand-pack"), {"lot": world.lot.pk}).content.decode()
    assert "contracted price" not in page.split("Products for each")[0].split("<tbody")[1]
    response = client.get(reverse("learning:demand-pack"), {"lot": "nonsense"})
    assert response.status_code == 400
    response = client.get(reverse("learning:demand-pack"), {"lot": world.lot.pk,
                                                            "format": "pdf"})
    assert response.status_code == 400


def test_page_bad_filters(world, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.HEAD_OF_PROFESSION, world.org_a))
    response = client.get(reverse("learning:demand"), {"organisation": "abc",
                                                       "quarter_from": "1999-Q1"})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    ok = client.get(reverse("learning:demand"), {"family": world.family.pk,
                                                 "quarter_from": "2027-Q1",
                                                 "quarter_to": "2027-Q1"})
    assert ok.status_code == 200


def test_command_json_csv_and_files(world, tmp_path: Path) -> None:  # noqa: ANN001
    out = io.StringIO()
    call_command("learning_demand", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    _no_small(_people_values(data))
    out = io.StringIO()
    call_command("learning_demand", "--format", "csv", "--organisation", "DALPHA", stdout=out)
    rows = [cells for _n, cells in read_grid(out.getvalue().encode(), filename="x.csv")]
    columns = _cells(rows)
    _check_file(columns)
    assert set(columns["organisation"]) == {"DALPHA"}
    for fmt in ("xlsx", "ods"):
        target = tmp_path / f"pack.{fmt}"
        call_command("learning_demand", "--lot", str(world.lot.pk), "--format", fmt,
                     "--output", str(target), stdout=io.StringIO(), stderr=io.StringIO())
        assert target.stat().st_size > 0
    out = io.StringIO()
    call_command("learning_demand", "--lot", str(world.lot.pk), "--format", "json", stdout=out)
    pack = json.loads(out.getvalue())
    _no_small(_people_values(pack))
    assert {r["price_basis"] for r in pack["rows"]} == {"contracted price"}
    assert SECRET_FIRST not in out.getvalue()


@pytest.mark.parametrize("args, message", [
    (["--format", "xlsx"], "--output"),
    (["--organisation", "NOPE"], "organisation"),
    (["--lot", "0"], "lot"),
    (["--lot", "424242"], "No lot"),
    (["--from", "2027-Q3", "--to", "2027-Q1"], "quarter_to"),
])
def test_command_errors(world, args, message) -> None:  # noqa: ANN001
    with pytest.raises(CommandError) as caught:
        call_command("learning_demand", *args, stdout=io.StringIO())
    assert message in str(caught.value)


def test_page_paginates_and_links_products(world, make_account, web_client,  # noqa: ANN001
                                           monkeypatch) -> None:
    from cadre.learning.views import demand as views

    monkeypatch.setattr(views, "ROWS_PER_PAGE", 1)
    client = web_client(make_account(Role.CENTRAL_TEAM))
    first = client.get(reverse("learning:demand")).content.decode()
    assert "govuk-pagination" in first and "rows 1 to 1 of 4" in first
    pages = [client.get(reverse("learning:demand"), {"page": n}).content.decode()
             for n in (1, 2, 3, 4)]
    product = reverse("learning:product", args=[world.course.pk])
    assert any(f'href="{product}"' in page for page in pages)
    bad = client.get(reverse("learning:demand"), {"page": "abc"})
    assert bad.status_code == 400
