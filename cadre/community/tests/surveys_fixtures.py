"""A small world for the survey tests.

Organisations: Department A (DA, 25 people), Department B (DB, 12), Department C (DC, 4).
Role families: Data (30 people), Digital (8), and 3 people with no workforce record. Every
person has an account. ``baseline`` is a survey with two statements and one question;
``answered_baseline`` has everyone's answers and is closed: by organisation DC (4) is
hidden as fewer than 10 and DB (12) is hidden with it (secondary suppression).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from cadre.community.models import ItemKind, Survey
from cadre.community.services import surveys as services
from cadre.core.actor import Actor
from cadre.framework.models import Framework, Role, RoleFamily, RoleLevel
from cadre.organisations.models import Grade, GradeScheme
from cadre.people.models import Person
from cadre.workforce.models import WorkforceRecord
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

STATEMENTS = ("There are the necessary skills to deliver the strategy in my department",
              "I know who leads my profession")
QUESTION = "What would most improve the profession?"
CLI = Actor.command_line("tester")


@dataclass
class SurveyWorld:
    orgs: dict[str, object]
    people: list[Person]
    families: dict[str, RoleFamily]


@pytest.fixture
def survey_world(db) -> SurveyWorld:  # noqa: ANN001
    grade, _ = Grade.objects.get_or_create(
        code="HEO", defaults={"name": "Higher Executive Officer",
                              "scheme": GradeScheme.CIVIL_SERVICE, "rank": 4})
    framework = Framework.objects.create(name="Survey framework", version="1")
    families, levels = {}, {}
    for name in ("Data", "Digital"):
        family = RoleFamily.objects.create(framework=framework, name=name)
        role = Role.objects.create(framework=framework, family=family, name=f"{name} role")
        families[name] = family
        levels[name] = RoleLevel.objects.create(framework=framework, role=role,
                                                name=f"{name} level", order=1, seniority=4)
    orgs = {abbr: OrganisationFactory(name=f"Department {abbr[1]}", abbreviation=abbr)
            for abbr in ("DA", "DB", "DC")}
    people = []
    plan = [("DA", "Data")] * 22 + [("DA", None)] * 3 + [("DB", "Data")] * 4 \
        + [("DB", "Digital")] * 8 + [("DC", "Data")] * 4
    for index, (abbr, family) in enumerate(plan):
        person = PersonFactory(organisation=orgs[abbr], grade=grade,
                               last_name=f"Respondent{index:02d}")
        person.account = UserFactory()
        person.save(update_fields=["account"])
        if family:
            WorkforceRecord.objects.create(person=person, role_level=levels[family],
                                           in_profession=True)
        people.append(person)
    return SurveyWorld(orgs, people, families)


def make_survey(title: str = "Baseline 2026", baseline: Survey | None = None) -> Survey:
    survey = services.create_survey(actor=CLI, title=title, baseline=baseline)
    if baseline is None:
        for text in STATEMENTS:
            services.add_item(actor=CLI, survey_id=survey.pk, kind=ItemKind.STATEMENT,
                              text=text)
    services.add_item(actor=CLI, survey_id=survey.pk, kind=ItemKind.FREE_TEXT, text=QUESTION)
    return survey


def answer(survey: Survey, person: Person, rng: random.Random, *, shift: int = 0,
           comment: str = "") -> None:
    scores = {item.pk: max(1, min(5, rng.randint(1, 5) + shift))
              for item in survey.items.filter(kind=ItemKind.STATEMENT)}
    question = survey.items.filter(kind=ItemKind.FREE_TEXT).first()
    comments = {question.pk: comment} if question and comment else {}
    services.respond(actor=person.account, survey_id=survey.pk, scores=scores,
                     comments=comments)


@pytest.fixture
def baseline(survey_world) -> Survey:  # noqa: ANN001
    return make_survey()


@pytest.fixture
def answered_baseline(survey_world) -> Survey:  # noqa: ANN001
    survey = make_survey()
    services.open_survey(actor=CLI, survey_id=survey.pk)
    rng = random.Random(1)
    for index, person in enumerate(survey_world.people):
        answer(survey, person, rng, comment=f"Comment number {index}")
    services.close_survey(actor=CLI, survey_id=survey.pk)
    survey.refresh_from_db()
    return survey
