"""Demo retained ICT function (issue 19, area 4), through the services.

Loads Cadre's own taxonomy and the three reference models, then a matrix for three
organisations: DWP close to the centralised model, HMRC close to the federated one (one
function recorded twice, so its history shows), and a small organisation close to the
minimal model that declares one function in house with nobody in its profession in the
families that function needs, so the flag shows. That function is chosen from the
organisation's workforce at load time (the first one, in taxonomy order, whose families
hold nobody there), so the plant holds whatever the synthetic government looks like.
Safe to run twice: an organisation with a matrix already is left alone.
"""

from __future__ import annotations

import random
from typing import Any

from cadre.organisations.models import Organisation
from cadre.strategy import function_checks as fc
from cadre.strategy.models import FunctionSourcing, IctFunction
from cadre.strategy.selectors import functions as sel
from cadre.strategy.services import functions as services

#: organisation -> the reference model its matrix follows.
FOLLOWS = (("DWP", "centralised"), ("HMRC", "federated"))
#: Small organisations, in order, one of which gets the planted flag (minimal model).
PLANT_CANDIDATES = ("WYFRS", "WYP", "LCC", "LTHT", "GDS", "DVLA")
NOT_KEPT = (fc.OUTSOURCED, fc.SHARED_SERVICE)
EVIDENCE = {
    fc.IN_HOUSE: "A permanent team in the department does this work.",
    fc.MIXED: "A small in-house team manages a supplier who does most of the work.",
    fc.OUTSOURCED: "Bought under a contract managed by the commercial team.",
    fc.SHARED_SERVICE: "Provided by a shared service used by several departments.",
}


def _record(actor: Any, organisation: Organisation, function: IctFunction, sourcing: str,
            rng: random.Random, evidence: str = "") -> None:
    services.record_sourcing(actor=actor, organisation=organisation, function=function,
                             sourcing=sourcing,
                             maturity=rng.choice([fc.GOOD, fc.GOOD, fc.BETTER, fc.BEST]),
                             evidence=evidence or EVIDENCE[sourcing])


def _follow(actor: Any, organisation: Organisation, model: str, rng: random.Random,
            kept_by_model: dict[str, set[str]], functions: list[IctFunction]) -> None:
    for index, function in enumerate(functions):
        if function.key in kept_by_model.get(model, set()):
            sourcing = fc.MIXED if index % 5 == 4 else fc.IN_HOUSE
        else:
            sourcing = NOT_KEPT[index % 2]
        _record(actor, organisation, function, sourcing, rng)


def _plant(actor: Any, rng: random.Random, kept_by_model: dict[str, set[str]],
           functions: list[IctFunction]) -> str | None:
    """Record the first candidate organisation (without a matrix) that has a function whose
    families hold nobody: that function in house, the rest as the minimal model."""
    for abbreviation in PLANT_CANDIDATES:
        organisation = Organisation.objects.filter(abbreviation=abbreviation).first()
        if organisation is None or FunctionSourcing.objects.filter(
                organisation=organisation).exists():
            continue
        cover = sel.coverage(organisation)
        empty = [f for f in functions
                 if f.key not in kept_by_model.get("minimal", set())
                 and all(fc.people_in(cover, n.family) == 0 for n in sel.needs_of(f))]
        if not empty:
            continue
        planted = empty[0]
        for function in functions:
            if function.pk == planted.pk:
                _record(actor, organisation, function, fc.IN_HOUSE, rng,
                        "We plan to run this ourselves with our own staff.")
            elif function.key in kept_by_model.get("minimal", set()):
                _record(actor, organisation, function, fc.IN_HOUSE, rng)
            else:
                _record(actor, organisation, function, fc.SHARED_SERVICE, rng)
        return f"{organisation.abbreviation} declares {planted.name} in house (flagged)"
    return None


def load(*, actor: Any, rng: random.Random) -> list[str]:
    lines = []
    if not IctFunction.objects.exists():
        result = services.import_embedded(actor=actor)
        lines.append(f"ICT function taxonomy: {result.summary}")
    functions = list(sel.functions())
    kept_by_model = sel.model_functions()
    for abbreviation, model in FOLLOWS:
        organisation = Organisation.objects.filter(abbreviation=abbreviation).first()
        if organisation is None or FunctionSourcing.objects.filter(
                organisation=organisation).exists():
            continue
        _follow(actor, organisation, model, rng, kept_by_model, functions)
        lines.append(f"ICT function matrix of {abbreviation} (close to the {model} model)")
        if abbreviation == "HMRC" and functions:
            entry = FunctionSourcing.objects.get(organisation=organisation,
                                                 function=functions[0])
            services.record_sourcing(
                actor=actor, organisation=organisation, function=functions[0],
                sourcing=entry.sourcing, maturity=fc.BETTER,
                evidence="Reviewed this year: the board now sets the technology strategy.",
                expected_version=entry.version)
    planted = _plant(actor, rng, kept_by_model, functions)
    if planted:
        lines.append(f"ICT function matrix: {planted}")
    return lines
