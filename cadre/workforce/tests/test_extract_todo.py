"""The home page's "HR extracts that could not be imported" (issue 12): failed extract
imports into the organisations an account manages, whoever started them; nobody else's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cadre.access.roles import Role
from cadre.core.todo import WAITING, items_for
from cadre.jobs.models import Job
from cadre.workforce.jobs import import_extract

pytestmark = pytest.mark.django_db

LABEL = "HR extracts that could not be imported"


def _failed(organisation, *, days_ago: int = 1, kind: str | None = None) -> Job:  # noqa: ANN001
    return Job.objects.create(
        kind=kind or import_extract.job_kind, title=f"Import hr.csv into {organisation}",
        runner="cadre.workforce.jobs.import_extract", state=Job.State.FAILED,
        params={"organisation_id": organisation.pk, "filename": "hr.csv"},
        error="Row 7, grade: 'G9' is not a grade.",
        finished_at=timezone.now() - dt.timedelta(days=days_ago))


def _counts(user) -> dict[str, int | None]:  # noqa: ANN001
    return {item.label: item.count for item in items_for(user, WAITING)}


def test_failed_imports_show_for_those_who_manage_the_organisation(
        org_a, org_b, make_account) -> None:  # noqa: ANN001
    _failed(org_a)
    _failed(org_a, days_ago=30)  # too old to be waiting
    _failed(org_b, kind="workforce-classify")  # not an extract import
    head_a = make_account(Role.HEAD_OF_PROFESSION, org_a)
    assert _counts(head_a)[LABEL] == 1
    item = next(i for i in items_for(head_a, WAITING) if i.label == LABEL)
    assert "G9" in item.hint and item.url == "/workforce/extracts/"
    assert _counts(make_account(Role.CENTRAL_TEAM))[LABEL] == 1
    for other in (make_account(Role.HEAD_OF_PROFESSION, org_b), make_account(Role.ANALYST),
                  make_account(Role.LEARNING_LEAD, org_a)):
        assert LABEL not in _counts(other)
