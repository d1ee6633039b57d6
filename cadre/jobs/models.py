"""A background job as its starter sees it: what it is, how far it got, what it did."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Job(models.Model):
    """One piece of long work run by the task worker on someone's behalf.

    The task backend (django-tasks) only carries ``run_job(job_id)``; this row is
    what pages and the API show, whichever backend ran it.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Finished"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=300)
    runner = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    upload = models.CharField(max_length=200, blank=True,
                              help_text="Name in the default storage of the file to work on.")
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED,
                             db_index=True)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_note = models.CharField(max_length=200, blank=True)
    result_summary = models.CharField(max_length=1000, blank=True)
    result = models.JSONField(default=dict, blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    result_file = models.CharField(
        max_length=200, blank=True,
        help_text="Name in the default storage of the file the job made (job-results/...).")
    result_filename = models.CharField(max_length=200, blank=True,
                                       help_text="The name the file is downloaded under.")
    result_content_type = models.CharField(max_length=100, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="jobs",
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["started_by", "state"], name="jobs_job_owner_state_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_state_display().lower()})"

    @property
    def finished(self) -> bool:
        return self.state in {self.State.SUCCEEDED, self.State.FAILED}

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at is None:
            return None
        end = self.finished_at or timezone.now()
        return round((end - self.started_at).total_seconds(), 1)
