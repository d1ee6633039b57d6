# ruff: noqa: F811 - pytest fixtures imported from catalogue_fixtures are named as arguments
"""The product page's schema.org JSON-LD: parsed back from the page, its types and values;
expanded with PyLD against schema.org's vocabulary (no network); and escaped so no title
can end the script element."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pyld import jsonld as pyld

from cadre.core.actor import Actor
from cadre.learning import jsonld
from cadre.learning.services import catalogue as services
from cadre.learning.tests.catalogue_fixtures import world  # noqa: F401

SCHEMA = "https://schema.org/"
#: A stand-in for https://schema.org's context: every term in the schema.org vocabulary.
LOCAL_CONTEXT = {"@context": {"@vocab": SCHEMA}}
SCRIPT = re.compile(r'<script type="application/ld\+json" id="course-jsonld">(.*?)</script>',
                    re.S)


def _document(html: str) -> dict:
    found = SCRIPT.findall(html)
    assert len(found) == 1
    return json.loads(found[0])


def _loader(url: str, options: dict | None = None) -> dict:
    if url.rstrip("/") != "https://schema.org":
        raise pyld.JsonLdError(f"No local copy of {url}", "loading document failed")
    return {"contextUrl": None, "documentUrl": url, "document": LOCAL_CONTEXT}


@pytest.mark.parametrize(("hours", "expected"), [
    (Decimal("7.5"), "PT7H30M"), (Decimal("0.5"), "PT30M"), (Decimal("14"), "PT14H"),
    (Decimal("2000"), "PT2000H"), (0, "PT0H"), ("1.25", "PT1H15M")])
def test_iso_durations(hours, expected) -> None:  # noqa: ANN001
    assert jsonld.iso_duration(hours) == expected


def test_script_text_cannot_close_the_element() -> None:
    document = {"name": "</script><script>alert(1)</script> <!-- & \u2028"}
    text = jsonld.script_text(document)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == document


@pytest.mark.django_db
def test_the_page_publishes_a_course_with_its_instance(world, web_client) -> None:  # noqa: ANN001
    services.update_product(actor=Actor.system(), product=world.product,
                            url="https://acme.example/py1",
                            audience="grades", grades=["G7"])
    services.add_product_skill(actor=Actor.system(), product=world.product, skill="Testing",
                               level="Awareness")
    page = web_client(world.professional).get(reverse("learning:product",
                                                      args=[world.product.pk]))
    assert page.status_code == 200
    doc = _document(page.content.decode())
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "Course"
    assert doc["name"] == "Python for analysts" and doc["courseCode"] == "PY1"
    assert doc["url"].endswith(f"/learning/products/{world.product.pk}/")
    assert doc["provider"] == {
        "@type": "Organization", "name": "Acme Learning Ltd", "url": "https://acme.example",
        "identifier": {"@type": "PropertyValue", "propertyID": "UK Companies House number",
                       "value": "01234567"},
        "alternateName": ["Acme", "ACME Training"]}
    [instance] = doc["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance"
    assert instance["courseMode"] == ["Online", "Synchronous"]
    assert instance["courseWorkload"] == "PT14H"
    assert instance["offers"]["@type"] == "Offer"
    assert instance["offers"]["price"] == "750.00"
    assert instance["offers"]["priceCurrency"] == "GBP"
    assert instance["provider"]["@type"] == "Organization"
    assert [t["name"] for t in doc["teaches"]] == ["Programming", "Testing"]
    assert {t["@type"] for t in doc["teaches"]} == {"DefinedTerm"}
    assert doc["teaches"][0]["termCode"] == "PROG"
    assert doc["educationalLevel"] == ["Awareness", "Working"]
    assert doc["audience"]["audienceType"] == "Only people at Grade 7"
    assert doc["sameAs"] == "https://acme.example/py1"

    expanded = pyld.expand(doc, {"documentLoader": _loader})
    [course] = expanded
    assert course["@type"] == [SCHEMA + "Course"]
    [inst] = course[SCHEMA + "hasCourseInstance"]
    assert inst["@type"] == [SCHEMA + "CourseInstance"]
    assert inst[SCHEMA + "courseWorkload"] == [{"@value": "PT14H"}]
    [offer] = inst[SCHEMA + "offers"]
    assert offer[SCHEMA + "priceCurrency"] == [{"@value": "GBP"}]
    assert offer[SCHEMA + "price"] == [{"@value": "750.00"}]
    assert inst[SCHEMA + "provider"][0]["@type"] == [SCHEMA + "Organization"]
    assert [t["@type"] for t in course[SCHEMA + "teaches"]] == [[SCHEMA + "DefinedTerm"]] * 2

    # The API serves the same document.
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.professional)
    served = api.get(reverse("api:learning-product-jsonld", args=[world.product.pk])).json()
    assert served["hasCourseInstance"] == doc["hasCourseInstance"]


@pytest.mark.django_db
def test_a_hostile_title_stays_inside_the_script(world, web_client) -> None:  # noqa: ANN001
    title = '</script><script>alert("x")</script><!--'
    services.update_product(actor=Actor.system(), product=world.product, title=title,
                            description="a < b && c > d")
    html = web_client(world.professional).get(
        reverse("learning:product", args=[world.product.pk])).content.decode()
    assert "<script>alert" not in html
    doc = _document(html)
    assert doc["name"] == title and doc["description"] == "a < b && c > d"


@pytest.mark.django_db
def test_free_self_paced_product_without_skills(world) -> None:  # noqa: ANN001
    product = services.create_product(
        actor=Actor.system(), provider=world.provider, title="Free intro", kind="e_learning",
        mode="self_paced", duration_hours="0.5", list_price="0")
    from cadre.learning.selectors import catalogue as sel

    doc = jsonld.course_document(sel.product_facts(product, url="https://cadre.example/p/1/"))
    assert doc["isAccessibleForFree"] is True
    assert doc["offers"]["category"] == "Free" and doc["offers"]["price"] == "0.00"
    assert doc["hasCourseInstance"][0]["courseMode"] == ["Online", "Asynchronous"]
    assert doc["hasCourseInstance"][0]["courseWorkload"] == "PT30M"
    assert "teaches" not in doc and "educationalLevel" not in doc
