"""The people API's per-request work (issue 13, concurrent clients): fixed query counts,
pages far into the list read by ids first, the ETag read with the record, and updates
that check only what they change, with every rule still enforced."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.access.roles import Role
from cadre.core.api_pagination import OffsetByIdsPaginator, _ids_first
from cadre.core.versions import record_version, with_history_version
from cadre.people import services
from cadre.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _queries(client, method: str, url: str, **kwargs: object) -> tuple[object, list[str]]:  # noqa: ANN001
    client.get("/api/v1/organisations/")  # the token's last use is written at most once
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, **kwargs)
    return response, [q["sql"] for q in captured.captured_queries]


def test_every_page_is_the_same_rows_as_an_offset(org_a, make_account, api_client) -> None:  # noqa: ANN001
    for index in range(23):  # repeated names: the id breaks the ties
        PersonFactory(organisation=org_a, last_name=f"Name{index % 4}", first_name="Same")
    client = api_client(make_account(Role.CENTRAL_TEAM))
    expected = list(Person.objects.order_by("last_name", "first_name", "id")
                    .values_list("pk", flat=True))
    seen = []
    for page in range(1, 6):
        body = client.get(f"/api/v1/people/?page={page}&page_size=5").json()
        assert body["count"] == 23
        seen += [row["id"] for row in body["results"]]
    assert seen == expected
    # the rows come with their related names, as on the first page
    row = client.get("/api/v1/people/?page=2&page_size=5").json()["results"][0]
    assert row["organisation"] == "DA"


def test_a_far_page_costs_the_queries_of_the_first(org_a, make_account, api_client) -> None:  # noqa: ANN001
    PersonFactory.create_batch(30, organisation=org_a)
    client = api_client(make_account(Role.CENTRAL_TEAM))
    first, first_sql = _queries(client, "get", "/api/v1/people/?page=1&page_size=5")
    far, far_sql = _queries(client, "get", "/api/v1/people/?page=5&page_size=5")
    assert first.status_code == far.status_code == 200
    # token and account, roles, count, rows; a far page adds only the ids query
    assert len(first_sql) == 4 and len(far_sql) == 5
    ids_query = far_sql[-2]
    assert "OFFSET" in ids_query and "JOIN" not in ids_query


def test_pages_by_ids_only_for_plain_ordered_querysets(org_a) -> None:  # noqa: ANN001
    people = Person.objects.order_by("last_name", "id")
    assert _ids_first(people)
    assert not _ids_first(people.values("pk"))
    assert not _ids_first(people.distinct())
    assert not _ids_first(Person.objects.order_by().union(Person.objects.order_by()))
    assert not _ids_first(list(people))
    PersonFactory.create_batch(7, organisation=org_a)
    people = Person.objects.order_by("last_name", "id")
    paginator = OffsetByIdsPaginator(people, 3)
    assert [p.pk for p in paginator.page(3)] == [p.pk for p in people[6:7]]
    assert [p.pk for p in paginator.page(2)] == [p.pk for p in people[3:6]]


def test_detail_reads_record_and_version_in_one_query(people, make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.CENTRAL_TEAM))
    url = f"/api/v1/people/{people.a_staff1.pk}/"
    response, sql = _queries(client, "get", url)
    assert response.status_code == 200
    assert len(sql) == 3  # token and account, roles, the person with its latest history id
    assert response["ETag"] == f'"{record_version(Person.objects.get(pk=people.a_staff1.pk))}"'


def test_with_history_version_matches_a_fresh_read(people) -> None:  # noqa: ANN001
    person = people.a_staff1
    services.update_person(actor=None, person=person, job_title="Changed")
    annotated = with_history_version(Person.objects.all()).get(pk=person.pk)
    fresh = Person.objects.get(pk=person.pk)
    assert record_version(annotated, latest_history=annotated._cadre_latest_history_id) \
        == record_version(fresh)


def test_an_update_checks_what_it_changes_in_fewer_queries(people, org_a, make_account,
                                                          api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    url = f"/api/v1/people/{people.a_staff1.pk}/"
    response, sql = _queries(client, "patch", url, data={"job_title": "Analyst"},
                             format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["organisation"] == "DA"
    assert response["ETag"] == client.get(url)["ETag"]
    # No walk up the line-management chain and no existence query for each unchanged
    # related record: a job title change reads no other person and no grade or location.
    assert not [q for q in sql if f'"people_person"."id" = {people.a_manager.pk}' in q]
    assert not [q for q in sql if 'FROM "organisations_grade"' in q and "SELECT 1" in q]
    assert len(sql) <= 20


def test_an_update_still_enforces_every_rule(people, org_a, make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    url = f"/api/v1/people/{people.a_staff1.pk}/"
    taken = client.patch(url, {"staff_number": people.a_staff2.staff_number}, format="json")
    assert taken.status_code == 400  # organisation and staff number together are unique
    assert "staff number" in str(taken.json()).lower()
    loop = client.patch(f"/api/v1/people/{people.a_head.pk}/",
                        {"line_manager": people.a_staff1.pk}, format="json")
    assert loop.status_code == 400 and loop.json()["errors"][0]["field"] == "line_manager"
    own = client.patch(url, {"line_manager": people.a_staff1.pk}, format="json")
    assert own.status_code == 400
    other_org = client.patch(f"/api/v1/people/{people.b_staff.pk}/", {"job_title": "X"},
                             format="json")
    assert other_org.status_code == 404
    assert Person.objects.get(pk=people.a_staff1.pk).staff_number == "A3"


def test_a_person_may_still_edit_their_own_record_only(people, make_account,
                                                       api_client) -> None:  # noqa: ANN001
    user = make_account(person=people.a_staff1)
    client = api_client(user)
    mine = client.patch(f"/api/v1/people/{people.a_staff1.pk}/", {"first_name": "Me"},
                        format="json")
    assert mine.status_code == 200, mine.json()
    refused = client.patch(f"/api/v1/people/{people.a_staff1.pk}/", {"job_title": "Boss"},
                           format="json")
    assert refused.status_code == 403
    colleague = client.patch(f"/api/v1/people/{people.a_staff2.pk}/", {"first_name": "X"},
                             format="json")
    assert colleague.status_code in (403, 404)
