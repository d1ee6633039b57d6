from django.apps import AppConfig


class TalentConfig(AppConfig):
    name = "cadre.talent"
    label = "talent"
    verbose_name = "Talent identification and succession"

    def ready(self) -> None:
        from cadre.core.navigation import HEADER, TALENT, NavEntry, register

        register(
            NavEntry("Talent", "talent:home", HEADER, 100),
            NavEntry("Ratings", "talent:ratings", TALENT, 60,
                     "Performance and potential ratings for your team."),
            NavEntry("Appraisal cycles and nine-box", "talent:cycles", TALENT, 70,
                     "Calibrate your organisation's nine-box grid."),
            NavEntry("Cross-government nine-box", "talent:ninebox-government", TALENT, 80,
                     "Senior Civil Service and grades 6 and 7 across government."),
            NavEntry("Talent pools", "talent:pools", TALENT, 90,
                     "Pools, their members, development actions and reviews."),
            NavEntry("My pool memberships", "talent:my-pools", TALENT, 100,
                     "The talent pools you belong to."),
            NavEntry("Succession", "talent:succession", TALENT, 110,
                     "Critical posts and their successors."),
            NavEntry("Succession coverage", "talent:succession-coverage", TALENT, 120,
                     "Share of critical posts with a successor ready now."),
        )

        from cadre.core.todo import OWN, WAITING, register_provider
        from cadre.talent import todo

        register_provider(WAITING, "talent", todo.waiting, order=20)
        register_provider(OWN, "talent-pools", todo.own, order=40)
