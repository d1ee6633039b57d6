"""Linking an account to a person, reached from ``access`` without importing ``people``.

Person records live in ``people``, above ``access``, so the service that links them is
``people.services.link_account_by_keys`` (ADR 23). ``people`` registers it here in its
``AppConfig.ready()``; ``cadre access link`` calls ``link_account``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

Linker = Callable[..., Any]
_linker: list[Linker] = []


def register_linker(linker: Linker) -> None:
    """Say which function links an account to a person (``people`` does, once)."""
    _linker[:] = [linker]


def link_account(*, actor: Any, email: str, organisation: str, staff_number: str) -> Any:
    """Link the account with ``email`` to the person ``organisation``/``staff_number``."""
    if not _linker:
        raise ImproperlyConfigured("No account linker is registered (is cadre.people "
                                   "installed?).")
    return _linker[0](actor=actor, email=email, organisation=organisation,
                      staff_number=staff_number)
