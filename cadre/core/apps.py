from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cadre.core"
    label = "core"

    def ready(self) -> None:
        from cadre.core import shared_state, text_limits  # noqa: F401 - registers a check

        text_limits.connect()
        from cadre.core.navigation import HEADER, NavEntry, register

        register(
            NavEntry("Home", "core:home", HEADER, 10),
            # The browsable API docs (config/api_urls.py): every app's endpoints.
            # What the headline numbers count (core/definitions.py).
            NavEntry("Definitions", "core:definitions", HEADER, 135),
            NavEntry("API", "api:docs", HEADER, 140),
        )
