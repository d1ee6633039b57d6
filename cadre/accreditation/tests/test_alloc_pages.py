"""Assessor pool and round allocation pages and API, and the privacy rule that an assessor
never sees an application they are excluded from (selectors, pages and API)."""

from __future__ import annotations

import pytest

from cadre.accreditation.models import (
    AccreditationRound,
    Allocation,
    Assessor,
    DeclaredConflict,
    Exclusion,
)
from cadre.accreditation.selectors import allocation as sel
from cadre.accreditation.services import allocation as svc
from cadre.accreditation.services import assessors as pool_svc
from cadre.accreditation.tests import alloc_fixtures
from cadre.accreditation.tests.alloc_fixtures import Pool
from tests.factories import PersonFactory, UserFactory

pool = alloc_fixtures.pool

PLAN_KEYS = {"assignments", "exclusions"}


def test_excluded_assessor_never_sees_the_application_in_the_selectors(pool: Pool) -> None:
    """c_two (a runner and an assessor, organisation C) is excluded from c_one's
    application: the plan, stored allocations and exclusions all leave it out."""
    viewer = pool.runner_assessor
    plan = svc.dry_run(actor=pool.runner, round_id=pool.round.pk)
    assert pool.app_c.pk in {
        e.application.pk for e in plan.exclusions if e.assessor.person_id == pool.people["c_two"].pk
    }
    shown = sel.visible_plan(viewer, plan)
    assert pool.app_c.pk not in {r.application.pk for r in shown.assignments}
    assert pool.app_c.pk not in {e.application.pk for e in shown.exclusions}
    assert shown.hidden == 1
    assert pool.app_c.pk not in {r["application"] for r in shown.as_record()["assignments"]}
    # The plain runner sees all three.
    assert sel.visible_plan(pool.runner, plan).hidden == 0
    svc.allocate_round(actor=pool.runner, round_id=pool.round.pk)
    stored, hidden = sel.round_allocations(viewer, pool.round)
    assert hidden == 1 and stored
    assert all(a.application_id != pool.app_c.pk for a in stored)
    assert all(e.application_id != pool.app_c.pk for e in sel.round_exclusions(viewer, pool.round))
    assert pool.app_c.pk in sel.hidden_application_ids(viewer)
    # Stored exclusion rows say why, for every application the viewer was excluded from.
    assert Exclusion.objects.filter(
        application=pool.app_c, assessor__person=pool.people["c_two"]
    ).exists()


def test_a_runner_never_sees_their_own_application_on_the_allocation_pages(
    pool: Pool, make_account
) -> None:  # noqa: ANN001
    from cadre.access.roles import Role

    runner_applicant = make_account(Role.CENTRAL_TEAM, person=pool.app_b.person)
    plan = svc.dry_run(actor=pool.runner, round_id=pool.round.pk)
    shown = sel.visible_plan(runner_applicant, plan)
    assert pool.app_b.pk not in {r.application.pk for r in shown.assignments}


def test_non_runners_see_no_pool_and_no_rounds(pool: Pool) -> None:
    assert not sel.assessor_pool(pool.applicant).exists()
    assert not sel.allocation_rounds(pool.applicant).exists()
    assert sel.round_allocations(pool.applicant, pool.round) == ([], 0)
    assert sel.round_exclusions(pool.applicant, pool.round) == []
    # A runner sees the whole pool; an assessor who is not a runner, only their own record.
    assert set(sel.visible_assessors(pool.runner_assessor)) == set(Assessor.objects.all())
    mine = PersonFactory(organisation=pool.people["d_one"].organisation)
    record = pool_svc.add_assessor(actor=pool.runner, person=mine)
    user = UserFactory()
    mine.account = user
    mine.save(update_fields=["account"])
    assert list(sel.visible_assessors(user)) == [record]
    assert sel.own_assessor(user) == record


