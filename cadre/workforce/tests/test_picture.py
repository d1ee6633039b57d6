"""The plain picture module and the SVG charts, against hand-worked numbers."""

from __future__ import annotations

import datetime as dt

from cadre.workforce import picture
from cadre.workforce.charts import bar_chart, line_chart
from cadre.workforce.picture import (
    NOT_RECORDED,
    ExtractPoint,
    Group,
    Labels,
    Profession,
    build_picture,
    change_table,
    combine_by_month,
    contingent_cost_table,
    employment_type_table,
    headcount_table,
    long_records,
    table_json,
    table_records,
)

TYPES = {"permanent": "Permanent", "fixed_term": "Fixed-term", "contractor": "Contractor",
         "consultant": "Consultant", "interim": "Interim"}
HID = "fewer than 5"
#: A value hidden only to protect a small one (issue 12: never "fewer than 5").
C = "[c]"

GROUPS = [
    Group(10, family="Data", role="Data analyst", grade="Grade 7", location="Leeds",
          employment_type="permanent"),
    Group(3, family="Data", role="Data engineer", grade="Senior Executive Officer",
          location="Leeds", employment_type="contractor", rated=3, day_rate_total=1800.0),
    Group(8, family="Software", role="Developer", grade="Grade 7", location="London",
          employment_type="permanent"),
    Group(6, family="Software", role="Developer", grade="Senior Executive Officer",
          location="London", employment_type="consultant", rated=5, day_rate_total=4000.0),
    Group(2, employment_type="permanent"),
]
PROF = Profession.from_groups(GROUPS)


def texts(row) -> list[str]:  # noqa: ANN001
    return [c.text for c in row.cells]


def by_label(table) -> dict[str, list[str]]:  # noqa: ANN001
    return {r.label: texts(r) for r in table.rows}


def test_headcount_by_family_exact() -> None:
    t = headcount_table(PROF, "family", key="f", caption="c", row_header="Family",
                        suppress=False)
    assert by_label(t) == {
        "Data": ["10", "3", "13", "23.1%"],
        "Software": ["8", "6", "14", "42.9%"],
        NOT_RECORDED: ["2", "0", "2", "0.0%"],
    }
    assert texts(t.total) == ["20", "9", "29", "31.0%"]
    assert [r.label for r in t.rows][-1] == NOT_RECORDED  # unknowns last


def test_headcount_by_family_suppressed_hides_small_cells_and_their_partners() -> None:
    # Primary: 3 and both 2s. Row "Data" then loses 10 (its partner); the contingent
    # column loses 6; the row totals lose 13; row "Software" then loses 8. Only the
    # small counts read "fewer than 5"; the partners (10, 6, 13, 8) and shares read [c].
    t = headcount_table(PROF, "family", key="f", caption="c", row_header="Family",
                        suppress=True)
    assert by_label(t) == {
        "Data": [C, HID, C, C],
        "Software": [C, C, "14", C],
        NOT_RECORDED: [HID, "0", HID, C],
    }
    assert texts(t.total) == ["20", "9", "29", "31.0%"]
    assert t.rows[0].cells[1].value is None and t.rows[0].cells[1].suppressed


def test_grade_order_follows_the_given_order() -> None:
    t = headcount_table(PROF, "grade", key="g", caption="c", row_header="Grade",
                        suppress=False, order=["Senior Executive Officer", "Grade 7"])
    assert [r.label for r in t.rows] == ["Senior Executive Officer", "Grade 7", NOT_RECORDED]


def test_employment_type_table() -> None:
    exact = employment_type_table(PROF, TYPES, suppress=False)
    assert by_label(exact) == {"Permanent": ["20"], "Fixed-term": ["0"], "Contractor": ["3"],
                               "Consultant": ["6"], "Interim": ["0"]}
    assert texts(exact.total) == ["29"]
    hidden = employment_type_table(PROF, TYPES, suppress=True)
    # 3 is hidden; with the total shown, the smallest other non-zero (6) goes with it.
    assert by_label(hidden)["Contractor"] == [HID]
    assert by_label(hidden)["Consultant"] == [C]
    assert by_label(hidden)["Permanent"] == ["20"]
    assert texts(hidden.total) == ["29"]


