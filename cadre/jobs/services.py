"""Starting background jobs and running them in the worker.

``start_job`` (in a request) saves the job and its file and, once the request's
transaction commits, enqueues ``tasks.run_job`` on the configured django-tasks
backend. ``execute_job`` (in the worker) runs the job's runner inside ONE
transaction: a job that fails wrote nothing, and says why.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.downloads import content_disposition
from cadre.core.tabular import TableError
from cadre.jobs.models import Job
from cadre.jobs.registry import RUNNERS, JobContext, JobFailed, JobOutcome, runner_path
from cadre.notifications.services import absolute_link
from cadre.notifications.triggers import notify

logger = logging.getLogger(__name__)

#: Where job files live in the default storage (MEDIA_ROOT/jobs with the file system).
UPLOAD_FOLDER = "jobs"
#: Where result files (whole-government exports) live in the default storage.
RESULT_FOLDER = "job-results"
#: At most this many problems are listed on a failed job.
MAX_LISTED_PROBLEMS = 200


def start_job(
    *, actor: Actor, runner: Callable[..., JobOutcome], title: str,
    params: dict[str, Any] | None = None, data: bytes | None = None,
    stored: str | None = None,
) -> Job:
    """Save a job (and its file) and enqueue it when the current transaction commits.

    The file is ``data``, or ``stored``: the name of a file already in the default
    storage (an upload kept since its preview), which the job then owns and deletes.
    """
    path = runner_path(runner)
    params = params or {}
    json.dumps(params)  # the task carries only the job id; params must still be plain JSON
    account = history_user(actor)
    if account is None:
        raise ValidationError({"actor": "A job needs a signed-in account to start it."})
    with transaction.atomic():
        upload = stored or ""
        if data is not None:
            upload = default_storage.save(f"{UPLOAD_FOLDER}/{secrets.token_hex(16)}",
                                          ContentFile(data))
        job = Job.objects.create(
            kind=runner.job_kind, title=title[:300], runner=path, params=params,  # type: ignore[attr-defined]
            upload=upload, started_by=account, progress_note="Waiting for the worker",
        )
        record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED,
                     target=job, summary=f"Job started: {job.title}",
                     data={"job": job.pk, "kind": job.kind})
        if _runs_in_request():
            _enqueue(job.pk)
        else:  # a worker must not look for the job before it is committed
            transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _runs_in_request() -> bool:
    """True with the immediate backend (tests, or CADRE_TASKS_BACKEND=immediate)."""
    from django_tasks.backends.immediate import ImmediateBackend

    from cadre.jobs.tasks import run_job

    return isinstance(run_job.get_backend(), ImmediateBackend)


def _enqueue(job_id: int) -> None:
    from cadre.jobs.tasks import run_job  # the task module imports this one

    try:
        result = run_job.enqueue(job_id)
    except Exception as exc:  # noqa: BLE001 - the queue may be down; the job must say so
        logger.exception("Could not enqueue job %s", job_id)
        _finish(job_id, state=Job.State.FAILED, progress_note="Not started",
                error=f"The job queue could not be reached ({type(exc).__name__}); "
                      "nothing was written. Try again later.")
        return
    Job.objects.filter(pk=job_id).update(task_id=str(result.id)[:64])


def _runner(path: str) -> Callable[..., JobOutcome]:
    function = import_string(path)  # importing the module registers its runners
    if RUNNERS.get(path) is not function:
        raise JobFailed(f"{path} is not a job runner.")
    return function


def _problems(exc: BaseException) -> list[str]:
    if isinstance(exc, JobFailed):
        return exc.messages
    if isinstance(exc, TableError):
        return [str(error) for error in exc.errors]
    if isinstance(exc, ValidationError):
        return list(exc.messages)
    return [str(exc)]


def _finish(job_id: int, **fields: Any) -> None:
    """Mark the job finished or failed and tell the person who started it (ADR 30)."""
    with transaction.atomic():
        Job.objects.filter(pk=job_id).update(finished_at=timezone.now(), **fields)
        _tell_starter(job_id)


#: A failed job's message lists at most this many problems (the page lists them all).
MAX_PROBLEMS_IN_MESSAGE = 10


def _tell_starter(job_id: int) -> None:
    job = Job.objects.select_related("started_by").filter(pk=job_id).first()
    user = job.started_by if job is not None else None
    if job is None or user is None or not job.finished:
        return

    def personalisation() -> dict[str, str]:
        person = getattr(user, "person", None)  # the account's person record, if any
        values = {"name": getattr(person, "full_name", "") or str(user),
                  "job_title": job.title,
                  "link": absolute_link(reverse("jobs:detail", args=[job.pk]))}
        if job.state == Job.State.SUCCEEDED:
            return {**values, "summary": job.result_summary or "It finished."}
        problems = [line for line in job.error.splitlines() if line.strip()] or [
            job.progress_note or "No reason was recorded."]
        listed = problems[:MAX_PROBLEMS_IN_MESSAGE]
        if len(problems) > len(listed):
            listed.append(f"... and {len(problems) - len(listed)} more.")
        return {**values, "problems": "\n".join(f"* {line[:500]}" for line in listed)}

    kind = "job_finished" if job.state == Job.State.SUCCEEDED else "job_failed"
    notify(kind=kind, to=user.email, recipient=user, actor=None,
           personalisation=personalisation)


def _drop_result(saved: dict[str, str]) -> None:
    """Delete a result file a job saved (the job failed, or saved another)."""
    if saved.get("result_file"):
        default_storage.delete(saved["result_file"])
    saved.clear()


def execute_job(*, job_id: int) -> dict[str, Any]:
    """Run one queued job (called by the task worker); returns what the task reports."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != Job.State.QUEUED:
            return {"job": job_id, "skipped": True}  # run already, or gone
        job.state, job.started_at = Job.State.RUNNING, timezone.now()
        job.progress, job.progress_note = 0, "Started"
        job.save(update_fields=["state", "started_at", "progress", "progress_note"])

    pending: dict[str, Any] = {}

    def report(percent: int, note: str) -> None:
        pending.update(progress=percent, progress_note=note[:200])
        if not connection.in_atomic_block:  # inside the job's transaction it waits
            Job.objects.filter(pk=job_id).update(**pending)

    saved: dict[str, str] = {}

    def store(content: bytes, filename: str, content_type: str) -> None:
        _drop_result(saved)  # one result file per job
        saved.update(
            result_file=default_storage.save(
                f"{RESULT_FOLDER}/{job_id}-{secrets.token_hex(16)}", ContentFile(content)),
            result_filename=filename[:200], result_content_type=content_type[:100])

    try:
        data = None
        if job.upload:
            with default_storage.open(job.upload, "rb") as handle:
                data = handle.read()
        runner = _runner(job.runner)
        context = JobContext(job_id=job.pk, actor=job.started_by, data=data, report=report,
                             store=store)
        with transaction.atomic():
            outcome = runner(context, **job.params)
    except (JobFailed, TableError, ValidationError) as exc:
        _drop_result(saved)
        problems = _problems(exc)
        listed = problems[:MAX_LISTED_PROBLEMS]
        if len(problems) > len(listed):
            listed.append(f"... and {len(problems) - len(listed)} more.")
        _finish(job_id, state=Job.State.FAILED, error="\n".join(listed),
                progress_note=f"Failed: {len(problems)} problem(s); nothing was written")
        return {"job": job_id, "state": "failed", "problems": len(problems)}
    except Exception as exc:
        _drop_result(saved)
        logger.exception("Job %s failed", job_id)
        _finish(job_id, state=Job.State.FAILED,
                progress_note="Failed; nothing was written",
                error=f"The job stopped on an unexpected error ({type(exc).__name__}: {exc}). "
                      "Nothing was written.")
        raise
    else:
        _finish(job_id, state=Job.State.SUCCEEDED, progress=100, progress_note="Done",
                result_summary=outcome.summary[:1000], result=outcome.data,
                result_url=outcome.url[:300], **saved)
        return {"job": job_id, "state": "succeeded", "summary": outcome.summary}
    finally:
        if job.upload:
            default_storage.delete(job.upload)


def open_result(job: Job) -> FileResponse | None:
    """The job's result file as a download, or None when the file is gone.

    Reading a file is no write, but it lives here beside the code that saved it; callers
    pass a job from ``selectors.job_result_for`` (the starter's own)."""
    if not job.result_file or not default_storage.exists(job.result_file):
        return None
    response = FileResponse(default_storage.open(job.result_file, "rb"),
                            content_type=job.result_content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition(job.result_filename or "download")
    return response
