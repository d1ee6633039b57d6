"""Reads for sign-in administration."""

from __future__ import annotations

from cadre.identity.models import OrganisationSignIn


def organisations_without_local_passwords() -> list[str]:
    """Abbreviations of the organisations whose people may not use local passwords."""
    return list(OrganisationSignIn.objects.filter(local_passwords=False)
                .order_by("organisation__abbreviation")
                .values_list("organisation__abbreviation", flat=True))
