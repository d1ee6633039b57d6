"""No lost updates on people: partial PATCH, ETag/If-Match, and real races on PostgreSQL."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.people.models import Person
from tests.races import needs_postgres, run_together

pytestmark = pytest.mark.django_db


def _url(person: Person) -> str:
    return f"/api/v1/people/{person.pk}/"


def test_get_sends_an_etag_that_changes_on_every_write(people, org_a, make_account,
                                                        api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    first = client.get(_url(people.a_staff1))
    assert first.status_code == 200 and first["ETag"].startswith('"')
    patched = client.patch(_url(people.a_staff1), {"job_title": "Tester"}, format="json",
                           HTTP_IF_MATCH=first["ETag"])
    assert patched.status_code == 200, patched.json()
    assert patched["ETag"] != first["ETag"]
    assert client.get(_url(people.a_staff1))["ETag"] == patched["ETag"]


def test_stale_if_match_is_412_in_the_error_shape(people, org_a, make_account,
                                                  api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    stale = client.get(_url(people.a_staff1))["ETag"]
    assert client.patch(_url(people.a_staff1), {"job_title": "One"}, format="json",
                        HTTP_IF_MATCH=stale).status_code == 200
    refused = client.patch(_url(people.a_staff1), {"first_name": "Two"}, format="json",
                           HTTP_IF_MATCH=stale)
    assert refused.status_code == 412
    body = refused.json()
    assert set(body) == {"detail", "errors"} and body["errors"][0]["field"] is None
    assert refused["ETag"] == client.get(_url(people.a_staff1))["ETag"]
    people.a_staff1.refresh_from_db()
    assert people.a_staff1.first_name != "Two" and people.a_staff1.job_title == "One"
    for bad in ('W/' + stale, "nonsense"):
        assert client.patch(_url(people.a_staff1), {"first_name": "Two"}, format="json",
                            HTTP_IF_MATCH=bad).status_code == 412


def test_patch_without_if_match_is_partial_and_writes_only_changes(
        people, org_a, make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    before = Person.objects.get(pk=people.a_staff1.pk)
    history = before.history.count()
    response = client.patch(_url(before), {"job_title": "Analyst"}, format="json")
    assert response.status_code == 200
    after = Person.objects.get(pk=before.pk)
    assert after.job_title == "Analyst"
    assert (after.first_name, after.last_name, after.line_manager_id, after.email) == (
        before.first_name, before.last_name, before.line_manager_id, before.email)
    assert after.history.count() == history + 1
    event = AuditEvent.objects.filter(action=AuditEvent.Action.RECORD_UPDATED).latest("id")
    assert set(event.data["changes"]) == {"job_title"}
    # Sending the same values again writes nothing.
    client.patch(_url(before), {"job_title": "Analyst"}, format="json", HTTP_IF_MATCH="*")
    assert after.history.count() == history + 1


@pytest.mark.parametrize("pk", ["99999999999999999999", "-99999999999999999999"])
def test_ids_outside_the_integer_range_are_404(pk, org_a, make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    assert client.get(f"/api/v1/people/{pk}/").status_code == 404
    assert client.patch(f"/api/v1/people/{pk}/", {"job_title": "x"},
                        format="json").status_code == 404


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_six_parallel_patches_of_different_fields_all_survive(
        people, org_a, make_account, api_client) -> None:  # noqa: ANN001
    account = make_account(Role.HEAD_OF_PROFESSION, org_a)
    person = people.a_staff1
    changes = [
        {"first_name": "Ada"}, {"last_name": "Lovelace"}, {"job_title": "Engineer"},
        {"email": "ada@example.gov.uk"}, {"start_date": "2020-01-02"},
        {"employment_type": "fixed_term"},
    ]
    for trial in range(3):
        clients = [api_client(account) for _ in changes]
        sent = [{k: f"{v}{trial}" if k in {"first_name", "last_name", "job_title"} else v
                 for k, v in change.items()} for change in changes]
        results = run_together([
            (lambda c=c, body=body: c.patch(_url(person), body, format="json"))
            for c, body in zip(clients, sent, strict=True)])
        assert [getattr(r, "status_code", r) for r in results] == [200] * len(changes)
        stored = Person.objects.get(pk=person.pk)
        for body in sent:
            for field, value in body.items():
                assert str(getattr(stored, field)) == value, (trial, field)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_patches_with_the_same_if_match_have_one_winner(
        people, org_a, make_account, api_client) -> None:  # noqa: ANN001
    account = make_account(Role.HEAD_OF_PROFESSION, org_a)
    person = people.a_staff1
    for trial in range(3):
        clients = [api_client(account), api_client(account)]
        tag = clients[0].get(_url(person))["ETag"]
        results = run_together([
            (lambda c=c, i=i, t=trial, tag=tag: c.patch(
                _url(person), {"job_title": f"T{t}-{i}"}, format="json", HTTP_IF_MATCH=tag))
            for i, c in enumerate(clients)])
        codes = sorted(getattr(r, "status_code", r) for r in results)
        assert codes == [200, 412], results
        winner = next(i for i, r in enumerate(results) if r.status_code == 200)
        assert Person.objects.get(pk=person.pk).job_title == f"T{trial}-{winner}"
        events = AuditEvent.objects.filter(action=AuditEvent.Action.RECORD_UPDATED,
                                           target_id=str(person.pk),
                                           data__changes__job_title__after=f"T{trial}-{winner}")
        assert events.count() == 1
