from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load every app's embedded default data (safe to run again)."

    def handle(self, *args: str, **options: object) -> None:
        for name in sorted(n for n in get_commands() if n.startswith("defaults_")):
            call_command(name, stdout=self.stdout, stderr=self.stderr)
