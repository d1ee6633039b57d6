"""The vocabulary of other fields, technology words and ambiguous role phrases."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest

from cadre.workforce import title_fields as tf
from cadre.workforce import title_knowledge as tk
from cadre.workforce.classifier import (
    _FRAMEWORK_JSON,
    DefaultEngine,
    bundled_catalogue,
    normalise_title,
)

#: Words of the framework's level names that may still name another field on their own:
#: inside the level names they are covered by technology phrases ("user research",
#: "digital evaluation"), which ``field_of`` does not look into.
LEVEL_WORDS_ALLOWED = {"research", "evaluation"}
FILLERS = {"and", "of", "to", "in"}


@lru_cache(maxsize=1)
def _framework() -> dict:
    return json.loads(_FRAMEWORK_JSON.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _engine() -> DefaultEngine:
    return DefaultEngine(bundled_catalogue())


def _role_phrases() -> set[str]:
    return {phrase for phrase, role in _engine().phrases.items() if role}


def _words_of(names: list[str]) -> set[str]:
    return {word for name in names for word in normalise_title(name).split()}


def test_field_words_are_many_and_labelled() -> None:
    assert len(tf.FIELD_WORDS) >= 500
    assert all(label and label == label.strip() for label in tf.FIELD_WORDS.values())
    assert {"justice", "health care", "maritime and ports", "transport and fleet",
            "education", "fire and rescue"} <= set(tf.FIELD_WORDS.values())


def test_field_words_are_in_normalised_form() -> None:
    wrong = {p: normalise_title(p) for p in tf.FIELD_WORDS if normalise_title(p) != p}
    assert not wrong


def test_no_technology_or_role_word_counts_as_another_field() -> None:
    data = _framework()
    role_words = _words_of([r["name"] for r in data["roles"]])
    level_words = _words_of([lv["name"].split(" - ")[0] for lv in data["role_levels"]])
    forbidden = (tf.ALL_TECH_WORDS | tf.NEUTRAL_WORDS | role_words | set(tk.SENIORITY_WORDS)
                 | (level_words - LEVEL_WORDS_ALLOWED))
    single = {p for p in tf.FIELD_WORDS if " " not in p}
    assert not single & forbidden
    role_phrases = _role_phrases()
    for phrase in (p for p in tf.FIELD_WORDS if " " in p):
        assert phrase not in tf.ALL_TECH_WORDS, phrase
        assert phrase not in role_phrases, phrase
        assert set(phrase.split()) - tf.ALL_TECH_WORDS - FILLERS, phrase


def test_words_the_brief_names_as_technology_common_stay_out() -> None:
    common = {"service", "operations", "support", "systems", "network", "data", "digital",
              "product", "delivery", "platform", "security", "change", "release", "incident",
              "problem", "design", "content", "performance", "business", "information",
              "project", "programme", "quality", "test", "architecture", "infrastructure",
              "solution", "application", "customer"}
    assert not common & set(tf.FIELD_WORDS)
    assert common <= tf.NEUTRAL_WORDS


def test_tech_words_strong_and_weak_are_disjoint_and_normalised() -> None:
    assert not tf.TECH_WORDS & tf.WEAK_TECH_WORDS
    assert tf.ALL_TECH_WORDS == tf.TECH_WORDS | tf.WEAK_TECH_WORDS
    assert {"digital", "data", "it", "software", "cloud", "cyber security"} <= tf.TECH_WORDS
    assert {"systems", "network", "infrastructure"} <= tf.WEAK_TECH_WORDS
    assert all(normalise_title(p) == p for p in tf.ALL_TECH_WORDS)


def test_every_ambiguous_phrase_is_a_role_phrase_the_engine_knows() -> None:
    unknown = tf.AMBIGUOUS_ROLE_PHRASES - _role_phrases()
    assert not unknown
    assert {"delivery manager", "incident manager", "systems engineer", "network manager",
            "business analyst", "product owner"} <= tf.AMBIGUOUS_ROLE_PHRASES
    # unmistakable technology phrases are not ambiguous
    assert not {"software developer", "data engineer", "devops engineer", "user researcher",
                "digital delivery manager"} & tf.AMBIGUOUS_ROLE_PHRASES


@pytest.mark.parametrize(("words", "expected"), [
    ("delivery manager prison education contracts",
     [("prison", "justice"), ("education", "education"),
      ("contracts", "procurement and contracts")]),
    ("incident manager harbour operations", [("harbour", "maritime and ports")]),
    ("fleet network manager", [("fleet", "transport and fleet")]),
    # the longest phrase wins and its words are not counted again
    ("adult social care systems officer", [("adult social care", "social care")]),
    ("head of fire and rescue control room",
     [("fire and rescue", "fire and rescue"), ("control room", "emergency control rooms")]),
    # a field word inside a technology or role phrase is not another field
    ("senior operations bridge analyst", []),
    ("research software engineer", []),
    ("business intelligence developer", []),
    ("health informatics lead", []),
    ("senior software developer", []),
    ("", []),
])
def test_field_of_finds_longest_phrases(words: str, expected: list[tuple[str, str]]) -> None:
    assert tf.field_of(words.split()) == expected


def test_field_of_orders_longest_first_without_overlaps() -> None:
    words = ["school", "transport", "bus", "depot", "manager"]
    found = tf.field_of(words)
    assert found == [("school transport", "transport and fleet"),
                     ("bus", "transport and fleet"), ("depot", "transport and fleet")]
    lengths = [len(p.split()) for p, _f in found]
    assert lengths == sorted(lengths, reverse=True)


def test_tech_of_marks_strength() -> None:
    assert tf.tech_of(["fire", "systems", "engineer"]) == [("systems", False)]
    # Clinical systems are the technology of health bodies (labelled-titles README).
    assert tf.tech_of(["clinical", "systems", "engineer"]) == [("clinical systems", True)]
    assert tf.tech_of(["cyber", "security", "network", "engineer"]) == [
        ("cyber security", True), ("network", False)]


def test_a_phrase_in_two_fields_is_refused() -> None:
    with pytest.raises(ValueError, match="'port'"):
        tf._by_field({"maritime and ports": "port harbour", "transport and fleet": "port"})


def test_organisation_types_cover_both_vocabularies() -> None:
    from cadre.organisations.models import OrganisationType

    cadre_codes = set(OrganisationType.values)
    shared = {"central_department", "devolved", "fire_and_rescue", "nhs", "police", "agency",
              "arms_length_body", "local_authority"}
    assert cadre_codes | shared <= set(tf.ORGANISATION_TYPE_ALIASES)
    assert set(tf.ORGANISATION_TYPE_ALIASES.values()) <= cadre_codes
    assert all(tf.ORGANISATION_TYPE_ALIASES[code] == code for code in cadre_codes)
    assert tf.organisation_type_code("NHS") == "nhs_body"
    assert tf.organisation_type_code("central-department") == "ministerial_department"
    assert tf.organisation_type_code("Fire and rescue") == "fire_and_rescue_service"
    assert tf.organisation_type_code("") == ""
    assert tf.organisation_type_code("a bakery") == ""


def test_every_role_phrase_points_to_a_framework_role() -> None:
    roles = {r["name"] for r in _framework()["roles"]}
    assert {p: r for p, r in tk.ROLE_PHRASES.items() if r not in roles} == {}
    phrases = _engine().phrases
    assert {p: r for p, r in tk.ROLE_PHRASES.items()
            if phrases.get(normalise_title(p)) != r} == {}


@pytest.mark.parametrize(("title", "role"), [
    ("SIAM Lead", "IT service manager"),
    ("ITIL Process Owner", "IT service manager"),
    ("Service Level Manager", "IT service manager"),
    ("IT Service Continuity Manager", "IT service manager"),
    ("1st Line Support Analyst", "Service desk manager"),
    ("Request Fulfilment Analyst", "Service desk manager"),
    ("2nd Line Support Engineer", "End user computing engineer"),
    ("Deskside Technician", "End user computing engineer"),
    ("3rd Line Engineer", "Infrastructure operations engineer"),
    ("Service Asset & Configuration Manager", "Change and release manager"),
    ("Release Coordinator", "Change and release manager"),
    ("Incident Analyst", "Incident manager"),
    ("Problem Management Analyst", "Problem manager"),
    ("Service Transition Analyst", "Service transition manager"),
    ("Kanban Lead", "Delivery manager"),
    ("Iteration Manager", "Delivery manager"),
    ("Agile Delivery Lead", "Delivery manager"),
    ("Technical Product Owner", "Product manager"),
])
def test_new_service_management_and_agile_phrases(title: str, role: str) -> None:
    words = normalise_title(title)
    assert tk.ROLE_PHRASES[words] == role
    assert _engine().phrases[words] == role
