"""Demo strategic suppliers (issue 19 point 5), through the services.

Three suppliers with made-up names (no real company is meant, and none is given a
Companies House number). The framework has two versions: the second adds a social value
criterion, and each of the two periods is pinned to one of them. Buying organisations of
the demo government score the suppliers so that every visibility rule shows:

- the first supplier is scored by four organisations in the first period and three in the
  second, DWP among them, so everyone sees its figures across government and its trend;
- the second is scored by DWP and HMRC only, so DWP's head of profession sees DWP's own
  figure but not the one across government, while analysts and the central team do;
- the third is scored by one organisation only, a figure only the central team sees.

The first supplier has a performance plan of three actions, one in progress and one done.
Safe to run twice: if the first demo supplier exists, nothing is added.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.strategy.models import StrategicSupplier
from cadre.strategy.services import suppliers as services

FIVE = ["Well below what was agreed", "Below what was agreed", "As agreed",
        "Better than agreed", "Well beyond what was agreed"]
#: (name, description, weight, scale words)
CRITERIA = (
    ("Delivery against the contract", "Milestones and service levels met as agreed.", 3, FIVE),
    ("Value for money", "Price against what comparable buyers pay, and savings found.", 3,
     FIVE),
    ("Working with the department", "Openness, responsiveness and fixing problems early.", 2,
     FIVE),
    ("Security and resilience", "Incidents, recovery and how risks are reported.", 2,
     ["Serious gaps", "Some gaps", "Sound", "Strong"]),
)
SOCIAL_VALUE = ("Social value", "Apprenticeships, local suppliers and skills transfer.", 1,
                FIVE)
#: (name, description, plan summary)
SUPPLIERS = (
    ("Imaginary Outsourcing Group plc (fictional)",
     "A made-up supplier of desktop, hosting and service desk outsourcing to several "
     "departments.",
     "Bring delivery and service desk response back to the agreed levels across "
     "departments before the next contract break."),
    ("Pretend Data Centres Ltd (fictional)",
     "A made-up supplier of data centre space and managed hosting.", ""),
    ("Example Systems Integration Ltd (fictional)",
     "A made-up systems integrator working on a single department's programme.", ""),
)
#: supplier index -> period index -> organisations scoring (abbreviations)
SCORERS = {
    0: {0: ("DWP", "HMRC", "DVLA", "GDS"), 1: ("DWP", "HMRC", "GDS")},
    1: {0: ("DWP", "HMRC")},
    2: {1: ("HMRC",)},
}
#: (title, owner, days from today, status)
ACTIONS = (
    ("Agree a recovery plan for service desk response times", "DWP", 30, "in_progress"),
    ("Publish monthly service level figures to every buying department", "HMRC", 60,
     "open"),
    ("Hold a joint review of hosting charges across departments", "GDS", -20, "done"),
)


def _organisations(abbreviations: tuple[str, ...]) -> list[Organisation]:
    return list(Organisation.objects.filter(abbreviation__in=abbreviations)
                .order_by("abbreviation"))


def load(*, actor: Any, rng: random.Random) -> list[str]:
    if StrategicSupplier.objects.filter(name=SUPPLIERS[0][0]).exists():
        return ["Strategic suppliers: the demo suppliers are there already."]
    today = dt.date.today()
    first = services.create_version(actor=actor, label="Demo framework, first version")
    for name, description, weight, words in CRITERIA:
        services.add_criterion(actor=actor, version=first, name=name, description=description,
                               weight=weight, scale_max=len(words), descriptors=words)
    year = today.year - 1
    periods = [services.create_period(actor=actor, label=f"Demo {year - 1} to {year}",
                                      starts_on=dt.date(year - 1, 4, 1),
                                      ends_on=dt.date(year, 3, 31), version=first)]
    second = services.create_version(actor=actor, label="Demo framework, with social value")
    name, description, weight, words = SOCIAL_VALUE
    services.add_criterion(actor=actor, version=second, name=name, description=description,
                           weight=weight, scale_max=len(words), descriptors=words)
    periods.append(services.create_period(actor=actor, label=f"Demo {year} to {year + 1}",
                                          starts_on=dt.date(year, 4, 1),
                                          ends_on=dt.date(year + 1, 3, 31), version=second))
    suppliers = [services.create_supplier(actor=actor, name=name, description=description,
                                          plan_summary=summary)
                 for name, description, summary in SUPPLIERS]
    scores = 0
    for index, by_period in SCORERS.items():
        for period_index, abbreviations in by_period.items():
            period = periods[period_index]
            criteria = list(period.version.criteria.order_by("position", "pk"))
            for organisation in _organisations(abbreviations):
                entries = [{"criterion": c, "score": rng.randint(2, c.scale_max),
                            "comment": "" if rng.random() < 0.6 else
                            "Improving, but slower than the plan said."} for c in criteria]
                services.set_scores(actor=actor, supplier=suppliers[index], period=period,
                                    organisation=organisation, entries=entries)
                scores += len(entries)
    actions = 0
    for title, owner, days, status in ACTIONS:
        organisation = Organisation.objects.filter(abbreviation=owner).first()
        if organisation is None:
            continue
        person = Person.objects.filter(organisation=organisation).order_by("pk").first()
        action = services.create_action(actor=actor, supplier=suppliers[0], title=title,
                                        owner_organisation=organisation, owner_person=person,
                                        due_on=today + dt.timedelta(days=days))
        if status != "open":
            services.move_action(actor=actor, action=action, to="in_progress",
                                 reason="Work started at the quarterly review.")
        if status == "done":
            services.move_action(actor=actor, action=action, to="done",
                                 reason="Reported complete and checked.")
        actions += 1
    return [f"Strategic suppliers: {len(suppliers)} suppliers, 2 framework versions, "
            f"{len(periods)} periods, {scores} scores and {actions} plan actions added."]
