"""match_organisation_names and current_successors: the reads other apps build on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.organisations.selectors import current_successors, match_organisation_names
from cadre.organisations.tests.changes_fixtures import change, former, org

pytestmark = pytest.mark.django_db
CLOSED = dt.date(2020, 1, 1)


def test_names_match_current_former_and_abbreviations_in_few_queries() -> None:
    hmt = org("HMT", "HM Treasury")
    dhsc = org("DHSC", "Department of Health and Social Care")
    former(dhsc, "Department of Health", "DH")
    twin1, twin2 = org("T1", "Office of Twins"), org("T2", "The Office of Twins")
    names = ["Her Majesty’s Treasury", "Department of Health", "dh", "DHSC",
             "Office of Twins", "Nobody at all", "Her Majesty’s Treasury"]
    with CaptureQueriesContext(connection) as queries:
        found = match_organisation_names(names)
    assert len(queries) <= 3
    assert found == {"Her Majesty’s Treasury": hmt, "Department of Health": dhsc,
                     "dh": dhsc, "DHSC": dhsc, "Office of Twins": None,
                     "Nobody at all": None}
    assert twin1.pk != twin2.pk
    many = [f"Name {i}" for i in range(200)]
    with CaptureQueriesContext(connection) as queries:
        assert set(match_organisation_names(many).values()) == {None}
    assert len(queries) <= 3


def test_no_names_no_queries() -> None:
    with CaptureQueriesContext(connection) as queries:
        assert match_organisation_names([]) == {}
    assert len(queries) == 0


def test_a_record_named_as_the_old_name_wins_over_a_former_name() -> None:
    dhsc = org("DHSC", "Department of Health and Social Care")
    former(dhsc, "Department of Health", "DH")
    old = org("DH-OLD", "Department of Health", closed=CLOSED)
    assert match_organisation_names(["Department of Health"]) == {"Department of Health": old}


def test_two_organisations_with_the_same_former_name_are_ambiguous() -> None:
    a, b = org("A"), org("B")
    former(a, "Ministry of Everything")
    former(b, "Ministry of Everything")
    assert match_organisation_names(["ministry of everything"]) == {
        "ministry of everything": None}


def test_current_successors_follow_renames_mergers_and_splits() -> None:
    open_ = org("OPEN")
    gone = org("GONE", closed=CLOSED)  # closed, no successor
    bis, decc = org("BIS", closed=CLOSED), org("DECC", closed=CLOSED)
    beis = org("BEIS", closed=dt.date(2023, 2, 7))
    desnz, dsit, dbt = org("DESNZ"), org("DSIT"), org("DBT")
    dfe = org("DFE")
    change("merger", bis, beis)
    change("merger", decc, beis)
    change("transfer", bis, dfe)  # a transfer does not move figures
    for successor in (desnz, dsit, dbt):
        change("split", beis, successor, dt.date(2023, 2, 7))
    dit = org("DIT", closed=dt.date(2023, 2, 7))
    change("merger", dit, dbt, dt.date(2023, 2, 7))
    exeu = org("DEXEU", closed=CLOSED)
    change("closure", exeu, None)
    split_ids = sorted([desnz.pk, dsit.pk, dbt.pk])
    ids = [open_.pk, gone.pk, bis.pk, decc.pk, beis.pk, dit.pk, exeu.pk, desnz.pk, 999_999]
    with CaptureQueriesContext(connection) as queries:
        result = current_successors(ids)
    assert len(queries) <= 3
    assert result == {
        open_.pk: [open_.pk], gone.pk: [], bis.pk: split_ids, decc.pk: split_ids,
        beis.pk: split_ids, dit.pk: [dbt.pk], exeu.pk: [], desnz.pk: [desnz.pk],
        999_999: [],
    }


def test_a_loop_of_closed_organisations_ends() -> None:
    a, b = org("A", closed=CLOSED), org("B", closed=CLOSED)
    change("rename", a, b)
    change("rename", b, a, dt.date(2021, 1, 1))
    assert current_successors([a.pk]) == {a.pk: []}


def test_a_closed_successor_is_followed_on() -> None:
    a, b, c = org("A", closed=CLOSED), org("B", closed=CLOSED), org("C")
    change("rename", a, b)
    change("merger", b, c, dt.date(2021, 1, 1))
    assert current_successors(iter([a.pk, a.pk])) == {a.pk: [c.pk]}
