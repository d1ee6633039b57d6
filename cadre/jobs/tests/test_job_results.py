"""Jobs that make a file (whole-government exports): the file has the rows the synchronous
export has, only the job's starter can download it, and a failed job keeps no file."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.jobs.models import Job
from cadre.jobs.registry import JobContext, JobFailed, JobOutcome, job_runner
from cadre.jobs.services import RESULT_FOLDER, start_job
from cadre.people.selectors import person_list
from cadre.people.services import export_people

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_folder(settings, tmp_path) -> None:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path


def _body(response) -> bytes:  # noqa: ANN001
    return b"".join(response.streaming_content)


@job_runner("test-file")
def save_then(ctx: JobContext, *, fail: bool = False) -> JobOutcome:
    ctx.save_result(content=b"a,b\n1,2\n", filename="numbers.csv",
                    content_type="text/csv; charset=utf-8")
    if fail:
        raise JobFailed("The numbers did not add up.")
    return JobOutcome(summary="Saved the numbers")


def test_whole_government_people_export_runs_as_a_job(people, make_account, web_client,  # noqa: ANN001
                                                      api_client) -> None:
    central = make_account(Role.CENTRAL_TEAM)
    client = web_client(central)
    # Following the link only shows the button: nothing starts on a GET.
    confirm = client.get("/people/export/?format=csv")
    assert confirm.status_code == 200 and b"Make the file" in confirm.content
    assert not Job.objects.filter(kind="people-export").exists()
    started = client.post("/people/export/?format=csv")
    job = Job.objects.get(kind="people-export")
    assert started.status_code == 302 and started["Location"] == f"/jobs/{job.pk}/"
    assert job.state == Job.State.SUCCEEDED, job.error
    assert job.result_file.startswith(f"{RESULT_FOLDER}/")
    assert default_storage.exists(job.result_file)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f"/jobs/{job.pk}/download/" in page

    download = client.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    assert download["Content-Disposition"].startswith('attachment; filename="people-')
    same = export_people(actor=central, people=person_list(user=central), fmt="csv",
                         description="all", filename="people")
    assert _body(download) == same.content  # the rows of the synchronous export
    events = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, data__what="people")
    assert events.count() == 2 and {e.actor_id for e in events} == {central.pk}

    api = api_client(central).get(f"/api/v1/jobs/{job.pk}/").json()
    assert api["download_url"] == f"/api/v1/jobs/{job.pk}/download/"
    assert _body(api_client(central).get(api["download_url"])) == same.content

    # Another account, even one that may see everyone, gets a 404 as for no file at all.
    other = make_account(Role.ADMINISTRATOR)
    assert web_client(other).get(f"/jobs/{job.pk}/download/").status_code == 404
    assert api_client(other).get(f"/api/v1/jobs/{job.pk}/download/").status_code == 404
    assert client.get("/jobs/99999999999999999999/download/").status_code == 404


def test_one_organisation_export_stays_synchronous(people, org_a, make_account,  # noqa: ANN001
                                                   web_client) -> None:
    response = web_client(make_account(Role.CENTRAL_TEAM)).get(
        f"/people/export/?format=csv&organisation={org_a.pk}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    response = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a)).get(
        "/people/export/?format=csv")
    assert response.status_code == 200
    assert not Job.objects.exists()


def test_a_failed_job_keeps_no_file_and_says_why(make_account, web_client) -> None:  # noqa: ANN001
    user = make_account(Role.CENTRAL_TEAM)
    before = set(default_storage.listdir(RESULT_FOLDER)[1]) if default_storage.exists(
        RESULT_FOLDER) else set()
    job = start_job(actor=user, runner=save_then, title="Numbers", params={"fail": True})
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.error == "The numbers did not add up."
    assert not job.result_file
    after = set(default_storage.listdir(RESULT_FOLDER)[1])
    assert after == before
    assert web_client(user).get(f"/jobs/{job.pk}/download/").status_code == 404

    done = start_job(actor=user, runner=save_then, title="Numbers")
    done.refresh_from_db()
    assert done.state == Job.State.SUCCEEDED and done.result_filename == "numbers.csv"
    download = web_client(user).get(f"/jobs/{done.pk}/download/")
    assert _body(download) == b"a,b\n1,2\n"
    assert download["Content-Disposition"] == 'attachment; filename="numbers.csv"'
    default_storage.delete(done.result_file)  # a file gone from storage is a 404 too
    assert web_client(user).get(f"/jobs/{done.pk}/download/").status_code == 404


def test_government_picture_export_with_an_unknown_table_fails_and_keeps_no_file(
        make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.ANALYST))
    started = client.post("/workforce/government/?format=csv&table=nope")
    job = Job.objects.get(kind="workforce-picture-export")
    assert started["Location"] == f"/jobs/{job.pk}/"
    assert job.state == Job.State.FAILED and "No table 'nope'" in job.error
    assert not job.result_file
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "No table" in page and "/download/" not in page
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
