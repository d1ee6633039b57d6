from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.workforce.selectors_review import classification_settings
from cadre.workforce.services_settings import ThresholdConflict, set_auto_accept_threshold


class Command(BaseCommand):
    help = ("Show (or set) the confidence at or above which job titles are accepted "
            "automatically when an organisation is classified.")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--set", metavar="THRESHOLD",
                           help="A number from 0.500 to 1.000, e.g. 0.97")
        group.add_argument("--never", action="store_true",
                           help="Never accept automatically: every title waits for review")

    def handle(self, *args: str, **options: object) -> None:
        if options["set"] is not None or options["never"]:
            current = classification_settings()
            try:
                set_auto_accept_threshold(
                    actor=command_line_actor(), version=current.version,
                    threshold=None if options["never"] else options["set"])
            except ValidationError as exc:
                raise CommandError("; ".join(f"{field}: {' '.join(messages)}" for field, messages
                                             in exc.message_dict.items())) from exc
            except ThresholdConflict as exc:
                raise CommandError(exc.message) from exc
        settings = classification_settings()
        if settings.auto_accept_above is None:
            self.stdout.write("Job titles are never accepted automatically: every suggestion "
                              "waits for review.")
        else:
            self.stdout.write(f"Job titles are accepted automatically when their confidence is "
                              f"{settings.auto_accept_above} or above.")
        self.stdout.write(f"Version {settings.version}. A change applies from the next "
                          "classification of an organisation.")
