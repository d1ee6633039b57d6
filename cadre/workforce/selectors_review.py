"""Reads for the classification review queue, limited to what the account may see.

Heads of profession review their organisations' job titles; the central team and
administrators review every organisation's (``selectors.managed_organisations``).
Anyone else sees none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from cadre.framework.models import RoleLevel
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.people.selectors import current_filter
from cadre.workforce.models import (
    ClassificationSettings,
    Extract,
    ReviewStatus,
    TitleClassification,
)
from cadre.workforce.selectors import managed_organisations

#: The queue's order, as pages and the API describe it.
QUEUE_ORDER = ("suggestions waiting for review first, the most doubtful (lowest confidence) "
               "first, then the titles most people hold; then titles accepted automatically, "
               "in the same order; then reviewed titles")


def classification_settings() -> ClassificationSettings:
    """The installation's classification settings, or the defaults (never accept
    automatically, version 0), unsaved, when nobody has set them yet."""
    return ClassificationSettings.objects.filter(pk=1).first() or ClassificationSettings(
        pk=1, auto_accept_above=None, version=0)


def review_queue(user: object, *, organisation_id: int | None = None, status: str = "",
                 search: str = "") -> QuerySet[TitleClassification]:
    """Classifications in scope, in ``QUEUE_ORDER``: suggestions waiting for review, the
    least confident first, then by how many people hold the title; then those accepted
    automatically; then reviewed ones."""
    qs = TitleClassification.objects.filter(organisation__in=managed_organisations(user))
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    if status in ReviewStatus.values:
        qs = qs.filter(status=status)
    if search:
        qs = qs.filter(title__icontains=search)
    pending_first = Case(When(status=ReviewStatus.SUGGESTED, then=Value(0)),
                         When(status=ReviewStatus.AUTO, then=Value(1)), default=Value(2),
                         output_field=IntegerField())
    return (qs.select_related("organisation", "role_level__role__family", "decided_by")
            .annotate(pending_first=pending_first)
            .order_by("pending_first", "confidence", "-people_count", "title", "grade_code",
                      "pk"))


@dataclass
class QueueSummary:
    """What is behind the review queue in the account's scope, whatever the filters:
    so an empty page can say truly why it is empty."""

    #: Job titles (title and grade) per review status.
    by_status: dict[str, int] = field(default_factory=dict)
    #: HR extracts loaded.
    extracts: int = 0
    #: Organisations whose current people hold job titles that were never classified,
    #: each with how many such people, most first.
    unclassified: list[tuple[Organisation, int]] = field(default_factory=list)

    @property
    def titles(self) -> int:
        return sum(self.by_status.values())

    @property
    def waiting(self) -> int:
        return self.by_status.get(ReviewStatus.SUGGESTED, 0)

    @property
    def unclassified_people(self) -> int:
        return sum(n for _, n in self.unclassified)


def queue_summary(user: object, *, organisation_id: int | None = None) -> QueueSummary:
    """Counts behind the review queue in scope (three queries)."""
    organisations = managed_organisations(user)
    if organisation_id:
        organisations = organisations.filter(pk=organisation_id)
    by_status = dict(TitleClassification.objects.filter(organisation__in=organisations)
                     .values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    unclassified = dict(
        Person.objects.filter(current_filter(), organisation__in=organisations)
        .exclude(job_title="").filter(Q(workforce__isnull=True)
                                      | Q(workforce__classification__isnull=True))
        .values_list("organisation_id").annotate(n=Count("pk"))
        .values_list("organisation_id", "n"))
    names = {o.pk: o for o in Organisation.objects.filter(pk__in=unclassified)}
    return QueueSummary(
        by_status=by_status,
        extracts=Extract.objects.filter(organisation__in=organisations).count(),
        unclassified=sorted(((names[pk], n) for pk, n in unclassified.items()),
                            key=lambda pair: (-pair[1], pair[0].name)),
    )


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
