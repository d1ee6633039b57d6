"""One spelling per email address: how accounts are stored, found and locked out."""

from __future__ import annotations

import unicodedata


def normalise_email(value: object) -> str:
    """Trim, put into Unicode normal form C and case-fold an email address.

    ``" Central@Cadre.Example "`` and ``"central@cadre.example"`` are the same
    account, the same sign-in and the same lockout counter. Anything that is not a
    string (a missing form field) becomes the empty string.
    """
    if not isinstance(value, str):
        return ""
    return unicodedata.normalize("NFC", value.strip()).casefold()
