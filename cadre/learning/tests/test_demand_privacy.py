"""Who sees demand from skill gaps: nobody signed out; not a professional, a programme
manager or an assessor (no LEARNING_FIGURES); every learning-figures account the same
suppressed counts, and no person's name anywhere (pages, API, downloads)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.access.roles import Role
from cadre.learning.tests.demand_fixtures import (
    SECRET_FIRST,
    SECRET_LAST,
    build_world,
    objective,
    person_with_role,
)

pytestmark = pytest.mark.django_db

PAGES = ["learning:demand", "learning:demand-pack"]
APIS = ["api:learning-demand", "api:learning-demand-pack"]


@pytest.fixture
def world():  # noqa: ANN201
    w = build_world(people_a=6, people_b=3)
    person = person_with_role(w.org_a, w.role_level)
    objective(person, w.data, w.levels[4], dt.date(2027, 4, 2))
    return w


def _query(name: str, world) -> dict:  # noqa: ANN001
    return {"lot": world.lot.pk} if name.endswith("pack") else {}


@pytest.mark.parametrize("name", PAGES)
def test_signed_out_pages_send_to_sign_in(world, name) -> None:  # noqa: ANN001
    response = Client().get(reverse(name), _query(name, world))
    assert response.status_code == 302 and "sign-in" in response["Location"]


@pytest.mark.parametrize("name", APIS)
def test_signed_out_api_refused(world, name) -> None:  # noqa: ANN001
    response = APIClient().get(reverse(name), _query(name, world))
    assert response.status_code in (401, 403)
    assert SECRET_FIRST not in response.content.decode()


@pytest.mark.parametrize("role", [None, Role.PROFESSIONAL, Role.PROGRAMME_MANAGER,
                                  Role.ASSESSOR])
@pytest.mark.parametrize("name", PAGES + APIS)
def test_accounts_without_learning_figures_get_403(world, name, role, make_account,  # noqa: ANN001
                                                   web_client, api_client) -> None:
    organisation = world.org_a if role == Role.ASSESSOR else None
    account = make_account(role, organisation)
    client = api_client(account) if name.startswith("api:") else web_client(account)
    response = client.get(reverse(name), _query(name, world))
    assert response.status_code == 403
    assert "Service design" not in response.content.decode()


def test_a_professional_with_a_person_record_gets_403(world, make_account, web_client,  # noqa: ANN001
                                                      api_client) -> None:
    person = world.org_a.people.first()
    account = make_account(Role.PROFESSIONAL, person=person)
    for name in PAGES:
        assert web_client(account).get(reverse(name), _query(name, world)).status_code == 403
    for name in APIS:
        assert api_client(account).get(reverse(name), _query(name, world)).status_code == 403


@pytest.mark.parametrize("role", [Role.LEARNING_LEAD, Role.HEAD_OF_PROFESSION, Role.ANALYST,
                                  Role.CENTRAL_TEAM, Role.ADMINISTRATOR])
def test_every_figures_account_sees_the_same_counts_and_no_names(world, role, make_account,  # noqa: ANN001
                                                                 web_client,
                                                                 api_client) -> None:
    organisation = world.org_b if role in (Role.LEARNING_LEAD,
                                           Role.HEAD_OF_PROFESSION) else None
    account = make_account(role, organisation)
    outputs = []
    for name in PAGES:
        response = web_client(account).get(reverse(name), _query(name, world))
        assert response.status_code == 200
        outputs.append(response.content.decode())
    for fmt in ("csv", "xlsx", "ods"):
        response = web_client(account).get(reverse("learning:demand-pack"),
                                           {"lot": world.lot.pk, "format": fmt})
        assert response.status_code == 200
        outputs.append(response.content.decode("latin-1"))
    api = {}
    for name in APIS:
        response = api_client(account).get(reverse(name), _query(name, world))
        assert response.status_code == 200
        outputs.append(response.content.decode())
        api[name] = response.json()
    for text in outputs:
        assert SECRET_FIRST not in text and SECRET_LAST not in text
    # Whole government, suppressed, whoever asks: B's 3 are hidden even from B's own leads.
    rows = {(r["organisation"], r["skill"]): r["people_all_quarters"]
            for r in api["api:learning-demand"]["rows"]}
    assert rows[("DBETA", "Service design")] == "fewer than 5"
    assert rows[("DALPHA", "Service design")] == 7
