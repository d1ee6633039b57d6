"""Signing out ends the session at the provider too (OpenID Connect RP-Initiated Logout),
walked against the real provider on loopback (ADR 29)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import requests
from django.urls import reverse

from cadre.access.models import User
from cadre.audit.models import AuditEvent
from cadre.identity.providers import Provider, ProviderUnavailable
from cadre.identity.tests.conftest import (
    SIGNED_OUT,
    callback_path,
    sign_in_at_provider,
    start_sign_in,
)
from cadre.identity.tests.oidc_provider import CLIENT_ID
from cadre.identity.views import ID_TOKEN
from tests.factories import OrganisationFactory, PersonFactory
from tests.fixtures import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(provider_settings):  # noqa: ANN001, ANN201
    return PersonFactory(email="alice@dept.example", organisation=OrganisationFactory())


def _signed_in(client, provider, email: str = "alice@dept.example") -> requests.Session:  # noqa: ANN001
    """Sign in through the provider; the browser session that holds its cookie."""
    browser = requests.Session()
    callback = sign_in_at_provider(start_sign_in(client, email), email, browser=browser)
    assert client.get(callback_path(callback)).status_code == 302
    assert _provider_user(browser, provider) == email
    return browser


def _provider_user(browser: requests.Session, provider) -> str:  # noqa: ANN001
    """Who the provider thinks this browser is signed in as ("" for nobody)."""
    return browser.get(f"http://127.0.0.1:{provider.port}/whoami/", timeout=10).text


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def test_sign_out_ends_the_session_at_the_provider_and_comes_back(  # noqa: ANN001
        client, alice, provider_settings):
    browser = _signed_in(client, provider_settings)
    id_token = client.session[ID_TOKEN]
    user = User.objects.get(email="alice@dept.example")

    response = client.post(reverse("access:sign-out"))

    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{provider_settings.issuer}/logout/?")
    query = _query(location)
    assert query == {"id_token_hint": id_token, "post_logout_redirect_uri": SIGNED_OUT}
    claims = jwt.decode(id_token, options={"verify_signature": False})
    assert claims["aud"] == CLIENT_ID and claims["email"] == "alice@dept.example"
    # Cadre's session is over before the browser reaches the provider.
    assert client.get(reverse("core:home")).status_code == 302
    event = AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_OUT, actor=user).get()
    assert event.data == {"provider": "dept"}

    back = browser.get(location, allow_redirects=False, timeout=10)
    assert back.status_code == 302, back.text[:500]
    assert back.headers["Location"] == SIGNED_OUT
    assert _provider_user(browser, provider_settings) == ""
    page = client.get(urlparse(SIGNED_OUT).path)
    assert page.status_code == 200
    assert b"You have signed out" in page.content

    # The provider asks for the password again on the next sign-in.
    again = browser.get(start_sign_in(client, "alice@dept.example"), timeout=10)
    assert "Sign in to the provider" in again.text


def test_without_a_kept_id_token_the_client_id_names_cadre(client, alice,  # noqa: ANN001
                                                           provider_settings):
    browser = _signed_in(client, provider_settings)
    session = client.session
    del session[ID_TOKEN]
    session.save()

    location = client.post(reverse("access:sign-out"))["Location"]

    assert _query(location) == {"client_id": CLIENT_ID, "post_logout_redirect_uri": SIGNED_OUT}
    # With no token to show whose session it is, the provider asks before signing out.
    confirm = browser.get(location, timeout=10)
    assert "Sign out of the test identity provider?" in confirm.text
    assert _provider_user(browser, provider_settings) == "alice@dept.example"
    fields = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', confirm.text))
    back = browser.post(confirm.url, data={**fields, "allow": "1"}, allow_redirects=False,
                        timeout=10)
    assert back.status_code == 302 and back.headers["Location"] == SIGNED_OUT
    assert _provider_user(browser, provider_settings) == ""


def test_a_password_sign_in_signs_out_to_cadres_page(client, provider_settings):  # noqa: ANN001
    User.objects.create_user("admin@elsewhere.example", password=PASSWORD)
    assert client.post(reverse("access:sign-in"), {"username": "admin@elsewhere.example",
                                                   "password": PASSWORD}).status_code == 302
    response = client.post(reverse("access:sign-out"))
    assert response["Location"] == reverse("access:signed-out")
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_OUT,
                                     data__provider="password").exists()


def test_a_provider_without_an_end_session_endpoint_signs_out_in_cadre_only(  # noqa: ANN001
        client, alice, provider_settings, monkeypatch):
    _signed_in(client, provider_settings)
    real_metadata = Provider.metadata

    def without_end_session(self):  # noqa: ANN001, ANN202
        return {k: v for k, v in real_metadata(self).items() if k != "end_session_endpoint"}

    monkeypatch.setattr(Provider, "metadata", without_end_session)
    response = client.post(reverse("access:sign-out"))
    assert response["Location"] == reverse("access:signed-out")
    assert client.get(reverse("core:home")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_OUT,
                                     data__provider="dept").exists()


def test_an_unreachable_provider_still_signs_out_of_cadre(client, alice,  # noqa: ANN001
                                                           provider_settings, monkeypatch):
    _signed_in(client, provider_settings)

    def unreachable(self):  # noqa: ANN001, ANN202
        raise ProviderUnavailable("down")

    monkeypatch.setattr(Provider, "metadata", unreachable)
    response = client.post(reverse("access:sign-out"))
    assert response["Location"] == reverse("access:signed-out")
    assert client.get(reverse("core:home")).status_code == 302
