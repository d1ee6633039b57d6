"""Demo capability data: role levels and assessments for the demo people."""

import datetime as dt
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from cadre.assessments import services
from cadre.assessments.models import (
    AssessmentCycle,
    AssessmentRound,
    CapabilityProfile,
    DevelopmentPlan,
    SkillAssessment,
    Source,
)
from cadre.core import stamps
from cadre.core.actor import command_line_actor
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
        stamps.bump_all()  # written in bulk: shared caches must not keep the old figures
        self.stdout.write(f"Capability: {profiles} profiles and {assessments} assessments.")
        self.stdout.write(self._manager_work(rng, scale))

    def _agreed_for_assessor(self, rng: random.Random, scale: dict, manager: Person,
                             professional: Person) -> int:
        """Two agreed assessments in DWP, outside the demo manager's team, for the demo
        assessor (an assessor for DWP) to validate."""
        actor = command_line_actor()
        if AssessmentRound.objects.filter(person__organisation=manager.organisation,
                                          state=AssessmentRound.State.COMPLETED).exists():
            return 0  # ran before
        people = (Person.objects.filter(organisation=manager.organisation,
                                        capability__current_role_level__isnull=False,
                                        line_manager__isnull=False)
                  .exclude(line_manager=manager).exclude(pk__in=[manager.pk, professional.pk])
                  .order_by("staff_number")[:2])
        for person in people:
            round_ = services.start_round(actor=actor, person=person,
                                          role_level=person.capability.current_role_level)
            services.save_self_assessment(actor=actor, round_=round_, evidence={}, levels={
                item.pk: self._near(rng, scale, item) for item in
                round_.items.select_related("required_level")})
            self._evidence(actor, round_)
            services.transition_round(actor=actor, round_id=round_.pk, action="submit")
            services.transition_round(actor=actor, round_id=round_.pk, action="agree")
        return len(people)

    @staticmethod
    def _evidence(actor: object, round_: AssessmentRound) -> None:
        """A short evidence note on the round's first skill, as a person would attach."""
        item = round_.items.select_related("skill").order_by("skill__name").first()
        if item is not None:
            services.attach_evidence(
                actor=actor, item=item, name=f"{item.skill.name} examples.txt",
                data=(f"Examples of {item.skill.name.lower()} from the last year: led the "
                      "discovery for the claims service; coached two colleagues.\n").encode())

    def _history(self, rng: random.Random, scale: dict, professional: Person) -> int:
        """Last year's assessment of the demo professional, agreed and validated, with its
        evidence: theirs to look back on. Dated over a year ago, so this year's is still
        theirs to start."""
        if AssessmentRound.objects.filter(person=professional).exists():
            return 0
        level = getattr(getattr(professional, "capability", None), "current_role_level", None)
        if level is None:
            return 0
        actor = command_line_actor()
        round_ = services.start_round(actor=actor, person=professional, role_level=level)
        services.save_self_assessment(actor=actor, round_=round_, evidence={}, levels={
            item.pk: self._near(rng, scale, item)
            for item in round_.items.select_related("required_level")})
        self._evidence(actor, round_)
        services.transition_round(actor=actor, round_id=round_.pk, action="submit")
        services.transition_round(actor=actor, round_id=round_.pk, action="agree")
        services.validate_round(actor=actor, round_id=round_.pk)
        then = timezone.now() - dt.timedelta(days=400)
        AssessmentRound.objects.filter(pk=round_.pk).update(
            started_at=then - dt.timedelta(days=14), submitted_at=then - dt.timedelta(days=7),
            completed_at=then)
        SkillAssessment.objects.filter(round=round_).update(assessed_on=then.date())
        return 1

    @staticmethod
    def _near(rng: random.Random, scale: dict, item: object) -> int | None:
        """A level near the one the role needs, as a person might choose it."""
        required = item.required_level.ordinal if item.required_level else 1
        found = scale.get(max(1, min(len(scale), required + rng.choice([-1, 0, 0, 1]))))
        return found.pk if found else None

    def _manager_work(self, rng: random.Random, scale: dict) -> str:
        """Work for the demo line manager (``people.demo``): two reports' self-assessments
        sent for review and a report's development plan with an objective to agree. The
        demo professional is left to start and send their own."""
        from cadre.people.demo import DEMO_PROFESSIONAL

        professional = (Person.objects.filter(organisation__abbreviation="DWP",
                                              staff_number=DEMO_PROFESSIONAL)
                        .select_related("line_manager").first())
        manager = professional.line_manager if professional else None
        if manager is None:
            return "Capability: no demo line manager (run 'cadre demo load' first)."
        actor = command_line_actor()
        reports = list(Person.objects.filter(line_manager=manager, capability__isnull=False)
                       .exclude(pk=professional.pk).order_by("staff_number"))
        submitted = 0
        for person in reports[:2]:
            if AssessmentRound.objects.filter(person=person).exists():
                continue  # ran before
            level = person.capability.current_role_level
            round_ = services.start_round(actor=actor, person=person, role_level=level)
            levels = {item.pk: self._near(rng, scale, item)
                      for item in round_.items.select_related("required_level")}
            services.save_self_assessment(actor=actor, round_=round_, levels=levels,
                                          evidence={})
            self._evidence(actor, round_)
            services.transition_round(actor=actor, round_id=round_.pk, action="submit")
            submitted += 1
        planned = 0
        for person in reports[2:3] or reports[:1]:
            if DevelopmentPlan.objects.filter(person=person).exists():
                continue
            requirement = (person.capability.current_role_level.requirements
                           .select_related("skill", "level").order_by("skill__name").first())
            if requirement is None:
                continue
            target = scale.get(min(len(scale), requirement.level.ordinal + 1), requirement.level)
            services.add_objective(
                actor=actor, person=person, skill=requirement.skill, target_level=target,
                target_date=timezone.localdate() + dt.timedelta(days=180),
                description="Lead the next piece of work that needs this skill.")
            planned += 1
        agreed = self._agreed_for_assessor(rng, scale, manager, professional)
        history = self._history(rng, scale, professional)
        if not AssessmentCycle.objects.filter(organisation=manager.organisation).exists():
            # The rounds above fall in it: its page lists who is waiting and who is agreed.
            services.open_cycle(actor=actor, organisation=manager.organisation,
                                name="Annual self-assessment",
                                opens_on=timezone.localdate() - dt.timedelta(days=30),
                                closes_on=timezone.localdate() + dt.timedelta(days=60))
        return (f"Capability: {history} validated assessment from last year for the demo "
                f"professional; {agreed} agreed assessments waiting for the demo assessor; "
                f"{submitted} self-assessments and {planned} development plan "
                f"waiting for {manager.full_name} ({manager.staff_number}), the demo line "
                "manager.")
