import json

from django.core.management.base import BaseCommand

from cadre.core.actor import command_line_actor
from cadre.framework.models import Framework
from cadre.framework.reference_data import DEFAULT_FRAMEWORK_JSON
from cadre.framework.services import describe_scale, import_document


class Command(BaseCommand):
    help = ("Load the embedded default framework (if it is already loaded, only describe "
            "scale levels stored without a meaning).")

    def handle(self, *args: str, **options: object) -> None:
        document = json.loads(DEFAULT_FRAMEWORK_JSON.read_text(encoding="utf-8"))
        header = document["framework"]
        loaded = Framework.objects.filter(name=header["name"], version=header["version"]).first()
        if loaded is not None:
            described = describe_scale(
                actor=command_line_actor(), framework=loaded,
                meanings={lv["name"]: lv.get("description", "") for lv in document["levels"]})
            extra = f" Described {described} skill levels." if described else ""
            self.stdout.write(f"Framework {header['version']} is already loaded.{extra}")
            return
        framework = import_document(actor=command_line_actor(), document=document,
                                    source_name="embedded default")
        self.stdout.write(f"Loaded {framework}: {framework.roles.count()} roles, "
                          f"{framework.role_levels.count()} role levels, "
                          f"{framework.skills.count()} skills.")
