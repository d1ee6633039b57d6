# ruff: noqa: F811 - pytest fixtures imported from workstreams_fixtures are named as arguments
"""The workstream and milestone importer: all or nothing, rows with faults named, lead
organisations matched, mapped or created (open, of the type the name suggests), unread
dates listed and kept, importing twice changes nothing; and the published files."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.core.actor import Actor
from cadre.core.tabular import TableError
from cadre.organisations.models import Organisation
from cadre.strategy.models import Milestone, Strategy, Workstream
from cadre.strategy.services import workstreams as services
from cadre.strategy.tests.workstreams_fixtures import (  # noqa: F401
    CLI,
    MILESTONES_CSV,
    WORKSTREAMS_CSV,
    ws_world,
)
from tests.helpers import skip_or_fail

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "strategy"


def _import(ws: str = WORKSTREAMS_CSV, ms: str = MILESTONES_CSV, **kwargs):  # noqa: ANN003, ANN202
    return services.import_milestones(actor=kwargs.pop("actor", CLI),
                                      workstreams_data=ws.encode(),
                                      milestones_data=ms.encode(), **kwargs)


def test_unmatched_leads_stop_the_import_naming_them(ws_world) -> None:  # noqa: ANN001
    before = (Workstream.objects.count(), Milestone.objects.count())
    with pytest.raises(TableError) as error:
        _import()
    assert [str(e) for e in error.value.errors] == [
        "Row 3, column 'lead_organisation': 'Hampshire Fire and Rescue Service' matches no "
        "organisation in Cadre: map it with --map \"Hampshire Fire and Rescue Service=ABBR\" "
        "or create it with --create-missing."]
    assert (Workstream.objects.count(), Milestone.objects.count()) == before
    assert not Strategy.objects.filter(name="Test Strategy 2011").exists()


def test_mapping_and_unread_dates(ws_world) -> None:  # noqa: ANN001
    report = _import(mapping=services.parse_mapping(["Hampshire Fire and Rescue Service=WF"]))
    assert (report.workstreams_created, report.milestones_created, report.dates_read) == \
        (2, 3, 2)
    assert [(u.row, u.title, u.date_text) for u in report.unread] == [
        (4, "A networks strategy", "when the stars align")]
    unread = Milestone.objects.get(title="A networks strategy")
    assert (unread.baseline_kind, unread.baseline_end) == ("unread", None)
    assert Workstream.objects.get(name="Community Networks").lead_organisation == ws_world.fire
    assert ("Hampshire Fire and Rescue Service", "WF", "mapped") in report.organisations
    assert ("Department A", "DA", "matched") in report.organisations
    again = _import(mapping={"Hampshire Fire and Rescue Service": "WF"})
    assert (again.workstreams_created, again.milestones_created) == (0, 0)
    assert (again.workstreams_existing, again.milestones_existing) == (2, 3)
    assert Milestone.objects.count() == 4  # the fixture's one and these three


def test_create_missing_makes_an_open_organisation_of_its_type(ws_world) -> None:  # noqa: ANN001
    report = _import(create_missing=True)
    fire = Organisation.objects.get(name="Hampshire Fire and Rescue Service")
    assert fire.type == "fire_and_rescue_service" and fire.active_to is None
    assert ("Hampshire Fire and Rescue Service", fire.abbreviation,
            "created as an open fire and rescue service") in report.organisations
    assert any("created as an open" in line for line in report.lines())


def test_dry_run_writes_nothing(ws_world) -> None:  # noqa: ANN001
    report = _import(create_missing=True, dry_run=True)
    assert report.milestones_created == 3 and "Dry run: nothing was saved." in report.lines()
    assert not Organisation.objects.filter(name="Hampshire Fire and Rescue Service").exists()
    assert not Strategy.objects.filter(name="Test Strategy 2011").exists()


def test_rows_with_faults_reject_the_file_naming_each(ws_world) -> None:  # noqa: ANN001
    ws = WORKSTREAMS_CSV + "Test Strategy 2011,Blueprint – Career paths,Department A\n" \
        + "Test Strategy 2011,,Department A\n"
    ms = MILESTONES_CSV + "Test Strategy 2011,Unknown workstream,Something – June 2012\n" \
        + f"Test Strategy 2011,Community Networks,{'x' * 800}\n"
    with pytest.raises(TableError) as error:
        _import(ws, ms, create_missing=True)
    problems = [str(e) for e in error.value.errors]
    assert any(p.startswith("Row 4, column 'workstream': The workstream is listed twice")
               for p in problems)
    assert "Row 5, column 'workstream': This cell is empty." in problems
    assert any(p.startswith("Row 5, column 'workstream': 'Unknown workstream' is not in")
               for p in problems)
    assert any(p.startswith("Row 6, column 'milestone': Use at most") for p in problems)
    assert Workstream.objects.count() == 1
    with pytest.raises(TableError):
        _import("name\nx\n", MILESTONES_CSV)


def test_only_the_central_team_imports(ws_world) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        _import(actor=Actor.for_user(ws_world.owner), create_missing=True)
    with pytest.raises(ValidationError):
        _import(mapping={"Hampshire Fire and Rescue Service": "NOPE"})


def test_the_command(ws_world, tmp_path) -> None:  # noqa: ANN001
    ws, ms = tmp_path / "ws.csv", tmp_path / "ms.csv"
    ws.write_text(WORKSTREAMS_CSV, encoding="utf-8")
    ms.write_text(MILESTONES_CSV, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("strategy_import_milestones", "--workstreams", str(ws), "--milestones",
                     str(ms), stdout=StringIO(), stderr=err)
    assert "Hampshire Fire and Rescue Service" in err.getvalue()
    out = StringIO()
    call_command("strategy_import_milestones", "--workstreams", str(ws), "--milestones",
                 str(ms), "--map", "Hampshire Fire and Rescue Service=WF", stdout=out)
    assert "Imported 2 workstream(s)" in out.getvalue()
    assert "Date not read, row 4: 'when the stars align'" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("strategy_import_milestones", "--workstreams", str(tmp_path / "no.csv"),
                     "--milestones", str(ms), stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError):
        call_command("strategy_import_milestones", "--workstreams", str(ws), "--milestones",
                     str(ms), "--map", "no equals sign", stdout=StringIO(),
                     stderr=StringIO())


@pytest.mark.shared_data
def test_the_published_files(db) -> None:  # noqa: ANN001
    ws, ms = SHARED / "ict-capability-workstreams.csv", SHARED / "ict-capability-milestones.csv"
    if not (ws.is_file() and ms.is_file()):
        skip_or_fail(f"The published strategy files are not in {SHARED} (../shared is absent)")
    from cadre.organisations.services import load_reference_data

    load_reference_data()
    report = services.import_milestones(actor=CLI, workstreams_data=ws.read_bytes(),
                                        milestones_data=ms.read_bytes(), create_missing=True)
    assert report.workstreams_created == 10 and report.milestones_created == 27
    assert report.dates_read >= 25
    assert report.dates_read + len(report.unread) == 27
    assert Milestone.objects.filter(baseline_kind="unread").count() == len(report.unread)
    assert Milestone.objects.count() == 27
    apprentices = Milestone.objects.get(title__startswith="Recruitment of Apprentices")
    assert apprentices.baseline_kind == "from" and str(apprentices.baseline_start) == \
        "2012-06-01"
    academy = Milestone.objects.get(title="First IT Academy cadre (c. 25 members)")
    assert (str(academy.baseline_start), str(academy.baseline_end)) == ("2013-01-01",
                                                                        "2014-12-31")
