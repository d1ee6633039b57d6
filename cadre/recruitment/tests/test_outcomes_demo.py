"""``cadre demo recruitment`` as a whole, after the demo data it builds on (as ``make demo``
loads it, with a small synthetic government): it runs twice without error, the second run
adds nothing, and its last line is the outcomes part's summary."""

from __future__ import annotations

import io
import random

import pytest
from django.core.management import call_command

from cadre.core.actor import command_line_actor
from cadre.recruitment.demo import outcomes as demo_outcomes
from cadre.recruitment.models import Application, Campaign, Candidate

pytestmark = pytest.mark.django_db


def test_the_outcomes_part_alone_prints_one_line(db) -> None:  # noqa: ANN001
    assert demo_outcomes.load(actor=command_line_actor(), rng=random.Random(1)) == [
        "Outcomes: 0 appointment(s) (0 from inside government, 0 from outside), median "
        "time to hire not shown; 0 campaign(s) decided with 0 appointable candidate(s)."]


def test_the_whole_recruitment_demo_runs_twice(keep_connection_open) -> None:  # noqa: ANN001
    out = io.StringIO()
    for command in (["load_defaults"], ["demo_load"], ["demo_capability"],
                    ["demo_generate", "--people", "60", "--seed", "1", "--skip-existing"],
                    ["demo_talent"], ["demo_programmes"], ["demo_accreditation"],
                    ["demo_learning"], ["demo_community"]):
        call_command(*command, stdout=out)
    first = io.StringIO()
    call_command("demo_recruitment", stdout=first)
    counts = [model.objects.count() for model in (Campaign, Application, Candidate)]
    assert counts[0] > 0
    second = io.StringIO()
    call_command("demo_recruitment", stdout=second)
    assert [model.objects.count() for model in (Campaign, Application, Candidate)] == counts
    lines = second.getvalue().splitlines()
    assert lines[-1].startswith("Outcomes: ")
    assert first.getvalue().splitlines()[-1] == lines[-1]
