"""Mobility through the pages and the API: drafting, editing skills, transitions, the
preference, the policy and moves; bad input rejected with clear errors and nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cadre.mobility.models import MobilityPreference, MoveRequest, Vacancy
from cadre.mobility.tests.mobility_setup import mob, open_vacancy  # noqa: F401

pytestmark = pytest.mark.django_db
CLOSING = (dt.date.today() + dt.timedelta(days=20)).isoformat()


def test_draft_form_is_prefilled_from_the_role_level_and_saves(mob, web_client):  # noqa: F811
    web = web_client(mob.a_hop)
    page = web.get(reverse("mobility:vacancy-create"))
    assert b"Senior data engineer" in page.content  # the role level picker
    page = web.get(reverse("mobility:vacancy-create") + f"?role_level={mob.role_level.pk}")
    body = page.content.decode()
    assert f'<option value="{mob.skills[0].pk}" selected>' in body
    assert f'<option value="{mob.levels[2].pk}" selected>' in body
    response = web.post(reverse("mobility:vacancy-create"), {
        "role_level": mob.role_level.pk, "organisation": mob.org_a.pk, "title": "Lead",
        "grade": mob.g7.pk, "locations": [mob.leeds.pk], "hybrid": "on",
        "security_clearance": "sc", "closing_date": CLOSING,
        "skill-0": mob.skills[0].pk, "level-0": mob.levels[3].pk, "essential-0": "on",
        "include-0": "on",
        "skill-1": mob.skills[1].pk, "level-1": mob.levels[1].pk, "include-1": "",
        "skill-2": mob.skills[2].pk, "level-2": mob.levels[0].pk, "include-2": "on",
    })
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert [(s.skill.name, s.level.ordinal, s.essential) for s in vacancy.skills.all()] == [
        ("Data modelling", 4, True), ("Testing", 1, False)]
    assert vacancy.security_clearance == "sc" and vacancy.hybrid


def test_draft_form_shows_errors_and_writes_nothing(mob, web_client):  # noqa: F811
    response = web_client(mob.a_hop).post(reverse("mobility:vacancy-create"), {
        "role_level": mob.role_level.pk, "organisation": mob.org_b.pk, "title": "",
        "grade": mob.g7.pk, "security_clearance": "bpss", "closing_date": "31/02/2020",
        "skill-0": mob.skills[0].pk, "level-0": "", "include-0": "on"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"Row 1: choose a skill and a level" in response.content
    assert Vacancy.objects.count() == 0


def test_vacancy_page_actions(mob, web_client):  # noqa: F811
    vacancy = open_vacancy(mob)
    web = web_client(mob.a_hop)
    url = reverse("mobility:vacancy", args=[vacancy.pk])
    page = web.get(url)
    assert b"See matches" in page.content
    web.post(url, {"action": "external", "reason": "Nobody"})
    vacancy.refresh_from_db()
    assert vacancy.external_decided_at is None
    assert b"28 days" in web.get(url).content
    web.post(url, {"action": "close"})
    web.post(url, {"action": "fill", "person": mob.people.a_staff1.pk})
    vacancy.refresh_from_db()
    assert vacancy.state == Vacancy.State.FILLED and vacancy.filled_by == mob.people.a_staff1


def test_edit_page_changes_details_and_skills(mob, web_client):  # noqa: F811
    vacancy = open_vacancy(mob)
    web = web_client(mob.a_hop)
    url = reverse("mobility:vacancy-edit", args=[vacancy.pk])
    assert web.get(url).status_code == 200
    web.post(url, {"title": "Renamed", "grade": mob.g6.pk, "security_clearance": "ctc",
                   "closing_date": CLOSING, "skill-0": mob.skills[2].pk,
                   "level-0": mob.levels[1].pk, "essential-0": "on", "include-0": "on"})
    vacancy.refresh_from_db()
    assert vacancy.title == "Renamed" and vacancy.grade == mob.g6 and not vacancy.hybrid
    assert [s.skill.name for s in vacancy.skills.all()] == ["Testing"]


def test_api_create_update_transitions_and_errors(mob, api_client):  # noqa: F811
    api = api_client(mob.a_hop)
    bad = api.post(reverse("api:vacancy-list"), {
        "organisation": mob.org_a.pk, "role_level": mob.role_level.pk, "title": "X",
        "grade": 999999, "closing_date": "not a date"}, format="json")
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} == {"closing_date"}
    bad = api.post(reverse("api:vacancy-list"), {
        "organisation": mob.org_a.pk, "role_level": mob.role_level.pk, "title": "X",
        "grade": mob.g7.pk, "closing_date": CLOSING,
        "skills": [{"skill": mob.skills[0].pk, "level": mob.levels[0].pk,
                    "essential": False}]}, format="json")
    assert bad.status_code == 400 and "essential" in bad.json()["errors"][0]["message"]
    assert Vacancy.objects.count() == 0
    created = api.post(reverse("api:vacancy-list"), {
        "organisation": mob.org_a.pk, "role_level": mob.role_level.pk, "title": "Data lead",
        "grade": mob.g7.pk, "closing_date": CLOSING, "locations": [mob.leeds.pk]},
        format="json")
    assert created.status_code == 201, created.json()
    vid = created.json()["id"]
    assert [s["skill"] for s in created.json()["skills"]] == ["Data modelling", "Programming"]
    patched = api.patch(reverse("api:vacancy-detail", args=[vid]), {
        "title": "Data lead 2", "skills": [
            {"skill": mob.skills[0].pk, "level": mob.levels[1].pk, "essential": True}]},
        format="json")
    assert patched.json()["title"] == "Data lead 2" and len(patched.json()["skills"]) == 1
    assert api.post(reverse("api:vacancy-transition", args=[vid, "open"])).json()[
        "state"] == "open"
    again = api.post(reverse("api:vacancy-transition", args=[vid, "open"]))
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "state"
    assert again.json()["current_state"] == "open"
    assert api.post(reverse("api:vacancy-transition", args=[vid, "explode"])).status_code \
        == 404
    matches = api.get(reverse("api:vacancy-matches", args=[vid]) + "?limit=5").json()
    assert matches["results"][0]["name"] == mob.people.b_staff.full_name
    listed = api.get(reverse("api:vacancy-list") + "?state=open&hybrid=true").json()
    assert listed["count"] == 1 and [v["id"] for v in listed["results"]] == [vid]
    assert api.get(reverse("api:vacancy-list") + "?grade=x").status_code == 400


def test_api_move_flow(mob, api_client):  # noqa: F811
    vacancy = open_vacancy(mob)
    a, b = api_client(mob.a_hop), api_client(mob.b_hop)
    created = a.post(reverse("api:move-list"), {"person": mob.people.b_staff.pk,
                                                "receiving": mob.org_a.pk,
                                                "vacancy": vacancy.pk}, format="json")
    assert created.status_code == 201, created.json()
    mid = created.json()["id"]

    def act(client, action, data=None):  # noqa: ANN001, ANN202
        return client.post(reverse("api:move-transition", args=[mid, action]), data or {},
                           format="json")

    assert act(b, "agree-releasing").status_code == 409
    assert act(a, "agree-receiving").json()["state"] == "receiving_agreed"
    assert act(b, "agree-releasing").json()["state"] == "releasing_agreed"
    done = act(b, "logistics", {"start_date": CLOSING, "clearance_transferred": True,
                                "pay_and_pension_agreed": True, "equipment_ready": True})
    assert done.json()["logistics_missing"] == ["access"]
    refused = act(a, "complete")
    assert refused.status_code == 400 and "access" in refused.json()["errors"][0]["message"]
    act(a, "logistics", {"access_ready": True})
    assert act(b, "complete").status_code == 403
    assert act(a, "complete").json()["state"] == "completed"
    mob.people.b_staff.refresh_from_db()
    assert mob.people.b_staff.organisation == mob.org_a
    vacancy.refresh_from_db()
    assert vacancy.state == Vacancy.State.FILLED


def test_preference_page_and_api(mob, web_client, api_client):  # noqa: F811
    web = web_client(mob.a_staff_user)
    web.post(reverse("mobility:mobility-preference"), {
        "open_to_opportunities": "on", "locations": [mob.london.pk], "grades": [mob.g6.pk]})
    pref = MobilityPreference.objects.get(person=mob.people.a_staff1)
    assert pref.open_to_opportunities and list(pref.grades.all()) == [mob.g6]
    api = api_client(mob.a_staff_user)
    bad = api.put(reverse("api:mobility-preference"), {"open_to_opportunities": True,
                                                       "locations": [424242]}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "locations"
    pref.refresh_from_db()
    assert list(pref.locations.all()) == [mob.london]
    ok = api.put(reverse("api:mobility-preference"), {"open_to_opportunities": False},
                 format="json")
    assert ok.json()["open_to_opportunities"] is False and ok.json()["locations"] == []
    # No person record: the page says so, the API answers 404.
    assert b"No person record" in web_client(mob.central).get(
        reverse("mobility:mobility-preference")).content
    assert api_client(mob.central).get(reverse("api:mobility-preference")).status_code == 404


def test_vacancies_for_me(mob, web_client, api_client):  # noqa: F811
    vacancy = open_vacancy(mob)
    assert [v["id"] for v in api_client(mob.b_staff_user).get(
        reverse("api:vacancies-for-me")).json()["results"]] == [vacancy.pk]
    assert vacancy.title.encode() in web_client(mob.b_staff_user).get(
        reverse("mobility:vacancies-for-me")).content


def test_policy_page_and_api(mob, web_client, api_client):  # noqa: F811
    web_client(mob.central).post(reverse("mobility:mobility-policy"), {"internal_days": "14"})
    assert api_client(mob.a_hop).get(reverse("api:mobility-policy")).json() == {
        "internal_days": 14}
    bad = api_client(mob.central).put(reverse("api:mobility-policy"), {"internal_days": -3},
                                      format="json")
    assert bad.status_code == 400
    assert web_client(mob.a_hop).post(reverse("mobility:mobility-policy"),
                                      {"internal_days": "1"}).status_code == 403


def test_move_pages(mob, web_client):  # noqa: F811
    vacancy = open_vacancy(mob)
    a = web_client(mob.a_hop)
    response = a.post(reverse("mobility:move-propose"), {"person": mob.people.b_staff.pk,
                                                       "vacancy": vacancy.pk})
    move = MoveRequest.objects.get()
    assert response.url == reverse("mobility:move", args=[move.pk])
    url = reverse("mobility:move", args=[move.pk])
    assert (b'Agree for Department A (<abbr title="Department A">DA</abbr>) (receiving)'
            in a.get(url).content)
    a.post(url, {"action": "agree-receiving"})
    web_client(mob.b_hop).post(url, {"action": "agree-releasing"})
    a.post(url, {"action": "logistics", "start_date": CLOSING, "clearance_transferred": "on",
                 "pay_and_pension_agreed": "on", "equipment_ready": "on", "access_ready": "on"})
    a.post(url, {"action": "complete", "line_manager": mob.people.a_head.pk})
    move.refresh_from_db()
    assert move.state == MoveRequest.State.COMPLETED
    listing = a.get(reverse("mobility:moves") + "?state=completed")
    assert mob.people.b_staff.full_name.encode() in listing.content


def test_matches_export_is_audited(mob, web_client):  # noqa: F811
    from cadre.audit.models import AuditEvent

    vacancy = open_vacancy(mob)
    web = web_client(mob.a_hop)
    url = reverse("mobility:vacancy-matches-export", args=[vacancy.pk])
    csv_response = web.get(url + "?format=csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert mob.people.b_staff.full_name in csv_response.content.decode("utf-8-sig")
    assert web.get(url + "?format=xlsx").content[:2] == b"PK"
    assert web.get(url + "?format=pdf").status_code == 404
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT,
                                     target_id=str(vacancy.pk)).count() == 2
