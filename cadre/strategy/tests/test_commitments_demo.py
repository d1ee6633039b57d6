"""The commitments demo (part of ``cadre demo strategy``): on the reference data, an action
with entries for several departments, DWP's (the demo head of profession's) among them, one
not applicable, a closed department rolled up into its successor; safe to run twice."""

from __future__ import annotations

import io
import random

import pytest
from django.core.management import call_command

from cadre.core.actor import Actor
from cadre.strategy.demo import commitments as demo
from cadre.strategy.models import Action, CommitmentEntry
from cadre.strategy.selectors import commitments as sel

pytestmark = pytest.mark.django_db


def test_demo_loads_through_the_services_and_is_safe_twice() -> None:
    call_command("load_defaults", stdout=io.StringIO())
    lines = demo.load(actor=Actor.command_line("test"), rng=random.Random(1))
    assert "entries for 6 organisations" in lines[0], lines
    action = Action.objects.get(name=demo.ACTION)
    assert action.strategy.name == demo.STRATEGY
    dwp = CommitmentEntry.objects.filter(action=action, organisation__abbreviation="DWP")
    assert set(dwp.values_list("kind", flat=True)) == {"commitment", "progress", "plan"}
    assert CommitmentEntry.objects.filter(not_applicable=True).count() == 1
    count = CommitmentEntry.objects.count()
    history = CommitmentEntry.history.count()
    again = demo.load(actor=Actor.command_line("test"), rng=random.Random(2))
    assert "(0 added or changed)" in again[0]
    assert CommitmentEntry.objects.count() == count
    assert CommitmentEntry.history.count() == history
    rolled = sel.comparison(action, roll_up=True)
    assert [closed.abbreviation for closed, _ in rolled.rolled] == ["DFID"]
    shown = {r.organisation.abbreviation for r in rolled.rows}
    assert "DFID" not in shown and "FCDO" in shown and len(shown) == 6
