# ruff: noqa: F811 - pytest fixtures imported from networks_fixtures are named as arguments
"""``cadre community communities ...`` and ``cadre community events ...``: JSON and CSV
lists, every write action, and clear CommandErrors for unknown ids and bad values."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from cadre.accreditation.models import CpdRecord
from cadre.community.models import Community, CommunityEvent, Registration
from cadre.community.tests.networks_fixtures import move_to_past, world  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue()


def test_communities_list_json_and_csv(world) -> None:  # noqa: ANN001
    body = json.loads(_run("community_communities", "list", "--format", "json"))
    row = next(r for r in body["communities"] if r["name"] == "Data network")
    assert row["members"] == 2 and row["upcoming_events"] == 1 and row["open"] is True
    rows = list(csv.DictReader(io.StringIO(_run("community_communities", "list", "--format",
                                                "csv").lstrip("\ufeff"))))
    assert {r["name"] for r in rows} == {"Data network", "Leeds leaders"}


def test_community_write_actions(world) -> None:  # noqa: ANN001
    out = _run("community_communities", "create", "--name", "Fire digital", "--scope",
               "regional", "--area", "North", "--topic", "Digital", "--closed-membership")
    community = Community.objects.get(name="Fire digital")
    assert f"Community {community.pk}" in out and not community.is_open
    _run("community_communities", "edit", "--community", str(community.pk), "--open",
         "--summary", "Now open")
    community.refresh_from_db()
    assert community.is_open and community.summary == "Now open"
    _run("community_communities", "join", "--community", str(community.pk), "--person", "WF/F1")
    _run("community_communities", "leads", "--community", str(community.pk), "--add", "WP/P1")
    leads = json.loads(_run("community_communities", "leads", "--community",
                            str(community.pk)))["leads"]
    assert [r["person"] for r in leads] == ["WP/P1"]
    members = json.loads(_run("community_communities", "members", "--community",
                              str(community.pk)))["members"]
    assert {r["person"] for r in members} == {"WP/P1", "WF/F1"}
    _run("community_communities", "leads", "--community", str(community.pk), "--remove",
         "WP/P1")
    _run("community_communities", "leave", "--community", str(community.pk), "--person",
         "WF/F1")
    with pytest.raises(CommandError, match="not a member"):
        _run("community_communities", "leave", "--community", str(community.pk), "--person",
             "WF/F1")
    _run("community_communities", "close", "--community", str(community.pk))
    community.refresh_from_db()
    assert community.closed_on is not None


def test_community_errors(world) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="no community 999999"):
        _run("community_communities", "members", "--community", "999999")
    with pytest.raises(CommandError, match="--community"):
        _run("community_communities", "close", "--community", "abc")
    with pytest.raises(CommandError, match="name"):
        _run("community_communities", "create", "--name", "x" * 201, "--scope", "national",
             "--topic", "x")
    with pytest.raises(CommandError, match="person"):
        _run("community_communities", "join", "--community", str(world.community.pk),
             "--person", "ZZ/9")
    with pytest.raises(CommandError, match="already a member"):
        _run("community_communities", "join", "--community", str(world.community.pk),
             "--person", "LCC/C1")
    with pytest.raises(CommandError, match="Give at least one"):
        _run("community_communities", "edit", "--community", str(world.community.pk))


def test_event_actions_end_to_end(world) -> None:  # noqa: ANN001
    start = (timezone.localtime() + dt.timedelta(days=3)).replace(second=0, microsecond=0)
    out = _run("community_events", "create", "--community", str(world.community.pk),
               "--title", "CLI event", "--format", "online", "--joining-link",
               "https://meet.example/c", "--starts-at", start.strftime("%Y-%m-%dT%H:%M"),
               "--ends-at", (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
               "--capacity", "1", "--cpd-hours", "2")
    event = CommunityEvent.objects.get(title="CLI event")
    assert f"Event {event.pk} added" in out
    out = _run("community_events", "register", "--event", str(event.pk), "--person", "LCC/C1")
    assert "has a place" in out
    out = _run("community_events", "register", "--event", str(event.pk), "--person", "WP/P1")
    assert "waiting list" in out
    with pytest.raises(CommandError, match="already"):
        _run("community_events", "register", "--event", str(event.pk), "--person", "WP/P1")
    regs = json.loads(_run("community_events", "registrations", "--event", str(event.pk)))
    assert [r["status"] for r in regs["registrations"]] == ["registered", "waiting"]
    _run("community_events", "unregister", "--event", str(event.pk), "--person", "LCC/C1")
    assert Registration.objects.get(event=event, person=world.other_person).status == \
        "registered"
    out = _run("community_events", "edit", "--event", str(event.pk), "--location", "",
               "--capacity", "3")
    assert "sequence 0" in out
    later = start + dt.timedelta(days=1)
    out = _run("community_events", "edit", "--event", str(event.pk), "--starts-at",
               later.isoformat(), "--ends-at", (later + dt.timedelta(hours=1)).isoformat())
    assert "sequence 1" in out
    listed = json.loads(_run("community_events", "list", "--community",
                             str(world.community.pk)))
    assert {e["title"] for e in listed["events"]} == {"Quarterly meet-up", "CLI event"}
    csv_rows = list(csv.DictReader(io.StringIO(_run("community_events", "list", "--format",
                                                    "csv").lstrip("\ufeff"))))
    assert {"uid", "sequence", "status"} <= set(csv_rows[0])
    move_to_past(event)
    _run("community_events", "attendance", "--event", str(event.pk), "--person", "WP/P1",
         "--attended")
    assert CpdRecord.objects.filter(person=world.other_person, source="event",
                                    credits=2).exists()
    _run("community_events", "attendance", "--event", str(event.pk), "--person", "WP/P1",
         "--clear")
    assert not CpdRecord.objects.filter(person=world.other_person).exists()
    with pytest.raises(CommandError, match="not registered"):
        _run("community_events", "attendance", "--event", str(event.pk), "--person",
             "WF/F1", "--absent")
    _run("community_events", "cancel", "--event", str(event.pk), "--reason", "Done")
    with pytest.raises(CommandError, match="already been cancelled"):
        _run("community_events", "cancel", "--event", str(event.pk))


def test_event_errors(world) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="no event 424242"):
        _run("community_events", "cancel", "--event", "424242")
    with pytest.raises(CommandError, match="capacity"):
        _run("community_events", "edit", "--event", str(world.event.pk), "--capacity", "6000")
    with pytest.raises(CommandError, match="starts_at"):
        _run("community_events", "edit", "--event", str(world.event.pk), "--starts-at", "soon")
    with pytest.raises(CommandError, match="no community"):
        _run("community_events", "list", "--community", "999999")
