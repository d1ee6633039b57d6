from django.core.management.base import BaseCommand

from cadre.core.actor import command_line_actor
from cadre.workforce.cli import organisation_option
from cadre.workforce.models import ReviewStatus, TitleClassification
from cadre.workforce.services_review import classify_organisation


class Command(BaseCommand):
    help = ("List an organisation's job titles awaiting review (the least confident first, "
            "then the most common); --classify classifies its current people first.")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--organisation", required=True, help="Organisation abbreviation")
        parser.add_argument("--classify", action="store_true",
                            help="Classify the organisation's current job titles first")
        parser.add_argument("--status", choices=ReviewStatus.values + ["all"],
                            default=ReviewStatus.SUGGESTED)
        parser.add_argument("--limit", type=int, default=50)

    def handle(self, *args: str, **options: object) -> None:
        organisation = organisation_option(options["organisation"])
        if options["classify"]:
            count = classify_organisation(actor=command_line_actor(), organisation=organisation)
            self.stdout.write(f"Classified the job titles of {count} people.")
        qs = TitleClassification.objects.filter(organisation=organisation).select_related(
            "role_level__role")
        if options["status"] != "all":
            qs = qs.filter(status=options["status"])
        qs = qs.order_by("confidence", "-people_count", "title", "grade_code")
        total = qs.count()
        self.stdout.write(f"{total} job title(s) {options['status']} in "
                          f"{organisation.abbreviation}:")
        for c in qs[: int(options["limit"])]:
            suggestion = (f"{c.role_level.role.name}: {c.role_level.name}" if c.in_profession
                          and c.role_level else "outside the profession")
            self.stdout.write(f"  [{c.pk}] {c.title} ({c.grade_code or 'no grade'}), "
                              f"{c.people_count} people -> {suggestion} "
                              f"({c.confidence:.0%}; {c.reason})")
