# ruff: noqa: F811 - pytest fixtures imported from catalogue_fixtures are named as arguments
"""Catalogue pages: GOV.UK markup (captions, summary lists, error summaries linking to the
field, no Django default widgets), filters and pagination, and each write through a page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadre.learning.models import Product, ProductSkill, Provider
from cadre.learning.tests.catalogue_fixtures import world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_product_list_filters_and_pages(world, web_client) -> None:  # noqa: ANN001
    Product.objects.bulk_create([
        Product(provider=world.provider, title=f"Bulk course {i:02d}", kind="conference",
                mode="in_person", duration_hours=Decimal(1), list_price=Decimal(10))
        for i in range(55)])
    web = web_client(world.professional)
    page = web.get(reverse("learning:products"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'class="govuk-table__caption govuk-table__caption--m">56 products' in html
    assert "govuk-pagination" in html and "page=2" in html
    assert "---------" not in html and 'multiple' not in html
    assert reverse("learning:product", args=[world.product.pk]) not in html  # on page 2
    assert "Add a product" not in html
    two = web.get(reverse("learning:products"), {"page": 2}).content.decode()
    assert reverse("learning:product", args=[world.product.pk]) in two
    one = web.get(reverse("learning:products"), {"skill": world.skills["Programming"].pk,
                                                  "min_level": 2}).content.decode()
    assert ">1 product<" in one and "Python for analysts" in one and "Working" in one
    none = web.get(reverse("learning:products"), {"min_level": 3, "kind": "course"})
    assert ">0 products<" in none.content.decode()
    bad = web.get(reverse("learning:products"), {"min_level": "lots", "kind": "nonsense"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "govuk-error-summary" in text and ">56 products<" in text


def test_product_page_summary_list_in_words(world, web_client) -> None:  # noqa: ANN001
    html = web_client(world.professional).get(
        reverse("learning:product", args=[world.product.pk])).content.decode()
    assert '<span class="govuk-caption-l">Course from' in html
    assert "govuk-summary-list" in html
    for words in ("Programming to Working", "Online, live", "14 hours", "£750.00",
                  "Open to anyone in the profession", "PY1"):
        assert words in html, words
    assert "Change the product" not in html and "Withdraw" not in html


def test_lead_adds_a_product_and_its_skills(world, web_client) -> None:  # noqa: ANN001
    web = web_client(world.lead)
    form = web.get(reverse("learning:product-create"))
    html = form.content.decode()
    assert form.status_code == 200 and "govuk-radios" in html and "govuk-checkboxes" in html
    assert "---------" not in html and 'multiple' not in html
    response = web.post(reverse("learning:product-create"), {
        "provider": world.provider.pk, "title": "Data visualisation", "kind": "course",
        "mode": "blended", "duration_hours": "7.5", "list_price": "500", "audience": "grades",
        "grades": ["G7", "SEO"]})
    product = Product.objects.get(title="Data visualisation")
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:product-skills", args=[product.pk])
    assert product.audience_grades == ["G7", "SEO"]
    skills_url = reverse("learning:product-skills", args=[product.pk])
    page = web.get(skills_url).content.decode()
    assert "govuk-select" in page and "Choose a skill" in page
    web.post(skills_url, {"action": "add", "skill": world.skills["Testing"].pk,
                          "level": world.levels["Expert"].pk})
    assert ProductSkill.objects.get(product=product).level.name == "Expert"
    web.post(skills_url, {"action": "remove", "skill": world.skills["Testing"].pk})
    assert not ProductSkill.objects.filter(product=product).exists()
    bad = web.post(skills_url, {"action": "add", "skill": "", "level": ""})
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()


def test_product_form_errors_name_each_field(world, web_client) -> None:  # noqa: ANN001
    web = web_client(world.lead)
    response = web.post(reverse("learning:product-create"), {
        "provider": world.provider.pk, "title": "X" * 201, "kind": "course",
        "mode": "blended", "duration_hours": "0.1", "list_price": "2000000",
        "audience": "organisations"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Title must be 200 characters or fewer" in html
    assert 'href="#id_duration_hours"' in html and 'href="#id_list_price"' in html
    response = web.post(reverse("learning:product-create"), {
        "provider": world.provider.pk, "title": "Fine", "kind": "course",
        "mode": "blended", "duration_hours": "1", "list_price": "1",
        "audience": "organisations"})
    assert response.status_code == 400
    assert "Choose the organisations whose people may take it" in response.content.decode()
    assert not Product.objects.filter(title="Fine").exists()


def test_edit_withdraw_and_restore(world, web_client) -> None:  # noqa: ANN001
    web = web_client(world.central)
    url = reverse("learning:product-edit", args=[world.product.pk])
    page = web.get(url).content.decode()
    assert 'value="Python for analysts"' in page
    response = web.post(url, {
        "provider": world.provider.pk, "title": "Python for analysts", "code": "PY1",
        "kind": "course", "mode": "online_live", "duration_hours": "14", "list_price": "800",
        "audience": "organisations", "organisations": [world.org_b.pk]})
    assert response.status_code == 302
    world.product.refresh_from_db()
    assert world.product.list_price == Decimal("800")
    detail = web.get(reverse("learning:product", args=[world.product.pk])).content.decode()
    assert "Only Department B" in detail and "Withdraw from the catalogue" in detail
    web.post(reverse("learning:product-withdraw", args=[world.product.pk]),
             {"action": "withdraw"})
    world.product.refresh_from_db()
    assert world.product.withdrawn
    detail = web.get(reverse("learning:product", args=[world.product.pk])).content.decode()
    assert "has been withdrawn" in detail and "Restore to the catalogue" in detail
    web.post(reverse("learning:product-withdraw", args=[world.product.pk]),
             {"action": "restore"})
    world.product.refresh_from_db()
    assert not world.product.withdrawn


def test_providers_pages(world, web_client) -> None:  # noqa: ANN001
    web = web_client(world.lead)
    listing = web.get(reverse("learning:providers")).content.decode()
    assert "Acme Learning Ltd" in listing and "01234567" in listing
    assert 'govuk-table__caption' in listing and "Add a provider" in listing
    detail = web.get(reverse("learning:provider", args=[world.provider.pk])).content.decode()
    assert '<span class="govuk-caption-l">Learning provider</span>' in detail
    assert "ACME Training" in detail and "Python for analysts" in detail
    bad = web.post(reverse("learning:provider-create"), {"name": "Acme learning ltd",
                                                          "company_number": "1234"})
    html = bad.content.decode()
    assert bad.status_code == 400 and "There is a problem" in html
    assert "is not a company number" in html
    good = web.post(reverse("learning:provider-create"), {
        "name": "Gamma", "company_number": "ni123456", "aliases": "Gamma Ltd\n\nG Ltd"})
    gamma = Provider.objects.get(name="Gamma")
    assert good.status_code == 302 and gamma.aliases == ["Gamma Ltd", "G Ltd"]
    assert gamma.company_number == "NI123456"
    web.post(reverse("learning:provider-edit", args=[gamma.pk]), {
        "name": "Gamma Learning", "company_number": "NI123456", "website": "gamma.example"})
    gamma.refresh_from_db()
    assert gamma.name == "Gamma Learning" and gamma.website == "https://gamma.example"
    assert gamma.aliases == []


def test_import_page_lists_every_row_error(world, web_client) -> None:  # noqa: ANN001
    web = web_client(world.lead)
    page = web.get(reverse("learning:catalogue-import")).content.decode()
    assert "govuk-file-upload" in page
    bad = ("provider,title,kind,mode,duration_hours,list_price\n"
           "Acme Learning Ltd,A,course,in_person,1,1\n"
           "Acme Learning Ltd,B,lecture,in_person,1,1\n"
           "Acme Learning Ltd,C,course,in_person,9999,1\n")
    response = web.post(reverse("learning:catalogue-import"), {
        "file": SimpleUploadedFile("cat.csv", bad.encode(), content_type="text/csv")})
    html = response.content.decode()
    assert response.status_code == 400
    assert "cat.csv was not imported" in html and "govuk-error-summary" in html
    assert "kind" in html and "duration_hours" in html and ">3<" in html and ">4<" in html
    assert not Product.objects.filter(title="A").exists()
    good = bad.splitlines()[:2]
    response = web.post(reverse("learning:catalogue-import"), {
        "file": SimpleUploadedFile("cat.csv", "\n".join(good).encode()), "dry_run": "on"})
    assert response.status_code == 200 and "has no problems" in response.content.decode()
    assert not Product.objects.filter(title="A").exists()
    response = web.post(reverse("learning:catalogue-import"), {
        "file": SimpleUploadedFile("cat.csv", "\n".join(good).encode())})
    assert response.status_code == 302 and Product.objects.filter(title="A").exists()
