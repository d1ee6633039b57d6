# ruff: noqa: F811 - pytest fixtures imported from catalogue_fixtures are named as arguments
"""Catalogue services: who may write, what each write records, and the selector other
areas use (products building a skill to a level, available to a person)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.learning.models import Audience, Product, ProductSkill, Provider
from cadre.learning.selectors import catalogue as sel
from cadre.learning.services import catalogue as services
from cadre.learning.tests.catalogue_fixtures import world  # noqa: F401
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _product(world, **extra):  # noqa: ANN001, ANN003, ANN202
    values = {"provider": world.provider, "title": "Testing in practice", "kind": "course",
              "mode": "in_person", "duration_hours": "7.5", "list_price": "400"}
    return services.create_product(actor=Actor.for_user(world.lead), **{**values, **extra})


def test_supply_roles_write_and_every_write_is_audited(world) -> None:  # noqa: ANN001
    before = AuditEvent.objects.count()
    provider = services.create_provider(actor=Actor.for_user(world.central),
                                        name="Beta College", company_number="sc123456")
    assert provider.company_number == "SC123456"
    product = _product(world, skills=[("Testing", "Practitioner")])
    services.update_product(actor=Actor.for_user(world.admin), product=product,
                            list_price="450.50")
    services.add_product_skill(actor=world.lead, product=product, skill="User research",
                               level="2")
    services.remove_product_skill(actor=world.lead, product=product,
                                  skill=world.skills["Testing"])
    services.withdraw_product(actor=world.lead, product=product)
    services.restore_product(actor=world.lead, product=product)
    services.update_provider(actor=world.lead, provider=provider, website="https://b.example")
    assert AuditEvent.objects.count() - before == 8
    product.refresh_from_db()
    assert product.list_price == Decimal("450.50") and not product.withdrawn
    assert [(s.skill.name, s.level.name) for s in product.skills.all()] == [
        ("User research", "Working")]
    assert product.history.count() >= 4


@pytest.mark.parametrize("who", ["analyst", "hop", "professional"])
def test_other_roles_are_refused(world, who) -> None:  # noqa: ANN001
    user = getattr(world, who)
    with pytest.raises(PermissionDenied):
        services.create_provider(actor=user, name="Nope Ltd")
    with pytest.raises(PermissionDenied):
        services.update_product(actor=Actor.for_user(user), product=world.product,
                                title="Changed")
    with pytest.raises(PermissionDenied):
        services.withdraw_product(actor=user, product=world.product)
    with pytest.raises(PermissionDenied):
        services.add_product_skill(actor=user, product=world.product, skill="Testing",
                                   level="Working")
    with pytest.raises(PermissionDenied):
        services.import_catalogue(actor=user, data=b"provider,title\n", filename="x.csv")
    world.product.refresh_from_db()
    assert world.product.title == "Python for analysts" and not world.product.withdrawn


def test_adding_a_listed_skill_changes_its_level_and_the_limit_holds(
        world, monkeypatch) -> None:  # noqa: ANN001
    product = world.product
    services.add_product_skill(actor=world.lead, product=product, skill="Programming",
                               level="Expert")
    assert ProductSkill.objects.get(product=product).level.name == "Expert"
    monkeypatch.setattr(services, "MAX_PRODUCT_SKILLS", 2)
    services.add_product_skill(actor=world.lead, product=product, skill="Testing",
                               level="Working")
    with pytest.raises(ValidationError) as exc:
        services.add_product_skill(actor=world.lead, product=product, skill="User research",
                                   level="Working")
    assert "skill" in exc.value.message_dict
    assert product.skills.count() == 2


def test_audience_must_name_who_and_only_then(world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        _product(world, audience="organisations")
    assert "organisations" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _product(world, audience="open", grades=["G7"])
    assert "grades" in exc.value.message_dict
    product = _product(world, audience="organisations", organisations=["DA"])
    assert list(product.audience_organisations.all()) == [world.org_a]
    assert sel.audience_words(product) == "Only Department A"
    graded = _product(world, title="Coaching", audience="grades", grades=["g7", "SEO"])
    assert graded.audience_grades == ["G7", "SEO"]
    assert sel.audience_words(graded) == \
        "Only people at Grade 7 and Senior Executive Officer"
    assert sel.audience_words(world.product) == "Open to anyone in the profession"


def test_products_building_a_skill_to_a_level_for_a_person(world) -> None:  # noqa: ANN001
    prog, levels = world.skills["Programming"], world.levels
    expert = _product(world, title="Advanced Python", skills=[(prog, levels["Expert"])])
    org_b_only = _product(world, title="B's Python", audience=Audience.ORGANISATIONS,
                          organisations=[world.org_b], skills=[(prog, levels["Practitioner"])])
    seo_only = _product(world, title="SEO Python", audience=Audience.GRADES, grades=["SEO"],
                        skills=[(prog, levels["Practitioner"])])
    g7_only = _product(world, title="G7 Python", audience=Audience.GRADES, grades=["G7"],
                       skills=[(prog, levels["Practitioner"])])
    withdrawn = _product(world, title="Old Python", skills=[(prog, levels["Expert"])])
    services.withdraw_product(actor=world.lead, product=withdrawn)

    assert set(sel.products_building(prog, levels["Working"])) == {
        world.product, expert, org_b_only, seo_only, g7_only}
    assert set(sel.products_building(prog, 3)) == {expert, org_b_only, seo_only, g7_only}
    assert set(sel.products_building(prog, levels["Expert"], include_withdrawn=True)) == {
        expert, withdrawn}
    # World's person: organisation A, grade G7.
    assert set(sel.products_building(prog, 3, person=world.person)) == {expert, g7_only}
    b_person = PersonFactory(organisation=world.org_b, grade=world.seo)
    assert set(sel.products_building(prog, 3, person=b_person)) == {
        expert, org_b_only, seo_only}
    no_grade = PersonFactory(organisation=world.org_a)
    assert set(sel.products_building(prog, 3, person=no_grade)) == {expert}
    assert sel.is_available_to(g7_only, world.person)
    assert not sel.is_available_to(seo_only, world.person)
    assert list(sel.products_building(world.skills["Testing"])) == []


def test_product_filters(world) -> None:  # noqa: ANN001
    other = _product(world, title="Test automation", kind="e_learning", mode="self_paced",
                     skills=[("Testing", "Expert")])
    assert list(sel.products(kind="e_learning")) == [other]
    assert list(sel.products(mode="online_live")) == [world.product]
    assert list(sel.products(skill=world.skills["Testing"], min_level=4)) == [other]
    assert list(sel.products(min_level=4)) == [other]
    assert list(sel.products(search="automation")) == [other]
    assert list(sel.products(search="PY1")) == [world.product]
    assert set(sel.products(provider=world.provider)) == {world.product, other}
    services.withdraw_product(actor=world.lead, product=other)
    assert list(sel.products(kind="e_learning")) == []
    assert list(sel.products(kind="e_learning", include_withdrawn=True)) == [other]


def test_unique_names_codes_and_activity_ids(world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.create_provider(actor=world.lead, name="acme learning ltd")
    assert "name" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_provider(actor=world.lead, name="Other", company_number="01234567")
    assert "company_number" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _product(world, code="py1")
    assert "code" in exc.value.message_dict
    _product(world, xapi_activity_id="https://acme.example/xapi/test")
    with pytest.raises(ValidationError) as exc:
        _product(world, title="Another", xapi_activity_id="https://acme.example/xapi/test")
    assert "xapi_activity_id" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _product(world)  # the same title again, neither with a code
    assert "title" in exc.value.message_dict
    assert Product.objects.count() == 2 and Provider.objects.count() == 1


def test_update_refuses_unknown_fields(world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.update_product(actor=world.lead, product=world.product, withdrawn=True)
    assert "withdrawn" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.update_provider(actor=world.lead, provider=world.provider, products=[])
    assert "products" in exc.value.message_dict
