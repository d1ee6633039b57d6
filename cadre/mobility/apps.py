from django.apps import AppConfig


class MobilityConfig(AppConfig):
    name = "cadre.mobility"
    label = "mobility"
    verbose_name = "Mobility: vacancies, matching and managed moves"

    def ready(self) -> None:
        from cadre.core.navigation import HEADER, TALENT, NavEntry, register

        register(
            NavEntry("Vacancies", "mobility:vacancy-board", HEADER, 90),
            NavEntry("Vacancies across government", "mobility:vacancy-board", TALENT, 10,
                     "Open vacancies in every organisation, before anyone recruits from outside."),
            NavEntry("Vacancies that fit me", "mobility:vacancies-for-me", TALENT, 20,
                     "Open vacancies ranked against your skills and preferences."),
            NavEntry("My mobility preferences", "mobility:mobility-preference", TALENT, 30,
                     "Say whether you are open to moves, and where to."),
            NavEntry("Manage vacancies", "mobility:vacancies-managed", TALENT, 40,
                     "Draft, open, match and fill your organisation's vacancies."),
            NavEntry("Managed moves", "mobility:moves", TALENT, 50,
                     "Moves between organisations and their logistics."),
            NavEntry("Vacancy policy", "mobility:mobility-policy", TALENT, 55,
                     "How long a vacancy stays open inside government before it may go outside."),
        )

        from cadre.core.todo import OWN, WAITING, register_provider
        from cadre.mobility import todo

        register_provider(WAITING, "mobility-moves", todo.waiting, order=30)
        register_provider(WAITING, "mobility-vacancies", todo.vacancies, order=31)
        register_provider(OWN, "mobility", todo.own, order=30)

        from cadre.mobility import cache_versions

        cache_versions.connect()  # data stamps of shared caches (ADR 27)
