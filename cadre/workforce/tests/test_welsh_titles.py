"""Welsh and bilingual job titles read as English (cadre.workforce.welsh_titles)."""

from __future__ import annotations

import csv
import re
import time
from collections import defaultdict
from pathlib import Path

import pytest
from faker.providers.job.en_US import Provider as FakerJobs

from cadre.workforce import title_knowledge as tk
from cadre.workforce import welsh_titles as wt

DATA = Path(__file__).resolve().parent / "data"
SHARED_DEV = Path(__file__).resolve().parents[4] / "shared" / "data" / "job-titles" / "dev.csv"

# ----------------------------------------------------------------------------- the CSV


def test_csv_is_well_formed() -> None:
    terms = wt.load_terms()
    assert len(terms) >= 250
    english_by_welsh: dict[str, set[str]] = defaultdict(set)
    for term in terms:
        assert term.part in wt.PARTS, term
        assert term.welsh == term.welsh.strip().lower(), term
        assert term.english == term.english.lower(), term
        assert re.fullmatch(r"[a-z ]*", term.english), term
        assert term.english or term.welsh in {"y", "yr"}, term
        english_by_welsh[wt._key(term.welsh)].add(term.english)
    clashes = {welsh: english for welsh, english in english_by_welsh.items() if len(english) > 1}
    assert not clashes


def test_every_part_is_used_and_the_framework_roles_are_covered() -> None:
    terms = wt.load_terms()
    assert {t.part for t in terms} == set(wt.PARTS)
    english = {t.english for t in terms}
    for phrase in ("software developer", "data engineer", "data scientist", "data analyst",
                   "business analyst", "content designer", "user researcher", "service designer",
                   "interaction designer", "product manager", "product owner", "delivery manager",
                   "test manager", "technical writer", "accessibility specialist", "service desk",
                   "incident manager", "problem manager", "change manager", "release manager",
                   "infrastructure engineer", "network engineer", "cyber security",
                   "cloud engineer",
                   "end user computing", "it service management", "business relationship manager",
                   "chief digital officer", "chief information officer", "chief technology officer",
                   "chief data officer", "enterprise architect", "solution architect",
                   "technical architect", "data architect", "security architect"):
        assert phrase in english, phrase


