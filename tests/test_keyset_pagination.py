"""Keyset pagination (``?cursor=``, cadre/core/api_pagination.py, ADR 28): every row once,
in the list's order, while rows are being added; tampered cursors are a 400 naming
``cursor``; the schema documents the parameter."""

from __future__ import annotations

import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.api_pagination import CURSOR_PARAM, keyset_for
from cadre.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _walk(client, url: str, *, between=None) -> tuple[list[dict], int]:  # noqa: ANN001
    """Follow ``next`` links from ``url``; returns every row seen and the pages read."""
    rows: list[dict] = []
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        rows.extend(body["results"])
        pages += 1
        if between:
            between(pages)
        url = body["next"]
    return rows, pages


def _people_order(rows: list[dict]) -> list[tuple[str, str, int]]:
    return [(r["last_name"], r["first_name"], r["id"]) for r in rows]


def test_cursor_walk_returns_every_person_once_in_order_under_inserts(
        org_a, make_account, api_client) -> None:  # noqa: ANN001
    PersonFactory.create_batch(57, organisation=org_a)
    client = api_client(make_account(Role.CENTRAL_TEAM))
    before = set(Person.objects.values_list("pk", flat=True))
    added: list[int] = []

    def insert(page: int) -> None:
        # Rows that sort before everything already shown, after everything, and in the
        # middle of what is still to come.
        for last in ("Aaaa", "Zzzz", f"Last{page}5"):
            added.append(PersonFactory(organisation=org_a, last_name=last).pk)

    rows, pages = _walk(client, "/api/v1/people/?cursor=&page_size=10", between=insert)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "a row was returned twice"
    assert before <= set(ids), "a row there throughout was skipped"
    assert _people_order(rows) == sorted(_people_order(rows))
    assert pages >= 6


@pytest.mark.django_db(transaction=True)
def test_cursor_walk_under_concurrent_writer(org_a, make_account, api_client) -> None:  # noqa: ANN001
    """A second connection inserting all the while (a real thread, its own transactions).

    PostgreSQL only: SQLite's shared in-memory test database locks whole tables."""
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database cannot take a concurrent writer")
    PersonFactory.create_batch(40, organisation=org_a)
    client = api_client(make_account(Role.CENTRAL_TEAM))
    before = set(Person.objects.values_list("pk", flat=True))
    stop = threading.Event()

    def writer() -> None:
        n = 0
        try:
            while not stop.is_set() and n < 200:
                PersonFactory(organisation=org_a, last_name=f"Last{n % 50:02d}x")
                n += 1
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        rows, _ = _walk(client, "/api/v1/people/?cursor=&page_size=7")
    finally:
        stop.set()
        thread.join()
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert before <= set(ids)
    assert _people_order(rows) == sorted(_people_order(rows))


def test_previous_links_walk_back_to_the_start(org_a, make_account, api_client) -> None:  # noqa: ANN001
    PersonFactory.create_batch(23, organisation=org_a)
    client = api_client(make_account(Role.CENTRAL_TEAM))
    forward, _ = _walk(client, "/api/v1/people/?cursor=&page_size=5")
    # From the last page back through ``previous``.
    url = "/api/v1/people/?cursor=&page_size=5"
    while True:
        body = client.get(url).json()
        if not body["next"]:
            break
        url = body["next"]
    backward: list[dict] = []
    while url:
        body = client.get(url).json()
        backward[:0] = body["results"]
        url = body["previous"]
    assert [r["id"] for r in backward] == [r["id"] for r in forward]
    assert body["count"] == Person.objects.count()


def test_descending_list_audit_events(make_account, api_client) -> None:  # noqa: ANN001
    admin = make_account(Role.ADMINISTRATOR)
    for n in range(30):
        AuditEvent.objects.create(action=AuditEvent.Action.RECORD_CREATED, summary=f"event {n}")
    client = api_client(admin)
    rows, _ = _walk(client, "/api/v1/audit-events/?cursor=&page_size=8")
    keys = [(r["occurred_at"], r["id"]) for r in rows]
    assert keys == sorted(keys, reverse=True)
    assert len(rows) == AuditEvent.objects.count() == len({r["id"] for r in rows})


