"""``cadre talent bench`` and ``cadre talent plan`` from the command line."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.audit.models import AuditEvent
from cadre.bench.models import BenchAvailability
from cadre.framework.models import Framework, RoleFamily, RoleLevel, Skill
from cadre.framework.models import Role as FrameworkRole
from cadre.planning.models import PlannedDemand, WorkforcePlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(db):  # noqa: ANN001, ANN201
    fw = Framework.objects.create(name="Test", version="1", is_default=True)
    Skill.objects.create(framework=fw, name="Data engineering")
    family = RoleFamily.objects.create(framework=fw, name="Data")
    role = FrameworkRole.objects.create(framework=fw, family=family, name="Data engineer")
    RoleLevel.objects.create(framework=fw, role=role, name="Data engineer", order=0,
                             seniority=4)
    return fw


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_bench_add_list_and_export(people, org_a, framework, tmp_path):
    run("talent_bench", "add-window", "--organisation", "DA", "--staff-number", "A3",
        "--from", "01/02/2027", "--to", "2027-03-01", "--skills", "data engineering")
    assert BenchAvailability.objects.get().person == people.a_staff1
    out, _ = run("talent_bench", "list", "--on", "2027-02-10", "--skill", "Data engineering")
    assert "A3" in out
    with pytest.raises(CommandError):  # overlapping window: refused, nothing written
        run("talent_bench", "add-window", "--organisation", "DA", "--staff-number", "A3",
            "--from", "2027-02-15", "--to", "2027-04-01")
    assert BenchAvailability.objects.count() == 1
    target = tmp_path / "bench.csv"
    run("talent_bench", "export", "-o", str(target))
    assert "Data engineering" in target.read_text()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_plan_create_set_demand_show_export(org_a, framework, tmp_path):
    run("talent_plan", "create", "--organisation", "DA", "--family", "data",
        "--first-year", "2027", "--attrition", "0.1")
    good = tmp_path / "demand.csv"
    good.write_text("year,role_level,headcount\n2027,Data engineer,4\n2028,Data engineer,6\n")
    run("talent_plan", "set-demand", str(good), "--organisation", "DA", "--family", "Data")
    assert PlannedDemand.objects.count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("year,role_level,headcount\n2027,Data engineer,9\n2027,Nobody,x\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("talent_plan", "set-demand", str(bad), "--organisation", "DA",
                     "--family", "Data", stdout=io.StringIO(), stderr=err)
    assert "Row 3, column 'role_level'" in err.getvalue()
    assert "Row 3, column 'headcount'" in err.getvalue()
    assert PlannedDemand.objects.get(year=2027).headcount == 4
    out, _ = run("talent_plan", "show", "--organisation", "DA", "--family", "Data")
    assert "2027\t4\t0\t4\t" in out  # whole people
    target = tmp_path / "plan.xlsx"
    run("talent_plan", "export", "--organisation", "DA", "--family", "Data", "--format",
        "xlsx", "-o", str(target))
    assert target.read_bytes()[:2] == b"PK"
    assert WorkforcePlan.objects.count() == 1
