"""The header and the talent hub list what apps register, filtered by the permission map."""

from __future__ import annotations

import pytest

from cadre.access.navigation import links_for
from cadre.access.roles import Role
from cadre.core import navigation
from cadre.core.navigation import HEADER, TALENT, NavEntry

pytestmark = pytest.mark.django_db

HEADER_ORDER = ["Home", "Framework", "Organisations", "People", "Capability", "Accreditation",
                "Learning", "Community", "Recruitment", "Strategy", "Statistics",
                "Skill coverage", "Workforce", "Vacancies", "Talent", "Imports", "Accounts",
                "Messages sent", "Audit", "Definitions", "API"]


def test_every_app_registers_its_header_links_in_order(make_account) -> None:  # noqa: ANN001
    assert [e.label for e in navigation.entries(HEADER)] == HEADER_ORDER
    admin = make_account(Role.ADMINISTRATOR)
    assert [link.entry.label for link in links_for(admin, HEADER)] == HEADER_ORDER


def test_the_header_shows_only_what_the_map_allows(make_account, web_client) -> None:  # noqa: ANN001
    analyst = make_account(Role.ANALYST)
    labels = [link.entry.label for link in links_for(analyst, HEADER)]
    assert "Statistics" in labels and "People" not in labels and "Audit" not in labels
    page = web_client(analyst).get("/workforce/").content.decode()
    assert 'href="/people/"' not in page and 'href="/audit/"' not in page


def test_the_longest_matching_link_is_active(make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.CENTRAL_TEAM))
    response = client.get("/talent/vacancies/")
    links = response.context["navigation"]
    assert [link["label"] for link in links if link["active"]] == ["Vacancies"]
    home = client.get("/").context["navigation"]
    assert [link["label"] for link in home if link["active"]] == ["Home"]


def test_the_talent_section_names_each_apps_areas(make_account) -> None:  # noqa: ANN001
    apps = {e.url_name.split(":")[0] for e in navigation.entries(TALENT)}
    assert apps == {"mobility", "talent", "bench", "planning", "programmes"}
    professional_links = links_for(make_account(Role.PROFESSIONAL), TALENT)
    central_links = links_for(make_account(Role.CENTRAL_TEAM), TALENT)
    assert 0 < len(professional_links) < len(central_links)


def test_an_entry_for_a_url_that_does_not_exist_is_left_out(make_account, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(navigation, "_entries", dict(navigation._entries))
    navigation.register(NavEntry("Nowhere", "nowhere:home", HEADER, 5))
    assert "Nowhere" in [e.label for e in navigation.entries(HEADER)]
    links = links_for(make_account(Role.ADMINISTRATOR), HEADER)
    assert "Nowhere" not in [link.entry.label for link in links]
