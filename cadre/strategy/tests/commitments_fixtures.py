"""Fixtures for the commitments tests: organisations, an action with entries, accounts per
role, and stand-ins for the organisations app's name matcher, closed-organisation service and
successor map (so these tests check the importer's own logic; the real-data test uses the
real ones)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pytest

from cadre.access.roles import Role
from cadre.core.actor import Actor
from cadre.organisations import selectors as organisation_selectors
from cadre.organisations import services as organisation_services
from cadre.organisations.models import Organisation
from cadre.strategy.commitment_rows import COLUMNS
from cadre.strategy.models import Action, CommitmentEntry
from cadre.strategy.services import commitments as services
from tests.factories import OrganisationFactory

CLI = Actor.command_line("tests")
STRATEGY = "Digital Strategy Test"
ACTION = "Action 1: build the skills"


def csv_bytes(rows: list[dict], columns: tuple[str, ...] = COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def row(organisation: str, kind: str = "commitment", period: str = "2012-12",
        text: str = "We will train everyone.", **overrides: str) -> dict:
    return {"strategy": STRATEGY, "action": ACTION, "organisation": organisation,
            "kind": kind, "period": period, "text": text, **overrides}


def _fake_match(names: list[str]) -> dict[str, Organisation | None]:
    """Exact name or abbreviation, case ignored."""
    found = {}
    for name in names:
        found[name] = (Organisation.objects.filter(name__iexact=name).first()
                       or Organisation.objects.filter(abbreviation__iexact=name).first())
    return found


def _fake_create_closed(*, actor: object, name: str, abbreviation: str | None = None,
                        closed_on: object = None) -> Organisation:
    return OrganisationFactory(name=name, abbreviation=abbreviation or name[:10].upper())


@pytest.fixture
def stub_organisations(monkeypatch: pytest.MonkeyPatch) -> dict[int, list[int]]:
    """Stand-ins for the organisations app's matcher and closed-organisation service;
    returns the successor map ``current_successors`` answers from (fill it in a test)."""
    successors: dict[int, list[int]] = {}
    monkeypatch.setattr(organisation_selectors, "match_organisation_names", _fake_match,
                        raising=False)
    monkeypatch.setattr(organisation_services, "create_closed_organisation",
                        _fake_create_closed, raising=False)
    monkeypatch.setattr(organisation_selectors, "current_successors",
                        lambda ids: {i: successors[i] for i in ids if i in successors},
                        raising=False)
    return successors


@dataclass
class World:
    org_a: Organisation
    org_b: Organisation
    action: Action
    entry_a: CommitmentEntry
    entry_b: CommitmentEntry


@pytest.fixture
def commitments_world(org_a, org_b, stub_organisations) -> World:  # noqa: ANN001
    services.import_commitments(actor=CLI, filename="seed.csv", data=csv_bytes([
        row("Department A"), row("Department B"),
        row("Department A", "progress", "2013", "Half trained."),
    ]))
    action = Action.objects.get(name=ACTION)
    return World(org_a, org_b, action,
                 CommitmentEntry.objects.get(organisation=org_a, kind="commitment"),
                 CommitmentEntry.objects.get(organisation=org_b, kind="commitment"))


@pytest.fixture
def accounts(make_account, org_a, org_b):  # noqa: ANN001, ANN201
    """Accounts by role: hop_a (head of profession in A), hop_b, central, admin, analyst,
    professional (no strategy role)."""
    return {
        "hop_a": make_account(Role.HEAD_OF_PROFESSION, org_a),
        "hop_b": make_account(Role.HEAD_OF_PROFESSION, org_b),
        "central": make_account(Role.CENTRAL_TEAM),
        "admin": make_account(Role.ADMINISTRATOR),
        "analyst": make_account(Role.ANALYST),
        "professional": make_account(Role.PROFESSIONAL),
    }
