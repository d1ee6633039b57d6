"""``cadre community feeds personal|community|ics``: community calendar feeds.

- ``personal --user EMAIL [--create | --revoke]``: whether the person has an active
  personal feed; ``--create`` makes one (replacing any) and prints its secret address once;
  ``--revoke`` stops it working.
- ``community --community ID [--replace]``: the community feed's address (made if it has
  none); ``--replace`` gives it a new one and the old stops working.
- ``ics --community ID | --user EMAIL``: the feed itself (iCalendar) on standard output.
"""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import CommandError

from cadre.access.emails import normalise_email
from cadre.community.models import Community
from cadre.community.selectors import feeds as sel
from cadre.community.services import feeds as services
from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.people.models import Person


def _person(email: str) -> Person:
    person = Person.objects.filter(account__email=normalise_email(email)).first()
    if person is None:
        raise CommandError(f"No person with an account for {email[:254]}.")
    return person


def _community(value: int) -> Community:
    community = Community.objects.filter(pk=value).first()
    if community is None:
        raise CommandError(f"No community with the id {value}.")
    return community


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a community's id (a number), not '{value[:40]}'") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be a community's id (a positive number)")
    return number


class Command(SubcommandCommand):
    help = "Community calendar feeds: a person's feed, a community's feed address, a feed's text."

    def add_actions(self, actions: Any) -> None:
        personal = actions.add_parser(
            "personal", help="Whether the person has an active feed; --create makes one "
            "(replacing any) and prints its address once; --revoke stops it working.")
        personal.add_argument("--user", required=True, help="The person's account email")
        change = personal.add_mutually_exclusive_group()
        change.add_argument("--create", action="store_true")
        change.add_argument("--revoke", action="store_true")
        community = actions.add_parser(
            "community", help="A community's feed address (made if it has none); --replace "
            "gives it a new one and the old stops working.")
        community.add_argument("--community", required=True, type=_positive, metavar="ID")
        community.add_argument("--replace", action="store_true")
        ics = actions.add_parser("ics", help="A feed's iCalendar text on standard output.")
        which = ics.add_mutually_exclusive_group(required=True)
        which.add_argument("--community", type=_positive, metavar="ID")
        which.add_argument("--user", help="A person's account email (their personal feed)")

    def handle_personal(self, options: dict, *, actor: Actor) -> None:
        person = _person(options["user"])
        if options["create"]:
            _, raw = services.create_personal_feed(actor=actor, person=person)
            self.stdout.write(f"Community calendar feed created for {person.full_name}. Its "
                              "address, shown only now:")
            self.stdout.write(services.personal_feed_url(raw))
            return
        if options["revoke"]:
            revoked = services.revoke_personal_feed(actor=actor, person=person)
            self.stdout.write(f"Community calendar feed revoked for {person.full_name}."
                              if revoked else
                              f"{person.full_name} has no active community calendar feed.")
            return
        feed = sel.active_feed(person)
        if feed is None:
            self.stdout.write(f"{person.full_name} has no active community calendar feed.")
            return
        used = (feed.last_used_at.isoformat(timespec="minutes") if feed.last_used_at
                else "not yet")
        self.stdout.write(f"{person.full_name} has an active community calendar feed, "
                          f"created {feed.created_at.isoformat(timespec='minutes')}, last "
                          f"read {used}.")

    def handle_community(self, options: dict, *, actor: Actor) -> None:
        community = _community(options["community"])
        if options["replace"]:
            key = services.replace_community_key(actor=actor, community_id=community.pk)
        else:
            key = services.ensure_community_key(actor=actor, community_id=community.pk)
        self.stdout.write(services.community_feed_url(key))

    def handle_ics(self, options: dict, *, actor: Actor) -> None:
        if options["community"] is not None:
            body = sel.community_calendar(_community(options["community"]))
        else:
            body = sel.personal_calendar(_person(options["user"]))
        self.stdout.write(body.decode("utf-8"), ending="")
