# ruff: noqa: F811 - pytest fixtures imported from functions_fixtures are named as arguments
"""The retained ICT function pages: taxonomy, models, the cross-government view, a
department's matrix and checks, and the form (GOV.UK radios) with a stale form answered 409."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.strategy.models import FunctionSourcing
from cadre.strategy.services import functions as services
from cadre.strategy.tests.functions_fixtures import CLI, functions_world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_reference_pages_show_the_taxonomy_and_models(functions_world, make_account,
                                                      web_client) -> None:  # noqa: ANN001
    web = web_client(make_account())
    page = web.get(reverse("strategy:functions")).content.decode()
    assert "Security and information assurance" in page
    assert "Architecture at senior level or above" in page
    page = web.get(reverse("strategy:function-models")).content.decode()
    assert "Minimal" in page and "Kept in house" in page
    hub = web.get(reverse("strategy:home")).content.decode()
    assert reverse("strategy:functions") in hub
    assert reverse("strategy:function-retention") not in hub  # figures: not for everyone


def test_a_head_of_profession_records_a_function(functions_world, make_account,
                                                 web_client) -> None:  # noqa: ANN001
    w = functions_world
    web = web_client(make_account("head_of_profession", w.org_a))
    hub = web.get(reverse("strategy:function-retention")).content.decode()
    matrix_url = reverse("strategy:function-matrix", args=["DA"])
    assert matrix_url in hub
    page = web.get(matrix_url).content.decode()
    url = reverse("strategy:function-entry", args=["DA", "data"])
    assert url in page and "Not recorded" in page
    form = web.get(url).content.decode()
    assert 'type="radio"' in form and "govuk-radios" in form and "---" not in form
    response = web.post(url, {"sourcing": "in_house", "maturity": "better",
                              "evidence": "Our own data team.", "version": "0"})
    assert response.status_code == 302
    page = web.get(matrix_url).content.decode()
    assert "In house" in page and "Flagged" in page and "Our own data team." in page
    checks = web.get(reverse("strategy:function-checks", args=["DA"])).content.decode()
    assert "Data and information management" in checks and "nobody in the department" in checks
    across = web.get(reverse("strategy:function-retention")).content.decode()
    assert "1 flagged" in across


def test_a_stale_form_is_a_409_and_keeps_the_other_change(functions_world, make_account,
                                                          web_client) -> None:  # noqa: ANN001
    w = functions_world
    services.record_sourcing(actor=CLI, organisation=w.org_a, function=w.function("data"),
                             sourcing="in_house", maturity="good")
    web = web_client(make_account("head_of_profession", w.org_a))
    url = reverse("strategy:function-entry", args=["DA", "data"])
    assert 'name="version" value="1"' in web.get(url).content.decode()
    services.record_sourcing(actor=CLI, organisation=w.org_a, function=w.function("data"),
                             sourcing="outsourced", maturity="best", expected_version=1)
    response = web.post(url, {"sourcing": "mixed", "maturity": "good", "version": "1"})
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    row = FunctionSourcing.objects.get()
    assert (row.sourcing, row.version) == ("outsourced", 2)
    history = web.get(url).content.decode()
    assert "Earlier entries" in history and "Outsourced" in history


def test_bad_input_is_shown_on_the_form(functions_world, make_account, web_client) -> None:  # noqa: ANN001
    web = web_client(make_account("central_team"))
    url = reverse("strategy:function-entry", args=["DB", "security"])
    response = web.post(url, {"sourcing": "sideways", "maturity": "", "evidence": "x" * 2001})
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert not FunctionSourcing.objects.exists()
    assert web.get(reverse("strategy:function-matrix", args=["NOPE"])).status_code == 404
    assert web.get(reverse("strategy:function-entry", args=["DB", "nope"])).status_code == 404


def test_the_matrix_links_the_departmental_implementation_plan(functions_world, make_account,
                                                               web_client) -> None:  # noqa: ANN001
    from cadre.strategy.models import Milestone, Strategy, Workstream, WorkstreamKind

    w = functions_world
    strategy = Strategy.objects.create(name="ICT capability strategy")
    plan = Workstream.objects.create(strategy=strategy, name="DA implementation plan",
                                     kind=WorkstreamKind.DEPARTMENTAL_PLAN,
                                     lead_organisation=w.org_a, organisation=w.org_a)
    Workstream.objects.create(strategy=strategy, name="DB implementation plan",
                              kind=WorkstreamKind.DEPARTMENTAL_PLAN,
                              lead_organisation=w.org_b, organisation=w.org_b)
    Milestone.objects.create(workstream=plan, title="Retain architecture in house")
    page = web_client(make_account("analyst")).get(
        reverse("strategy:function-matrix", args=["DA"])).content.decode()
    assert reverse("strategy:workstream", args=[plan.pk]) in page
    assert "DA implementation plan" in page and "(1 milestone)" in page
    assert "DB implementation plan" not in page


def test_the_reference_pages_link_the_matrices_only_for_figures(functions_world, make_account,
                                                                web_client) -> None:  # noqa: ANN001
    across = reverse("strategy:function-retention")
    for name in ("strategy:functions", "strategy:function-models"):
        assert across not in web_client(make_account()).get(reverse(name)).content.decode()
        assert across in web_client(make_account("analyst")).get(reverse(name)).content.decode()
