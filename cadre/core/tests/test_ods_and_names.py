"""ODS downloads (written by odfpy, read back cell by cell) and readable download names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cadre.core.downloads import content_disposition, download_name
from cadre.core.exports import CONTENT_TYPES, SPREADSHEETS, render_table
from cadre.core.tabular import read_ods_values, write_ods


def test_ods_keeps_numbers_dates_text_and_blanks() -> None:
    rows = [{"name": "Ada", "count": 72, "share": Decimal("12.5"), "on": dt.date(2026, 3, 31),
             "note": None, "flag": True},
            {"name": "=cmd()", "count": "fewer than 5", "share": 1.5,
             "on": dt.datetime(2026, 4, 1, 9, 30), "note": "a\x00b", "flag": False}]
    data = write_ods(["name", "count", "share", "on", "note", "flag"], rows, sheet_title="A/B")
    assert data[:2] == b"PK"  # a zip
    grid = read_ods_values(data)
    assert grid[0] == ["name", "count", "share", "on", "note", "flag"]
    assert grid[1] == ["Ada", 72.0, 12.5, "2026-03-31", None, True]
    # Text a spreadsheet would run is quoted, control characters dropped, as in XLSX.
    assert grid[2] == ["'=cmd()", "fewer than 5", 1.5, "2026-04-01T09:30:00", "ab", False]


def test_render_table_offers_ods_everywhere_spreadsheets_are_offered() -> None:
    assert SPREADSHEETS == ("csv", "xlsx", "ods")
    export = render_table(["a"], [{"a": 1}, {"a": "[c]"}], "ods", filename="counts")
    assert export.filename == "counts.ods" and export.rows == 2
    assert export.content_type == CONTENT_TYPES["ods"] == (
        "application/vnd.oasis.opendocument.spreadsheet")
    assert read_ods_values(export.content) == [["a"], [1.0], ["[c]"]]


@pytest.mark.parametrize(("parts", "expected"), [
    (("role profile", "Data engineer", "Senior data engineer"),
     "role-profile-data-engineer-senior-data-engineer"),
    (("nine-box ratings", "Year-end talent review 2026"),
     "nine-box-ratings-year-end-talent-review-2026"),
    (("matches", "Développeur / Lead (SCS1)"), "matches-developpeur-lead-scs1"),
    (("", None, "  "), "download"),
])
def test_download_names_come_from_titles(parts: tuple, expected: str) -> None:
    assert download_name(*parts) == expected


def test_download_names_are_cut_on_a_word() -> None:
    name = download_name("word " * 40)
    assert len(name) <= 80 and not name.endswith("-") and name.startswith("word-word")
    assert 'filename="matches-senior-product-manager.ods"' in content_disposition(
        f"{download_name('matches', 'Senior product manager')}.ods")
