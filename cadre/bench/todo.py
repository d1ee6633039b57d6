"""What the home page lists from the specialist bench: requests to decide, requests raised,
and for programme managers the specialists available soon."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.bench.models import DeploymentRequest
from cadre.bench.selectors import my_requests, visible_windows
from cadre.core.todo import HomeItem

#: How far ahead "available soon" looks.
SOON = dt.timedelta(days=90)


def waiting(user: object) -> Sequence[HomeItem]:
    """Requested deployments the account decides; its own requests still open; for
    programme managers, specialists available in the next three months."""
    if not getattr(user, "is_authenticated", False):
        return []
    requests = my_requests(user)
    items = [
        HomeItem("Deployment requests to accept or decline", "bench:bench-requests",
                 count=requests["to_decide"].count()),
        HomeItem("Deployment requests you raised that are still open", "bench:bench-requests",
                 count=requests["raised"].filter(state__in=[
                     DeploymentRequest.State.REQUESTED, DeploymentRequest.State.ACCEPTED])
                 .count(),
                 hint="Waiting for a decision, or accepted and to complete when the work ends."),
    ]
    if scope_for(user).has(Role.PROGRAMME_MANAGER):
        today = timezone.localdate()
        soon = (visible_windows(user).filter(available_from__lte=today + SOON,
                                             available_to__gte=today)
                .values("person").distinct().count())
        items.append(HomeItem("Specialists on the bench available in the next three months",
                              "bench:bench", count=soon,
                              hint="Find one with the skills your programme needs and ask "
                                   "for them."))
    return items
