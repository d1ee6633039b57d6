"""Securing credentials as VC-JWTs (W3C VC-JOSE-COSE): a compact JWS whose payload is the
credential, signed with Ed25519 (``alg`` EdDSA) by joserfc. No Django here.

The JSON form a holder downloads wraps the token as a VC 2.0 ``EnvelopedVerifiableCredential``
(its ``id`` is a ``data:application/vc+jwt,`` URL), so the file is JSON and still carries
the signature.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OKPKey

#: RFC 8037's name for Ed25519 signatures; the widest supported by verifiers today.
ALGORITHM = "EdDSA"
#: Also accepted when verifying (RFC 9864's fully specified name).
ACCEPTED = ("EdDSA", "Ed25519")
TYP = "vc+jwt"
DATA_PREFIX = "data:application/vc+jwt,"
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"


class CredentialError(ValueError):
    """A token or file that is not a credential this module can check."""


def sign(document: Mapping[str, Any], *, key: OKPKey, kid: str, typ: str = TYP) -> str:
    """The document as a compact JWS (header: alg, kid, typ, cty)."""
    payload = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()
    header = {"alg": ALGORITHM, "kid": kid, "typ": typ, "cty": "vc"}
    with warnings.catch_warnings():
        # joserfc warns that RFC 9864 prefers "Ed25519"; most verifiers know only "EdDSA".
        warnings.simplefilter("ignore")
        return jws.serialize_compact(header, payload, key, algorithms=[ALGORITHM])


def envelope(token: str) -> dict[str, Any]:
    """The token wrapped as an enveloped credential (JSON)."""
    return {"@context": [VC_CONTEXT], "id": DATA_PREFIX + token,
            "type": "EnvelopedVerifiableCredential"}


def token_from(content: str) -> str:
    """The compact JWS from a file's content: an enveloped credential, ``{"jwt": …}`` or
    the bare token."""
    text = content.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CredentialError(f"The file is not valid JSON: {error.msg}.") from error
        value = data.get("id") if isinstance(data, dict) else None
        if isinstance(value, str) and value.startswith(DATA_PREFIX):
            return value[len(DATA_PREFIX):]
        if isinstance(data, dict) and isinstance(data.get("jwt"), str):
            return data["jwt"].strip()
        raise CredentialError("The JSON holds no signed credential (expected an "
                              "EnvelopedVerifiableCredential with a data: URL id).")
    if text.count(".") == 2:
        return text
    raise CredentialError("The file holds neither a signed credential nor JSON.")


def unverified_header(token: str) -> dict[str, Any]:
    """The JWS header, read without checking the signature (to find the key id)."""
    try:
        return dict(jws.extract_compact(token.encode()).headers())
    except (JoseError, ValueError) as error:
        raise CredentialError("The signed credential is not a well-formed JWS.") from error


def verify(token: str, jwks: Mapping[str, Any]) -> dict[str, Any]:
    """The credential in the token when its signature holds under one of the keys in the
    JSON Web Key Set (chosen by ``kid``); ``CredentialError`` naming why otherwise."""
    header = unverified_header(token)
    if header.get("alg") not in ACCEPTED:
        raise CredentialError(f"Unexpected signature algorithm {header.get('alg')!r}.")
    keys = [k for k in jwks.get("keys", []) if k.get("kid") == header.get("kid")]
    if not keys:
        raise CredentialError(f"The signing key {header.get('kid')!r} is not one of the "
                              f"issuer's keys.")
    key_set = KeySet.import_key_set({"keys": keys})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = jws.deserialize_compact(token, key_set, algorithms=list(ACCEPTED))
    except (JoseError, ValueError) as error:
        raise CredentialError("The signature does not match the issuer's key.") from error
    try:
        document = json.loads(result.payload)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CredentialError("The signed payload is not JSON.") from error
    if not isinstance(document, dict):
        raise CredentialError("The signed payload is not a credential.")
    return document
