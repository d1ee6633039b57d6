"""A background job, page and API, is seen only by the account that started it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.jobs.models import Job

pytestmark = pytest.mark.django_db


def test_nobody_else_sees_a_job(make_account, web_client, api_client) -> None:  # noqa: ANN001
    starter = make_account(Role.CENTRAL_TEAM)
    job = Job.objects.create(kind="import", title="Import secret-people.csv", runner="x",
                             started_by=starter)
    for other in (make_account(Role.CENTRAL_TEAM), make_account(Role.ADMINISTRATOR)):
        web, api = web_client(other), api_client(other)
        assert "secret-people" not in web.get(reverse("jobs:list")).content.decode()
        assert web.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
        assert api.get(reverse("api:job-list")).json()["count"] == 0
        assert api.get(reverse("api:job-detail", args=[job.pk])).status_code == 404
    assert "secret-people" in web_client(starter).get(reverse("jobs:list")).content.decode()


def test_nobody_else_downloads_a_job_file(make_account, web_client, api_client) -> None:  # noqa: ANN001
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    starter = make_account(Role.CENTRAL_TEAM)
    name = default_storage.save("job-results/privacy-test", ContentFile(b"secret,rows\n"))
    job = Job.objects.create(kind="people-export", title="Export", runner="x",
                             started_by=starter, state=Job.State.SUCCEEDED, result_file=name,
                             result_filename="people.csv", result_content_type="text/csv")
    try:
        for other in (make_account(Role.CENTRAL_TEAM), make_account(Role.ADMINISTRATOR)):
            assert web_client(other).get(
                reverse("jobs:download", args=[job.pk])).status_code == 404
            assert api_client(other).get(
                reverse("api:job-download", args=[job.pk])).status_code == 404
        assert web_client(starter).get(
            reverse("jobs:download", args=[job.pk])).status_code == 200
        assert api_client(starter).get(
            reverse("api:job-download", args=[job.pk])).status_code == 200
    finally:
        default_storage.delete(name)
