# ruff: noqa: F811 - pytest fixtures imported from contracts_fixtures are named as arguments
"""The contracts API: the register with filters, create and PATCH with ETag/If-Match,
rate cards, coverage, downloads, frameworks and lots, and errors in the house shape."""

from __future__ import annotations

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse

from cadre.learning.models import Contract, RateCardEntry
from cadre.learning.tests.contracts_fixtures import supply  # noqa: F401

pytestmark = pytest.mark.django_db


def _body(s, **overrides) -> dict:  # noqa: ANN001
    data = {"reference": "API-1", "title": "API contract", "supplier": s.acme.pk,
            "buyers": [s.org_a.pk], "starts_on": s.today.isoformat(),
            "ends_on": (s.today + relativedelta(years=2)).isoformat()}
    data.update(overrides)
    return data


def test_the_register_lists_and_filters(supply, api_client) -> None:  # noqa: ANN001
    api = api_client(supply.central)
    url = reverse("api:learning-contract-list")
    body = api.get(url).json()
    assert body["count"] == 2
    assert [r["status"] for r in body["results"]] == ["ending_6", "ending_12"]
    assert api.get(url, {"expiring_within": 6}).json()["count"] == 1
    assert api.get(url, {"organisation": supply.org_b.pk}).json()["results"][0][
        "reference"] == "CB-1"
    bad = api.get(url, {"expiring_within": 500})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "expiring_within"
    assert api_client(supply.lead_a).get(url).json()["count"] == 1


def test_create_and_patch_with_if_match(supply, api_client) -> None:  # noqa: ANN001
    api = api_client(supply.lead_a)
    created = api.post(reverse("api:learning-contract-list"), _body(supply), format="json")
    assert created.status_code == 201
    pk = created.json()["id"]
    url = reverse("api:learning-contract-detail", args=[pk])
    read = api.get(url)
    etag = read["ETag"]
    ok = api.patch(url, {"title": "Changed"}, format="json", HTTP_IF_MATCH=etag)
    assert ok.status_code == 200 and ok.json()["title"] == "Changed"
    assert ok["ETag"] != etag
    stale = api.patch(url, {"title": "Lost update"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert Contract.objects.get(pk=pk).title == "Changed"
    # A rate card change is a change of the contract: the ETag moves on.
    before = api.get(url)["ETag"]
    api.post(reverse("api:learning-contract-rates", args=[pk]),
             {"product": supply.python.pk, "unit_price": "10"}, format="json")
    assert api.get(url)["ETag"] != before


def test_bad_input_names_the_field(supply, api_client) -> None:  # noqa: ANN001
    api = api_client(supply.central)
    url = reverse("api:learning-contract-list")
    cases = [
        ({"reference": "R" * 51}, "reference"),
        ({"title": ""}, "title"),
        ({"buyers": []}, "buyers"),
        ({"ceiling_value": "-1"}, "ceiling_value"),
        ({"ends_on": (supply.today - relativedelta(days=1)).isoformat()}, "ends_on"),
        ({"ends_on": (supply.today + relativedelta(years=11)).isoformat()}, "ends_on"),
        ({"lot": supply.lot.pk}, "lot"),
        ({"supplier": 999999}, "supplier"),
    ]
    for overrides, field in cases:
        response = api.post(url, _body(supply, **overrides), format="json")
        assert response.status_code == 400, overrides
        assert field in [e["field"] for e in response.json()["errors"]], overrides
    assert not Contract.objects.filter(title="API contract").exists()
    refused = api_client(supply.lead_a).post(url, _body(supply, buyers=[supply.org_b.pk]),
                                             format="json")
    assert refused.status_code == 403


def test_rate_card_endpoints(supply, api_client) -> None:  # noqa: ANN001
    api = api_client(supply.lead_a)
    rates = reverse("api:learning-contract-rates", args=[supply.c_a.pk])
    assert api.get(rates).json()["count"] == 1
    wrong = api.post(rates, {"product": supply.research.pk, "unit_price": "1"}, format="json")
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "product"
    too_dear = api.post(rates, {"product": supply.testing.pk, "unit_price": "1000001"},
                        format="json")
    assert too_dear.status_code == 400 and too_dear.json()["errors"][0]["field"] == "unit_price"
    added = api.post(rates, {"product": supply.testing.pk, "unit_price": "75.50"},
                     format="json")
    assert added.status_code == 201
    entry = added.json()["id"]
    detail = reverse("api:learning-contract-rate-detail", args=[supply.c_a.pk, entry])
    assert api.patch(detail, {"unit_price": "70"}, format="json").json()["unit_price"] == "70.00"
    assert api.delete(detail).status_code == 204
    assert not RateCardEntry.objects.filter(pk=entry).exists()
    coverage = api.get(reverse("api:learning-contract-coverage", args=[supply.c_a.pk])).json()
    assert {row["skill"] for row in coverage} == {"Programming", "Testing", "Data engineering"}


def test_coverage_export_and_frameworks(supply, api_client) -> None:  # noqa: ANN001
    api = api_client(supply.central)
    coverage = api.get(reverse("api:learning-contract-coverage-all")).json()
    assert coverage["contracts"] == 2 and coverage["uncovered"] == []
    export = api.get(reverse("api:learning-contract-export"), {"download": "xlsx"})
    assert export.status_code == 200 and ".xlsx" in export["Content-Disposition"]
    assert api.get(reverse("api:learning-contract-export"),
                   {"download": "pdf"}).status_code == 400
    frameworks = api.get(reverse("api:learning-framework-list")).json()
    assert frameworks["results"][0]["lots"][0]["number"] == 1
    created = api.post(reverse("api:learning-framework-list"), {
        "name": "API DPS", "starts_on": supply.today.isoformat(),
        "ends_on": (supply.today + relativedelta(years=1)).isoformat()}, format="json")
    assert created.status_code == 201
    fw = created.json()["id"]
    detail = reverse("api:learning-framework-detail", args=[fw])
    etag = api.get(detail)["ETag"]
    assert api.patch(detail, {"reference": "RM2"}, format="json",
                     HTTP_IF_MATCH=etag).status_code == 200
    assert api.patch(detail, {"reference": "RM3"}, format="json",
                     HTTP_IF_MATCH=etag).status_code == 412
    lot = api.post(reverse("api:learning-framework-lots", args=[fw]), {
        "number": 1, "title": "All", "skills": [supply.skills["Testing"].pk]}, format="json")
    assert lot.status_code == 201
    lot_url = reverse("api:learning-lot-detail", args=[lot.json()["id"]])
    assert api.patch(lot_url, {"number": 51}, format="json").status_code == 400
    assert api.patch(lot_url, {"title": "Everything"}, format="json").json()["title"] == \
        "Everything"
    lead = api_client(supply.lead_a)
    assert lead.get(lot_url).status_code == 200
    assert lead.patch(lot_url, {"title": "x"}, format="json").status_code == 403
    assert lead.post(reverse("api:learning-framework-list"), {}, format="json").status_code \
        == 403


def test_an_empty_patch_changes_nothing(supply, api_client) -> None:  # noqa: ANN001
    api = api_client(supply.central)
    entry = supply.c_a.rates.get()
    for url in (reverse("api:learning-contract-detail", args=[supply.c_a.pk]),
                reverse("api:learning-contract-rate-detail", args=[supply.c_a.pk, entry.pk]),
                reverse("api:learning-framework-detail", args=[supply.framework.pk]),
                reverse("api:learning-lot-detail", args=[supply.lot.pk])):
        before = api.get(url).json()
        response = api.patch(url, {}, format="json")
        assert response.status_code == 200, url
        assert response.json() == before, url
