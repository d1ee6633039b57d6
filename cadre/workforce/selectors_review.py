"""Reads for the classification review queue, limited to what the account may see.

Heads of profession review their organisations' job titles; the central team and
administrators review every organisation's (``selectors.managed_organisations``).
Anyone else sees none.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from cadre.framework.models import RoleLevel
from cadre.framework.selectors import default_framework
from cadre.workforce.models import ReviewStatus, TitleClassification
from cadre.workforce.selectors import managed_organisations


def review_queue(user: object, *, organisation_id: int | None = None, status: str = "",
                 search: str = "") -> QuerySet[TitleClassification]:
    """Classifications in scope: suggestions first, then by how many people hold the title."""
    qs = TitleClassification.objects.filter(organisation__in=managed_organisations(user))
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    if status in ReviewStatus.values:
        qs = qs.filter(status=status)
    if search:
        qs = qs.filter(title__icontains=search)
    pending_first = Case(When(status=ReviewStatus.SUGGESTED, then=Value(0)), default=Value(1),
                         output_field=IntegerField())
    return (qs.select_related("organisation", "role_level__role__family", "decided_by")
            .annotate(pending_first=pending_first)
            .order_by("pending_first", "-people_count", "title", "grade_code", "pk"))


def classification_detail(*, user: object, pk: int) -> TitleClassification | None:
    """One classification in scope, or None (answered as 404)."""
    return review_queue(user).filter(pk=pk).first()


def role_level_choices() -> QuerySet[RoleLevel]:
    """The default framework's role levels, by family, role and order."""
    framework = default_framework()
    if framework is None:
        return RoleLevel.objects.none()
    return (RoleLevel.objects.filter(framework=framework).select_related("role__family")
            .order_by("role__family__name", "role__name", "order"))
