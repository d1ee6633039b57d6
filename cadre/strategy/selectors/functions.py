"""Reads for the retained ICT function (issue 19, area 4): the taxonomy, the reference
models, each department's matrix with its checks, and the cross-government view.

The taxonomy and models are reference data for everyone signed in; matrices, checks and
the cross-government view are for ``STRATEGY_FIGURES`` (the permission map). Coverage is
counted in the database, grouped by organisation, family and seniority (never one row per
person), and every count of people shown is suppressed by ``function_checks``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from cadre.access.scope import scope_for
from cadre.core.actor import Actor
from cadre.organisations.models import Organisation
from cadre.people.selectors import current_filter
from cadre.strategy import function_checks as fc
from cadre.strategy.models import FunctionNeed, FunctionSourcing, IctFunction, OperatingModel
from cadre.workforce.models import WorkforceRecord

ROW_COLUMNS = ("organisation", "organisation_name", "function", "function_name", "sourcing",
               "maturity", "evidence", "version", "updated_at", "retained", "status",
               "flagged", "check")


def functions() -> QuerySet[IctFunction]:
    """The taxonomy in its order, each with its needs (family names) loaded."""
    return IctFunction.objects.prefetch_related(
        Prefetch("needs", FunctionNeed.objects.select_related("family").order_by(
            "family__name")),
        Prefetch("operating_models", OperatingModel.objects.order_by("position")))


def needs_of(function: IctFunction) -> tuple[fc.Need, ...]:
    return tuple(fc.Need(n.family.name, n.min_rank) for n in function.needs.all())


def operating_models() -> QuerySet[OperatingModel]:
    return OperatingModel.objects.prefetch_related(
        Prefetch("retained", IctFunction.objects.order_by("position", "name")))


def model_functions() -> dict[str, set[str]]:
    """Each reference model's key -> the keys of the functions it keeps in house."""
    out: dict[str, set[str]] = {m.key: set() for m in OperatingModel.objects.all()}
    for key, function in OperatingModel.retained.through.objects.values_list(
            "operatingmodel__key", "ictfunction__key"):
        out[key].add(function)
    return out


# Who may record ------------------------------------------------------------------------------

def contributing_organisation_ids(actor: Actor | Any) -> frozenset[int] | None:
    """The organisations ``actor`` may record the matrix of: a head of profession's own; None
    means every one (the central team, administrators, the command line)."""
    actor = Actor.coerce(actor)
    if actor.trusted:
        return None
    if not actor.is_user:
        return frozenset()
    scope = scope_for(actor.user)
    if scope.government_wide:
        return None
    return scope.profession_organisations


def may_contribute(actor: Actor | Any, organisation: Organisation | int) -> bool:
    ids = contributing_organisation_ids(actor)
    return ids is None or getattr(organisation, "pk", organisation) in ids


def contributing_organisations(user: Any) -> QuerySet[Organisation]:
    ids = contributing_organisation_ids(user)
    rows = Organisation.objects.order_by("name")
    return rows if ids is None else rows.filter(pk__in=ids)


# Coverage --------------------------------------------------------------------------------

