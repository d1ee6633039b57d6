# ruff: noqa: F811 - pytest fixtures imported from contracts_fixtures are named as arguments
"""Who sees supply contracts: nobody signed out; no account without the learning supply
rule (a head of profession: 403 everywhere); a learning lead of another organisation sees
nothing of a contract they do not buy under (404, and it is in none of their lists,
downloads or coverage); frameworks are read by every supply account."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.learning.tests.contracts_fixtures import supply  # noqa: F401

pytestmark = pytest.mark.django_db


def _pages(s) -> list[str]:  # noqa: ANN001
    rate = s.c_a.rates.get()
    return [
        reverse("learning:contracts"),
        reverse("learning:contract-create"),
        reverse("learning:contracts-import"),
        reverse("learning:contracts-coverage"),
        reverse("learning:contract", args=[s.c_a.pk]),
        reverse("learning:contract-edit", args=[s.c_a.pk]),
        reverse("learning:contract-rate", args=[s.c_a.pk, rate.pk]),
        reverse("learning:frameworks"),
        reverse("learning:framework", args=[s.framework.pk]),
        reverse("learning:framework-create"),
        reverse("learning:framework-edit", args=[s.framework.pk]),
        reverse("learning:lot-create", args=[s.framework.pk]),
        reverse("learning:lot-edit", args=[s.lot.pk]),
    ]


def _api(s) -> list[str]:  # noqa: ANN001
    rate = s.c_a.rates.get()
    return [
        reverse("api:learning-contract-list"),
        reverse("api:learning-contract-export"),
        reverse("api:learning-contract-coverage-all"),
        reverse("api:learning-contract-detail", args=[s.c_a.pk]),
        reverse("api:learning-contract-rates", args=[s.c_a.pk]),
        reverse("api:learning-contract-rate-detail", args=[s.c_a.pk, rate.pk]),
        reverse("api:learning-contract-coverage", args=[s.c_a.pk]),
        reverse("api:learning-framework-list"),
        reverse("api:learning-framework-detail", args=[s.framework.pk]),
        reverse("api:learning-framework-lots", args=[s.framework.pk]),
        reverse("api:learning-lot-detail", args=[s.lot.pk]),
    ]


def test_signed_out_sees_nothing(supply) -> None:  # noqa: ANN001
    for url in _pages(supply):
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], url
    for url in _api(supply):
        assert APIClient().get(url).status_code in (401, 403), url
    upload = APIClient().post(reverse("api:learning-contract-import"),
                              {"file": SimpleUploadedFile("c.csv", b"reference\n")},
                              format="multipart")
    assert upload.status_code in (401, 403)


def test_a_role_without_learning_supply_is_refused(supply, web_client, api_client) -> None:  # noqa: ANN001
    web, api = web_client(supply.hop), api_client(supply.hop)
    for url in _pages(supply):
        assert web.get(url).status_code == 403, url
    for url in _api(supply):
        assert api.get(url).status_code == 403, url
    assert api.post(reverse("api:learning-contract-list"), {}, format="json").status_code == 403
    assert api.patch(reverse("api:learning-contract-detail", args=[supply.c_a.pk]),
                     {"title": "x"}, format="json").status_code == 403
    assert api.post(reverse("api:learning-contract-import"), {}, format="multipart") \
        .status_code == 403


def test_a_lead_of_another_organisation_sees_nothing_of_the_contract(
        supply, web_client, api_client) -> None:  # noqa: ANN001
    c = supply.c_a
    rate = c.rates.get()
    web, api = web_client(supply.lead_b), api_client(supply.lead_b)
    for url in (reverse("learning:contract", args=[c.pk]),
                reverse("learning:contract-edit", args=[c.pk]),
                reverse("learning:contract-rate", args=[c.pk, rate.pk])):
        assert web.get(url).status_code == 404, url
        assert web.post(url, {"title": "x", "unit_price": "1",
                              "action": "remove"}).status_code == 404, url
    for url in (reverse("api:learning-contract-detail", args=[c.pk]),
                reverse("api:learning-contract-rates", args=[c.pk]),
                reverse("api:learning-contract-rate-detail", args=[c.pk, rate.pk]),
                reverse("api:learning-contract-coverage", args=[c.pk])):
        assert api.get(url).status_code == 404, url
    assert api.patch(reverse("api:learning-contract-detail", args=[c.pk]), {"title": "x"},
                     format="json").status_code == 404
    assert api.delete(reverse("api:learning-contract-rate-detail", args=[c.pk, rate.pk])) \
        .status_code == 404
    for url in (reverse("learning:contracts"), reverse("learning:contracts-coverage"),
                reverse("learning:framework", args=[supply.framework.pk]),
                reverse("learning:contracts") + "?format=csv"):
        body = web.get(url).content.decode("utf-8-sig")
        assert "CA-1" not in body and "Python for DA" not in body, url
    for url in (reverse("api:learning-contract-list"),
                reverse("api:learning-contract-coverage-all"),
                reverse("api:learning-contract-export")):
        body = api.get(url).content.decode("utf-8-sig")
        assert "CA-1" not in body and "Python for DA" not in body, url
    c.refresh_from_db()
    assert c.title == "Python for DA" and c.rates.count() == 1
    # Frameworks are commercial reference data every supply account reads.
    assert web.get(reverse("learning:frameworks")).status_code == 200
    assert api.get(reverse("api:learning-lot-detail", args=[supply.lot.pk])).status_code == 200
    # A bad id is a 404 too, never an error.
    assert web.get("/learning/contracts/99999999999999999999/").status_code == 404


def test_the_buyers_lead_and_central_see_it(supply, web_client, api_client) -> None:  # noqa: ANN001
    for user in (supply.lead_a, supply.central, supply.admin):
        assert web_client(user).get(reverse("learning:contract", args=[supply.c_a.pk])) \
            .status_code == 200
        assert api_client(user).get(reverse("api:learning-contract-detail",
                                            args=[supply.c_a.pk])).status_code == 200


def test_framework_counts_only_contracts_the_lead_sees(supply, web_client) -> None:  # noqa: ANN001
    from cadre.learning.selectors import contracts as sel

    counts = {f.name: f.contract_count for f in sel.framework_list(supply.lead_b)}
    assert counts == {"Learning DPS": 0}
    counts = {f.name: f.contract_count for f in sel.framework_list(supply.lead_a)}
    assert counts == {"Learning DPS": 1}
