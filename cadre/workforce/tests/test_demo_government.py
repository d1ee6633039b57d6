"""The synthetic government: deterministic, shaped like the public sector, and importable."""

from __future__ import annotations

import io
import json
import statistics

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from cadre.framework.reference_data import DEFAULT_FRAMEWORK_JSON
from cadre.workforce import demo_government as gen

PEOPLE = 300


def _levels() -> list[gen.LevelInfo]:
    """Role levels straight from the embedded framework file (keys are list positions)."""
    data = json.loads(DEFAULT_FRAMEWORK_JSON.read_text(encoding="utf-8"))
    family = {r["name"]: r["family"] for r in data["roles"]}
    ordinal = {lv["name"]: lv["ordinal"] for lv in data["levels"]}
    skills = {s["name"]: i for i, s in enumerate(data["skills"])}
    cs = {g.code: g.cs_rank for g in gen.read_grades().values()}
    needs: dict[tuple[str, str], list] = {}
    for r in data["requirements"]:
        needs.setdefault((r["role"], r["role_level"]), []).append(
            (skills[r["skill"]], ordinal[r["level"]]))
    return [gen.LevelInfo(i, lv["role"], family[lv["role"]], lv["name"], lv["order"],
                          lv["seniority"], lv["track"], cs.get(lv["grade_from"], 2),
                          cs.get(lv["grade_to"], 3), tuple(needs.get((lv["role"], lv["name"]), ())))
            for i, lv in enumerate(data["role_levels"])]


@pytest.fixture(scope="module")
def levels() -> list[gen.LevelInfo]:
    return _levels()


@pytest.fixture(scope="module")
def plan(levels) -> gen.GovernmentPlan:  # noqa: ANN001
    return gen.plan_government(people=PEOPLE, seed=7, levels=levels)


def _current(plan: gen.GovernmentPlan) -> list[gen.PersonPlan]:
    return [p for o in plan.organisations for p in o.people]


def test_same_seed_same_government(plan, levels) -> None:  # noqa: ANN001
    again = gen.plan_government(people=PEOPLE, seed=7, levels=levels)
    assert again.summary() == plan.summary()
    assert [(p.staff_number, p.job_title, p.grade) for p in _current(again)] == \
        [(p.staff_number, p.job_title, p.grade) for p in _current(plan)]
    other = gen.plan_government(people=PEOPLE, seed=8, levels=levels)
    assert [p.staff_number for p in _current(other)] != [p.staff_number for p in _current(plan)]


def test_organisations_of_every_kind_sized_to_the_total(plan) -> None:  # noqa: ANN001
    summary = plan.summary()
    assert summary["people"] == PEOPLE
    types = {o.spec.type for o in plan.organisations}
    assert {"ministerial_department", "agency", "arms_length_body", "local_authority",
            "nhs_body", "police_force", "fire_and_rescue_service"} <= types
    assert len({o.spec.abbreviation for o in plan.organisations}) == len(plan.organisations)
    departments = [o.spec.size for o in plan.organisations if o.spec.reused]
    fire = [o.spec.size for o in plan.organisations if o.spec.type == "fire_and_rescue_service"]
    assert max(departments) > max(fire)
    schemes = {o.spec.type: o.scheme for o in plan.organisations}
    assert schemes["nhs_body"] == "nhs" and schemes["local_authority"] == "local_government"


def test_grade_pyramid_more_junior_than_senior(plan) -> None:  # noqa: ANN001
    grades = gen.read_grades()
    ranks = [grades[p.grade].cs_rank for p in _current(plan)]
    junior = sum(r <= 4 for r in ranks)  # up to HEO or its equivalent
    senior = sum(r >= 6 for r in ranks)  # Grade 7 or above
    assert junior > 2 * senior
    assert sum(r >= 8 for r in ranks) <= 0.05 * len(ranks)  # a few senior leaders
    for org in plan.organisations:
        for person in org.people:
            assert grades[person.grade].scheme == org.scheme


def test_profession_share_and_role_levels_fit_grades(plan) -> None:  # noqa: ANN001
    current = _current(plan)
    summary = plan.summary()
    assert 0.68 <= summary["profession_share"] <= 0.85
    grades = gen.read_grades()
    fits = [p.level.low - 1 <= grades[p.grade].cs_rank <= p.level.high + 1
            for p in current if p.in_profession]
    assert sum(fits) / len(fits) > 0.9
    assert all(p.level is None for p in current if not p.in_profession)
    assert len({p.job_title for p in current}) > 100  # varied, messy titles


def test_chains_have_no_loops_and_sensible_spans(plan) -> None:  # noqa: ANN001
    grades = gen.read_grades()
    for org in plan.organisations:
        heads = [p for p in org.people if p.manager is None]
        assert len(heads) == 1
        for person in org.people:
            seen, boss = set(), person.manager
            while boss is not None:
                assert id(boss) not in seen
                seen.add(id(boss))
                boss = boss.manager
            if person.manager is not None:
                assert grades[person.manager.grade].cs_rank >= grades[person.grade].cs_rank
            assert person.reports <= 10
        assert all(p.unit_path in org.units for p in org.everyone())


