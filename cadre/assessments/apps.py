from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "cadre.assessments"
    label = "assessments"
    verbose_name = "Individual capability"

    def ready(self) -> None:
        from cadre.core.navigation import HEADER, NavEntry, register

        register(
            NavEntry("Capability", "assessments:mine", HEADER, 50),
            NavEntry("Skill coverage", "assessments:coverage", HEADER, 70),
        )
