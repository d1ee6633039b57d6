from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "cadre.access"
    label = "access"

    def ready(self) -> None:
        from cadre.access import signals  # noqa: F401
        from cadre.core.navigation import HEADER, NavEntry, register

        register(NavEntry("Accounts", "access:accounts", HEADER, 120))
