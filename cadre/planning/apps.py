from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "cadre.planning"
    label = "planning"
    verbose_name = "Workforce plans"
