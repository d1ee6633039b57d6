from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "cadre.learning"
    label = "learning"
    verbose_name = "Learning supply"

    def ready(self) -> None:
        # home, demo (area 8): the one navigation entry, to the hub that links every learning
        # page the account may use (views.home); after "Accreditation", since everyone may
        # browse the catalogue. Learning leads' home to-dos: spend to review, contracts ending.
        from cadre.core.navigation import HEADER, NavEntry, register
        from cadre.core.todo import WAITING, register_provider
        from cadre.learning import todo_home

        register(NavEntry("Learning", "learning:home", HEADER, 57,
                          "The learning catalogue, contracts, spend, figures and records."))
        register_provider(WAITING, "learning-leads", todo_home.waiting, order=65)
        # demand (area 5): plan, objective and activity saves bump data stamps, so cached
        # demand counts are counted again (ADR 27).
        from cadre.learning.selectors.demand import connect_stamps

        connect_stamps()
