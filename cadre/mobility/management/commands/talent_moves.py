"""``cadre talent moves ...``: list, propose, agree, logistics, complete, cancel, durations."""

import json
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.tabular import parse_date
from cadre.mobility import selectors, services
from cadre.mobility.models import LOGISTICS_FIELDS, MoveRequest, Vacancy
from cadre.people import cli


def _move(pk: int) -> MoveRequest:
    move = MoveRequest.objects.select_related("person", "releasing", "receiving").filter(
        pk=pk).first()
    if move is None:
        raise CommandError(f"No move {pk}.")
    return move


class Command(BaseCommand):
    help = "Managed moves between organisations."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="action", required=True)
        ls = sub.add_parser("list", help="List moves.")
        ls.add_argument("--state", choices=MoveRequest.State.values)
        ls.add_argument("--format", choices=["text", "json"], default="text")
        new = sub.add_parser("propose", help="Propose a move.")
        new.add_argument("--organisation", required=True, help="The person's organisation")
        new.add_argument("--staff-number", required=True)
        new.add_argument("--to", required=True, help="Receiving organisation abbreviation")
        new.add_argument("--vacancy", type=int)
        for name in ("agree-receiving", "agree-releasing"):
            sub.add_parser(name).add_argument("id", type=int)
        log = sub.add_parser("logistics", help="Record logistics.")
        log.add_argument("id", type=int)
        log.add_argument("--start-date")
        for flag in ("clearance-transferred", "pay-and-pension-agreed", "equipment-ready",
                     "access-ready"):
            log.add_argument(f"--{flag}", action="store_true")
        done = sub.add_parser("complete", help="Complete: the person moves organisation.")
        done.add_argument("id", type=int)
        done.add_argument("--staff-number", default="", help="New staff number if needed")
        done.add_argument("--line-manager", help="Staff number of the new line manager")
        cancel = sub.add_parser("cancel")
        cancel.add_argument("id", type=int)
        cancel.add_argument("--reason", required=True)
        dur = sub.add_parser("durations", help="Days from proposal to completion.")
        dur.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: str, **options: object) -> None:
        cli.run_action(self, options)

    def _list(self, options: dict) -> None:
        qs = MoveRequest.objects.select_related("person", "releasing", "receiving")
        if options["state"]:
            qs = qs.filter(state=options["state"])
        rows = [{"id": m.pk, "person": m.person.full_name, "from": m.releasing.abbreviation,
                 "to": m.receiving.abbreviation, "state": m.state,
                 "proposed_at": m.proposed_at.isoformat()} for m in qs]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, indent=2))
            return
        for r in rows:
            self.stdout.write(f"{r['id']:>6}  {r['from']:>6} -> {r['to']:<6} {r['state']:<18} "
                              f"{r['person']}")
        self.stdout.write(f"{len(rows)} move(s)")

    def _propose(self, options: dict) -> None:
        vacancy = None
        if options["vacancy"]:
            vacancy = Vacancy.objects.filter(pk=options["vacancy"]).first()
            if vacancy is None:
                raise CommandError(f"No vacancy {options['vacancy']}.")
        move = services.propose_move(
            actor=command_line_actor(),
            person=cli.person_in(options["organisation"], options["staff_number"]),
            receiving=cli.organisation(options["to"]), vacancy=vacancy)
        self.stdout.write(f"Move {move.pk} proposed.")

    def _step(self, options: dict, **data: object) -> MoveRequest:
        """Make the chosen step through the move workflow (the action names match)."""
        return services.transition_move(actor=command_line_actor(),
                                        move_id=_move(options["id"]).pk,
                                        action=str(options["action"]), **data)

    def _agree_receiving(self, options: dict) -> None:
        move = self._step(options)
        self.stdout.write(f"Move {move.pk}: {move.get_state_display()}.")

    _agree_releasing = _agree_receiving

    def _logistics(self, options: dict) -> None:
        values: dict = {f: True for f in LOGISTICS_FIELDS[1:] if options[f]}
        if options["start_date"]:
            try:
                values["start_date"] = parse_date(options["start_date"])
            except ValueError as exc:
                raise CommandError(f"--start-date: {exc}") from exc
        move = self._step(options, **values)
        missing = move.logistics_missing()
        self.stdout.write(f"Move {move.pk}: still to do: {', '.join(missing) or 'nothing'}.")

    def _complete(self, options: dict) -> None:
        move = _move(options["id"])
        manager = None
        if options["line_manager"]:
            manager = cli.person_in(move.receiving.abbreviation, options["line_manager"])
        self._step(options, staff_number=options["staff_number"], line_manager=manager)
        self.stdout.write(f"Move {move.pk} completed: {move.person} now in "
                          f"{move.receiving.abbreviation}.")

    def _cancel(self, options: dict) -> None:
        move = self._step(options, reason=options["reason"])
        self.stdout.write(f"Move {move.pk} cancelled.")

    def _durations(self, options: dict) -> None:
        rows = selectors.durations_report(MoveRequest.objects.all())
        if options["format"] == "json":
            self.stdout.write(json.dumps([asdict(r) for r in rows], indent=2))
            return
        for r in rows:
            self.stdout.write(f"{r.organisation}: {r.moves} move(s), median {r.median_days} "
                              f"days, mean {r.mean_days} days")
