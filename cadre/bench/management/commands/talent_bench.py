"""``cadre talent bench ...``: list, add windows, list and move requests, export the bench."""

import sys

from django.core.management.base import BaseCommand, CommandError

from cadre.bench import services
from cadre.bench.models import BenchAvailability, DeploymentRequest
from cadre.core.actor import command_line_actor
from cadre.core.exports import write_export
from cadre.core.workflow import TransitionConflict
from cadre.framework.models import Skill
from cadre.framework.selectors import default_framework
from cadre.people import cli


def _skills(names: str) -> list[Skill]:
    framework = default_framework()
    wanted = [n.strip() for n in names.split(";") if n.strip()]
    found = {s.name.lower(): s for s in Skill.objects.filter(framework=framework)}
    missing = [n for n in wanted if n.lower() not in found]
    if missing:
        raise CommandError(f"Unknown skill(s) in the default framework: {', '.join(missing)}")
    return [found[n.lower()] for n in wanted]


class Command(BaseCommand):
    help = "The specialist bench: availability windows and deployment requests."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="action", required=True)
        ls = sub.add_parser("list", help="List availability windows.")
        ls.add_argument("--skill", help="Skill name")
        ls.add_argument("--on", help="Available on this date (YYYY-MM-DD or DD/MM/YYYY)")
        ls.add_argument("--organisation", help="Organisation abbreviation")
        add = sub.add_parser("add-window", help="Record a specialist's availability.")
        add.add_argument("--organisation", required=True)
        add.add_argument("--staff-number", required=True)
        add.add_argument("--from", dest="available_from", required=True)
        add.add_argument("--to", dest="available_to", required=True)
        add.add_argument("--skills", default="", help="Skill names separated by ';'")
        add.add_argument("--note", default="")
        req = sub.add_parser("requests", help="List deployment requests.")
        req.add_argument("--state", choices=DeploymentRequest.State.values)
        for action, text in (("accept", None), ("decline", "reason"),
                             ("complete", "outcome"), ("cancel", "reason")):
            step = sub.add_parser(action, help=f"{action.capitalize()} a deployment request.")
            step.add_argument("--id", type=int, required=True, help="Deployment request id")
            if text:
                step.add_argument(f"--{text}", dest="text", required=True)
        exp = sub.add_parser("export", help="Export windows or requests (audited).")
        exp.add_argument("--what", choices=["windows", "requests"], default="windows")
        exp.add_argument("--format", choices=["csv", "xlsx", "ods", "json"], default="csv")
        exp.add_argument("--output", "-o", help="File to write (default: standard output)")

    def handle(self, *args: str, **options: object) -> None:
        cli.run_action(self, options)

    def _list(self, options: dict) -> None:
        qs = BenchAvailability.objects.select_related("person__organisation").prefetch_related(
            "skills").order_by("available_from", "person__last_name")
        if options["skill"]:
            qs = qs.filter(skills__in=_skills(str(options["skill"])))
        if on := cli.date(options["on"], "--on"):
            qs = qs.filter(available_from__lte=on, available_to__gte=on)
        if options["organisation"]:
            qs = qs.filter(person__organisation__abbreviation__iexact=options["organisation"])
        for w in qs.distinct():
            skills = ", ".join(s.name for s in w.skills.all()) or "no skills listed"
            self.stdout.write(f"{w.person.organisation.abbreviation}\t{w.person.staff_number}\t"
                              f"{w.person.full_name}\t{w.available_from} to {w.available_to}\t"
                              f"{skills}")

    def _add_window(self, options: dict) -> None:
        person = cli.person_in(str(options["organisation"]), str(options["staff_number"]))
        window = services.add_window(
            actor=command_line_actor(), person=person,
            available_from=cli.date(options["available_from"], "--from"),
            available_to=cli.date(options["available_to"], "--to"),
            skills=_skills(str(options["skills"])), note=str(options["note"]))
        self.stdout.write(f"Added window {window.pk} for {person}: "
                          f"{window.available_from} to {window.available_to}")

    def _requests(self, options: dict) -> None:
        qs = DeploymentRequest.objects.select_related("specialist", "requesting_organisation")
        if options["state"]:
            qs = qs.filter(state=options["state"])
        for r in qs:
            self.stdout.write(f"{r.pk}\t{r.state}\t{r.programme}\t"
                              f"{r.requesting_organisation.abbreviation}\t{r.specialist}\t"
                              f"{r.starts_on} to {r.ends_on}")

    def _step(self, options: dict) -> None:
        try:
            found = services.transition_request(
                actor=command_line_actor(), request_id=int(options["id"]),
                action=str(options["action"]), text=str(options.get("text") or ""))
        except DeploymentRequest.DoesNotExist:
            raise CommandError(f"No deployment request {options['id']}.") from None
        except TransitionConflict as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Deployment request {found.pk} is now {found.get_state_display()}.")

    _accept = _decline = _complete = _cancel = _step

    def _export(self, options: dict) -> None:
        export = services.export_bench(actor=command_line_actor(), what=str(options["what"]),
                                       fmt=str(options["format"]), channel="command line")
        line = write_export(export, options["output"], sys.stdout.buffer)
        if line:
            self.stderr.write(line)
