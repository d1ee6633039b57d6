"""``cadre strategy contributions [--organisation ABBR] [--period P] --format json|csv``:
people contributing to the whole of government and their contributions, by organisation
and kind, for a period (a financial year like 2025-26 or a calendar year like 2025; this
financial year by default). Counts of 1 to 4 people read "fewer than 5" and the
contributions beside them "[c]".

``cadre strategy contributions --person STAFF_NUMBER [--organisation ABBR]``: one person's
contributions (the organisation is needed when the staff number is used in more than one).
Both are audited as exports.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.audit.exports import export_document, export_table
from cadre.core.actor import command_line_actor
from cadre.core.inputs import STAFF_NUMBER_LENGTH
from cadre.organisations.selectors import organisation_by_abbreviation
from cadre.people.models import Person
from cadre.strategy.selectors import contributions as sel


class Command(BaseCommand):
    help = ("Contributions to the whole of government: counts by organisation and kind, or "
            "one person's list (--person).")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--organisation", help="An organisation's abbreviation, e.g. DWP")
        parser.add_argument("--period", help="2025-26 (financial year) or 2025 (calendar "
                                             "year); default this financial year")
        parser.add_argument("--person", help="A staff number: list that person's "
                                             "contributions instead of counts")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", "-o", help="File to write (default: standard output)")

    def _organisation(self, value: str | None) -> Any:
        if not value:
            return None
        if len(value) > 30 or "\x00" in value:
            raise CommandError("--organisation: an abbreviation of 30 characters or fewer.")
        found = organisation_by_abbreviation(value)
        if found is None:
            raise CommandError(f"--organisation: no organisation has the abbreviation {value}.")
        return found

    def _person(self, staff_number: str, organisation: Any) -> Person:
        if len(staff_number) > STAFF_NUMBER_LENGTH or "\x00" in staff_number:
            raise CommandError(f"--person: a staff number of {STAFF_NUMBER_LENGTH} characters "
                               "or fewer.")
        people = Person.objects.filter(staff_number=staff_number).select_related("organisation")
        if organisation is not None:
            people = people.filter(organisation=organisation)
        found = list(people[:2])
        if not found:
            raise CommandError(f"--person: nobody has the staff number {staff_number}.")
        if len(found) > 1:
            raise CommandError(f"--person: {staff_number} is used in more than one "
                               "organisation; add --organisation.")
        return found[0]

    def handle(self, *args: str, **options: Any) -> None:
        organisation = self._organisation(options["organisation"])
        actor = command_line_actor()
        if options["person"]:
            person = self._person(options["person"], organisation)
            rows = [{k: c.as_dict()[k] for k in sel.PERSON_COLUMNS}
                    for c in sel.contributions_of(person)]
            what, name = "strategy-contributions-person", f"contributions-{person.pk}"
            summary = f"Contributions of {person.full_name} (command line)"
            if options["format"] == "json":
                export = export_document(
                    actor=actor, what=what, rows=len(rows), summary=summary, filename=name,
                    document={"person": person.staff_number, "name": person.full_name,
                              "organisation": person.organisation.abbreviation,
                              "contributions": rows}, extra={"person": person.pk})
            else:
                export = export_table(actor=actor, what=what, columns=sel.PERSON_COLUMNS,
                                      rows=rows, fmt="csv", filename=name, summary=summary,
                                      extra={"person": person.pk})
        else:
            try:
                period = sel.check_period(options["period"])
            except sel.PeriodError as exc:
                raise CommandError(f"--period: {exc}") from exc
            rows = sel.counts(period, organisation)
            what, name = "strategy-contributions", f"contributions-{period.label}"
            summary = f"Contributions by organisation {period.label} (command line)"
            extra = {"period": period.label,
                     "organisation": organisation.abbreviation if organisation else None}
            if options["format"] == "json":
                export = export_document(
                    actor=actor, what=what, rows=len(rows), summary=summary, filename=name,
                    document={"period": period.label, "start": period.start.isoformat(),
                              "end": period.end.isoformat(), "threshold": sel.THRESHOLD,
                              "legend": sel.legend(), "rows": rows,
                              "workstreams": sel.workstream_counts(organisation)},
                    extra=extra)
            else:
                export = export_table(actor=actor, what=what, columns=sel.COUNT_COLUMNS,
                                      rows=rows, fmt="csv", filename=name, summary=summary,
                                      extra=extra)
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(export.content)
            self.stderr.write(f"Wrote {export.rows} row(s) to {options['output']}")
            return
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")
