"""One view of the pipeline: fast streamers due to finish, by year and role level, and the
workforce plan counting them instead of estimating them."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access.roles import Role
from cadre.framework.models import EntryRoute, Framework, RoleFamily, RoleLevel
from cadre.framework.models import Role as FrameworkRole
from cadre.people.models import EmploymentType
from cadre.planning import selectors as planning
from cadre.planning import services as planning_services
from cadre.programmes import services
from cadre.programmes.models import Posting, PostingOffer
from cadre.programmes.selectors.pipeline import (
    PipelineCount,
    due_by_year,
    joining_participants,
    pipeline,
)
from cadre.workforce.models import WorkforceRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def levels(db) -> dict[str, RoleLevel]:  # noqa: ANN001
    framework = Framework.objects.create(name="Test", version="1", is_default=True)
    family = RoleFamily.objects.create(framework=framework, name="Data")
    role = FrameworkRole.objects.create(framework=framework, family=family, name="Data engineer")
    return {name: RoleLevel.objects.create(framework=framework, role=role, name=name,
                                           order=order, seniority=3 + order)
            for order, name in enumerate(["Junior data engineer", "Data engineer",
                                          "Senior data engineer"])}


def test_pipeline_counts_by_year_organisation_and_level_scoped(
        fast_stream, central, levels, org_a, org_b, people, make_account) -> None:  # noqa: ANN001
    fs = fast_stream
    senior = levels["Senior data engineer"]
    PostingOffer.objects.filter(pk=fs.data.pk).update(role_level=senior)
    Posting.objects.create(round=fs.round, fast_streamer=fs.a_streamer, offer=fs.data)
    # the 2025 intake of a 6,6,6,6,12,12 pattern ends on 1 September 2029
    rows = sorted(pipeline(central, [2028, 2029, 2030]), key=lambda c: c.organisation_id)
    assert rows == [
        PipelineCount("fast_stream", EmploymentType.FAST_STREAMER, org_a.pk, 2029, senior.pk, 1),
        PipelineCount("fast_stream", EmploymentType.FAST_STREAMER, org_b.pk, 2029, None, 1)]
    assert pipeline(central, [2028]) == []
    assert due_by_year(central, [2028, 2029]) == {2028: 0, 2029: 2}
    head_a = make_account(Role.HEAD_OF_PROFESSION, organisation=org_a)
    assert [c.organisation_id for c in pipeline(head_a, [2029])] == [org_a.pk]
    assert pipeline(make_account(person=people.a_staff1), [2029]) == []
    assert joining_participants() == {people.a_staff1.pk, people.b_staff.pk}
    services.record_outcome(actor=central, fast_streamer_id=fs.b_streamer.pk, outcome="left",
                            on=dt.date(2026, 5, 1), reason="Resigned")
    assert due_by_year(central, [2029]) == {2029: 1}
    assert joining_participants() == {people.a_staff1.pk}


def test_the_workforce_plan_counts_fast_streamers_from_the_programme(
        fast_stream, levels, org_a, people) -> None:  # noqa: ANN001
    fs = fast_stream
    junior, senior = levels["Junior data engineer"], levels["Senior data engineer"]
    EntryRoute.objects.create(role=junior.role, kind="graduate", entry_level=junior)
    PostingOffer.objects.filter(pk=fs.data.pk).update(role_level=senior)
    Posting.objects.create(round=fs.round, fast_streamer=fs.a_streamer, offer=fs.data)
    # the workforce data calls them a permanent data engineer, leaving in 2027: they are on
    # the programme, so neither today's supply nor a 2027 joiner
    a = people.a_staff1
    a.employment_type, a.end_date = EmploymentType.FAST_STREAMER, dt.date(2027, 9, 1)
    a.save()
    WorkforceRecord.objects.create(person=a, in_profession=True,
                                   role_level=levels["Data engineer"])
    permanent = people.a_staff2
    WorkforceRecord.objects.create(person=permanent, in_profession=True,
                                   role_level=levels["Data engineer"])
    plan = planning_services.create_plan(actor=None, organisation=org_a,
                                         role_family=junior.role.family, first_year=2027,
                                         attrition_rate="0")
    data = planning.plan_data(plan, today=dt.date(2026, 6, 1))
    assert data.supply.tolist() == [0, 1, 0]
    assert data.joiners.sum(axis=1).tolist() == [0, 0, 1, 0, 0]  # 2029 only
    assert data.joiners[2].tolist() == [1, 0, 0]  # at the graduate entry level
    services.record_outcome(actor=None, fast_streamer_id=fs.a_streamer.pk,
                            outcome="completed", on=dt.date(2026, 5, 1))
    after = planning.plan_data(plan, today=dt.date(2026, 6, 1))
    # off the programme: back to the workforce estimate (a fast streamer leaving in 2027)
    assert after.joiners.sum(axis=1).tolist() == [1, 0, 0, 0, 0]


def test_pipeline_counts_only_the_organisations_asked_for_in_the_query(
        fast_stream, central, org_a, org_b, make_account) -> None:  # noqa: ANN001
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        rows = pipeline(None, [2029], organisations=[org_a.pk])
    assert [(c.programme, c.organisation_id, c.count) for c in rows] == [
        ("fast_stream", org_a.pk, 1)]
    streamer_queries = [q["sql"] for q in queries.captured_queries
                        if 'FROM "programmes_faststreamer"' in q["sql"]]
    assert streamer_queries and all('"home_organisation_id" IN' in sql
                                    for sql in streamer_queries)
    assert pipeline(None, [2029], organisations=[]) == []
    assert due_by_year(None, [2029], organisations=[org_b.pk]) == {2029: 1}
    assert due_by_year(None, [2029]) == {2029: 2}  # no filter: every organisation
    # the filter narrows the user's scope, never widens it
    head_a = make_account(Role.HEAD_OF_PROFESSION, organisation=org_a)
    assert pipeline(head_a, [2029], organisations=[org_b.pk]) == []
    assert [c.organisation_id for c in pipeline(central, [2029], organisations=[org_b.pk])] \
        == [org_b.pk]
