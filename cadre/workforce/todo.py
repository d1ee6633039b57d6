"""What the home page lists from the workforce: job titles to review, HR extracts that
could not be imported."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from cadre.access.scope import scope_for
from cadre.core.todo import HomeItem
from cadre.jobs.models import Job
from cadre.jobs.selectors import RECENT_FAILURES
from cadre.workforce.models import ReviewStatus
from cadre.workforce.selectors_review import review_queue


def waiting(user: object) -> Sequence[HomeItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    count = review_queue(user, status=ReviewStatus.SUGGESTED).count()
    return [HomeItem("Job titles to review", "workforce:review-queue", count=count,
                     query="status=suggested",
                     hint="Suggested classifications from HR extracts that nobody has "
                          "accepted or corrected.")]


def extracts_with_problems(user: object) -> Sequence[HomeItem]:
    """For those who import extracts: imports into their organisations that failed in the
    last week (a file with rejected rows is not imported at all; the job says why)."""
    from cadre.workforce.jobs import import_extract

    scope = scope_for(user)
    managed = scope.managed_organisation_ids
    if not scope.authenticated or (managed is not None and not managed):
        return []
    failed = Job.objects.filter(kind=import_extract.job_kind, state=Job.State.FAILED,
                                finished_at__gte=timezone.now() - RECENT_FAILURES)
    if managed is not None:
        failed = failed.filter(params__organisation_id__in=list(managed))
    count = failed.count()
    if not count:
        return []
    latest = failed.order_by("-finished_at", "-pk").first()
    return [HomeItem("HR extracts that could not be imported", "workforce:extracts",
                     count=count,
                     hint=f"The latest: {latest.title}. {latest.error[:160]} Correct the file "
                          "and upload it again.")]
