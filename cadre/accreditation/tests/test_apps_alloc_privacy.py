"""Privacy of applications, rounds, the assessor pool, allocation, score submission and
appeals: outsiders (another organisation's people and professionals, unrelated colleagues,
analysts, assessors not allocated or excluded) get a 403 or 404 and none of the applicant's
words; the applicant, their supporter, the allocated assessor and the runners get a 200."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.accreditation.models import Application
from cadre.accreditation.services import assessment as score_svc
from cadre.accreditation.services import decisions
from cadre.accreditation.tests.alloc_fixtures import Pool, pool  # noqa: F401
from cadre.accreditation.tests.apps_fixtures import Setup, ready_application, setup  # noqa: F401
from cadre.accreditation.tests.score_fixtures import Scored, scored  # noqa: F401

pytestmark = pytest.mark.django_db

SECRET = "I analyse data every day."
DENIED = (403, 404)


def _submitted(setup: Setup, people: Any) -> Application:  # noqa: F811
    """a_staff1's application, submitted into the round "Spring"."""
    from cadre.accreditation.services import applications as services

    application = ready_application(setup, people)
    return services.transition(
        actor=setup.applicant, application_id=application.pk, action="submit"
    )


def _outsiders(setup: Setup, people: Any, make_account: Any) -> list[Any]:  # noqa: F811
    """Another organisation's person and head of profession, a colleague with no part in
    the application, and an analyst."""
    return [
        setup.stranger,
        setup.other_supporter,
        make_account(Role.HEAD_OF_PROFESSION, organisation=people.b_head.organisation),
        make_account(person=people.a_other),
        make_account(Role.ANALYST),
    ]


def test_application_pages_are_for_applicant_supporter_and_runners(
    setup: Setup,  # noqa: F811
    people,
    make_account,
    web_client,  # noqa: ANN001
) -> None:
    application = ready_application(setup, people)
    owner_pages = (
        "accreditation:application",
        "accreditation:application-statements",
        "accreditation:application-evidence",
        "accreditation:application-supporter",
    )
    all_pages = (*owner_pages, "accreditation:application-support")
    for user in _outsiders(setup, people, make_account):
        client = web_client(user)
        for name in all_pages:
            response = client.get(reverse(name, args=[application.pk]))
            assert response.status_code in DENIED, (name, user)
            assert SECRET not in response.content.decode()
            posted = client.post(
                reverse(name, args=[application.pk]),
                {"action": "withdraw", "answer": "decline", "comment": "x"},
            )
            assert posted.status_code in DENIED, (name, user)
        supporting = client.get(reverse("accreditation:supporting"))
        assert supporting.status_code in (200, 403)  # 403: no person record
        assert people.a_staff1.full_name not in supporting.content.decode()
        start = client.get(reverse("accreditation:application-start"))
        assert start.status_code in (200, 403)  # 403: no person record
        assert people.a_staff1.full_name not in start.content.decode()
    application.refresh_from_db()
    assert application.state == Application.State.DRAFT
    applicant = web_client(setup.applicant)
    for name in owner_pages:
        assert applicant.get(reverse(name, args=[application.pk])).status_code == 200, name
    assert applicant.get(reverse("accreditation:application-start")).status_code == 200
    # the applicant does not answer for their supporter
    assert (
        applicant.get(
            reverse("accreditation:application-support", args=[application.pk])
        ).status_code
        == 403
    )
    supporter = web_client(setup.supporter)
    page = supporter.get(reverse("accreditation:application-support", args=[application.pk]))
    assert page.status_code == 200 and SECRET in page.content.decode()
    assert (
        people.a_staff1.full_name
        in supporter.get(reverse("accreditation:supporting")).content.decode()
    )
    # the supporter reads the application but may not change the applicant's statements
    assert (
        supporter.get(reverse("accreditation:application", args=[application.pk])).status_code
        == 200
    )
    assert (
        supporter.get(
            reverse("accreditation:application-statements", args=[application.pk])
        ).status_code
        == 403
    )
    runner = web_client(setup.runner).get(
        reverse("accreditation:application", args=[application.pk])
    )
    assert runner.status_code == 200 and SECRET in runner.content.decode()


