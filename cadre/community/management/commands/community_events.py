"""``cadre community events ACTION``: community events, registration and attendance.

- ``list [--community ID] [--when upcoming|past|all] --format json|csv``;
- ``create --community ID --title T --format in_person|online|hybrid [--location L]
  [--joining-link URL] --starts-at ISO --ends-at ISO --capacity N --cpd-hours H
  [--description D]`` (the command line may record past events);
- ``edit --event ID [--title ...] [--starts-at ...] ...`` (the options given);
- ``cancel --event ID [--reason TEXT]``;
- ``register --event ID --person ORG/STAFF_NUMBER`` and ``unregister --event ID --person ...``;
- ``registrations --event ID --format json|csv``;
- ``attendance --event ID --person ORG/STAFF_NUMBER --attended|--absent|--clear``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from cadre.community.models import EventFormat
from cadre.community.selectors import networks as sel
from cadre.community.services import networks as services
from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.core.exports import render_table

FIELDS = (("title", "title"), ("description", "description"), ("format", "event_format"),
          ("location", "location"), ("joining_link", "joining_link"),
          ("starts_at", "starts_at"), ("ends_at", "ends_at"), ("capacity", "capacity"),
          ("cpd_hours", "cpd_hours"))


def _id(value: Any, option: str, what: str) -> int:
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        raise CommandError(f"--{option}: give {what}'s id (a number), not '{text[:40]}'.")
    return int(text)


def _event_id(value: Any) -> int:
    pk = _id(value, "event", "an event")
    if sel.event(pk) is None:
        raise CommandError(f"--event: there is no event {pk}.")
    return pk


def _event_options(parser: Any, *, required: bool) -> None:
    parser.add_argument("--title", required=required)
    parser.add_argument("--description")
    parser.add_argument("--format", dest="event_format", required=required,
                        choices=EventFormat.values)
    parser.add_argument("--location")
    parser.add_argument("--joining-link")
    parser.add_argument("--starts-at", required=required, help="YYYY-MM-DDTHH:MM")
    parser.add_argument("--ends-at", required=required, help="YYYY-MM-DDTHH:MM")
    parser.add_argument("--capacity", required=required)
    parser.add_argument("--cpd-hours", required=required)


class Command(SubcommandCommand):
    help = "List, add, change and cancel community events; registration and attendance."

    def add_actions(self, actions: Any) -> None:
        ls = actions.add_parser("list", help="List events.")
        ls.add_argument("--community")
        ls.add_argument("--when", choices=["upcoming", "past", "all"], default="upcoming")
        ls.add_argument("--format", choices=["json", "csv"], default="json")
        create = actions.add_parser("create", help="Add an event to a community.")
        create.add_argument("--community", required=True)
        _event_options(create, required=True)
        edit = actions.add_parser("edit", help="Change an event (the options given).")
        edit.add_argument("--event", required=True)
        _event_options(edit, required=False)
        cancel = actions.add_parser("cancel", help="Cancel an event.")
        cancel.add_argument("--event", required=True)
        cancel.add_argument("--reason", default="")
        for name, text in (("register", "Register a person (a place or the waiting list)."),
                           ("unregister", "Cancel a person's registration.")):
            sub = actions.add_parser(name, help=text)
            sub.add_argument("--event", required=True)
            sub.add_argument("--person", required=True, help="ORGANISATION/STAFF_NUMBER")
        regs = actions.add_parser("registrations", help="Places and the waiting list.")
        regs.add_argument("--event", required=True)
        regs.add_argument("--format", choices=["json", "csv"], default="json")
        att = actions.add_parser("attendance", help="Record a person's attendance.")
        att.add_argument("--event", required=True)
        att.add_argument("--person", required=True, help="ORGANISATION/STAFF_NUMBER")
        which = att.add_mutually_exclusive_group(required=True)
        which.add_argument("--attended", dest="attendance", action="store_const",
                           const="attended")
        which.add_argument("--absent", dest="attendance", action="store_const", const="absent")
        which.add_argument("--clear", dest="attendance", action="store_const", const="")

    def _write(self, columns: list[str], rows: list[dict], fmt: str, key: str) -> None:
        export = render_table(columns, rows, fmt, filename=f"community-{key}", json_key=key)
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")

    def _run(self, call: Any) -> Any:
        try:
            return call()
        except services.NetworkConflict as exc:
            raise CommandError(f"Nothing was changed:\n  {exc.message}") from exc

    def handle_list(self, options: dict, *, actor: Actor) -> None:
        community = None
        if options["community"]:
            community = _id(options["community"], "community", "a community")
            if sel.community(community) is None:
                raise CommandError(f"--community: there is no community {community}.")
        upcoming = {"upcoming": True, "past": False, "all": None}[options["when"]]
        qs = sel.events(community=community, upcoming=upcoming)
        self._write(sel.EVENT_COLUMNS, sel.event_rows(qs), options["format"], "events")

    def _values(self, options: dict) -> dict:
        return {key: options[opt] for key, opt in FIELDS if options.get(opt) is not None}

    def handle_create(self, options: dict, *, actor: Actor) -> None:
        community = _id(options["community"], "community", "a community")
        event = services.create_event(actor=actor, community=community,
                                      **self._values(options))
        self.stdout.write(f"Event {event.pk} added: {event.title} (uid {event.uid})")

    def handle_edit(self, options: dict, *, actor: Actor) -> None:
        pk = _event_id(options["event"])
        values = self._values(options)
        if not values:
            raise CommandError("Give at least one thing to change.")
        event = self._run(lambda: services.update_event(actor=actor, event=pk, **values))
        self.stdout.write(f"Event {event.pk} changed: {event.title} (sequence "
                          f"{event.sequence})")

    def handle_cancel(self, options: dict, *, actor: Actor) -> None:
        pk = _event_id(options["event"])
        event = self._run(lambda: services.cancel_event(actor=actor, event=pk,
                                                        reason=options["reason"]))
        self.stdout.write(f"Event {event.pk} cancelled: {event.title}")

    def handle_register(self, options: dict, *, actor: Actor) -> None:
        pk = _event_id(options["event"])
        row = self._run(lambda: services.register(actor=actor, event=pk,
                                                  person=options["person"]))
        where = "has a place" if row.status == "registered" else "is on the waiting list"
        self.stdout.write(f"{row.person.first_name} {row.person.last_name} {where} at "
                          f"{row.event.title}.")

    def handle_unregister(self, options: dict, *, actor: Actor) -> None:
        pk = _event_id(options["event"])
        row = self._run(lambda: services.cancel_registration(actor=actor, event=pk,
                                                             person=options["person"]))
        self.stdout.write(f"Registration of {row.person.first_name} {row.person.last_name} "
                          "cancelled.")

    def handle_registrations(self, options: dict, *, actor: Actor) -> None:
        pk = _event_id(options["event"])
        self._write(sel.REGISTRATION_COLUMNS, sel.registration_rows(sel.registrations(pk)),
                    options["format"], "registrations")

    def handle_attendance(self, options: dict, *, actor: Actor) -> None:
        pk = _event_id(options["event"])
        person = services.find_person(options["person"])
        registration = sel.registration_of(person, pk)
        if registration is None:
            raise CommandError(f"--person: {person.first_name} {person.last_name} is not "
                               "registered for this event.")
        row = services.record_attendance(actor=actor, event=pk, registration=registration.pk,
                                         attendance=options["attendance"])
        self.stdout.write(f"{row.person.first_name} {row.person.last_name}: "
                          f"{row.get_attendance_display().lower()}.")
