"""What the home page lists from background jobs: the account's running and failed jobs."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from cadre.core.todo import HomeItem, Step
from cadre.jobs.models import Job
from cadre.jobs.selectors import RECENT_FAILURES, jobs_for


def waiting(user: object) -> Sequence[HomeItem]:
    mine = jobs_for(user)
    running = mine.filter(state__in=[Job.State.QUEUED, Job.State.RUNNING])
    failed = mine.filter(state=Job.State.FAILED,
                         finished_at__gte=timezone.now() - RECENT_FAILURES)
    return [
        HomeItem("Your background jobs still running", "jobs:list", count=running.count(),
                 steps=[Step(f"{j.title}: {j.progress}%", "jobs:detail", (j.pk,))
                        for j in running[:5]]),
        HomeItem("Your background jobs that failed in the last week", "jobs:list",
                 count=failed.count(),
                 hint="An HR extract or other file that could not be imported shows here.",
                 steps=[Step(f"{j.title}: Failed. {j.error[:120]}", "jobs:detail", (j.pk,))
                        for j in failed[:5]]),
    ]
