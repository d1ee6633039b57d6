"""Credential pages: the public check (no sign-in), the status lists and keys, downloads
for the holder and runners only, and the runners' status page."""

from __future__ import annotations

import pytest
from django.test import Client

from cadre.accreditation.models import Award
from cadre.accreditation.tests.cred_fixtures import award_for, cred  # noqa: F401

pytestmark = pytest.mark.django_db


def test_public_check_page_needs_no_sign_in(cred) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    response = Client().get(f"/accreditation/credentials/{award.public_id}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Astaffone" in text and "Senior practitioner" in text and "Valid" in text
    assert "download-json" not in text
    assert Client().get("/accreditation/credentials/00000000-0000-0000-0000-000000000000/"
                        ).status_code == 404


def test_revoked_shows_revoked_on_the_public_page(cred, web_client) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    response = web_client(cred.runner).post(
        f"/accreditation/credentials/{award.public_id}/status/",
        {"action": "revoke", "reason": "Found to have copied the evidence"})
    assert response.status_code == 302
    assert Award.objects.get(pk=award.pk).status == Award.Status.REVOKED
    text = Client().get(f"/accreditation/credentials/{award.public_id}/").content.decode()
    assert "Revoked" in text and "Found to have copied the evidence" in text


def test_status_form_errors_name_the_field(cred, web_client) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    response = web_client(cred.runner).post(
        f"/accreditation/credentials/{award.public_id}/status/", {"action": "suspend"})
    assert response.status_code == 400 or response.status_code == 200
    assert "Say why" in response.content.decode()
    assert Award.objects.get(pk=award.pk).status == Award.Status.ACTIVE


def test_public_lists_keys_and_issuer(cred) -> None:  # noqa: ANN001, F811
    award_for(cred)
    anonymous = Client()
    for purpose in ("revocation", "suspension"):
        response = anonymous.get(f"/accreditation/credentials/status/{purpose}/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/vc+jwt"
        assert response.content.count(b".") == 2
    assert anonymous.get("/accreditation/credentials/status/other/").status_code == 404
    keys = anonymous.get("/accreditation/credentials/keys/").json()["keys"]
    assert keys and all("d" not in k and k["crv"] == "Ed25519" for k in keys)
    assert anonymous.get("/accreditation/credentials/issuer/").json()["type"] == ["Profile"]


def test_downloads_for_holder_and_runners_only(cred, web_client) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    base = f"/accreditation/credentials/{award.public_id}/"
    for user in (cred.holder, cred.runner):
        client = web_client(user)
        assert client.get(base + "credential.json").status_code == 200
        pdf = client.get(base + "certificate.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert web_client(cred.stranger).get(base + "credential.json").status_code in (403, 404)
    assert web_client(cred.stranger).get(base + "certificate.pdf").status_code in (403, 404)
    assert Client().get(base + "credential.json").status_code in (302, 403)
    assert web_client(cred.holder).get(base + "status/").status_code == 403


def test_list_page_links_downloads(cred, web_client) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    text = web_client(cred.holder).get("/accreditation/credentials/").content.decode()
    assert f"/accreditation/credentials/{award.public_id}/credential.json" in text
    text = web_client(cred.stranger).get("/accreditation/credentials/").content.decode()
    assert str(award.public_id) not in text


def test_api_scoped_and_status_change(cred, api_client) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    holder = api_client(cred.holder)
    listed = holder.get("/api/v1/accreditation/credentials/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["public_id"] for r in rows] == [str(award.public_id)]
    detail = holder.get(f"/api/v1/accreditation/credentials/{award.public_id}/").json()
    assert detail["credential"]["type"] == "EnvelopedVerifiableCredential"
    assert api_client(cred.stranger).get(
        f"/api/v1/accreditation/credentials/{award.public_id}/").status_code in (403, 404)
    url = f"/api/v1/accreditation/credentials/{award.public_id}/status/"
    assert holder.post(url, {"action": "revoke", "reason": "x"}, format="json").status_code == 403
    runner = api_client(cred.runner)
    assert runner.post(url, {"action": "suspend"}, format="json").status_code == 400
    done = runner.post(url, {"action": "suspend", "reason": "CPD lapsed"}, format="json")
    assert done.status_code == 200 and done.json()["current_status"] == "suspended"
    assert runner.post(url, {"action": "renew"}, format="json").status_code == 409
