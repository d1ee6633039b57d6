# ruff: noqa: F811 - pytest fixtures imported from mentoring_fixtures are named as arguments
"""``cadre community mentoring match|schemes``."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.community.models import MentoringMatch, MentoringRun
from cadre.community.tests.mentoring_fixtures import mentoring  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("community_mentoring", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_dry_run_prints_pairs_and_writes_nothing(mentoring) -> None:  # noqa: ANN001
    rows = json.loads(_run("match", "--scheme", str(mentoring.scheme.pk), "--dry-run"))
    assert len(rows) == 2
    assert all(r["explanation"].startswith("Score") for r in rows)
    assert {r["mentee"] for r in rows} == {mentoring.people.a_staff1.full_name,
                                           mentoring.people.a_staff2.full_name}
    assert not MentoringMatch.objects.exists() and not MentoringRun.objects.exists()


def test_match_writes_and_csv(mentoring) -> None:  # noqa: ANN001
    text = _run("match", "--scheme", str(mentoring.scheme.pk), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2 and rows[0]["mentor"]
    assert MentoringMatch.objects.count() == 2
    again = list(csv.DictReader(io.StringIO(
        _run("match", "--scheme", str(mentoring.scheme.pk), "--format", "csv"))))
    assert again == []


def test_schemes_list(mentoring) -> None:  # noqa: ANN001
    rows = json.loads(_run("schemes"))
    assert rows[0]["name"] == "Test scheme" and rows[0]["mentors"] == 3
    assert rows[0]["mentees"] == 2 and rows[0]["grade_gap"] == 2


@pytest.mark.parametrize("scheme", ["abc", "0", "999999"])
def test_bad_scheme_is_a_clear_error(mentoring, scheme: str) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="--scheme"):
        _run("match", "--scheme", scheme)


def test_draft_scheme_refused(mentoring) -> None:  # noqa: ANN001
    from cadre.community.services import mentoring as services
    from cadre.core.actor import Actor

    draft = services.create_scheme(actor=Actor.system(), name="Draft",
                                   signup_opens=mentoring.today, signup_closes=mentoring.today)
    with pytest.raises(CommandError, match="Open the scheme"):
        _run("match", "--scheme", str(draft.pk))
