"""A real OpenID Connect provider (django-oauth-toolkit) on loopback for the whole module,
and helpers that walk a browser's part of the flow with ``requests``."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
import requests
from django.urls import reverse

from cadre.identity.providers import forget_discovery
from cadre.identity.tests.oidc_provider import CLIENT_ID, CLIENT_SECRET

DOMAIN = "dept.example"
PROVIDER_PASSWORD = "provider-password"
CALLBACK = "http://testserver/sign-in/provider/callback/"
# Any port on 127.0.0.1 (RFC 8252 loopback redirects): the browser test's live server.
LOOPBACK_CALLBACK = "http://127.0.0.1/sign-in/provider/callback/"
# Where the provider sends the browser back after ending its session (Cadre's signed-out page).
SIGNED_OUT = "http://testserver/signed-out/"
LOOPBACK_SIGNED_OUT = "http://127.0.0.1/signed-out/"
# Usernames at the provider; each is also the email it asserts.
PROVIDER_USERS = ["alice@dept.example", "nobody@dept.example", "admin@dept.example",
                  "bob@dept.example", "unverified.carol@dept.example:carol@dept.example",
                  "mallory@other.example", "entra.dave@dept.example:dave@dept.example"]


@dataclass
class LoopbackProvider:
    port: int

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}/o"


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoopbackProvider]:
    directory = tmp_path_factory.mktemp("oidc_provider")
    users = []
    for spec in PROVIDER_USERS:
        username, _, email = spec.partition(":")
        users += ["--user", f"{username}:{PROVIDER_PASSWORD}:{email or username}"]
    process = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "cadre.identity.tests.oidc_provider", "--dir", str(directory),
         "--redirect-uri", CALLBACK, "--redirect-uri", LOOPBACK_CALLBACK,
         "--post-logout-uri", SIGNED_OUT, "--post-logout-uri", LOOPBACK_SIGNED_OUT, *users],
        stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        if not line.startswith("READY "):
            pytest.fail(f"The loopback OpenID Connect provider did not start: {line!r}")
        yield LoopbackProvider(port=int(line.split()[1]))
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def provider_settings(settings, oidc_provider: LoopbackProvider) -> LoopbackProvider:  # noqa: ANN001
    settings.CADRE_OIDC_PROVIDERS = {"dept": {
        "name": "Department sign-in", "issuer": oidc_provider.issuer, "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET, "domains": DOMAIN,
    }}
    forget_discovery()
    return oidc_provider


def sign_in_at_provider(authorize_url: str, username: str,
                        password: str = PROVIDER_PASSWORD,
                        browser: requests.Session | None = None) -> str:
    """Do the browser's part at the provider: open the authorisation URL, sign in on the
    provider's own form, and return the callback URL the provider redirects to. Pass
    ``browser`` to keep the provider's session cookie afterwards."""
    browser = browser or requests.Session()
    response = browser.get(authorize_url, allow_redirects=True, timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    assert token, response.text[:500]
    next_url = re.search(r'name="next" value="([^"]+)"', response.text).group(1)
    response = browser.post(response.url, data={
        "csrfmiddlewaretoken": token.group(1), "username": username, "password": password,
        "next": next_url.replace("&amp;", "&"),
    }, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:500]
    location = response.headers["Location"]
    while not location.startswith(CALLBACK):
        response = browser.get(requests.compat.urljoin(response.url, location),
                               allow_redirects=False, timeout=10)
        assert response.status_code == 302, response.text[:500]
        location = response.headers["Location"]
    return location


def start_sign_in(client, email: str, next_url: str = "") -> str:  # noqa: ANN001
    """Type the email (no password) on Cadre's sign-in page; the provider's URL."""
    response = client.post(reverse("access:sign-in"),
                           {"username": email, "password": "", "next": next_url})
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def callback_path(url: str) -> str:
    parsed = urlparse(url)
    return f"{parsed.path}?{parsed.query}"
