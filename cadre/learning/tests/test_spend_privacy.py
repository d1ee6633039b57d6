"""Every spend page and endpoint refuses the anonymous and accounts without learning supply
roles, and a learning lead of another organisation sees none of these lines."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.learning.models import SpendImport, SpendLine, SupplierName
from cadre.learning.services.spend import import_spend, save_mapping
from cadre.learning.tests.spend_fixtures import catalogue, spend_csv  # noqa: F401

pytestmark = pytest.mark.django_db

SECRETS = (b"secret-spend.csv", b"Secretive Supplier", b"Hidden course", b"secret-mapping",
           b"SECRET-PO")
DATA = spend_csv("2024-04-02,Secretive Supplier,Hidden course,\"£9,999.00\",1,SECRET-PO,CC",
                 "2024-04-03,Acme Learnin Services,Hidden course,50,1,SECRET-PO,CC")


@pytest.fixture
def world(catalogue, org_a, make_account):  # noqa: ANN001, ANN201, F811
    lead = make_account(Role.LEARNING_LEAD, org_a)
    save_mapping(actor=lead, organisation=org_a, name="secret-mapping",
                 columns={"Invoice Date": "date"})
    result = import_spend(actor=lead, organisation=org_a, data=DATA, filename="secret-spend.csv")
    waiting = SpendLine.objects.exclude(product_description=None).first()
    name = SupplierName.objects.get(name_key="secretive supplier")
    return {"import": result.spend_import, "name": name, "lead": lead,
            "description": waiting.product_description_id if waiting else 0}


def _pages(world) -> list[str]:  # noqa: ANN001
    return [
        reverse("learning:spend-imports"), reverse("learning:spend-upload"),
        reverse("learning:spend-mapping"), reverse("learning:spend-confirm"),
        reverse("learning:spend-import", args=[world["import"].pk]),
        reverse("learning:spend-mappings"), reverse("learning:spend-review"),
        reverse("learning:spend-review-supplier", args=[world["name"].pk]),
        reverse("learning:spend-review-description", args=[world["description"] or 1]),
    ]


def _api(world) -> list[str]:  # noqa: ANN001
    return [
        reverse("api:learning-spend-import-list"),
        reverse("api:learning-spend-import-detail", args=[world["import"].pk]),
        reverse("api:learning-spend-mapping-list"), reverse("api:learning-spend-review"),
        reverse("api:learning-spend-review-supplier", args=[world["name"].pk]),
        reverse("api:learning-spend-review-description", args=[world["description"] or 1]),
    ]


def _clean(content: bytes) -> None:
    for secret in SECRETS:
        assert secret not in content, secret


@pytest.fixture(params=["head of profession", "analyst", "professional", "programme manager",
                        "line manager"])
def no_supply_role(request, people, org_a, make_account):  # noqa: ANN001, ANN201
    return {
        "head of profession": lambda: make_account(Role.HEAD_OF_PROFESSION, org_a),
        "analyst": lambda: make_account(Role.ANALYST),
        "professional": lambda: make_account(Role.PROFESSIONAL, person=people.a_staff1),
        "programme manager": lambda: make_account(Role.PROGRAMME_MANAGER),
        "line manager": lambda: make_account(person=people.a_manager),
    }[request.param]()


def test_anonymous_is_sent_to_sign_in(world, client) -> None:  # noqa: ANN001
    for url in _pages(world):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        _clean(response.content)
    for url in _api(world):
        assert client.get(url).status_code in (401, 403, 405), url
        assert client.post(url, {}).status_code in (401, 403, 405), url


def test_accounts_without_a_supply_role_are_refused(world, no_supply_role, web_client,  # noqa: ANN001
                                                    api_client) -> None:
    web, api = web_client(no_supply_role), api_client(no_supply_role)
    for url in _pages(world):
        response = web.get(url)
        assert response.status_code == 403, url
        _clean(response.content)
        assert web.post(url, {}).status_code in (403, 405), url
    for url in _api(world):
        response = api.get(url)
        assert response.status_code in (403, 405), url
        _clean(response.content)
        assert api.post(url, {}, format="json").status_code in (403, 405), url
    assert SpendImport.objects.count() == 1 and SpendLine.objects.count() == 2


def test_a_learning_lead_elsewhere_sees_none_of_it(world, org_b, make_account, web_client,  # noqa: ANN001
                                                   api_client) -> None:
    other = make_account(Role.LEARNING_LEAD, org_b)
    web, api = web_client(other), api_client(other)
    for url in _pages(world):
        response = web.get(url)
        assert response.status_code in (200, 302, 404), url
        _clean(response.content)
    for url in _api(world):
        response = api.get(url)
        if response.status_code == 200 and "results" in response.json():
            assert response.json()["count"] == 0, url
        elif response.status_code == 200:
            assert response.json() == {"suppliers": [], "descriptions": []}, url
        else:
            assert response.status_code in (404, 405), url
        _clean(response.content)
    # Deciding on lines that are not theirs: refused, nothing changed.
    supplier_url = reverse("api:learning-spend-review-supplier", args=[world["name"].pk])
    assert api.post(supplier_url, {"provider": None}, format="json").status_code == 404
    page_url = reverse("learning:spend-review-supplier", args=[world["name"].pk])
    assert web.post(page_url, {"provider": "none"}).status_code == 404
    # Importing into an organisation that is not theirs.
    upload = api.post(reverse("api:learning-spend-import-list"),
                      {"organisation": "DA", "file": _file()}, format="multipart")
    assert upload.status_code == 404
    assert SpendImport.objects.count() == 1
    assert not SupplierName.objects.filter(decided=True).exists()


def _file():  # noqa: ANN202
    from django.core.files.uploadedfile import SimpleUploadedFile
    return SimpleUploadedFile("x.csv", DATA, "text/csv")
