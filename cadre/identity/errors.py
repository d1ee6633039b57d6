"""Why a provider sign-in was refused."""

from __future__ import annotations


class SignInRefused(Exception):
    """A provider sign-in that must not go ahead. ``reason`` is a short code for the audit
    trail; ``message`` is what the page tells the person."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
