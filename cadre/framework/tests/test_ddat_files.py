"""Parsing the UK framework's files as published, as saved by Excel, and broken (no Django)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from cadre.framework.ddat_csv import (
    FileCellError,
    FrameworkFileError,
    ParsedFramework,
    parse_ddat,
)
from cadre.framework.tests.ddat_files import published_files, skip_or_fail


@pytest.fixture(scope="module")
def published() -> tuple[bytes, bytes]:
    return published_files()


@pytest.fixture(scope="module")
def parsed(published: tuple[bytes, bytes]) -> ParsedFramework:
    return parse_ddat(*published)


def test_published_files_give_the_published_counts(published, parsed) -> None:  # noqa: ANN001
    assert len(parsed.role_families) == 8
    assert len(parsed.roles) == 52
    assert len(parsed.role_levels) == 205
    assert len(parsed.skills) == 188
    assert parsed.row_count == 1825
    assert parsed.warning_counts == {"skill_level_not_in_use": 28, "duplicate_requirement": 16,
                                     "role_level_not_in_use": 4, "listed_roles_differ": 15}
    # Counted independently: distinct (role, level, skill) among rows with a real level.
    rows = list(csv.DictReader(io.StringIO(published[0].decode("utf-8"), newline="")))
    assert len(rows) == 1825
    keys = {(r["Role"], r["Role Level"].strip(), r["Skill Name"]) for r in rows
            if r["Skill Level"] != "NOT IN USE"}
    assert len(parsed.requirements) == len(keys) == 1825 - 28 - 16
    assert parsed.families == parsed.role_families


def test_chief_roles_keep_one_scs_level_named_after_the_role(parsed) -> None:  # noqa: ANN001
    chiefs = [lv for lv in parsed.role_levels if lv.is_senior_civil_service]
    assert sorted(lv.name for lv in chiefs) == [
        "Chief data officer", "Chief digital and information officer",
        "Chief information security officer", "Chief technology officer"]
    assert all(lv.name == lv.role and lv.rank == 7 for lv in chiefs)
    assert max(lv.rank for lv in parsed.role_levels if not lv.is_senior_civil_service) == 6
    assert not {r.role for r in parsed.requirements} & {lv.role for lv in chiefs}
    assert {r.role_type for r in parsed.roles if r.is_senior_civil_service} == {
        "Senior Civil Service"}


def test_texts_and_names_are_cleaned(parsed) -> None:  # noqa: ANN001
    levels = {(lv.role, lv.name) for lv in parsed.role_levels}
    assert ("End user computing engineer", "End user computing engineer") in levels
    names = [n for lv in parsed.role_levels for n in (lv.role, lv.name)] + [
        s.name for s in parsed.skills]
    assert all(n == n.strip() and "  " not in n for n in names)
    texts = [s.description for s in parsed.skills] + [
        d for s in parsed.skills for d in s.descriptors.values()] + [
        lv.description for lv in parsed.role_levels]
    assert not any(t.lower() in {"missing", "not in use"} or "not defined." in t.lower()
                   for t in texts)
    assert not any("\r" in t for t in texts)
    # Multi-line cells keep their lines.
    developer = next(r for r in parsed.roles if r.name == "Software developer")
    assert "\n- " in developer.description
    # Skills whose levels are marked "not defined" say so (the Chief-only skills).
    assert sum(1 for s in parsed.skills if s.undefined_levels) > 0


def test_qualified_skills_stay_separate_and_link_to_their_base(parsed) -> None:  # noqa: ANN001
    skills = {s.name: s for s in parsed.skills}
    focus = skills["User focus (content design)"]
    assert (focus.base_skill, focus.qualifier) == ("User focus", "content design")
    build = skills["Programming and build (software engineering)"]
    assert (build.base_skill, build.qualifier) == ("", "software engineering")
    assert sum(1 for s in parsed.skills if s.qualifier) == 26
    assert sum(1 for s in parsed.skills if s.base_skill) == 16


def test_rows_are_spreadsheet_rows_not_text_lines(published, parsed) -> None:  # noqa: ANN001
    reader = csv.reader(io.StringIO(published[0].decode("utf-8"), newline=""))
    record = next(n for n, cells in enumerate(reader, start=1)
                  if cells[1] == "Chief data officer")
    first = next(w for w in parsed.warnings if w.kind == "role_level_not_in_use"
                 and "Chief data officer" in w.message)
    assert first.row == record
    assert reader.line_num > record  # the text line is far further down


def _excel_utf8(data: bytes) -> bytes:
    """What Excel writes on 'Save as CSV UTF-8': a byte-order mark and CRLF line ends."""
    text = data.decode("utf-8").replace("\r\n", "\n").replace("\n", "\r\n")
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def test_excel_saved_utf8_parses_the_same(published, parsed) -> None:  # noqa: ANN001
    assert parse_ddat(_excel_utf8(published[0]), _excel_utf8(published[1])) == parsed


def test_excel_saved_cp1252_parses_the_same(published) -> None:  # noqa: ANN001
    # Windows-1252 cannot hold the zero-width spaces and line separators of the files,
    # so both sides are compared without them.
    def plain(data: bytes) -> str:
        return data.decode("utf-8").replace("\u200b", "").replace("\u2028", "\n")

    utf8 = parse_ddat(*(plain(d).encode("utf-8") for d in published))
    cp1252 = parse_ddat(*(plain(d).replace("\n", "\r\n").encode("cp1252") for d in published))
    assert cp1252 == utf8
    assert any("’" in r.description for r in cp1252.roles)


ROLES_HEADER = ("Role Family,Role,Role Description,Role Level,Role Level Description,"
                "Skill Name,Skill Description,Skill Level,Skill Level Description,Role Type\n")
SKILLS_HEADER = "Skill Name,Skill Description,Awareness,Working,Practitioner,Expert,"\
                "Roles that require Skill\n"
SKILLS = (SKILLS_HEADER + "Coding,Writes code,a,b,c,d,Developer\n"
          "Testing,,a,b,c,This skill level is currently not defined.,Developer\n"
          "User focus,Users first,a,b,c,d,Developer\n"
          "User focus (content design),,a,b,c,d,Developer\n"
          "Ethics (data),e,a,b,c,d,Developer\n")


def _parse(rows: str, skills: str = SKILLS) -> ParsedFramework:
    return parse_ddat((ROLES_HEADER + rows).encode(), skills.encode())


def test_quirks_on_a_small_file() -> None:
    parsed = _parse(
        'Dev,Developer,"Builds\nthings",Developer ,d,Coding,d,Working,d,\n'
        "Dev,Developer,d,Developer,d,Coding,d,Expert,d,\n"           # repeated: keep Expert
        "Dev,Developer,d,Developer,d,Coding,d,Awareness,d,\n"        # repeated: still Expert
        "Dev,Developer,d,Developer,d,testing,MISSING,working,d,\n"   # case differs
        "Dev,Developer,d,Senior developer,MISSING,User focus (content design),"
        "Knowing users,NOT IN USE,NOT IN USE,\n"
        "Lead,Chief developer,d,NOT IN USE,NOT IN USE,Ethics (data),d,NOT IN USE,x,"
        "Senior Civil Service\n")
    assert [tuple(r) for r in parsed.requirements] == [
        ("Developer", "Developer", "Coding", "Expert"),
        ("Developer", "Developer", "Testing", "Working")]
    assert parsed.requirements[0].ordinal == 4
    assert parsed.warning_counts["duplicate_requirement"] == 2
    assert parsed.warning_counts["skill_level_not_in_use"] == 2
    levels = {(lv.role, lv.name): lv for lv in parsed.role_levels}
    assert levels[("Developer", "Senior developer")].description == ""
    assert levels[("Developer", "Senior developer")].order == 1
    chief = levels[("Chief developer", "Chief developer")]
    assert chief.is_senior_civil_service and chief.rank == 7
    assert parsed.roles[0].description == "Builds\nthings"
    skills = {s.name: s for s in parsed.skills}
    assert skills["Testing"].undefined_levels == ("Expert",)
    assert skills["Testing"].descriptors["Expert"] == ""
    # An empty description is filled from roles.csv when it has one.
    assert skills["User focus (content design)"].description == "Knowing users"
    assert skills["User focus (content design)"].base_skill == "User focus"
    assert skills["Ethics (data)"].base_skill == ""


def test_semicolons_and_blank_rows_are_read() -> None:
    roles = (ROLES_HEADER + "\n,,,,,,,,,\nDev,Developer,d,Developer,d,Coding,d,Working,d,\n")
    parsed = parse_ddat(roles.replace(",", ";").encode(), SKILLS.replace(",", ";").encode())
    assert [tuple(r) for r in parsed.requirements] == [
        ("Developer", "Developer", "Coding", "Working")]


def test_malformed_files_name_file_row_and_column() -> None:
    rows = ('Dev,Developer,"a cell\nover\nthree lines",Developer,d,Coding,d,Wizard,d,\n'  # 2
            "Dev,,d,Developer,d,Coding,d,Working,d,\n"                   # 3: empty role
            "Dev,Developer,d,Developer,d,Juggling,d,Working,d,\n"        # 4: undefined skill
            "Dev,Developer,d,Developer,d,Testing,d,Expert,d,\n"          # 5: level not defined
            "Ops,Developer,d,Developer,d,Coding,d,Working,d,\n")         # 6: other family
    skills = SKILLS + "Coding,Again,a,b,c,d,Developer\n"                # 7: skill twice
    with pytest.raises(FrameworkFileError) as caught:
        _parse(rows, skills)
    found = {(e.file, e.row, e.column) for e in caught.value.errors}
    assert found == {("roles.csv", 2, "skill_level"), ("roles.csv", 3, "role"),
                     ("roles.csv", 4, "skill_name"), ("roles.csv", 5, "skill_level"),
                     ("roles.csv", 6, "role_family"), ("skills.csv", 7, "skill_name")}
    message = str(caught.value)
    assert "Wizard" in message and "Juggling" in message and "not defined" in message
    # Each problem is a CellError with its file, and unpacks as (file, error).
    error = caught.value.errors[0]
    assert isinstance(error, FileCellError)
    name, cell = error
    assert name == error.file and str(cell).startswith(f"Row {cell.row}, column '")


def test_missing_columns_are_named() -> None:
    with pytest.raises(FrameworkFileError) as caught:
        parse_ddat(b"Role Family,Role,Role Level,Skill Name\nA,B,C,D\n", SKILLS.encode())
    missing = {(e.row, e.column) for e in caught.value.errors}
    assert (1, "skill_level") in missing and (1, "role_type") in missing
    assert "Skill Level" in str(caught.value)


def test_missing_shared_folder_skips_or_fails_in_ci(monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not in"):
        published_files(tmp_path / "absent")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run"):
        skip_or_fail("absent")
