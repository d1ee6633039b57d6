"""Capability API input the conformance run found answering 500: now a 400 naming the field."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("body, field", [
    ({"current_role_level": None, "targets": [0]}, "targets[0]"),
    ({"current_role_level": 0}, "current_role_level"),
    ({"current_role_level": None, "targets": [999999]}, "targets"),
])
def test_unknown_role_levels_in_a_profile_are_refused(people, make_account, api_client,
                                                      body, field) -> None:  # noqa: ANN001
    staff = api_client(make_account(person=people.a_staff1))
    response = staff.put(f"/api/v1/capability/{people.a_staff1.pk}/profile/", body,
                         format="json")
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_agreeing_a_plan_checks_the_note(people, make_account, api_client) -> None:  # noqa: ANN001
    from cadre.assessments.models import DevelopmentPlan

    plan = DevelopmentPlan.objects.create(person=people.a_staff1)
    boss = api_client(make_account(person=people.a_manager))
    url = f"/api/v1/capability/{people.a_staff1.pk}/plan/agree/"
    for body, field in ((["not", "an", "object"], None), ({"note": "x" * 2001}, "note")):
        response = boss.post(url, body, format="json")
        assert response.status_code == 400
        assert [e["field"] for e in response.json()["errors"]] == [field]
    plan.refresh_from_db()
    assert plan.state == DevelopmentPlan.State.DRAFT
