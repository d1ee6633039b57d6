"""What the home page lists from talent: ratings to calibrate, people to rate, own pools."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from cadre.access.scope import scope_for
from cadre.core.todo import HomeItem, Step
from cadre.people.selectors import own_person
from cadre.talent.models import TalentRating
from cadre.talent.selectors import managed_cycles, my_memberships, open_cycles_for, team_to_rate


def waiting(user: object) -> Sequence[HomeItem]:
    items: list[HomeItem] = []
    scope = scope_for(user)
    if scope.authenticated and (scope.managed_organisation_ids is None
                                or scope.managed_organisation_ids):
        today = timezone.localdate()
        # Ratings can be calibrated from the day a cycle opens; each waits until it is.
        due = (TalentRating.objects.filter(cycle__in=managed_cycles(user),
                                           cycle__opens_on__lte=today,
                                           calibrated_at__isnull=True))
        cycles = list(managed_cycles(user).filter(pk__in=due.values("cycle_id"))
                      .select_related("organisation").order_by("closes_on", "pk")[:5])
        items.append(HomeItem(
            "Nine-box ratings to calibrate", "talent:cycles", count=due.count(),
            hint="Line managers' ratings in your organisations' appraisal cycles that nobody "
                 "has calibrated yet.",
            steps=[Step(f"Calibrate ratings in {c.name}, {c.organisation.name}", "talent:ninebox",
                        (c.pk,)) for c in cycles]))
    me = own_person(user)
    if me is not None and open_cycles_for(me).exists():
        cycles = open_cycles_for(me)
        rated = TalentRating.objects.filter(cycle__in=cycles, person__in=team_to_rate(me))
        to_rate = team_to_rate(me).filter(organisation_id=me.organisation_id).count() \
            - rated.count()
        items.append(HomeItem("People in your team to rate in the open appraisal cycle",
                              "talent:ratings", count=max(0, to_rate)))
    return items


def own(user: object) -> Sequence[HomeItem]:
    if own_person(user) is None or not my_memberships(user).exists():
        return []
    return [HomeItem("Your talent pools and development actions", "talent:my-pools")]
