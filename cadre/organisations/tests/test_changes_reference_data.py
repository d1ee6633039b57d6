"""The embedded former departments, former names and changes (cadre load_defaults)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command

from cadre.organisations.models import Organisation, OrganisationChange, OrganisationName
from cadre.organisations.reference_data import (
    DEPARTMENTS_CSV,
    FORMER_DEPARTMENTS_CSV,
    FORMER_NAMES_CSV,
    ORGANISATION_CHANGES_CSV,
)
from cadre.organisations.selectors import current_successors, match_organisation_names

pytestmark = pytest.mark.django_db


def _rows(path) -> list[dict[str, str]]:  # noqa: ANN001
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_files_refer_only_to_organisations_they_define() -> None:
    current = {r["abbreviation"] for r in _rows(DEPARTMENTS_CSV)}
    closed = {r["abbreviation"] for r in _rows(FORMER_DEPARTMENTS_CSV)}
    assert not current & closed
    assert {r["organisation"] for r in _rows(FORMER_NAMES_CSV)} <= current
    for row in _rows(ORGANISATION_CHANGES_CSV):
        assert row["predecessor"] in current | closed
        assert row["successor"] in current | closed | {""}
        assert row["kind"] in {"rename", "merger", "split", "closure", "transfer"}
        dt.date.fromisoformat(row["date"])
    for row in _rows(FORMER_DEPARTMENTS_CSV):  # closed the day its change took effect
        changes = [c for c in _rows(ORGANISATION_CHANGES_CSV)
                   if c["predecessor"] == row["abbreviation"] and c["kind"] != "transfer"]
        assert changes and all(c["date"] == row["active_to"] for c in changes), row


def test_load_defaults_loads_the_history_once() -> None:
    call_command("load_defaults", stdout=io.StringIO())
    counts = (Organisation.objects.count(), OrganisationName.objects.count(),
              OrganisationChange.objects.count())
    call_command("load_defaults", stdout=io.StringIO())
    assert (Organisation.objects.count(), OrganisationName.objects.count(),
            OrganisationChange.objects.count()) == counts
    assert counts[1:] == (len(_rows(FORMER_NAMES_CSV)), len(_rows(ORGANISATION_CHANGES_CSV)))
    by = {o.abbreviation: o for o in Organisation.objects.all()}
    assert by["HMRC"].name == "HM Revenue & Customs" and by["HMT"].name == "HM Treasury"
    assert by["BIS"].active_to == dt.date(2016, 7, 14)
    assert by["DExEU"].active_to == dt.date(2020, 1, 31)
    assert by["FCDO"].active_to is None
    ids = current_successors([by[a].pk for a in ("BIS", "DECC", "BEIS", "DIT", "DFID", "FCO",
                                                  "DExEU", "DHSC")])
    three = sorted(by[a].pk for a in ("DESNZ", "DSIT", "DBT"))
    assert ids == {by["BIS"].pk: three, by["DECC"].pk: three, by["BEIS"].pk: three,
                   by["DIT"].pk: [by["DBT"].pk], by["DFID"].pk: [by["FCDO"].pk],
                   by["FCO"].pk: [by["FCDO"].pk], by["DExEU"].pk: [],
                   by["DHSC"].pk: [by["DHSC"].pk]}
    names = ["Department of Health", "Department for Communities and Local Government",
             "DLUHC", "Department for Levelling Up, Housing & Communities",
             "Department for Digital, Culture, Media and Sport", "DCSF",
             "Department for International Trade", "HM Revenue and Customs"]
    assert {n: o.abbreviation for n, o in match_organisation_names(names).items()} == {
        "Department of Health": "DHSC",
        "Department for Communities and Local Government": "MHCLG",
        "DLUHC": "MHCLG", "Department for Levelling Up, Housing & Communities": "MHCLG",
        "Department for Digital, Culture, Media and Sport": "DCMS", "DCSF": "DfE",
        "Department for International Trade": "DIT", "HM Revenue and Customs": "HMRC"}


def test_a_former_department_already_held_is_kept_and_dated() -> None:
    call_command("load_defaults", stdout=io.StringIO())
    bis = Organisation.objects.get(abbreviation="BIS")
    Organisation.objects.filter(pk=bis.pk).update(active_to=None)
    call_command("load_defaults", stdout=io.StringIO())
    bis.refresh_from_db()
    assert bis.active_to == dt.date(2016, 7, 14)


def test_an_abbreviation_used_by_another_body_is_left_alone() -> None:
    other = Organisation.objects.create(name="Borough Improvement Service", abbreviation="BIS",
                                        type="local_authority")
    made = Organisation.objects.create(name="Department for International Development",
                                       abbreviation="DID", type="other_public_body",
                                       active_to=dt.date.today())
    call_command("load_defaults", stdout=io.StringIO())
    other.refresh_from_db()
    made.refresh_from_db()
    assert other.active_to is None and not other.changes_as_predecessor.exists()
    bis = Organisation.objects.get(name="Department for Business, Innovation and Skills")
    assert bis.abbreviation == "DBIS" and bis.active_to == dt.date(2016, 7, 14)
    assert bis.changes_as_predecessor.filter(kind="merger", successor__abbreviation="BEIS")
    assert made.active_to == dt.date(2020, 9, 2)
    assert made.changes_as_predecessor.get().successor.abbreviation == "FCDO"
    assert not Organisation.objects.filter(abbreviation="DFID").exists()
