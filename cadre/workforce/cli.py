"""Helpers shared by the ``cadre workforce …`` commands."""

from __future__ import annotations

from django.core.management.base import CommandError

from cadre.organisations.models import Organisation
from cadre.organisations.selectors import organisation_by_abbreviation


def organisation_option(abbreviation: object) -> Organisation:
    """The organisation named by ``--organisation ABBR``, or a CommandError saying there is none."""
    organisation = organisation_by_abbreviation(str(abbreviation))
    if organisation is None:
        raise CommandError(f"No organisation with abbreviation '{abbreviation}'.")
    return organisation
