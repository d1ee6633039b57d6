# ruff: noqa: F811 - pytest fixtures imported from contributions_fixtures are named as arguments
"""Contributions collected from each source, counts by organisation with suppression, and
offering them as appraisal evidence."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.people.models import Person
from cadre.strategy.contribution_periods import PeriodError, financial_year, parse_period
from cadre.strategy.models import ContributionEvidence
from cadre.strategy.selectors import contributions as sel
from cadre.strategy.services import contributions as services
from cadre.strategy.tests.contributions_fixtures import contributions, plant  # noqa: F401
from cadre.talent.models import AppraisalCycle
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_each_source_is_collected_once_and_the_rest_left_out(contributions) -> None:
    w = contributions
    found = sel.contributions_of(w.people.a_manager)
    by_kind = {c.kind: c for c in found}
    assert sorted(by_kind) == sorted(sel.COLLECTED)
    assert len(found) == len(sel.COLLECTED)  # declined, proposed, unsubmitted ... left out
    for kind, record in w.records.items():
        assert by_kind[kind].record_id == record.pk
    assert by_kind["bench"].what == "Deployed to Tax platform"
    assert by_kind["bench"].organisation == "Department B"
    assert by_kind["mentoring"].organisation == "Department B"
    assert by_kind["community_lead"].organisation == sel.ACROSS_GOVERNMENT
    assert by_kind["assessing"].organisation == "Department B"
    assert by_kind["panel"].url == ""
    assert by_kind["posting_host"].url.endswith(f"/{w.records['posting_host'].pk}/")
    assert by_kind["posting_host"].starts_on == w.today - dt.timedelta(days=60)
    assert sel.contributions_of(w.people.a_staff1) == []
    # the other members of the community, the other assessor: nothing
    assert sel.contributions_of(w.people.a_other) == []


def test_periods() -> None:
    today = dt.date(2026, 2, 1)
    assert parse_period("", today=today) == financial_year(today)
    assert parse_period("", today=today).label == "2025-26"
    assert parse_period("2025-26", today=today).start == dt.date(2025, 4, 1)
    assert parse_period("2024", today=today).end == dt.date(2024, 12, 31)
    for bad in ("2025-27", "25-26", "2025/26", "１２３４", "²⁰²⁵", "1999", "2025\x00", "x" * 40):
        with pytest.raises(PeriodError):
            parse_period(bad, today=today)


def _row(rows: list[dict], abbreviation: str, kind: str) -> dict:
    return next(r for r in rows if r["organisation"] == abbreviation and r["kind"] == kind)


def test_counts_suppress_fewer_than_five_people(contributions) -> None:
    w = contributions
    period = sel.check_period("")
    if not period.overlaps(w.today - dt.timedelta(days=60), w.today):
        period = sel.check_period(str(w.today.year))
    rows = sel.counts(period)
    kinds = {r["kind"] for r in rows if r["organisation"] == "DA"}
    assert kinds == set(sel.COLLECTED)
    row = _row(rows, "DA", "bench")
    assert (row["people"], row["contributions"], row["suppressed"]) == (
        "fewer than 5", "[c]", True)
    assert not [r for r in rows if r["organisation"] == "DB"]


def test_counts_show_five_or_more_people(contributions, org_a) -> None:
    w = contributions
    more = [PersonFactory(organisation=org_a) for _ in range(5)]
    from cadre.bench.models import DeploymentRequest

    for person in more:
        for n in range(2):
            DeploymentRequest.objects.create(
                requesting_organisation=w.people.b_head.organisation, programme=f"P{n}",
                specialist=person, starts_on=w.today, ends_on=w.today,
                state=DeploymentRequest.State.ACCEPTED)
    rows = sel.counts(sel.check_period(str(w.today.year)))
    row = _row(rows, "DA", "bench")
    assert (row["people"], row["contributions"], row["suppressed"]) == ("6", "11", False)
    # one organisation only, and a period with nothing in it
    assert all(r["organisation"] == "DA"
               for r in sel.counts(sel.check_period(str(w.today.year)), org_a))
    assert sel.counts(sel.check_period("2001")) == []


def test_person_offers_contributions_as_evidence(contributions) -> None:
    w = contributions
    me = w.people.a_manager
    keys = [f"bench:{w.records['bench'].pk}", f"panel:{w.records['panel'].pk}"]
    created = services.offer_evidence(actor=Actor.for_user(w.manager), person=me,
                                      cycle=w.cycle, keys=keys)
    assert [e.kind for e in created] == ["bench", "panel"]
    assert created[0].what == "Deployed to Tax platform"
    assert created[0].offered_by == w.manager
    assert AuditEvent.objects.filter(summary__contains="offered as evidence").count() == 1
    assert list(sel.evidence_of(me, w.cycle)) == created
    # again: refused, naming it
    with pytest.raises(ValidationError) as err:
        services.offer_evidence(actor=Actor.for_user(w.manager), person=me, cycle=w.cycle,
                                keys=keys[:1])
    assert "already offered" in str(err.value)
    # the line manager offers too; withdraws
    services.offer_evidence(actor=Actor.for_user(w.head), person=me, cycle=w.cycle,
                            keys=[f"mentoring:{w.records['mentoring'].pk}"])
    services.withdraw_evidence(actor=Actor.for_user(w.head), evidence_id=created[0].pk)
    assert ContributionEvidence.objects.filter(person=me).count() == 2


def test_evidence_refusals(contributions) -> None:
    w = contributions
    me = w.people.a_manager
    key = f"bench:{w.records['bench'].pk}"
    for account in (w.staff1, w.outsider, w.central, w.nobody):  # a report, others
        with pytest.raises(PermissionDenied):
            services.offer_evidence(actor=Actor.for_user(account), person=me, cycle=w.cycle,
                                    keys=[key])
    actor = Actor.for_user(w.manager)
    for bad in ([], ["bench:999999"], ["nonsense"], ["bench:1\x00"], ["bench:²"]):
        with pytest.raises(ValidationError) as err:
            services.offer_evidence(actor=actor, person=me, cycle=w.cycle, keys=bad)
        assert "contributions" in err.value.message_dict
    # another person's record, a cycle that is closed or of another organisation
    other = f"bench:{w.records['bench'].pk}"
    with pytest.raises(ValidationError):
        services.offer_evidence(actor=Actor.system(), person=w.people.a_staff1,
                                cycle=w.cycle, keys=[other])
    closed = AppraisalCycle.objects.create(organisation=me.organisation, name="Old",
                                           opens_on=dt.date(2020, 1, 1),
                                           closes_on=dt.date(2020, 2, 1))
    with pytest.raises(ValidationError) as err:
        services.offer_evidence(actor=actor, person=me, cycle=closed, keys=[key])
    assert "cycle" in err.value.message_dict
    assert not ContributionEvidence.objects.exists()


def test_closed_cycle_evidence_stays(contributions) -> None:
    w = contributions
    [evidence] = services.offer_evidence(actor=Actor.system(), person=w.people.a_manager,
                                         cycle=w.cycle,
                                         keys=[f"bench:{w.records['bench'].pk}"])
    AppraisalCycle.objects.filter(pk=w.cycle.pk).update(closes_on=w.today - dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.withdraw_evidence(actor=Actor.for_user(w.manager), evidence_id=evidence.pk)
    assert Person.objects.filter(contribution_evidence=evidence).exists()


def test_workstreams_are_counted_by_organisation(contributions, org_a, org_b) -> None:
    from cadre.strategy.models import Strategy, Workstream

    strategy = Strategy.objects.create(name="Contributions strategy")
    one = Workstream.objects.create(strategy=strategy, name="Skills", lead_organisation=org_a)
    one.participants.set([org_b])
    two = Workstream.objects.create(strategy=strategy, name="Data", lead_organisation=org_b)
    two.participants.set([org_a, org_b])
    Workstream.objects.create(strategy=strategy, name="DA plan", kind="departmental_plan",
                              lead_organisation=org_a, organisation=org_a)
    rows = {r["organisation"]: r for r in sel.workstream_counts()}
    assert (rows["DA"]["leading"], rows["DA"]["taking_part"]) == (1, 1)
    assert (rows["DB"]["leading"], rows["DB"]["taking_part"]) == (1, 2)
    assert [r["organisation"] for r in sel.workstream_counts(org_a)] == ["DA"]
    # no person-level link: nobody's record lists a workstream
    assert not [c for c in sel.contributions_of(contributions.people.a_manager)
                if c.kind == "workstream"]
