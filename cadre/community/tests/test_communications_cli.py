# ruff: noqa: F811 - pytest fixtures imported from communications_fixtures are arguments
"""``cadre community messages|audiences|stakeholders``: tables as JSON and CSV, sending an
assured message, and clear errors."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.community.tests.communications_fixtures import assured, comms, draft  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_messages_list_send_and_figures(comms, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    message = assured(comms)
    waiting = draft(comms, title="Later")
    rows = json.loads(_run("community_messages", "list"))["rows"]
    assert [r["title"] for r in rows] == ["Data week", "Later"]
    with pytest.raises(CommandError, match="cannot be sent|no longer possible"):
        _run("community_messages", "send", "--message", str(waiting.pk))
    with pytest.raises(CommandError, match="No message"):
        _run("community_messages", "send", "--message", "999999")
    with pytest.raises(CommandError, match="needs --message"):
        _run("community_messages", "versions")
    with pytest.raises(CommandError, match="nothing to resume"):
        _run("community_messages", "resume", "--message", str(message.pk))
    with django_capture_on_commit_callbacks(execute=True):
        assert "queued" in _run("community_messages", "send", "--message", str(message.pk))
    csv = _run("community_messages", "figures", "--format", "csv").splitlines()
    assert csv[0] == ("message,title,recipients,queued,sent,delivered,failed,"
                      "skipped_unsubscribed")
    assert csv[1].startswith(f"{message.pk},Data week,6,6,6,0,0,0")
    versions = json.loads(_run("community_messages", "versions", "--message",
                               str(message.pk)))["rows"]
    assert [v["number"] for v in versions] == [1]


def test_audiences_and_people(comms) -> None:  # noqa: ANN001
    rows = json.loads(_run("community_audiences", "list"))["rows"]
    assert rows[0]["people"] == 5 and rows[0]["external_stakeholders"] == 1
    people = _run("community_audiences", "people", "--audience", str(comms.audience.pk),
                  "--format", "csv").splitlines()
    assert people[0] == "id,name,email,organisation" and len(people) == 6
    with pytest.raises(CommandError, match="No audience"):
        _run("community_audiences", "people", "--audience", "999999")


def test_stakeholders(comms) -> None:  # noqa: ANN001
    assert "Added stakeholder" in _run("community_stakeholders", "add", "--name", "Prospect",
                                       "--kind", "trade_union")
    with pytest.raises(CommandError, match="--email"):
        _run("community_stakeholders", "add", "--name", "X", "--kind", "supplier",
             "--email", "nope")
    rows = json.loads(_run("community_stakeholders", "list"))["rows"]
    assert {r["name"] for r in rows} == {"Prospect", "Public Sector Union"}
    counts = json.loads(_run("community_stakeholders", "profession"))["rows"]
    assert {"by": "organisation", "group": "Leeds City Council",
            "people": "fewer than 5"} in counts


def test_resuming_a_send_left_part_way(comms) -> None:  # noqa: ANN001
    from cadre.community.services import communications as services

    message = assured(comms)
    # sent, but the task never ran (a worker that stopped): the message waits in "sending"
    services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                action="send")
    message.refresh_from_db()
    assert message.state == "sending"
    assert "6 recipient(s), 6 queued" in _run("community_messages", "resume", "--message",
                                              str(message.pk))
    message.refresh_from_db()
    assert message.state == "sent"
