"""Background jobs: started by a page, run by a worker, one transaction each, seen by their
starter only. Each worker test runs on the database backend and, when Redis answers on
127.0.0.1:6379, on RQ with a real (burst) RQ worker."""

from __future__ import annotations

import socket

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from cadre.access.roles import Role
from cadre.core.tabular import write_xlsx
from cadre.jobs.models import Job
from cadre.jobs.registry import JobContext, JobFailed, JobOutcome, job_runner
from cadre.jobs.services import start_job
from cadre.organisations.models import Organisation
from cadre.people.models import Person

ROWS = [{"staff_number": "1", "first_name": "Ada", "last_name": "Lovelace"},
        {"staff_number": "2", "first_name": "Alan", "last_name": "Turing"}]
REDIS_URL = "redis://127.0.0.1:6379/15"  # a database of its own, emptied by the tests


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


BACKENDS = [
    "database",
    pytest.param("rq", marks=pytest.mark.skipif(not _redis_answers(),
                                                reason="no Redis on 127.0.0.1:6379")),
]


@pytest.fixture
def backend(request, settings, monkeypatch):  # noqa: ANN001, ANN201
    """Point django-tasks at one backend; returns a function that runs the queued jobs."""
    name = request.param
    if name == "database":
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        # The worker runs in this process, inside the test's transaction: it must not
        # close the connection between tasks as a standalone worker does.
        monkeypatch.setattr("django_tasks_db.management.commands.db_worker."
                            "close_old_connections", lambda: None)

        def work() -> None:
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload",
                         verbosity=0)
    else:
        import django_rq
        from django_tasks_rq.backend import Job as RQJob
        from rq import SimpleWorker

        settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
        settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
        queue = django_rq.get_queue("default", job_class=RQJob)
        queue.connection.flushdb()

        def work() -> None:
            # A real RQ worker in burst mode; SimpleWorker runs jobs in this process, so
            # they see the test's database transaction.
            SimpleWorker([queue], connection=queue.connection, job_class=RQJob).work(
                burst=True)

        request.addfinalizer(queue.connection.flushdb)
    return work


# Runners only these tests use: they write a row, then succeed or fail.

@job_runner("test-write")
def write_then(ctx: JobContext, *, name: str, fail: str = "") -> JobOutcome:
    Organisation.objects.create(name=name, abbreviation=name[:10])
    ctx.progress(50, "Half way")
    if fail == "expected":
        raise JobFailed(["Row 2, column name: not allowed", "Row 3: duplicate"])
    if fail == "unexpected":
        raise RuntimeError("disk on fire")
    return JobOutcome(summary=f"Created {name}", data={"name": name}, url="/organisations/")


# -- through the pages, on each backend ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("backend", BACKENDS, indirect=True)
def test_confirmed_import_is_queued_then_run_by_the_worker(
    backend, org_a, make_account, web_client, django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    user = make_account(Role.HEAD_OF_PROFESSION, org_a)
    client = web_client(user)
    file = SimpleUploadedFile("people.xlsx", write_xlsx(list(ROWS[0]), ROWS))
    preview = client.post("/people/import/", {"organisation": org_a.pk, "file": file})
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/people/import/confirm/", {"token": preview.context["token"]})
    job = Job.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/jobs/{job.pk}/"
    assert job.state == Job.State.QUEUED and job.task_id and job.started_by == user
    assert default_storage.exists(job.upload)  # the staged file, where the worker reads it
    assert not Person.objects.exists()
    home = client.get("/").content.decode()
    assert "Your background jobs" in home and "Import people.xlsx into DA" in home

    backend()

    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED, job.error
    assert job.progress == 100 and job.finished_at and job.started_at
    assert job.result == {"created": 2, "updated": 0, "unchanged": 0}
    assert Person.objects.filter(organisation=org_a).count() == 2
    assert not default_storage.exists(job.upload)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Finished" in page and "2 added" in page
    home = client.get("/").content.decode()
    assert "Your background jobs" not in home[home.index("<main"):home.index("</main>")]


@pytest.mark.django_db
@pytest.mark.parametrize("backend", BACKENDS, indirect=True)
@pytest.mark.parametrize("fail", ["expected", "unexpected"])
def test_a_failed_job_says_why_and_wrote_nothing(
    backend, fail, make_account, web_client, django_capture_on_commit_callbacks,  # noqa: ANN001
) -> None:
    user = make_account(Role.CENTRAL_TEAM)
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(actor=user, runner=write_then, title="Write and fail",
                        params={"name": "Doomed", "fail": fail}, data=b"abc")
    backend()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.finished_at
    assert not Organisation.objects.filter(name="Doomed").exists()  # rolled back
    assert "nothing was written" in (job.progress_note + job.error).lower()
    if fail == "expected":
        assert job.error == "Row 2, column name: not allowed\nRow 3: duplicate"
    else:
        assert "RuntimeError: disk on fire" in job.error
    assert not default_storage.exists(job.upload)
    home = web_client(user).get("/").content.decode()
    assert "Write and fail" in home and "Failed" in home


@pytest.mark.django_db
@pytest.mark.parametrize("backend", BACKENDS, indirect=True)
def test_a_job_runs_once(backend, make_account, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    from cadre.jobs.tasks import run_job

    user = make_account(Role.CENTRAL_TEAM)
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(actor=user, runner=write_then, title="Once", params={"name": "Once"})
    backend()
    assert run_job.call(job.pk) == {"job": job.pk, "skipped": True}
    assert Organisation.objects.filter(name="Once").count() == 1


# -- immediate backend (the test default), pages and API -----------------------------------


@pytest.mark.django_db
def test_jobs_are_seen_only_by_their_starter(make_account, web_client, api_client) -> None:  # noqa: ANN001
    mine, theirs = make_account(Role.CENTRAL_TEAM), make_account(Role.CENTRAL_TEAM)
    job = start_job(actor=mine, runner=write_then, title="Mine", params={"name": "Mine"})
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED and job.result_summary == "Created Mine"

    page = web_client(mine).get("/jobs/").content.decode()
    assert "Mine" in page and "Finished" in page
    assert web_client(theirs).get(f"/jobs/{job.pk}/").status_code == 404
    assert "Mine" not in web_client(theirs).get("/jobs/").content.decode()
    assert web_client(mine).get("/jobs/99999999999999999999/").status_code == 404

    listing = api_client(mine).get("/api/v1/jobs/?page_size=1")
    assert listing.status_code == 200
    body = listing.json()
    assert body["count"] == 1 and body["results"][0]["id"] == job.pk
    detail = api_client(mine).get(f"/api/v1/jobs/{job.pk}/").json()
    assert detail["state"] == "succeeded" and detail["result"] == {"name": "Mine"}
    assert detail["result_url"] == "/organisations/"
    assert api_client(theirs).get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    assert api_client(theirs).get("/api/v1/jobs/").json()["count"] == 0


@pytest.mark.django_db
def test_an_unregistered_runner_is_refused(make_account) -> None:
    def not_a_runner(ctx: JobContext) -> JobOutcome:
        return JobOutcome(summary="no")

    with pytest.raises(ValueError, match="not a registered job runner"):
        start_job(actor=make_account(Role.CENTRAL_TEAM), runner=not_a_runner, title="x")


@pytest.mark.django_db
def test_classifying_an_organisation_runs_as_a_job(org_a, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    response = client.post("/workforce/review/classify/", {"organisation": org_a.pk})
    job = Job.objects.get(kind="workforce-classify")
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.state == Job.State.SUCCEEDED and "Classified the job titles" in job.result_summary
