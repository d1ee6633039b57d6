from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "cadre.strategy"
    label = "strategy"
    verbose_name = "Strategy"

    def ready(self) -> None:
        # home (lead): the one navigation entry, to the hub that links every strategy page
        # the account may use (views.home); after "Community".
        from cadre.core.navigation import HEADER, NavEntry, register

        register(NavEntry("Strategy", "strategy:home", HEADER, 59,
                          "Strategy workstreams and milestones, departmental commitments, "
                          "comparable metrics, the retained ICT function and suppliers."))
