"""OpenID Connect providers, read from settings (``CADRE_OIDC_PROVIDERS``, built from the
environment in ``config/settings.py``; see docs/deployment.md).

Each provider serves the email domains it lists: the sign-in page sends an address in one
of them to that provider. Endpoints and keys come from the provider's discovery document
(``<issuer>/.well-known/openid-configuration``), fetched when first needed and kept for an
hour in this process.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DISCOVERY_TTL_SECONDS = 3600
_discovered: dict[str, tuple[float, dict[str, Any]]] = {}
_lock = threading.Lock()


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be fetched or is not valid."""


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    issuer: str
    client_id: str
    client_secret: str
    domains: tuple[str, ...]
    scopes: str = "openid email profile"
    algorithm: str = "RS256"
    extra: dict[str, str] = field(default_factory=dict)

    def serves(self, email: str) -> bool:
        domain = email.rpartition("@")[2].strip().casefold()
        return bool(domain) and domain in self.domains

    def metadata(self) -> dict[str, Any]:
        """The provider's discovery document (cached), checked to name this issuer."""
        now = time.monotonic()
        with _lock:
            cached = _discovered.get(self.issuer)
        if cached and now - cached[0] < DISCOVERY_TTL_SECONDS:
            return cached[1]
        url = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise ProviderUnavailable(f"{self.name}: cannot read {url} ({exc})") from exc
        if document.get("issuer") != self.issuer:
            raise ProviderUnavailable(
                f"{self.name}: discovery names issuer {document.get('issuer')!r}, "
                f"not {self.issuer!r}")
        for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not document.get(name):
                raise ProviderUnavailable(f"{self.name}: discovery has no {name}")
        with _lock:
            _discovered[self.issuer] = (now, document)
        return document


def forget_discovery() -> None:
    """Drop cached discovery documents (tests, and a provider that rotated endpoints)."""
    with _lock:
        _discovered.clear()


def _build(key: str, values: dict[str, Any]) -> Provider:
    missing = [name for name in ("issuer", "client_id", "client_secret", "domains")
               if not values.get(name)]
    if missing:
        raise ImproperlyConfigured(
            f"Sign-in provider {key!r} lacks " + ", ".join(
                f"CADRE_OIDC_{key.upper()}_{name.upper()}" for name in missing))
    domains = values["domains"]
    if isinstance(domains, str):
        domains = domains.split(",")
    return Provider(
        key=key, name=values.get("name") or key, issuer=values["issuer"].strip(),
        client_id=values["client_id"], client_secret=values["client_secret"],
        domains=tuple(d.strip().lstrip("@").casefold() for d in domains if d.strip()),
        scopes=values.get("scopes") or "openid email profile",
        algorithm=values.get("algorithm") or "RS256",
    )


def all_providers() -> list[Provider]:
    """Every configured provider, in the order configured."""
    configured = getattr(settings, "CADRE_OIDC_PROVIDERS", {}) or {}
    return [_build(key, values) for key, values in configured.items()]


def provider_by_key(key: str) -> Provider | None:
    return next((p for p in all_providers() if p.key == key), None)


def provider_for_email(email: str) -> Provider | None:
    """The provider that serves this address's domain, if any."""
    return next((p for p in all_providers() if p.serves(email)), None)
