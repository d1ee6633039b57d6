"""The talent hub lists only the areas an account may open."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _links(client) -> str:  # noqa: ANN001
    response = client.get("/talent/")
    assert response.status_code == 200
    return response.content.decode()


def test_professional_sees_own_areas_but_not_management(people, make_account,
                                                        web_client) -> None:  # noqa: ANN001
    page = _links(web_client(make_account(person=people.a_staff1)))
    assert "Vacancies across government" in page
    assert "My mobility preferences" in page
    assert "My pool memberships" in page
    assert "Manage vacancies" not in page
    assert "Cross-government nine-box" not in page


def test_central_team_sees_the_cross_government_grid(make_account, web_client) -> None:  # noqa: ANN001
    page = _links(web_client(make_account(role="central_team")))
    assert "Cross-government nine-box" in page
    assert "Manage vacancies" in page
    assert "Workforce plans" in page


def test_anonymous_is_sent_to_sign_in(client) -> None:  # noqa: ANN001
    response = client.get("/talent/")
    assert response.status_code == 302
