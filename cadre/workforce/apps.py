from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "cadre.workforce"
    label = "workforce"
    verbose_name = "Workforce data"

    def ready(self) -> None:
        from cadre.core.navigation import HEADER, NavEntry, register

        register(
            NavEntry("Workforce", "workforce:picture-home", HEADER, 80),
            # Listed on the workforce picture's home page (section "workforce").
            NavEntry("HR extracts", "workforce:extracts", "workforce", 10,
                     "Upload an organisation's HR extract and see what each one changed."),
            NavEntry("Column mappings", "workforce:mappings", "workforce", 20,
                     "Which column of an organisation's extract holds which field."),
            NavEntry("Job titles to review", "workforce:review-queue", "workforce", 30,
                     "Check how job titles from the extracts were classified."),
            NavEntry("Try the job-title classifier", "workforce:review-try", "workforce", 40,
                     "See which role a job title would be classified as."),
        )

        from cadre.core.todo import WAITING, register_provider
        from cadre.workforce import todo

        register_provider(WAITING, "workforce-review", todo.waiting, order=50)
        register_provider(WAITING, "workforce-extracts", todo.extracts_with_problems, order=45)

        from cadre.workforce import cache_versions

        cache_versions.connect()  # data stamps of shared caches (ADR 27)
