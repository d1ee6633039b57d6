"""What the home page lists for applications: supporter requests waiting for the account,
and the account's own applications in progress."""

from __future__ import annotations

from collections.abc import Sequence

from cadre.accreditation.selectors import applications as sel
from cadre.core.todo import HomeItem, Step

#: Requests named on the home page before "and N more".
NAMED = 5


def waiting(user: object) -> Sequence[HomeItem]:
    """Applications naming the account as supporter, not yet answered."""
    requests = list(sel.supporter_requests(user).order_by("updated_at", "id"))
    if not requests:
        return []
    return [HomeItem(
        "Accreditation applications to support", "accreditation:supporting",
        count=len(requests),
        hint="Colleagues named you as their supporter: read their statements and confirm.",
        steps=[Step(f"Support {a.person.full_name}'s application for {a.level}",
                    "accreditation:application-support", (a.pk,))
               for a in requests[:NAMED]])]


def own(user: object) -> Sequence[HomeItem]:
    """A link to the account's applications, when it has any in progress."""
    active = sel.own_applications(user).filter(state__in=sel.ACTIVE_STATES)
    count = active.count()
    if not count:
        return []
    return [HomeItem("Your accreditation applications", "accreditation:applications",
                     hint=f"{count} in progress.")]