def test_a_bad_csv_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_text("welsh,english,part,note\nuwch,senior,adjective,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        wt.load_terms(path)
    path.write_text("cymraeg,saesneg\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns"):
        wt.load_terms(path)


# ----------------------------------------------------------------------------- mutations


@pytest.mark.parametrize(("radical", "expected"), [
    ("pennaeth", {"bennaeth", "mhennaeth", "phennaeth"}),
    ("technoleg", {"dechnoleg", "nhechnoleg", "thechnoleg"}),
    ("cyllid", {"gyllid", "nghyllid", "chyllid"}),
    ("busnes", {"fusnes", "musnes"}),
    ("datblygwr", {"ddatblygwr", "natblygwr"}),
    ("gwasanaeth", {"wasanaeth", "ngwasanaeth"}),
    ("llyfrgell", {"lyfrgell"}),
    ("meddalwedd", {"feddalwedd"}),
    ("rheolwr", {"reolwr"}),
    ("arweinydd", {"harweinydd"}),
    ("chwaraeon", set()),
    ("ffermio", set()),
    ("tg", set()),
])
def test_mutations(radical: str, expected: set[str]) -> None:
    assert {form for form, _ in wt.mutations(radical)} == expected


@pytest.mark.parametrize(("title", "english"), [
    ("Uwch Ddatblygwr Meddalwedd", "senior software developer"),
    ("Prif Beiriannydd Meddalwedd", "principal software engineer"),
    ("Uwch Reolwr Cyflawni", "senior delivery manager"),
    ("Dirprwy Bennaeth TG", "deputy head of it"),
    ("Dirprwy Gyfarwyddwr Digidol", "deputy director of digital"),
    ("Uwch Wyddonydd Data", "senior data scientist"),
    ("Uwch Bensaer Menter", "senior enterprise architect"),
    ("Uwch Ddylunydd Rhyngweithio", "senior interaction designer"),
    ("Rheolwr Rhaglen Ddigidol", "digital programme manager"),
    ("Swyddog Digidol yng Nghymru", "digital officer in wales"),
    ("Rheolwr Cyllid a Chaffael", "finance and procurement manager"),
    ("Pennaeth Gwasanaethau'r Gyfraith", "head of legal services"),
    ("Swyddog y Wasg", "press officer"),
    ("Uwch Dîm Rheoli", "senior management team"),
])
def test_mutated_forms_are_read(title: str, english: str) -> None:
    assert wt.translate(title) == english


# ----------------------------------------------------------------------------- translating


@pytest.mark.parametrize(("title", "english"), [
    ("Datblygwr Meddalwedd", "software developer"),
    ("Dadansoddwr Data", "data analyst"),
    ("Pennaeth Technoleg", "head of technology"),
    ("Pennaeth", "head"),
    ("Prif Swyddog Digidol", "chief digital officer"),
    ("Prif Swyddog Technoleg", "chief technology officer"),
    ("Rheolwr Prosiect Digidol", "digital project manager"),
    ("Rheolwr Gwasanaethau Digidol", "digital services manager"),
    ("Rheolwr Cyflawni", "delivery manager"),
    ("Rheolwr Cyflenwi", "delivery manager"),
    ("Perchennog Cynnyrch", "product owner"),
    ("Ymchwilydd Defnyddwyr", "user researcher"),
    ("Dylunydd Cynnwys", "content designer"),
    ("Swyddog Cymorth TG", "it support officer"),
    ("Arweinydd Tîm Cymorth TG", "it support team leader"),
    ("Datblygwr Meddalwedd Arweiniol", "lead software developer"),
    ("Dadansoddwr Busnes Iau", "junior business analyst"),
    ("Technegydd TG dan Hyfforddiant", "trainee it technician"),
    ("Prentis TG", "it apprentice"),
    ("Swyddog Diogelwch Gwybodaeth", "information security officer"),
    ("Swyddog Technoleg Gwybodaeth a Chyfathrebu", "it officer"),
    ("Peiriannydd Cyfrifiadura Defnyddwyr Terfynol", "end user computing engineer"),
    ("Rheolwr Desg Wasanaeth TG", "it service desk manager"),
    ("Rheolwr Digwyddiadau TG", "it incident manager"),
    ("Rheolwr Digwyddiadau", "events manager"),
    ("Uwch Swyddog Prawf", "senior probation officer"),
    ("Datblygwr Java", "java developer"),
    ("Iechyd a Gofal Cymdeithasol", "health and social care"),
    ("Swyddog Cymorth i Deuluoedd", "support officer for families"),
    ("Cyfieithydd ar y Pryd", "interpreter"),
    ("Llyfrgellydd", "librarian"),
])
def test_translate(title: str, english: str) -> None:
    assert wt.translate(title) == english


@pytest.mark.parametrize(("title", "english"), [
    ("Uwch Ddatblygwr Meddalwedd / Senior Software Developer",
     "senior software developer / senior software developer"),
    ("Senior Delivery Manager / Uwch Reolwr Cyflawni",
     "senior delivery manager / senior delivery manager"),
    ("Dylunydd Cynnwys - Content Designer", "content designer - content designer"),
    ("Uwch Ddadansoddwr Data (Gradd 7)", "senior data analyst (grade 7)"),
    ("Rheolwr Cyflawni - Addysg Carchardai", "delivery manager - prison education"),
    ("Rheolwr Digwyddiadau (Gweithrediadau Harbwr)", "events manager (harbour operations)"),
    ("Peiriannydd Rhwydwaith - Gwasanaethau TG, Cyngor Sir",
     "network engineer - it services, county council"),
    ("Datblygwr Meddalwedd | Software Developer [TG]",
     "software developer | software developer [it]"),
])
def test_bilingual_titles_keep_their_separators(title: str, english: str) -> None:
    assert wt.translate(title) == english


@pytest.mark.parametrize(("written", "plain"), [
    ("Arweinydd Tîm Digidol", "Arweinydd Tim Digidol"),
    ("Peiriannydd Dŵr", "Peiriannydd Dwr"),
    ("Pensaernïaeth Menter", "Pensaerniaeth Menter"),
    ("Syrfëwr Adeiladau", "Syrfewr Adeiladau"),
    ("Cynorthwy-ydd Gweinyddol", "Cynorthwyydd Gweinyddol"),
    ("Uwch-ddatblygwr Meddalwedd", "Uwch Ddatblygwr Meddalwedd"),
    ("UWCH DDATBLYGWR MEDDALWEDD", "uwch ddatblygwr meddalwedd"),
    ("Gwasanaethau’r Gyfraith", "Gwasanaethau'r Gyfraith"),
])
def test_accents_hyphens_and_case_do_not_matter(written: str, plain: str) -> None:
    assert wt.translate(written) == wt.translate(plain)
    assert wt.looks_welsh(written) and wt.looks_welsh(plain)


# ----------------------------------------------------------------------------- English stays

ENGLISH_TITLES = [
    "Senior Software Developer", "Data Analyst", "Data Entry Clerk", "Ward Manager",
    "Ward Sister", "Tim Jones - Developer", "Pen Tester", "Penetration Tester",
    "Plan Administrator", "Planning Officer", "Gel Technician", "AM Shift Supervisor",
    "Dim Sum Chef", "Plant Operator", "Plant Engineer", "Head of Digital", "Partner",
    "Business Partner (IT)", "Problem Manager", "Contract Manager", "System Administrator",
    "Test Analyst - Housing Benefit System", "Chief Data Officer", "Prison Officer",
    "Man and Van Driver", "Tan Line Technician", "Hen House Keeper", "Can Line Operator",
    "Dan Smith, Service Desk", "Sir John Soane Museum Curator", "Lead Developer / Architect",
    "God Squad Lead", "We Are Digital Lead", "Ion Trap Physicist", "Thai Chef",
    "Software Engineer (Java, AWS)", "UX/UI Designer", "Head of IT - Adult Social Care",
    "Delivery Manager – Prison Education Contracts", "Incident Manager (Harbour Operations)",
    "Museum Collections Systems Engineer", "Fleet Network Manager", "Data Protection Officer",
    "Cod Fisheries Officer", "Lawn Care Operative", "Hail Damage Assessor",
]


def _english_titles() -> list[str]:
    titles = list(ENGLISH_TITLES) + list(FakerJobs.jobs)
    titles += [phrase.title() for phrase in (*tk.ROLE_PHRASES, *tk.OUTSIDE_PHRASES)]
    with (DATA / "classifier_titles.csv").open(encoding="utf-8") as handle:
        titles += [row["job_title"] for row in csv.DictReader(handle)]
    if SHARED_DEV.exists():
        with SHARED_DEV.open(encoding="utf-8") as handle:
            titles += [row["job_title"] for row in csv.DictReader(handle)]
    return titles


def test_english_titles_are_unchanged() -> None:
    changed = [t for t in _english_titles() if wt.looks_welsh(t) or wt.translate(t) != t]
    assert not changed


def test_no_trigger_word_is_a_word_of_english_titles() -> None:
    words = {w for t in _english_titles() for w in re.findall(r"[a-z]+", t.lower())}
    assert not words & wt.vocabulary().triggers


def test_lookalikes_never_make_a_title_welsh() -> None:
    for word in wt.ENGLISH_LOOKALIKES:
        assert not wt.looks_welsh(word.title())
    assert not wt.looks_welsh("")
    assert wt.translate("") == ""


WORD_LISTS = [Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english")]


@pytest.mark.skipif(not any(p.exists() for p in WORD_LISTS),
                    reason="needs Debian's wamerican or wbritish word list")
def test_every_welsh_form_that_is_an_english_word_is_listed() -> None:
    english: set[str] = set()
    for path in WORD_LISTS:
        if path.exists():
            english |= {wt.fold(line.strip()) for line in path.open(encoding="utf-8")}
    vocab = wt.vocabulary()
    translations = {w for t in vocab.terms for w in t.english.split()}
    unlisted = set(vocab.surface) & english - wt.ENGLISH_LOOKALIKES - translations
    assert not unlisted


def test_no_mutated_form_hides_an_english_title_word() -> None:
    vocab = wt.vocabulary()
    english_words = wt._english_title_vocabulary()
    for form, readings in vocab.surface.items():
        mutated_only = all(kind for _, kind in readings)
        assert not (mutated_only and form in english_words), form


# ----------------------------------------------------------------------------- speed


def test_ten_thousand_titles_are_fast() -> None:
    welsh = ["Uwch Ddatblygwr Meddalwedd / Senior Software Developer", "Rheolwr Prosiect Digidol",
             "Swyddog Cymorth TG (Gradd 5)", "Pennaeth Gwasanaethau Cwsmeriaid"]
    english = _english_titles()
    titles = [f"{(welsh + english)[i % (len(welsh) + len(english))]} {i}" for i in range(10_000)]
    wt.vocabulary()
    started = time.perf_counter()
    for title in titles:
        wt.translate.__wrapped__(title)
    assert time.perf_counter() - started < 0.5


def test_english_words_of_the_title_knowledge_never_make_a_title_welsh() -> None:
    # "system" is a Welsh word too; it once made "Test Analyst - Housing Benefit System"
    # look Welsh. Words the classifier knows as English (roles, other fields, technology),
    # in the singular or the plural, are never a sign of Welsh.
    from cadre.workforce import title_fields as tf

    english = {w for p in (*tk.ROLE_PHRASES, *tf.FIELD_WORDS, *tf.ALL_TECH_WORDS)
               for w in p.split()}
    english |= {w[:-1] for w in english if w.endswith("s")} | {f"{w}s" for w in english}
    assert not english & wt.vocabulary().triggers
    title = "Test Analyst - Housing Benefit System"
    assert not wt.looks_welsh(title) and wt.translate(title) == title
    # The singular or plural rule, on a vocabulary whose English is only the plural.
    assert "tablet" not in wt._english_title_vocabulary()
    alone = wt.WelshVocabulary([wt.Term("tablet", "tablets", "word"),
                                wt.Term("rheolwr", "manager", "role")])
    assert "tablet" not in alone.triggers and "rheolwr" in alone.triggers
