"""What a job's work is: a runner function registered under a kind.

Apps above ``jobs`` declare their long work in their own ``jobs.py``::

    @job_runner("workforce-extract")
    def import_extract(ctx: JobContext, *, organisation_id: int, ...) -> JobOutcome: ...

``jobs`` stores the runner's dotted path and imports it in the worker, so this
app never imports the apps above it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

RUNNERS: dict[str, Callable[..., JobOutcome]] = {}


@dataclass
class JobOutcome:
    """What a finished job reports: one line, optional details and a link to the result."""

    summary: str
    data: dict[str, Any] = field(default_factory=dict)
    url: str = ""


class JobFailed(Exception):
    """Raised by a runner for an expected failure; ``messages`` are shown to the starter."""

    def __init__(self, messages: list[str] | str) -> None:
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(self.messages))


@dataclass
class JobContext:
    """Handed to a runner: who started the job, its file, and a way to report progress."""

    job_id: int
    actor: Any
    data: bytes | None
    report: Callable[[int, str], None]
    #: Saves the job's result file (``content``, ``filename``, ``content_type``); set by
    #: ``services.execute_job``, which removes the file again if the job fails.
    store: Callable[[bytes, str, str], None] | None = None

    def progress(self, percent: int, note: str = "") -> None:
        """Record how far the job got (0-100). Visible at once outside a transaction,
        otherwise when the job's transaction ends."""
        self.report(max(0, min(100, int(percent))), note)

    def save_result(self, *, content: bytes, filename: str, content_type: str) -> None:
        """Keep ``content`` as the job's one result file, downloaded by its starter only
        under ``filename``. A job that then fails keeps no file."""
        if self.store is None:
            raise JobFailed("This job cannot keep a result file.")
        self.store(content, filename, content_type)


def job_runner(kind: str) -> Callable[[Callable[..., JobOutcome]], Callable[..., JobOutcome]]:
    """Register ``function`` as the runner of ``kind`` jobs."""

    def register(function: Callable[..., JobOutcome]) -> Callable[..., JobOutcome]:
        function.job_kind = kind  # type: ignore[attr-defined]
        RUNNERS[f"{function.__module__}.{function.__qualname__}"] = function
        return function

    return register


def runner_path(function: Callable[..., JobOutcome]) -> str:
    path = f"{function.__module__}.{function.__qualname__}"
    if RUNNERS.get(path) is not function:
        raise ValueError(f"{path} is not a registered job runner.")
    return path
