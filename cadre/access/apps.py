from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "cadre.access"
    label = "access"

    def ready(self) -> None:
        from cadre.access import signals  # noqa: F401
