from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "cadre.community"
    label = "community"
    verbose_name = "Community"

    def ready(self) -> None:
        # home (lead): the one navigation entry, to the hub that links every community page
        # the account may use (views.home); after "Learning".
        from cadre.core.navigation import HEADER, NavEntry, register

        register(NavEntry("Community", "community:home", HEADER, 58,
                          "Communities of practice, events, mentoring, the learning "
                          "exchange, communications and surveys."))
