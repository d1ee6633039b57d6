"""``cadre talent pools ACTION``: talent pools, their members and development actions."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.exports import write_export
from cadre.people import cli
from cadre.talent import services
from cadre.talent.models import DevelopmentAction, PoolMembership, TalentPool


def _format(output: object) -> str:
    """XLSX or ODS for a file named .xlsx or .ods, else CSV."""
    suffix = str(output or "").lower().rsplit(".", 1)[-1]
    return suffix if output and suffix in ("xlsx", "ods") else "csv"


class Command(BaseCommand):
    help = "List, create and export talent pools; add and remove members; add actions."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="action", required=True)
        ls = sub.add_parser("list", help="List pools and their member counts.")
        ls.add_argument("--organisation", help="Abbreviation; omit for every pool")
        create = sub.add_parser("create", help="Create a pool.")
        create.add_argument("--name", required=True)
        create.add_argument("--organisation", help="Abbreviation; omit for cross-government")
        create.add_argument("--description", default="")
        create.add_argument("--review-on", help="YYYY-MM-DD or DD/MM/YYYY")
        add = sub.add_parser("add", help="Add a member.")
        add.add_argument("--pool", type=int, required=True)
        add.add_argument("--person", required=True, help="ORGANISATION/STAFF_NUMBER")
        add.add_argument("--review-on")
        add.add_argument("--note", default="")
        review = sub.add_parser("review", help="Record a review of a member's place.")
        review.add_argument("--pool", type=int, required=True)
        review.add_argument("--person", required=True)
        review.add_argument("--review-on", help="The next review; omit for none")
        review.add_argument("--note", default="")
        remove = sub.add_parser("remove", help="Remove a member.")
        remove.add_argument("--pool", type=int, required=True)
        remove.add_argument("--person", required=True)
        action = sub.add_parser("action", help="Add a development action for a member.")
        action.add_argument("--pool", type=int, required=True)
        action.add_argument("--person", required=True)
        action.add_argument("--description", required=True)
        action.add_argument("--due-on")
        action.add_argument("--status", choices=DevelopmentAction.Status.values,
                            default=DevelopmentAction.Status.PLANNED)
        status = sub.add_parser("action-status", help="Change a development action's status.")
        status.add_argument("--action-id", type=int, required=True)
        status.add_argument("--status", choices=DevelopmentAction.Status.values, required=True)
        export = sub.add_parser("export", help="Export a pool's members (audited).")
        export.add_argument("--pool", type=int, required=True)
        export.add_argument("--output", "-o", help="File (.csv, .xlsx or .ods); default stdout")

    def handle(self, *args: str, **options: object) -> None:
        cli.run_action(self, options)

    def _pool(self, pk: object) -> TalentPool:
        pool = TalentPool.objects.filter(pk=pk).first()
        if pool is None:
            raise CommandError(f"No talent pool {pk}.")
        return pool

    def _membership(self, options: dict) -> PoolMembership:
        pool = self._pool(options["pool"])
        person = cli.person(str(options["person"]))
        membership = pool.memberships.filter(person=person).first()
        if membership is None:
            raise CommandError(f"{person.full_name} is not in {pool.name}.")
        return membership

    def _list(self, options: dict) -> None:
        qs = TalentPool.objects.select_related("organisation")
        org = cli.organisation(options["organisation"])  # type: ignore[arg-type]
        if org is not None:
            qs = qs.filter(organisation=org)
        for pool in qs:
            where = pool.organisation.abbreviation if pool.organisation else "cross-government"
            self.stdout.write(f"{pool.pk}\t{pool.name}\t{where}\t"
                              f"{pool.memberships.count()} member(s)")

    def _create(self, options: dict) -> None:
        pool = services.create_pool(
            actor=command_line_actor(), name=str(options["name"]),
            organisation=cli.organisation(options["organisation"]),
            description=str(options["description"]),
            review_on=cli.date(options["review_on"], "--review-on"))
        self.stdout.write(f"Created pool {pool.pk}: {pool.name}")

    def _add(self, options: dict) -> None:
        membership = services.add_member(
            actor=command_line_actor(), pool=self._pool(options["pool"]),
            person=cli.person(str(options["person"])),
            review_on=cli.date(options["review_on"], "--review-on"), note=str(options["note"]))
        self.stdout.write(f"Added {membership.person.full_name} to {membership.pool.name}")

    def _review(self, options: dict) -> None:
        membership = services.review_member(
            actor=command_line_actor(), membership=self._membership(options),
            review_on=cli.date(options["review_on"], "--review-on"), note=str(options["note"]))
        self.stdout.write(f"Next review of {membership.person.full_name}: "
                          f"{membership.review_on or 'none'}")

    def _remove(self, options: dict) -> None:
        membership = self._membership(options)
        services.remove_member(actor=command_line_actor(), membership=membership)
        self.stdout.write(f"Removed {membership.person.full_name}")

    def _action(self, options: dict) -> None:
        action = services.add_action(
            actor=command_line_actor(), membership=self._membership(options),
            description=str(options["description"]),
            due_on=cli.date(options["due_on"], "--due-on"), status=str(options["status"]))
        self.stdout.write(f"Added development action {action.pk}")

    def _action_status(self, options: dict) -> None:
        action = DevelopmentAction.objects.filter(pk=options["action_id"]).first()
        if action is None:
            raise CommandError(f"No development action {options['action_id']}.")
        action = services.set_action_status(actor=command_line_actor(), action=action,
                                            status=str(options["status"]))
        self.stdout.write(f"Development action {action.pk} is now {action.status}")

    def _export(self, options: dict) -> None:
        export = services.export_pool(actor=command_line_actor(),
                                      pool=self._pool(options["pool"]),
                                      fmt=_format(options["output"]), channel="command line")
        line = write_export(export, options["output"], sys.stdout.buffer)
        if line:
            self.stderr.write(line)
