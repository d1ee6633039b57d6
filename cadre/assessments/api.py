"""API for capability: the same selectors, so the same people, as the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.assessments import selectors
from cadre.assessments.models import AssessmentRound


def _gaps(report) -> dict:  # noqa: ANN001
    a = report.analysis
    return {
        "role_level_id": report.role_level.pk, "role_level": report.role_level.name,
        "required_skills": a.required_count, "met": a.met_count,
        "share_met": round(a.share_met, 4), "readiness": round(a.readiness, 4),
        "total_gap": a.total_gap,
        "skills": [{"skill": r.skill, "required": report.level_name(r.required),
                    "held": report.level_name(r.held), "gap": r.gap} for r in a.rows],
    }


@extend_schema(responses=dict)
@api_view(["GET"])
def person_capability(request: Request, person_id: int) -> Response:
    """A person's profile, the levels that count and their gaps (in scope only)."""
    person = selectors.capability_person(user=request.user, person_id=person_id)
    if person is None:
        raise Http404
    profile = selectors.profile_of(person)
    levels = ([profile.current_role_level] if profile and profile.current_role_level else []
              ) + (list(profile.targets.all()) if profile else [])
    return Response({
        "person_id": person.pk,
        "current_role_level": profile.current_role_level.name
        if profile and profile.current_role_level else None,
        "targets": [t.name for t in profile.targets.all()] if profile else [],
        "levels": [{"skill": h.skill, "level": h.level, "source": h.source,
                    "assessed_on": h.assessed_on} for h in
                   selectors.levels_that_count(person).values()],
        "gaps": [_gaps(selectors.gap_report(person, level)) for level in levels],
    })


class RoundSerializer(serializers.ModelSerializer):
    role_level = serializers.CharField(source="role_level.name")

    class Meta:
        model = AssessmentRound
        fields = ["id", "person", "role_level", "state", "manager", "started_at",
                  "submitted_at", "completed_at"]


class RoundViewSet(viewsets.ReadOnlyModelViewSet):
    """Assessment rounds of the people whose capability the caller may see."""

    serializer_class = RoundSerializer
    filterset_fields = ["state", "person"]

    def get_queryset(self):  # noqa: ANN201
        return AssessmentRound.objects.filter(
            person__in=selectors.capability_people(self.request.user)
        ).select_related("role_level").order_by("-started_at")
