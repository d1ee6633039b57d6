"""Pages render for the roles that may use them, and forms show GOV.UK errors."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.people.models import Person

pytestmark = pytest.mark.django_db


def test_every_page_renders_for_an_administrator(people, org_a, make_account, web_client) -> None:  # noqa: ANN001
    admin = make_account(Role.ADMINISTRATOR)
    client = web_client(admin)
    for url in ("/", "/organisations/", f"/organisations/{org_a.pk}/", "/organisations/new/",
                f"/organisations/{org_a.pk}/edit/", "/organisations/import/", "/people/",
                f"/people/{people.a_staff1.pk}/", f"/people/{people.a_staff1.pk}/edit/",
                "/people/new/", f"/people/new/?organisation={org_a.pk}", "/people/import/",
                "/people/statistics/", "/accounts/", "/accounts/new/",
                f"/accounts/{admin.pk}/", "/audit/", "/api/v1/docs/", "/api/v1/schema/",
                "/people/?q=Astaff&grade=&employment_type=permanent&page=2"):
        response = client.get(url)
        assert response.status_code == 200, url


def test_person_edit_shows_errors_then_saves(people, org_a, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    url = f"/people/{people.a_head.pk}/edit/"
    form = {"staff_number": "A1", "first_name": "", "last_name": "Ahead",
            "employment_type": "permanent", "line_manager": people.a_staff1.pk}
    response = client.post(url, form)
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "govuk-input--error" in page
    form["first_name"] = "Alex"
    response = client.post(url, form)
    assert "loop" in response.content.decode()  # a_staff1 is below a_head
    form["line_manager"] = ""
    assert client.post(url, form).status_code == 302
    assert Person.objects.get(pk=people.a_head.pk).first_name == "Alex"


def test_administrator_grants_and_revokes_a_role(org_a, make_account, web_client) -> None:  # noqa: ANN001
    from cadre.access.models import RoleAssignment
    from cadre.access.scope import scope_for

    client = web_client(make_account(Role.ADMINISTRATOR))
    target = make_account()
    response = client.post(f"/accounts/{target.pk}/", {"role": Role.HEAD_OF_PROFESSION})
    assert "needs an organisation" in response.content.decode()
    client.post(f"/accounts/{target.pk}/", {"role": Role.HEAD_OF_PROFESSION,
                                            "organisation": org_a.pk})
    assignment = RoleAssignment.objects.get(user=target)
    client.post(f"/roles/{assignment.pk}/revoke/")
    target.refresh_from_db()
    assert not scope_for(target).roles


def test_navigation_follows_the_permission_map(make_account, web_client) -> None:  # noqa: ANN001
    page = web_client(make_account(Role.ANALYST)).get("/").content.decode()
    assert "/people/statistics/" in page
    assert 'href="/people/"' not in page and 'href="/audit/"' not in page


def test_administrator_deactivates_an_account(make_account, web_client) -> None:  # noqa: ANN001
    admin = make_account(Role.ADMINISTRATOR)
    target = make_account(Role.CENTRAL_TEAM)
    client = web_client(admin)
    client.post(f"/accounts/{target.pk}/active/", {"active": "0"})
    target.refresh_from_db()
    assert not target.is_active
    client.post(f"/accounts/{admin.pk}/active/", {"active": "0"})
    admin.refresh_from_db()
    assert admin.is_active
