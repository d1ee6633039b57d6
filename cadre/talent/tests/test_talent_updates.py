"""Talent writes: authorisation inside the services, partial updates on locked rows, one
audited export for page and command line."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.talent import services
from cadre.talent.models import DevelopmentAction, PoolMembership, TalentPool
from cadre.talent.tests.identification_data import talent_records  # noqa: F401

pytestmark = pytest.mark.django_db


def test_patching_the_review_date_keeps_the_note(talent_records, org_a, make_account,  # noqa: F811
                                                 api_client):
    membership = PoolMembership.objects.get(pk=talent_records["membership"])
    services.review_member(actor=None, membership=membership, note="Strong year")
    hop = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    url = f"/api/v1/talent/pool-members/{membership.pk}/"
    response = hop.patch(url, {"review_on": "2027-06-30"}, format="json")
    assert response.status_code == 200, response.json()
    membership.refresh_from_db()
    assert (str(membership.review_on), membership.note) == ("2027-06-30", "Strong year")
    event = AuditEvent.objects.filter(action=AuditEvent.Action.RECORD_UPDATED).latest("id")
    assert set(event.data["changes"]) == {"review_on"}


def test_services_refuse_accounts_that_do_not_manage_the_organisation(
        talent_records, org_b, make_account):  # noqa: F811
    other = make_account(Role.HEAD_OF_PROFESSION, org_b)
    pool = TalentPool.objects.get(pk=talent_records["pool"])
    membership = PoolMembership.objects.get(pk=talent_records["membership"])
    with pytest.raises(PermissionDenied):
        services.review_member(actor=other, membership=membership, note="Not mine")
    with pytest.raises(PermissionDenied):
        services.create_pool(actor=other, name="Everyone", organisation=None)
    with pytest.raises(PermissionDenied):
        services.remove_member(actor=other, membership=membership)
    assert pool.memberships.count() == 1


def test_development_actions_share_the_assessments_activity_status():
    from cadre.assessments.models import Activity

    assert DevelopmentAction.Status is Activity.Status


def test_ninebox_exports_are_audited_alike_from_page_and_command_line(
        talent_records, org_a, make_account, web_client, tmp_path):  # noqa: F811
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    cycle = talent_records["cycle"]
    page = web_client(hop).get(f"/talent/identification/cycles/{cycle}/export/")
    assert page.status_code == 200
    assert web_client(hop).get(f"/talent/identification/cycles/{cycle}/export/?format=pdf"
                               ).status_code == 400
    call_command("talent_ratings", "export", "--cycle", str(cycle), "-o",
                 str(tmp_path / "ratings.xlsx"))
    assert (tmp_path / "ratings.xlsx").read_bytes()[:2] == b"PK"
    events = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).order_by("id")
    assert [(e.data["what"], e.data["format"], e.data["channel"]) for e in events] == [
        ("ninebox-ratings", "csv", "web"), ("ninebox-ratings", "xlsx", "command line")]
