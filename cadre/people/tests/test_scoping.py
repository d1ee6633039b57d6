"""Who sees which people, through the pages, the API and exports."""

from __future__ import annotations

import json

import pytest

from cadre.access.roles import Role
from cadre.people.selectors import visible_people

pytestmark = pytest.mark.django_db


def _staff_numbers(qs) -> set[str]:  # noqa: ANN001
    return set(qs.values_list("staff_number", flat=True))


def test_head_of_profession_sees_only_their_organisation(people, org_a, make_account) -> None:  # noqa: ANN001
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    assert _staff_numbers(visible_people(hop)) == {"A1", "A2", "A3", "A4", "A5"}


def test_line_manager_sees_their_whole_chain_and_themselves(people, make_account) -> None:  # noqa: ANN001
    head = make_account(person=people.a_head)
    assert _staff_numbers(visible_people(head)) == {"A1", "A2", "A3", "A4", "A5"}
    manager = make_account(person=people.a_manager)
    assert _staff_numbers(visible_people(manager)) == {"A2", "A3", "A4"}


def test_professional_sees_only_themselves(people, make_account) -> None:  # noqa: ANN001
    user = make_account(Role.PROFESSIONAL, person=people.a_staff1)
    assert _staff_numbers(visible_people(user)) == {"A3"}


def test_central_team_sees_everyone(people, make_account) -> None:  # noqa: ANN001
    user = make_account(Role.CENTRAL_TEAM)
    assert len(_staff_numbers(visible_people(user))) == 7


def test_analyst_sees_no_named_record(people, make_account) -> None:  # noqa: ANN001
    assert not visible_people(make_account(Role.ANALYST)).exists()


def test_role_outside_its_dates_gives_nothing(people, org_a, make_account) -> None:  # noqa: ANN001
    import datetime as dt

    from cadre.access.services import get_or_create_account, grant_role

    user, _ = get_or_create_account(email="late@example.org", actor=None)
    grant_role(user=user, role=Role.HEAD_OF_PROFESSION, organisation=org_a, actor=None,
               start_date=dt.date.today() + dt.timedelta(days=3))
    assert not visible_people(user).exists()


class TestOtherOrganisationIsHidden:
    """A head of profession for A gets 404 or 403, never data, for B's people."""

    @pytest.fixture
    def hop_a(self, org_a, make_account):  # noqa: ANN001, ANN201
        return make_account(Role.HEAD_OF_PROFESSION, org_a)

    def test_ui_detail_and_edit(self, people, hop_a, web_client) -> None:  # noqa: ANN001
        client = web_client(hop_a)
        assert client.get(f"/people/{people.a_staff1.pk}/").status_code == 200
        for url in (f"/people/{people.b_staff.pk}/", f"/people/{people.b_staff.pk}/edit/"):
            response = client.get(url)
            assert response.status_code == 404
            assert b"Bstaff" not in response.content
        response = client.post(f"/people/{people.b_staff.pk}/edit/", {"first_name": "X"})
        assert response.status_code == 404

    def test_ui_list_and_filter(self, people, org_b, hop_a, web_client) -> None:  # noqa: ANN001
        client = web_client(hop_a)
        page = client.get("/people/").content.decode()
        assert "Astaffone" in page and "Bstaff" not in page and "Bhead" not in page
        page = client.get(f"/people/?organisation={org_b.pk}").content.decode()
        assert "Bstaff" not in page

    def test_api(self, people, hop_a, api_client) -> None:  # noqa: ANN001
        client = api_client(hop_a)
        listing = client.get("/api/v1/people/?page_size=500").json()
        assert {p["staff_number"] for p in listing["results"]} == {"A1", "A2", "A3", "A4", "A5"}
        assert client.get(f"/api/v1/people/{people.b_staff.pk}/").status_code == 404
        assert client.get("/api/v1/people/?organisation=DB").json()["count"] == 0
        response = client.patch(f"/api/v1/people/{people.b_staff.pk}/", {"first_name": "X"},
                                format="json")
        assert response.status_code == 404
        response = client.post("/api/v1/people/", {
            "organisation": "DB", "staff_number": "B9", "first_name": "X", "last_name": "Y",
        }, format="json")
        assert response.status_code == 403

    def test_exports(self, people, org_b, hop_a, web_client) -> None:  # noqa: ANN001
        client = web_client(hop_a)
        for fmt in ("csv", "json"):
            content = client.get(f"/people/export/?format={fmt}").content.decode()
            assert "A3" in content and "B2" not in content and "Bstaff" not in content
        content = client.get(f"/people/export/?format=csv&organisation={org_b.pk}").content
        assert b"B2" not in content


class TestAnalystNeverGetsANamedRecord:
    def test_pages(self, people, make_account, web_client) -> None:  # noqa: ANN001
        client = web_client(make_account(Role.ANALYST))
        assert client.get("/people/").status_code == 403
        assert client.get(f"/people/{people.a_staff1.pk}/").status_code == 403
        assert client.get("/people/export/?format=csv").status_code == 403
        statistics = client.get("/people/statistics/")
        assert statistics.status_code == 200
        assert b"Astaffone" not in statistics.content

    def test_api(self, people, make_account, api_client) -> None:  # noqa: ANN001
        client = api_client(make_account(Role.ANALYST))
        assert client.get("/api/v1/people/").status_code == 403
        assert client.get(f"/api/v1/people/{people.a_staff1.pk}/").status_code == 403
        assert client.get("/api/v1/organisations/").status_code == 200


def test_professional_may_edit_only_some_of_their_own_fields(
    people, make_account, api_client, web_client  # noqa: ANN001
) -> None:
    user = make_account(Role.PROFESSIONAL, person=people.a_staff1)
    client = api_client(user)
    ok = client.patch(f"/api/v1/people/{people.a_staff1.pk}/", {"first_name": "Renamed"},
                      format="json")
    assert ok.status_code == 200 and ok.json()["first_name"] == "Renamed"
    refused = client.patch(f"/api/v1/people/{people.a_staff1.pk}/",
                           {"staff_number": "HACK"}, format="json")
    assert refused.status_code == 403
    form = web_client(user).get(f"/people/{people.a_staff1.pk}/edit/").content.decode()
    assert 'name="first_name"' in form and 'name="staff_number"' not in form


def test_anonymous_is_sent_to_sign_in(client, people) -> None:  # noqa: ANN001
    response = client.get("/people/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    assert client.get("/api/v1/people/").status_code in (401, 403)


def test_export_is_audited(people, org_a, make_account, web_client) -> None:  # noqa: ANN001
    from cadre.audit.models import AuditEvent

    user = make_account(Role.HEAD_OF_PROFESSION, org_a)
    web_client(user).get("/people/export/?format=json")
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).get()
    assert event.actor == user
    assert json.loads(json.dumps(event.data))["format"] == "json"
