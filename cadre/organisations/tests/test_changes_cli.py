"""``cadre organisations changes|former-names|match|add-former-name|record-change``."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.organisations.models import Organisation, OrganisationChange, OrganisationName

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("organisations", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def defaults() -> None:
    call_command("load_defaults", stdout=io.StringIO())


def test_changes_as_json_and_csv(defaults) -> None:  # noqa: ANN001
    rows = json.loads(_run("changes"))
    assert len(rows) == OrganisationChange.objects.count()
    assert rows[0] == {
        "date": "2016-07-14", "kind": "merger", "predecessor": "BIS",
        "predecessor_name": "Department for Business, Innovation and Skills",
        "successor": "BEIS",
        "successor_name": "Department for Business, Energy and Industrial Strategy",
        "note": rows[0]["note"]}
    closure = next(r for r in rows if r["kind"] == "closure")
    assert closure["predecessor"] == "DExEU" and closure["successor"] is None
    table = list(csv.DictReader(io.StringIO(_run("changes", "--format", "csv"))))
    assert [r["predecessor"] for r in table] == [r["predecessor"] for r in rows]
    assert next(r for r in table if r["kind"] == "closure")["successor"] == ""
    beis = json.loads(_run("changes", "--organisation", "beis"))
    assert {(r["predecessor"], r["successor"]) for r in beis} == {
        ("BIS", "BEIS"), ("DECC", "BEIS"), ("BEIS", "DESNZ"), ("BEIS", "DSIT"),
        ("BEIS", "DBT")}


def test_former_names_and_match(defaults) -> None:  # noqa: ANN001
    names = json.loads(_run("former-names", "--organisation", "MHCLG"))
    assert [n["abbreviation"] for n in names] == ["DCLG", "MHCLG", "DLUHC"]
    every = list(csv.DictReader(io.StringIO(_run("former-names", "--format", "csv"))))
    assert len(every) == OrganisationName.objects.count()
    matched = json.loads(_run("match", "Department of Energy and Climate Change",
                              "Her Majesty’s Treasury", "Nowhere Office"))
    assert matched[0]["organisation"] == "DECC" and matched[0]["closed"] == "2016-07-14"
    assert sorted(matched[0]["rolls_up_into"]) == ["DBT", "DESNZ", "DSIT"]
    assert matched[1]["organisation"] == "HMT" and matched[1]["rolls_up_into"] == ["HMT"]
    assert matched[2] == {"name": "Nowhere Office", "organisation": None,
                          "organisation_name": None, "closed": None, "rolls_up_into": []}


def test_writes_from_the_command_line(defaults) -> None:  # noqa: ANN001
    out = _run("add-former-name", "--organisation", "GLD", "--name",
               "Treasury Solicitor's Department", "--abbreviation", "TSol",
               "--to", "2015-04-01")
    assert "added to GLD" in out
    assert OrganisationName.objects.get(abbreviation="TSol").organisation.abbreviation == "GLD"
    Organisation.objects.create(name="Old Office", abbreviation="OLD", type="other_public_body")
    _run("record-change", "--organisation", "OLD", "--kind", "merger", "--date", "2019-04-01",
         "--successor", "CO", "--note", "Joined the Cabinet Office")
    assert str(Organisation.objects.get(abbreviation="OLD").active_to) == "2019-04-01"
    with pytest.raises(CommandError, match="successor"):
        _run("record-change", "--organisation", "OLD", "--kind", "split", "--date",
             "2019-04-01")
    with pytest.raises(CommandError, match="No organisation with the abbreviation 'NOPE'"):
        _run("changes", "--organisation", "NOPE")
    with pytest.raises(CommandError, match="valid_to"):
        _run("add-former-name", "--organisation", "GLD", "--name", "X", "--to", "31/12/2010")
