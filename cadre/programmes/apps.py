from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "cadre.programmes"
    label = "programmes"
    verbose_name = "Programmes"

    def ready(self) -> None:
        from cadre.core.navigation import TALENT, NavEntry, register

        register(
            # In the talent section beside moves, pools and the bench, not in the header.
            NavEntry("Fast Stream", "programmes:rounds", TALENT, 145,
                     "Fast Stream posting rounds, offers, preferences and postings."),
            NavEntry("IT and CIO Academies", "programmes:academies", TALENT, 147,
                     "IT and CIO Academies: prospectus, selection rounds and cadres."),
            NavEntry("Your Fast Stream", "programmes:mine", TALENT, 150,
                     "Your Fast Stream postings and preferences, and the offers you host."),
            NavEntry("Apprentices", "programmes:apprentices", TALENT, 146,
                     "IT apprentices, standards, cohorts and the 2.3% target."),
            NavEntry("Your apprenticeship", "programmes:apprentice-mine", TALENT, 151,
                     "Your apprenticeship: placements, evidence log and end-point "
                     "assessment."),
        )

        from cadre.core.todo import OWN, register_provider
        from cadre.programmes import todo

        register_provider(OWN, "programmes-apprentice", todo.own_apprenticeship, order=45)
