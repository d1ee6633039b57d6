"""Review: a function key in the address longer than any key is not cut to fit and then
matched to another function: it is no such function (404), and nothing is recorded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.strategy import function_checks as fc
from cadre.strategy.models import FunctionSourcing
from cadre.strategy.tests.functions_fixtures import functions_world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_an_overlong_key_is_not_cut_to_another_function(functions_world, make_account,  # noqa: ANN001, F811
                                                       web_client) -> None:  # noqa: ANN001
    w = functions_world
    web = web_client(make_account("head_of_profession", w.org_a))
    key = "data" + "-x" * ((fc.MAX_KEY - 4) // 2)
    key = key[:fc.MAX_KEY]
    w.function("data").__class__.objects.filter(key="data").update(key=key)
    overlong = key + "-extra"
    url = reverse("strategy:function-entry", args=["DA", overlong])
    assert web.get(url).status_code == 404
    response = web.post(url, {"sourcing": "in_house", "maturity": "good", "version": "0"})
    assert response.status_code == 404
    assert not FunctionSourcing.objects.exists()
