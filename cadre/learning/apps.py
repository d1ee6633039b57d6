from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "cadre.learning"
    label = "learning"
    verbose_name = "Learning supply"

    def ready(self) -> None:
        pass
