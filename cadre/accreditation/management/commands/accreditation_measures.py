"""``cadre accreditation measures [--format json|csv]``: the measures page for every
organisation, with the same suppression.

JSON: the API's object. CSV: one row per number, columns ``measure``, ``group``,
``column``, ``value`` (a hidden number is its label: "fewer than 5" or ``[c]``).
"""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import BaseCommand

from cadre.accreditation.selectors import measurement as sel

COLUMNS = ["measure", "group", "column", "value"]


def _rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for table in data["accredited"]:
        for row in table["rows"]:
            for column, cell in zip(table["columns"], row["cells"], strict=True):
                rows.append(
                    {
                        "measure": table["caption"],
                        "group": row["label"],
                        "column": column,
                        "value": cell,
                    }
                )
            rows.append(
                {
                    "measure": table["caption"],
                    "group": row["label"],
                    "column": "Total",
                    "value": row["total"],
                }
            )
        for column, cell in zip(table["columns"], table.get("column_totals", []), strict=False):
            rows.append(
                {"measure": table["caption"], "group": "Total", "column": column, "value": cell}
            )
        if "total" in table:
            rows.append(
                {
                    "measure": table["caption"],
                    "group": "Total",
                    "column": "Total",
                    "value": table["total"],
                }
            )
    for row in data["decision_times"]:
        for key in ("decisions", "median_days", "p90_days"):
            rows.append(
                {
                    "measure": "Days from submission to decision",
                    "group": row["group"],
                    "column": key,
                    "value": row[key],
                }
            )
    for key, value in data["workload_summary"].items():
        rows.append({"measure": "Assessor workload", "group": "All", "column": key, "value": value})
    for row in data["workload"]:
        for key in ("allocations", "submitted"):
            rows.append(
                {
                    "measure": "Assessor workload",
                    "group": f"{row['assessor']} / {row['round']}",
                    "column": key,
                    "value": row[key],
                }
            )
    for row in data["agreement"]:
        for key in ("applications", "pairs", "kappa"):
            rows.append(
                {
                    "measure": "Agreement (weighted kappa)",
                    "group": row["assessor"],
                    "column": key,
                    "value": row[key],
                }
            )
    for key, value in data["appeals"].items():
        rows.append({"measure": "Appeals", "group": "All", "column": key, "value": value})
    return rows


class Command(BaseCommand):
    help = "Accreditation measures (suppressed below 5), as JSON or CSV."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: str, **options: Any) -> None:
        data = sel.measures(None).as_dict()
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in _rows(data):
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
