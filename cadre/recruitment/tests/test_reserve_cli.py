"""``cadre recruitment reserve``: list, add, targets, offer, respond, withdraw and expire, and
refusals ending "Nothing was changed"."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.recruitment.models import ReserveEntry, ReserveEntryState, ReserveOfferState
from cadre.recruitment.tests.reserve_fixtures import world  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("recruitment_reserve", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_the_whole_way_from_the_command_line(world):  # noqa: F811
    assert "on the reserve list until" in _run("add", "--application", str(world.ext.pk))
    entry = ReserveEntry.objects.get(application=world.ext)
    rows = json.loads(_run("list"))["rows"]
    assert rows[0]["candidate"] == "Priya Raman" and rows[0]["state"] == "active"
    targets = _run("targets", "--entry", str(entry.pk))
    assert f"campaign:{world.target.pk}" in targets
    _run("offer", "--entry", str(entry.pk), "--target", f"campaign:{world.target.pk}")
    offer = entry.offers.get()
    assert "declined" in _run("respond", "--offer", str(offer.pk), "--answer", "decline")
    _run("offer", "--entry", str(entry.pk), "--target", f"campaign:{world.target_c.pk}")
    second = entry.offers.get(state=ReserveOfferState.OFFERED)
    assert "withdrawn" in _run("withdraw", "--offer", str(second.pk))
    later = (entry.expires_on + dt.timedelta(days=1)).isoformat()
    assert "1 entry expired" in _run("expire", "--today", later)
    entry.refresh_from_db()
    assert entry.state == ReserveEntryState.EXPIRED


def test_refusals_change_nothing(world):  # noqa: F811
    with pytest.raises(CommandError, match="Nothing was changed:(.|\n)*reserve_consent"):
        _run("add", "--application", str(world.no_consent.pk))
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        _run("expire", "--today", "tomorrow")
    assert not ReserveEntry.objects.exists()
