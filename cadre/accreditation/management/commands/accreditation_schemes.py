"""``cadre accreditation schemes ACTION``: standards as data from the command line.

- ``list [--format json|text]``: every scheme, its levels and their current criteria;
- ``eligibility --organisation ABBR --staff-number N [--format json|text]``: a person's
  eligibility for every level with published criteria;
- ``create --name NAME [--description --renewal-months --cpd-credits --appeal-days]``;
- ``add-level --scheme ID --name NAME [--description]``;
- ``draft --level ID [--notes] [--empty]``: start a draft criteria version;
- ``add-criterion --version ID --kind KIND --text TEXT [--count --min-level --years
  --evidence-type --family ID ...]``;
- ``publish --version ID``.

Changes are refused with ``Nothing was changed:`` and a line per problem naming the field.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError

from cadre.accreditation.models import CriteriaVersion, CriterionKind, Scheme, SchemeLevel
from cadre.accreditation.selectors import standards as sel
from cadre.accreditation.services import standards as services
from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.people.models import Person


def _criteria(version: Any) -> dict | None:
    if version is None:
        return None
    return {
        "id": version.pk,
        "number": version.number,
        "published_on": version.published_on.isoformat() if version.published_on else None,
        "criteria": [
            {
                "position": c.position,
                "kind": c.kind,
                "text": c.text,
                "count": c.count,
                "min_level": c.min_level,
                "years": c.years,
                "evidence_type": c.evidence_type,
                "families": [f.name for f in c.families.all()],
            }
            for c in version.criteria.all()
        ],
    }


class Command(SubcommandCommand):
    help = "Accreditation schemes, levels and criteria, and a person's eligibility."

    def add_actions(self, actions: Any) -> None:
        listing = actions.add_parser("list", help="Schemes, levels and current criteria")
        listing.add_argument("--format", choices=["json", "text"], default="text")
        person = actions.add_parser("eligibility", help="A person's eligibility")
        person.add_argument("--organisation", required=True, help="Organisation abbreviation")
        person.add_argument("--staff-number", required=True)
        person.add_argument("--format", choices=["json", "text"], default="text")
        create = actions.add_parser("create", help="Add a scheme")
        create.add_argument("--name", required=True)
        create.add_argument("--description", default="")
        create.add_argument("--renewal-months", default="24")
        create.add_argument("--cpd-credits", default="20")
        create.add_argument("--appeal-days", default="28")
        level = actions.add_parser("add-level", help="Add a level to a scheme")
        level.add_argument("--scheme", type=int, required=True, help="Scheme id")
        level.add_argument("--name", required=True)
        level.add_argument("--description", default="")
        draft = actions.add_parser("draft", help="Start a draft criteria version of a level")
        draft.add_argument("--level", type=int, required=True, help="Scheme level id")
        draft.add_argument("--notes", default="")
        draft.add_argument(
            "--empty",
            action="store_true",
            help="Start with no criteria (default: copy the latest version's)",
        )
        criterion = actions.add_parser("add-criterion", help="Add a criterion to a draft")
        criterion.add_argument("--version", type=int, required=True, help="Draft version id")
        criterion.add_argument("--kind", required=True, choices=list(CriterionKind.values))
        criterion.add_argument("--text", required=True)
        criterion.add_argument("--count")
        criterion.add_argument("--min-level")
        criterion.add_argument("--years")
        criterion.add_argument("--evidence-type", default="")
        criterion.add_argument(
            "--family",
            type=int,
            action="append",
            default=[],
            help="Role family id (repeat for several)",
        )
        publish = actions.add_parser("publish", help="Publish a draft criteria version")
        publish.add_argument("--version", type=int, required=True, help="Draft version id")

    def handle_list(self, options: dict, *, actor: Actor) -> None:
        rows = []
        for scheme in Scheme.objects.prefetch_related("levels").order_by("name"):
            rows.append(
                {
                    "id": scheme.pk,
                    "name": scheme.name,
                    "renewal_months": scheme.renewal_months,
                    "cpd_credits": scheme.cpd_credits,
                    "appeal_days": scheme.appeal_days,
                    "levels": [
                        {
                            "id": lv.pk,
                            "name": lv.name,
                            "ordinal": lv.ordinal,
                            "current_criteria": _criteria(sel.current_criteria(lv)),
                        }
                        for lv in scheme.levels.order_by("ordinal")
                    ],
                }
            )
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, indent=2))
            return
        if not rows:
            self.stdout.write("No schemes yet.")
        for scheme in rows:
            self.stdout.write(
                f"{scheme['name']} (scheme {scheme['id']}): renew every "
                f"{scheme['renewal_months']} months, {scheme['cpd_credits']} "
                "CPD credits"
            )
            for level in scheme["levels"]:
                current = level["current_criteria"]
                where = (
                    f"criteria version {current['number']}" if current else "no criteria published"
                )
                self.stdout.write(
                    f"  {level['ordinal']}. {level['name']} (level {level['id']}): {where}"
                )
                for c in (current or {}).get("criteria", []):
                    self.stdout.write(f"     {c['position']}. {c['text']}")

    def handle_eligibility(self, options: dict, *, actor: Actor) -> None:
        person = Person.objects.filter(
            organisation__abbreviation=options["organisation"], staff_number=options["staff_number"]
        ).first()
        if person is None:
            raise CommandError(f"No person {options['staff_number']} in {options['organisation']}.")
        results = sel.schemes_for(person)
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "scheme": e.level.scheme.name,
                            "level": e.level.name,
                            "level_id": e.level.pk,
                            "criteria_version": e.criteria.number if e.criteria else None,
                            "eligible": e.eligible,
                            "holds_award": e.holds_award,
                            "summary": e.summary,
                            "results": [
                                {
                                    "position": r.criterion.position,
                                    "text": r.criterion.text,
                                    "met": r.met,
                                    "detail": r.detail,
                                }
                                for r in e.results
                            ],
                        }
                        for e in results
                    ],
                    indent=2,
                )
            )
            return
        if not results:
            self.stdout.write("No scheme has published criteria yet.")
        for e in results:
            self.stdout.write(f"{e.level.scheme.name}: {e.level.name}: {e.summary}")
            for r in e.results:
                self.stdout.write(f"  {r.criterion.position}. {r.status}: {r.detail}")

    def handle_create(self, options: dict, *, actor: Actor) -> None:
        scheme = services.create_scheme(
            actor=actor,
            name=options["name"],
            description=options["description"],
            renewal_months=options["renewal_months"],
            cpd_credits=options["cpd_credits"],
            appeal_days=options["appeal_days"],
        )
        self.stdout.write(f"Scheme {scheme.pk} added: {scheme.name}")

    def _get(self, model: Any, pk: int, what: str) -> Any:
        found = model.objects.filter(pk=pk).first()
        if found is None:
            raise CommandError(f"No {what} {pk}.")
        return found

    def handle_add_level(self, options: dict, *, actor: Actor) -> None:
        scheme = self._get(Scheme, options["scheme"], "scheme")
        level = services.add_level(
            actor=actor, scheme=scheme, name=options["name"], description=options["description"]
        )
        self.stdout.write(f"Level {level.pk} added: {level}")

    def handle_draft(self, options: dict, *, actor: Actor) -> None:
        level = self._get(SchemeLevel, options["level"], "scheme level")
        version = services.create_draft(
            actor=actor, level=level, notes=options["notes"], copy_latest=not options["empty"]
        )
        self.stdout.write(
            f"Draft criteria version {version.number} of {level} started (id {version.pk})."
        )

    def handle_add_criterion(self, options: dict, *, actor: Actor) -> None:
        version = self._get(CriteriaVersion, options["version"], "criteria version")
        criterion = services.add_criterion(
            actor=actor,
            version=version,
            kind=options["kind"],
            text=options["text"],
            count=options["count"],
            min_level=options["min_level"],
            years=options["years"],
            evidence_type=options["evidence_type"],
            families=options["family"],
        )
        self.stdout.write(f"Criterion {criterion.position} added (id {criterion.pk}).")

    def handle_publish(self, options: dict, *, actor: Actor) -> None:
        version = services.publish(actor=actor, version_id=options["version"])
        self.stdout.write(
            f"Criteria version {version.number} of {version.level} published "
            f"on {version.published_on.isoformat()}."
        )
