"""What the home page lists from the workforce: job titles to review."""

from __future__ import annotations

from collections.abc import Sequence

from cadre.core.todo import HomeItem
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
