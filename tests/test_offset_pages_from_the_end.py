"""Pages in the second half of a list are found from its end (issue 13): the same rows
as an ``OFFSET`` from the start, for every page size, with ties broken by the id."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.access.roles import Role
from cadre.core.api_pagination import OffsetByIdsPaginator, _total_order
from cadre.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd(org_a):  # noqa: ANN001, ANN201
    for index in range(23):  # repeated names: only the id orders them
        PersonFactory(organisation=org_a, last_name=f"Name{index % 3}",
                      first_name="Same" if index % 2 else "Other")


def test_every_page_matches_the_slice(crowd) -> None:  # noqa: ANN001
    people = Person.objects.order_by("last_name", "first_name", "id")
    expected = list(people.values_list("pk", flat=True))
    for size in (1, 4, 5, 7, 22, 23, 30):
        for orphans in (0, 2):
            paginator = OffsetByIdsPaginator(people, size, orphans=orphans)
            seen = []
            for number in paginator.page_range:
                page = paginator.page(number)
                rows = [p.pk for p in page]
                assert rows == expected[page.start_index() - 1:page.end_index()]
                seen += rows
            assert seen == expected, (size, orphans)


def test_descending_orderings_too(crowd) -> None:  # noqa: ANN001
    people = Person.objects.order_by("-last_name", "first_name", "-id")
    expected = list(people.values_list("pk", flat=True))
    paginator = OffsetByIdsPaginator(people, 4)
    assert [p.pk for n in paginator.page_range for p in paginator.page(n)] == expected


def test_only_an_ordering_ending_in_the_id_is_walked_backwards(crowd) -> None:  # noqa: ANN001
    assert _total_order(Person.objects.order_by("last_name", "id"))
    assert _total_order(Person.objects.all())  # the model's ordering ends in the id
    assert not _total_order(Person.objects.order_by("last_name"))
    assert not _total_order(Person.objects.order_by("?"))
    people = Person.objects.order_by("last_name")  # ties: never walked backwards
    with CaptureQueriesContext(connection) as captured:
        list(OffsetByIdsPaginator(people, 5).page(5))
    assert not [q for q in captured.captured_queries if "DESC" in q["sql"]]


def test_the_api_reads_a_late_page_from_the_end(crowd, make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.CENTRAL_TEAM))
    expected = list(Person.objects.order_by("last_name", "first_name", "id")
                    .values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as captured:
        body = client.get("/api/v1/people/?page=4&page_size=6").json()
    assert [r["id"] for r in body["results"]] == expected[18:23]
    assert [q for q in captured.captured_queries if "DESC" in q["sql"]]
    seen = [r["id"] for n in range(1, 5)
            for r in client.get(f"/api/v1/people/?page={n}&page_size=6").json()["results"]]
    assert seen == expected
