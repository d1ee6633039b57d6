# ruff: noqa: F811 - pytest fixtures imported from workstreams_fixtures are named as arguments
"""The pages: strategies -> strategy -> workstream (milestones with baseline, forecast,
actual, status and both ratings in words) -> milestone; the owner updates progress and
rates; the central team rates (radios of the scale's levels) and sets up; a stale form is
a 409 with the reason and changes nothing; bad input is shown on the form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.strategy.models import ConfidenceRating, Milestone, ReportingPeriod, Strategy
from cadre.strategy.services import workstreams as services
from cadre.strategy.tests.workstreams_fixtures import CLI, ws_world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_reading_down_from_the_strategies(ws_world, web_client) -> None:  # noqa: ANN001
    services.rate_milestone(actor=CLI, milestone=ws_world.milestone, period=ws_world.period,
                            rater_kind="central", level="Amber-red")
    client = web_client(ws_world.professional)
    page = client.get(reverse("strategy:strategies")).content.decode()
    assert "ICT Capability Strategy" in page and "Set up a strategy" not in page
    page = client.get(reverse("strategy:strategy", args=[ws_world.strategy.pk])).content.decode()
    assert "Accreditation" in page and "Department A" in page
    page = client.get(reverse("strategy:workstream",
                              args=[ws_world.workstream.pk])).content.decode()
    assert "by March 2012" in page and "Due by 31 March 2012" in page
    assert "Amber-red" in page and "Not rated" in page and "West Fire" in page
    page = client.get(reverse("strategy:milestone", args=[ws_world.milestone.pk])
                      ).content.decode()
    assert "Options appraisal" in page and "Update progress" not in page
    assert "Give the central rating" not in page
    home = client.get(reverse("strategy:home")).content.decode()
    assert reverse("strategy:strategies") in home


def test_the_owner_updates_progress(ws_world, web_client) -> None:  # noqa: ANN001
    client = web_client(ws_world.owner)
    url = reverse("strategy:milestone-update", args=[ws_world.milestone.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="version"' in page.content.decode()
    response = client.post(url, {"status": "at_risk", "forecast_date": "2012-06-30",
                                 "evidence": "Panel delayed.", "version": "1"})
    assert response.status_code == 302
    assert Milestone.objects.get(pk=ws_world.milestone.pk).status == "at_risk"
    stale = client.post(url, {"status": "late", "version": "1"})
    assert stale.status_code == 409
    assert "Someone else changed this milestone" in stale.content.decode()
    assert Milestone.objects.get(pk=ws_world.milestone.pk).status == "at_risk"
    bad = client.post(url, {"status": "done", "version": "2"})
    assert bad.status_code == 400 and "Give the date the milestone was met" in \
        bad.content.decode()
    assert web_client(ws_world.other_hop).get(url).status_code == 403


def test_the_central_team_rates_with_radios(ws_world, web_client) -> None:  # noqa: ANN001
    client = web_client(ws_world.central)
    detail = client.get(reverse("strategy:milestone", args=[ws_world.milestone.pk]))
    assert "Give the central rating" in detail.content.decode()
    url = reverse("strategy:milestone-rate-central", args=[ws_world.milestone.pk])
    page = client.get(url).content.decode()
    assert page.count('type="radio"') == 5 and "Amber-green" in page
    green = ws_world.scale.levels.get(label="Green")
    response = client.post(url, {"level": str(green.pk), "comment": "Fine.", "version": "0"})
    assert response.status_code == 302
    rating = ConfidenceRating.objects.get(milestone=ws_world.milestone)
    assert (rating.rater_kind, rating.level.label) == ("central", "Green")
    again = client.post(url, {"level": str(green.pk), "version": "0"})
    assert again.status_code == 409
    page = client.get(reverse("strategy:workstream", args=[ws_world.workstream.pk]))
    assert "Green" in page.content.decode()
    assert web_client(ws_world.owner).get(url).status_code == 403


def test_the_owner_rates(ws_world, web_client) -> None:  # noqa: ANN001
    client = web_client(ws_world.owner)
    url = reverse("strategy:milestone-rate-owner", args=[ws_world.milestone.pk])
    amber = ws_world.scale.levels.get(label="Amber")
    assert client.post(url, {"level": str(amber.pk), "version": "0"}).status_code == 302
    assert ConfidenceRating.objects.get(milestone=ws_world.milestone).rater_kind == "owner"
    wrong = client.post(url, {"level": "999999", "version": "1"})
    assert wrong.status_code == 400


def test_the_central_team_sets_up(ws_world, web_client) -> None:  # noqa: ANN001
    client = web_client(ws_world.central)
    response = client.post(reverse("strategy:strategy-create"), {"name": "New strategy"})
    assert response.status_code == 302
    strategy = Strategy.objects.get(name="New strategy")
    response = client.post(reverse("strategy:workstream-create", args=[strategy.pk]),
                           {"name": "Skills", "kind": "strategy",
                            "lead_organisation": str(ws_world.dept_b.pk)})
    assert response.status_code == 302
    workstream = strategy.workstreams.get()
    response = client.post(reverse("strategy:milestone-create", args=[workstream.pk]),
                           {"title": "Skills survey", "date_text": "autumn 2026"})
    assert response.status_code == 302
    assert workstream.milestones.get().baseline_kind == "range"
    response = client.post(reverse("strategy:scale-create"),
                           {"name": "Four", "levels": "A\nB\nC\nD"})
    assert response.status_code == 302
    response = client.post(reverse("strategy:period-create"),
                           {"label": "2026 Q1", "starts_on": "2026-01-01",
                            "ends_on": "2026-03-31", "scale": str(ws_world.three.pk)})
    assert response.status_code == 302
    period = ReportingPeriod.objects.get(label="2026 Q1")
    response = client.post(reverse("strategy:period-edit", args=[period.pk]),
                           {"label": "2026 Q1", "starts_on": "2026-01-01",
                            "ends_on": "2025-03-31", "scale": str(ws_world.three.pk)})
    assert response.status_code == 400 and "must end on or after" in response.content.decode()
    page = client.get(reverse("strategy:confidence")).content.decode()
    assert "Four" in page and "2026 Q1" in page


def test_long_names_are_refused_on_the_form(ws_world, web_client) -> None:  # noqa: ANN001
    client = web_client(ws_world.central)
    response = client.post(reverse("strategy:strategy-create"), {"name": "x" * 201})
    assert response.status_code == 400 and "govuk-error-summary" in response.content.decode()
    assert not Strategy.objects.filter(name="x" * 201).exists()
