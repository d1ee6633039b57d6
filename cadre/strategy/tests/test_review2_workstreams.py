# ruff: noqa: F811 - pytest fixtures imported from workstreams_fixtures are named as arguments
"""Review: a rating page asked for a reporting period that does not exist (or is not a
number) says so; it does not quietly put the rating in the current period instead."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.strategy.models import ConfidenceRating
from cadre.strategy.tests.workstreams_fixtures import ws_world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("wanted", ["999999", "abc", "²", "9" * 30])
def test_an_unknown_period_is_not_swapped_for_the_current_one(ws_world, web_client,
                                                              wanted: str) -> None:  # noqa: ANN001
    client = web_client(ws_world.central)
    url = reverse("strategy:milestone-rate-central", args=[ws_world.milestone.pk])
    assert client.get(url, {"period": wanted}).status_code == 404
    green = ws_world.scale.levels.get(label="Green")
    response = client.post(f"{url}?period={wanted}", {"level": str(green.pk), "version": "0"})
    assert response.status_code == 404
    assert not ConfidenceRating.objects.exists()
    assert client.get(url, {"period": str(ws_world.period.pk)}).status_code == 200


def test_period_edit_page_refuses_a_stale_form(ws_world, web_client) -> None:  # noqa: ANN001
    """Two editors: a period form opened before the other's change does not put the old
    name back; it is refused with a 409 and nothing is saved."""
    import re

    from cadre.strategy.models import ReportingPeriod
    from cadre.strategy.services import workstreams as services
    from cadre.strategy.tests.workstreams_fixtures import CLI

    client = web_client(ws_world.central)
    period = ws_world.period
    url = reverse("strategy:period-edit", args=[period.pk])
    page = client.get(url).content.decode()
    found = re.search(r'name="version"[^>]*value="([^"]*)"', page) or re.search(
        r'value="([^"]*)"[^>]*name="version"', page)
    form = {"label": period.label, "starts_on": period.starts_on.isoformat(),
            "ends_on": "2025-09-29", "scale": str(period.scale_id),
            "version": found.group(1) if found else ""}
    services.update_period(actor=CLI, period=period.pk, label="2025-26 Q2")
    response = client.post(url, form)
    assert response.status_code == 409
    stored = ReportingPeriod.objects.get(pk=period.pk)
    assert stored.label == "2025-26 Q2"
    assert stored.ends_on == period.ends_on