def coverage_by_organisation(organisation_ids: Iterable[int] | None = None
                             ) -> dict[int, dict[str, dict[int, int]]]:
    """Organisation id -> family (case-folded name) -> seniority -> current in-profession
    people, in one grouped query. Families are matched by name, so people classified
    against another version of the framework still count."""
    rows = WorkforceRecord.objects.filter(current_filter("person__"), in_profession=True,
                                          role_level__isnull=False)
    if organisation_ids is not None:
        rows = rows.filter(person__organisation_id__in=list(organisation_ids))
    grouped = (rows.order_by().values_list("person__organisation_id",
                                           "role_level__role__family__name",
                                           "role_level__seniority")
               .annotate(n=Count("id")))
    out: dict[int, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for org, family, seniority, n in grouped:
        counts = out[org][fc.family_key(family)]
        counts[seniority] = counts.get(seniority, 0) + n
    return out


def coverage(organisation: Organisation) -> dict[str, dict[int, int]]:
    return coverage_by_organisation([organisation.pk]).get(organisation.pk, {})


# A department's matrix ---------------------------------------------------------------------

@dataclass
class MatrixRow:
    """One function of the taxonomy in a department's matrix (``entry`` None: not recorded)."""

    function: IctFunction
    needs: tuple[fc.Need, ...]
    entry: FunctionSourcing | None
    check: fc.FunctionCheck | None

    @property
    def flagged(self) -> bool:
        return bool(self.check and self.check.flagged)


def entries(organisation: Organisation | None = None) -> QuerySet[FunctionSourcing]:
    rows = FunctionSourcing.objects.select_related("organisation", "function", "updated_by")
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    return rows.order_by("organisation__name", "function__position", "function__name")


def _as_entry(function: IctFunction, needs: tuple[fc.Need, ...],
              sourcing: FunctionSourcing) -> fc.Entry:
    return fc.Entry(function.key, function.name, sourcing.sourcing, needs)


def matrix(organisation: Organisation, *, cover: dict | None = None) -> list[MatrixRow]:
    """Every function of the taxonomy with the organisation's entry and its check."""
    cover = coverage(organisation) if cover is None else cover
    recorded = {e.function_id: e for e in entries(organisation)}
    rows = []
    for function in functions():
        needs = needs_of(function)
        entry = recorded.get(function.pk)
        check = fc.check_function(_as_entry(function, needs, entry), cover) if entry else None
        rows.append(MatrixRow(function, needs, entry, check))
    return rows


@dataclass
class Checks:
    """A department's checks: the rows, the flagged ones, the skills need against coverage
    and the comparison with the reference models."""

    rows: list[MatrixRow]
    need: list[fc.NeedLine]
    models: list[tuple[OperatingModel, fc.ModelComparison]]

    @property
    def flagged(self) -> list[MatrixRow]:
        return [r for r in self.rows if r.flagged]

    @property
    def gaps(self) -> list[MatrixRow]:
        return [r for r in self.rows if r.check and r.check.status == "gap"]

    @property
    def recorded(self) -> int:
        return sum(1 for r in self.rows if r.entry)


def checks(organisation: Organisation) -> Checks:
    cover = coverage(organisation)
    rows = matrix(organisation, cover=cover)
    recorded = [r for r in rows if r.entry]
    need = fc.skills_need([_as_entry(r.function, r.needs, r.entry) for r in recorded], cover)
    return Checks(rows=rows, need=need, models=compare_models(recorded))


def compare_models(recorded: list[MatrixRow]) -> list[tuple[OperatingModel, fc.ModelComparison]]:
    models = {m.key: m for m in OperatingModel.objects.all()}
    names = {r.function.key: r.function.name for r in recorded}
    found = fc.compare_with_models(
        [r.function.key for r in recorded if r.entry and r.entry.retained], list(names),
        model_functions())
    return [(models[c.model], fc.ModelComparison(
        c.model, c.matching, tuple(names[k] for k in c.retained_not_in_model),
        tuple(names[k] for k in c.in_model_not_retained))) for c in found]


# Lists for the API and the command line ----------------------------------------------------

def entry_rows(organisation: Organisation | None = None) -> list[dict[str, Any]]:
    """Every recorded matrix row (of one organisation, or all) with its check."""
    recorded = list(entries(organisation))
    org_ids = {e.organisation_id for e in recorded}
    cover = coverage_by_organisation(org_ids) if org_ids else {}
    needs = {f.pk: needs_of(f) for f in functions()}
    out = []
    for e in recorded:
        check = fc.check_function(_as_entry(e.function, needs.get(e.function_id, ()), e),
                                  cover.get(e.organisation_id, {}))
        out.append(entry_row(e, check))
    return out


def entry_row(e: FunctionSourcing, check: fc.FunctionCheck) -> dict[str, Any]:
    return {"organisation": e.organisation.abbreviation,
            "organisation_name": e.organisation.name, "function": e.function.key,
            "function_name": e.function.name, "sourcing": e.sourcing, "maturity": e.maturity,
            "evidence": e.evidence, "version": e.version,
            "updated_at": e.updated_at.isoformat(), "retained": e.retained,
            "status": check.status, "flagged": check.flagged, "check": check.words}


def entry_with_check(organisation: Organisation, function: IctFunction
                     ) -> tuple[FunctionSourcing | None, fc.FunctionCheck | None]:
    entry = entries(organisation).filter(function=function).first()
    if entry is None:
        return None, None
    needs = needs_of(functions().get(pk=function.pk))
    return entry, fc.check_function(_as_entry(function, needs, entry), coverage(organisation))


def entry_history(entry: FunctionSourcing) -> list[Any]:
    """The entry's earlier states, newest first (the history table)."""
    return list(entry.history.select_related("history_user").order_by("-history_id"))


# Across government -------------------------------------------------------------------------

@dataclass
class Retention:
    """The cross-government view: organisations with a matrix, and per function which of
    them keep it in house, with the reference models' choice."""

    organisations: list[Organisation]
    models: list[OperatingModel]
    rows: list[dict[str, Any]]
    nearest: dict[int, tuple[OperatingModel, fc.ModelComparison] | None]
    flagged: dict[int, int]


def retention() -> Retention:
    recorded = list(entries())
    organisations = list({e.organisation_id: e.organisation for e in recorded}.values())
    models = list(OperatingModel.objects.all())
    kept_by_model = model_functions()
    by_org: dict[int, dict[int, FunctionSourcing]] = defaultdict(dict)
    for e in recorded:
        by_org[e.organisation_id][e.function_id] = e
    cover = coverage_by_organisation([o.pk for o in organisations]) if organisations else {}
    all_functions = list(functions())
    needs = {f.pk: needs_of(f) for f in all_functions}
    flagged: dict[int, int] = defaultdict(int)
    rows = []
    for function in all_functions:
        cells = []
        for org in organisations:
            e = by_org[org.pk].get(function.pk)
            check = (fc.check_function(_as_entry(function, needs[function.pk], e),
                                       cover.get(org.pk, {})) if e else None)
            if check and check.flagged:
                flagged[org.pk] += 1
            cells.append({"organisation": org, "entry": e, "check": check})
        rows.append({"function": function, "cells": cells,
                     "models": [function.key in kept_by_model.get(m.key, set())
                                for m in models],
                     "retained_by": sum(1 for c in cells if c["entry"] and c["entry"].retained)})
    nearest: dict[int, tuple[OperatingModel, fc.ModelComparison] | None] = {}
    by_key = {m.key: m for m in models}
    for org in organisations:
        kept = [f.key for f in all_functions
                if f.pk in by_org[org.pk] and by_org[org.pk][f.pk].retained]
        seen = [f.key for f in all_functions if f.pk in by_org[org.pk]]
        found = fc.compare_with_models(kept, seen, kept_by_model)
        nearest[org.pk] = (by_key[found[0].model], found[0]) if found else None
    return Retention(organisations, models, rows, nearest, dict(flagged))


def retention_rows() -> list[dict[str, Any]]:
    """The cross-government view as data: per function, the models keeping it and the
    organisations keeping it in house (abbreviations)."""
    view = retention()
    out = []
    for row in view.rows:
        out.append({
            "function": row["function"].key, "function_name": row["function"].name,
            "models": [m.key for m, kept in zip(view.models, row["models"], strict=True)
                       if kept],
            "retained_by": [c["organisation"].abbreviation for c in row["cells"]
                            if c["entry"] and c["entry"].retained],
            "not_retained_by": [c["organisation"].abbreviation for c in row["cells"]
                                if c["entry"] and not c["entry"].retained],
            "flagged_in": [c["organisation"].abbreviation for c in row["cells"]
                           if c["check"] and c["check"].flagged]})
    return out


__all__ = ["ROW_COLUMNS", "Checks", "MatrixRow", "Retention", "checks", "compare_models",
           "contributing_organisation_ids", "contributing_organisations", "coverage",
           "coverage_by_organisation", "entries", "entry_history", "entry_row", "entry_rows",
           "entry_with_check", "functions", "matrix", "may_contribute", "model_functions",
           "needs_of", "operating_models", "retention", "retention_rows"]
