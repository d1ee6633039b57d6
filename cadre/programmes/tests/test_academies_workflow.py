"""The academy selection workflow: nominations to a cadre, capacity, eligibility, QA."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.workflow import TransitionConflict
from cadre.programmes import quality
from cadre.programmes.models import Candidate, Membership, SelectionRound
from cadre.programmes.selectors import academies as sel
from cadre.programmes.services import academies as services
from cadre.programmes.tests.academies_fixtures import academy  # noqa: F401

pytestmark = pytest.mark.django_db


def _to_scoring(setup, central, people, persons):  # noqa: ANN001, ANN202
    cands = [services.nominate(actor=None, round_=setup.round, person=p) for p in persons]
    services.transition_round(actor=central, round_id=setup.round.pk, action="open_applications")
    for c in cands:
        services.transition_candidate(actor=None, candidate_id=c.pk, action="apply",
                                      statement="I want to lead.")
    services.transition_round(actor=central, round_id=setup.round.pk, action="open_scoring")
    return cands


def test_nominations_to_a_cadre(academy, people, org_a, make_account) -> None:  # noqa: ANN001, F811
    central = make_account(Role.CENTRAL_TEAM)
    hop_a = make_account(Role.HEAD_OF_PROFESSION, org_a)
    nominee = make_account(person=people.a_staff1)
    cand = services.nominate(actor=hop_a, round_=academy.round, person=people.a_staff1,
                             reason="Ready for it")
    assert cand.state == Candidate.State.NOMINATED and cand.organisation_id == org_a.pk
    with pytest.raises(ValidationError):  # applications not open yet
        services.transition_candidate(actor=nominee, candidate_id=cand.pk, action="apply",
                                      statement="Me")
    services.transition_round(actor=central, round_id=academy.round.pk,
                              action="open_applications")
    with pytest.raises(ValidationError) as exc:
        services.transition_candidate(actor=nominee, candidate_id=cand.pk, action="apply")
    assert "statement" in exc.value.message_dict
    cand = services.transition_candidate(actor=nominee, candidate_id=cand.pk, action="apply",
                                         statement="I run a platform team.")
    assert cand.state == Candidate.State.APPLIED
    services.transition_round(actor=central, round_id=academy.round.pk, action="open_scoring")
    with pytest.raises(ValidationError):  # not every criterion scored
        services.transition_candidate(actor=central, candidate_id=cand.pk, action="score")
    panel2 = make_account(Role.CENTRAL_TEAM)
    services.record_scores(actor=central, candidate=cand,
                           scores={academy.leadership.pk: 4, academy.technical.pk: 1})
    services.record_scores(actor=panel2, candidate=cand,
                           scores={academy.leadership: 2, academy.technical: 3})
    assert cand.scores.count() == 4  # one per assessor per criterion
    assert sel.candidate_total(cand) == pytest.approx((4 * 2 + 1 + 2 * 2 + 3) / 6, abs=0.01)
    services.moderate(actor=central, candidate=cand, score="3.5", reason="Panel agreed")
    cand.refresh_from_db()
    assert sel.candidate_total(cand) == 3.5 and cand.moderation_reason == "Panel agreed"
    services.transition_candidate(actor=central, candidate_id=cand.pk, action="score")
    cand = services.transition_candidate(actor=central, candidate_id=cand.pk, action="offer",
                                         feedback="Strong leadership evidence.")
    assert cand.state == Candidate.State.OFFERED
    member = Membership.objects.get(cadre=academy.round.cadre, person=people.a_staff1)
    assert member.starts_on == dt.date(2026, 9, 1) and member.ends_on == dt.date(2028, 9, 1)
    round_ = services.transition_round(actor=central, round_id=academy.round.pk, action="decide")
    assert round_.state == SelectionRound.State.DECIDED
    assert AuditEvent.objects.filter(action="transition").count() >= 6


def test_only_own_eligible_people_are_nominated(academy, people, org_a,  # noqa: F811
                                                make_account) -> None:  # noqa: ANN001
    hop_a = make_account(Role.HEAD_OF_PROFESSION, org_a)
    with pytest.raises(PermissionDenied):
        services.nominate(actor=hop_a, round_=academy.round, person=people.b_staff)
    with pytest.raises(ValidationError) as exc:  # not in the profession
        services.nominate(actor=hop_a, round_=academy.round, person=people.a_other)
    assert "person" in exc.value.message_dict
    with pytest.raises(ValidationError):  # no grade
        services.nominate(actor=hop_a, round_=academy.round, person=people.a_head)
    services.nominate(actor=hop_a, round_=academy.round, person=people.a_staff1)
    with pytest.raises(ValidationError):  # twice
        services.nominate(actor=hop_a, round_=academy.round, person=people.a_staff1)
    names = set(sel.nominable_people(hop_a, academy.round).values_list("staff_number",
                                                                      flat=True))
    assert names == {"A4"}


def test_someone_else_cannot_apply_or_steer(academy, people, make_account) -> None:  # noqa: ANN001, F811
    cand = services.nominate(actor=None, round_=academy.round, person=people.a_staff1)
    services.transition_round(actor=None, round_id=academy.round.pk, action="open_applications")
    other = make_account(person=people.a_staff2)
    with pytest.raises(PermissionDenied):
        services.transition_candidate(actor=other, candidate_id=cand.pk, action="apply",
                                      statement="Not mine")
    with pytest.raises(PermissionDenied):
        services.transition_round(actor=other, round_id=academy.round.pk, action="open_scoring")


def test_cadre_capacity_is_enforced(academy, people, make_account) -> None:  # noqa: ANN001, F811
    central = make_account(Role.CENTRAL_TEAM)
    cands = _to_scoring(academy, central, people,
                        [people.a_staff1, people.a_staff2, people.b_staff])
    for c in cands:
        services.record_scores(actor=central, candidate=c,
                               scores={academy.leadership.pk: 3, academy.technical.pk: 3})
        services.transition_candidate(actor=central, candidate_id=c.pk, action="score")
    for c in cands[:2]:
        services.transition_candidate(actor=central, candidate_id=c.pk, action="offer",
                                      feedback="Good")
    with pytest.raises(ValidationError) as exc:
        services.transition_candidate(actor=central, candidate_id=cands[2].pk, action="offer",
                                      feedback="Good")
    assert "cadre" in exc.value.message_dict
    assert Candidate.objects.get(pk=cands[2].pk).state == Candidate.State.SCORED
    with pytest.raises(ValidationError):  # a scored candidate lacks a decision
        services.transition_round(actor=central, round_id=academy.round.pk, action="decide")
    services.transition_candidate(actor=central, candidate_id=cands[2].pk, action="decline",
                                  feedback="Cadre full; please apply next year.")
    services.transition_round(actor=central, round_id=academy.round.pk, action="decide")
    assert academy.round.cadre.memberships.count() == 2


def test_a_repeated_step_is_a_conflict(academy, make_account) -> None:  # noqa: ANN001, F811
    services.transition_round(actor=None, round_id=academy.round.pk, action="open_applications")
    with pytest.raises(TransitionConflict):
        services.transition_round(actor=None, round_id=academy.round.pk,
                                  action="open_applications")


def test_scores_and_feedback_are_checked(academy, people, make_account) -> None:  # noqa: ANN001, F811
    central = make_account(Role.CENTRAL_TEAM)
    cand, = _to_scoring(academy, central, people, [people.a_staff1])
    with pytest.raises(ValidationError) as exc:
        services.record_scores(actor=central, candidate=cand, scores={academy.leadership.pk: 9})
    assert f"criterion_{academy.leadership.pk}" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.moderate(actor=central, candidate=cand, score="3", reason="")
    with pytest.raises(ValidationError):
        services.moderate(actor=central, candidate=cand, score="seven", reason="x")


def test_quality_assurance_flags_below_threshold(academy, people, make_account,  # noqa: F811
                                                 settings) -> None:  # noqa: ANN001
    settings.CADRE_ACADEMY_FEEDBACK_THRESHOLD = 3.5
    settings.CADRE_ACADEMY_FEEDBACK_MIN_RESPONSES = 2
    cadre = academy.round.cadre
    from cadre.programmes.models import Membership as M
    for p in (people.a_staff1, people.a_staff2, people.b_staff):
        M.objects.create(cadre=cadre, person=p, starts_on=cadre.starts_on, ends_on=cadre.ends_on)
    good = services.create_provider(actor=None, name="Good Ltd")
    weak = services.create_provider(actor=None, name="Weak Ltd")
    day = dt.date(2026, 10, 1)
    i1 = services.add_intervention(actor=None, cadre=cadre, provider=good, kind="masterclass",
                                   title="Strategy masterclass", held_on=day, cost="1200.00")
    i2 = services.add_intervention(actor=None, cadre=cadre, provider=weak, kind="session",
                                   title="Cloud session", held_on=day, cost=300)
    for p, s1, s2 in ((people.a_staff1, 5, 3), (people.a_staff2, 4, 2), (people.b_staff, 4, 4)):
        for i, s in ((i1, s1), (i2, s2)):
            services.record_attendance(actor=None, intervention=i, person=p)
            services.give_feedback(actor=make_account(person=p) if p == people.a_staff1 else None,
                                   intervention=i, person=p, score=s, comment="ok")
    qa = sel.quality_assurance(academy.academy)
    flags = {i.title: (q.mean, q.flagged) for i, q in qa["interventions"]}
    assert flags["Strategy masterclass"] == (pytest.approx(13 / 3), False)
    assert flags["Cloud session"] == (pytest.approx(3.0), True)
    assert {p.name: q.flagged for p, q in qa["providers"]} == {"Good Ltd": False,
                                                               "Weak Ltd": True}
    with pytest.raises(PermissionDenied):  # someone else's feedback
        services.give_feedback(actor=make_account(person=people.a_staff2), intervention=i1,
                               person=people.a_staff1, score=1)
    with pytest.raises(ValidationError):
        services.give_feedback(actor=None, intervention=i1, person=people.a_staff1, score=6)


def _reference(pairs, threshold, min_responses):  # noqa: ANN001, ANN202
    groups: dict = {}
    for k, s in pairs:
        groups.setdefault(k, []).append(s)
    return {k: (len(v), sum(v) / len(v), len(v) >= min_responses and sum(v) / len(v) < threshold)
            for k, v in groups.items()}


def test_quality_matches_a_plain_reference_on_random_cases() -> None:
    rng = random.Random(7)
    for _ in range(200):
        pairs = [(rng.randint(0, 5), rng.randint(1, 5)) for _ in range(rng.randint(0, 40))]
        threshold, min_n = rng.choice([3.0, 3.5, 4.0]), rng.randint(1, 4)
        got = quality.assess(pairs, threshold=threshold, min_responses=min_n)
        want = _reference(pairs, threshold, min_n)
        assert set(got) == set(want)
        for k, (n, mean, flagged) in want.items():
            assert got[k].responses == n and got[k].mean == pytest.approx(mean)
            assert got[k].flagged == flagged


def _reference_compare(members, others, min_cell):  # noqa: ANN001, ANN202
    strata = {}
    for s in members:
        strata.setdefault(s.stratum, [[], []])[0].append(s.outcome)
    for s in others:
        if s.stratum in strata:
            strata[s.stratum][1].append(s.outcome)
    rows = [(sum(m) / len(m), sum(c) / len(c), len(m), len(c)) for m, c in strata.values() if c]
    if not rows:
        return None
    nm, nc = sum(r[2] for r in rows), sum(r[3] for r in rows)
    if nm < min_cell or nc < min_cell:
        return "suppressed"
    mm = sum(r[0] * r[2] for r in rows) / nm
    cm = sum(r[1] * r[2] for r in rows) / nm
    return mm - cm


def test_evaluation_matches_a_plain_reference_on_random_cases() -> None:
    from cadre.programmes import evaluation as ev

    rng = random.Random(3)
    for _ in range(200):
        def subj():  # noqa: ANN202
            return ev.Subject((rng.randint(0, 2), rng.randint(0, 1)), rng.random())
        members = [subj() for _ in range(rng.randint(0, 15))]
        others = [subj() for _ in range(rng.randint(0, 30))]
        got = ev.compare(members, others, min_cell=3)
        want = _reference_compare(members, others, 3)
        if want is None:
            assert got.difference is None and not got.suppressed
        elif want == "suppressed":
            assert got.suppressed
        else:
            assert got.difference == pytest.approx(want)


def test_evaluation_of_an_academy_compares_like_with_like(academy, people) -> None:  # noqa: ANN001, F811
    from cadre.people.models import Person
    from tests.factories import GradeFactory
    g6 = GradeFactory(code="G6", name="Grade 6", rank=7)
    cadre = academy.round.cadre
    cadre.starts_on = dt.date(2020, 1, 1)
    cadre.save()
    Person.history.update(history_date=dt.datetime(2019, 6, 1, tzinfo=dt.UTC))
    Membership.objects.create(cadre=cadre, person=people.a_staff1, starts_on=cadre.starts_on,
                              ends_on=cadre.ends_on)
    people.a_staff1.grade = g6  # promoted since the cadre started
    people.a_staff1.save()
    promo = sel.evaluation(academy.academy, min_cell=1)["promotion"]
    # compared with a_staff2 and b_staff (Grade 7 then, same family and capability, not
    # promoted); a_other is not in the profession, so not in the comparison group
    assert (promo.members, promo.comparison, promo.unmatched) == (1, 2, 0)
    assert promo.difference == pytest.approx(1.0)
    assert sel.evaluation(academy.academy, min_cell=5)["promotion"].suppressed
