from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "cadre.framework"
    label = "framework"
    verbose_name = "Capability framework (the Blueprint)"

    def ready(self) -> None:
        from cadre.core.navigation import HEADER, NavEntry, register

        register(NavEntry("Framework", "framework:home", HEADER, 20))

        from cadre.framework import cache_versions

        cache_versions.connect()  # data stamps of shared caches (ADR 27)