def test_contingent_cost_exact() -> None:
    t = contingent_cost_table(PROF, TYPES, suppress=False, working_days=220)
    assert by_label(t) == {
        "Contractor": ["3", "3", "£1,800", "£600", "£396,000"],
        "Consultant": ["6", "5", "£4,000", "£800", "£880,000"],
        "Interim": ["0", "0", "£0", "", "£0"],
    }
    assert texts(t.total) == ["9", "8", "£5,800", "£725", "£1,276,000"]
    assert "220 working days" in t.notes[0]


def test_contingent_cost_suppressed_hides_costs_with_their_counts() -> None:
    t = contingent_cost_table(PROF, TYPES, suppress=True)
    rows = by_label(t)
    # 3 contractors, all rated: small; their costs are worked out from a hidden count.
    assert rows["Contractor"] == [HID, HID, C, C, C]
    # 6 consultants, 5 rated: hidden as partners of the 1 unrated consultant, not small.
    assert rows["Consultant"] == [C] * 5
    assert rows["Interim"] == ["0", "0", "£0", "", "£0"]
    # The total headcount stays; the rated total (8) is hidden as the partner of 1
    # unrated consultant, so every total cost goes with it.
    assert texts(t.total) == ["9", C, C, C, C]


POINTS = [
    ExtractPoint("DA", dt.date(2026, 1, 31), headcount=20, contingent=8),
    ExtractPoint("DA", dt.date(2026, 4, 30), headcount=23, contingent=3, joiners=6,
                 leavers=3, changed=2),
]


def test_change_between_extracts_exact() -> None:
    t = change_table(POINTS, suppress=False)
    assert by_label(t) == {
        "2026-01-31": ["20", "8", "40.0%", "", "0", "0", "0"],
        "2026-04-30": ["23", "3", "13.0%", "3", "6", "3", "2"],
    }


def test_change_between_extracts_suppressed() -> None:
    t = change_table(POINTS, suppress=True)
    assert by_label(t) == {
        "2026-01-31": ["20", "8", "40.0%", "", "0", "0", "0"],
        # 3 contingent hidden, and 20 employed as its partner; the headcount stays.
        "2026-04-30": ["23", HID, C, "3", "6", HID, HID],
    }


def test_change_is_hidden_when_either_headcount_is() -> None:
    points = [ExtractPoint("DA", dt.date(2026, 1, 1), 3, 0),
              ExtractPoint("DA", dt.date(2026, 2, 1), 9, 0)]
    t = change_table(points, suppress=True)
    assert by_label(t)["2026-02-01"][:4] == ["9", "0", "0.0%", C]


def test_combine_by_month_carries_each_organisation_forward() -> None:
    points = [
        ExtractPoint("DA", dt.date(2026, 1, 31), 20, 8),
        ExtractPoint("DB", dt.date(2026, 2, 15), 10, 2, joiners=1),
        ExtractPoint("DA", dt.date(2026, 2, 28), 22, 5, joiners=2),
        ExtractPoint("DB", dt.date(2026, 3, 10), 12, 2),
    ]
    series = combine_by_month(points)
    assert [(p.taken_on, p.headcount, p.contingent, p.joiners) for p in series] == [
        (dt.date(2026, 1, 1), 20, 8, 0),
        (dt.date(2026, 2, 1), 32, 7, 3),
        (dt.date(2026, 3, 1), 34, 7, 0),  # DA's February extract carried forward
    ]
    assert combine_by_month([]) == []


