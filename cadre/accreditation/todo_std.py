"""What the home page lists for standards: a link to the accreditation the signed-in person
could apply for, once any scheme level has published criteria."""

from __future__ import annotations

from collections.abc import Sequence

from cadre.accreditation.models import CriteriaVersion
from cadre.accreditation.selectors.common import person_id_of
from cadre.core.todo import HomeItem


def own(user: object) -> Sequence[HomeItem]:
    """ "Accreditation you could apply for" for an account with a person record."""
    if (
        person_id_of(user) is None
        or not CriteriaVersion.objects.filter(published_on__isnull=False).exists()
    ):
        return []
    return [
        HomeItem(
            "Accreditation you could apply for",
            "accreditation:eligibility",
            hint="Which schemes you meet now from your agreed skills, and what is missing.",
        )
    ]
