"""The one django-tasks task: run a saved job by id (see services.execute_job)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from cadre.jobs.services import execute_job


@task()
def run_job(job_id: int) -> dict[str, Any]:
    """Run job ``job_id``; the backend (database, RQ or immediate) is settings.TASKS."""
    return execute_job(job_id=job_id)
