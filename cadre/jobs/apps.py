from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "cadre.jobs"
    label = "jobs"
    verbose_name = "Background jobs"

    def ready(self) -> None:
        from cadre.core.todo import WAITING, register_provider
        from cadre.jobs import todo

        register_provider(WAITING, "jobs", todo.waiting, order=100)
