"""People pages and endpoints show outsiders none of the records they may not see, and let
them change none: another organisation's head of profession, a colleague with no reports and
an analyst."""

from __future__ import annotations

import io

import pytest

from cadre.access.roles import Role
from cadre.people.models import Person

pytestmark = pytest.mark.django_db

A_NAMES = ("Astaffone", "Amanager", "Ahead")


def _shows_no_one_from_a(body: str) -> bool:
    return not any(name in body for name in A_NAMES)


def test_lists_and_exports_stay_in_scope(people, org_b, make_account, web_client,
                                          api_client) -> None:  # noqa: ANN001
    b_hop = make_account(Role.HEAD_OF_PROFESSION, org_b)
    colleague = make_account(person=people.a_staff2)
    for account in (b_hop, colleague):
        assert _shows_no_one_from_a(web_client(account).get("/people/").content.decode())
        export = web_client(account).get("/people/export/?format=csv").content.decode()
        assert _shows_no_one_from_a(export)
        listing = api_client(account).get("/api/v1/people/").json()["results"]
        assert _shows_no_one_from_a(str(listing))
    assert "Bstaff" in web_client(b_hop).get("/people/").content.decode()
    analyst = make_account(Role.ANALYST)
    for url in ("/people/", "/people/export/?format=csv", "/api/v1/people/"):
        client = api_client(analyst) if url.startswith("/api/") else web_client(analyst)
        assert client.get(url).status_code == 403


def test_a_record_out_of_scope_is_not_found_and_not_changed(people, org_b, make_account,
                                                            web_client, api_client) -> None:  # noqa: ANN001
    target = people.a_staff1
    for account in (make_account(Role.HEAD_OF_PROFESSION, org_b),
                    make_account(person=people.a_staff2)):
        web, api = web_client(account), api_client(account)
        for url in (f"/people/{target.pk}/", f"/people/{target.pk}/edit/"):
            response = web.get(url)
            assert response.status_code == 404 and b"Astaffone" not in response.content
        assert web.post(f"/people/{target.pk}/edit/",
                        {"first_name": "Changed"}).status_code == 404
        response = api.get(f"/api/v1/people/{target.pk}/")
        assert response.status_code == 404 and "Astaffone" not in response.content.decode()
        patched = api.patch(f"/api/v1/people/{target.pk}/", {"first_name": "Changed"},
                            format="json")
        assert patched.status_code == 404
    target.refresh_from_db()
    assert target.first_name != "Changed"


def test_only_people_managers_add_or_import_people(people, org_a, org_b, make_account,
                                                  web_client, api_client) -> None:  # noqa: ANN001
    before = Person.objects.count()
    new = {"staff_number": "X9", "first_name": "New", "last_name": "Person",
           "employment_type": "permanent", "organisation_id": org_a.pk}
    for outsider in (make_account(person=people.a_staff2), make_account(Role.ANALYST)):
        web = web_client(outsider)
        for url in ("/people/new/", "/people/import/", "/people/import/confirm/"):
            assert web.get(url).status_code == 403
        assert web.post("/people/new/", new).status_code == 403
        assert web.post("/people/import/confirm/", {"token": "x"}).status_code == 403
        assert api_client(outsider).post("/api/v1/people/", {}, format="json").status_code == 403
    # Another organisation's head of profession is offered only their own organisation.
    b_web = web_client(make_account(Role.HEAD_OF_PROFESSION, org_b))
    page = b_web.post(f"/people/new/?organisation={org_a.pk}", new).content.decode()
    assert "Department B" in page and "Department A" not in page
    upload = io.BytesIO(b"staff_number,first_name,last_name\nX9,New,Person\n")
    upload.name = "people.csv"
    response = b_web.post("/people/import/", {"organisation": org_a.pk, "file": upload})
    assert response.status_code == 200 and "token" not in response.context
    assert Person.objects.count() == before


def test_statistics_are_counts_for_aggregate_roles(people, make_account, web_client) -> None:  # noqa: ANN001
    assert web_client(make_account(person=people.a_staff2)).get(
        "/people/statistics/").status_code == 403
    page = web_client(make_account(Role.ANALYST)).get("/people/statistics/")
    assert page.status_code == 200
    assert _shows_no_one_from_a(page.content.decode()) and "Bstaff" not in page.content.decode()
