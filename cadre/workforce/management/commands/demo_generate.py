import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.bulk import analyze_tables
from cadre.workforce import demo_government as gen


class Command(BaseCommand):
    help = ("Generate a synthetic public sector: organisations, people, the profession, "
            "contractors, assessments and a year of HR extracts (never in production).")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--people", type=int, default=2000,
                            help="Current staff across all organisations (default 2000).")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--extract-dir", type=Path,
                            help="Also write each organisation's last extract as a CSV file.")
        parser.add_argument("--replace", action="store_true",
                            help="Remove previously generated data first.")
        parser.add_argument("--skip-existing", action="store_true",
                            help="Do nothing (and succeed) if generated data is already there.")

    def handle(self, *args: str, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is not generated in production.")
        people = int(options["people"])  # type: ignore[arg-type]
        seed = int(options["seed"])  # type: ignore[arg-type]
        if people < 50:
            raise CommandError("--people must be at least 50.")
        levels = gen.framework_levels()
        if not levels:
            raise CommandError("No framework loaded: run 'cadre load_defaults' first.")
        started = time.perf_counter()
        found = gen.existing_generated()
        if any(found.values()):
            if options["skip_existing"]:
                self.stdout.write(f"Generated demo data is already loaded ({found['people']} "
                                  "people); left as it is.")
                return
            if not options["replace"]:
                raise CommandError(
                    f"Generated demo data is already loaded ({found['people']} people, "
                    f"{found['organisations']} invented organisations, {found['extracts']} "
                    "extracts). Use --replace to generate it again.")
            removed = gen.remove_generated(actor=command_line_actor())
            self.stdout.write(f"Removed {removed['people']} generated people, "
                              f"{removed['organisations']} organisations and "
                              f"{removed['extracts']} extracts.")
        started = time.perf_counter()
        plan = gen.plan_government(people=people, seed=seed, levels=levels)
        planned = time.perf_counter()
        summary = gen.save_government(plan, actor=command_line_actor())
        classified = gen.classify_titles(plan, actor=command_line_actor())
        saved = time.perf_counter()
        # Tens of thousands of new rows: give the planner their real counts now rather
        # than whenever autovacuum gets to them (SQLite never would).
        analyze_tables(model for model in apps.get_models()
                       if model.__module__.startswith("cadre.") and model._meta.managed)
        analysed = time.perf_counter()
        by_type: dict[str, int] = {}
        for org in plan.organisations:
            by_type[org.spec.type] = by_type.get(org.spec.type, 0) + 1
        self.stdout.write(
            f"Generated {summary['organisations']} organisations "
            f"({summary['reused_departments']} existing departments; "
            + ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in sorted(by_type.items()))
            + ")")
        self.stdout.write(
            f"People: {summary['people']} current and {summary['leavers']} leavers; "
            f"in the profession {summary['profession']} ({summary['profession_share']:.0%}), "
            f"of whom contractors, consultants and interims {summary['contingent']} "
            f"({summary['contingent_share']:.0%}); {summary['assessments']} assessments")
        self.stdout.write(f"Extracts: {summary['extracts']} quarterly snapshots "
                          f"({gen.SNAPSHOT_DATES[0]} to {gen.AS_OF}); job titles of "
                          f"{classified} current people classified for review")
        if options["extract_dir"]:
            paths = gen.write_extract_files(plan, options["extract_dir"])  # type: ignore[arg-type]
            self.stdout.write(f"Wrote {len(paths)} extract files to {options['extract_dir']}")
        self.stdout.write(f"Took {analysed - started:.1f} s (planning {planned - started:.1f} s, "
                          f"ANALYZE {analysed - saved:.1f} s).")
