"""Issue 13: headcounts are kept per organisation in the shared cache under its data stamp;
a change to anyone is seen by the next read, and an unchanged organisation is not counted
again."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.people.statistics import headcount_tables
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _total() -> int:
    return int(headcount_tables()[0].table.grand_total)


def test_a_change_is_seen_by_the_next_read(org_a, org_b) -> None:  # noqa: ANN001
    people = [PersonFactory(organisation=org_a) for _ in range(6)]
    PersonFactory(organisation=org_b)
    assert _total() == 7
    with CaptureQueriesContext(connection) as again:
        assert _total() == 7
    assert not any("COUNT" in q["sql"] for q in again.captured_queries)  # from the cache
    PersonFactory(organisation=org_b)
    assert _total() == 8
    people[0].employment_type = "contractor"
    people[0].save()
    tables = headcount_tables()
    assert int(tables[0].table.grand_total) == 8
    people[1].delete()
    assert _total() == 7


def test_only_changed_organisations_are_counted_again(org_a, org_b) -> None:  # noqa: ANN001
    for _ in range(3):
        PersonFactory(organisation=org_a)
        PersonFactory(organisation=org_b)
    headcount_tables()
    PersonFactory(organisation=org_b)
    with CaptureQueriesContext(connection) as captured:
        assert _total() == 7
    counting = [q["sql"] for q in captured.captured_queries if "COUNT" in q["sql"]]
    assert len(counting) == 1
    assert f'"organisation_id" IN ({org_b.pk})' in counting[0]
