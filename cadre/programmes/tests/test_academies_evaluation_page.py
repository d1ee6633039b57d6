"""The academy page states the limits of its evaluation in plain words."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.programmes.tests.academies_fixtures import academy  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_evaluation_states_its_limits(academy, make_account, web_client) -> None:  # noqa: ANN001, F811
    page = web_client(make_account(Role.CENTRAL_TEAM)).get(
        f"/programmes/academies/{academy.academy.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    limits = text[text.index('id="evaluation-limits"'):]
    assert "Role family is the one people have today" in limits
    assert "no history from before the cadre's start is compared on their current grade" \
        in limits
    assert "at least 5 members and 5 comparison people" in limits
    assert 'shown as "fewer than 5"' in limits
    assert "in the same role family today" in text
    assert "when the cadre started, had the same grade, the same role family" not in text
