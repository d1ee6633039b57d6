"""Reads for departmental commitments (issue 19, area 2).

Commitments, progress and plans are published by departments, so everyone signed in reads
them; who entered an entry is shown to the central team only. What an account may change
is ``editable_organisation_ids``: a head of profession's own organisations, every
organisation for the central team, administrators and the command line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.core.actor import Actor
from cadre.organisations import selectors as organisation_selectors
from cadre.organisations.models import Organisation
from cadre.strategy import commitment_rows
from cadre.strategy.models import Action, CommitmentEntry

EXPORT_COLUMNS = ("strategy", "action", "organisation", "kind", "period", "not_applicable",
                  "text")


def editable_organisation_ids(actor: Actor | Any) -> frozenset[int] | None:
    """The organisations ``actor`` may enter commitments for; None means every one."""
    actor = Actor.coerce(actor)
    if actor.trusted:
        return None
    if not actor.is_user:
        return frozenset()
    scope = scope_for(actor.user)
    if scope.government_wide:
        return None
    return scope.organisations_for(Role.HEAD_OF_PROFESSION)


def may_edit(actor: Actor | Any, organisation: Organisation | int) -> bool:
    ids = editable_organisation_ids(actor)
    return ids is None or getattr(organisation, "pk", organisation) in ids


def sees_who_entered(user: Any) -> bool:
    """The central team and administrators see who entered each entry."""
    return scope_for(user).government_wide


def editable_organisations(actor: Actor | Any) -> QuerySet[Organisation]:
    ids = editable_organisation_ids(actor)
    rows = Organisation.objects.order_by("name")
    return rows if ids is None else rows.filter(pk__in=ids)


def actions() -> QuerySet[Action]:
    """Every action with its strategy and how many entries and organisations it has."""
    return (Action.objects.select_related("strategy")
            .annotate(entry_count=Count("entries"),
                      organisation_count=Count("entries__organisation", distinct=True))
            .order_by("strategy__name", "name"))


def entries(*, strategy: str = "", action: str | int | None = None,
            organisation: Organisation | None = None, kind: str = "", period: str = ""
            ) -> QuerySet[CommitmentEntry]:
    """Entries, filtered: strategy and action by name (case ignored) or action by id."""
    rows = CommitmentEntry.objects.select_related("action__strategy", "organisation")
    if strategy:
        rows = rows.filter(action__strategy__name__iexact=strategy)
    if isinstance(action, int):
        rows = rows.filter(action_id=action)
    elif action:
        rows = rows.filter(action__name__iexact=action)
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    if kind:
        rows = rows.filter(kind=kind)
    if period:
        rows = rows.filter(period=period)
    return rows.order_by("action__strategy__name", "action__name", "organisation__name",
                         "period", "kind")


def export_rows(rows: Iterable[CommitmentEntry]) -> list[dict[str, Any]]:
    """``{strategy, action, organisation, kind, period, not_applicable, text}`` per entry;
    the organisation by name, so that a CSV export imports again as it is."""
    return [{"strategy": e.action.strategy.name, "action": e.action.name,
             "organisation": e.organisation.name, "kind": e.kind, "period": e.period,
             "not_applicable": e.not_applicable, "text": e.text} for e in rows]


def entry_for(*, action: Action, organisation: Organisation, kind: str, period: str
              ) -> CommitmentEntry | None:
    return CommitmentEntry.objects.filter(action=action, organisation=organisation,
                                          kind=kind, period=period).first()


@dataclass
class Cell:
    """One cell of the comparison: the entries in it, each with where it came from when
    it was rolled up from a closed organisation."""

    entries: list[tuple[CommitmentEntry, Organisation | None]] = field(default_factory=list)


@dataclass
class ComparisonRow:
    organisation: Organisation
    cells: list[Cell]
    rolled_from: list[Organisation] = field(default_factory=list)
    #: Set by the page: whether the viewer may enter this organisation's entries.
    may_edit: bool = False


@dataclass
class Comparison:
    """Every organisation's entries for one action, organisations down and (period, kind)
    across; ``rolled`` lists closed organisations shown under their successors."""

    action: Action
    columns: list[tuple[str, str]]
    rows: list[ComparisonRow]
    rolled_up: bool
    rolled: list[tuple[Organisation, list[Organisation]]]
    not_applicable: int

    @property
    def column_labels(self) -> list[str]:
        labels = dict(CommitmentEntry.Kind.choices)
        return [f"{labels.get(kind, kind)} {commitment_rows.period_label(period)}"
                for period, kind in self.columns]


def comparison(action: Action, *, roll_up: bool = False) -> Comparison:
    """The action's entries side by side; with ``roll_up``, a closed organisation's entries
    appear under its current successors (``organisations.selectors.current_successors``)."""
    found = list(CommitmentEntry.objects.filter(action=action)
                 .select_related("organisation").order_by("organisation__name"))
    columns = commitment_rows.order_periods((e.period, e.kind) for e in found)
    successors: dict[int, list[int]] = {}
    if roll_up and found:
        owners = sorted({e.organisation_id for e in found})
        successors = {int(k): [int(v) for v in vs] for k, vs in
                      organisation_selectors.current_successors(owners).items()}
    grid = commitment_rows.roll_up(
        [(e.organisation_id, (e.period, e.kind), e) for e in found], successors)
    ids = set(grid.cells) | set(grid.rolled) | {i for vs in grid.rolled.values() for i in vs}
    organisations = Organisation.objects.in_bulk(ids)
    rows = []
    for org_id, by_column in grid.cells.items():
        cells = [Cell([(item, None if owner == org_id else organisations[owner])
                       for owner, item in by_column.get(column, [])])
                 for column in columns]
        rolled_from = sorted((organisations[c] for c, to in grid.rolled.items()
                              if org_id in to), key=lambda o: o.name)
        rows.append(ComparisonRow(organisations[org_id], cells, rolled_from))
    rows.sort(key=lambda r: r.organisation.name)
    rolled = sorted(((organisations[c], [organisations[t] for t in to])
                     for c, to in grid.rolled.items()), key=lambda p: p[0].name)
    return Comparison(action=action, columns=columns, rows=rows, rolled_up=roll_up,
                      rolled=rolled, not_applicable=sum(e.not_applicable for e in found))


@dataclass
class ActionEntries:
    action: Action
    entries: list[CommitmentEntry]


def organisation_entries(organisation: Organisation) -> list[ActionEntries]:
    """The organisation's entries grouped by action, each in time order."""
    groups: dict[int, ActionEntries] = {}
    rows = (CommitmentEntry.objects.filter(organisation=organisation)
            .select_related("action__strategy")
            .order_by("action__strategy__name", "action__name", "period"))
    for entry in rows:
        groups.setdefault(entry.action_id, ActionEntries(entry.action, [])).entries.append(entry)
    for group in groups.values():
        order = {c: i for i, c in enumerate(commitment_rows.order_periods(
            (e.period, e.kind) for e in group.entries))}
        group.entries.sort(key=lambda e: order[(e.period, e.kind)])
    return list(groups.values())


def organisations_with_entries() -> QuerySet[Organisation]:
    return (Organisation.objects.filter(strategy_commitments__isnull=False)
            .annotate(entry_count=Count("strategy_commitments"),
                      not_applicable=Count("strategy_commitments",
                                           filter=Q(strategy_commitments__not_applicable=True)))
            .order_by("name"))