@pytest.mark.parametrize("bad", ["nonsense", "eyJrIjpbMV19:abc:def", "a" * 400, "%00"])
def test_bad_cursor_is_a_400_naming_cursor(bad, make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.CENTRAL_TEAM))
    response = client.get("/api/v1/people/", {"cursor": bad})
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["cursor"]


def test_a_cursor_from_another_list_or_altered_is_refused(org_a, make_account, api_client) -> None:  # noqa: ANN001
    PersonFactory.create_batch(3, organisation=org_a)
    client = api_client(make_account(Role.ADMINISTRATOR))
    for n in range(3):
        AuditEvent.objects.create(action=AuditEvent.Action.RECORD_CREATED, summary=f"event {n}")
    people = client.get("/api/v1/people/?cursor=&page_size=1").json()
    token = parse_qs(urlsplit(people["next"]).query)[CURSOR_PARAM][0]
    other = client.get("/api/v1/audit-events/", {"cursor": token})
    assert other.status_code == 400
    altered = client.get("/api/v1/people/", {"cursor": token[:-2] + "xx"})
    assert altered.status_code == 400
    assert client.get("/api/v1/people/", {"cursor": token}).status_code == 200


def test_keyset_is_the_list_ordering_plus_id() -> None:
    keys = keyset_for(Person.objects.order_by("last_name", "first_name", "id"))
    assert [(k.path, k.descending) for k in keys] == [
        ("last_name", False), ("first_name", False), ("id", False)]
    audit = keyset_for(AuditEvent.objects.all())
    assert [(k.path, k.descending) for k in audit] == [("occurred_at", True), ("id", True)]
    # A relation orders by its id; a nullable field falls back to the id alone.
    assert [k.path for k in keyset_for(Person.objects.order_by("organisation"))] == [
        "organisation_id", "id"]
    assert [k.path for k in keyset_for(Person.objects.order_by("grade"))] == ["id"]


def test_schema_documents_the_cursor_parameter(make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.PROFESSIONAL))
    schema = client.get("/api/v1/schema/?format=json").json()
    for path in ("/api/v1/people/", "/api/v1/audit-events/"):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert parameters["cursor"]["in"] == "query"
        assert "page" in parameters
        assert "400" in schema["paths"][path]["get"]["responses"]


def test_every_list_walks_by_cursor(make_account, api_client) -> None:  # noqa: ANN001
    """Each list the schema gives a ``cursor`` answers its first page and the next one
    by cursor (the demo data, an administrator and a central team member)."""
    from io import StringIO

    from django.core.management import call_command

    call_command("load_defaults", stdout=StringIO())
    call_command("demo_load", stdout=StringIO())
    from cadre.access.services import grant_role

    user = make_account(Role.ADMINISTRATOR)
    grant_role(user=user, role=Role.CENTRAL_TEAM, actor=None)
    client = api_client(user)
    schema = client.get("/api/v1/schema/?format=json").json()
    lists = [path for path, ops in schema["paths"].items()
             if "{" not in path and "get" in ops
             and any(p["name"] == "cursor" for p in ops["get"].get("parameters", []))]
    assert "/api/v1/people/" in lists and len(lists) > 10
    walked = 0
    for path in lists:
        first = client.get(path, {"cursor": "", "page_size": 1})
        if first.status_code in (400, 403):  # a required filter, or a role's list
            assert "cursor" not in str(first.json()), (path, first.json())
            continue
        assert first.status_code == 200, (path, first.status_code, first.content[:300])
        body = first.json()
        if body["next"]:
            following = client.get(body["next"])
            assert following.status_code == 200, (path, following.content[:300])
            assert following.json()["previous"], path
            walked += 1
    assert walked >= 3


def test_a_cursor_page_seeks_rather_than_skips(org_a, make_account, api_client) -> None:  # noqa: ANN001
    """A page by cursor is a WHERE on the key with a LIMIT: no OFFSET, however far in."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    PersonFactory.create_batch(12, organisation=org_a)
    client = api_client(make_account(Role.CENTRAL_TEAM))
    body = client.get("/api/v1/people/?cursor=&page_size=5").json()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(body["next"]).status_code == 200
    page = [q["sql"] for q in queries if "LIMIT" in q["sql"] and "people_person" in q["sql"]]
    assert page and not any("OFFSET" in sql for sql in page), page
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/people/?page=2&page_size=5")
    assert any("OFFSET" in q["sql"] for q in queries)  # what the cursor avoids
