# ruff: noqa: F811 - pytest fixtures imported from contracts_fixtures are named as arguments
"""``cadre learning contracts`` and ``cadre learning frameworks``: the register and the
frameworks as JSON and CSV, filters, and clear refusals of bad options."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.audit.models import AuditEvent
from cadre.learning.tests.contracts_fixtures import supply  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(capsysbinary, *args: str) -> bytes:  # noqa: ANN001
    call_command(*args)
    return capsysbinary.readouterr().out


def test_contracts_as_json_and_csv(supply, capsysbinary, keep_connection_open) -> None:  # noqa: ANN001
    body = json.loads(_run(capsysbinary, "learning_contracts", "--format", "json"))
    assert [c["reference"] for c in body["contracts"]] == ["CA-1", "CB-1"]
    assert body["contracts"][0]["status"] == "Ending within 6 months"
    six = json.loads(_run(capsysbinary, "learning_contracts", "--expiring-within", "6",
                          "--format", "json"))
    assert [c["reference"] for c in six["contracts"]] == ["CA-1"]
    db = _run(capsysbinary, "learning_contracts", "--organisation", "DB", "--format", "csv")
    text = db.decode("utf-8-sig")
    assert text.startswith("reference,title,supplier") and "CB-1" in text and "CA-1" not in text
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).latest("id")
    assert event.actor_email.startswith("cli:")


def test_bad_options_are_refused(supply, keep_connection_open) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="No organisation"):
        call_command("learning_contracts", "--organisation", "ZZZ")
    with pytest.raises(CommandError, match="0 to 120"):
        call_command("learning_contracts", "--expiring-within", "500")
    with pytest.raises(CommandError, match="needs --output"):
        call_command("learning_contracts", "--format", "xlsx")
    with pytest.raises(CommandError, match="--on"):
        call_command("learning_contracts", "--on", "soon")


def test_frameworks(supply, capsysbinary, tmp_path, keep_connection_open) -> None:  # noqa: ANN001
    body = json.loads(_run(capsysbinary, "learning_frameworks", "--format", "json"))
    assert body["frameworks"] == [{"name": "Learning DPS", "reference": "RM0001",
                                   "starts_on": supply.framework.starts_on.isoformat(),
                                   "ends_on": supply.framework.ends_on.isoformat(),
                                   "lots": "1: Technical", "contracts": 1}]
    csv = _run(capsysbinary, "learning_frameworks", "--format", "csv").decode("utf-8-sig")
    assert csv.splitlines()[0] == "name,reference,starts_on,ends_on,lots,contracts"
    out = tmp_path / "f.ods"
    call_command("learning_frameworks", "--format", "ods", "--output", str(out))
    assert out.stat().st_size > 0