def test_round_pages_are_for_runners_only(
    setup: Setup,  # noqa: F811
    people,
    make_account,
    web_client,  # noqa: ANN001
) -> None:
    _submitted(setup, people)
    for user in [setup.applicant, setup.supporter, *_outsiders(setup, people, make_account)]:
        client = web_client(user)
        response = client.get(reverse("accreditation:round", args=[setup.round.pk]))
        assert response.status_code == 403
        assert people.a_staff1.full_name not in response.content.decode()
        assert (
            client.post(
                reverse("accreditation:round", args=[setup.round.pk]), {"action": "close"}
            ).status_code
            == 403
        )
        assert client.get(reverse("accreditation:round-create")).status_code == 403
    setup.round.refresh_from_db()
    assert setup.round.state == "open"
    runner = web_client(setup.runner)
    page = runner.get(reverse("accreditation:round", args=[setup.round.pk]))
    assert page.status_code == 200 and people.a_staff1.full_name in page.content.decode()
    assert runner.get(reverse("accreditation:round-create")).status_code == 200


def test_application_api_hides_applications_from_outsiders(
    setup: Setup,  # noqa: F811
    people,
    make_account,
    api_client,  # noqa: ANN001
) -> None:
    application = ready_application(setup, people)
    pk = application.pk
    writes = {
        "api:accreditation-application-statements": {
            "statements": [{"criterion": setup.conduct.pk, "text": "Overwritten"}]
        },
        "api:accreditation-application-evidence": {"note": "x"},
        "api:accreditation-application-supporter": {"staff_number": people.b_staff.staff_number},
        "api:accreditation-application-support": {"confirm": False, "comment": "No."},
        "api:accreditation-application-transition": {"action": "withdraw"},
    }
    for user in _outsiders(setup, people, make_account):
        client = api_client(user)
        listing = client.get(reverse("api:accreditation-application-list"))
        assert listing.status_code == 200
        assert pk not in {row["id"] for row in listing.json()}
        assert SECRET not in listing.content.decode()
        detail = client.get(reverse("api:accreditation-application-detail", args=[pk]))
        assert detail.status_code in (403, 404) and SECRET not in detail.content.decode()
        for name, body in writes.items():
            response = client.post(reverse(name, args=[pk]), body, format="json")
            assert response.status_code in DENIED, (name, user)
            assert SECRET not in response.content.decode()
    application.refresh_from_db()
    assert application.state == Application.State.DRAFT
    assert application.supporter_id == people.a_manager.pk
    assert application.statements.get(criterion=setup.conduct).text == "I follow the code."
    # the supporter may not write the applicant's statements; the applicant may not support
    supporter = api_client(setup.supporter)
    assert (
        supporter.post(
            reverse("api:accreditation-application-statements", args=[pk]),
            writes["api:accreditation-application-statements"],
            format="json",
        ).status_code
        == 403
    )
    applicant = api_client(setup.applicant)
    assert (
        applicant.post(
            reverse("api:accreditation-application-support", args=[pk]),
            writes["api:accreditation-application-support"],
            format="json",
        ).status_code
        == 403
    )
    for user in (setup.applicant, setup.supporter, setup.runner):
        detail = api_client(user).get(reverse("api:accreditation-application-detail", args=[pk]))
        assert detail.status_code == 200 and SECRET in detail.content.decode()
    mine = applicant.get(reverse("api:accreditation-application-list")).json()
    assert [row["id"] for row in mine] == [pk]


