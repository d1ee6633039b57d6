# ruff: noqa: F811 - pytest fixtures imported from catalogue_fixtures are named as arguments
"""Who may open each catalogue URL: nobody signed out (pages redirect to sign-in, the API
answers 401/403); everyone signed in reads; only learning leads, the central team and
administrators write (403 for every other role, nothing changed)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.learning.models import Product, Provider
from cadre.learning.tests.catalogue_fixtures import world  # noqa: F401

pytestmark = pytest.mark.django_db

READ_PAGES = ("learning:providers", "learning:provider", "learning:products",
              "learning:product")
WRITE_PAGES = ("learning:provider-create", "learning:provider-edit",
               "learning:product-create", "learning:product-edit", "learning:product-skills",
               "learning:catalogue-import")
READ_API = ("api:learning-provider-list", "api:learning-provider-detail",
            "api:learning-product-list", "api:learning-product-detail",
            "api:learning-product-skills", "api:learning-product-jsonld")


def _url(world, name: str) -> str:  # noqa: ANN001
    if name in ("learning:provider", "learning:provider-edit", "api:learning-provider-detail"):
        return reverse(name, args=[world.provider.pk])
    if name in ("learning:product", "learning:product-edit", "learning:product-skills",
                "learning:product-withdraw", "api:learning-product-detail",
                "api:learning-product-skills", "api:learning-product-jsonld",
                "api:learning-product-withdrawn"):
        return reverse(name, args=[world.product.pk])
    if name == "api:learning-product-skill":
        return reverse(name, args=[world.product.pk, world.skills["Programming"].pk])
    return reverse(name)


def test_signed_out_gets_nothing(world) -> None:  # noqa: ANN001
    for name in (*READ_PAGES, *WRITE_PAGES):
        response = Client().get(_url(world, name))
        assert response.status_code == 302 and "sign-in" in response["Location"], name
    response = Client().post(_url(world, "learning:product-withdraw"), {"action": "withdraw"})
    assert response.status_code == 302 and "sign-in" in response["Location"]
    for name in READ_API:
        assert APIClient().get(_url(world, name)).status_code in (401, 403), name
    for name in ("api:learning-provider-list", "api:learning-product-list",
                 "api:learning-product-withdrawn", "api:learning-catalogue-import",
                 "api:learning-product-skills"):
        assert APIClient().post(_url(world, name), {}).status_code in (401, 403), name
    assert APIClient().delete(_url(world, "api:learning-product-skill")).status_code in (
        401, 403)
    world.product.refresh_from_db()
    assert not world.product.withdrawn


@pytest.mark.parametrize("who", ["analyst", "hop", "professional"])
def test_readers_without_the_supply_role_read_but_may_not_write(
        world, who, web_client, api_client) -> None:  # noqa: ANN001
    user = getattr(world, who)
    web, api = web_client(user), api_client(user)
    for name in READ_PAGES:
        assert web.get(_url(world, name)).status_code == 200, name
    for name in READ_API:
        assert api.get(_url(world, name)).status_code == 200, name
    for name in WRITE_PAGES:
        assert web.get(_url(world, name)).status_code == 403, name
        assert web.post(_url(world, name), {"name": "X", "title": "X"}).status_code == 403, name
    assert web.post(_url(world, "learning:product-withdraw"),
                    {"action": "withdraw"}).status_code == 403
    posts = {
        "api:learning-provider-list": {"name": "Sneaky Ltd"},
        "api:learning-product-list": {"provider": world.provider.pk, "title": "Sneaky"},
        "api:learning-product-withdrawn": {"withdrawn": True},
        "api:learning-product-skills": {"skill": "Testing", "level": "1"},
    }
    for name, body in posts.items():
        assert api.post(_url(world, name), body, format="json").status_code == 403, name
    assert api.patch(_url(world, "api:learning-product-detail"), {"title": "Sneaky"},
                     format="json").status_code == 403
    assert api.patch(_url(world, "api:learning-provider-detail"), {"name": "Sneaky"},
                     format="json").status_code == 403
    assert api.delete(_url(world, "api:learning-product-skill")).status_code == 403
    upload = SimpleUploadedFile("c.csv", b"provider,title,kind,mode,duration_hours,"
                                b"list_price\nSneaky,S,course,in_person,1,1\n")
    assert api.post(_url(world, "api:learning-catalogue-import"), {"file": upload},
                    format="multipart").status_code == 403
    world.product.refresh_from_db()
    assert world.product.title == "Python for analysts" and not world.product.withdrawn
    assert world.product.skills.count() == 1
    assert not Provider.objects.filter(name__startswith="Sneaky").exists()
    assert not Product.objects.filter(title__startswith="Sneaky").exists()
    # No write links on the pages they read.
    html = web.get(_url(world, "learning:product")).content.decode()
    assert _url(world, "learning:product-edit") not in html
    assert reverse("learning:catalogue-import") not in \
        web.get(reverse("learning:products")).content.decode()


@pytest.mark.parametrize("who", ["lead", "central", "admin"])
def test_supply_roles_open_every_write_page(world, who, web_client) -> None:  # noqa: ANN001
    web = web_client(getattr(world, who))
    for name in WRITE_PAGES:
        assert web.get(_url(world, name)).status_code == 200, name
    detail = web.get(_url(world, "learning:product")).content.decode()
    for name in ("learning:product-edit", "learning:product-skills",
                 "learning:product-withdraw"):
        assert _url(world, name) in detail, name
    listing = web.get(reverse("learning:products")).content.decode()
    assert reverse("learning:product-create") in listing
    assert reverse("learning:catalogue-import") in listing
    providers = web.get(reverse("learning:providers")).content.decode()
    assert reverse("learning:provider-create") in providers
    assert _url(world, "learning:provider-edit") in web.get(
        _url(world, "learning:provider")).content.decode()
