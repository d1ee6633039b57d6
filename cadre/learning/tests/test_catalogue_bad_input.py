# ruff: noqa: F811 - pytest fixtures imported from catalogue_fixtures are named as arguments
"""Every catalogue field at and past its limit (docs/limits.md, "Learning: catalogue"): the
value at the limit is taken; past it, a ``ValidationError`` names the field and nothing is
written. Pages show the same refusals beside the field."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cadre.learning.models import Product, Provider
from cadre.learning.services import catalogue as services
from cadre.learning.tests.catalogue_fixtures import world  # noqa: F401

pytestmark = pytest.mark.django_db

GOOD_PRODUCT = {"title": "T", "kind": "course", "mode": "in_person", "duration_hours": "1",
                "list_price": "1"}

#: (field, a value at the limit, a value past it)
PRODUCT_LIMITS = [
    ("title", "t" * 200, "t" * 201),
    ("code", "c" * 50, "c" * 51),
    ("description", "d" * 5000, "d" * 5001),
    ("duration_hours", "0.5", "0.4"),
    ("duration_hours", "2000", "2000.5"),
    ("duration_hours", "1.5", "1.55"),
    ("list_price", "0", "-0.01"),
    ("list_price", "1000000", "1000000.01"),
    ("list_price", "10.25", "10.255"),
    ("list_price", "£1,200", "twelve"),
    ("kind", "E-learning", "lecture"),
    ("mode", "Online, live", "carrier pigeon"),
    ("url", "https://x.example/" + "u" * 482, "https://x.example/" + "u" * 483),
    ("url", "http://x.example", "javascript:alert(1)"),
    ("xapi_activity_id", "https://x.example/a", "urn:not-http"),
]


@pytest.mark.parametrize(("field", "ok", "bad"), PRODUCT_LIMITS)
def test_product_field_limits(world, field, ok, bad) -> None:  # noqa: ANN001
    made = services.create_product(actor=world.lead, provider=world.provider,
                                   **{**GOOD_PRODUCT, "title": f"ok {field}", field: ok})
    assert made.pk
    before = Product.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.create_product(actor=world.lead, provider=world.provider,
                                **{**GOOD_PRODUCT, "title": f"bad {field}", field: bad})
    assert list(exc.value.message_dict) == [field], exc.value.message_dict
    assert Product.objects.count() == before
    with pytest.raises(ValidationError) as exc:
        services.update_product(actor=world.lead, product=world.product, **{field: bad})
    assert field in exc.value.message_dict


def test_many_bad_fields_are_all_named_at_once(world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.create_product(actor=world.lead, provider="Nobody", title="", kind="x",
                                mode="y", duration_hours="", list_price="-1", url="ftp://x")
    assert set(exc.value.message_dict) == {"provider", "title", "kind", "mode",
                                           "duration_hours", "list_price", "url"}


def test_audience_lists(world, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(services, "MAX_AUDIENCE_ORGANISATIONS", 1)
    with pytest.raises(ValidationError) as exc:
        services.create_product(actor=world.lead, provider=world.provider, **GOOD_PRODUCT,
                                audience="organisations", organisations=["DA", "DB"])
    assert list(exc.value.message_dict) == ["organisations"]
    with pytest.raises(ValidationError) as exc:
        services.create_product(actor=world.lead, provider=world.provider, **GOOD_PRODUCT,
                                audience="grades", grades=[f"G{i}" for i in range(31)])
    assert list(exc.value.message_dict) == ["grades"]
    with pytest.raises(ValidationError) as exc:
        services.create_product(actor=world.lead, provider=world.provider, **GOOD_PRODUCT,
                                audience="everyone")
    assert list(exc.value.message_dict) == ["audience"]


def test_skill_limits(world, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(services, "MAX_PRODUCT_SKILLS", 2)
    with pytest.raises(ValidationError) as exc:
        services.create_product(actor=world.lead, provider=world.provider, **GOOD_PRODUCT,
                                skills=[("Programming", 1), ("Testing", 1),
                                        ("User research", 1)])
    assert list(exc.value.message_dict) == ["skills"]
    for skill, level, field in (("Juggling", "1", "skill"), ("Testing", "9", "level"),
                                ("", "1", "skill"), ("Testing", "", "level")):
        with pytest.raises(ValidationError) as exc:
            services.add_product_skill(actor=world.lead, product=world.product, skill=skill,
                                       level=level)
        assert list(exc.value.message_dict) == [field]
    assert world.product.skills.count() == 1


#: (field, at the limit, past it)
PROVIDER_LIMITS = [
    ("name", "n" * 200, "n" * 201),
    ("name", "Named", "   "),
    ("company_number", "12345678", "1234567"),
    ("company_number", "SC123456", "SCO12345"),
    ("company_number", "", "123456789"),
    ("website", "https://p.example", "p dot example"),
    ("aliases", ["a" * 200], ["a" * 201]),
    ("aliases", [f"a{i}" for i in range(20)], [f"a{i}" for i in range(21)]),
]


@pytest.mark.parametrize(("field", "ok", "bad"), PROVIDER_LIMITS)
def test_provider_field_limits(world, field, ok, bad) -> None:  # noqa: ANN001
    values = {"name": f"Provider {field} {len(str(ok))}", field: ok}
    assert services.create_provider(actor=world.lead, **values).pk
    before = Provider.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.create_provider(actor=world.lead, **{"name": f"Bad {field}", field: bad})
    assert list(exc.value.message_dict) == [field]
    assert Provider.objects.count() == before


def test_pages_name_the_field(world, web_client) -> None:  # noqa: ANN001
    web = web_client(world.lead)
    response = web.post(reverse("learning:provider-create"), {
        "name": "N", "company_number": "123", "website": "https://ok.example",
        "aliases": "a" * 201})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_company_number"' in html and 'href="#id_aliases"' in html
    response = web.post(reverse("learning:product-create"), {
        "provider": world.provider.pk, "title": "T", "kind": "course", "mode": "in_person",
        "duration_hours": "1", "list_price": "1", "audience": "open", "grades": ["G7"]})
    html = response.content.decode()
    assert response.status_code == 400 and 'href="#id_grades' in html
    assert "Name grades only when the audience is named grades" in html
