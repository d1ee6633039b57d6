from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "cadre.planning"
    label = "planning"
    verbose_name = "Workforce plans"

    def ready(self) -> None:
        from cadre.core.navigation import TALENT, NavEntry, register

        register(
            NavEntry("Workforce plans", "planning:plans", TALENT, 150,
                     "Supply against planned demand for five years."),
        )
