"""Sign-in through an organisation's identity provider, reached from ``access`` without
importing the app that does it.

``cadre.identity`` (above ``access``) registers itself here in its ``AppConfig.ready()``;
the sign-in page asks it whether an email address belongs to a provider and whether an
account may still use a local password, and sign-out asks it where to send the browser so
the provider's session ends too (ADR 29). Without it, passwords are the only way in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse

#: Request attribute and session key naming the provider an account signed in through.
SIGN_IN_PROVIDER = "cadre_sign_in_provider"


def _no_provider_exit(request: HttpRequest) -> str | None:
    return None


@dataclass(frozen=True)
class Federation:
    #: The redirect that starts sign-in at the provider serving ``email``, or None.
    route: Callable[[HttpRequest, str, str], HttpResponse | None]
    #: Whether an account may sign in with a password held by Cadre.
    passwords_allowed: Callable[[Any], bool]
    #: Whether any provider is configured (the page then explains the empty password).
    available: Callable[[], bool]
    #: Where sign-out sends the browser (the provider's end-session endpoint), or None
    #: for Cadre's signed-out page. Called while the session still exists.
    sign_out: Callable[[HttpRequest], str | None] = _no_provider_exit


_registered: list[Federation] = []


def register(federation: Federation) -> None:
    _registered[:] = [federation]


def route(request: HttpRequest, email: str, next_url: str) -> HttpResponse | None:
    return _registered[0].route(request, email, next_url) if _registered else None


def passwords_allowed(user: Any) -> bool:
    return _registered[0].passwords_allowed(user) if _registered else True


def available() -> bool:
    return bool(_registered) and _registered[0].available()


def sign_out_url(request: HttpRequest) -> str | None:
    """The provider address that ends the account's session there too, or None."""
    return _registered[0].sign_out(request) if _registered else None
