import csv
import sys

from django.core.management.base import BaseCommand, CommandError

from cadre.workforce.catalogue import safe_catalogue
from cadre.workforce.classifier import Classification

#: Columns added to every input row, in this order.
OUTPUT_COLUMNS = ["in_profession", "role_family", "role", "role_level", "confidence",
                  "alternatives"]


def output_values(result: Classification) -> dict[str, str]:
    """The added columns for one classified row."""
    if not result.in_profession:
        return {"in_profession": "false", "role_family": "", "role": "", "role_level": "",
                "confidence": f"{result.confidence:.3f}", "alternatives": ""}
    return {
        "in_profession": "true", "role_family": result.role_family or "",
        "role": result.role or "", "role_level": result.role_level or "",
        "confidence": f"{result.confidence:.3f}",
        "alternatives": "|".join(role for role, _level, _c in result.alternatives),
    }


class Command(BaseCommand):
    help = ("Classify job titles from a CSV file (a job_title column, optional grade and "
            "job_description); writes the CSV with the classification to standard output.")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file", help="CSV file with a job_title column; '-' for stdin")
        parser.add_argument("--engine", choices=["default", "semantic"], default="default")

    def handle(self, *args: str, **options: object) -> None:
        from cadre.workforce.catalogue import get_engine

        path = str(options["file"])
        try:
            handle = (sys.stdin if path == "-"
                      else open(path, newline="", encoding="utf-8-sig"))  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        with handle:
            reader = csv.DictReader(handle)
            columns = [c for c in (reader.fieldnames or []) if c is not None]
            if "job_title" not in columns:
                raise CommandError(
                    f"{path} has no job_title column (columns found: "
                    f"{', '.join(columns) or 'none'}).")
            rows = list(reader)
        try:
            engine = get_engine(str(options["engine"]), safe_catalogue(), strict=True)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        results = engine.classify_many(
            {"job_title": r.get("job_title") or "", "grade": r.get("grade") or None,
             "job_description": r.get("job_description") or ""} for r in rows)
        extra = [c for c in OUTPUT_COLUMNS if c not in columns]
        writer = csv.DictWriter(self.stdout, fieldnames=columns + extra, extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        for row, result in zip(rows, results, strict=True):
            writer.writerow({**row, **output_values(result)})
