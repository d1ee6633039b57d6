"""``cadre community impact [--year YYYY] --format json|csv [--output FILE]``: taking part
in the community against change in assessed capability and progression over the year
after, compared with similar people who did not take part (the same figures as the page).

One row per kind of taking part (``overall``, ``communities``, ``events``, ``mentoring``)
and outcome (``capability``, ``progression``), with the columns of
``cadre.community.selectors.impact.COLUMNS``. Group sizes of 1 to 4 read "fewer than 5"
and such a row has no figures. JSON is ``{"columns": [...], "rows": [...], "method":
[...]}``. Audited as an export. An association, not a cause: see the method.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cadre.audit.exports import export_document, export_table
from cadre.community.selectors import impact as sel
from cadre.core.actor import command_line_actor
from cadre.core.commands import validation_lines


class Command(BaseCommand):
    help = ("Taking part in the community against capability and progression, compared "
            "with similar people who did not take part (an association, not a cause).")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", help="The year people started taking part, e.g. 2025 "
                                           "(default: the newest year with taking part)")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", "-o", help="File to write (default: standard output)")

    def handle(self, *args: str, **options: Any) -> None:
        try:
            figures = sel.impact(options["year"])
        except ValidationError as exc:
            raise CommandError("\n  ".join(["Nothing was shown:", *validation_lines(exc)])
                               ) from exc
        rows = figures.table()
        what, summary = "community-impact", f"Community impact {figures.year} (command line)"
        if options["format"] == "json":
            document = {"columns": list(sel.COLUMNS), "rows": rows,
                        "method": list(sel.METHOD), "year": figures.year}
            export = export_document(
                actor=command_line_actor(), what=what, document=document, rows=len(rows),
                summary=summary,
                filename=f"community-impact-{figures.year}", extra={"year": figures.year})
        else:
            export = export_table(
                actor=command_line_actor(), what=what, columns=sel.COLUMNS, rows=rows,
                fmt="csv", filename=f"community-impact-{figures.year}", summary=summary,
                extra={"year": figures.year})
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(export.content)
            self.stderr.write(f"Wrote {export.rows} row(s) to {options['output']}")
            return
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")
