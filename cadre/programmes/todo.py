"""What the home page lists for an apprentice: a link to their own record."""

from __future__ import annotations

from collections.abc import Sequence

from cadre.core.todo import HomeItem
from cadre.programmes.models import Apprentice
from cadre.programmes.selectors.common import person_id_of


def own_apprenticeship(user: object) -> Sequence[HomeItem]:
    """"Your apprenticeship" for an account whose person is an apprentice; else nothing."""
    person_id = person_id_of(user)
    if person_id is None or not Apprentice.objects.filter(person_id=person_id).exists():
        return []
    return [HomeItem("Your apprenticeship", "programmes:apprentice-mine",
                     hint="Placements, your evidence log and end-point assessment.")]