def test_pages_for_runners(pool: Pool, web_client) -> None:  # noqa: ANN001
    client = web_client(pool.runner)
    page = client.get("/accreditation/assessors/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "The assessor pool" in html and "Allocation for Spring" in html
    page = client.get(f"/accreditation/rounds/{pool.round.pk}/allocation/")
    html = page.content.decode()
    assert page.status_code == 200 and "dry run" in html
    assert "Declared conflict of interest" in html and "Same line-management chain" in html
    response = client.post(f"/accreditation/rounds/{pool.round.pk}/allocation/")
    assert response.status_code == 302
    pool.round.refresh_from_db()
    assert pool.round.state == AccreditationRound.State.ALLOCATED
    html = client.get(f"/accreditation/rounds/{pool.round.pk}/allocation/").content.decode()
    assert "Assessors allocated" in html and "Exclusions recorded" in html
    again = client.post(f"/accreditation/rounds/{pool.round.pk}/allocation/")
    assert again.status_code == 400 and "no longer possible" in again.content.decode()


def test_pool_page_adds_an_assessor_and_names_bad_fields(pool: Pool, web_client) -> None:  # noqa: ANN001
    client = web_client(pool.runner)
    person = pool.people["a_other"]
    bad = client.post(
        "/accreditation/assessors/",
        {"organisation": person.organisation.pk, "staff_number": "NOPE", "default_capacity": "3"},
    )
    assert bad.status_code == 400 and "has staff number NOPE" in bad.content.decode()
    too_many = client.post(
        "/accreditation/assessors/",
        {
            "organisation": person.organisation.pk,
            "staff_number": person.staff_number,
            "default_capacity": "51",
        },
    )
    assert too_many.status_code == 400
    ok = client.post(
        "/accreditation/assessors/",
        {
            "organisation": person.organisation.pk,
            "staff_number": person.staff_number,
            "default_capacity": "3",
            "families": [pool.software.pk],
        },
    )
    assert ok.status_code == 302
    assert Assessor.objects.get(person=person).default_capacity == 3


def test_assessor_page_for_the_assessor_and_strangers(pool: Pool, web_client) -> None:  # noqa: ANN001
    mine = pool.assessors["c_two"]
    own = web_client(pool.runner_assessor)
    assert own.get(f"/accreditation/assessors/{mine.pk}/").status_code == 200
    target = pool.people["d_one"]
    response = own.post(
        f"/accreditation/assessors/{mine.pk}/",
        {
            "form": "conflict",
            "conflict-organisation": target.organisation.pk,
            "conflict-staff_number": target.staff_number,
            "conflict-reason": "Neighbours.",
        },
    )
    assert response.status_code == 302
    assert DeclaredConflict.objects.filter(assessor=mine, person=target).exists()
    stranger = web_client(pool.applicant)
    assert stranger.get(f"/accreditation/assessors/{mine.pk}/").status_code in (403, 404)
    assert stranger.get("/accreditation/assessors/").status_code == 403
    assert stranger.get(f"/accreditation/rounds/{pool.round.pk}/allocation/").status_code == 403


def test_page_hides_the_excluded_application_from_an_assessor_runner(
    pool: Pool, web_client
) -> None:  # noqa: ANN001
    client = web_client(pool.runner_assessor)
    c_one = pool.people["c_one"]
    html = client.get(f"/accreditation/rounds/{pool.round.pk}/allocation/").content.decode()
    assert c_one.staff_number not in html and c_one.full_name not in html
    assert "1 application left out" in html
    assert pool.people["b_staff"].full_name in html


def test_api_plan_shape_apply_and_conflict(pool: Pool, api_client) -> None:  # noqa: ANN001
    client = api_client(pool.runner)
    url = f"/api/v1/accreditation/rounds/{pool.round.pk}/allocation/"
    data = client.get(url).json()
    assert set(data) == PLAN_KEYS | {"hidden"} and len(data["assignments"]) == 3
    assert not Allocation.objects.filter(application__round=pool.round).exists()
    done = client.post(url)
    assert done.status_code == 200
    assert Allocation.objects.filter(application__round=pool.round).count() == 6
    assert client.post(url).status_code == 409
    hidden = api_client(pool.runner_assessor).get(url).json()
    assert hidden["hidden"] == 0  # nothing waits any more; the plan is empty
    assert api_client(pool.applicant).get(url).status_code == 403


def test_api_pool_and_conflicts(pool: Pool, api_client) -> None:  # noqa: ANN001
    runner = api_client(pool.runner)
    listed = runner.get("/api/v1/accreditation/assessors/").json()
    assert len(listed) == len(pool.assessors)
    person = pool.people["a_other"]
    made = runner.post(
        "/api/v1/accreditation/assessors/",
        {"person": person.pk, "families": [pool.data.pk], "default_capacity": 2},
        format="json",
    )
    assert made.status_code == 201 and made.json()["families"] == [pool.data.pk]
    bad = runner.post(
        "/api/v1/accreditation/assessors/",
        {"person": person.pk, "default_capacity": 99},
        format="json",
    )
    assert bad.status_code == 400
    changed = runner.patch(
        f"/api/v1/accreditation/assessors/{made.json()['id']}/", {"active": False}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["active"] is False
    own = api_client(pool.runner_assessor)
    mine = pool.assessors["c_two"].pk
    declared = own.post(
        f"/api/v1/accreditation/assessors/{mine}/conflicts/",
        {"person": pool.people["e_one"].pk, "reason": "Old team."},
        format="json",
    )
    assert declared.status_code == 201
    assert len(own.get(f"/api/v1/accreditation/assessors/{mine}/conflicts/").json()) == 1
    stranger = api_client(pool.applicant)
    assert stranger.get(f"/api/v1/accreditation/assessors/{mine}/").status_code in (403, 404)
    assert stranger.get("/api/v1/accreditation/assessors/").status_code == 403


@pytest.mark.parametrize("url", ["/accreditation/assessors/", "/api/v1/accreditation/assessors/"])
def test_signed_out_is_refused(client, url: str) -> None:  # noqa: ANN001
    assert client.get(url).status_code in (302, 401, 403)
