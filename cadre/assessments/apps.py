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

        from cadre.assessments import todo
        from cadre.core.todo import OWN, WAITING, register_provider

        register_provider(WAITING, "assessments", todo.waiting, order=10)
        register_provider(OWN, "assessments", todo.own, order=20)

        from cadre.assessments import cache_versions

        cache_versions.connect()  # data stamps of shared caches (ADR 27)
