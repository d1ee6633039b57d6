"""Every organisation the published strategy files name matches one Cadre organisation
after ``cadre load_defaults`` (issue 19: gds-action-4.csv imports with nothing to review)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from cadre.organisations.selectors import match_organisation_names
from tests.helpers import skip_or_fail

SHARED = Path(os.environ.get("CADRE_SHARED_DIR", Path(__file__).resolve().parents[3].parent
                             / "shared")) / "data" / "strategy"
#: Lead organisations in the workstreams file that are not UK government departments
#: (and are not in the embedded reference data).
NOT_DEPARTMENTS = {"Hampshire Fire and Rescue Service", "Scottish Government"}


def _column(name: str, column: str) -> set[str]:
    path = SHARED / name
    if not path.is_file():
        skip_or_fail(f"{path} is absent (the ../shared folder is not there)")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle)}


@pytest.mark.shared_data
@pytest.mark.django_db
def test_every_published_organisation_name_matches_one_organisation() -> None:
    commitments = _column("gds-action-4.csv", "organisation")
    leads = _column("ict-capability-workstreams.csv", "lead_organisation")
    assert len(commitments) == 17
    assert leads >= NOT_DEPARTMENTS
    call_command("load_defaults", stdout=io.StringIO())
    found = match_organisation_names(sorted(commitments | (leads - NOT_DEPARTMENTS)))
    assert [name for name, org in found.items() if org is None] == []
    assert {n: o.abbreviation for n, o in found.items()} == {
        "Cabinet Office": "CO",
        "Department for Business, Innovation and Skills": "BIS",
        "Department for Culture, Media and Sport": "DCMS",
        "Department for Education": "DfE",
        "Department for Environment, Food and Rural Affairs": "Defra",
        "Department for International Development": "DFID",
        "Department for Transport": "DfT",
        "Department for Work and Pensions": "DWP",
        "Department of Energy and Climate Change": "DECC",
        "Department of Health": "DHSC",
        "Foreign and Commonwealth Office": "FCO",
        "Her Majesty’s Revenue and Customs": "HMRC",
        "Her Majesty’s Treasury": "HMT",
        "HM Revenue & Customs": "HMRC",
        "Home Office": "HO",
        "Ministry of Defence": "MOD",
        "Ministry of Justice": "MOJ",
        "The Attorney General’s Office": "AGO",
    }
    assert match_organisation_names(NOT_DEPARTMENTS) == dict.fromkeys(NOT_DEPARTMENTS)
