from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "cadre.bench"
    label = "bench"
    verbose_name = "Specialist bench"

    def ready(self) -> None:
        from cadre.core.navigation import TALENT, NavEntry, register

        register(
            NavEntry("Specialist bench", "bench:bench", TALENT, 130,
                     "Specialists available for short deployments into programmes."),
            NavEntry("Deployment requests", "bench:bench-requests", TALENT, 140,
                     "Requests for bench specialists."),
        )

        from cadre.bench import todo
        from cadre.core.todo import WAITING, register_provider

        register_provider(WAITING, "bench-requests", todo.waiting, order=40)
