import csv
import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cadre.workforce import title_calibration as tc
from cadre.workforce import title_model
from cadre.workforce.classifier import (
    MODEL_JSON,
    DefaultEngine,
    bundled_catalogue,
    starting_models,
)

LABELLED = Path(__file__).resolve().parents[2] / "data" / "labelled-titles"
DEFAULT_FILE = LABELLED / "development.csv"
DEFAULT_EXTRA = Path(__file__).resolve().parents[2] / "tests" / "data" / "classifier_titles.csv"
#: The penalty of the shipped models. Cross-validated log loss prefers the smallest tried
#: (0.03), but the vocabulary was tuned on development.csv and cross-validation refits only
#: the weights, so its choice is too sure of itself; 0.3 keeps the probabilities less
#: extreme for titles unlike the tuning set. Chosen before the holdout set was measured.
DEFAULT_L2 = 0.3
L2_REASON = ("l2 0.3 by default, not the cross-validated choice: the vocabulary was tuned "
             "on development.csv and cross-validation refits only the weights, so a "
             "larger penalty keeps the probabilities less extreme (chosen before the "
             "holdout set was measured)")
#: Sets kept for checking: a model fitted on them would be measured on its own lessons.
NEVER_FIT = (LABELLED / "holdout.csv",
             Path(settings.BASE_DIR).parent / "shared" / "data" / "job-titles" / "dev.csv")


def _read(path: Path) -> list[dict]:
    if not path.is_file():
        raise CommandError(f"No such file: {path}")
    if path.resolve() in {p.resolve() for p in NEVER_FIT} or path.name == "holdout.csv":
        raise CommandError(f"{path} is a set kept for checking; the models are never "
                           "fitted on it.")
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or "job_title" not in rows[0] or "is_profession" not in rows[0]:
        raise CommandError(f"{path} needs job_title and is_profession columns.")
    return rows


class Command(BaseCommand):
    help = ("Fit the job title classifier's models (P(in the profession) and P(role right)) "
            "on labelled titles; print the fit and 5-fold cross-validated figures; with "
            "--write, save them to cadre/workforce/data/title-model.json. The shipped "
            "models are 'cadre workforce calibrate --write' (l2 0.3).")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--file", default=str(DEFAULT_FILE),
                            help="Labelled CSV to fit on and cross-validate (default: "
                                 "cadre/workforce/data/labelled-titles/development.csv)")
        parser.add_argument("--extra", action="append", default=None,
                            help="Further labelled CSV always in training (default: "
                                 "cadre/workforce/tests/data/classifier_titles.csv); "
                                 "--extra none for no extra file")
        parser.add_argument("--l2", type=float, default=None,
                            help=f"L2 penalty (default {DEFAULT_L2:g}, as the shipped "
                                 "models: the vocabulary was tuned on development.csv and "
                                 "cross-validation refits only the weights, so the "
                                 "penalty it prefers is too small)")
        parser.add_argument("--choose-l2", action="store_true",
                            help="Use the L2 penalty with the lowest 5-fold "
                                 "cross-validated log loss instead (prints every "
                                 "choice's figures)")
        parser.add_argument("--write", action="store_true",
                            help=f"Write the fitted models to {MODEL_JSON.name}")

    def handle(self, *args: str, **options: object) -> None:
        path = Path(str(options["file"]))
        rows = _read(path)
        extra_paths = [Path(p) for p in (options["extra"] or [str(DEFAULT_EXTRA)])
                       if p.lower() != "none"]
        extra_rows = [row for p in extra_paths for row in _read(p)]
        # The evidence does not depend on the weights: starting weights keep the command
        # working after the features change, which is when it is needed.
        engine = DefaultEngine(bundled_catalogue(), starting_models())
        main = tc.examples(engine.analyse_many(rows), rows)
        extra = tc.examples(engine.analyse_many(extra_rows), extra_rows)

        if options["choose_l2"] and options["l2"] is not None:
            raise CommandError("Give --l2 or --choose-l2, not both.")
        l2_note = ""
        if options["choose_l2"]:
            l2, tried = tc.choose_l2(main, extra)
            l2_note = "l2 chosen by 5-fold cross-validated log loss"
            self.stdout.write("L2 penalty chosen by 5-fold cross-validated log loss:")
            for value, figures in tried.items():
                self.stdout.write(f"  l2 {value:g}: {figures.line()}")
        elif options["l2"] is None:
            l2, l2_note = DEFAULT_L2, L2_REASON
        else:
            l2 = float(options["l2"])
            if l2 < 0:
                raise CommandError("--l2 must be zero or more.")
            if l2 == DEFAULT_L2:
                l2_note = L2_REASON
        cross = tc.cross_validate(main, l2, extra)
        models = tc.fit_models(main + extra, l2)
        names = ", ".join(p.name for p in [path, *extra_paths])
        today = datetime.date.today().isoformat()
        for model in models.values():
            model.fitted_on, model.rows, model.date = names, len(main) + len(extra), today
            if l2_note:
                model.notes["l2"] = l2_note
        self.stdout.write(f"fitted on {names} ({len(main) + len(extra)} rows), l2 {l2:g}"
                          + (f" ({l2_note})" if l2_note else ""))
        for name, model in models.items():
            self.stdout.write(f"model {name}: bias {model.bias:+.3f}")
            for feature, weight in zip(model.features, model.weights, strict=True):
                self.stdout.write(f"  {feature:26} {weight:+.3f}")
        self.stdout.write(f"on {path.name}, fitted on it: {tc.figures(models, main).line()}")
        self.stdout.write(f"on {path.name}, 5-fold cross-validated: {cross.line()}")
        if options["write"]:
            title_model.save(models, MODEL_JSON)
            self.stdout.write(f"wrote {MODEL_JSON}")
        else:
            self.stdout.write("(not written: add --write to save the models)")
