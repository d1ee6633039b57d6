"""``cadre recruitment pay ...``: pay benchmarks (issue 21, area 4).

- ``show --role-level LEVEL [--grade GRADE] [--pay-min N] [--pay-max N] [--format
  text|json]``: the benchmark of a role level (and grade), the labelled figures behind it
  (counts of 1 to 4 people read "fewer than 5 people" and show no figure) and the flags
  of a pay range when one is given;
- ``market-add --role-level LEVEL [--grade GRADE] --low N --median N --high N --source
  TEXT --source-date YYYY-MM-DD``: the hub's market figure (audited).

A role level is its id, "Role: Level" or a level name no other role uses; a grade is its
id or code (e.g. G7).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError

from cadre.core.commands import SubcommandCommand
from cadre.framework.models import RoleLevel
from cadre.organisations.models import Grade
from cadre.recruitment import pay_figures
from cadre.recruitment.models.pay import MAX_MARKET_PAY
from cadre.recruitment.selectors import pay as sel
from cadre.recruitment.services import pay as services


def role_level(text: str) -> RoleLevel:
    value = " ".join(str(text or "").split())
    if not value or "\x00" in value or len(value) > 420:
        raise CommandError("--role-level: give a role level's id or name.")
    if value.isascii() and value.isdigit() and len(value) < 19:
        found = RoleLevel.objects.filter(pk=int(value)).first()
        if found:
            return found
    qs = RoleLevel.objects.select_related("role")
    role_name, _, level_name = value.rpartition(":")
    matches = list(qs.filter(role__name__iexact=role_name.strip(),
                             name__iexact=level_name.strip())) if role_name else []
    matches = matches or list(qs.filter(name__iexact=value))
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = "; ".join(f"{m.role.name}: {m.name} (id {m.pk})" for m in matches[:10])
        raise CommandError(f"--role-level: '{value}' names several role levels: {names}.")
    raise CommandError(f"--role-level: there is no role level '{value}'.")


def grade(text: str | None) -> Grade | None:
    value = str(text or "").strip()
    if not value:
        return None
    if "\x00" in value or len(value) > 40:
        raise CommandError("--grade: give a grade's id or code.")
    found = Grade.objects.filter(code__iexact=value).first()
    if found is None and value.isascii() and value.isdigit() and len(value) < 19:
        found = Grade.objects.filter(pk=int(value)).first()
    if found is None:
        raise CommandError(f"--grade: there is no grade '{value}'.")
    return found


def _pounds(value: str | None, option: str) -> int | None:
    if value is None or not str(value).strip():
        return None
    text = str(value).strip().replace(",", "").removeprefix("£")
    if not text.isascii() or not text.isdigit() or int(text) > MAX_MARKET_PAY:
        raise CommandError(f"{option}: give whole pounds a year from 0 to 1,000,000.")
    return int(text)


class Command(SubcommandCommand):
    help = "Pay benchmarks: show a role level's benchmark; add a market pay figure."

    def add_actions(self, actions: Any) -> None:
        show = actions.add_parser("show", help="The benchmark of a role level (and grade).")
        show.add_argument("--role-level", required=True, help="Id, 'Role: Level' or name")
        show.add_argument("--grade", help="Grade code or id (default: every grade)")
        show.add_argument("--pay-min", help="Bottom of a pay range to flag (whole pounds)")
        show.add_argument("--pay-max", help="Top of a pay range to flag (whole pounds)")
        show.add_argument("--format", choices=["text", "json"], default="text")
        add = actions.add_parser("market-add", help="Add a market pay figure (audited).")
        add.add_argument("--role-level", required=True, help="Id, 'Role: Level' or name")
        add.add_argument("--grade", help="Grade code or id (default: any grade)")
        add.add_argument("--low", required=True)
        add.add_argument("--median", required=True)
        add.add_argument("--high", required=True)
        add.add_argument("--source", required=True, help="Where the figures come from")
        add.add_argument("--source-date", required=True, help="YYYY-MM-DD")

    def handle_show(self, options: dict[str, Any], *, actor: Any) -> None:
        level = role_level(options["role_level"])
        chosen = grade(options["grade"])
        pay_min = _pounds(options["pay_min"], "--pay-min")
        pay_max = _pounds(options["pay_max"], "--pay-max")
        found = sel.benchmark_for(role_level_id=level.pk,
                                  grade_id=chosen.pk if chosen else None)
        flags = found.flags(pay_min, pay_max) if (pay_min, pay_max) != (None, None) else []
        if options["format"] == "json":
            self.stdout.write(json.dumps({
                "role_level": level.pk, "role_level_name": found.role_level,
                "grade": chosen.pk if chosen else None, "grade_name": found.grade,
                "basis": found.basis, "basis_label": found.basis_label, "low": found.low,
                "median": found.median, "high": found.high,
                "working_days": found.working_days,
                "threshold": pay_figures.SUPPRESS_BELOW,
                "sources": [f.as_dict() for f in found.sources], "flags": flags,
            }, indent=2, ensure_ascii=False))
            return
        title = found.role_level + (f", {found.grade}" if found.grade else ", every grade")
        self.stdout.write(title)
        if found.basis:
            self.stdout.write(f"Benchmark: {pay_figures.money(found.low)} to "
                              f"{pay_figures.money(found.high)}, median "
                              f"{pay_figures.money(found.median)}")
        self.stdout.write(found.basis_label)
        for row in found.sources:
            if row.suppressed:
                shown = f"not shown ({row.people})"
            else:
                shown = (f"{pay_figures.money(row.low)} / {pay_figures.money(row.median)} / "
                         f"{pay_figures.money(row.high)}"
                         + (f" ({row.people})" if row.people else ""))
            dated = f", {row.source_date.isoformat()}" if row.source_date else ""
            self.stdout.write(f"  {row.label}: {shown}. Source: {row.source}{dated}")
        for flag in flags:
            self.stdout.write(f"Flag: {flag}")

    def handle_market_add(self, options: dict[str, Any], *, actor: Any) -> None:
        level = role_level(options["role_level"])
        chosen = grade(options["grade"])
        figure = services.add_market_figure(
            actor=actor, role_level_id=level.pk, grade_id=chosen.pk if chosen else None,
            low=options["low"], median=options["median"], high=options["high"],
            source=options["source"], source_date=options["source_date"])
        self.stdout.write(f"Market figure {figure.pk} added for {level.role.name}: "
                          f"{level.name}: {pay_figures.money(figure.low)} / "
                          f"{pay_figures.money(figure.median)} / "
                          f"{pay_figures.money(figure.high)} ({figure.source}).")
