"""``cadre accreditation cpd --organisation ABBR --staff-number N [--format json|csv]``.

One record per CPD record of the person, newest first: ``completed_on``, ``activity``,
``category``, ``credits``, ``hours`` (empty when not given), ``source``.
"""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.accreditation.models import CpdRecord
from cadre.people.models import Person

COLUMNS = ["completed_on", "activity", "category", "credits", "hours", "source"]


class Command(BaseCommand):
    help = "A person's CPD records."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--organisation", required=True, help="Organisation abbreviation")
        parser.add_argument("--staff-number", required=True)
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: str, **options: Any) -> None:
        person = Person.objects.filter(organisation__abbreviation=options["organisation"],
                                       staff_number=options["staff_number"]).first()
        if person is None:
            raise CommandError(f"No person {options['staff_number']} in "
                               f"{options['organisation']}.")
        records = [{"completed_on": r.completed_on.isoformat(), "activity": r.activity,
                    "category": r.category, "credits": r.credits,
                    "hours": None if r.hours is None else float(r.hours), "source": r.source}
                   for r in CpdRecord.objects.filter(person=person)
                   .order_by("-completed_on", "-id")]
        if options["format"] == "json":
            self.stdout.write(json.dumps(records, indent=2))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
