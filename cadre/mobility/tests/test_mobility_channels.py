"""The same rules in every channel: the match limit, audited match exports, the command
line named in the audit trail, ETag/If-Match on vacancies and stale move pages (409)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.audit.models import AuditEvent
from cadre.cli import main
from cadre.mobility import services
from cadre.mobility.models import MoveRequest
from cadre.mobility.tests.mobility_setup import mob, open_vacancy  # noqa: F401

pytestmark = pytest.mark.django_db


def _exports(vacancy) -> list[AuditEvent]:  # noqa: ANN001
    return list(AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT,
                                          target_id=str(vacancy.pk)).order_by("id"))


@pytest.mark.usefixtures("keep_connection_open")
def test_the_match_limit_is_one_range_everywhere(mob, web_client, api_client,  # noqa: F811
                                                 capsys):
    vacancy = open_vacancy(mob)
    page = web_client(mob.a_hop).get(reverse("mobility:vacancy-matches", args=[vacancy.pk])
                                     + "?limit=1001")
    assert page.status_code == 400 and b"limit: Give a number of at most 1000" in page.content
    api = api_client(mob.a_hop)
    url = reverse("api:vacancy-matches", args=[vacancy.pk])
    for bad in ("0", "1001", "lots"):
        response = api.get(f"{url}?limit={bad}")
        assert response.status_code == 400 and response.json()["errors"][0]["field"] == "limit"
    assert api.get(f"{url}?limit=1000").status_code == 200
    with pytest.raises(SystemExit):
        main(["talent", "match", "--vacancy", str(vacancy.pk), "--limit", "5000"])
    assert "--limit: Give a number of at most 1000" in capsys.readouterr().err


@pytest.mark.usefixtures("keep_connection_open")
def test_match_exports_are_audited_the_same_in_every_channel(mob, web_client,  # noqa: F811
                                                             api_client, capsys,
                                                             monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "ops-jo")
    vacancy = open_vacancy(mob)
    web = web_client(mob.a_hop)
    export = reverse("mobility:vacancy-matches-export", args=[vacancy.pk])
    assert web.get(export + "?format=json").json()["results"][0]["person_id"] == \
        mob.people.b_staff.pk
    api = api_client(mob.a_hop)
    url = reverse("api:vacancy-matches", args=[vacancy.pk])
    assert api.get(url).json()["results"][0]["name"] == mob.people.b_staff.full_name
    main(["talent", "match", "--vacancy", str(vacancy.pk), "--format", "csv"])
    assert capsys.readouterr().out.startswith("position,person_id")
    events = _exports(vacancy)
    assert [(e.actor_email, e.data["what"], e.data["format"], e.data["rows"])
            for e in events] == [
        (mob.a_hop.email, "vacancy-matches", "json", 1),
        (mob.a_hop.email, "vacancy-matches", "json", 1),
        ("cli:ops-jo", "vacancy-matches", "csv", 1)]


@pytest.mark.usefixtures("keep_connection_open")
def test_commands_record_who_ran_them(mob, monkeypatch):  # noqa: F811
    monkeypatch.setattr("getpass.getuser", lambda: "ops-jo")
    vacancy = open_vacancy(mob)
    main(["talent", "vacancies", "close", str(vacancy.pk)])
    main(["talent", "moves", "propose", "--organisation", "DB", "--staff-number", "B2",
          "--to", "DA"])
    move = MoveRequest.objects.get()
    main(["talent", "moves", "agree-receiving", str(move.pk)])
    # The proposal also queues a message to the receiving side (ADR 30), audited apart.
    events = AuditEvent.objects.filter(actor_email="cli:ops-jo").exclude(
        target_type="notifications.Message")
    assert sorted(e.data.get("transition", e.action) for e in events) == [
        "agree_receiving", "close", "record_created"]
    assert AuditEvent.objects.filter(actor_email="cli:ops-jo",
                                     target_type="notifications.Message").count() == 1
    assert events.get(data__transition="close").data["from"] == "open"


def test_vacancy_etag_and_if_match(mob, api_client):  # noqa: F811
    vacancy = open_vacancy(mob)
    api = api_client(mob.a_hop)
    url = reverse("api:vacancy-detail", args=[vacancy.pk])
    etag = api.get(url)["ETag"]
    ok = api.patch(url, {"title": "New title"}, format="json", HTTP_IF_MATCH=etag)
    assert ok.status_code == 200 and ok["ETag"] != etag
    stale = api.patch(url, {"description": "Late"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and stale["ETag"] == ok["ETag"]
    vacancy.refresh_from_db()
    assert vacancy.title == "New title" and vacancy.description == ""
    # A change of skills alone is a new version too.
    skills = api.patch(url, {"skills": [{"skill": mob.skills[2].pk, "level": mob.levels[0].pk,
                                         "essential": True}]}, format="json",
                       HTTP_IF_MATCH=ok["ETag"])
    assert skills.status_code == 200 and skills["ETag"] != ok["ETag"]
    history = vacancy.history.count()
    same = api.patch(url, {"title": "New title"}, format="json")
    assert same.status_code == 200 and vacancy.history.count() == history  # nothing written


def test_a_step_from_a_stale_move_page_is_a_conflict(mob, web_client):  # noqa: F811
    move = services.propose_move(actor=mob.a_hop, person=mob.people.b_staff,
                                 receiving=mob.org_a)
    services.transition_move(actor=mob.a_hop, move_id=move.pk, action="agree-receiving")
    page = web_client(mob.b_hop).post(reverse("mobility:move", args=[move.pk]),
                                      {"action": "cancel", "reason": "No longer needed",
                                       "state": "proposed"})
    assert page.status_code == 409
    move.refresh_from_db()
    assert move.state == MoveRequest.State.RECEIVING_AGREED


def test_lists_are_paginated(mob, api_client):  # noqa: F811
    open_vacancy(mob)
    open_vacancy(mob, title="Second")
    body = api_client(mob.a_hop).get(reverse("api:vacancy-list") + "?page_size=1").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2 and len(body["results"]) == 1 and body["next"]
    bad = api_client(mob.a_hop).get(reverse("api:move-list") + "?state=nonsense")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "state"
