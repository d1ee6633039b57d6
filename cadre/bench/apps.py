from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "cadre.bench"
    label = "bench"
    verbose_name = "Specialist bench"