def test_build_picture_tables_and_organisation_table() -> None:
    labels = Labels(employment_types=TYPES, grade_order=["Grade 7"])
    keys = [t.key for t in build_picture(PROF, POINTS, labels, suppress=False)]
    assert keys == ["role-family", "role", "grade", "location", "employment-type",
                    "contingent-cost", "change"]
    gov = build_picture(Profession.from_groups([Group(12, organisation="DA"),
                                                Group(2, organisation="DB")]), POINTS,
                        labels, suppress=True, by_organisation=True)
    assert gov[0].key == "organisation"
    # Issue 12's "fewer than 5 + fewer than 5 = 14": DA's 12 is only a partner, so [c].
    assert by_label(gov[0]) == {"DA": [C, "0", C, C], "DB": [HID, "0", HID, C]}
    assert texts(gov[0].total) == ["14", "0", "14", "0.0%"]
    assert gov[-1].rows[0].label == "January 2026"


def test_records_and_json_carry_the_suppression() -> None:
    t = headcount_table(PROF, "family", key="role-family", caption="c", row_header="Family",
                        suppress=True)
    columns, rows = table_records(t)
    assert columns == ["Family", picture.EMPLOYED, picture.CONTINGENT, "Headcount",
                       "Contingent share"]
    assert rows[1] == {"Family": "Software", picture.EMPLOYED: C, picture.CONTINGENT: C,
                       "Headcount": 14, "Contingent share": C}
    assert rows[-1]["Family"] == "Total"
    data = table_json(t)
    assert data["rows"][1] == {"label": "Software", "values": [None, None, 14, None],
                               "suppressed": [True, True, False, True]}
    _, long = long_records([t])
    assert {"table": "role-family", "group": "Software", "measure": "Headcount",
            "value": 14} in long
    assert len(long) == 4 * 4


def test_contingent_types_match_the_people_app() -> None:
    from cadre.people.models import CONTINGENT_TYPES

    assert {str(t) for t in CONTINGENT_TYPES} == picture._CONTINGENT_TYPES


def test_bar_chart_is_accessible_and_marks_hidden_bars() -> None:
    svg = bar_chart("c1", "Headcount <by> role", [("Data", 13.0), ("Tiny", None),
                                                  ("Software", 26.0)])
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Headcount &lt;by&gt; role</title>' in svg
    assert svg.count("<rect") == 2  # no bar for the hidden value
    assert "fewer than 5" in svg and "1 hidden" in svg
    assert ">26<" in svg and ">Software<" in svg
    assert "<script" not in svg


def test_line_chart_breaks_at_hidden_points() -> None:
    svg = line_chart("c2", "Over time", ["Jan", "Feb", "Mar", "Apr"],
                     {"Headcount": [10, 12, None, 15], "Contingent": [5, 6, 7, 8]})
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert svg.count("<polyline") == 2  # one run before the gap for Headcount, one for the other
    assert svg.count("<circle") == 7
    assert "Jan to Apr" in svg


def test_codes_sharing_a_name_are_counted_together_and_large_codes_work() -> None:
    import numpy as np

    def prof(codes: list[int]) -> Profession:
        n = len(codes)
        zeros = np.zeros(n, dtype=np.int64)
        return Profession(
            count=np.array([2, 3, 4, 1]), rated=zeros, day_rate_total=zeros.astype(float),
            codes={"role": np.array(codes), "employment_type": zeros},
            labels={"role": {codes[0]: "Developer", codes[1]: "Developer",
                             codes[2]: "Tester"}, "employment_type": {0: "permanent"}})

    for codes in ([10, 11, 12, -1], [5_000_000, 5_000_001, 7, -1]):  # bincount, then unique
        t = headcount_table(prof(codes), "role", key="r", caption="c", row_header="Role",
                            suppress=False)
        assert {r.label: r.cells[2].value for r in t.rows} == {
            "Developer": 5, "Tester": 4, NOT_RECORDED: 1}


def test_an_empty_profession_gives_empty_tables() -> None:
    empty = Profession.from_groups([])
    tables = build_picture(empty, [], Labels(employment_types=TYPES), suppress=True)
    family = tables[0]
    assert family.rows == [] and texts(family.total) == ["0", "0", "0", ""]
    assert all(c.text in {"0", "£0", ""} for c in tables[5].total.cells)
    assert tables[-1].rows == []
