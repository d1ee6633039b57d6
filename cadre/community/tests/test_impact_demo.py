"""The demo government yields impact figures: the networks (and mentoring) demos make this
year's taking part, ``cadre demo capability`` today's agreed assessments, and
``community.demo.impact`` the earlier ones; run again, the impact part adds nothing."""

from __future__ import annotations

import importlib
import io
import random

import pytest
from django.core.management import call_command
from django.db import transaction

from cadre.community.demo import impact as demo
from cadre.community.selectors import impact as sel
from cadre.core.actor import command_line_actor
from tests.demo_site import GENERATED_PEOPLE


def _load() -> list[str]:
    """The demo government as ``tests.demo_site`` loads it, and of the community demo
    only the parts that make taking part (networks, mentoring) and this one: the other
    areas' parts are theirs to test."""
    out = io.StringIO()
    call_command("load_defaults", stdout=out)
    call_command("demo_load", stdout=out)
    call_command("demo_capability", stdout=out)
    call_command("demo_generate", people=GENERATED_PEOPLE, seed=1, skip_existing=True,
                 stdout=out)
    call_command("demo_accreditation", stdout=out)
    lines = []
    rng = random.Random(1)
    for area in ("networks", "mentoring", "impact"):
        try:
            module = importlib.import_module(f"cadre.community.demo.{area}")
        except ModuleNotFoundError:
            continue
        if area != "mentoring":
            lines += module.load(actor=command_line_actor(), rng=rng)
            continue
        try:  # another area's part, still being written: this test does not need it
            with transaction.atomic():
                lines += module.load(actor=command_line_actor(), rng=rng)
        except Exception as exc:  # noqa: BLE001
            lines.append(f"Mentoring demo not loaded: {exc}")
    return lines

pytestmark = pytest.mark.django_db


def test_demo_gives_figures_and_is_safe_to_run_twice() -> None:
    lines = _load()
    assert any(line.startswith("Impact: ") and "agreed assessments dated" in line
               for line in lines), lines
    result = sel.impact()
    shown = {(r.kind, r.outcome): r for r in result.rows}
    print({k: (r.result.participants, r.result.comparison, r.participants_left_out,
               r.result.suppressed) for k, r in shown.items()})
    assert not shown["overall", "capability"].result.suppressed
    assert not shown["overall", "progression"].result.suppressed
    again = demo.load(actor=command_line_actor(), rng=random.Random(1))
    assert again == ["Impact: earlier assessments already there."]
