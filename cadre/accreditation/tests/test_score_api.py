"""The assessment API: scores, submission, panel decision, appeal and its decision."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.accreditation.models import Application, Award
from cadre.accreditation.tests.score_fixtures import Scored, scored  # noqa: F401

pytestmark = pytest.mark.django_db


def test_scores_decision_and_appeal_through_the_api(scored: Scored, api_client) -> None:  # noqa: ANN001, F811
    for user, alloc, skills in ((scored.assessor_one, scored.one, 5),
                                (scored.assessor_two, scored.two, 4)):
        client = api_client(user)
        url = reverse("api:accreditation-allocation-scores", args=[alloc.pk])
        bad = client.put(url, {"scores": [{"criterion": scored.skills.pk, "score": 8}]},
                         format="json")
        assert bad.status_code == 400 and "scores" in bad.content.decode()
        ok = client.put(url, {"scores": [
            {"criterion": scored.skills.pk, "score": skills, "comment": "Seen"},
            {"criterion": scored.conduct.pk, "score": 4}]}, format="json")
        assert ok.status_code == 200, ok.content
        assert {s["score"] for s in ok.json()["scores"]} == {skills, 4}
        submitted = client.post(reverse("api:accreditation-allocation-submit", args=[alloc.pk]))
        assert submitted.status_code == 200 and submitted.json()["submitted_at"]
    again = api_client(scored.assessor_one).post(
        reverse("api:accreditation-allocation-submit", args=[scored.one.pk]))
    assert again.status_code == 400
    runner = api_client(scored.runner)
    decision_url = reverse("api:accreditation-application-decision",
                           args=[scored.application.pk])
    unknown = runner.post(decision_url, {"outcome": "not_awarded", "reasons": "x",
                                         "members": [999999]}, format="json")
    assert unknown.status_code == 400
    made = runner.post(decision_url, {"outcome": "not_awarded", "reasons": "Not yet",
                                      "members": [scored.panellist.pk]}, format="json")
    assert made.status_code == 201 and made.json()["outcome"] == "not_awarded"
    conflict = runner.post(decision_url, {"outcome": "not_awarded", "reasons": "Again",
                                          "members": [scored.panellist.pk]}, format="json")
    assert conflict.status_code == 409
    appeal = api_client(scored.applicant).post(
        reverse("api:accreditation-application-appeal", args=[scored.application.pk]),
        {"grounds": "Overlooked"}, format="json")
    assert appeal.status_code == 201
    decided = runner.post(
        reverse("api:accreditation-appeal-decision", args=[scored.application.pk]),
        {"outcome": "dismissed", "reasons": "Stands", "members": [scored.appeal_panellist.pk]},
        format="json")
    assert decided.status_code == 200 and decided.json()["outcome"] == "dismissed"
    assert Application.objects.get(pk=scored.application.pk).state == "not_awarded"
    assert not Award.objects.exists()
