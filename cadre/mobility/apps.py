from django.apps import AppConfig


class MobilityConfig(AppConfig):
    name = "cadre.mobility"
    label = "mobility"
    verbose_name = "Mobility: vacancies, matching and managed moves"
