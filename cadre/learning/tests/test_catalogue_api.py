# ruff: noqa: F811 - pytest fixtures imported from catalogue_fixtures are named as arguments
"""The catalogue API: its drf-spectacular schema, reads and filters, each write, errors
naming the field, and the import endpoint's row and column errors."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

from cadre.learning.models import Product, ProductSkill, Provider
from cadre.learning.tests.catalogue_fixtures import world  # noqa: F401

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/learning/providers/": {"get", "post"},
    "/api/v1/learning/providers/{provider_id}/": {"get", "patch"},
    "/api/v1/learning/products/": {"get", "post"},
    "/api/v1/learning/products/{product_id}/": {"get", "patch"},
    "/api/v1/learning/products/{product_id}/withdrawn/": {"post"},
    "/api/v1/learning/products/{product_id}/skills/": {"get", "post"},
    "/api/v1/learning/products/{product_id}/skills/{skill_id}/": {"delete"},
    "/api/v1/learning/products/{product_id}/jsonld/": {"get"},
    "/api/v1/learning/catalogue/import/": {"post"},
}


def _schema() -> dict:
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document, renderer_context={}))


def _props(schema: dict, ref: str) -> set[str]:
    return set(schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]["properties"])


def test_the_schema_describes_every_operation_and_response() -> None:
    schema = _schema()
    for path, methods in PATHS.items():
        assert path in schema["paths"], path
        assert methods <= set(schema["paths"][path]), (path, schema["paths"][path].keys())
    listing = schema["paths"]["/api/v1/learning/products/"]["get"]
    names = {p["name"] for p in listing["parameters"]}
    assert {"skill", "min_level", "kind", "mode", "provider", "q", "withdrawn",
            "page"} <= names
    page = listing["responses"]["200"]["content"]["application/json"]["schema"]
    assert {"count", "next", "previous", "results"} <= _props(schema, page["$ref"])
    upload = schema["paths"]["/api/v1/learning/catalogue/import/"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert {"201", "200", "400"} <= set(upload["responses"])


def test_reads_and_filters_match_the_schema(world, api_client) -> None:  # noqa: ANN001
    schema = _schema()
    api = api_client(world.professional)
    body = api.get(reverse("api:learning-product-list")).json()
    assert body["count"] == 1
    item = body["results"][0]
    detail = schema["paths"]["/api/v1/learning/products/{product_id}/"]["get"]["responses"]["200"]
    assert set(item) == _props(schema, detail["content"]["application/json"]["schema"]["$ref"])
    assert item["skills"][0] == {"skill": world.skills["Programming"].pk,
                                 "skill_name": "Programming",
                                 "level": world.levels["Working"].pk, "level_name": "Working",
                                 "level_ordinal": 2}
    assert item["list_price"] == "750.00" and item["provider_name"] == "Acme Learning Ltd"
    assert api.get(reverse("api:learning-product-list"), {"min_level": 3}).json()["count"] == 0
    assert api.get(reverse("api:learning-product-list"),
                   {"skill": world.skills["Programming"].pk}).json()["count"] == 1
    bad = api.get(reverse("api:learning-product-list"), {"kind": "lecture"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "kind"
    provider = api.get(reverse("api:learning-provider-detail", args=[world.provider.pk]))
    assert provider.json()["aliases"] == ["Acme", "ACME Training"]
    assert provider.json()["products"] == 1
    assert api.get(reverse("api:learning-provider-list"), {"q": "01234567"}).json()[
        "count"] == 1
    assert api.get(reverse("api:learning-product-detail", args=[99999])).status_code == 404


def test_writes(world, api_client) -> None:  # noqa: ANN001
    api = api_client(world.lead)
    made = api.post(reverse("api:learning-provider-list"),
                    {"name": "Delta", "company_number": "SC000001", "aliases": ["D Ltd"]},
                    format="json")
    assert made.status_code == 201
    delta = Provider.objects.get(name="Delta")
    changed = api.patch(reverse("api:learning-provider-detail", args=[delta.pk]),
                        {"website": "https://delta.example"}, format="json")
    assert changed.status_code == 200 and changed.json()["website"] == "https://delta.example"
    product = api.post(reverse("api:learning-product-list"), {
        "provider": delta.pk, "title": "Service design", "kind": "course",
        "mode": "in_person", "duration_hours": "21", "list_price": "1800",
        "audience": "organisations", "organisations": ["DA"],
        "skills": [{"skill": "User research", "level": "Practitioner"}]}, format="json")
    assert product.status_code == 201, product.json()
    body = product.json()
    assert body["organisations"] == ["DA"] and body["skills"][0]["level_name"] == "Practitioner"
    pk = body["id"]
    patched = api.patch(reverse("api:learning-product-detail", args=[pk]),
                        {"list_price": "1700.50"}, format="json")
    assert patched.status_code == 200 and patched.json()["list_price"] == "1700.50"
    added = api.post(reverse("api:learning-product-skills", args=[pk]),
                     {"skill": str(world.skills["Testing"].pk), "level": "1"}, format="json")
    assert added.status_code == 201 and added.json()["level_name"] == "Awareness"
    listed = api.get(reverse("api:learning-product-skills", args=[pk])).json()
    assert [s["skill_name"] for s in listed] == ["Testing", "User research"]
    gone = api.delete(reverse("api:learning-product-skill",
                              args=[pk, world.skills["Testing"].pk]))
    assert gone.status_code == 204
    assert api.delete(reverse("api:learning-product-skill",
                              args=[pk, world.skills["Testing"].pk])).status_code == 404
    withdrawn = api.post(reverse("api:learning-product-withdrawn", args=[pk]),
                         {"withdrawn": True}, format="json")
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn"] is True
    assert ProductSkill.objects.filter(product_id=pk).count() == 1


def test_bad_input_names_the_field_and_writes_nothing(world, api_client) -> None:  # noqa: ANN001
    api = api_client(world.lead)
    base = {"provider": world.provider.pk, "title": "T", "kind": "course",
            "mode": "in_person", "duration_hours": "1", "list_price": "1"}
    cases = [
        ({"title": "x" * 201}, "title"),
        ({"code": "x" * 51}, "code"),
        ({"kind": "lecture"}, "kind"),
        ({"mode": "pigeon"}, "mode"),
        ({"duration_hours": "0.4"}, "duration_hours"),
        ({"duration_hours": "2000.1"}, "duration_hours"),
        ({"list_price": "1000000.01"}, "list_price"),
        ({"list_price": "-1"}, "list_price"),
        ({"description": "x" * 5001}, "description"),
        ({"url": "not a url"}, "url"),
        ({"xapi_activity_id": "x" * 501}, "xapi_activity_id"),
        ({"audience": "grades", "grades": ["G99"]}, "grades"),
        ({"audience": "organisations", "organisations": ["ZZ"]}, "organisations"),
        ({"audience": "grades", "grades": [f"G{i}" for i in range(31)]}, "grades"),
        ({"skills": [{"skill": "Juggling", "level": "1"}]}, "skill"),
        ({"skills": [{"skill": "Testing", "level": "Guru"}]}, "level"),
        ({"provider": 99999}, "provider"),
    ]
    for change, field in cases:
        response = api.post(reverse("api:learning-product-list"), {**base, **change},
                            format="json")
        assert response.status_code == 400, (change, response.content)
        fields = {e["field"].split("[")[0].split(".")[0] for e in response.json()["errors"]}
        assert field in fields or (field in ("skill", "level") and "skills" in fields), \
            (change, response.json())
    provider_cases = [({"name": "x" * 201}, "name"), ({"company_number": "123"},
                                                      "company_number"),
                      ({"website": "javascript:alert(1)"}, "website"),
                      ({"aliases": ["x" * 201]}, "aliases"),
                      ({"aliases": [f"a{i}" for i in range(21)]}, "aliases")]
    for change, field in provider_cases:
        response = api.post(reverse("api:learning-provider-list"), {"name": "N", **change},
                            format="json")
        assert response.status_code == 400, change
        assert field in {e["field"].split("[")[0] for e in response.json()["errors"]}, change
    assert Product.objects.count() == 1 and Provider.objects.count() == 1


def test_import_endpoint(world, api_client) -> None:  # noqa: ANN001
    api = api_client(world.central)
    bad = ("provider,title,kind,mode,duration_hours,list_price\n"
           "Acme Learning Ltd,A,course,in_person,1,£2,000,000\n")
    response = api.post(reverse("api:learning-catalogue-import"),
                        {"file": SimpleUploadedFile("c.csv", bad.encode())},
                        format="multipart")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors and errors[0]["row"] == 2
    good = ("provider,title,kind,mode,duration_hours,list_price\n"
            "Acme Learning Ltd,A,course,in_person,1,\"£2,000\"\n")
    dry = api.post(reverse("api:learning-catalogue-import"),
                   {"file": SimpleUploadedFile("c.csv", good.encode()), "dry_run": "true"},
                   format="multipart")
    assert dry.status_code == 200 and dry.json()["products_created"] == 1
    assert not Product.objects.filter(title="A").exists()
    done = api.post(reverse("api:learning-catalogue-import"),
                    {"file": SimpleUploadedFile("c.csv", good.encode())}, format="multipart")
    assert done.status_code == 201 and done.json() == {
        "rows": 1, "products_created": 1, "products_updated": 0, "products_unchanged": 0,
        "providers_created": 0, "providers_updated": 0, "dry_run": False}
