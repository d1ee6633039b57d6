"""A credential Cadre issues verifies with an independent verifier (issue 16, done when).

The verifier here uses only what a stranger has: the holder's downloaded file and the
public addresses in it, read without signing in. It checks the signature with jwcrypto
and the status list's signature with PyJWT (Cadre signs with joserfc), and reads the
bitstring with its own code. A revoked credential reports revoked.
"""

from __future__ import annotations

import base64
import gzip
import json
from urllib.parse import urlsplit

import jwt as pyjwt
import pytest
from django.test import Client
from jwcrypto import jwk, jws

from cadre.accreditation.services.credentials import transition_award
from cadre.accreditation.tests.cred_fixtures import award_for, cred  # noqa: F401

pytestmark = pytest.mark.django_db
DATA_PREFIX = "data:application/vc+jwt,"


def _public_get(url: str):  # noqa: ANN202 - an anonymous visitor fetches a public address
    response = Client().get(urlsplit(url).path)
    assert response.status_code == 200, url
    return response


def _b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def independent_check(file_text: str) -> dict:
    """What a third party concludes from the file alone."""
    token = json.loads(file_text)["id"].removeprefix(DATA_PREFIX)
    header = json.loads(_b64url(token.split(".")[0]))
    payload = json.loads(_b64url(token.split(".")[1]))
    issuer = payload["issuer"]["id"]
    keys_url = issuer.replace("/issuer/", "/keys/")
    key_set = jwk.JWKSet.from_json(_public_get(keys_url).content.decode())
    key = key_set.get_key(header["kid"])
    signed = jws.JWS()
    signed.deserialize(token)
    signed.verify(key, alg="EdDSA")  # raises when the signature does not hold
    credential = json.loads(signed.payload)
    statuses = {}
    for entry in credential["credentialStatus"]:
        listing_token = _public_get(entry["statusListCredential"]).content.decode()
        pem_key = pyjwt.PyJWK(key_set.get_key(
            pyjwt.get_unverified_header(listing_token)["kid"]).export_public(as_dict=True))
        listing = pyjwt.decode(listing_token, pem_key.key, algorithms=["EdDSA"],
                               options={"verify_aud": False})
        encoded = listing["credentialSubject"]["encodedList"]
        assert encoded.startswith("u")
        bits = gzip.decompress(_b64url(encoded[1:]))
        index = int(entry["statusListIndex"])
        statuses[entry["statusPurpose"]] = bool(bits[index // 8] >> (7 - index % 8) & 1)
    return {"header": header, "credential": credential, "statuses": statuses}


def test_downloaded_credential_verifies_independently(cred, web_client) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    response = web_client(cred.holder).get(f"/accreditation/credentials/{award.public_id}/"
                                           f"credential.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    result = independent_check(response.content.decode())
    assert result["header"]["alg"] == "EdDSA" and result["header"]["typ"] == "vc+jwt"
    credential = result["credential"]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["@context"][1] == \
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "Technology profession: Senior practitioner"
    codes = {a["targetCode"] for a in achievement["alignment"]}
    assert codes == {"PROG", "TEST"}
    assert all(a["targetFramework"] == "Cred framework 2" for a in achievement["alignment"])
    levels = {r.get("alignment", [{}])[0].get("targetCode"): r["achievedLevel"]
              for r in credential["credentialSubject"]["result"]}
    assert levels["PROG"].endswith("#level-5") and levels["TEST"].endswith("#level-4")
    assert result["statuses"] == {"revocation": False, "suspension": False}


def test_revoked_and_suspended_show_in_the_lists(cred, web_client) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    url = f"/accreditation/credentials/{award.public_id}/credential.json"
    file_text = web_client(cred.holder).get(url).content.decode()
    transition_award(actor=cred.runner, award_id=award.pk, action="suspend", reason="CPD")
    assert independent_check(file_text)["statuses"] == {"revocation": False, "suspension": True}
    transition_award(actor=cred.runner, award_id=award.pk, action="revoke", reason="Misconduct")
    assert independent_check(file_text)["statuses"] == {"revocation": True, "suspension": False}


def test_tampered_credential_fails_independently(cred, web_client) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    file_text = web_client(cred.holder).get(
        f"/accreditation/credentials/{award.public_id}/credential.json").content.decode()
    token = json.loads(file_text)["id"].removeprefix(DATA_PREFIX)
    head, body, sig = token.split(".")
    payload = json.loads(_b64url(body))
    payload["credentialSubject"]["achievement"]["name"] = "Chief technology officer"
    forged_body = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    forged = json.dumps({"id": DATA_PREFIX + ".".join([head, forged_body, sig])})
    with pytest.raises(jws.InvalidJWSSignature):
        independent_check(forged)