def test_round_api_counts_only_for_runners(
    setup: Setup,  # noqa: F811
    people,
    make_account,
    api_client,  # noqa: ANN001
) -> None:
    _submitted(setup, people)
    url = reverse("api:accreditation-round-detail", args=[setup.round.pk])
    for user in [setup.applicant, *_outsiders(setup, people, make_account)]:
        client = api_client(user)
        rows = client.get(reverse("api:accreditation-round-list")).json()
        assert rows and all(row["applications"] is None for row in rows)
        detail = client.get(url)
        assert detail.status_code == 200 and detail.json()["applications"] is None
        moved = client.post(
            reverse("api:accreditation-round-transition", args=[setup.round.pk]),
            {"action": "close"},
            format="json",
        )
        assert moved.status_code == 403
    setup.round.refresh_from_db()
    assert setup.round.state == "open"
    runner = api_client(setup.runner)
    assert runner.get(url).json()["applications"] == 1


def test_assessor_records_are_their_own_and_the_runners(
    pool: Pool,  # noqa: F811
    people,
    make_account,
    web_client,
    api_client,  # noqa: ANN001
) -> None:
    reason = "We co-authored a paper last year."
    e_one = pool.assessors["e_one"]
    own_user = make_account(person=pool.people["e_one"])
    outsiders = [
        make_account(person=pool.people["d_one"]),  # another assessor
        pool.applicant,  # the person the conflict names
        make_account(person=people.b_staff),
        make_account(Role.ANALYST),
        make_account(Role.HEAD_OF_PROFESSION, organisation=pool.people["e_one"].organisation),
    ]
    for user in outsiders:
        page = web_client(user).get(reverse("accreditation:assessor", args=[e_one.pk]))
        assert page.status_code in (403, 404) and reason not in page.content.decode()
        client = api_client(user)
        for name in ("api:accreditation-assessor-detail", "api:accreditation-assessor-conflicts"):
            response = client.get(reverse(name, args=[e_one.pk]))
            assert response.status_code in (403, 404) and reason not in response.content.decode()
        assert (
            client.post(
                reverse("api:accreditation-assessor-conflicts", args=[e_one.pk]),
                {"person": people.b_staff.pk, "reason": "Made up"},
                format="json",
            ).status_code
            in (403, 404)
        )
        assert client.get(reverse("api:accreditation-assessor-list")).status_code == 403
    assert e_one.conflicts.count() == 1
    page = web_client(own_user).get(reverse("accreditation:assessor", args=[e_one.pk]))
    assert page.status_code == 200 and reason in page.content.decode()
    own = api_client(own_user).get(reverse("api:accreditation-assessor-conflicts", args=[e_one.pk]))
    assert own.status_code == 200 and reason in own.content.decode()
    detail = api_client(own_user).get(reverse("api:accreditation-assessor-detail", args=[e_one.pk]))
    assert detail.status_code == 200 and detail.json()["id"] == e_one.pk
    listing = api_client(pool.runner).get(reverse("api:accreditation-assessor-list"))
    assert listing.status_code == 200 and e_one.pk in {row["id"] for row in listing.json()}


def test_round_allocation_is_for_runners_and_hides_their_conflicts(
    pool: Pool,  # noqa: F811
    people,
    make_account,
    web_client,
    api_client,  # noqa: ANN001
) -> None:
    page_url = reverse("accreditation:round-allocation", args=[pool.round.pk])
    api_url = reverse("api:accreditation-round-allocation", args=[pool.round.pk])
    c_one = pool.people["c_one"]
    for user in (
        make_account(person=pool.people["d_one"]),
        pool.applicant,
        make_account(Role.ANALYST),
        make_account(Role.HEAD_OF_PROFESSION, organisation=c_one.organisation),
    ):
        page = web_client(user).get(page_url)
        assert page.status_code == 403 and c_one.full_name not in page.content.decode()
        assert web_client(user).post(page_url).status_code == 403
        response = api_client(user).get(api_url)
        assert response.status_code == 403 and c_one.staff_number not in response.content.decode()
        assert api_client(user).post(api_url).status_code == 403
    assert not pool.round.applications.filter(allocations__isnull=False).exists()
    # c_two runs schemes but is a colleague of c_one: the plan leaves c_one's application out
    conflicted = api_client(pool.runner_assessor).get(api_url)
    assert conflicted.status_code == 200 and conflicted.json()["hidden"] == 1
    shown = {row["application"] for row in conflicted.json()["assignments"]}
    assert pool.app_c.pk not in shown and c_one.staff_number not in conflicted.content.decode()
    page = web_client(pool.runner_assessor).get(page_url)
    assert page.status_code == 200 and c_one.full_name not in page.content.decode()
    full = api_client(pool.runner).get(api_url)
    assert full.status_code == 200 and full.json()["hidden"] == 0
    assert pool.app_c.pk in {row["application"] for row in full.json()["assignments"]}
    assert web_client(pool.runner).get(page_url).status_code == 200


