"""Parsing the UK framework's files as published, as saved by Excel, and broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from cadre.framework.ddat_csv import FrameworkFileError, parse_ddat
from tests.helpers import skip_or_fail

DDAT = Path(settings.CADRE_SHARED_DIR) / "data" / "ddat"


@pytest.fixture(scope="module")
def published() -> tuple[bytes, bytes]:
    if not (DDAT / "roles.csv").exists():
        skip_or_fail(f"The published framework files are not at {DDAT} (../shared is absent)")
    return (DDAT / "roles.csv").read_bytes(), (DDAT / "skills.csv").read_bytes()


def _excel_saved(data: bytes) -> bytes:
    """What Excel writes on 'Save as CSV UTF-8': a byte-order mark and CRLF line ends."""
    text = data.decode("utf-8").replace("\r\n", "\n").replace("\n", "\r\n")
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def test_published_files_give_the_published_counts(published) -> None:  # noqa: ANN001
    parsed = parse_ddat(*published)
    assert len(parsed.families) == 8
    assert len(parsed.roles) == 52
    assert len(parsed.role_levels) == 205
    assert len(parsed.skills) == 188
    # 1,825 rows less the NOT IN USE skill levels and the repeated skills.
    assert len(parsed.requirements) < 1825
    assert any("NOT IN USE" in w for w in parsed.warnings)
    assert any("repeated" in w for w in parsed.warnings)


def test_quirks_are_handled(published) -> None:  # noqa: ANN001
    parsed = parse_ddat(*published)
    levels = {(lv.role, lv.name): lv for lv in parsed.role_levels}
    # "NOT IN USE" Chief levels are named after the role and flagged SCS.
    cto = levels[("Chief technology officer", "Chief technology officer")]
    assert cto.is_senior_civil_service and cto.seniority == max(
        lv.seniority for lv in parsed.role_levels)
    # Trailing spaces are gone.
    assert ("End user computing engineer", "End user computing engineer") in levels
    # Placeholder texts become empty, never "not defined" or "MISSING".
    texts = [d for s in parsed.skills for d in s.descriptors.values()] + [
        s.description for s in parsed.skills]
    assert not any(t.lower() in {"missing", "this skill level is currently not defined."}
                   for t in texts)
    # Multi-line cells keep their lines.
    assert any("\n" in s.description or any("\n" in d for d in s.descriptors.values())
               for s in parsed.skills)
    # Skills qualified per role are their own skills, as published.
    assert any(s.name == "Communication (data ethics)" for s in parsed.skills)
    # Requirements are unique per role level and skill.
    keys = [(r, lv, s) for r, lv, s, _ in parsed.requirements]
    assert len(keys) == len(set(keys))


def test_level_order_is_derived(published) -> None:  # noqa: ANN001
    parsed = parse_ddat(*published)

    def ladder(role: str) -> list[str]:
        return [lv.name for lv in sorted(
            (lv for lv in parsed.role_levels if lv.role == role), key=lambda lv: lv.order)]

    assert ladder("Software developer") == [
        "Apprentice developer", "Junior developer", "Developer", "Senior developer",
        "Senior developer - management", "Lead developer", "Lead developer - management",
        "Principal developer", "Principal developer - management"]
    assert ladder("Service desk manager") == [
        "Service desk analyst", "Senior service desk analyst", "Service desk manager",
        "Head of service desk"]
    assert ladder("Content designer")[:3] == [
        "Associate content designer", "Junior content designer", "Content designer"]


def test_excel_saved_files_parse_the_same(published) -> None:  # noqa: ANN001
    original = parse_ddat(*published)
    resaved = parse_ddat(_excel_saved(published[0]), _excel_saved(published[1]))
    assert resaved.requirements == original.requirements
    assert [(lv.role, lv.name, lv.order) for lv in resaved.role_levels] == [
        (lv.role, lv.name, lv.order) for lv in original.role_levels]
    assert [(s.name, s.descriptors) for s in resaved.skills] == [
        (s.name, s.descriptors) for s in original.skills]


ROLES_HEADER = ("Role Family,Role,Role Description,Role Level,Role Level Description,"
                "Skill Name,Skill Description,Skill Level,Skill Level Description,Role Type\n")
SKILLS = (b"Skill Name,Skill Description,Awareness,Working,Practitioner,Expert,"
          b"Roles that require Skill\nCoding,Writes code,a,b,c,d,Developer\n")


def test_malformed_files_name_file_row_and_column() -> None:
    roles = (ROLES_HEADER
             + "Dev,Developer,d,Developer,d,Coding,d,Wizard,d,\n"       # row 2: bad level word
             + "Dev,,d,Developer,d,Coding,d,Working,d,\n"               # row 3: empty role
             + "Dev,Developer,d,Developer,d,Juggling,d,Working,d,\n")   # row 4: undefined skill
    with pytest.raises(FrameworkFileError) as caught:
        parse_ddat(roles.encode(), SKILLS)
    found = {(name, e.row, e.column) for name, e in caught.value.errors}
    assert found == {("roles.csv", 2, "skill_level"), ("roles.csv", 3, "role"),
                     ("roles.csv", 4, "skill_name")}
    assert "Wizard" in str(caught.value) and "Juggling" in str(caught.value)


def test_missing_columns_are_named() -> None:
    with pytest.raises(FrameworkFileError, match="skill_level"):
        parse_ddat(b"Role Family,Role,Role Level,Skill Name\nA,B,C,D\n", SKILLS)
