"""Helpers for commands with actions (``cadre talent moves propose ...``): finding the
organisations and people named on the command line, running an action with one way of
reporting refusals, and writing tables."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cadre.core.commands import refusals_reported
from cadre.core.tabular import parse_date, write_csv, write_ods, write_xlsx
from cadre.organisations.models import Organisation
from cadre.organisations.selectors import organisation_by_abbreviation
from cadre.people.models import Person


def run_action(command: BaseCommand, options: dict) -> None:
    """Call ``command._<action>(options)`` for the chosen subcommand, reporting a refused
    change the way every command does (``core.commands.refusals_reported``).

    Kept for commands written before ``core.commands.SubcommandCommand``; new commands
    subclass that instead.
    """
    action = str(options["action"]).replace("-", "_")
    with refusals_reported(command):
        getattr(command, f"_{action}")(options)


def organisation(abbreviation: str | None) -> Organisation | None:
    """The organisation with this abbreviation (any case); None if none was given."""
    if not abbreviation:
        return None
    found = organisation_by_abbreviation(abbreviation)
    if found is None:
        raise CommandError(f"No organisation '{abbreviation}'.")
    return found


def person_in(abbreviation: str, staff_number: str) -> Person:
    """The person with this staff number in the organisation with this abbreviation."""
    org = organisation(abbreviation)
    found = Person.objects.filter(organisation=org, staff_number=staff_number).first()
    if found is None:
        raise CommandError(f"No person with staff number '{staff_number}' in {abbreviation}.")
    return found


def person(reference: str) -> Person:
    """A person named as ORGANISATION/STAFF_NUMBER, e.g. DA/A3."""
    abbreviation, _, staff_number = reference.partition("/")
    if not staff_number:
        raise CommandError(f"Name the person as ORGANISATION/STAFF_NUMBER, not '{reference}'.")
    return person_in(abbreviation, staff_number)


def date(value: str | None, what: str) -> dt.date | None:
    """A date given as dd/mm/yyyy or ISO; None if none was given."""
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise CommandError(f"{what}: {exc}") from exc


def write_rows(columns: list[str], rows: list[dict], output: str | None, title: str) -> None:
    """CSV to standard output, or CSV/XLSX/ODS to a file chosen by its extension."""
    if output and output.lower().endswith(".xlsx"):
        Path(output).write_bytes(write_xlsx(columns, rows, sheet_title=title))
    elif output and output.lower().endswith(".ods"):
        Path(output).write_bytes(write_ods(columns, rows, sheet_title=title))
    elif output:
        Path(output).write_text(write_csv(columns, rows), encoding="utf-8")
    else:
        sys.stdout.write(write_csv(columns, rows))
