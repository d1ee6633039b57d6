"""Demo data for IT apprentices (part of ``cadre demo programmes``).

On the demo government: two apprenticeship standards (imported through the same service
as ``cadre programmes import-standards``, the first mapped to framework skills), two
industry partners, places in the three largest organisations with HR extracts, a cohort
that started two years ago (one apprentice completed with a merit after a resit, one in
end-point assessment, one withdrawn) and a cohort of this reporting year (up to four
apprentices an organisation, each with a six-month placement), so the 2.3% target page has
starts to count. Safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone

from cadre.framework.models import Skill
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Organisation
from cadre.people.models import EmploymentType, Person
from cadre.programmes import services
from cadre.programmes.models import (
    Apprentice,
    ApprenticeCohort,
    ApprenticeshipStandard,
    IndustryPartner,
)

COHORT = "Demo software developers {year}"
STANDARDS = [
    {"referenceNumber": "ST0116", "title": "Software developer", "level": 4, "version": "1.1",
     "route": "Digital", "typicalDuration": 24, "maxFunding": 18000,
     "duties": ["Build software components to a specification", "Test code and fix faults"],
     "knowledges": [{"id": "K1", "detail": "The stages of the software development lifecycle"},
                    {"id": "K2", "detail": "How teams work together to deliver software"}],
     "skills": [{"id": "S1", "detail": "Write logical and maintainable code"},
                {"id": "S2", "detail": "Test code and analyse the results"}],
     "behaviours": [{"id": "B1", "detail": "Works independently and takes responsibility"}]},
    {"referenceNumber": "ST0118", "title": "Data analyst", "level": 4, "version": "1.0",
     "route": "Digital", "typicalDuration": 24, "maxFunding": 15000,
     "duties": ["Find, clean and combine data", "Present findings to colleagues"],
     "knowledges": [{"id": "K1", "detail": "Data quality and how to measure it"}],
     "skills": [{"id": "S1", "detail": "Use statistical methods to analyse data"}],
     "behaviours": [{"id": "B1", "detail": "Shares findings clearly and honestly"}]},
]
PROVIDERS = ["Northern Digital College", "City Technology Institute"]
PARTNERS = ["Demo Cloud Services Ltd", "Demo Software plc"]
PER_ORGANISATION = 4


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Add standards, partners, places, two cohorts and their apprentices."""
    today = timezone.localdate()
    year = today.year if today.month >= 4 else today.year - 1
    if ApprenticeCohort.objects.filter(name=COHORT.format(year=year)).exists():
        return ["Apprentices: demo cohorts already there."]
    organisations = list(Organisation.objects.filter(extracts__isnull=False).distinct()
                         .annotate(n=Count("people")).filter(n__gt=0).order_by("-n", "pk")[:3])
    if not organisations:
        return ["Apprentices: no organisations with HR extracts yet; skipped."]
    services.import_standards(actor=actor, data=json.dumps(STANDARDS), filename="demo")
    standard = ApprenticeshipStandard.objects.get(reference_number="ST0116", version="1.1")
    framework = default_framework()
    if framework is not None:
        services.map_standard_skills(
            actor=actor, standard=standard,
            skills=Skill.objects.filter(framework=framework,
                                        name__icontains="programming")[:3])
    partners = [IndustryPartner.objects.filter(name=name).first()
                or services.create_industry_partner(actor=actor, name=name)
                for name in PARTNERS]
    taken = set(Apprentice.objects.values_list("person_id", flat=True))
    old = services.create_cohort(actor=actor, name=COHORT.format(year=year - 2),
                                 standard=standard, starts_on=dt.date(year - 2, 9, 1),
                                 recruiter="Demo Recruitment Partners")
    new = services.create_cohort(actor=actor, name=COHORT.format(year=year),
                                 standard=standard, starts_on=dt.date(year, 9, 1),
                                 recruiter="Demo Recruitment Partners")
    enrolled = []
    for index, org in enumerate(organisations):
        services.set_places(actor=actor, organisation=org, year=year, places=PER_ORGANISATION)
        people = list(_candidates(org, taken)[:PER_ORGANISATION + (1 if index == 0 else 0)])
        for n, person in enumerate(people):
            cohort = old if index == 0 and n < 3 else new
            taken.add(person.pk)
            apprentice = services.enrol_apprentice(
                actor=actor, person=person, cohort=cohort, employer=org,
                training_provider=PROVIDERS[n % len(PROVIDERS)])
            host = organisations[(index + 1) % len(organisations)]
            starts = cohort.starts_on + dt.timedelta(days=30)
            services.add_placement(
                actor=actor, apprentice=apprentice, starts_on=starts,
                ends_on=starts + dt.timedelta(days=182),
                **({"industry_partner": rng.choice(partners)} if n % 2 == 0 or host == org
                   else {"host_organisation": host}))
            services.log_evidence(actor=actor, apprentice=apprentice, ksb="S1",
                                  note="Built and tested a small service.",
                                  recorded_on=min(today, starts + dt.timedelta(days=60)))
            enrolled.append(apprentice)
    _progress([a for a in enrolled if a.cohort_id == old.pk], year, actor)
    return [f"Apprentices: {len(STANDARDS)} standards, {len(partners)} industry partners, "
            f"cohorts '{old.name}' and '{new.name}', {len(enrolled)} apprentices in "
            f"{', '.join(o.abbreviation for o in organisations)}."]


def _candidates(org: Organisation, taken: set[int]) -> Any:
    """People employed as apprentices first, then staff who manage no one."""
    return (Person.objects.filter(organisation=org, reports__isnull=True, end_date__isnull=True)
            .exclude(pk__in=taken).exclude(fast_streamer__isnull=False)
            .order_by(_apprentice_first(), "pk"))


def _apprentice_first() -> Any:
    return Case(When(employment_type=EmploymentType.APPRENTICE, then=Value(0)),
                default=Value(1), output_field=IntegerField())


def _progress(apprentices: list[Apprentice], year: int, actor: Any) -> None:
    """The older cohort: completed after a resit, in assessment, withdrawn."""
    step = services.transition_apprentice
    for n, apprentice in enumerate(apprentices):
        if n == 2:
            step(actor=actor, apprentice_id=apprentice.pk, action="withdraw",
                 on=dt.date(year - 1, 3, 1), went_next="Left for a private-sector job")
            continue
        step(actor=actor, apprentice_id=apprentice.pk, action="to_gateway",
             on=dt.date(year, 6, 1))
        step(actor=actor, apprentice_id=apprentice.pk, action="start_epa")
        services.record_epa_attempt(actor=actor, apprentice_id=apprentice.pk, result="fail",
                                    taken_on=dt.date(year, 7, 1))
        if n == 0:
            services.record_epa_attempt(actor=actor, apprentice_id=apprentice.pk,
                                        result="merit", taken_on=dt.date(year, 9, 15))
            step(actor=actor, apprentice_id=apprentice.pk, action="complete",
                 on=dt.date(year, 9, 20), went_next="Junior software developer, same employer")
