"""No lost updates on workforce plans: partial PATCH, ETag/If-Match, races on PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.framework.models import Framework, RoleFamily
from cadre.planning import services
from cadre.planning.models import WorkforcePlan
from tests.races import needs_postgres, run_together

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(org_a):  # noqa: ANN001, ANN201
    framework = Framework.objects.create(name="Test", version="1", is_default=True)
    family = RoleFamily.objects.create(framework=framework, name="Data")
    return services.create_plan(actor=None, organisation=org_a, role_family=family,
                                first_year=2027, attrition_rate="0.1")


@pytest.fixture
def hop(org_a, make_account):  # noqa: ANN001, ANN201
    return make_account(Role.HEAD_OF_PROFESSION, org_a)


def _url(plan: WorkforcePlan) -> str:
    return f"/api/v1/workforce-plans/{plan.pk}/"


def test_patch_is_partial_and_writes_only_changes(plan, hop, api_client):
    response = api_client(hop).patch(_url(plan), {"attrition_rate": "0.25"}, format="json")
    assert response.status_code == 200, response.json()
    plan.refresh_from_db()
    assert (plan.first_year, plan.attrition_rate) == (2027, Decimal("0.2500"))
    event = AuditEvent.objects.filter(action=AuditEvent.Action.RECORD_UPDATED).latest("id")
    assert set(event.data["changes"]) == {"attrition_rate"}
    history = plan.history.count()
    api_client(hop).patch(_url(plan), {"attrition_rate": "0.25"}, format="json")
    assert plan.history.count() == history  # the same value again writes nothing


def test_etag_and_stale_if_match(plan, hop, api_client, make_account):
    client = api_client(hop)
    first = client.get(_url(plan))
    assert first.status_code == 200 and first["ETag"].startswith('"')
    changed = client.patch(_url(plan), {"first_year": 2028}, format="json",
                           HTTP_IF_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    stale = client.patch(_url(plan), {"attrition_rate": "0.3"}, format="json",
                         HTTP_IF_MATCH=first["ETag"])
    assert stale.status_code == 412
    assert stale["ETag"] == client.get(_url(plan))["ETag"]
    plan.refresh_from_db()
    assert (plan.first_year, plan.attrition_rate) == (2028, Decimal("0.1000"))
    analyst = api_client(make_account(Role.ANALYST))
    assert analyst.patch(_url(plan), {"first_year": 2029}, format="json").status_code == 403


def test_plan_downloads_are_audited_alike_from_page_and_command_line(plan, hop, web_client,
                                                                     tmp_path):
    assert web_client(hop).get(f"/talent/plans/{plan.pk}/download/?format=pdf"
                               ).status_code == 400
    assert web_client(hop).get(f"/talent/plans/{plan.pk}/download/?format=xlsx"
                               ).status_code == 200
    call_command("talent_plan", "export", "--organisation", plan.organisation.abbreviation,
                 "--family", "Data", "-o", str(tmp_path / "plan.csv"))
    events = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).order_by("id")
    assert [(e.data["what"], e.data["channel"]) for e in events] == [
        ("workforce-plan", "web"), ("workforce-plan", "command line")]
    assert (tmp_path / "plan.csv").read_bytes().startswith(b"\xef\xbb\xbfyear,")


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_patches_of_different_fields_both_survive(plan, hop, api_client) -> None:  # noqa: ANN001
    for trial in range(4):
        bodies = [{"first_year": 2030 + trial}, {"attrition_rate": f"0.{trial + 1}"}]
        clients = [api_client(hop), api_client(hop)]
        results = run_together([
            (lambda c=c, body=body: c.patch(_url(plan), body, format="json"))
            for c, body in zip(clients, bodies, strict=True)])
        assert [getattr(r, "status_code", r) for r in results] == [200, 200], results
        plan.refresh_from_db()
        assert plan.first_year == 2030 + trial
        assert plan.attrition_rate == Decimal(f"0.{trial + 1}")


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_if_match_twice_has_one_winner(plan, hop, api_client) -> None:  # noqa: ANN001
    for trial in range(4):
        clients = [api_client(hop), api_client(hop)]
        tag = clients[0].get(_url(plan))["ETag"]
        results = run_together([
            (lambda c=c, i=i, t=trial, tag=tag: c.patch(
                _url(plan), {"first_year": 2040 + 2 * t + i}, format="json",
                HTTP_IF_MATCH=tag))
            for i, c in enumerate(clients)])
        codes = sorted(getattr(r, "status_code", r) for r in results)
        assert codes == [200, 412], results
        winner = next(i for i, r in enumerate(results) if r.status_code == 200)
        plan.refresh_from_db()
        assert plan.first_year == 2040 + 2 * trial + winner
