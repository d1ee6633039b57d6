"""The development plan page answers bad ids on the same page (400, the error summary naming
the field) or refuses (403/404), never a 500, and saves nothing."""

from __future__ import annotations

import pytest

from cadre.assessments.models import Activity, Objective
from cadre.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

BAD = ["", "abc", "99999999999999999999", "-1", "424242"]


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("action,field", [("objective", "skill"), ("objective", "target_level"),
                                          ("activity", "objective"), ("status", "activity")])
def test_bad_ids_on_the_plan_page(people, make_account, web_client, action, field, value):
    client = web_client(make_account(person=people.a_staff1))
    events = AuditEvent.objects.count()
    form = {"action": action, "skill": "1", "target_level": "1", "target_date": "2030-01-01",
            "objective": "1", "activity": "1", "status": "done", field: value}
    response = client.post(f"/capability/people/{people.a_staff1.pk}/plan/", form)
    assert response.status_code in (400, 403, 404)
    if response.status_code == 400:
        page = response.content.decode()
        assert "govuk-error-summary" in page and f'href="#id_{field}' in page
    assert not Objective.objects.exists() and not Activity.objects.exists()
    assert AuditEvent.objects.count() == events
