# ruff: noqa: F811 - pytest fixtures imported from functions_fixtures are named as arguments
"""Who may open each page and endpoint of the retained ICT function.

The taxonomy and reference models are reference data for everyone signed in. Matrices,
checks and the cross-government view are for heads of profession, analysts, the central
team and administrators (counts of people hidden below 5 for all of them, and never a
name). Recording is for a head of profession in their own organisation (403 in another),
the central team and administrators."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.strategy.services import functions as services
from cadre.strategy.tests.functions_fixtures import CLI, functions_world  # noqa: F401

pytestmark = pytest.mark.django_db

OPEN_PAGES = ("strategy:functions", "strategy:function-models")
OPEN_API = ("api:strategy-functions", "api:strategy-operating-models")


@pytest.fixture
def recorded(functions_world):  # noqa: ANN001, ANN201
    w = functions_world
    services.record_sourcing(actor=CLI, organisation=w.org_a, function=w.function("data"),
                             sourcing="in_house", maturity="good", evidence="Our team.")
    people = w.add_people(w.org_a, "Data", 6, 3)
    return w, people


def _figure_urls(w) -> dict[str, str]:  # noqa: ANN001
    data = w.function("data")
    return {
        "strategy:function-retention": reverse("strategy:function-retention"),
        "strategy:function-matrix": reverse("strategy:function-matrix", args=["DA"]),
        "strategy:function-checks": reverse("strategy:function-checks", args=["DA"]),
        "api:strategy-function-matrix": reverse("api:strategy-function-matrix"),
        "api:strategy-function-entry": reverse("api:strategy-function-entry",
                                               args=["DA", data.pk]),
        "api:strategy-function-checks": reverse("api:strategy-function-checks", args=["DA"]),
        "api:strategy-function-retention": reverse("api:strategy-function-retention"),
    }


def _entry_url(key: str = "data", org: str = "DA") -> str:
    return reverse("strategy:function-entry", args=[org, key])


def test_signed_out_sees_nothing(recorded) -> None:  # noqa: ANN001
    w, _ = recorded
    for name in OPEN_PAGES:
        response = Client().get(reverse(name))
        assert response.status_code == 302 and "sign-in" in response["Location"], name
    for name in OPEN_API:
        assert APIClient().get(reverse(name)).status_code in (401, 403), name
    for name, url in _figure_urls(w).items():
        client = APIClient() if name.startswith("api:") else Client()
        assert client.get(url).status_code in (302, 401, 403), name
    assert Client().get(_entry_url()).status_code == 302
    assert Client().post(_entry_url(), {"sourcing": "outsourced"}).status_code == 302
    assert APIClient().put(_figure_urls(w)["api:strategy-function-entry"],
                           {"sourcing": "outsourced", "maturity": "good"},
                           format="json").status_code in (401, 403)


@pytest.mark.parametrize("role", [None, "programme_manager", "assessor", "learning_lead"])
def test_accounts_without_figures_read_only_the_reference_data(recorded, make_account,
                                                               web_client, api_client,
                                                               role) -> None:  # noqa: ANN001
    w, _ = recorded
    user = make_account(role, w.org_a if role in ("assessor", "learning_lead") else None)
    web, api = web_client(user), api_client(user)
    for name in OPEN_PAGES:
        assert web.get(reverse(name)).status_code == 200, name
    for name in OPEN_API:
        assert api.get(reverse(name)).status_code == 200, name
    for name, url in _figure_urls(w).items():
        client = api if name.startswith("api:") else web
        response = client.get(url)
        assert response.status_code == 403, name
        assert b"Our team." not in response.content
    assert web.get(_entry_url()).status_code == 403
    assert web.post(_entry_url(), {"sourcing": "outsourced", "maturity": "good"}
                    ).status_code == 403
    assert api.put(_figure_urls(w)["api:strategy-function-entry"],
                   {"sourcing": "outsourced", "maturity": "good"},
                   format="json").status_code == 403


def test_analysts_read_figures_suppressed_but_record_nothing(recorded, make_account,
                                                             web_client, api_client) -> None:  # noqa: ANN001
    w, people = recorded
    user = make_account("analyst")
    web, api = web_client(user), api_client(user)
    for name, url in _figure_urls(w).items():
        client = api if name.startswith("api:") else web
        response = client.get(url)
        assert response.status_code == 200, name
        for person in people:
            assert person.last_name.encode() not in response.content
    page = web.get(reverse("strategy:function-checks", args=["DA"])).content.decode()
    assert "fewer than 5" in page and ">3<" not in page
    need = api.get(reverse("api:strategy-function-checks", args=["DA"])).json()["need"]
    assert {n["people"] for n in need} <= {"0", "fewer than 5"}
    assert web.get(_entry_url()).status_code == 403
    assert api.put(_figure_urls(w)["api:strategy-function-entry"],
                   {"sourcing": "outsourced", "maturity": "good"},
                   format="json").status_code == 403


def test_heads_of_profession_record_only_their_own_organisation(recorded, make_account,
                                                                web_client, api_client) -> None:  # noqa: ANN001
    w, _ = recorded
    user = make_account("head_of_profession", w.org_b)
    web, api = web_client(user), api_client(user)
    assert web.get(reverse("strategy:function-matrix", args=["DA"])).status_code == 200
    assert _entry_url() not in web.get(reverse("strategy:function-matrix", args=["DA"])
                                       ).content.decode()
    assert web.get(_entry_url()).status_code == 403
    assert web.post(_entry_url(), {"sourcing": "outsourced", "maturity": "good",
                                   "version": "1"}).status_code == 403
    assert api.put(_figure_urls(w)["api:strategy-function-entry"],
                   {"sourcing": "outsourced", "maturity": "good"},
                   format="json").status_code == 403
    assert web.get(_entry_url(org="DB")).status_code == 200
    central = make_account("central_team")
    assert web_client(central).get(_entry_url()).status_code == 200
