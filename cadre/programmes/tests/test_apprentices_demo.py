"""The apprentices demo on a small government, the target figures it gives against a hand
count, and the import through ``cadre programmes import-standards`` (the dispatch).

Hand count, reporting year 2026 (today 4 December 2026): organisation DX has 20 people
and an extract of 31 March 2026 with 300 employees; DY 10 people and 100 employees. The
demo puts five DX people on apprenticeships (three in the cohort of September 2024, two
in September 2026) and four DY people (September 2026). So DX: 2 / 300 = 0.0067, not
met; DY: 4 / 100 = 0.04, but with fewer than 250 employees it is not in scope (no
verdict).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random

import pytest
from django.core.management import call_command, load_command_class
from freezegun import freeze_time

from cadre.programmes.demo import apprentices as demo
from cadre.programmes.models import Apprentice, ApprenticeshipStandard, EpaAttempt
from cadre.workforce.models import Extract, ExtractRecord
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _org(abbreviation: str, people: int, employees: int):  # noqa: ANN202
    org = OrganisationFactory(name=f"Department {abbreviation}", abbreviation=abbreviation)
    for _ in range(people):
        PersonFactory(organisation=org)
    extract = Extract.objects.create(organisation=org, taken_on=dt.date(2026, 3, 31),
                                     filename="x.csv")
    ExtractRecord.objects.bulk_create(ExtractRecord(extract=extract, staff_number=f"S{i}",
                                                    employment_type="permanent")
                                      for i in range(employees))
    return org


@freeze_time("2026-12-04")
def test_the_demo_gives_the_hand_counted_target() -> None:
    _org("DX", 20, 300)
    _org("DY", 10, 100)
    lines = demo.load(actor=None, rng=random.Random(1))
    assert "9 apprentices in DX, DY" in lines[0], lines
    assert demo.load(actor=None, rng=random.Random(1)) == [
        "Apprentices: demo cohorts already there."]
    states = sorted(Apprentice.objects.values_list("state", flat=True))
    assert states.count("in_training") == 6
    assert {"completed", "epa", "withdrawn"} <= set(states)
    assert EpaAttempt.objects.filter(result="merit").count() == 1
    out = io.StringIO()
    call_command("programmes_apprenticeship_target", "--year", "2026", stdout=out)
    got = {r["organisation"]: (r["headcount_at_start"], r["in_scope"],
                               r["new_apprentice_starts"], r["share"], r["target_met"])
           for r in json.loads(out.getvalue())}
    assert got == {"DX": (300, True, 2, 0.0067, False), "DY": (100, False, 4, 0.04, None)}


def test_the_cadre_programmes_dispatch_runs_the_import(tmp_path,  # noqa: ANN001
                                                         keep_connection_open) -> None:  # noqa: ANN001
    path = tmp_path / "standards.json"
    path.write_text(json.dumps(demo.STANDARDS))
    command = load_command_class("cadre.programmes", "programmes")
    command.run_from_argv(["cadre", "programmes", "import-standards", str(path)])
    assert ApprenticeshipStandard.objects.count() == 2
