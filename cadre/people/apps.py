from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "cadre.people"
    label = "people"

    def ready(self) -> None:
        from cadre.core.navigation import HEADER, NavEntry, register

        register(
            NavEntry("People", "people:list", HEADER, 40),
            NavEntry("Statistics", "people:statistics", HEADER, 60),
            NavEntry("Imports", "people:import", HEADER, 110),
        )
