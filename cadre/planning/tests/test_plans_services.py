"""Workforce plan services and the selector that feeds the projection."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.tabular import TableError, read_ods_values
from cadre.framework.models import EntryRoute, Framework, RoleFamily, RoleLevel
from cadre.framework.models import Role as FrameworkRole
from cadre.people.models import EmploymentType
from cadre.planning import selectors as selectors_plans
from cadre.planning import services
from cadre.planning.models import PlannedDemand
from cadre.talent.models import PoolMembership, TalentPool
from cadre.workforce.models import WorkforceRecord
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(db):  # noqa: ANN001, ANN201
    """Data family: one role with three levels; another family with one level."""
    framework = Framework.objects.create(name="Test", version="1", is_default=True)
    data = RoleFamily.objects.create(framework=framework, name="Data")
    role = FrameworkRole.objects.create(framework=framework, family=data, name="Data engineer")
    for order, name in enumerate(["Junior data engineer", "Data engineer",
                                  "Senior data engineer"]):
        RoleLevel.objects.create(framework=framework, role=role, name=name, order=order,
                                 seniority=3 + order)
    other = RoleFamily.objects.create(framework=framework, name="Product")
    prole = FrameworkRole.objects.create(framework=framework, family=other, name="PM")
    RoleLevel.objects.create(framework=framework, role=prole, name="Product manager", order=0,
                             seniority=5)
    return data


def level(name: str) -> RoleLevel:
    return RoleLevel.objects.get(name=name)


@pytest.fixture
def plan(org_a, family):  # noqa: ANN001, ANN201
    return services.create_plan(actor=None, organisation=org_a, role_family=family,
                                first_year=2027, attrition_rate="0.1")


def staff(org, level_name, employment=EmploymentType.PERMANENT, end=None, in_prof=True):  # noqa: ANN001, ANN201
    person = PersonFactory(organisation=org, employment_type=employment, end_date=end)
    WorkforceRecord.objects.create(person=person, in_profession=in_prof,
                                   role_level=level(level_name))
    return person


def test_create_plan_validates_and_audits(org_a, family, make_account):
    for kwargs, field in [({"first_year": 1990}, "first_year"),
                          ({"first_year": "next"}, "first_year"),
                          ({"attrition_rate": "1.5"}, "attrition_rate"),
                          ({"attrition_rate": "-0.1"}, "attrition_rate"),
                          ({"attrition_rate": "ten"}, "attrition_rate")]:
        args = {"first_year": 2027, "attrition_rate": "0.1", **kwargs}
        with pytest.raises(ValidationError) as exc:
            services.create_plan(actor=None, organisation=org_a, role_family=family, **args)
        assert field in exc.value.message_dict
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    plan = services.create_plan(actor=hop, organisation=org_a, role_family=family,
                                first_year=2027, attrition_rate="0.125")
    assert str(plan.attrition_rate) == "0.1250"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.RECORD_CREATED,
                                     actor=hop).exists()
    with pytest.raises(ValidationError):  # one plan per family
        services.create_plan(actor=hop, organisation=org_a, role_family=family,
                             first_year=2028, attrition_rate="0.1")


def test_only_the_organisations_hop_or_central_change_plans(org_a, org_b, family,
                                                            make_account, plan):
    for outsider in (make_account(Role.HEAD_OF_PROFESSION, org_b), make_account(Role.ANALYST),
                     make_account(Role.PROGRAMME_MANAGER)):
        with pytest.raises(PermissionDenied):
            services.create_plan(actor=outsider, organisation=org_a, role_family=family,
                                 first_year=2027, attrition_rate="0.1")
        with pytest.raises(PermissionDenied):
            services.set_demand(actor=outsider, plan=plan,
                                cells={(2027, level("Data engineer").pk): 3})
    services.update_plan(actor=make_account(Role.CENTRAL_TEAM), plan=plan, attrition_rate="0.2")
    plan.refresh_from_db()
    assert str(plan.attrition_rate) == "0.2000"


def test_set_demand_checks_every_cell_and_writes_nothing_on_error(plan):
    good = (2027, level("Data engineer").pk)
    for bad in [{(2032, level("Data engineer").pk): 3},       # sixth year
                {(2027, level("Product manager").pk): 3},     # another family
                {(2027, level("Data engineer").pk): -2},      # negative
                {(2027, level("Data engineer").pk): "lots"}]:
        with pytest.raises(ValidationError):
            services.set_demand(actor=None, plan=plan, cells={good: 4, **bad})
    assert not PlannedDemand.objects.exists()
    services.set_demand(actor=None, plan=plan, cells={good: 4})
    services.set_demand(actor=None, plan=plan, cells={good: None})
    assert not PlannedDemand.objects.exists()


def test_moving_the_first_year_drops_demand_outside_the_years(plan):
    services.set_demand(actor=None, plan=plan, cells={(2027, level("Data engineer").pk): 4,
                                                      (2031, level("Data engineer").pk): 6})
    services.update_plan(actor=None, plan=plan, first_year=2028)
    assert list(plan.demand.values_list("year", flat=True)) == [2031]


CSV = b"""year,role_level,headcount
2027,Data engineer,10
2028,senior data engineer,3
"""


def test_import_demand_from_csv(plan):
    changed = services.import_demand(actor=None, plan=plan, data=CSV, filename="d.csv")
    assert changed == 2
    assert dict(plan.demand.values_list("role_level__name", "headcount")) == {
        "Data engineer": 10, "Senior data engineer": 3}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).count() == 1


def test_import_reports_every_bad_row_and_writes_nothing(plan):
    data = (b"year,role_level,headcount\n2027,Data engineer,10\n2035,Data engineer,1\n"
            b"2028,Product manager,2\n2029,Data engineer,-4\n2027,data engineer,3\n")
    with pytest.raises(TableError) as exc:
        services.import_demand(actor=None, plan=plan, data=data, filename="d.csv")
    found = {(e.row, e.column) for e in exc.value.errors}
    assert found == {(3, "year"), (4, "role_level"), (5, "headcount"), (6, None)}
    assert not PlannedDemand.objects.exists()
    with pytest.raises(TableError):
        services.import_demand(actor=None, plan=plan, data=b"year,level\n2027,x\n",
                               filename="d.csv")


def test_supply_pipeline_and_pool_feed_the_projection(org_a, org_b, family, plan):
    today = dt.date(2026, 6, 1)
    for _ in range(3):
        staff(org_a, "Data engineer")
    staff(org_a, "Junior data engineer")
    staff(org_a, "Data engineer", end=dt.date(2026, 1, 1))          # left
    staff(org_a, "Data engineer", in_prof=False)                     # not in profession
    staff(org_b, "Data engineer")                                    # other organisation
    staff(org_a, "Product manager")                                  # other family
    staff(org_a, "Data engineer", EmploymentType.APPRENTICE, end=dt.date(2028, 8, 31))
    staff(org_a, "Senior data engineer", EmploymentType.FAST_STREAMER,
          end=dt.date(2027, 9, 1))
    EntryRoute.objects.create(role=level("Data engineer").role, kind="apprenticeship",
                              entry_level=level("Data engineer"))
    mover = staff(org_a, "Junior data engineer")
    pool = TalentPool.objects.create(name="Rising", review_on=dt.date(2028, 3, 1))
    PoolMembership.objects.create(pool=pool, person=mover)
    services.set_demand(actor=None, plan=plan, cells={(2027, level("Data engineer").pk): 5})

    data = selectors_plans.plan_data(plan, today=today)
    names = [lv.name for lv in data.levels]
    assert names == ["Junior data engineer", "Data engineer", "Senior data engineer"]
    np.testing.assert_array_equal(data.supply, [2, 3, 0])
    # Apprentice joins at the apprenticeship entry level in 2028; the fast streamer at
    # the role's first level in 2027.
    assert data.joiners[1].tolist() == [0, 1, 0] and data.joiners[0].tolist() == [1, 0, 0]
    assert data.promotions[1].tolist() == [1, 0, 0]
    # 2027: junior 2*0.9 + 1 = 2.8; engineer 3*0.9 = 2.7; demand 5 -> gap 2.3.
    np.testing.assert_allclose(data.projection.supply[0], [2.8, 2.7, 0])
    assert round(float(data.projection.gap[0, 1]), 6) == 2.3
    totals = selectors_plans.plan_totals(data)
    assert totals["current_supply"] == 5
    assert totals["rows"][0]["demand"] == 5
    # Issue 12: no fractional people. 2027 supply 2.8 + 2.7 + 0 = 5.5 rounds up to 6, and
    # the gap is demand minus that rounded supply.
    assert totals["rows"][0]["supply"] == 6 and totals["rows"][0]["gap"] == -1
    cells = [r for r in selectors_plans.plan_rows(data) if r["year"] == 2027]
    assert [c["projected_supply"] for c in cells] == [3, 3, 0]
    assert [c["gap"] for c in cells] == [-3, 2, 0]
    assert selectors_plans.year_totals(data)[0]["supply"] == 6


def test_analyst_totals_hide_small_counts(org_a, plan):
    staff(org_a, "Data engineer")
    data = selectors_plans.plan_data(plan)
    totals = selectors_plans.plan_totals(data)
    assert totals["current_supply"] == "fewer than 5"
    # Supply and gap are hidden only to protect today's small count: [c], not "fewer than 5".
    assert all(r["supply"] == "[c]" and r["gap"] == "[c]" for r in totals["rows"])


def test_export_is_audited(plan, make_account):
    content = services.export_plan(actor=None, plan=plan, fmt="csv",
                                   channel="test").content.decode("utf-8-sig")
    assert content.startswith("year,role,role_level,current_supply")
    assert len(content.strip().splitlines()) == 1 + 5 * 3
    analyst = make_account(Role.ANALYST)
    xlsx = services.export_plan(actor=analyst, plan=plan, fmt="xlsx", channel="test")
    assert xlsx.content[:2] == b"PK"
    ods = services.export_plan(actor=analyst, plan=plan, fmt="ods", channel="test")
    grid = read_ods_values(ods.content)
    assert grid[0] == ["year", "demand", "supply", "gap", "joiners", "promoted"]
    assert len(grid) == 1 + 5 and isinstance(grid[1][0], float)
    events = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).order_by("id")
    assert [e.data["detail"] for e in events] == [True, False, False]
    assert [e.data["format"] for e in events] == ["csv", "xlsx", "ods"]
    with pytest.raises(ValidationError) as exc:
        services.export_plan(actor=None, plan=plan, fmt="pdf")
    assert "format" in exc.value.message_dict
