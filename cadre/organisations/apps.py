from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "cadre.organisations"
    label = "organisations"
