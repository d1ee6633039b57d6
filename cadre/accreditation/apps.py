from django.apps import AppConfig


class AccreditationConfig(AppConfig):
    name = "cadre.accreditation"
    label = "accreditation"
    verbose_name = "Accreditation"

    def ready(self) -> None:
        # applications (area 2): supporter requests and the applicant's own applications.
        from cadre.accreditation import todo_apps
        from cadre.core.todo import OWN, WAITING, register_provider

        register_provider(WAITING, "accreditation-supporter", todo_apps.waiting, order=60)
        register_provider(OWN, "accreditation-applications", todo_apps.own, order=60)
        # assessment and decisions (area 4): scores to give, panels to sit, appeals.
        from cadre.accreditation import todo_score

        register_provider(WAITING, "accreditation-assessing", todo_score.waiting, order=61)
        register_provider(OWN, "accreditation-decision", todo_score.own, order=61)
        # standards (area 1): the accreditation the person could apply for.
        from cadre.accreditation import todo_std

        register_provider(OWN, "accreditation-eligibility", todo_std.own, order=59)
        # The one navigation entry: the hub links every accreditation page the account
        # may use (views.home). In the header beside "Capability", since everyone may apply.
        from cadre.core.navigation import HEADER, NavEntry, register

        register(NavEntry("Accreditation", "accreditation:home", HEADER, 55,
                          "Apply for accreditation, assessing, CPD and credentials."))
