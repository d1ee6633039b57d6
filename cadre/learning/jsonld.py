"""The schema.org JSON-LD document of a learning product (issue 17 point 1).

Plain Python, no Django: the selector hands over the product's facts as a mapping and
this module builds the ``Course`` with one ``CourseInstance`` (``hasCourseInstance``):
how it is delivered (``courseMode``), the learning time as an ISO 8601 duration
(``courseWorkload``), the list price as an ``Offer`` in pounds, the provider as an
``Organization``, and the framework skills and levels it builds (``teaches`` as
``DefinedTerm``s of the framework, ``educationalLevel`` the levels). ``script_text``
writes it for a ``<script type="application/ld+json">`` element, escaped so no text in
it can close the element.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

SCHEMA_CONTEXT = "https://schema.org"

#: Our delivery modes as schema.org ``courseMode`` values (Google's "Onsite", "Online",
#: "Blended"), with the synchronous/asynchronous distinction kept where it exists.
COURSE_MODES: dict[str, list[str]] = {
    "in_person": ["Onsite"],
    "online_live": ["Online", "Synchronous"],
    "self_paced": ["Online", "Asynchronous"],
    "blended": ["Blended"],
}


def iso_duration(hours: Decimal | int | float | str) -> str:
    """Hours as an ISO 8601 duration: ``7.5`` -> ``PT7H30M``, ``0.5`` -> ``PT30M``,
    ``0`` -> ``PT0H``. Minutes are rounded to the nearest whole minute."""
    minutes = int((Decimal(str(hours)) * 60).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    if minutes < 0:
        raise ValueError("A duration cannot be negative.")
    whole, rest = divmod(minutes, 60)
    text = "PT"
    if whole or not rest:
        text += f"{whole}H"
    if rest:
        text += f"{rest}M"
    return text


def _price(value: Decimal | int | float | str) -> str:
    """A price as schema.org wants it: a plain decimal with a dot, no currency sign."""
    return str(Decimal(str(value)).quantize(Decimal("0.01")))


def _organization(provider: Mapping[str, Any]) -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "Organization", "name": provider["name"]}
    if provider.get("website"):
        org["url"] = provider["website"]
    if provider.get("company_number"):
        org["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "UK Companies House number",
            "value": provider["company_number"],
        }
    if provider.get("aliases"):
        org["alternateName"] = list(provider["aliases"])
    return org


def _teaches(skills: Sequence[Mapping[str, Any]], framework: str) -> list[dict[str, Any]]:
    terms = []
    for skill in skills:
        term: dict[str, Any] = {"@type": "DefinedTerm", "name": skill["skill"]}
        if skill.get("code"):
            term["termCode"] = skill["code"]
        if framework:
            term["inDefinedTermSet"] = framework
        term["description"] = f"{skill['skill']} to {skill['level']} level"
        terms.append(term)
    return terms


def _levels(skills: Sequence[Mapping[str, Any]]) -> list[str]:
    """The distinct levels built, lowest first."""
    seen: dict[str, int] = {}
    for skill in skills:
        seen.setdefault(skill["level"], int(skill.get("ordinal") or 0))
    return [name for name, _ in sorted(seen.items(), key=lambda item: (item[1], item[0]))]


def course_document(facts: Mapping[str, Any]) -> dict[str, Any]:
    """The ``Course`` for one product.

    ``facts`` holds ``url`` (the product page), ``title``, ``description``, ``code``,
    ``kind`` (its words), ``mode`` (a ``DeliveryMode`` value), ``mode_label``,
    ``duration_hours``, ``list_price``, ``audience`` (words), ``withdrawn``, ``framework``
    (the framework's name), ``provider`` (``name``, ``website``, ``company_number``,
    ``aliases``), ``skills`` (``skill``, ``code``, ``level``, ``ordinal`` each) and
    optionally ``link`` (the provider's own page for it).
    """
    provider = _organization(facts["provider"])
    skills = list(facts.get("skills") or [])
    price = _price(facts["list_price"])
    offer: dict[str, Any] = {
        "@type": "Offer",
        "price": price,
        "priceCurrency": "GBP",
        "category": "Free" if Decimal(price) == 0 else "Paid",
        "availability": ("https://schema.org/Discontinued" if facts.get("withdrawn")
                         else "https://schema.org/InStock"),
    }
    if facts.get("link"):
        offer["url"] = facts["link"]
    instance: dict[str, Any] = {
        "@type": "CourseInstance",
        "courseMode": COURSE_MODES.get(str(facts.get("mode")), [str(facts.get("mode_label"))]),
        "courseWorkload": iso_duration(facts["duration_hours"]),
        "offers": offer,
        "provider": provider,
    }
    course: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Course",
        "@id": facts["url"],
        "url": facts["url"],
        "name": facts["title"],
        "provider": provider,
        "learningResourceType": facts.get("kind") or "",
        "offers": offer,
        "hasCourseInstance": [instance],
        "isAccessibleForFree": Decimal(price) == 0,
    }
    if facts.get("description"):
        course["description"] = facts["description"]
    if facts.get("code"):
        course["courseCode"] = facts["code"]
    if facts.get("link"):
        course["sameAs"] = facts["link"]
    if skills:
        course["teaches"] = _teaches(skills, str(facts.get("framework") or ""))
        course["educationalLevel"] = _levels(skills)
    if facts.get("audience"):
        course["audience"] = {"@type": "Audience", "audienceType": facts["audience"]}
    return course


_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def script_text(document: Mapping[str, Any]) -> str:
    """The document as JSON safe inside ``<script type="application/ld+json">``: ``<``,
    ``>`` and ``&`` are written as JSON escapes, so ``</script>`` or ``<!--`` in any text
    cannot end the element, and the JSON still parses to the same values."""
    return json.dumps(document, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_ESCAPES)
