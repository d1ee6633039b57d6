"""Role level order derived from names: rules on made-up names, then the published file."""

from __future__ import annotations

from collections import defaultdict

import pytest

from cadre.framework.ddat_csv import ParsedFramework, ParsedRoleLevel, parse_ddat
from cadre.framework.level_order import (
    ASSOCIATE,
    CHIEF,
    HEAD,
    JUNIOR,
    LEAD,
    NO_LADDER_WORD,
    PLAIN,
    PRINCIPAL,
    SENIOR,
    order_levels,
    place_level,
    rank_for_seniority,
)
from cadre.framework.tests.ddat_files import published_files


@pytest.mark.parametrize(("role", "level", "rank", "seniority", "track"), [
    ("Developer", "Apprentice developer", 1, 0, "technical"),
    ("Developer", "Trainee developer", 1, 0, "technical"),
    ("Developer", "Associate developer", 2, ASSOCIATE, "technical"),
    ("Developer", "Junior developer", 2, JUNIOR, "technical"),
    ("Developer", " Developer  ", 3, PLAIN, "technical"),
    ("Developer", "Senior developer - management", 4, SENIOR, "management"),
    ("Developer", "Lead developer", 5, LEAD, "technical"),
    ("Data ethicist", "Data ethics lead", 5, LEAD, "technical"),
    ("Incident manager", "Major incident manager", 4, SENIOR, "technical"),
    ("Developer", "Principal developer", 6, PRINCIPAL, "technical"),
    ("Developer", "Head of development", 6, HEAD, "technical"),
    ("Desk manager", "Desk analyst", 2, PLAIN - 3, "technical"),
    ("Desk manager", "Senior desk analyst", 2, SENIOR - 3, "technical"),
    ("Data architect", "Chief data architect", 6, HEAD, "technical"),
])
def test_place_level(role: str, level: str, rank: int, seniority: int, track: str) -> None:
    place = place_level(role, level)
    assert (place.rank, place.seniority, place.track) == (rank, seniority, track)
    assert place.name == level.strip()


def test_senior_civil_service_levels_are_on_top() -> None:
    assert place_level("Chief data officer", "Chief data officer",
                       senior_civil_service=True).rank == 7
    assert place_level("Director", "Director", senior_civil_service=True).seniority == CHIEF
    assert place_level("Chief data officer", "Chief data officer").rank == 6


def test_unplaced_names_are_plain_and_say_so() -> None:
    assert place_level("Software developer", "Developer").rule == NO_LADDER_WORD
    assert place_level("Software developer", "Software developer").rule == "role name"


def test_ranks_follow_the_fine_scale() -> None:
    scale = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 14]
    assert [rank_for_seniority(s) for s in scale] == [1, 2, 2, 2, 3, 4, 4, 5, 6, 6, 7]


def test_ties_break_on_weight_then_name() -> None:
    names = ["Role manager", "B analyst", "A analyst", "Head of role"]
    assert [p.name for p in order_levels("Role manager", names)] == [
        "A analyst", "B analyst", "Role manager", "Head of role"]
    weighted = order_levels("Role manager", names, weights={"A analyst": 9, "B analyst": 2})
    assert [p.name for p in weighted][:2] == ["B analyst", "A analyst"]


# --- The published file ----------------------------------------------------------------

#: Levels with no ladder word, read as the plain level of their role.
UNPLACED = {("Software developer", "Developer"),
            ("Development operations (DevOps) engineer", "DevOps engineer"),
            ("Command and control centre manager", "Operational control manager")}
#: Level pairs at the same seniority, ordered by their total required skill levels.
PARALLEL = {("Change and release manager", "Configuration analyst", "Change and release analyst"),
            ("Service transition manager", "Service acceptance analyst",
             "Service readiness analyst")}


@pytest.fixture(scope="module")
def ladders() -> dict[str, list[ParsedRoleLevel]]:
    parsed: ParsedFramework = parse_ddat(*published_files())
    found: dict[str, list[ParsedRoleLevel]] = defaultdict(list)
    for lv in sorted(parsed.role_levels, key=lambda lv: (lv.role, lv.order)):
        found[lv.role].append(lv)
    return found


def test_every_role_has_a_strict_sensible_order(ladders) -> None:  # noqa: ANN001
    assert len(ladders) == 52
    parallel = set()
    for role, levels in ladders.items():
        assert [lv.order for lv in levels] == list(range(len(levels)))
        for track in ("technical", "management"):
            ladder = [lv for lv in levels if lv.track == track]
            for lower, upper in zip(ladder, ladder[1:], strict=False):
                assert lower.rank <= upper.rank, (role, lower.name, upper.name)
                assert lower.seniority <= upper.seniority, (role, lower.name, upper.name)
                if lower.seniority == upper.seniority:
                    parallel.add((role, lower.name, upper.name))
        twins = {lv.rank for lv in levels if lv.track == "technical"}
        assert all(lv.rank in twins for lv in levels if lv.track == "management"), role
    assert parallel == PARALLEL


def test_levels_without_a_ladder_word_are_listed(ladders) -> None:  # noqa: ANN001
    unplaced = {(lv.role, lv.name) for levels in ladders.values() for lv in levels
                if place_level(lv.role, lv.name).rule.startswith(NO_LADDER_WORD)}
    assert unplaced == UNPLACED
    assert all(lv.rank == 3 for levels in ladders.values() for lv in levels
               if (lv.role, lv.name) in UNPLACED)


def test_known_ladders(ladders) -> None:  # noqa: ANN001
    def names(role: str) -> list[str]:
        return [lv.name for lv in ladders[role]]

    assert names("Software developer") == [
        "Apprentice developer", "Junior developer", "Developer", "Senior developer",
        "Senior developer - management", "Lead developer", "Lead developer - management",
        "Principal developer", "Principal developer - management"]
    assert names("Service desk manager") == [
        "Service desk analyst", "Senior service desk analyst", "Service desk manager",
        "Head of service desk"]
    assert names("Content designer") == [
        "Associate content designer", "Junior content designer", "Content designer",
        "Senior content designer", "Lead content designer", "Head of content design"]
    assert names("Data scientist")[-2:] == ["Principal data scientist", "Head of data science"]
    assert names("Data architect") == [
        "Data architect", "Senior data architect", "Chief data architect"]
    assert names("Data ethicist") == ["Data ethics lead", "Head of data ethics"]
    assert names("Incident manager") == ["Incident manager", "Major incident manager"]
    assert [lv.rank for lv in ladders["Business analyst"]] == [1, 2, 3, 4, 5, 6]
