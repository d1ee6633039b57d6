"""Demo capability data: role levels and assessments for the demo people."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cadre.assessments.models import CapabilityProfile, SkillAssessment, Source
from cadre.framework.models import RoleLevel
from cadre.framework.selectors import default_framework
from cadre.people.models import Person

# Demo job titles -> framework roles.
TITLE_ROLES = {
    "software developer": "Software developer", "senior software developer": "Software developer",
    "lead developer": "Software developer", "delivery manager": "Delivery manager",
    "service owner": "Service owner", "product manager": "Product manager",
    "user researcher": "User researcher", "content designer": "Content designer",
    "data analyst": "Data analyst", "data engineer": "Data engineer",
    "data scientist": "Data scientist", "performance analyst": "Performance analyst",
    "technical architect": "Technical architect", "security architect": "Security architect",
    "infrastructure engineer": "Infrastructure engineer",
    "service desk analyst": "Service desk manager", "it service manager": "IT service manager",
    "business analyst": "Business analyst", "test engineer": "Test engineer",
    "head of digital": "Delivery manager", "chief technology officer": "Chief technology officer",
}
# Civil Service grade -> the seniority it usually sits at (see framework/level_order.py).
GRADE_SENIORITY = {"AA": 0, "AO": 2, "EO": 3, "HEO": 4, "SEO": 6, "G7": 8, "G6": 10,
                   "SCS1": 12, "SCS2": 14, "SCS3": 14, "PS": 14}


class Command(BaseCommand):
    help = "Give demo people role levels and assessments consistent with them (not in production)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: str, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is not loaded in production.")
        framework = default_framework()
        if framework is None:
            raise CommandError("Load the default framework first (cadre load_defaults).")
        rng = random.Random(int(options["seed"]))  # noqa: S311 - demo data
        levels: dict[str, list[RoleLevel]] = {}
        for level in RoleLevel.objects.filter(framework=framework).select_related("role"):
            levels.setdefault(level.role.name, []).append(level)
        scale = {lv.ordinal: lv for lv in framework.levels.all()}
        profiles = assessments = 0
        with transaction.atomic():
            people = Person.objects.filter(capability__isnull=True).select_related(
                "grade__civil_service_equivalent", "grade")
            for person in people:
                role = TITLE_ROLES.get(person.job_title.lower())
                if role not in levels:
                    continue
                grade = person.grade.comparable.code if person.grade else "HEO"
                target = GRADE_SENIORITY.get(grade, 4)
                level = min(levels[role], key=lambda lv: (abs(lv.seniority - target),
                                                          lv.track != "technical"))
                CapabilityProfile.objects.create(person=person, current_role_level=level)
                profiles += 1
                records = []
                for skill_id, ordinal in level.requirements.values_list("skill_id",
                                                                        "level__ordinal"):
                    agreed = max(0, min(len(scale), ordinal + rng.choice([-1, 0, 0, 0, 1])))
                    own = max(0, min(len(scale), agreed + rng.choice([0, 0, 1])))
                    for source, value in ((Source.SELF, own), (Source.MANAGER, agreed)):
                        records.append(SkillAssessment(
                            person=person, skill_id=skill_id, level=scale.get(value),
                            source=source, comment="Demo data"))
                SkillAssessment.objects.bulk_create(records)
                assessments += len(records)
        self.stdout.write(f"Capability: {profiles} profiles and {assessments} assessments.")
