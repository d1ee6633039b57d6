"""Helpers shared by the ``cadre talent pools|succession|ratings`` commands."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import CommandError

from cadre.core.tabular import parse_date, write_csv, write_xlsx
from cadre.organisations.models import Organisation
from cadre.people.models import Person


def organisation(abbreviation: str | None) -> Organisation | None:
    if not abbreviation:
        return None
    found = Organisation.objects.filter(abbreviation__iexact=abbreviation).first()
    if found is None:
        raise CommandError(f"No organisation with the abbreviation {abbreviation}.")
    return found


def person(reference: str) -> Person:
    """A person named as ORGANISATION/STAFF_NUMBER, e.g. DA/A3."""
    abbreviation, _, staff_number = reference.partition("/")
    if not staff_number:
        raise CommandError(f"Name the person as ORGANISATION/STAFF_NUMBER, not '{reference}'.")
    found = Person.objects.filter(organisation=organisation(abbreviation),
                                  staff_number=staff_number).first()
    if found is None:
        raise CommandError(f"No person {staff_number} in {abbreviation}.")
    return found


def date(value: str | None, what: str):  # noqa: ANN201
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise CommandError(f"{what}: {exc}") from exc


def write_rows(columns: list[str], rows: list[dict], output: str | None, title: str) -> None:
    """CSV to standard output, or CSV/XLSX to a file chosen by its extension."""
    if output and output.lower().endswith(".xlsx"):
        Path(output).write_bytes(write_xlsx(columns, rows, sheet_title=title))
    elif output:
        Path(output).write_text(write_csv(columns, rows), encoding="utf-8")
    else:
        sys.stdout.write(write_csv(columns, rows))
