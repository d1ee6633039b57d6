"""Issued credentials expand as JSON-LD against the VC 2.0 and Open Badges 3.0 contexts
shipped in tests/contexts (pyld, no network), with every term defined by them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

from cadre.accreditation import openbadges
from cadre.accreditation.services import credentials as services
from cadre.accreditation.tests.cred_fixtures import award_for, cred  # noqa: F401

pytestmark = pytest.mark.django_db
CONTEXTS = Path(__file__).parent / "contexts"
LOCAL = {
    openbadges.VC_CONTEXT: CONTEXTS / "credentials-v2.jsonld",
    openbadges.OB_CONTEXT: CONTEXTS / "ob-context-3.0.3.json",
}
OB = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#"
CRED = "https://www.w3.org/2018/credentials#"
UNDEFINED = "https://www.w3.org/ns/credentials/issuer-dependent#"


def local_loader(url: str, options: dict | None = None) -> dict[str, Any]:
    """Serve the shipped contexts; refuse anything else (no network)."""
    if url not in LOCAL:
        raise jsonld.JsonLdError(f"No local copy of {url}", "loading document failed")
    return {"contextUrl": None, "documentUrl": url,
            "document": json.loads(LOCAL[url].read_text())}


def expand(document: dict) -> list:
    return jsonld.expand(document, {"documentLoader": local_loader})


def iris(node: Any) -> set[str]:
    """Every property IRI and type IRI in an expanded document."""
    found: set[str] = set()
    if isinstance(node, list):
        for item in node:
            found |= iris(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@type":
                found |= set(value if isinstance(value, list) else [value])
            elif not key.startswith("@"):
                found.add(key)
            found |= iris(value)
    return found


def test_credential_expands_with_every_term_defined(cred) -> None:  # noqa: ANN001, F811
    document = services.credential_document(award_for(cred))
    expanded = expand(document)
    assert len(expanded) == 1
    used = iris(expanded)
    assert not [iri for iri in used if iri.startswith(UNDEFINED)]
    for iri in (CRED + "VerifiableCredential", OB + "OpenBadgeCredential",
                OB + "AchievementSubject", OB + "Achievement", OB + "achievement",
                OB + "Criteria", OB + "narrative", OB + "alignment", OB + "targetCode",
                OB + "targetFramework", OB + "targetUrl", OB + "result", OB + "achievedLevel",
                OB + "resultDescription", OB + "IdentityObject", OB + "Profile",
                CRED + "credentialSubject", CRED + "issuer", CRED + "validFrom",
                CRED + "validUntil", CRED + "credentialStatus",
                "https://www.w3.org/ns/credentials/status#BitstringStatusListEntry",
                "https://www.w3.org/ns/credentials/status#statusListIndex"):
        assert iri in used, iri
    subject = expanded[0][CRED + "credentialSubject"][0]
    achievement = subject[OB + "achievement"][0]
    codes = {a[OB + "targetCode"][0]["@value"] for a in achievement[OB + "alignment"]}
    assert codes == {"PROG", "TEST"}


def test_status_list_and_enveloped_credential_expand(cred) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    from cadre.accreditation import vcjwt

    listing = vcjwt.verify(services.signed_status_list("revocation"),
                           {"keys": [dict(k) for k in _keys()]})
    used = iris(expand(listing))
    assert not [iri for iri in used if iri.startswith(UNDEFINED)]
    assert "https://w3id.org/security#multibase" in used
    used = iris(expand(services.enveloped_credential(award)))
    assert CRED + "EnvelopedVerifiableCredential" in used


def _keys() -> list:
    from cadre.accreditation.selectors.credentials import jwks

    return jwks()["keys"]


def test_loader_refuses_the_network() -> None:
    with pytest.raises(jsonld.JsonLdError):
        expand({"@context": "https://example.org/other.jsonld", "name": "x"})
