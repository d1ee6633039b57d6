from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "cadre.framework"
    label = "framework"
    verbose_name = "Capability framework (the Blueprint)"
