from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "cadre.recruitment"
    label = "recruitment"
    verbose_name = "Recruitment"

    def ready(self) -> None:
        # home (lead): the one navigation entry, to the hub that links every recruitment page
        # the account may use (views.home); between "Community" and "Strategy".
        from cadre.core.navigation import HEADER, NavEntry, register

        register(NavEntry("Recruitment", "recruitment:home", HEADER, 58,
                          "Campaigns for senior and specialist roles, applications, sift and "
                          "interview panels, pay benchmarks, the reserve list and outcomes."))