def _both_submit(s: Scored) -> None:
    for user, allocation in ((s.assessor_one, s.one), (s.assessor_two, s.two)):
        score_svc.record_scores(
            actor=user,
            allocation_id=allocation.pk,
            scores={s.skills.pk: (2, ""), s.conduct.pk: (2, "")},
        )
        score_svc.submit_scores(actor=user, allocation_id=allocation.pk)


def test_only_the_allocated_assessor_submits_their_scores(
    scored: Scored,  # noqa: F811
    make_account,
    api_client,  # noqa: ANN001
) -> None:
    score_svc.record_scores(
        actor=scored.assessor_one,
        allocation_id=scored.one.pk,
        scores={scored.skills.pk: (5, ""), scored.conduct.pk: (5, "")},
    )
    url = reverse("api:accreditation-allocation-submit", args=[scored.one.pk])
    for user in (
        scored.assessor_two,
        scored.assessor_idle,
        scored.assessor_barred,
        scored.applicant,
        scored.supporter,
        scored.runner,
        make_account(Role.ANALYST),
    ):
        response = api_client(user).post(url)
        assert response.status_code in DENIED, user
        assert scored.application.person.full_name not in response.content.decode()
    scored.one.refresh_from_db()
    assert scored.one.submitted_at is None
    done = api_client(scored.assessor_one).post(url)
    assert done.status_code == 200
    scored.one.refresh_from_db()
    assert scored.one.submitted_at is not None


def test_appeals_are_the_applicants_and_appeal_decisions_the_runners(
    scored: Scored,  # noqa: F811
    people,
    make_account,
    api_client,  # noqa: ANN001
) -> None:
    _both_submit(scored)
    decisions.decide(
        actor=scored.runner,
        application_id=scored.application.pk,
        outcome="not_awarded",
        reasons="Not enough evidence.",
        members=[scored.panellist],
    )
    pk = scored.application.pk
    appeal_url = reverse("api:accreditation-application-appeal", args=[pk])
    decide_url = reverse("api:accreditation-appeal-decision", args=[pk])
    outsiders = (
        scored.supporter,
        scored.assessor_one,
        scored.assessor_barred,
        scored.assessor_idle,
        make_account(person=people.a_other),
        make_account(Role.ANALYST),
    )
    for user in outsiders:
        response = api_client(user).post(appeal_url, {"grounds": "Unfair."}, format="json")
        assert response.status_code in DENIED, user
        assert "Not enough evidence." not in response.content.decode()
    scored.application.refresh_from_db()
    assert scored.application.state == Application.State.NOT_AWARDED
    lodged = api_client(scored.applicant).post(
        appeal_url, {"grounds": "My evidence was overlooked."}, format="json"
    )
    assert lodged.status_code == 201
    body = {"outcome": "upheld", "reasons": "x", "members": [scored.appeal_panellist.pk]}
    for user in (*outsiders, scored.applicant):
        response = api_client(user).post(decide_url, body, format="json")
        assert response.status_code == 403, user
        assert "overlooked" not in response.content.decode()
    scored.application.refresh_from_db()
    assert scored.application.state == Application.State.APPEALED
    assert (
        api_client(scored.runner)
        .get(reverse("api:accreditation-application-detail", args=[pk]))
        .status_code
        == 200
    )
