# ruff: noqa: F811 - pytest fixtures imported from suppliers_fixtures are named as arguments
"""Who may open each strategic supplier page and endpoint.

Suppliers, the framework, figures and plans: heads of profession, analysts and the central
team; professionals, learning leads, programme managers and assessors get 403 everywhere.
Writing suppliers, framework and plan actions: the central team only. Scores: a head of
profession for their own organisation only (another organisation's scores are 403 through
the API and never offered on the page). One organisation's figures are shown only to it and
the central team; an aggregate behind fewer than 2 organisations other than the viewer's own
is shown only to the central team."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.strategy.services import suppliers as services
from cadre.strategy.tests.suppliers_fixtures import CLI, score_all, supplier_world  # noqa: F401

pytestmark = pytest.mark.django_db

OUTSIDERS = ("professional", "learning_lead", "programme_manager", "assessor")


@pytest.fixture
def scored(supplier_world):  # noqa: ANN001, ANN201
    w = supplier_world
    score_all(w, w.org_a, w.spring, 4, 2, 3)
    score_all(w, w.org_b, w.spring, 2, 2, 1)
    action = services.create_action(actor=CLI, supplier=w.supplier, title="Fix it",
                                    owner_organisation=w.org_b, due_on="2027-01-31")
    return w, action


def _urls(w, action) -> dict[str, tuple[str, str]]:  # noqa: ANN001
    """URL name -> (address, who may open it: figures, editors or contributors)."""
    s, v = w.supplier.pk, w.version.pk
    return {
        "strategy:suppliers": (reverse("strategy:suppliers"), "figures"),
        "strategy:supplier": (reverse("strategy:supplier", args=[s]), "figures"),
        "strategy:supplier-framework": (reverse("strategy:supplier-framework"), "figures"),
        "strategy:supplier-action": (reverse("strategy:supplier-action", args=[action.pk]),
                                     "figures"),
        "strategy:supplier-create": (reverse("strategy:supplier-create"), "editors"),
        "strategy:supplier-edit": (reverse("strategy:supplier-edit", args=[s]), "editors"),
        "strategy:supplier-version-create": (reverse("strategy:supplier-version-create"),
                                             "editors"),
        "strategy:supplier-criterion-create": (reverse("strategy:supplier-criterion-create"),
                                               "editors"),
        "strategy:supplier-period-create": (reverse("strategy:supplier-period-create"),
                                            "editors"),
        "strategy:supplier-action-create": (reverse("strategy:supplier-action-create",
                                                    args=[s]), "editors"),
        "strategy:supplier-scores": (reverse("strategy:supplier-scores", args=[s]),
                                     "contributors"),
        "strategy:supplier-action-move": (reverse("strategy:supplier-action-move",
                                                  args=[action.pk]), "contributors"),
        "api:strategy-suppliers": (reverse("api:strategy-suppliers"), "figures"),
        "api:strategy-supplier": (reverse("api:strategy-supplier", args=[s]), "figures"),
        "api:strategy-supplier-overall": (reverse("api:strategy-supplier-overall"), "figures"),
        "api:strategy-supplier-figures": (reverse("api:strategy-supplier-figures", args=[s]),
                                          "figures"),
        "api:strategy-supplier-scores": (reverse("api:strategy-supplier-scores", args=[s])
                                         + f"?period={w.spring.pk}&organisation=DA",
                                         "contributors"),
        "api:strategy-supplier-actions": (reverse("api:strategy-supplier-actions", args=[s]),
                                          "figures"),
        "api:strategy-supplier-action": (reverse("api:strategy-supplier-action",
                                                 args=[action.pk]), "figures"),
        "api:strategy-supplier-action-transition": (reverse(
            "api:strategy-supplier-action-transition", args=[action.pk]), "contributors"),
        "api:strategy-supplier-framework": (reverse("api:strategy-supplier-framework"),
                                            "figures"),
        "api:strategy-supplier-versions": (reverse("api:strategy-supplier-versions"),
                                           "figures"),
        "api:strategy-supplier-criteria": (reverse("api:strategy-supplier-criteria",
                                                   args=[v]), "figures"),
        "api:strategy-supplier-periods": (reverse("api:strategy-supplier-periods"),
                                          "figures"),
    }


def _open(client, name: str, url: str):  # noqa: ANN001, ANN202
    """GET, or POST for the endpoint that takes only POST (moving an action)."""
    if name == "api:strategy-supplier-action-transition":
        return client.post(url, {"to": "done"}, format="json")
    return client.get(url)


def test_outsiders_get_nothing(scored, make_account, web_client, api_client) -> None:  # noqa: ANN001
    w, action = scored
    for role in OUTSIDERS:
        user = make_account(role, w.org_a if role in ("learning_lead", "assessor") else None)
        web, api = web_client(user), api_client(user)
        for name, (url, _) in _urls(w, action).items():
            client = api if name.startswith("api:") else web
            response = _open(client, name, url)
            assert response.status_code == 403, (role, name, response.status_code)
            assert b"Imaginary" not in response.content and b"62.5" not in response.content


def test_signed_out_visitors_get_nothing(scored, client) -> None:  # noqa: ANN001
    w, action = scored
    for name, (url, _) in _urls(w, action).items():
        response = client.post(url) if name.endswith("transition") else client.get(url)
        assert response.status_code in (302, 401, 403), (name, response.status_code)
        assert b"Imaginary" not in response.content


def test_analysts_read_but_do_not_write(scored, make_account, web_client, api_client) -> None:  # noqa: ANN001
    w, action = scored
    analyst = make_account("analyst")
    web, api = web_client(analyst), api_client(analyst)
    for name, (url, who) in _urls(w, action).items():
        client = api if name.startswith("api:") else web
        expected = 200 if who == "figures" else 403
        assert _open(client, name, url).status_code == expected, name
    assert api.post(reverse("api:strategy-suppliers"), {"name": "X"},
                    format="json").status_code == 403
    assert api.post(reverse("api:strategy-supplier-action-transition", args=[action.pk]),
                    {"to": "done"}, format="json").status_code == 403


def test_heads_of_profession_see_only_their_own_organisation(scored, make_account,  # noqa: ANN001
                                                             web_client, api_client) -> None:  # noqa: ANN001
    w, action = scored
    head = make_account("head_of_profession", w.org_a)
    web, api = web_client(head), api_client(head)
    page = web.get(reverse("strategy:supplier", args=[w.supplier.pk])).content.decode()
    assert "62.5" in page and "20.8" not in page and "41.7" not in page
    for name in ("strategy:supplier-create", "strategy:supplier-edit",
                 "strategy:supplier-action-create", "strategy:supplier-period-create"):
        assert web.get(_urls(w, action)[name][0]).status_code == 403, name
    scores = reverse("api:strategy-supplier-scores", args=[w.supplier.pk])
    assert api.get(scores + f"?period={w.spring.pk}&organisation=DB").status_code == 403
    page = web.get(reverse("strategy:supplier-scores", args=[w.supplier.pk])
                   + f"?period={w.spring.pk}&organisation={w.org_b.pk}").content.decode()
    assert "Department B, 2026 H1" not in page
    # The action belongs to B: A's head may read it but not move it.
    assert web.post(reverse("strategy:supplier-action-move", args=[action.pk]),
                    {"to": "done"}).status_code == 403
    assert web.get(reverse("strategy:supplier-action-move", args=[action.pk])
                   ).status_code == 403
    rows = api.get(reverse("api:strategy-supplier-overall")).json()
    assert {r["organisation"] for r in rows} == {"DA"}
