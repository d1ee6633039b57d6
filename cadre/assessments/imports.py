"""Checking an assessments spreadsheet (as the skills-matrix pilots hold them).

Columns: staff_number, organisation, skill, level, assessed_by, assessed_on and,
optionally, evidence. ``assessed_by`` says whose assessment it is: self, manager
(or line manager) or validated (or assessor). Every row is checked before
anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from cadre.assessments.models import Source
from cadre.core.tabular import CellError, Table, TableError, parse_date
from cadre.framework.models import Framework
from cadre.organisations.models import Organisation
from cadre.people.models import Person

REQUIRED_COLUMNS = ("staff_number", "organisation", "skill", "level", "assessed_by",
                    "assessed_on")
OPTIONAL_COLUMNS = ("evidence",)
SOURCE_WORDS = {
    "self": Source.SELF, "self-assessed": Source.SELF, "self assessed": Source.SELF,
    "manager": Source.MANAGER, "line manager": Source.MANAGER, "line_manager": Source.MANAGER,
    "validated": Source.VALIDATED, "assessor": Source.VALIDATED,
}


@dataclass
class PlannedAssessment:
    row: int
    person: Person
    skill_id: int
    level_id: int | None
    source: str
    assessed_on: object
    evidence: str


def plan_assessment_import(table: Table, framework: Framework) -> list[PlannedAssessment]:
    """Validate every row against the framework; raise ``TableError`` with every problem."""
    errors: list[CellError] = []
    orgs = {o.abbreviation.lower(): o.pk for o in Organisation.objects.all()}
    skills = {name.lower(): pk for pk, name in framework.skills.values_list("pk", "name")}
    levels = {name.lower(): pk for pk, name in framework.levels.values_list("pk", "name")}
    levels.update({str(o): pk for pk, o in framework.levels.values_list("pk", "ordinal")})
    wanted = {(v.values.get("organisation", "").strip().lower(),
               v.values.get("staff_number", "").strip()) for v in table.rows}
    people = {
        (p.organisation.abbreviation.lower(), p.staff_number): p
        for p in Person.objects.filter(
            organisation_id__in=[orgs[o] for o, _ in wanted if o in orgs],
            staff_number__in=[s for _, s in wanted]).select_related("organisation")
    }
    planned: list[PlannedAssessment] = []
    for row in table.rows:
        v, n = row.values, row.number
        org, staff = v["organisation"].strip(), v["staff_number"].strip()
        row_errors: list[CellError] = []
        if org.lower() not in orgs:
            row_errors.append(CellError(n, "organisation", f"no organisation '{org}'"))
        person = people.get((org.lower(), staff))
        if person is None and org.lower() in orgs:
            row_errors.append(CellError(n, "staff_number", f"no person '{staff}' in {org}"))
        skill_id = skills.get(v["skill"].strip().lower())
        if skill_id is None:
            row_errors.append(CellError(n, "skill", f"'{v['skill']}' is not a skill of "
                                                    f"{framework}"))
        level_text = v["level"].strip().lower()
        level_id = None if level_text in ("not held", "none", "0") else levels.get(level_text)
        if level_id is None and level_text not in ("not held", "none", "0"):
            row_errors.append(CellError(n, "level", f"unknown level '{v['level']}'; use one of "
                                        + ", ".join(framework.levels.values_list("name",
                                                                                 flat=True))))
        source = SOURCE_WORDS.get(v["assessed_by"].strip().lower())
        if source is None:
            row_errors.append(CellError(n, "assessed_by", f"'{v['assessed_by']}' is not self, "
                                                          "manager or validated"))
        try:
            assessed_on = parse_date(v["assessed_on"])
        except ValueError as exc:
            row_errors.append(CellError(n, "assessed_on", str(exc)))
            assessed_on = None
        errors.extend(row_errors)
        if not row_errors:
            planned.append(PlannedAssessment(n, person, skill_id, level_id, source, assessed_on,
                                             v.get("evidence", "").strip()))
    if errors:
        raise TableError(errors)
    return planned
