from django.core.management.base import BaseCommand

from cadre.core.actor import command_line_actor
from cadre.organisations.services import load_reference_data


class Command(BaseCommand):
    help = "Load the embedded grades and UK government departments."

    def handle(self, *args: str, **options: object) -> None:
        counts = load_reference_data(actor=command_line_actor())
        self.stdout.write(
            f"Grades: {counts['grades']}; departments: {counts['organisations_created']} added, "
            f"{counts['organisations_updated']} updated; former departments: "
            f"{counts['former_departments']} added or updated, former names: "
            f"{counts['former_names']} added, changes: {counts['changes']} added."
        )
