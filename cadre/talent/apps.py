from django.apps import AppConfig


class TalentConfig(AppConfig):
    name = "cadre.talent"
    label = "talent"
    verbose_name = "Talent identification and succession"
