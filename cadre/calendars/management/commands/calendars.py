"""``cadre calendars feed|events``: an account's calendar feed (status, create, revoke) and
the events it would hold (ADR 31)."""

from __future__ import annotations

import json

from django.core.management.base import CommandError

from cadre.access.emails import normalise_email
from cadre.access.models import User
from cadre.calendars import selectors, services
from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand


def _account(options: dict) -> User:
    user = User.objects.filter(email=normalise_email(options["user"])).first()
    if user is None:
        raise CommandError(f"No account for {options['user']}.")
    return user


class Command(SubcommandCommand):
    help = "Personal calendar feeds: show, create or revoke one; list the events it holds."

    def add_actions(self, actions) -> None:  # noqa: ANN001
        feed = actions.add_parser(
            "feed", help="Whether the account has an active feed; --create makes one "
            "(replacing any) and prints its address once; --revoke stops it working.")
        feed.add_argument("--user", required=True, help="The account's email")
        change = feed.add_mutually_exclusive_group()
        change.add_argument("--create", action="store_true")
        change.add_argument("--revoke", action="store_true")
        events = actions.add_parser("events", help="The events the account's feed holds.")
        events.add_argument("--user", required=True, help="The account's email")
        events.add_argument("--format", choices=["json", "text"], default="text")

    def handle_feed(self, options: dict, *, actor: Actor) -> None:
        user = _account(options)
        if options.get("create"):
            _, raw = services.create_feed(actor=actor, user=user)
            self.stdout.write(f"Calendar feed created for {user.email}. Its address, shown "
                              "only now:")
            self.stdout.write(services.feed_url(raw))
            return
        if options.get("revoke"):
            revoked = services.revoke_feed(actor=actor, user=user)
            self.stdout.write(f"Calendar feed revoked for {user.email}." if revoked else
                              f"{user.email} has no active calendar feed.")
            return
        feed = selectors.active_feed(user)
        if feed is None:
            self.stdout.write(f"{user.email} has no active calendar feed.")
            return
        used = (feed.last_used_at.isoformat(timespec="minutes") if feed.last_used_at
                else "not yet")
        self.stdout.write(f"{user.email} has an active calendar feed, created "
                          f"{feed.created_at.isoformat(timespec='minutes')}, last read {used}.")

    def handle_events(self, options: dict, *, actor: Actor) -> None:
        events = selectors.events_for(_account(options))
        if options["format"] == "json":
            self.stdout.write(json.dumps([e.as_dict() for e in events], indent=2))
            return
        if not events:
            self.stdout.write("No events.")
        for event in events:
            days = event.start.isoformat() + (
                f" to {event.last_day.isoformat()}" if event.last_day else "")
            self.stdout.write(f"{days}  {event.summary}")
