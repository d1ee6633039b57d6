from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "cadre.workforce"
    label = "workforce"
    verbose_name = "Workforce data"
