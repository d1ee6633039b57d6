# ruff: noqa: F811 - pytest fixtures imported from mentoring_fixtures are named as arguments
"""Mentoring services: schemes and rules, sign-up, matching, answers, check-ins, reviews."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.audit.models import AuditEvent
from cadre.community.models import (
    MentoringMatch,
    MentoringMatchStatus,
    MentoringRun,
    MentoringSignupStatus,
)
from cadre.community.services import mentoring as services
from cadre.community.tests.mentoring_fixtures import mentoring  # noqa: F401
from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict

pytestmark = pytest.mark.django_db


def _as(user):  # noqa: ANN001, ANN202
    return Actor.for_user(user)


def test_rules_are_checked_against_their_limits(mentoring) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.create_scheme(actor=Actor.system(), name="x" * 201,
                               signup_opens="2026-01-01", signup_closes="2025-01-01",
                               grade_gap=11, grade_tolerance="many", skill_weight=-1)
    assert set(exc.value.message_dict) >= {"name", "grade_gap", "grade_tolerance",
                                           "skill_weight"}
    with pytest.raises(ValidationError) as exc:
        services.create_scheme(actor=Actor.system(), name="Ok", signup_opens="2026-01-01",
                               signup_closes="2025-01-01")
    assert "signup_closes" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_scheme(actor=Actor.system(), name="Ok", signup_opens="2026-01-01",
                               signup_closes="2026-02-01", skill_weight=0, grade_weight=0,
                               location_weight=0)
    assert "skill_weight" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_scheme(actor=Actor.system(), name="test SCHEME",
                               signup_opens="2026-01-01", signup_closes="2026-02-01")
    assert "name" in exc.value.message_dict


def test_only_organisers_run_schemes(mentoring) -> None:  # noqa: ANN001
    w = mentoring
    with pytest.raises(PermissionDenied):
        services.create_scheme(actor=_as(w.staff1), name="Mine", signup_opens=w.today,
                               signup_closes=w.today)
    with pytest.raises(PermissionDenied):
        services.update_scheme(actor=_as(w.pm_other), scheme=w.scheme, name="Taken over")
    scheme = services.update_scheme(actor=_as(w.pm), scheme=w.scheme, grade_tolerance=2)
    assert scheme.grade_tolerance == 2
    created = services.create_scheme(actor=_as(w.pm_other), name="Second",
                                     signup_opens=w.today, signup_closes=w.today)
    assert list(created.organisers.all()) == [w.pm_other]
    assert AuditEvent.objects.filter(target_id=str(created.pk)).exists()


def test_open_and_close_conflicts(mentoring) -> None:  # noqa: ANN001
    w = mentoring
    with pytest.raises(TransitionConflict):
        services.set_scheme_status(actor=_as(w.pm), scheme=w.scheme, transition="open")
    services.set_scheme_status(actor=_as(w.pm), scheme=w.scheme, transition="close")
    with pytest.raises(PermissionDenied):
        services.sign_up(actor=_as(w.outsider), scheme=w.scheme, role="mentee",
                         skills=[w.skills["Agile"]])


def test_sign_up_checks_fields(mentoring) -> None:  # noqa: ANN001
    w = mentoring
    with pytest.raises(ValidationError) as exc:
        services.sign_up(actor=_as(w.outsider), scheme=w.scheme, role="mentor", skills=[],
                         capacity=6, goals="g" * 5001)
    assert set(exc.value.message_dict) == {"skills", "capacity", "goals"}
    with pytest.raises(ValidationError) as exc:
        services.sign_up(actor=_as(w.outsider), scheme=w.scheme, role="mentee",
                         skills=[999999])
    assert "skills" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.sign_up(actor=_as(w.nobody), scheme=w.scheme, role="mentee",
                         skills=[w.skills["Agile"]])
    with pytest.raises(PermissionDenied):
        services.sign_up(actor=_as(w.outsider), scheme=w.scheme, role="mentee",
                         skills=[w.skills["Agile"]], person=w.people.a_staff1)
    signup = services.sign_up(actor=_as(w.outsider), scheme=w.scheme, role="mentee",
                              skills=[w.skills["Agile"]])
    assert signup.person == w.people.b_staff
    withdrawn = services.withdraw(actor=_as(w.outsider), signup=signup)
    assert withdrawn.status == MentoringSignupStatus.WITHDRAWN
    with pytest.raises(TransitionConflict):
        services.withdraw(actor=_as(w.outsider), signup=signup)
    again = services.sign_up(actor=_as(w.outsider), scheme=w.scheme, role="mentee",
                             skills=[w.skills["Data"]])
    assert again.pk == signup.pk and again.status == MentoringSignupStatus.ACTIVE
    with pytest.raises(PermissionDenied):
        services.withdraw(actor=_as(w.staff1), signup=signup)


def test_dry_run_writes_nothing_and_never_pairs_a_line_chain(mentoring) -> None:  # noqa: ANN001
    w = mentoring
    proposal = services.run_matching(actor=_as(w.pm), scheme=w.scheme, dry_run=True)
    assert not MentoringMatch.objects.exists() and not MentoringRun.objects.exists()
    pairs = {(p.mentee, p.mentor) for p in proposal.pairs}
    manager = w.signups["manager"].pk
    assert all(mentor != manager for _, mentor in pairs)
    # staff1 wants Agile, Data: a_other (G7, 2 grades up, same unit rule off: no units)
    assert (w.signups["staff1"].pk, w.signups["other"].pk) in pairs \
        or (w.signups["staff1"].pk, w.signups["bhead"].pk) in pairs
    for p in proposal.pairs:
        assert p.explanation.startswith("Score")


def test_run_proposes_and_a_second_run_adds_nothing(mentoring) -> None:  # noqa: ANN001
    w = mentoring
    first = services.run_matching(actor=_as(w.pm), scheme=w.scheme)
    assert len(first.pairs) == 2 and first.run.number == 1
    second = services.run_matching(actor=_as(w.pm), scheme=w.scheme)
    assert second.pairs == [] and second.run.number == 2
    assert MentoringMatch.objects.count() == 2
    with pytest.raises(PermissionDenied):
        services.run_matching(actor=_as(w.pm_other), scheme=w.scheme)


def test_accept_decline_check_in_and_review(mentoring) -> None:  # noqa: ANN001
    w = mentoring
    services.run_matching(actor=_as(w.pm), scheme=w.scheme)
    match = MentoringMatch.objects.get(mentee=w.signups["staff2"])
    assert match.mentor == w.signups["bhead"]
    with pytest.raises(PermissionDenied):
        services.respond(actor=_as(w.staff1), match=match, response="accept")
    with pytest.raises(ValidationError):
        services.respond(actor=_as(w.staff2), match=match, response="maybe")
    match = services.respond(actor=_as(w.staff2), match=match, response="accept")
    assert match.status == MentoringMatchStatus.PROPOSED
    with pytest.raises(TransitionConflict):
        services.respond(actor=_as(w.staff2), match=match, response="decline")
    with pytest.raises(TransitionConflict):
        services.add_check_in(actor=_as(w.staff2), match=match, met_on=w.today)
    match = services.respond(actor=_as(w.bhead), match=match, response="accept")
    assert match.status == MentoringMatchStatus.ACTIVE
    with pytest.raises(ValidationError) as exc:
        services.add_check_in(actor=_as(w.bhead), match=match,
                              met_on=w.today + dt.timedelta(days=1), notes="n" * 5001)
    assert set(exc.value.message_dict) == {"met_on", "notes"}
    services.add_check_in(actor=_as(w.bhead), match=match, met_on=w.today, notes="First chat")
    with pytest.raises(ValidationError) as exc:
        services.end_match(actor=_as(w.staff2), match=match, rating=6, what_changed="")
    assert set(exc.value.message_dict) == {"rating", "what_changed"}
    match = services.end_match(actor=_as(w.staff2), match=match, rating=5,
                               what_changed="Ran my first research round")
    assert match.status == MentoringMatchStatus.ENDED and match.rating == 5


def test_decline_frees_both_and_the_pair_is_not_proposed_again(mentoring) -> None:  # noqa: ANN001
    w = mentoring
    services.run_matching(actor=_as(w.pm), scheme=w.scheme)
    match = MentoringMatch.objects.get(mentee=w.signups["staff1"])
    declined = services.respond(actor=_as(w.staff1), match=match, response="decline")
    assert declined.status == MentoringMatchStatus.DECLINED
    with pytest.raises(TransitionConflict):
        services.respond(actor=_as(w.other), match=match, response="accept")
    proposal = services.run_matching(actor=_as(w.pm), scheme=w.scheme)
    again = [(p.mentee, p.mentor) for p in proposal.pairs]
    assert (match.mentee_id, match.mentor_id) not in again
    assert all(p.mentee == w.signups["staff1"].pk for p in proposal.pairs)


def test_withdrawing_a_matched_sign_up_is_refused(mentoring) -> None:  # noqa: ANN001
    w = mentoring
    services.run_matching(actor=_as(w.pm), scheme=w.scheme)
    with pytest.raises(TransitionConflict):
        services.withdraw(actor=_as(w.staff2), signup=w.signups["staff2"])
