"""``cadre talent plan ...``: list, create, show, set demand from a file, export."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.exports import write_export
from cadre.core.management.files import read_input_file
from cadre.framework.models import RoleFamily
from cadre.framework.selectors import default_framework
from cadre.people import cli
from cadre.planning import selectors as selectors_plans
from cadre.planning import services as services_plans
from cadre.planning.models import WorkforcePlan


def _family(name: str) -> RoleFamily:
    family = RoleFamily.objects.filter(framework=default_framework(), name__iexact=name).first()
    if family is None:
        raise CommandError(f"No role family '{name}' in the default framework.")
    return family


def _plan(options: dict) -> WorkforcePlan:
    org, family = cli.organisation(str(options["organisation"])), _family(str(options["family"]))
    plan = WorkforcePlan.objects.filter(organisation=org, role_family=family).first()
    if plan is None:
        raise CommandError(f"{org.abbreviation} has no plan for {family}; create it first.")
    return plan


class Command(BaseCommand):
    help = "Workforce plans: supply against planned demand for a role family."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="List plans.")
        create = sub.add_parser("create", help="Create a plan.")
        create.add_argument("--first-year", required=True, type=int)
        create.add_argument("--attrition", required=True, help="0 to 1, e.g. 0.1")
        show = sub.add_parser("show", help="Show a plan's projection.")
        demand = sub.add_parser("set-demand", help="Set demand from CSV/XLSX "
                                "(year,role_level,headcount); nothing is written on error.")
        demand.add_argument("file")
        export = sub.add_parser("export", help="Export a plan's projection (audited).")
        export.add_argument("--format", choices=["csv", "xlsx", "ods"], default="csv")
        export.add_argument("--output", "-o", help="File to write (default: standard output)")
        show.add_argument("--format", choices=["table", "json"], default="table")
        for p in (create, show, demand, export):
            p.add_argument("--organisation", required=True, help="Organisation abbreviation")
            p.add_argument("--family", required=True, help="Role family name")

    def handle(self, *args: str, **options: object) -> None:
        cli.run_action(self, options)

    def _list(self, options: dict) -> None:
        for plan in WorkforcePlan.objects.select_related("organisation", "role_family"):
            self.stdout.write(f"{plan.organisation.abbreviation}\t{plan.role_family}\t"
                              f"{plan.first_year}-{plan.first_year + 4}\t"
                              f"attrition {plan.attrition_rate}")

    def _create(self, options: dict) -> None:
        plan = services_plans.create_plan(
            actor=command_line_actor(), organisation=cli.organisation(str(options["organisation"])),
            role_family=_family(str(options["family"])), first_year=options["first_year"],
            attrition_rate=options["attrition"])
        self.stdout.write(f"Created {plan}.")

    def _show(self, options: dict) -> None:
        plan = _plan(options)
        data = selectors_plans.plan_data(plan)
        totals = selectors_plans.year_totals(data)
        if options["format"] == "json":
            self.stdout.write(json.dumps({"plan": str(plan), "current_supply": data.current_total,
                                          "totals": totals,
                                          "levels": selectors_plans.plan_rows(data)}, indent=2))
            return
        self.stdout.write(f"{plan}: {data.current_total} in the family today, attrition "
                          f"{plan.attrition_rate}")
        self.stdout.write("year\tdemand\tsupply\tgap\tjoiners\tpromoted")
        for r in totals:
            self.stdout.write(f"{r['year']}\t{r['demand']}\t{r['supply']}\t{r['gap']}\t"
                              f"{r['joiners']}\t{r['promoted']}")

    def _set_demand(self, options: dict) -> None:
        plan = _plan(options)
        path = str(options["file"])
        changed = services_plans.import_demand(actor=command_line_actor(), plan=plan,
                                               data=read_input_file(path), filename=path)
        self.stdout.write(f"Planned demand imported for {plan}: {changed} cell(s) changed.")

    def _export(self, options: dict) -> None:
        plan = _plan(options)
        export = services_plans.export_plan(actor=command_line_actor(), plan=plan,
                                            fmt=str(options["format"]), channel="command line")
        line = write_export(export, options["output"], sys.stdout.buffer)
        if line:
            self.stderr.write(line)
