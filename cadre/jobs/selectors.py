"""Reads of jobs: each account sees only the jobs it started."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from cadre.jobs.models import Job

#: Failed jobs stay on the home page this long.
RECENT_FAILURES = dt.timedelta(days=7)


def jobs_for(user: Any) -> QuerySet[Job]:
    if not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    return Job.objects.filter(started_by=user)


def job_for(user: Any, job_id: int) -> Job | None:
    """One of the user's jobs; None for another's, or an id no row can have."""
    if not 0 < job_id < 2**63:
        return None
    return jobs_for(user).filter(pk=job_id).first()


def job_result_for(user: Any, job_id: int) -> Job | None:
    """One of the user's finished jobs that kept a result file; None otherwise, so another
    account's job, a job without a file and an unknown id answer alike."""
    job = job_for(user, job_id)
    if job is None or job.state != Job.State.SUCCEEDED or not job.result_file:
        return None
    return job


def home_jobs(user: Any, limit: int = 5) -> list[Job]:
    """The user's jobs still to finish, and those that failed in the last week."""
    since = timezone.now() - RECENT_FAILURES
    return list(jobs_for(user).filter(
        Q(state__in=[Job.State.QUEUED, Job.State.RUNNING])
        | Q(state=Job.State.FAILED, finished_at__gte=since))[:limit])
