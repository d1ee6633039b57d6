"""``cadre community surveys ACTION``: perception surveys from the command line.

- ``list [--format json|csv]``: every survey (id, title, kind, baseline, state, dates,
  items, responses);
- ``create --title T [--description D] [--baseline ID] [--opens-on DATE]
  [--closes-on DATE] [--statement TEXT ...] [--question TEXT ...]``: a draft survey (a
  repeat copies its baseline's statements; the statements and questions given are added);
- ``open --survey ID`` / ``close --survey ID``: the workflow;
- ``results --survey ID [--table results|change] --format json|csv [--output FILE]``: the
  suppressed results (or the change from the baseline), as on the pages, audited as an
  export. JSON is ``{"columns": [...], "rows": [...]}``; a hidden figure is null (JSON)
  or empty (CSV) and ``note`` says why.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from cadre.audit.exports import export_table
from cadre.community.models import ItemKind, Survey
from cadre.community.selectors import surveys as sel
from cadre.community.services import surveys as services
from cadre.core.commands import SubcommandCommand
from cadre.core.exports import render_table
from cadre.core.inputs import parse_date

LIST_COLUMNS = ("id", "title", "kind", "baseline", "state", "opens_on", "closes_on",
                "items", "responses")


class Command(SubcommandCommand):
    help = "Perception surveys: list, create, open, close, results (suppressed below 10)."

    def add_actions(self, actions: Any) -> None:
        listing = actions.add_parser("list", help="Every survey")
        listing.add_argument("--format", choices=["json", "csv"], default="json")
        create = actions.add_parser("create", help="A draft survey")
        create.add_argument("--title", required=True)
        create.add_argument("--description", default="")
        create.add_argument("--baseline", type=int, help="The baseline survey's id (a repeat)")
        create.add_argument("--opens-on", help="YYYY-MM-DD")
        create.add_argument("--closes-on", help="YYYY-MM-DD")
        create.add_argument("--statement", action="append", default=[],
                            help="A Likert statement (repeat the option for more)")
        create.add_argument("--question", action="append", default=[],
                            help="A free-text question (repeat the option for more)")
        for name in ("open", "close"):
            step = actions.add_parser(name, help=f"{name.capitalize()} a survey")
            step.add_argument("--survey", type=int, required=True)
        results = actions.add_parser("results", help="Suppressed results as JSON or CSV")
        results.add_argument("--survey", type=int, required=True)
        results.add_argument("--table", choices=["results", "change"], default="results")
        results.add_argument("--format", choices=["json", "csv"], default="json")
        results.add_argument("--output", "-o", help="File to write (default: standard output)")

    @staticmethod
    def _survey(pk: int) -> Survey:
        survey = Survey.objects.filter(pk=pk).first()
        if survey is None:
            raise CommandError(f"No survey {pk}; 'cadre community surveys list' lists them.")
        return survey

    def handle_list(self, options: dict, *, actor: Any) -> None:
        rows = [{"id": s.pk, "title": s.title, "kind": "repeat" if s.baseline_id else "baseline",
                 "baseline": s.baseline_id, "state": s.state,
                 "opens_on": s.opens_on.isoformat() if s.opens_on else None,
                 "closes_on": s.closes_on.isoformat() if s.closes_on else None,
                 "items": s.items.count(), "responses": s.responses.count()}
                for s in Survey.objects.order_by("pk")]
        export = render_table(LIST_COLUMNS, rows, options["format"], filename="surveys")
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")

    def handle_create(self, options: dict, *, actor: Any) -> None:
        opens = (parse_date(options["opens_on"], field="opens_on")
                 if options["opens_on"] else None)
        closes = (parse_date(options["closes_on"], field="closes_on")
                  if options["closes_on"] else None)
        survey = services.create_survey(actor=actor, title=options["title"],
                                        description=options["description"],
                                        baseline=options["baseline"], opens_on=opens,
                                        closes_on=closes)
        for kind, texts in ((ItemKind.STATEMENT, options["statement"]),
                            (ItemKind.FREE_TEXT, options["question"])):
            for text in texts:
                services.add_item(actor=actor, survey_id=survey.pk, kind=kind, text=text)
        self.stdout.write(f"Created survey {survey.pk} ({survey.items.count()} item(s)); "
                          f"open it with 'cadre community surveys open --survey {survey.pk}'.")

    def handle_open(self, options: dict, *, actor: Any) -> None:
        survey = services.open_survey(actor=actor, survey_id=self._survey(options["survey"]).pk)
        self.stdout.write(f"Survey {survey.pk} is open.")

    def handle_close(self, options: dict, *, actor: Any) -> None:
        survey = services.close_survey(actor=actor,
                                       survey_id=self._survey(options["survey"]).pk)
        self.stdout.write(f"Survey {survey.pk} is closed.")

    def handle_results(self, options: dict, *, actor: Any) -> None:
        survey = self._survey(options["survey"])
        try:
            self._write_results(survey, options, actor=actor)
        except sel.ResultsNotPublished as error:
            raise CommandError(str(error)) from error

    def _write_results(self, survey: Any, options: dict, *, actor: Any) -> None:
        if options["table"] == "change":
            if survey.baseline_id is None:
                raise CommandError(f"Survey {survey.pk} is a baseline; --table change needs "
                                   "a repeat survey.")
            columns, rows = sel.CHANGE_COLUMNS, sel.change_rows(sel.change(survey))
        else:
            columns, rows = sel.RESULT_COLUMNS, sel.result_rows(sel.results(survey))
        export = export_table(
            actor=actor, what=f"community_survey_{options['table']}", columns=columns,
            rows=rows, fmt=options["format"], target=survey,
            filename=f"survey-{survey.pk}-{options['table']}",
            summary=f"Survey {survey.pk} {options['table']} (command line)")
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(export.content)
            self.stderr.write(f"Wrote {export.rows} row(s) to {options['output']}")
            return
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")
