"""``cadre workforce accuracy``: the classifier measured on every labelled set."""

import csv
import json
import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cadre.workforce.accuracy import Accuracy, Outcome, classify_rows, measure
from cadre.workforce.catalogue import safe_catalogue
from cadre.workforce.reliability_diagram import Panel, reliability_svg

OWN = Path(__file__).resolve().parents[2]
#: (name, path, part of the repository) of the sets measured when no --file is given.
#: Sets in the repository must be there; ../shared is skipped, saying so, when absent.
DEFAULT_SETS: list[tuple[str, Path, bool]] = [
    ("development", OWN / "data" / "labelled-titles" / "development.csv", True),
    ("holdout", OWN / "data" / "labelled-titles" / "holdout.csv", True),
    ("shared dev", Path(settings.CADRE_SHARED_DIR) / "data" / "job-titles" / "dev.csv", False),
    ("test titles", OWN / "tests" / "data" / "classifier_titles.csv", True),
]
REQUIRED = ("job_title", "is_profession")


def _shown(path: Path) -> str:
    """The path relative to the project when it is near it (../shared/...), else whole."""
    shown = os.path.relpath(path.resolve(), Path(settings.BASE_DIR).resolve())
    return shown if not shown.startswith(os.path.join("..", "..")) else str(path)


def read_set(path: Path) -> list[dict]:
    """The rows of a labelled CSV, or a CommandError saying what is wrong with it."""
    if not path.is_file():
        raise CommandError(f"No such labelled file: {path}")
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise CommandError(f"{path} needs the columns {', '.join(REQUIRED)} "
                                   f"(missing: {', '.join(missing)}).")
            rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise CommandError(f"{path} is not a readable UTF-8 CSV file: {exc}") from exc
    if not rows:
        raise CommandError(f"{path} has no labelled rows.")
    return rows


def _mistakes(outcomes: list[Outcome]) -> list[Outcome]:
    """The wrong suggestions, most confident first."""
    return sorted((o for o in outcomes if not o.suggestion_right),
                  key=lambda o: -(o.guess.suggestion_confidence or 0.0))


def _wrong(outcome: Outcome) -> dict:
    truth, guess, row = outcome.truth, outcome.guess, outcome.row
    return {
        "job_title": row.get("job_title", ""), "grade": row.get("grade", ""),
        "organisation_type": row.get("organisation_type", ""), "kind": row.get("kind", ""),
        "truth": (truth.role or "in the profession") if truth.in_profession else "out",
        "suggestion": (guess.roles[0] if guess.roles else "in the profession")
        if guess.in_profession else "out",
        "confidence": round(guess.suggestion_confidence or 0.0, 3),
        "probability_in": round(guess.probability or 0.0, 3),
    }


class Command(BaseCommand):
    help = ("Measure the job title classifier on labelled titles: precision and recall for "
            "'in the profession', top-1 and top-3 accuracy for role and role family, and "
            "how well its confidence is calibrated. With no --file, every labelled set.")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--file", action="append", default=[],
                            help="A labelled CSV (job_title, grade, organisation_type, "
                                 "is_profession, role_family, role, role_level); may be "
                                 "given more than once. Default: every labelled set.")
        parser.add_argument("--engine", choices=["default", "semantic", "both"],
                            default="default")
        parser.add_argument("--errors", action="store_true",
                            help="List every title whose suggestion is wrong, most "
                                 "confident first.")
        parser.add_argument("--diagram", metavar="PATH.svg",
                            help="Write a reliability diagram of the default engine's "
                                 "confidence (one panel per set) to this SVG file.")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
        parser.add_argument("--bins", type=int, default=10,
                            help="Confidence bins for the calibration error (default 10).")

    def _sets(self, files: list[str]) -> tuple[list[tuple[str, Path]], list[str]]:
        if files:
            return [(Path(f).stem, Path(f)) for f in files], []
        chosen, skipped = [], []
        for name, path, ours in DEFAULT_SETS:
            if path.is_file() or ours:
                chosen.append((name, path))
            else:
                skipped.append(f"{name}: skipped, {path} is not here (../shared is absent)")
        return chosen, skipped

    def handle(self, *args: str, **options: object) -> None:
        from cadre.workforce.catalogue import get_engine

        bins = int(options["bins"])
        if not 1 <= bins <= 100:
            raise CommandError("--bins must be between 1 and 100.")
        diagram = Path(str(options["diagram"])) if options["diagram"] else None
        if diagram is not None and not diagram.parent.is_dir():
            raise CommandError(f"--diagram: the folder {diagram.parent} does not exist.")
        sets, skipped = self._sets([str(f) for f in options["file"]])
        data = [(name, path, read_set(path)) for name, path in sets]  # all checked first
        catalogue = safe_catalogue()
        families = {r.name: r.family for r in catalogue.roles}
        wanted = ["default", "semantic"] if options["engine"] == "both" else [
            str(options["engine"])]
        names = wanted + (["default"] if diagram is not None and "default" not in wanted
                          else [])  # the diagram is of the default engine
        measured: list[tuple[str, str, Path, Accuracy, list[Outcome]]] = []
        panels: list[Panel] = []
        for name in names:
            try:
                engine = get_engine(name, catalogue, strict=True)
            except RuntimeError as exc:
                raise CommandError(str(exc)) from exc
            for set_name, path, rows in data:
                # Labels stay out of the engine: it sees title, grade, description and
                # organisation type only.
                outcomes = classify_rows(engine, rows, families)
                result = measure(((o.truth, o.guess) for o in outcomes), bins)
                if name == "default":
                    panels.append(Panel(set_name, result.suggestion_bins,
                                        result.ece_suggestion, result.calibrated_rows,
                                        path.name))
                if name in wanted:
                    measured.append((name, set_name, path, result, outcomes))
        if diagram is not None:
            self._write_diagram(diagram, panels)
        if options["json"]:
            report = []
            for name, set_name, path, result, outcomes in measured:
                entry = {"set": set_name, "file": _shown(path), "engine": name,
                         "figures": result.as_dict()}
                if options["errors"]:
                    entry["errors"] = [_wrong(o) for o in _mistakes(outcomes)]
                report.append(entry)
            self.stdout.write(json.dumps({"sets": report, "skipped": skipped,
                                          "diagram": str(diagram) if diagram else None},
                                         indent=2))
            return
        for line in skipped:
            self.stdout.write(line)
        for name, set_name, path, result, outcomes in measured:
            self.stdout.write(f"engine: {name}; set: {set_name}; file: {_shown(path)}")
            for line in result.lines():
                self.stdout.write(f"  {line}")
            if options["errors"]:
                self._print_errors(_mistakes(outcomes))
        if diagram is not None:
            self.stdout.write(f"reliability diagram (default engine) written to {diagram}")

    def _print_errors(self, wrong: list[Outcome]) -> None:
        self.stdout.write(f"  wrong suggestions ({len(wrong)}, most confident first):")
        for e in map(_wrong, wrong):
            where = ", ".join(v for v in (e["grade"], e["organisation_type"], e["kind"]) if v)
            self.stdout.write(
                f"    {e['job_title']!r}" + (f" [{where}]" if where else "")
                + f": truth {e['truth']}; suggested {e['suggestion']}; "
                f"confidence {e['confidence']:.3f}")

    def _write_diagram(self, path: Path, panels: list[Panel]) -> None:
        svg = reliability_svg(panels, title="How far the classifier's confidence can be "
                                            "trusted (default engine)",
                              measure="the confidence given to each suggestion")
        try:
            path.write_text(svg, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"--diagram: cannot write {path}: {exc}") from exc
