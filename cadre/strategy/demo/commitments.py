"""Demo commitments: one action of a demo strategy (our own words) with a commitment, then
progress and plans, for several demo departments, DWP's included (the demo head of
profession's), one recorded as not applicable, and, when the reference data holds it, a
closed department whose entries roll up into its successor. Through the services, so it is
safe to run twice (unchanged entries are left alone)."""

from __future__ import annotations

import random
from typing import Any

from cadre.organisations import selectors as organisation_selectors
from cadre.organisations.models import Organisation
from cadre.strategy.services import commitments as services

STRATEGY = "Demo profession capability strategy"
ACTION = "Action 2: grow in-house digital and data skills in every department"

#: abbreviation -> [(kind, period, text)]
ENTRIES: dict[str, list[tuple[str, str, str]]] = {
    "DWP": [
        ("commitment", "2024-12", "DWP will give every service team a named digital lead and "
                                  "train 300 people in user-centred design by the end of 2025."),
        ("progress", "2025", "Named digital leads are in place in 40 of 52 service teams; 210 "
                             "people have completed the user-centred design course."),
        ("plan", "2026", "Finish naming digital leads and run the course in the regional "
                         "service centres."),
    ],
    "HMRC": [
        ("commitment", "2024-12", "HMRC will move half of its contracted data engineering "
                                  "roles to permanent staff within two years."),
        ("progress", "2025", "A third of contracted data engineering roles are now held by "
                             "permanent staff, recruited through the data apprenticeship."),
        ("plan", "2026", "Open a second apprenticeship intake and publish the remaining "
                         "conversions quarterly."),
    ],
    "MOJ": [
        ("commitment", "2024-12", "MOJ will set up a cross-agency digital academy shared with "
                                  "its courts and prisons agencies."),
        ("progress", "2025", "The academy opened in spring with four learning pathways."),
    ],
    "HO": [
        ("commitment", "2024-12", "The Home Office will map digital roles against the "
                                  "profession framework in every directorate."),
        ("progress", "2025", "Mapping is complete in five directorates out of eight."),
        ("plan", "2026", "Finish the mapping and use it to plan next year's recruitment."),
    ],
    "HMT": [
        ("commitment", "2024-12", "This action is not applicable to HM Treasury: its digital "
                                  "services are provided by a shared service."),
    ],
}
#: A closed department (when the reference data holds it) and what it had committed to.
CLOSED = ("Department for International Development", [
    ("commitment", "2024-12", "Digital skills will be part of every overseas posting's "
                              "induction."),
])


def _organisation(abbreviation: str) -> Organisation | None:
    return Organisation.objects.filter(abbreviation__iexact=abbreviation).first()


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Add the demo action and its entries; the lines to print."""
    action = services.create_action(actor=actor, strategy_name=STRATEGY, name=ACTION)
    written, organisations, missing = 0, 0, []
    plan: list[tuple[Organisation, list[tuple[str, str, str]]]] = []
    for abbreviation, entries in ENTRIES.items():
        organisation = _organisation(abbreviation)
        if organisation is None:
            missing.append(abbreviation)
            continue
        plan.append((organisation, entries))
    closed_name, closed_entries = CLOSED
    match = organisation_selectors.match_organisation_names([closed_name]).get(closed_name)
    if match is not None and match.active_to is not None:
        plan.append((match, closed_entries))
    for organisation, entries in plan:
        organisations += 1
        for kind, period, text in entries:
            saved = services.save_entry(actor=actor, action=action, organisation=organisation,
                                        kind=kind, period=period, text=text,
                                        not_applicable="not applicable" in text.lower())
            written += saved.changed
    lines = [f"Commitments: '{ACTION}' with entries for {organisations} organisations "
             f"({written} added or changed)."]
    if missing:
        lines.append(f"Commitments: no organisation {', '.join(missing)} to add entries for.")
    return lines
