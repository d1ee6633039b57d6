# ruff: noqa: F811 - fixtures imported from xapi_fixtures are named as arguments
"""The learning-record pages and commands: credentials made (secret shown once) and
revoked, statements received, a person's own records, linking plan activities to
products; ``cadre learning xapi-credentials`` and ``cadre learning statements``; bad input
named and nothing written."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.learning.models import ActivityProduct, Product, ProviderCredential
from cadre.learning.tests.xapi_fixtures import (  # noqa: F401
    XapiClient,
    lrs,
    statement,
    voiding,
    world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def central(make_account, web_client):  # noqa: ANN001, ANN201
    return web_client(make_account(Role.CENTRAL_TEAM))


def test_central_makes_a_credential_and_sees_the_secret_once(world, central) -> None:  # noqa: ANN001
    listing = central.get(reverse("learning:xapi-credentials"))
    assert listing.status_code == 200
    create = reverse("learning:xapi-credential-create", args=[world.provider.pk])
    assert create in listing.content.decode()
    assert central.get(create).status_code == 200
    made = central.post(create, {"label": "Staging platform"})
    assert made.status_code == 200 and made["Cache-Control"] == "no-store"
    credential = ProviderCredential.objects.get(label="Staging platform")
    secret = made.context["secret"]
    assert secret in made.content.decode() and secret not in credential.secret_hash
    assert check_password(secret, credential.secret_hash)
    assert secret not in central.get(reverse("learning:xapi-credentials")).content.decode()
    assert XapiClient(credential, secret).get().status_code == 200
    assert AuditEvent.objects.filter(target_type="learning.ProviderCredential",
                                     target_id=str(credential.pk)).exists()


@pytest.mark.parametrize(("label", "message"), [("", "Enter"), ("x" * 101, "100")])
def test_a_bad_label_is_named_and_nothing_is_made(world, central, label: str,
                                                  message: str) -> None:  # noqa: ANN001
    response = central.post(reverse("learning:xapi-credential-create",
                                    args=[world.provider.pk]), {"label": label})
    assert response.status_code == 400
    assert response.context["form"].errors["label"] and message in str(
        response.context["form"].errors["label"])
    assert ProviderCredential.objects.count() == 2


def test_central_revokes_a_credential(world, central) -> None:  # noqa: ANN001
    url = reverse("learning:xapi-credential-revoke", args=[world.credential.pk])
    assert central.get(url).status_code == 200
    response = central.post(url)
    assert response.status_code == 302
    world.credential.refresh_from_db()
    assert world.credential.revoked_at is not None
    assert XapiClient(world.credential, world.secret).get().status_code == 401
    assert "Revoked" in central.get(reverse("learning:xapi-credentials")).content.decode()
    assert central.get(reverse("learning:xapi-credential-revoke",
                               args=[999999])).status_code == 404


def test_statements_page_filters_by_provider(world, lrs, central) -> None:  # noqa: ANN001
    ident = lrs.post(statement()).json()[0]
    lrs.post(voiding(ident))
    url = reverse("learning:xapi-statements")
    page = central.get(url, {"provider": world.provider.pk})
    assert page.status_code == 200 and "Voided" in page.content.decode()
    bad = central.get(url, {"provider": "abc"})
    assert bad.status_code == 400 and "Provider" in bad.content.decode()


def test_my_records_show_effects_and_voiding(world, lrs, web_client) -> None:  # noqa: ANN001
    ident = lrs.post(statement()).json()[0]
    client = web_client(world.user)
    page = client.get(reverse("learning:xapi-my-records")).content.decode()
    assert "Plan activity marked done" in page and "CPD recorded" in page
    lrs.post(voiding(ident))
    page = client.get(reverse("learning:xapi-my-records")).content.decode()
    assert "Voided by the provider" in page
    manager_user = web_client(world.manager_user)
    assert "secure-coding" not in manager_user.get(
        reverse("learning:xapi-my-records")).content.decode()


def test_the_person_links_and_unlinks_a_plan_activity(world, web_client) -> None:  # noqa: ANN001
    url = reverse("learning:xapi-plan-links", args=[world.person.pk])
    client = web_client(world.user)
    page = client.get(url).content.decode()
    assert "Take the secure coding course" in page and "Data basics" in page
    response = client.post(url, {"activity": world.activity.pk,
                                 "product": world.other_product.pk})
    assert response.status_code == 302
    assert ActivityProduct.objects.get(activity=world.activity).product == world.other_product
    client.post(url, {"activity": world.activity.pk, "product": ""})
    assert not ActivityProduct.objects.filter(activity=world.activity).exists()
    plan = client.get(reverse("assessments:plan", args=[world.person.pk])).content.decode()
    assert url in plan


def test_bad_links_are_named_and_nothing_is_written(world, web_client) -> None:  # noqa: ANN001
    url = reverse("learning:xapi-plan-links", args=[world.person.pk])
    client = web_client(world.manager_user)
    unlisted = Product.objects.create(provider=world.provider, title="No records", kind="course",
                                      mode="in_person", duration_hours=1, list_price=1)
    for product in ("999999", "abc", str(unlisted.pk)):
        response = client.post(url, {"activity": world.activity.pk, "product": product})
        assert response.status_code == 400, product
        assert "product" in response.context["summary_form"].errors
    assert ActivityProduct.objects.get(activity=world.activity).product == world.product
    assert client.post(url, {"activity": "abc", "product": ""}).status_code in (400, 404)
    assert client.post(url, {"activity": 999999, "product": ""}).status_code == 404


def test_the_credentials_command(world, keep_connection_open) -> None:  # noqa: ANN001
    out = io.StringIO()
    call_command("learning_xapi_credentials", "--provider", "learning co", "--create",
                 "Batch loader", stdout=out)
    lines = dict(line.split(": ", 1) for line in out.getvalue().splitlines() if ": " in line)
    credential = ProviderCredential.objects.get(key=lines["key"])
    assert check_password(lines["secret"], credential.secret_hash)
    out = io.StringIO()
    call_command("learning_xapi_credentials", "--provider", "Learning Co", stdout=out)
    assert credential.key in out.getvalue() and "active" in out.getvalue()
    call_command("learning_xapi_credentials", "--provider", "Learning Co", "--revoke",
                 credential.key, stdout=io.StringIO())
    credential.refresh_from_db()
    assert credential.revoked_at is not None
    with pytest.raises(CommandError, match="No provider"):
        call_command("learning_xapi_credentials", "--provider", "Nobody")
    with pytest.raises(CommandError, match="no credential"):
        call_command("learning_xapi_credentials", "--provider", "Learning Co", "--revoke", "x")
    with pytest.raises(CommandError, match="label"):
        call_command("learning_xapi_credentials", "--provider", "Learning Co", "--create", " ")


def test_the_statements_command(world, lrs, keep_connection_open) -> None:  # noqa: ANN001
    ident = lrs.post(statement()).json()[0]
    lrs.post(voiding(ident))
    out = io.StringIO()
    call_command("learning_statements", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    rows = data["statements"] if isinstance(data, dict) else data
    by_id = {r["statement_id"]: r for r in rows}
    assert by_id[ident]["voided"] is True and by_id[ident]["person"] == "DX/X2"
    assert by_id[ident]["statement"]["id"] == ident
    out = io.StringIO()
    call_command("learning_statements", "--provider", "Other Learning Ltd", "--format", "csv",
                 stdout=out)
    assert list(csv.reader(io.StringIO(out.getvalue())))[1:] == []
    with pytest.raises(CommandError, match="No provider"):
        call_command("learning_statements", "--provider", "Nobody", "--format", "csv")


def test_the_api_makes_revokes_and_links(world, api_client, make_account) -> None:  # noqa: ANN001
    central = api_client(make_account(Role.CENTRAL_TEAM))
    url = reverse("api:learning-xapi-credentials", args=[world.provider.pk])
    made = central.post(url, {"label": "From the API"}, format="json")
    assert made.status_code == 201 and made["Cache-Control"] == "no-store"
    assert XapiClient(ProviderCredential.objects.get(key=made.json()["key"]),
                      made.json()["secret"]).get().status_code == 200
    bad = central.post(url, {"label": "x" * 101}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "label"
    revoked = central.post(reverse("api:learning-xapi-credential-revoke",
                                   args=[made.json()["id"]]))
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert central.get(reverse("api:learning-xapi-statements"),
                       {"provider": "abc"}).status_code == 400
    person = api_client(world.user)
    link = reverse("api:learning-xapi-activity-product", args=[world.activity.pk])
    response = person.put(link, {"product": world.other_product.pk}, format="json")
    assert response.status_code == 200 and response.json()["product"] == world.other_product.pk
    for product in (999999, "abc", 0):
        response = person.put(link, {"product": product}, format="json")
        assert response.status_code == 400 and response.json()["errors"][0]["field"] == "product"
    assert person.put(link, {"product": None}, format="json").json()["product"] is None
