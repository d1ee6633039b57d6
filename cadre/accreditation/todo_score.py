"""What the home page lists for assessing and deciding: applications waiting for the
account's scores or reconciliation, applications waiting for a panel (scheme runners), and
a decision the account may still appeal."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q

from cadre.accreditation.models import Application
from cadre.accreditation.selectors import assessment as sel
from cadre.core.todo import HomeItem, Step

#: Applications named on the home page before "and N more".
NAMED = 5


def waiting(user: object) -> Sequence[HomeItem]:
    """Allocations still to score (or reconcile), and for the runners the panel's queue."""
    items = []
    mine = list(sel.assessor_allocations(user).filter(
        Q(submitted_at__isnull=True, application__state=Application.State.ASSESSING)
        | Q(application__state=Application.State.RECONCILIATION)))
    if mine:
        items.append(HomeItem(
            "Accreditation applications to assess", "accreditation:assessing", count=len(mine),
            hint="Score each criterion on your own; reconcile when the scores are far apart.",
            steps=[Step(f"Assess {a.application.person.full_name} for {a.application.level}",
                        "accreditation:assessment", (a.pk,)) for a in mine[:NAMED]]))
    panel = sel.panel_applications(user).filter(state__in=sel.PANEL_STATES).count()
    if panel:
        items.append(HomeItem("Accreditation applications for a panel", "accreditation:panel",
                              count=panel, hint="Record the panel's decision, or an appeal's."))
    return items


def own(user: object) -> Sequence[HomeItem]:
    """The account's own decision that may still be appealed."""
    for application in sel.decided_applications(user).filter(
            state=Application.State.NOT_AWARDED, person__account=user):
        if sel.appeal_deadline(application) is not None:
            return [HomeItem("The decision on your accreditation application",
                             "accreditation:decision", (application.pk,),
                             hint="Read the panel's reasons; you may appeal.")]
    return []
