"""The spend API: import (400 naming rows and columns, nothing written), lists, detail,
mappings, the review queue and decisions (409 when someone else decided first)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cadre.learning.models import SpendColumnMapping, SpendImport, SpendLine, SupplierName
from cadre.learning.services.spend import decide_supplier
from cadre.learning.tests.spend_fixtures import (  # noqa: F401
    GOOD,
    catalogue,
    central,
    lead_a,
    lead_b,
    spend_csv,
)

pytestmark = pytest.mark.django_db


def _file(data: bytes = GOOD, name: str = "spend.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "text/csv")


def test_import_list_detail(catalogue, org_a, lead_a, api_client) -> None:  # noqa: ANN001, F811
    api = api_client(lead_a)
    dry = api.post("/api/v1/learning/spend/imports/",
                   {"organisation": "DA", "file": _file(), "dry_run": "true"},
                   format="multipart")
    assert dry.status_code == 200 and dry.json()["spend_import"] is None
    assert not SpendImport.objects.exists()
    made = api.post("/api/v1/learning/spend/imports/", {"organisation": "da", "file": _file()},
                    format="multipart")
    assert made.status_code == 201, made.json()
    body = made.json()
    assert body["rows"] == 6 and body["to_review"] == 1 and body["duplicates"] == 1
    assert body["total"] == "5001.00"
    listing = api.get("/api/v1/learning/spend/imports/?organisation=DA").json()
    assert listing["count"] == 1 and listing["results"][0]["filename"] == "spend.csv"
    detail = api.get(f"/api/v1/learning/spend/imports/{body['spend_import']}/").json()
    assert {s["status"]: s["lines"] for s in detail["statuses"]} == {
        "matched": 5, "review": 0, "unmatched": 1, "confirmed": 0}
    assert detail["problems"][0]["column"] == "Vendor"
    assert api.get("/api/v1/learning/spend/imports/999999/").status_code == 404


def test_a_faulty_file_is_a_400_naming_rows_and_columns(catalogue, org_a, lead_a,  # noqa: ANN001, F811
                                                        api_client) -> None:
    api = api_client(lead_a)
    response = api.post("/api/v1/learning/spend/imports/", {
        "organisation": "DA", "file": _file(spend_csv(
            "2024-04-02,Acme,Course,€10,1,PO,CC", "02/04/24,Acme,Course,10,1,PO,CC"))},
        format="multipart")
    assert response.status_code == 400
    assert [(e["row"], e["column"]) for e in response.json()["errors"]] == [
        (2, "Net Amount"), (3, "Invoice Date")]
    assert not SpendLine.objects.exists()
    bad_mapping = api.post("/api/v1/learning/spend/imports/", {
        "organisation": "DA", "file": _file(), "mapping": "[1]"}, format="multipart")
    assert bad_mapping.status_code == 400
    assert bad_mapping.json()["errors"][0]["field"] == "mapping"
    unknown = api.post("/api/v1/learning/spend/imports/", {
        "organisation": "DA", "file": _file(), "mapping_name": "nope"}, format="multipart")
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["field"] == "mapping"
    missing = api.post("/api/v1/learning/spend/imports/", {"organisation": "DA"},
                       format="multipart")
    assert missing.status_code == 400 and missing.json()["errors"][0]["field"] == "file"


def test_mappings(org_a, lead_a, api_client) -> None:  # noqa: ANN001, F811
    api = api_client(lead_a)
    columns = {"When": "date", "Who": "supplier", "How much": "amount", "Notes": ""}
    saved = api.post("/api/v1/learning/spend/mappings/",
                     {"organisation": "DA", "name": "finance", "columns": columns}, format="json")
    assert saved.status_code == 200 and saved.json()["columns"] == columns
    twice = api.post("/api/v1/learning/spend/mappings/", {
        "organisation": "DA", "name": "finance",
        "columns": {"When": "date", "Who": "date"}}, format="json")
    assert twice.status_code == 400 and twice.json()["errors"][0]["field"] == "columns"
    assert SpendColumnMapping.objects.get().columns == columns
    listing = api.get("/api/v1/learning/spend/mappings/").json()
    assert listing["count"] == 1 and listing["results"][0]["name"] == "finance"
    data = spend_csv("2024-05-01,Acme,10,x", header="When,Who,How much,Notes\n")
    made = api.post("/api/v1/learning/spend/imports/", {
        "organisation": "DA", "file": _file(data), "mapping": json.dumps(columns)},
        format="multipart")
    assert made.status_code == 201 and made.json()["rows"] == 1


def test_review_and_decisions(catalogue, org_a, lead_a, central, api_client) -> None:  # noqa: ANN001, F811
    api = api_client(lead_a)
    api.post("/api/v1/learning/spend/imports/", {"organisation": "DA", "file": _file(
        spend_csv("2024-04-02,Acme Trainin Services,Agile Foundation,100,1,PO-1,CC1",
                  "2024-04-03,Acme Trainin Services,Scrum practitioner training,200,1,PO,CC"))},
        format="multipart")
    queue = api.get("/api/v1/learning/spend/review/").json()
    assert [s["name"] for s in queue["suppliers"]] == ["Acme Trainin Services"]
    supplier = queue["suppliers"][0]
    assert supplier["suggested_provider"] == catalogue.acme.pk and supplier["lines"] == 2
    url = f"/api/v1/learning/spend/review/suppliers/{supplier['id']}/"
    assert api.post(url, {"provider": 999999}, format="json").status_code == 400
    assert api.post(url, {}, format="json").status_code == 400
    done = api.post(url, {"provider": catalogue.acme.pk}, format="json")
    assert done.status_code == 200 and done.json() == {"lines": 2}
    assert api.post(url, {"provider": None}, format="json").status_code == 404  # none waiting
    queue = api.get("/api/v1/learning/spend/review/?organisation=DA").json()
    description = queue["descriptions"][0]
    assert description["suggested_product"] == catalogue.scrum.pk
    url = f"/api/v1/learning/spend/review/descriptions/{description['id']}/"
    assert api.post(url, {"product": catalogue.python.pk}, format="json").status_code == 400
    assert api.post(url, {"product": catalogue.scrum.pk}, format="json").json() == {"lines": 1}


def test_a_decision_lost_to_another_reviewer_is_a_409(catalogue, org_a, lead_a, central,  # noqa: ANN001, F811
                                                     api_client, monkeypatch) -> None:
    from cadre.learning.api import spend as spend_api
    from cadre.learning.services.spend import import_spend

    import_spend(actor=lead_a, organisation=org_a, data=spend_csv(
        "2024-04-02,Zebra Widgets,Chairs,100,1,PO-1,CC1"), filename="a.csv")
    name = SupplierName.objects.get(name_key="zebra widgets")
    # The other reviewer decides between this request's check and its decision.
    seen = spend_api.sel.supplier_name_for_review

    def looked(user, pk):  # noqa: ANN001, ANN202
        found = seen(user, pk)
        decide_supplier(actor=central, supplier_name_id=name.pk, provider_id=None)
        return found

    monkeypatch.setattr(spend_api.sel, "supplier_name_for_review", looked)
    response = api_client(lead_a).post(f"/api/v1/learning/spend/review/suppliers/{name.pk}/",
                                       {"provider": catalogue.acme.pk}, format="json")
    assert response.status_code == 409
    assert "decided by" in response.json()["detail"]
    name.refresh_from_db()
    assert name.provider_id is None and name.decided_by == central
