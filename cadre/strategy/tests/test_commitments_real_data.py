"""The published Government Digital Strategy action 4 commitments (``../shared``) load whole
on the reference data, every organisation matched by the organisations app; a faulty copy
is rejected naming its rows and writes nothing."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from cadre.core.actor import Actor
from cadre.core.tabular import TableError
from cadre.organisations.models import Organisation
from cadre.strategy.models import Action, CommitmentEntry, Strategy
from cadre.strategy.services import commitments as services
from tests.helpers import skip_or_fail

SOURCE = Path(os.environ.get("CADRE_SHARED_DIR", Path(__file__).resolve().parents[3].parent
                             / "shared")) / "data" / "strategy" / "gds-action-4.csv"

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


def _data() -> bytes:
    if not SOURCE.is_file():
        skip_or_fail(f"The published commitments are not at {SOURCE} (../shared is absent)")
    return SOURCE.read_bytes()


@pytest.fixture
def defaults(db) -> None:  # noqa: ANN001
    call_command("load_defaults", stdout=io.StringIO())


def test_action_4_loads_whole(defaults) -> None:  # noqa: ANN001
    data = _data()
    result = services.import_commitments(actor=Actor.command_line("tests"), data=data,
                                         filename=SOURCE.name)
    assert (result.rows, result.created, result.organisations) == (85, 85, 17)
    assert result.not_applicable == 9
    assert result.unmatched == [] and result.created_organisations == []
    assert CommitmentEntry.objects.count() == 85
    assert CommitmentEntry.objects.filter(not_applicable=True).count() == 9
    assert CommitmentEntry.objects.values("organisation").distinct().count() == 17
    action = Action.objects.get()
    assert action.name.startswith("Action 4: support improved digital capability")
    again = services.import_commitments(actor=Actor.command_line("tests"), data=data,
                                        filename=SOURCE.name)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 85)


def test_a_faulty_copy_is_rejected_naming_rows(defaults, tmp_path) -> None:  # noqa: ANN001
    records = list(csv.reader(io.StringIO(_data().decode("utf-8-sig"))))
    records[2][3] = "progess"  # row 3 (the header is row 1)
    records[8][4] = "20144"  # row 9
    records.append(records[1])  # row 87 repeats row 2
    out = io.StringIO()
    csv.writer(out).writerows(records)
    faulty = tmp_path / "gds-action-4-faulty.csv"
    faulty.write_text(out.getvalue(), encoding="utf-8")
    organisations = Organisation.objects.count()
    with pytest.raises(TableError) as exc:
        services.import_commitments(actor=Actor.command_line("tests"),
                                    data=faulty.read_bytes(), filename=faulty.name)
    messages = [str(e) for e in exc.value.errors]
    assert any(m.startswith("Row 3, column 'kind'") for m in messages), messages
    assert any(m.startswith("Row 9, column 'period'") for m in messages), messages
    assert any(m.startswith("Row 87:") and "repeats row 2" in m
               for m in messages), messages
    assert len(messages) == 3
    assert not CommitmentEntry.objects.exists() and not Strategy.objects.exists()
    assert Organisation.objects.count() == organisations
