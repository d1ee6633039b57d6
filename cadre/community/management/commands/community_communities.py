"""``cadre community communities ACTION``: communities of practice, members and leads.

- ``list [--closed] [--search TEXT] --format json|csv``;
- ``create --name NAME --scope national|regional|local [--area AREA] [--role-family NAME]
  [--topic TEXT] [--summary TEXT] [--closed-membership]``;
- ``edit --community ID [--name ...] [--scope ...] [--area ...] [--role-family ...]
  [--topic ...] [--summary ...] [--open|--closed-membership]``;
- ``close --community ID``;
- ``members --community ID --format json|csv``;
- ``join --community ID --person ORG/STAFF_NUMBER`` (also adds to a closed community);
- ``leave --community ID --person ORG/STAFF_NUMBER``;
- ``leads --community ID (--add|--remove) ORG/STAFF_NUMBER`` (no option: list the leads).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from cadre.community.models import Scope
from cadre.community.selectors import networks as sel
from cadre.community.services import networks as services
from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.core.exports import render_table

MEMBER_COLUMNS = ["person", "name", "organisation", "role", "joined_on"]


def _community_id(value: Any) -> int:
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        raise CommandError(f"--community: give a community's id (a number), not '{text[:40]}'.")
    if sel.community(int(text)) is None:
        raise CommandError(f"--community: there is no community {text}.")
    return int(text)


class Command(SubcommandCommand):
    help = "List, set up, change and close communities; members and leads."

    def add_actions(self, actions: Any) -> None:
        ls = actions.add_parser("list", help="List communities.")
        ls.add_argument("--closed", action="store_true", help="Include closed communities.")
        ls.add_argument("--search", default="")
        ls.add_argument("--format", choices=["json", "csv"], default="json")
        create = actions.add_parser("create", help="Set up a community.")
        create.add_argument("--name", required=True)
        create.add_argument("--scope", required=True, choices=Scope.values)
        create.add_argument("--area", default="")
        create.add_argument("--role-family", default="", help="A role family's name or id.")
        create.add_argument("--topic", default="")
        create.add_argument("--summary", default="")
        create.add_argument("--closed-membership", action="store_true",
                            help="Leads add members (nobody joins by themselves).")
        edit = actions.add_parser("edit", help="Change a community (the options given).")
        edit.add_argument("--community", required=True)
        for name in ("name", "area", "role-family", "topic", "summary"):
            edit.add_argument(f"--{name}")
        edit.add_argument("--scope", choices=Scope.values)
        membership = edit.add_mutually_exclusive_group()
        membership.add_argument("--open", dest="is_open", action="store_true", default=None)
        membership.add_argument("--closed-membership", dest="is_open", action="store_false")
        close = actions.add_parser("close", help="Close a community.")
        close.add_argument("--community", required=True)
        members = actions.add_parser("members", help="List a community's members.")
        members.add_argument("--community", required=True)
        members.add_argument("--format", choices=["json", "csv"], default="json")
        join = actions.add_parser("join", help="Add a person to a community.")
        join.add_argument("--community", required=True)
        join.add_argument("--person", required=True, help="ORGANISATION/STAFF_NUMBER")
        leave = actions.add_parser("leave", help="Take a person out of a community.")
        leave.add_argument("--community", required=True)
        leave.add_argument("--person", required=True, help="ORGANISATION/STAFF_NUMBER")
        leads = actions.add_parser("leads", help="List, appoint or remove leads.")
        leads.add_argument("--community", required=True)
        which = leads.add_mutually_exclusive_group()
        which.add_argument("--add", help="ORGANISATION/STAFF_NUMBER to appoint")
        which.add_argument("--remove", help="ORGANISATION/STAFF_NUMBER to remove as lead")
        leads.add_argument("--format", choices=["json", "csv"], default="json")

    def _write(self, columns: list[str], rows: list[dict], fmt: str, key: str) -> None:
        export = render_table(columns, rows, fmt, filename=f"community-{key}", json_key=key)
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")

    def handle_list(self, options: dict, *, actor: Actor) -> None:
        qs = sel.communities(include_closed=options["closed"],
                             search=str(options["search"])[:200].strip())
        self._write(sel.COMMUNITY_COLUMNS, sel.community_rows(qs), options["format"],
                    "communities")

    def handle_create(self, options: dict, *, actor: Actor) -> None:
        community = services.create_community(
            actor=actor, name=options["name"], scope=options["scope"], area=options["area"],
            role_family=options["role_family"] or None, topic=options["topic"],
            summary=options["summary"], is_open=not options["closed_membership"])
        self.stdout.write(f"Community {community.pk} set up: {community.name}")

    def handle_edit(self, options: dict, *, actor: Actor) -> None:
        pk = _community_id(options["community"])
        changes = {key: options[opt] for key, opt in (
            ("name", "name"), ("area", "area"), ("role_family", "role_family"),
            ("topic", "topic"), ("summary", "summary"), ("scope", "scope"),
            ("is_open", "is_open")) if options.get(opt) is not None}
        if not changes:
            raise CommandError("Give at least one thing to change.")
        community = services.update_community(actor=actor, community=pk, **changes)
        self.stdout.write(f"Community {community.pk} changed: {community.name}")

    def handle_close(self, options: dict, *, actor: Actor) -> None:
        community = services.close_community(actor=actor,
                                             community=_community_id(options["community"]))
        self.stdout.write(f"Community {community.pk} closed: {community.name}")

    def _member_rows(self, qs: Any) -> list[dict]:
        return [{"person": f"{m.person.organisation.abbreviation}/{m.person.staff_number}",
                 "name": f"{m.person.first_name} {m.person.last_name}",
                 "organisation": m.person.organisation.name, "role": m.role,
                 "joined_on": m.joined_on.isoformat()} for m in qs]

    def handle_members(self, options: dict, *, actor: Actor) -> None:
        pk = _community_id(options["community"])
        self._write(MEMBER_COLUMNS, self._member_rows(sel.members(pk)), options["format"],
                    "members")

    def _run(self, call: Any) -> Any:
        try:
            return call()
        except services.NetworkConflict as exc:
            raise CommandError(f"Nothing was changed:\n  {exc.message}") from exc

    def handle_join(self, options: dict, *, actor: Actor) -> None:
        pk = _community_id(options["community"])
        row = self._run(lambda: services.join_community(actor=actor, community=pk,
                                                        person=options["person"]))
        self.stdout.write(f"{row.person.first_name} {row.person.last_name} joined "
                          f"{row.community.name}.")

    def handle_leave(self, options: dict, *, actor: Actor) -> None:
        pk = _community_id(options["community"])
        row = self._run(lambda: services.leave_community(actor=actor, community=pk,
                                                         person=options["person"]))
        self.stdout.write(f"{row.person.first_name} {row.person.last_name} left "
                          f"{row.community.name}.")

    def handle_leads(self, options: dict, *, actor: Actor) -> None:
        pk = _community_id(options["community"])
        if options["add"] or options["remove"]:
            lead = bool(options["add"])
            row = self._run(lambda: services.set_lead(
                actor=actor, community=pk, person=options["add"] or options["remove"],
                lead=lead))
            self.stdout.write(f"{row.person.first_name} {row.person.last_name} "
                              f"{'now leads' if lead else 'no longer leads'} "
                              f"{row.community.name}.")
            return
        self._write(MEMBER_COLUMNS, self._member_rows(sel.leads(pk)), options["format"],
                    "leads")
