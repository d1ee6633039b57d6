"""``cadre programmes fast-stream ACTION``: the central team's Fast Stream set-up.

- ``schemes`` / ``intakes``: list them (``--format json|csv``);
- ``add-scheme --name NAME --pattern 6,6,6,6,12,12 [--description TEXT]``;
- ``add-intake --scheme ID --year YYYY``;
- ``enrol --intake ID --staff-number N [--organisation ABBR] [--clearance LEVEL]
  [--may-post-home]``: the person is found by staff number (and organisation, when the
  number is used in more than one);
- ``edit-offer --offer ID [--title T] [--capacity N] [--clearance LEVEL] [--location ID]
  [--host ABBR] [--description TEXT]``: change an offer while its round is open for offers;
- ``withdraw-offer --offer ID``: remove an offer while its round is open for offers.
"""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import CommandError

from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.organisations.models import Location, Organisation
from cadre.people.models import Person
from cadre.programmes import services
from cadre.programmes.models import Clearance, Intake, PostingOffer, Scheme

CLEARANCES = {c.name.lower(): c.value for c in Clearance}


class Command(SubcommandCommand):
    help = ("Fast Stream schemes, intakes and enrolling fast streamers; changing and "
            "withdrawing offers.")

    def add_actions(self, actions: Any) -> None:
        for name in ("schemes", "intakes"):
            listing = actions.add_parser(name, help=f"List the {name}.")
            listing.add_argument("--format", choices=["json", "csv"], default="json")
        scheme = actions.add_parser("add-scheme", help="Add a scheme.")
        scheme.add_argument("--name", required=True)
        scheme.add_argument("--pattern", required=True,
                            help="Months of each posting, comma separated, e.g. 6,6,12")
        scheme.add_argument("--description", default="")
        intake = actions.add_parser("add-intake", help="Add an intake to a scheme.")
        intake.add_argument("--scheme", dest="scheme_id", type=int, required=True)
        intake.add_argument("--year", type=int, required=True)
        enrol = actions.add_parser("enrol", help="Enrol a person on an intake.")
        enrol.add_argument("--intake", dest="intake_id", type=int, required=True)
        enrol.add_argument("--staff-number", required=True)
        enrol.add_argument("--organisation", default="",
                           help="Abbreviation of the person's organisation")
        enrol.add_argument("--clearance", choices=sorted(CLEARANCES), default="bpss")
        enrol.add_argument("--may-post-home", action="store_true")
        edit = actions.add_parser("edit-offer", help="Change an offer (round open for offers).")
        edit.add_argument("--offer", dest="offer_id", type=int, required=True)
        edit.add_argument("--title")
        edit.add_argument("--capacity", type=int)
        edit.add_argument("--clearance", choices=sorted(CLEARANCES))
        edit.add_argument("--location", dest="location_id", type=int,
                          help="The location's id")
        edit.add_argument("--host", default=None,
                          help="Abbreviation of the new host organisation")
        edit.add_argument("--description")
        withdraw = actions.add_parser("withdraw-offer",
                                      help="Withdraw an offer (round open for offers).")
        withdraw.add_argument("--offer", dest="offer_id", type=int, required=True)

    def _emit(self, records: list[dict], fmt: str) -> None:
        if fmt == "json":
            self.stdout.write(json.dumps(records, indent=2, ensure_ascii=False))
            return
        if not records:
            return
        writer = csv.DictWriter(self.stdout, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)

    def handle_schemes(self, options: dict[str, Any], *, actor: Actor) -> None:
        self._emit([{"id": s.pk, "name": s.name,
                     "posting_pattern": ",".join(map(str, s.posting_pattern))}
                    for s in Scheme.objects.all()], options["format"])

    def handle_intakes(self, options: dict[str, Any], *, actor: Actor) -> None:
        self._emit([{"id": i.pk, "scheme": i.scheme.name, "year": i.year,
                     "fast_streamers": i.fast_streamers.count()}
                    for i in Intake.objects.select_related("scheme")], options["format"])

    def handle_add_scheme(self, options: dict[str, Any], *, actor: Actor) -> None:
        try:
            pattern = [int(p) for p in options["pattern"].split(",")]
        except ValueError as exc:
            raise CommandError("--pattern: enter whole months separated by commas.") from exc
        scheme = services.create_scheme(actor=actor, name=options["name"],
                                        posting_pattern=pattern,
                                        description=options["description"])
        self.stdout.write(f"Scheme {scheme.pk} created: {scheme.name}")

    def handle_add_intake(self, options: dict[str, Any], *, actor: Actor) -> None:
        scheme = Scheme.objects.filter(pk=options["scheme_id"]).first()
        if scheme is None:
            raise CommandError(f"No scheme {options['scheme_id']}.")
        intake = services.create_intake(actor=actor, scheme=scheme, year=options["year"])
        self.stdout.write(f"Intake {intake.pk} created: {intake}")

    def handle_enrol(self, options: dict[str, Any], *, actor: Actor) -> None:
        intake = Intake.objects.select_related("scheme").filter(pk=options["intake_id"]).first()
        if intake is None:
            raise CommandError(f"No intake {options['intake_id']}.")
        people = Person.objects.filter(staff_number=options["staff_number"])
        if options["organisation"]:
            people = people.filter(organisation__abbreviation__iexact=options["organisation"])
        found = list(people.select_related("organisation")[:2])
        if not found:
            raise CommandError(f"No person with staff number {options['staff_number']}"
                               + (f" in {options['organisation']}."
                                  if options["organisation"] else "."))
        if len(found) > 1:
            raise CommandError(f"Staff number {options['staff_number']} is used in more than "
                               "one organisation; add --organisation ABBR.")
        streamer = services.enrol_fast_streamer(
            actor=actor, person=found[0], intake=intake,
            clearance=CLEARANCES[options["clearance"]],
            may_post_home=options["may_post_home"])
        self.stdout.write(f"{streamer.person.staff_number} enrolled on {intake} "
                          f"(fast streamer {streamer.pk}).")

    def _offer(self, options: dict[str, Any]) -> PostingOffer:
        offer = PostingOffer.objects.filter(pk=options["offer_id"]).first()
        if offer is None:
            raise CommandError(f"No offer {options['offer_id']}.")
        return offer

    def handle_edit_offer(self, options: dict[str, Any], *, actor: Actor) -> None:
        offer = self._offer(options)
        changes: dict[str, Any] = {name: options[name] for name in
                                   ("title", "capacity", "description")
                                   if options[name] is not None}
        if options["clearance"] is not None:
            changes["clearance"] = CLEARANCES[options["clearance"]]
        if options["location_id"] is not None:
            changes["location"] = Location.objects.filter(pk=options["location_id"]).first()
            if changes["location"] is None:
                raise CommandError(f"No location {options['location_id']}.")
        if options["host"] is not None:
            changes["host_organisation"] = Organisation.objects.filter(
                abbreviation__iexact=options["host"]).first()
            if changes["host_organisation"] is None:
                raise CommandError(f"No organisation {options['host']}.")
        offer = services.update_offer(actor=actor, offer=offer, **changes)
        self.stdout.write(f"Offer {offer.pk} saved: {offer.title} "
                          f"({offer.host_organisation.abbreviation}, {offer.capacity} "
                          f"place{'s' if offer.capacity != 1 else ''}).")

    def handle_withdraw_offer(self, options: dict[str, Any], *, actor: Actor) -> None:
        offer = self._offer(options)
        title = offer.title
        services.withdraw_offer(actor=actor, offer=offer)
        self.stdout.write(f"Offer {options['offer_id']} withdrawn: {title}.")
