from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "cadre.access"
    label = "access"

    def ready(self) -> None:
        from cadre.access import signals  # noqa: F401
        from cadre.core.navigation import HEADER, NavEntry, register

        register(NavEntry("Accounts", "access:accounts", HEADER, 120,
                          "Sign-in accounts, their roles and the people they belong to."))

        from cadre.access.navigation import may_open
        from cadre.core.todo import set_link_check

        set_link_check(may_open)
