from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "cadre.workforce"
    label = "workforce"
    verbose_name = "Workforce data"

    def ready(self) -> None:
        from cadre.core.navigation import HEADER, NavEntry, register

        register(NavEntry("Workforce", "workforce:picture-home", HEADER, 80))
