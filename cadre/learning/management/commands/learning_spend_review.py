"""``cadre learning spend-review [--organisation ABBR] [--format text|json]``: what waits
for review; ``--supplier ID --provider ID|none`` or ``--description ID --product ID|none``
decides one (applied to every waiting line)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.commands import refusals_reported
from cadre.learning.selectors import spend as sel
from cadre.learning.services.spend import DecisionConflict, decide_description, decide_supplier
from cadre.organisations.selectors import organisation_by_abbreviation


def _choice(value: str, option: str) -> int | None:
    if value.lower() == "none":
        return None
    try:
        return int(value)
    except ValueError:
        raise CommandError(f"{option}: give an id or 'none', not '{value}'.") from None


class Command(BaseCommand):
    help = "Learning spend waiting for review, or one decision on it."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--organisation", help="Organisation abbreviation")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--supplier", type=int, help="A waiting supplier name's id")
        parser.add_argument("--provider", help="The catalogue supplier's id, or 'none'")
        parser.add_argument("--description", type=int, help="A waiting description's id")
        parser.add_argument("--product", help="The product's id, or 'none'")

    def handle(self, *args: str, **options: Any) -> None:
        actor = command_line_actor()
        with refusals_reported(self):
            try:
                if options["supplier"] is not None:
                    if options["provider"] is None:
                        raise CommandError("--supplier needs --provider ID or --provider none.")
                    decision = decide_supplier(
                        actor=actor, supplier_name_id=options["supplier"],
                        provider_id=_choice(options["provider"], "--provider"))
                    self.stdout.write(f"Decided: applied to {decision.lines} line(s).")
                    return
                if options["description"] is not None:
                    if options["product"] is None:
                        raise CommandError("--description needs --product ID or --product none.")
                    decision = decide_description(
                        actor=actor, description_id=options["description"],
                        product_id=_choice(options["product"], "--product"))
                    self.stdout.write(f"Decided: applied to {decision.lines} line(s).")
                    return
            except DecisionConflict as exc:
                raise CommandError(f"Nothing was changed: {exc.message}") from exc
        org_id = None
        if options["organisation"]:
            organisation = organisation_by_abbreviation(str(options["organisation"]))
            if organisation is None:
                raise CommandError(f"No organisation with abbreviation "
                                   f"'{options['organisation']}'.")
            org_id = organisation.pk
        suppliers = [{"id": s["name"].pk, "name": s["name"].name,
                      "suggested_provider": s["name"].suggested_id, "score": s["name"].score,
                      "lines": s["lines"], "amount": f"{s['amount']:.2f}"}
                     for s in sel.waiting_suppliers(actor, organisation_id=org_id)]
        descriptions = [{"id": d["description"].pk, "description": d["description"].description,
                         "provider": d["description"].provider_id,
                         "suggested_product": d["description"].suggested_id,
                         "score": d["description"].score, "lines": d["lines"],
                         "amount": f"{d['amount']:.2f}"}
                        for d in sel.waiting_descriptions(actor, organisation_id=org_id)]
        if options["format"] == "json":
            self.stdout.write(json.dumps({"suppliers": suppliers,
                                          "descriptions": descriptions}, indent=2))
            return
        self.stdout.write(f"{len(suppliers)} supplier name(s) waiting:")
        for s in suppliers:
            self.stdout.write(f"  [{s['id']}] {s['name']}: {s['lines']} line(s), £{s['amount']}"
                              f"; suggested provider {s['suggested_provider'] or 'none'} "
                              f"(score {s['score']:.0f})")
        self.stdout.write(f"{len(descriptions)} description(s) waiting:")
        for d in descriptions:
            self.stdout.write(f"  [{d['id']}] {d['description']} (provider {d['provider']}): "
                              f"{d['lines']} line(s), £{d['amount']}; suggested product "
                              f"{d['suggested_product'] or 'none'} (score {d['score']:.0f})")
