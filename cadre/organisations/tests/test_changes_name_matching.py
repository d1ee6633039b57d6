"""Normalising and matching organisation names (plain module, no database)."""

from __future__ import annotations

import random

import pytest

from cadre.organisations.name_matching import NameIndex, abbreviation_key, normalise


@pytest.mark.parametrize(("given", "expected"), [
    ("Her Majesty’s Treasury", "hm treasury"),
    ("His Majesty's Treasury", "hm treasury"),
    ("H.M. Treasury", "hm treasury"),
    ("H. M. Treasury", "hm treasury"),
    ("HM Treasury", "hm treasury"),
    ("Her Majesty’s Revenue and Customs", "hm revenue and customs"),
    ("HM Revenue & Customs", "hm revenue and customs"),
    ("The Attorney General’s Office", "attorney generals office"),
    ("Attorney General's Office", "attorney generals office"),
    ("  Department   for Education (DfE) ", "department for education"),
    ("Department for Education [DfE]", "department for education"),
    ("Department for Culture, Media and Sport", "department for culture media and sport"),
    ("DEPARTMENT FOR CULTURE MEDIA & SPORT", "department for culture media and sport"),
    ("Foreign, Commonwealth & Development Office",
     "foreign commonwealth and development office"),
    ("Theatres Trust", "theatres trust"),  # "The" only as a word
    ("The", "the"),
    ("(DfE)", "dfe"),  # nothing outside the brackets: keep what is inside
    ("Non-ministerial department", "non ministerial department"),
    ("Ministry of Housing, Communities and Local Government",
     "ministry of housing communities and local government"),
    ("", ""),
    ("The Hammersmith Office", "hammersmith office"),
])
def test_normalise(given: str, expected: str) -> None:
    assert normalise(given) == expected


def test_abbreviation_keys_ignore_case_dots_and_spaces() -> None:
    assert abbreviation_key("D.f.E.") == abbreviation_key("DFE") == "dfe"
    assert abbreviation_key("NS&I") == abbreviation_key("ns and i".replace(" ", ""))


def _index() -> NameIndex[str]:
    index: NameIndex[str] = NameIndex()
    index.add("HMT", name="HM Treasury", abbreviation="HMT")
    index.add("DHSC", name="Department of Health and Social Care", abbreviation="DHSC",
              former_names=["Department of Health"], former_abbreviations=["DH"])
    index.add("MHCLG", name="Ministry of Housing, Communities and Local Government",
              abbreviation="MHCLG",
              former_names=["Department for Communities and Local Government",
                            "Ministry of Housing, Communities and Local Government"],
              former_abbreviations=["DCLG", "MHCLG"])
    index.add("X1", name="Office of Twins", abbreviation="OT1")
    index.add("X2", name="Office of Twins (the other)", abbreviation="OT2")
    index.add("OLD", name="Department of Health", abbreviation="OLDDH")
    return index


@pytest.mark.parametrize(("given", "expected"), [
    ("Her Majesty’s Treasury", "HMT"),
    ("hmt", "HMT"),
    ("Department of Health and Social Care", "DHSC"),
    ("DH", "DHSC"),  # a former abbreviation
    ("Department for Communities & Local Government", "MHCLG"),
    ("Ministry of Housing, Communities and Local Government", "MHCLG"),  # both tiers, one org
    ("dclg", "MHCLG"),
    ("Office of Twins", None),  # two current names normalise alike: ambiguous
    ("Department of Health", "OLD"),  # a current name decides before a former one
    ("Department of Nothing", None),
    ("", None),
])
def test_index_matches_in_tiers(given: str, expected: str | None) -> None:
    assert _index().match(given) == expected


def test_ambiguous_names_list_every_candidate() -> None:
    assert _index().candidates("office of twins") == {"X1", "X2"}


CANONICAL = {
    "HMT": "HM Treasury",
    "HMRC": "HM Revenue & Customs",
    "AGO": "Attorney General's Office",
    "DCMS": "Department for Culture, Media and Sport",
    "FCDO": "Foreign, Commonwealth and Development Office",
    "DWP": "Department for Work and Pensions",
}


def _variant(name: str, abbreviation: str, rng: random.Random) -> str:
    """A way someone might write ``name``: the reference for the random test."""
    text = name
    if rng.random() < 0.5:
        text = text.replace("HM ", rng.choice(["Her Majesty’s ", "His Majesty's ", "H.M. ",
                                               "Her Majestys "]))
    if rng.random() < 0.5:
        text = text.replace(" and ", " & ") if " and " in text else text.replace(" & ", " and ")
    if rng.random() < 0.5:
        text = text.replace("'", rng.choice(["’", "‘", "ʼ"]))
    if rng.random() < 0.3:
        text = "The " + text
    if rng.random() < 0.3:
        text = f"{text} ({abbreviation})"
    if rng.random() < 0.3:
        text = text.replace(",", "")
    text = "".join(c.upper() if rng.random() < 0.2 else c for c in text)
    return rng.choice(["", " ", "  "]) + text.replace(" ", rng.choice([" ", "  "])) + " "


def test_random_variants_match_their_organisation() -> None:
    rng = random.Random(19)
    index: NameIndex[str] = NameIndex()
    for abbreviation, name in CANONICAL.items():
        index.add(abbreviation, name=name, abbreviation=abbreviation)
    for _ in range(2000):
        abbreviation, name = rng.choice(sorted(CANONICAL.items()))
        variant = _variant(name, abbreviation, rng)
        assert index.match(variant) == abbreviation, variant
        assert normalise(normalise(variant)) == normalise(variant)
