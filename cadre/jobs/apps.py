from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "cadre.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
