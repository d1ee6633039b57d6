"""Demo perception surveys (issue 18 point 5), through the services.

A closed baseline survey (five statements, two questions) with a few hundred responses
from people across the demo organisations; a repeat of it, closed, with responses a little
more positive on some statements, so the change page has figures (figures are published
only once a survey closes); an open repeat for the demo accounts to answer; and a draft for
the next year. People with a sign-in are left out of the answers, so the demo accounts
can still answer the open survey themselves. Organisations with few people give groups of
fewer than 10 responses, so suppression shows. Responses are entered with the command
line's right to name the person (as answers given on paper would be). Safe to run twice:
if the baseline is there, nothing is added.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from cadre.community.models import ItemKind, Survey
from cadre.community.services import surveys as services
from cadre.core.actor import Actor
from cadre.people.models import Person

BASELINE = "Perception of the profession 2025 (baseline)"
REPEAT = "Perception of the profession 2026"
NEXT = "Perception of the profession 2027"
DRAFT = "Perception of the profession 2028"
STATEMENTS = (
    "There are the necessary skills to deliver the strategy in my department",
    "I know who leads my profession in my organisation",
    "My organisation values the profession",
    "I can find learning and development that fits my role",
    "I would recommend a career in the profession",
)
QUESTIONS = ("What would most improve the profession where you work?",
             "Anything else you would like to tell the profession's leaders?")
#: The typical answer to each statement (a mean around which answers fall).
CENTRES = (2.9, 3.3, 3.1, 2.7, 3.6)
#: How much the repeat moves each statement (some up, one flat).
SHIFTS = (0.5, 0.3, 0.0, 0.6, 0.1)
COMMENTS = ("More time for learning.", "Clearer career paths between organisations.",
            "Better pay for specialists.", "A community network in my region.",
            "More senior sponsorship for the profession.", "Mentoring for new starters.",
            "", "", "")


def _score(rng: random.Random, centre: float) -> int:
    return max(1, min(5, round(rng.gauss(centre, 1.0))))


def _answers(survey: Survey, rng: random.Random, shift: float, person: Person,
             actor: Actor) -> None:
    statements = list(survey.items.filter(kind=ItemKind.STATEMENT).order_by("position"))
    scores = {}
    for item in statements:
        index = STATEMENTS.index(item.text) if item.text in STATEMENTS else 0
        scores[item.pk] = _score(rng, CENTRES[index] + (SHIFTS[index] * shift))
    comments = {}
    for item in survey.items.filter(kind=ItemKind.FREE_TEXT):
        text = rng.choice(COMMENTS)
        if text:
            comments[item.pk] = text
    services.respond(actor=actor, survey_id=survey.pk, scores=scores, comments=comments,
                     person=person)


def _respondents(rng: random.Random, count: int) -> list[Person]:
    people = list(Person.objects.filter(account__isnull=True, end_date__isnull=True)
                  .select_related("grade", "grade__civil_service_equivalent")
                  .order_by("pk"))
    rng.shuffle(people)
    return people[:count]


def load(*, actor: Any, rng: random.Random) -> list[str]:
    if Survey.objects.filter(title=BASELINE).exists():
        return ["Perception surveys: already there."]
    cli = Actor.coerce(actor)
    if not cli.trusted:
        cli = Actor.command_line("demo")
    today = timezone.localdate()
    baseline = services.create_survey(
        actor=cli, title=BASELINE,
        description="How the profession sees itself: the baseline the strategy measures "
                    "change against.")
    for text in STATEMENTS:
        services.add_item(actor=cli, survey_id=baseline.pk, kind=ItemKind.STATEMENT, text=text)
    for text in QUESTIONS:
        services.add_item(actor=cli, survey_id=baseline.pk, kind=ItemKind.FREE_TEXT, text=text)
    services.open_survey(actor=cli, survey_id=baseline.pk)
    people = _respondents(rng, 600)
    first, second = people[:300], people[len(people) // 3:][:240]
    for person in first:
        _answers(baseline, rng, 0.0, person, cli)
    services.close_survey(actor=cli, survey_id=baseline.pk)
    # The demo's baseline ran a year ago (the transitions set today's dates).
    Survey.objects.filter(pk=baseline.pk).update(opens_on=today - dt.timedelta(days=400),
                                                 closes_on=today - dt.timedelta(days=370))
    repeat = services.create_survey(
        actor=cli, title=REPEAT, baseline=baseline, closes_on=today + dt.timedelta(days=30),
        description="The same statements a year on.")
    for text in QUESTIONS[:1]:
        services.add_item(actor=cli, survey_id=repeat.pk, kind=ItemKind.FREE_TEXT, text=text)
    services.open_survey(actor=cli, survey_id=repeat.pk)
    for person in second:
        _answers(repeat, rng, 1.0, person, cli)
    # Figures are published only when a survey closes, so the repeat has closed too.
    services.close_survey(actor=cli, survey_id=repeat.pk)
    Survey.objects.filter(pk=repeat.pk).update(opens_on=today - dt.timedelta(days=35),
                                               closes_on=today - dt.timedelta(days=5))
    current = services.create_survey(
        actor=cli, title=NEXT, baseline=baseline, closes_on=today + dt.timedelta(days=30),
        description="The same statements again, open now.")
    services.open_survey(actor=cli, survey_id=current.pk)
    draft = services.create_survey(actor=cli, title=DRAFT, baseline=baseline,
                                   description="Next year's repeat, being written.")
    return [f"Perception surveys: baseline {baseline.pk} (closed, {len(first)} responses), "
            f"repeat {repeat.pk} (closed, {len(second)} responses), {current.pk} open for "
            f"answers, draft {draft.pk}."]
