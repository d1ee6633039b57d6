"""Everything Cadre holds about a person, for them to download (JSON or CSV)."""

from __future__ import annotations

from typing import Any

from cadre.assessments.models import AssessmentRound, SkillAssessment
from cadre.assessments.selectors import plan_of, profile_of
from cadre.core.tabular import write_csv
from cadre.people.models import Person


def personal_data(person: Person) -> dict[str, Any]:
    profile = profile_of(person)
    plan = plan_of(person)
    return {
        "person": {
            "staff_number": person.staff_number, "first_name": person.first_name,
            "last_name": person.last_name, "email": person.email,
            "organisation": person.organisation.name, "job_title": person.job_title,
            "grade": person.grade.code if person.grade else None,
            "unit": person.unit.path if person.unit else None,
            "line_manager": person.line_manager.full_name if person.line_manager else None,
            "employment_type": person.employment_type,
            "start_date": person.start_date.isoformat() if person.start_date else None,
            "end_date": person.end_date.isoformat() if person.end_date else None,
            "location": person.location.name if person.location else None,
        },
        "capability_profile": {
            "current_role_level": profile.current_role_level.name
            if profile and profile.current_role_level else None,
            "targets": [t.name for t in profile.targets.all()] if profile else [],
        },
        "assessments": [{
            "skill": a.skill.name, "level": a.level.name if a.level else "Not held",
            "source": a.source, "assessed_on": a.assessed_on.isoformat(),
            "assessed_by": a.assessed_by.email if a.assessed_by else None,
            "evidence": a.evidence, "comment": a.comment,
        } for a in SkillAssessment.objects.filter(person=person).select_related(
            "skill", "level", "assessed_by").order_by("assessed_on", "id")],
        "assessment_rounds": [{
            "role_level": r.role_level.name, "state": r.state,
            "started_at": r.started_at.isoformat(),
            "completed_at": r.completed_at.isoformat() if r.completed_at else None,
        } for r in AssessmentRound.objects.filter(person=person).select_related("role_level")],
        "development_plan": None if plan is None else {
            "agreed_at": plan.agreed_at.isoformat() if plan.agreed_at else None,
            "review_note": plan.review_note,
            "objectives": [{
                "skill": o.skill.name, "target_level": o.target_level.name,
                "target_date": o.target_date.isoformat(), "description": o.description,
                "activities": [{"kind": a.kind, "description": a.description,
                                "status": a.status} for a in o.activities.all()],
            } for o in plan.objectives.all()],
        },
    }


def personal_data_csv(data: dict[str, Any]) -> str:
    """The same data flattened to one row per item: section, field, value."""
    rows: list[dict[str, object]] = []

    def walk(section: str, value: Any, prefix: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(section, v, f"{prefix}{k}.")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(section, v, f"{prefix}{i + 1}.")
        else:
            rows.append({"section": section, "field": prefix.rstrip("."), "value": value})

    for section, value in data.items():
        walk(section, value)
    return write_csv(["section", "field", "value"], rows)
