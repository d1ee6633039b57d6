"""Demo strategy, workstreams and milestones with delivery confidence (issue 19, area 1),
through the services as the central team would.

One made-up strategy ("Digital capability plan (demo)") with four workstreams led by demo
organisations: career paths (DWP, whose demo head of profession owns its milestones),
apprenticeships (HMRC, with DWP and DVLA taking part), local networks (West Yorkshire Fire
and Rescue Service) and DWP's departmental implementation plan. Milestones carry dates as
people write them ("by March 2027", "late 2026", "September-November 2026", "ongoing"),
one of which Cadre cannot read. Two scales (five-point and an older three-point one), the
previous quarter on the old scale and the current quarter on the new one, and ratings by
owners and the central team in both. Safe to run twice: a strategy already there is left
alone.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from cadre.organisations.models import Organisation
from cadre.strategy import milestone_dates
from cadre.strategy.models import ConfidenceScale, Strategy
from cadre.strategy.services import workstreams as services

NAME = "Digital capability plan (demo)"
FIVE = ("Green", "Amber-green", "Amber", "Amber-red", "Red")
THREE = ("On course", "Some concerns", "Off course")

#: (workstream, lead, kind, participants, [(milestone text as published, status)])
WORKSTREAMS = (
    ("Career paths", "DWP", "strategy", ("HMRC", "GDS"), [
        ("Role profiles agreed with heads of profession – late 2026", "on_track"),
        ("Career path pages published for every role family by March 2027", "at_risk"),
        ("Managers trained in career conversations September-November 2026",
         "not_started"),
    ]),
    ("Apprenticeships", "HMRC", "strategy", ("DWP", "DVLA"), [
        ("First shared apprenticeship intake from the autumn of 2026", "on_track"),
        ("Second intake across five departments – summer 2027", "not_started"),
    ]),
    ("Local networks", "WYFRS", "strategy", ("LCC", "WYP", "LTHT"), [
        ("Regional network strategy agreed – when the partners sign", "late"),
        ("Quarterly meet-ups across emergency services – ongoing", "on_track"),
    ]),
    ("DWP implementation plan", "DWP", "departmental_plan", (), [
        ("Retained functions mapped against the reference model by end 2026", "on_track"),
        ("Service desk brought back in house January 2027-June 2027", "not_started"),
    ]),
)


def _quarter(day: dt.date) -> tuple[dt.date, dt.date, str]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    after = dt.date(day.year + (first_month == 10), (first_month + 2) % 12 + 1, 1)
    return start, after - dt.timedelta(days=1), f"{day.year} Q{(first_month - 1) // 3 + 1}"


def _scale(actor: Any, name: str, levels: tuple[str, ...]) -> ConfidenceScale:
    found = ConfidenceScale.objects.filter(name=name).first()
    return found or services.create_scale(actor=actor, name=name, levels=levels)


def load(*, actor: Any, rng: random.Random) -> list[str]:
    if Strategy.objects.filter(name=NAME).exists():
        return ["Strategy workstreams: already there."]
    organisations = {o.abbreviation: o for o in Organisation.objects.filter(
        abbreviation__in={a for w in WORKSTREAMS for a in (w[1], *w[3])})}
    if not {w[1] for w in WORKSTREAMS} <= set(organisations):
        return ["Strategy workstreams: the demo organisations are missing; run "
                "'cadre demo load' first."]
    five = _scale(actor, "Five-point delivery confidence", FIVE)
    three = _scale(actor, "Three-point delivery confidence (earlier)", THREE)
    start, end, label = _quarter(timezone.localdate())
    before_start, before_end, before_label = _quarter(start - dt.timedelta(days=1))
    current = services.create_period(actor=actor, label=label, starts_on=start, ends_on=end,
                                     scale=five)
    previous = services.create_period(actor=actor, label=before_label,
                                      starts_on=before_start, ends_on=before_end, scale=three)
    strategy = services.create_strategy(
        actor=actor, name=NAME, published=start - dt.timedelta(days=200),
        description="A made-up plan for the demo: how departments and local services build "
                    "the profession together, workstream by workstream.")
    milestones = rated = unread = 0
    for name, lead, kind, participants, items in WORKSTREAMS:
        workstream = services.create_workstream(
            actor=actor, strategy=strategy, name=name, lead_organisation=organisations[lead],
            kind=kind, organisation=organisations[lead] if kind == "departmental_plan" else None,
            participants=[organisations[a] for a in participants if a in organisations],
            description=f"{name}: led by {organisations[lead].name}.")
        for text, status in items:
            parts = milestone_dates.split(text)
            milestone = services.create_milestone(actor=actor, workstream=workstream,
                                                  title=parts.title, date_text=parts.date_text)
            milestones += 1
            unread += not parts.date.read
            if status != "not_started":
                services.change_milestone(
                    actor=actor, milestone=milestone, version=milestone.version,
                    status=status, evidence=f"Reported by {organisations[lead].name}.",
                    forecast_date=(milestone.baseline_end or end) + dt.timedelta(
                        days=30 if status in ("at_risk", "late") else 0))
            for period, levels in ((previous, THREE), (current, FIVE)):
                if rng.random() < 0.8:
                    services.rate_milestone(actor=actor, milestone=milestone, period=period,
                                            rater_kind="owner", level=rng.choice(levels[:-1]))
                    rated += 1
                if period is previous or rng.random() < 0.5:
                    services.rate_milestone(actor=actor, milestone=milestone, period=period,
                                            rater_kind="central", level=rng.choice(levels))
                    rated += 1
    return [f"Strategy workstreams: {NAME} with {len(WORKSTREAMS)} workstreams, "
            f"{milestones} milestones ({unread} date not read), {rated} ratings in "
            f"{before_label} and {label}."]
