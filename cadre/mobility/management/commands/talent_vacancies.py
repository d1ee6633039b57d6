"""``cadre talent vacancies ...``: list, create, change skills, open, close, withdraw, fill,
go external, and the internal-first policy."""

import json

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.tabular import parse_date
from cadre.framework.models import RoleLevel, Skill, SkillLevel
from cadre.mobility import services
from cadre.mobility.models import SecurityClearance, Vacancy
from cadre.organisations.models import Grade, Location
from cadre.people import cli
from cadre.people.models import Person


def _vacancy(pk: int) -> Vacancy:
    vacancy = Vacancy.objects.select_related("role_level").filter(pk=pk).first()
    if vacancy is None:
        raise CommandError(f"No vacancy {pk}.")
    return vacancy


def _locations(names: str) -> list[Location]:
    wanted = [n.strip() for n in names.split(";") if n.strip()]
    found = {loc.name.lower(): loc for loc in Location.objects.all()}
    missing = [n for n in wanted if n.lower() not in found]
    if missing:
        raise CommandError(f"Unknown location(s): {', '.join(missing)}")
    return [found[n.lower()] for n in wanted]


def parse_skills(text: str, framework_id: int) -> list[tuple]:
    """'Skill name:level ordinal[:desirable]' items separated by ';'."""
    skills = {s.name.lower(): s for s in Skill.objects.filter(framework_id=framework_id)}
    levels = {lv.ordinal: lv for lv in SkillLevel.objects.filter(framework_id=framework_id)}
    rows, errors = [], []
    for item in [i.strip() for i in text.split(";") if i.strip()]:
        parts = [p.strip() for p in item.split(":")]
        skill = skills.get(parts[0].lower())
        level = levels.get(int(parts[1])) if len(parts) > 1 and parts[1].isdigit() else None
        if skill is None or level is None or (len(parts) > 2 and parts[2] != "desirable"):
            errors.append(f"'{item}': give 'skill name:level number[:desirable]'")
            continue
        rows.append((skill, level, len(parts) < 3))
    if errors:
        raise CommandError("Bad --skills: " + "; ".join(errors))
    return rows


class Command(BaseCommand):
    help = "Vacancies on the cross-government board, and the internal-first policy."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="action", required=True)
        ls = sub.add_parser("list", help="List vacancies.")
        ls.add_argument("--state", choices=Vacancy.State.values)
        ls.add_argument("--organisation", help="Organisation abbreviation")
        ls.add_argument("--format", choices=["text", "json"], default="text")
        new = sub.add_parser("create", help="Draft a vacancy from a role level.")
        new.add_argument("--organisation", required=True)
        new.add_argument("--title", required=True)
        new.add_argument("--role-level", type=int, required=True, help="Role level id")
        new.add_argument("--grade", required=True, help="Grade code, e.g. G7")
        new.add_argument("--closing-date", required=True)
        new.add_argument("--locations", default="", help="Location names separated by ';'")
        new.add_argument("--not-hybrid", action="store_true")
        new.add_argument("--clearance", choices=SecurityClearance.values,
                         default=SecurityClearance.BPSS)
        new.add_argument("--description", default="")
        new.add_argument("--skills", help="Replace the role level's skills: "
                                          "'Skill:3;Other skill:2:desirable'")
        skills = sub.add_parser("skills", help="Replace a vacancy's skills.")
        skills.add_argument("id", type=int)
        skills.add_argument("--skills", required=True)
        for name in ("open", "close", "withdraw"):
            sub.add_parser(name, help=f"{name.capitalize()} a vacancy.").add_argument(
                "id", type=int)
        fill = sub.add_parser("fill", help="Record who filled a vacancy.")
        fill.add_argument("id", type=int)
        fill.add_argument("--organisation", required=True)
        fill.add_argument("--staff-number", required=True)
        ext = sub.add_parser("external", help="Record the decision to recruit externally.")
        ext.add_argument("id", type=int)
        ext.add_argument("--reason", required=True)
        policy = sub.add_parser("policy", help="Show or set the internal-first days.")
        policy.add_argument("--days", type=int)

    def handle(self, *args: str, **options: object) -> None:
        cli.run_action(self, options)

    def _list(self, options: dict) -> None:
        qs = Vacancy.objects.select_related("organisation", "grade")
        if options["state"]:
            qs = qs.filter(state=options["state"])
        if options["organisation"]:
            qs = qs.filter(organisation=cli.organisation(options["organisation"]))
        rows = [{"id": v.pk, "organisation": v.organisation.abbreviation, "title": v.title,
                 "grade": v.grade.code, "state": v.state,
                 "closing_date": v.closing_date.isoformat()} for v in qs]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, indent=2))
            return
        for r in rows:
            self.stdout.write(f"{r['id']:>6}  {r['organisation']:<8} {r['state']:<10} "
                              f"{r['closing_date']}  {r['grade']:<6} {r['title']}")
        self.stdout.write(f"{len(rows)} vacanc{'y' if len(rows) == 1 else 'ies'}")

    def _create(self, options: dict) -> None:
        level = RoleLevel.objects.filter(pk=options["role_level"]).first()
        if level is None:
            raise CommandError(f"No role level {options['role_level']}.")
        grade = Grade.objects.filter(code__iexact=options["grade"]).first()
        if grade is None:
            raise CommandError(f"No grade '{options['grade']}'.")
        try:
            closing = parse_date(options["closing_date"])
        except ValueError as exc:
            raise CommandError(f"--closing-date: {exc}") from exc
        skills = parse_skills(options["skills"], level.framework_id) if options[
            "skills"] else None
        vacancy = services.create_vacancy(
            actor=command_line_actor(), organisation=cli.organisation(options["organisation"]),
            title=options["title"],
            role_level=level, grade=grade, closing_date=closing,
            locations=_locations(options["locations"]), hybrid=not options["not_hybrid"],
            security_clearance=options["clearance"], description=options["description"],
            skills=skills)
        self.stdout.write(f"Vacancy {vacancy.pk} drafted with {vacancy.skills.count()} skills.")

    def _skills(self, options: dict) -> None:
        vacancy = _vacancy(options["id"])
        vacancy = services.update_vacancy(
            actor=command_line_actor(), vacancy=vacancy,
            skills=parse_skills(options["skills"], vacancy.role_level.framework_id))
        self.stdout.write(f"Vacancy {vacancy.pk} now has {vacancy.skills.count()} skills.")

    def _transition(self, options: dict, action: str, **data: object) -> None:
        vacancy = services.transition_vacancy(actor=command_line_actor(),
                                              vacancy_id=_vacancy(options["id"]).pk,
                                              action=action, **data)
        self.stdout.write(f"Vacancy {vacancy.pk} is now {vacancy.state}.")

    def _open(self, options: dict) -> None:
        self._transition(options, "open")

    def _close(self, options: dict) -> None:
        self._transition(options, "close")

    def _withdraw(self, options: dict) -> None:
        self._transition(options, "withdraw")

    def _fill(self, options: dict) -> None:
        person = Person.objects.filter(organisation=cli.organisation(options["organisation"]),
                                       staff_number=options["staff_number"]).first()
        if person is None:
            raise CommandError("No such person.")
        self._transition(options, "fill", person=person)

    def _external(self, options: dict) -> None:
        self._transition(options, "external", reason=options["reason"])

    def _policy(self, options: dict) -> None:
        if options["days"] is not None:
            services.set_policy(actor=command_line_actor(), internal_days=options["days"])
        days = services.current_policy().internal_days
        self.stdout.write(f"Vacancies stay inside government for {days} days first.")
