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

        from cadre.core.todo import OWN, WAITING, register_provider
        from cadre.people import signals, todo  # noqa: F401 - signals connect on import

        register_provider(WAITING, "people-accounts", todo.waiting, order=90)
        register_provider(OWN, "people-record", todo.own, order=10)

        from cadre.access.linking import register_linker
        from cadre.people.services import link_account_by_keys

        register_linker(link_account_by_keys)

        from cadre.people import cache_versions

        cache_versions.connect()  # data stamps of shared caches (ADR 27)
