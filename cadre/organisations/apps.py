from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "cadre.organisations"
    label = "organisations"

    def ready(self) -> None:
        from cadre.core.navigation import HEADER, NavEntry, register

        register(NavEntry("Organisations", "organisations:list", HEADER, 30))

        from cadre.organisations import cache_versions

        cache_versions.connect()  # data stamps of shared caches (ADR 27)
