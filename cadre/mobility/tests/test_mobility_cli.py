"""The command line for mobility: vacancies, matches and moves, through ``cadre talent``."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cadre.cli import main
from cadre.mobility.models import MoveRequest, Vacancy
from cadre.mobility.tests.mobility_setup import mob  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keep_connection_open")]


def _run(capsys, *argv: str) -> str:  # noqa: ANN001
    capsys.readouterr()
    main(["talent", *argv])
    return capsys.readouterr().out


def test_vacancy_match_and_move_by_command_line(mob, capsys):  # noqa: F811
    closing = (dt.date.today() + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    out = _run(capsys, "vacancies", "create", "--organisation", "DA", "--title", "Data lead",
               "--role-level", str(mob.role_level.pk), "--grade", "G7", "--closing-date",
               closing, "--locations", "Leeds",
               "--skills", "Data modelling:3;Testing:1:desirable")
    vacancy = Vacancy.objects.get()
    assert "2 skills" in out and vacancy.locations.get() == mob.leeds
    _run(capsys, "vacancies", "open", str(vacancy.pk))
    listed = json.loads(_run(capsys, "vacancies", "list", "--state", "open", "--format", "json"))
    assert [v["id"] for v in listed] == [vacancy.pk]
    matches = json.loads(_run(capsys, "match", "--vacancy", str(vacancy.pk), "--format",
                              "json"))
    assert matches["results"][0]["person_id"] == mob.people.b_staff.pk
    csv_out = _run(capsys, "match", "--vacancy", str(vacancy.pk), "--format", "csv")
    assert csv_out.splitlines()[0].startswith("position,person_id,name")
    _run(capsys, "moves", "propose", "--organisation", "DB", "--staff-number", "B2", "--to",
         "DA", "--vacancy", str(vacancy.pk))
    move = MoveRequest.objects.get()
    _run(capsys, "moves", "agree-receiving", str(move.pk))
    _run(capsys, "moves", "agree-releasing", str(move.pk))
    out = _run(capsys, "moves", "logistics", str(move.pk), "--start-date", closing,
               "--clearance-transferred", "--pay-and-pension-agreed", "--equipment-ready",
               "--access-ready")
    assert "nothing" in out
    _run(capsys, "moves", "complete", str(move.pk), "--line-manager", "A1")
    mob.people.b_staff.refresh_from_db()
    assert mob.people.b_staff.organisation == mob.org_a
    assert "1 move(s)" in _run(capsys, "moves", "durations")


def test_bad_input_exits_non_zero_and_writes_nothing(mob, capsys):  # noqa: F811
    with pytest.raises(SystemExit) as exc:
        main(["talent", "vacancies", "create", "--organisation", "DA", "--title", " ",
              "--role-level", str(mob.role_level.pk), "--grade", "G7",
              "--closing-date", "01/01/2020"])
    assert exc.value.code != 0
    err = capsys.readouterr().err
    assert "title: Enter a title." in err and "closing_date" in err
    with pytest.raises(SystemExit):
        main(["talent", "vacancies", "create", "--organisation", "DA", "--title", "X",
              "--role-level", str(mob.role_level.pk), "--grade", "G7",
              "--closing-date", "01/01/2099", "--skills", "Nonsense:9"])
    assert "Bad --skills" in capsys.readouterr().err
    assert Vacancy.objects.count() == 0
    with pytest.raises(SystemExit):
        main(["talent", "moves", "cancel", "12345", "--reason", "x"])
    with pytest.raises(SystemExit):
        main(["talent", "vacancies", "policy", "--days", "999"])
    assert "Vacancies stay inside government for 28 days" in _run(capsys, "vacancies",
                                                                   "policy")
