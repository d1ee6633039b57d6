import csv
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cadre.workforce.accuracy import run
from cadre.workforce.catalogue import safe_catalogue

DEFAULT_FILE = Path(settings.BASE_DIR).parent / "shared" / "data" / "job-titles" / "dev.csv"


class Command(BaseCommand):
    help = ("Measure the job title classifier on labelled titles: precision and recall for "
            "'in the profession', top-1 and top-3 accuracy for role and role family.")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--file", default=str(DEFAULT_FILE),
                            help="Labelled CSV (job_title, grade, is_profession, role_family, "
                                 "role, role_level); default ../shared/data/job-titles/dev.csv")
        parser.add_argument("--engine", choices=["default", "semantic", "both"],
                            default="default")

    def handle(self, *args: str, **options: object) -> None:
        from cadre.workforce.catalogue import get_engine

        path = Path(str(options["file"]))
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        if not rows or "job_title" not in rows[0] or "is_profession" not in rows[0]:
            raise CommandError(f"{path} needs job_title and is_profession columns.")
        catalogue = safe_catalogue()
        families = {r.name: r.family for r in catalogue.roles}
        names = ["default", "semantic"] if options["engine"] == "both" else [options["engine"]]
        for name in names:
            try:
                engine = get_engine(str(name), catalogue, strict=True)
            except RuntimeError as exc:
                raise CommandError(str(exc)) from exc
            # Labels stay out of the engine: run() passes only title, grade and description.
            result = run(engine, rows, families)
            self.stdout.write(f"engine: {name}; file: {path}")
            for line in result.lines():
                self.stdout.write(f"  {line}")
