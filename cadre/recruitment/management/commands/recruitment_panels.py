"""``cadre recruitment panels ACTION``: sift and interview panels from the command line.

- ``members --campaign ID [--format json|csv]``: the panel (id, person, organisation, role,
  stages, capacity);
- ``add --campaign ID --person EMAIL|STAFF_NUMBER|ID [--role chair|member]
  [--stages sift|interview|both] [--capacity N]``: seat someone on the panel;
- ``remove --member ID``: take a member off (refused once they have submitted scores);
- ``allocate --campaign ID --stage sift|interview [--dry-run]``: allocate a stage (the plan,
  with every exclusion and its reason, as JSON);
- ``scores --campaign ID [--stage S] [--format json|csv]``: every submitted score (one row
  per member, application and criterion);
- ``decide --application ID --stage S --outcome O --reasons TEXT``: the panel's decision.

The command line acts with the hub's rights; scores are submitted by the members
themselves, on the score sheet or through the API. A refused change ends "Nothing was
changed:" with the reasons, and a non-zero exit.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError

from cadre.core.commands import SubcommandCommand
from cadre.core.exports import render_table
from cadre.recruitment.models import (
    Campaign,
    PanelRole,
    PanelStage,
    PanelStages,
    Score,
    StageOutcome,
)
from cadre.recruitment.selectors import panels as sel
from cadre.recruitment.services import panels as services

MEMBER_COLUMNS = ("id", "person", "name", "organisation", "role", "stages", "capacity")
SCORE_COLUMNS = ("application", "stage", "member", "name", "criterion", "score", "comment",
                 "submitted_at")


class Command(SubcommandCommand):
    help = "Recruitment panels: members, add, remove, allocate, scores, decide."

    def add_actions(self, actions: Any) -> None:
        members = actions.add_parser("members", help="The panel of a campaign")
        members.add_argument("--campaign", type=int, required=True)
        members.add_argument("--format", choices=["json", "csv"], default="json")
        add = actions.add_parser("add", help="Seat someone on a panel")
        add.add_argument("--campaign", type=int, required=True)
        add.add_argument("--person", required=True,
                         help="Their email address, staff number or id")
        add.add_argument("--role", choices=PanelRole.values, default=PanelRole.MEMBER)
        add.add_argument("--stages", choices=PanelStages.values, default=PanelStages.BOTH)
        add.add_argument("--capacity", default="10",
                         help="Most applications at each stage")
        remove = actions.add_parser("remove", help="Take a member off a panel")
        remove.add_argument("--member", type=int, required=True)
        allocate = actions.add_parser("allocate", help="Allocate a stage")
        allocate.add_argument("--campaign", type=int, required=True)
        allocate.add_argument("--stage", choices=PanelStage.values, required=True)
        allocate.add_argument("--dry-run", action="store_true",
                              help="Show the plan; write nothing")
        scores = actions.add_parser("scores", help="Submitted scores of a campaign")
        scores.add_argument("--campaign", type=int, required=True)
        scores.add_argument("--stage", choices=PanelStage.values)
        scores.add_argument("--format", choices=["json", "csv"], default="json")
        decide = actions.add_parser("decide", help="The decision on an application at a stage")
        decide.add_argument("--application", type=int, required=True)
        decide.add_argument("--stage", choices=PanelStage.values, required=True)
        decide.add_argument("--outcome", choices=StageOutcome.values, required=True)
        decide.add_argument("--reasons", required=True)

    @staticmethod
    def _campaign(pk: int) -> Campaign:
        campaign = Campaign.objects.filter(pk=pk).first()
        if campaign is None:
            raise CommandError(f"No campaign {pk}; 'cadre recruitment campaigns list' lists "
                               "them.")
        return campaign

    def _json(self, data: Any) -> None:
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str))

    def handle_members(self, options: dict, *, actor: Any) -> None:
        campaign = self._campaign(options["campaign"])
        rows = [{"id": m.pk, "person": m.person_id, "name": m.person.full_name,
                 "organisation": m.person.organisation.abbreviation, "role": m.role,
                 "stages": m.stages, "capacity": m.capacity}
                for m in sel.campaign_members(campaign)]
        export = render_table(MEMBER_COLUMNS, rows, options["format"], filename="panel")
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")

    def handle_add(self, options: dict, *, actor: Any) -> None:
        campaign = self._campaign(options["campaign"])
        member = services.add_member(actor=actor, campaign=campaign.pk,
                                     person=options["person"], role=options["role"],
                                     stages=options["stages"], capacity=options["capacity"])
        self.stdout.write(f"{member.person.full_name} is on the panel of campaign "
                          f"{campaign.pk} as {member.get_role_display().lower()} "
                          f"(member {member.pk}).")

    def handle_remove(self, options: dict, *, actor: Any) -> None:
        campaign = services.remove_member(actor=actor, member=options["member"])
        self.stdout.write(f"Member {options['member']} is off the panel of campaign "
                          f"{campaign.pk}.")

    def handle_allocate(self, options: dict, *, actor: Any) -> None:
        campaign = self._campaign(options["campaign"])
        if options["dry_run"]:
            plan = services.dry_run(actor=actor, campaign=campaign.pk, stage=options["stage"])
        else:
            plan = services.allocate_stage(actor=actor, campaign=campaign.pk,
                                           stage=options["stage"])
        self._json(plan.as_record())

    def handle_scores(self, options: dict, *, actor: Any) -> None:
        campaign = self._campaign(options["campaign"])
        rows = Score.objects.filter(assignment__application__campaign=campaign).select_related(
            "assignment", "assignment__member__person", "criterion").order_by(
            "assignment__application", "assignment__stage", "assignment__member",
            "criterion__order", "criterion__pk")
        if options["stage"]:
            rows = rows.filter(assignment__stage=options["stage"])
        data = [{"application": s.assignment.application_id, "stage": s.assignment.stage,
                 "member": s.assignment.member_id,
                 "name": s.assignment.member.person.full_name, "criterion": s.criterion.text,
                 "score": s.score, "comment": s.comment,
                 "submitted_at": s.submitted_at.isoformat()} for s in rows]
        export = render_table(SCORE_COLUMNS, data, options["format"], filename="scores")
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")

    def handle_decide(self, options: dict, *, actor: Any) -> None:
        decision = services.decide(actor=actor, application=options["application"],
                                   stage=options["stage"], outcome=options["outcome"],
                                   reasons=options["reasons"])
        self.stdout.write(f"Application {decision.application_id}: "
                          f"{decision.get_outcome_display().lower()} at the {decision.stage}.")