def test_assessments_near_required_levels(plan) -> None:  # noqa: ANN001
    gaps = []
    for person in _current(plan):
        if person.assessments:
            required = dict(person.level.requirements)
            gaps.extend(held - required[skill] for skill, held in person.assessments)
    assert len(gaps) > 200
    assert abs(statistics.mean(gaps)) < 0.3
    assert statistics.pstdev(gaps) > 0.3  # with noise


def test_contingent_labour_has_day_rates_and_suppliers(plan) -> None:  # noqa: ANN001
    summary = plan.summary()
    assert 0.05 <= summary["contingent_share"] <= 0.3
    for person in _current(plan):
        if person.employment_type in gen.CONTINGENT:
            assert 350 <= person.day_rate <= 1200 and person.supplier
        else:
            assert person.day_rate is None and not person.supplier


def test_snapshots_have_joiners_leavers_and_changes(plan) -> None:  # noqa: ANN001
    kinds = {"joiner": 0, "leaver": 0, "changed": 0}
    for org in plan.organisations:
        rows = [sum(gen.present(p, on) for p in org.everyone()) for on in gen.SNAPSHOT_DATES]
        assert rows[-1] == len(org.people)
        for index in range(1, len(gen.SNAPSHOT_DATES)):
            found = gen.snapshot_changes(org, index)
            joiners = sum(k == "joiner" for _, k, _ in found)
            leavers = sum(k == "leaver" for _, k, _ in found)
            assert rows[index] == rows[index - 1] + joiners - leavers
            for _, kind, fields in found:
                kinds[kind] += 1
                assert (kind == "changed") == bool(fields)
    assert all(kinds.values()), kinds
    assert all(p.end_date for o in plan.organisations for p in o.leavers)


def test_extract_file_dialects(plan) -> None:  # noqa: ANN001
    org = plan.organisations[0]
    for dialect in range(len(gen.EXTRACT_DIALECTS)):
        text = gen.extract_csv(gen.extract_rows(org), dialect)
        header = text.splitlines()[0].split(",")
        assert set(gen.extract_mapping(dialect)) == set(header)
        assert len(text.splitlines()) == len(org.people) + 1


@pytest.mark.django_db
@pytest.mark.usefixtures("keep_connection_open")
def test_generate_command_writes_refuses_and_replaces(tmp_path) -> None:  # noqa: ANN001
    from cadre.audit.models import AuditEvent
    from cadre.core.tabular import TableError
    from cadre.organisations.models import Organisation
    from cadre.people.models import Person
    from cadre.workforce.models import Extract, ExtractRecord, WorkforceRecord
    from cadre.workforce.services import import_extract

    call_command("load_defaults", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo_generate", people=PEOPLE, seed=3, extract_dir=tmp_path, stdout=out)
    assert "People: 300 current" in out.getvalue()
    assert "ANALYZE" in out.getvalue()  # planner statistics refreshed after the bulk load
    current = Person.objects.filter(staff_number__regex=gen.STAFF_NUMBER_RE,
                                    end_date__isnull=True)
    assert current.count() == PEOPLE
    assert Person.objects.filter(end_date__isnull=False).exists()
    for loop in ("line_manager__line_manager", "line_manager__line_manager__line_manager"):
        assert not current.filter(**{loop: F("pk")}).exists()
    extracts = Extract.objects.filter(filename__startswith=gen.FILENAME_PREFIX)
    assert extracts.count() % len(gen.SNAPSHOT_DATES) == 0
    last = extracts.filter(taken_on=gen.AS_OF)
    assert sum(e.rows for e in last) == PEOPLE
    assert ExtractRecord.objects.filter(extract__in=last).count() == PEOPLE
    assert WorkforceRecord.objects.filter(person__in=current, in_profession=True).exists()
    assert AuditEvent.objects.filter(action="import", summary__contains="demo government")

    with pytest.raises(CommandError, match="already loaded"):
        call_command("demo_generate", people=PEOPLE, seed=3, stdout=io.StringIO())
    call_command("demo_generate", people=PEOPLE, seed=3, skip_existing=True,
                 stdout=io.StringIO())
    call_command("demo_generate", people=PEOPLE, seed=3, replace=True, stdout=io.StringIO())
    assert current.count() == PEOPLE

    # A written extract imports again: the same people, nothing new.
    path = sorted(tmp_path.glob("*.csv"))[0]
    abbreviation = path.name.split("-hr-extract-")[0]
    organisation = Organisation.objects.get(abbreviation__iexact=abbreviation)
    dialect = next(i for i in range(len(gen.EXTRACT_DIALECTS))
                   if path.read_text().startswith(",".join(gen.EXTRACT_DIALECTS[i][f]
                                                           for f in gen.EXTRACT_FIELDS[:2])))
    try:
        result = import_extract(actor=None, organisation=organisation, data=path.read_bytes(),
                                filename=path.name, mapping=gen.extract_mapping(dialect),
                                taken_on=gen.AS_OF)
    except TableError as error:  # pragma: no cover - shows every problem
        pytest.fail(str([str(e) for e in error.errors[:10]]))
    assert result.joiners == 0 and result.leavers == 0
    assert result.rows == Person.objects.filter(organisation=organisation,
                                                end_date__isnull=True).count()

