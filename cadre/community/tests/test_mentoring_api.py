# ruff: noqa: F811 - pytest fixtures imported from mentoring_fixtures are named as arguments
"""The mentoring API: schemes with ETag/If-Match, opening, running the matcher, signing up,
answering a match (409 when already answered), and bad input naming the field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.community.models import MentoringMatch, MentoringMatchStatus
from cadre.community.tests.mentoring_fixtures import mentoring  # noqa: F401

pytestmark = pytest.mark.django_db


def test_scheme_create_patch_with_if_match(mentoring, api_client) -> None:  # noqa: ANN001
    api = api_client(mentoring.pm)
    bad = api.post(reverse("api:community-mentoring-scheme-list"),
                   {"name": "x", "signup_opens": "2026-01-01", "signup_closes": "2026-02-01",
                    "grade_gap": 11}, format="json")
    assert bad.status_code == 400 and "grade_gap" in str(bad.json())
    created = api.post(reverse("api:community-mentoring-scheme-list"),
                       {"name": "API scheme", "signup_opens": "2026-01-01",
                        "signup_closes": "2026-02-01"}, format="json")
    assert created.status_code == 201
    url = reverse("api:community-mentoring-scheme-detail", args=[created.json()["id"]])
    got = api.get(url)
    etag = got["ETag"]
    changed = api.patch(url, {"grade_tolerance": 2}, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 200 and changed.json()["grade_tolerance"] == 2
    stale = api.patch(url, {"grade_tolerance": 3}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    bad = api.patch(url, {"signup_closes": "2025-01-01"}, format="json")
    assert bad.status_code == 400 and "signup_closes" in str(bad.json())
    status_url = reverse("api:community-mentoring-scheme-status",
                         args=[created.json()["id"]])
    assert api.post(status_url, {"transition": "close"}, format="json").status_code == 409
    assert api.post(status_url, {"transition": "open"}, format="json").status_code == 200


def test_run_sign_up_and_respond(mentoring, api_client) -> None:  # noqa: ANN001
    w = mentoring
    member = api_client(w.outsider)
    bad = member.post(reverse("api:community-mentoring-signup-list"),
                      {"scheme": w.scheme.pk, "role": "mentor", "skills": [],
                       "capacity": 6}, format="json")
    assert bad.status_code == 400 and "capacity" in str(bad.json())
    ok = member.post(reverse("api:community-mentoring-signup-list"),
                     {"scheme": w.scheme.pk, "role": "mentee",
                      "skills": [w.skills["Service design"].pk]}, format="json")
    assert ok.status_code == 201
    run_url = reverse("api:community-mentoring-match-run", args=[w.scheme.pk])
    organiser = api_client(w.pm)
    dry = organiser.post(run_url, {"dry_run": True}, format="json")
    assert dry.status_code == 200 and dry.json()["run"] is None
    assert not MentoringMatch.objects.exists()
    assert len(dry.json()["rows"]) == 3
    stale = organiser.post(run_url, {"fingerprint": "0" * 16}, format="json")
    assert stale.status_code == 409
    done = organiser.post(run_url, {"fingerprint": dry.json()["fingerprint"]}, format="json")
    assert done.status_code == 201 and done.json()["run"] == 1
    match = MentoringMatch.objects.get(mentee=w.signups["staff2"])
    url = reverse("api:community-mentoring-match-response", args=[match.pk])
    assert api_client(w.staff2).post(url, {"response": "maybe"},
                                     format="json").status_code == 400
    assert api_client(w.staff2).post(url, {"response": "decline"},
                                     format="json").status_code == 200
    again = api_client(w.bhead).post(url, {"response": "accept"}, format="json")
    assert again.status_code == 409
    match.refresh_from_db()
    assert match.status == MentoringMatchStatus.DECLINED


def test_check_in_and_review(mentoring, api_client) -> None:  # noqa: ANN001
    from cadre.community.services import mentoring as services
    from cadre.core.actor import Actor

    w = mentoring
    services.run_matching(actor=Actor.system(), scheme=w.scheme)
    match = MentoringMatch.objects.get(mentee=w.signups["staff2"])
    mentee, mentor = api_client(w.staff2), api_client(w.bhead)
    check_ins = reverse("api:community-mentoring-match-check-ins", args=[match.pk])
    review = reverse("api:community-mentoring-match-review", args=[match.pk])
    day = w.today.isoformat()
    assert mentee.post(check_ins, {"met_on": day}, format="json").status_code == 409
    for client in (mentee, mentor):
        client.post(reverse("api:community-mentoring-match-response", args=[match.pk]),
                    {"response": "accept"}, format="json")
    bad = mentor.post(check_ins, {"met_on": "2999-01-01", "notes": "x" * 5001},
                      format="json")
    assert bad.status_code == 400 and "notes" in str(bad.json())
    assert mentor.post(check_ins, {"met_on": day, "notes": "Met"},
                       format="json").status_code == 201
    assert mentee.get(check_ins).json()["results"][0]["notes"] == "Met"
    assert mentee.post(review, {"rating": 0, "what_changed": "x"},
                       format="json").status_code == 400
    done = mentee.post(review, {"rating": 5, "what_changed": "A lot"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "ended"
    assert mentor.post(review, {"rating": 4, "what_changed": "x"},
                       format="json").status_code == 409
