"""Panel allocation (issue 21, Done-when): on hundreds of random instances, with line chains
from random management trees, organisations, internal and external candidates and declared
conflicts, no allocation breaks a conflict rule (checked against the tree and the facts
directly, not against the optimiser's inputs); on small ones it is optimal against the
brute-force search ``allocate_reference``. Then the same through the database: random
people, managers, organisations and conflicts, allocated by ``services.panels``."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest
from django.utils import timezone

from cadre.accreditation import allocation as optimiser
from cadre.core.actor import Actor
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.recruitment.models import (
    Application,
    ApplicationState,
    Assignment,
    Campaign,
    CampaignState,
    Candidate,
    DeclaredConflict,
    PanelMember,
    PanelStage,
    PanelStages,
)
from cadre.recruitment.selectors import panels as sel
from cadre.recruitment.services import panels as services
from cadre.recruitment.tests.applications_fixtures import make_campaign
from tests.factories import OrganisationFactory, PersonFactory

ORGS = [1, 2, 3]


@dataclass
class Instance:
    managers: dict[int, int | None]  # person -> line manager
    applicants: list[optimiser.Applicant]
    candidates: list[optimiser.Candidate]
    organisation: dict[int, int]  # person -> organisation
    internal: dict[int, int | None]  # application key -> candidate's person (None: external)
    declared: set[tuple[int, int]]  # (application key, member key)


def _ancestors(person: int, managers: dict[int, int | None]) -> set[int]:
    found: set[int] = set()
    current = managers.get(person)
    while current is not None and current not in found:
        found.add(current)
        current = managers.get(current)
    return found


def in_one_chain(a: int, b: int, managers: dict[int, int | None]) -> bool:
    """Whether one of the two people is above the other (the test's own walk)."""
    return a in _ancestors(b, managers) or b in _ancestors(a, managers)


def random_instance(rng: random.Random, n: int, m: int) -> Instance:
    people = list(range(1, n + m + 8))
    managers: dict[int, int | None] = {}
    for index, person in enumerate(people):
        managers[person] = rng.choice(people[:index]) if index and rng.random() < 0.8 else None
    organisation = {p: rng.choice(ORGS) for p in people}
    member_people = rng.sample(people, m)
    candidates = [optimiser.Candidate(key=100 + j, person=p, organisation=organisation[p],
                                      capacity=rng.randint(0, 3))
                  for j, p in enumerate(member_people)]
    internal: dict[int, int | None] = {}
    declared: set[tuple[int, int]] = set()
    applicants = []
    for i in range(n):
        key = i + 1
        person = rng.choice(people) if rng.random() < 0.6 else None  # may be a member
        internal[key] = person
        for c in candidates:
            if rng.random() < 0.15:
                declared.add((key, c.key))
        chain = frozenset(c.person for c in candidates if person is not None
                          and in_one_chain(person, c.person, managers))
        applicants.append(optimiser.Applicant(
            key=key, person=person,
            organisation=organisation[person] if person is not None else None,
            line_chain=chain, declared=frozenset(k for a, k in declared if a == key)))
    return Instance(managers, applicants, candidates, organisation, internal, declared)


def assert_no_rule_broken(inst: Instance, result: optimiser.Result, per: int) -> None:
    by_key = {c.key: c for c in inst.candidates}
    load: dict[int, int] = {}
    for a in inst.applicants:
        got = result.assignments[a.key]
        assert len(got) == len(set(got)) <= per
        person = inst.internal[a.key]
        for key in got:
            member = by_key[key]
            load[key] = load.get(key, 0) + 1
            assert (a.key, key) not in inst.declared, "declared conflict broken"
            if person is not None:
                assert member.person != person, "a member assesses their own application"
                assert not in_one_chain(person, member.person, inst.managers), "line chain"
                assert inst.organisation[person] != member.organisation, "same organisation"
    assert all(load[k] <= by_key[k].capacity for k in load), "capacity exceeded"


@pytest.mark.parametrize("seed", range(300))
def test_never_breaks_a_conflict_rule_on_random_instances(seed: int) -> None:
    rng = random.Random(seed)
    per = rng.choice([2, 3])
    inst = random_instance(rng, rng.randint(1, 12), rng.randint(1, 10))
    result = optimiser.allocate(inst.applicants, inst.candidates, rules=sel.PANEL_RULES,
                                per_application=per)
    assert_no_rule_broken(inst, result, per)
    for a in inst.applicants:
        assert (a.key in result.short) == (len(result.assignments[a.key]) < per)


@pytest.mark.parametrize("seed", range(200))
def test_optimal_against_brute_force_on_small_instances(seed: int) -> None:
    rng = random.Random(10_000 + seed)
    per = 2 if seed % 2 else 3
    n = rng.randint(1, 4 if per == 2 else 3)
    m = rng.randint(1, 4 if per == 2 else 5)
    inst = random_instance(rng, n, m)
    weights = optimiser.Weights(mismatch=0, load=rng.randint(0, 3))
    result = optimiser.allocate(inst.applicants, inst.candidates, rules=sel.PANEL_RULES,
                                per_application=per, weights=weights)
    best = optimiser.allocate_reference(inst.applicants, inst.candidates,
                                        rules=sel.PANEL_RULES, per_application=per,
                                        weights=weights)
    assert (result.placed, result.total_cost) == best
    assert_no_rule_broken(inst, result, per)


def test_recent_and_supporter_do_not_apply_to_panels() -> None:
    assert {r.reason for r in sel.PANEL_RULES} == {
        optimiser.SELF, optimiser.LINE_CHAIN, optimiser.SAME_ORGANISATION, optimiser.DECLARED}
    applicant = optimiser.Applicant(key=1, person=5, supporter=7,
                                    recent_assessors=frozenset({100}))
    members = [optimiser.Candidate(key=100, person=6, capacity=1),
               optimiser.Candidate(key=101, person=7, capacity=1),
               optimiser.Candidate(key=102, person=8, capacity=1)]
    result = optimiser.allocate([applicant], members, rules=sel.PANEL_RULES, per_application=3)
    assert result.assignments[1] == (100, 101, 102)


def test_rules_for_refuses_an_unknown_rule_and_per_application_is_checked() -> None:
    with pytest.raises(ValueError, match="No conflict rule"):
        optimiser.rules_for("friendship")
    with pytest.raises(ValueError, match="from 1 to"):
        optimiser.allocate([], [], per_application=0)


def test_an_external_candidate_has_no_person_and_no_organisation_rule() -> None:
    applicant = optimiser.Applicant(key=1, person=None)
    members = [optimiser.Candidate(key=k, person=k, organisation=1, capacity=1)
               for k in (10, 11, 12)]
    result = optimiser.allocate([applicant], members, rules=sel.PANEL_RULES, per_application=3)
    assert result.assignments[1] == (10, 11, 12) and not result.exclusions


# ---------------------------------------------------------------- through the database


def _world(rng: random.Random) -> tuple[Campaign, dict[int, int | None]]:
    orgs = [OrganisationFactory() for _ in range(3)]
    people: list[Person] = []
    for _ in range(14):
        boss = rng.choice(people) if people and rng.random() < 0.75 else None
        people.append(PersonFactory(organisation=rng.choice(orgs), line_manager=boss))
    campaign = make_campaign(orgs[0], "Random panel", state=CampaignState.SIFT)
    members = rng.sample(people, rng.randint(2, 7))
    for person in members:
        PanelMember.objects.create(campaign=campaign, person=person,
                                   stages=rng.choice([PanelStages.SIFT, PanelStages.BOTH]),
                                   capacity=rng.randint(1, 4))
    outsiders = [p for p in people if p not in members]
    for number in range(rng.randint(1, 6)):
        person = rng.choice(outsiders) if rng.random() < 0.5 else None
        candidate = Candidate.objects.create(person=person, name=f"Candidate {number}")
        application = Application.objects.create(
            campaign=campaign, candidate=candidate, internal=person is not None,
            submitted_at=timezone.now())
        for seat in campaign.panel_members.all():
            if rng.random() < 0.15:
                DeclaredConflict.objects.create(member=seat, application=application,
                                                reason="Knows the candidate")
    managers = dict(Person.objects.values_list("pk", "line_manager_id"))
    return campaign, managers


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(25))
def test_allocating_a_stage_in_the_database_never_breaks_a_rule(seed: int) -> None:
    rng = random.Random(20_000 + seed)
    campaign, managers = _world(rng)
    plan = services.allocate_stage(actor=Actor.system(), campaign=campaign,
                                   stage=PanelStage.SIFT)
    assert plan.applied
    declared = set(DeclaredConflict.objects.values_list("application", "member"))
    for a in Assignment.objects.select_related("application__candidate__person",
                                               "member__person"):
        member = a.member.person
        person = a.application.candidate.person
        assert (a.application_id, a.member_id) not in declared
        assert a.member.sits_at(PanelStage.SIFT)
        if person is not None:
            assert person.pk != member.pk
            assert not in_one_chain(person.pk, member.pk, managers)
            assert person.organisation_id != member.organisation_id
    for seat in campaign.panel_members.all():
        assert seat.assignments.count() <= seat.capacity
    # every exclusion shown names a real reason in words
    assert all(e.words for e in plan.exclusions)
    assert all(Application.objects.get(pk=row.application.pk).state
               == ApplicationState.SUBMITTED for row in plan.rows)
    assert Organisation.objects.count() >= 3
