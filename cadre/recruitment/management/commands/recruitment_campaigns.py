"""``cadre recruitment campaigns ACTION``: recruitment campaigns from the command line.

- ``list [--state S] [--organisation ABBR] [--format json|csv]``: every campaign (id, title,
  organisation, role level, grade, pay range, closing date, state, criteria, version); JSON
  is ``{"columns": [...], "rows": [...]}``;
- ``show --campaign ID``: one campaign with its assessment plan, as JSON;
- ``create (--vacancy ID | --organisation ABBR) [--title T] [--role-level ID] [--grade CODE]
  [--pay-min N --pay-max N] [--location L] [--closing-date YYYY-MM-DD]
  [--engagement permanent|fixed_term|interim] [--retention-months N] [--no-seed]``: a draft
  campaign (from a vacancy gone external, what is not given comes from the vacancy);
- ``transition --campaign ID --to STATE [--version N] [--reason TEXT]``: open, sift,
  interview, decided, closed or cancelled (cancelling needs a reason).

The command line acts with the hub's rights. A refused change ends "Nothing was changed:"
with the reasons, and a non-zero exit.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError

from cadre.core.commands import SubcommandCommand
from cadre.core.exports import render_table
from cadre.recruitment.models import Campaign, CampaignState, Engagement
from cadre.recruitment.selectors import campaigns as sel
from cadre.recruitment.services import campaigns as services

LIST_COLUMNS = ("id", "title", "organisation", "role_level", "grade", "pay_min", "pay_max",
                "closing_date", "state", "criteria", "version")


def _row(campaign: Campaign) -> dict[str, Any]:
    return {"id": campaign.pk, "title": campaign.title,
            "organisation": campaign.organisation.abbreviation,
            "role_level": f"{campaign.role_level.role.name}: {campaign.role_level.name}",
            "grade": campaign.grade.code,
            "pay_min": int(campaign.pay_min) if campaign.pay_min is not None else None,
            "pay_max": int(campaign.pay_max) if campaign.pay_max is not None else None,
            "closing_date": campaign.closing_date.isoformat(), "state": campaign.state,
            "criteria": getattr(campaign, "criteria_count", None), "version": campaign.version}


class Command(SubcommandCommand):
    help = "Recruitment campaigns: list, show, create, transition."

    def add_actions(self, actions: Any) -> None:
        listing = actions.add_parser("list", help="Every campaign")
        listing.add_argument("--state", choices=CampaignState.values)
        listing.add_argument("--organisation", help="An organisation's abbreviation")
        listing.add_argument("--format", choices=["json", "csv"], default="json")
        show = actions.add_parser("show", help="One campaign and its plan, as JSON")
        show.add_argument("--campaign", type=int, required=True)
        create = actions.add_parser("create", help="A draft campaign")
        source = create.add_mutually_exclusive_group(required=True)
        source.add_argument("--vacancy", type=int, help="A vacancy gone external")
        source.add_argument("--organisation", help="An abbreviation (a new senior role)")
        create.add_argument("--title")
        create.add_argument("--role-level", help="A role level's id")
        create.add_argument("--grade", help="A grade's code, for example G6")
        create.add_argument("--pay-min", help="Whole pounds a year")
        create.add_argument("--pay-max", help="Whole pounds a year")
        create.add_argument("--location")
        create.add_argument("--closing-date", help="YYYY-MM-DD")
        create.add_argument("--engagement", choices=Engagement.values,
                            default=Engagement.PERMANENT)
        create.add_argument("--retention-months", default="12")
        create.add_argument("--no-seed", action="store_true",
                            help="Start with an empty assessment plan")
        step = actions.add_parser("transition", help="Move a campaign on")
        step.add_argument("--campaign", type=int, required=True)
        step.add_argument("--to", required=True,
                          choices=[s for s in CampaignState.values if s != "draft"])
        step.add_argument("--version", help="The version read (a stale one is refused)")
        step.add_argument("--reason", default="")

    @staticmethod
    def _campaign(pk: int) -> Campaign:
        campaign = (Campaign.objects.select_related("organisation", "role_level__role", "grade")
                    .filter(pk=pk).first())
        if campaign is None:
            raise CommandError(f"No campaign {pk}; 'cadre recruitment campaigns list' lists "
                               "them.")
        return campaign

    def handle_list(self, options: dict, *, actor: Any) -> None:
        organisation = None
        if options["organisation"]:
            organisation = services.find_organisation(options["organisation"])
        rows = [_row(c) for c in sel.campaigns(actor, state=options["state"],
                                               organisation=organisation)]
        export = render_table(LIST_COLUMNS, rows, options["format"], filename="campaigns")
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")

    def handle_show(self, options: dict, *, actor: Any) -> None:
        campaign = self._campaign(options["campaign"])
        data = {**_row(campaign), "location": campaign.location,
                "engagement": campaign.engagement,
                "retention_months": campaign.retention_months,
                "vacancy": campaign.vacancy_id,
                "closed_on": campaign.closed_on.isoformat() if campaign.closed_on else None,
                "criteria": [{"id": c.pk, "order": c.order, "text": c.text,
                              "skill": c.skill.name if c.skill else None, "stage": c.stage,
                              "method": c.method} for c in sel.criteria(campaign)]}
        check = sel.pay_check(campaign)
        benchmark = check.benchmark
        data["pay_benchmark"] = {
            "low": benchmark.low, "median": benchmark.median, "high": benchmark.high,
            "basis": benchmark.basis_label,
            "sources": [figure.as_dict() for figure in benchmark.sources],
            "flags": check.flags}
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str))

    def handle_create(self, options: dict, *, actor: Any) -> None:
        campaign = services.create_campaign(
            actor=actor, vacancy=options["vacancy"], organisation=options["organisation"],
            title=options["title"], role_level=options["role_level"], grade=options["grade"],
            pay_min=options["pay_min"], pay_max=options["pay_max"],
            location=options["location"], closing_date=options["closing_date"],
            engagement=options["engagement"], retention_months=options["retention_months"],
            seed_criteria=not options["no_seed"])
        self.stdout.write(f"Started campaign {campaign.pk} as a draft "
                          f"({campaign.criteria.count()} criteria); open it with 'cadre "
                          f"recruitment campaigns transition --campaign {campaign.pk} --to "
                          "open'.")

    def handle_transition(self, options: dict, *, actor: Any) -> None:
        campaign = self._campaign(options["campaign"])
        moved = services.transition(actor=actor, campaign_id=campaign.pk, to=options["to"],
                                    version=options["version"], reason=options["reason"])
        self.stdout.write(f"Campaign {moved.pk} is now {moved.get_state_display().lower()} "
                          f"(version {moved.version}).")
