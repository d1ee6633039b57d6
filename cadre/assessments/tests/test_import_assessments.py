"""Bulk import of assessments: row-level checks, nothing half-written."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.assessments.models import SkillAssessment
from cadre.assessments.selectors import levels_that_count

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keep_connection_open")]
HEADER = "staff_number,organisation,skill,level,assessed_by,assessed_on,evidence\n"


@pytest.fixture(autouse=True)
def _framework(default_framework) -> None:  # noqa: ANN001
    pass


def test_good_file(people, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "a.csv"
    path.write_text(HEADER
                    + "A3,DA,Data modelling,Working,self,2025-01-10,Built the schema\n"
                    + "A3,DA,data modelling,3,line manager,10/02/2025,\n"
                    + "B2,DB,Data modelling,not held,assessor,2025-03-01,\n", encoding="utf-8")
    call_command("import_assessments", str(path))
    assert SkillAssessment.objects.count() == 3
    held = {h.skill: h for h in levels_that_count(people.a_staff1).values()}
    assert held["Data modelling"].level == "Practitioner"


def test_bad_rows_are_all_reported_and_nothing_is_written(people, tmp_path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "a.csv"
    path.write_text(HEADER
                    + "A3,DA,Data modelling,Working,self,2025-01-10,\n"       # fine
                    + "A99,DA,Data modelling,Working,self,2025-01-10,\n"      # no person
                    + "A3,XX,Data modelling,Working,self,2025-01-10,\n"       # no org
                    + "A3,DA,Juggling,Guru,boss,31/31/2025,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_assessments", str(path))
    err = capsys.readouterr().err
    for expected in ("Row 3, column 'staff_number'", "Row 4, column 'organisation'",
                     "Row 5, column 'skill'", "Row 5, column 'level'",
                     "Row 5, column 'assessed_by'", "Row 5, column 'assessed_on'"):
        assert expected in err
    assert not SkillAssessment.objects.exists()
