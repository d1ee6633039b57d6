"""Renewal of awards through CPD (issue 16 point 6), run daily by
``cadre accreditation renewals`` (and its task):

1. **Reminders**: an active award's holder is told 90 and 30 days before expiry how many
   CPD credits they have recorded in the renewal period and how many the scheme needs
   (once per award, expiry and threshold).
2. **Expiry**: an active award whose expiry has passed renews by itself for another
   renewal period when the credits recorded in the period meet the scheme's requirement;
   otherwise it is suspended as lapsed (the status list shows it at once).
3. **Reinstatement**: a lapsed award whose holder has since recorded enough credits in the
   renewal period up to today is reinstated and renewed from today.

Every step goes through ``services.credentials.transition_award`` (locked, audited). A run
is safe to repeat: reminders are unique, and a changed award is skipped by the next run.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cadre.accreditation.models import REMINDER_DAYS, Award, Lapse, RenewalReminder
from cadre.accreditation.selectors import cpd as sel
from cadre.accreditation.services.credentials import add_months, transition_award
from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict
from cadre.notifications.services import absolute_link
from cadre.notifications.triggers import long_date, notify

logger = logging.getLogger(__name__)


@dataclass
class RenewalRun:
    """What one run did, by award id."""

    reminded: list[int] = field(default_factory=list)
    renewed: list[int] = field(default_factory=list)
    lapsed: list[int] = field(default_factory=list)
    reinstated: list[int] = field(default_factory=list)

    def as_record(self) -> dict[str, list[int]]:
        return {"reminded": self.reminded, "renewed": self.renewed, "lapsed": self.lapsed,
                "reinstated": self.reinstated}


def _awards(**filters: Any) -> list[Award]:
    return list(Award.objects.filter(**filters).select_related("level__scheme", "person")
                .order_by("pk"))


def _remind(award: Award, days_before: int, today: dt.date, actor: Actor) -> bool:
    progress = sel.renewal_progress(award, today=today)
    try:
        with transaction.atomic():
            RenewalReminder.objects.create(award=award, expires_on=award.expires_on,
                                           days_before=days_before, sent_on=today)
    except IntegrityError:
        return False  # sent by an earlier (or a concurrent) run
    person = award.person
    notify(kind="accreditation_renewal", to=person.email, recipient=person.account,
           actor=actor, personalisation=lambda: {
               "name": person.first_name, "award": str(award.level),
               "expires_on": long_date(award.expires_on), "credits": progress["credits"],
               "needed": progress["needed"],
               "link": absolute_link(reverse("accreditation:cpd"))})
    return True


def _step(run_list: list[int], award: Award, action: str, actor: Actor, reason: str = "",
          expires_on: dt.date | None = None) -> bool:
    try:
        transition_award(actor=actor, award_id=award.pk, action=action, reason=reason,
                         expires_on=expires_on)
    except TransitionConflict:
        logger.info("Award %s changed while renewals ran; left for the next run", award.pk)
        return False
    run_list.append(award.pk)
    return True


def run_renewals(*, actor: Actor | Any | None = None, today: dt.date | None = None) -> RenewalRun:
    """Send due reminders, renew or lapse expired awards, reinstate lapsed ones that now
    meet the requirement. ``today`` is for tests and catching up."""
    actor = Actor.coerce(actor) if actor is not None else Actor.system()
    today = today or timezone.localdate()
    run = RenewalRun()
    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    for award in _awards(status=Award.Status.ACTIVE, expires_on__gte=today,
                         expires_on__lte=horizon):
        days_left = (award.expires_on - today).days
        due = [d for d in REMINDER_DAYS if days_left <= d]
        # Only the nearest threshold: a late first run does not send both at once.
        if due and _remind(award, min(due), today, actor):
            run.reminded.append(award.pk)
    for award in _awards(status=Award.Status.ACTIVE, expires_on__lt=today):
        start, end = sel.renewal_window(award)
        have = sel.credits_between(award.person_id, start, end)
        need = award.level.scheme.cpd_credits
        if have >= need:
            # The next period follows on from the last, unless that too has passed.
            following = add_months(award.expires_on, award.level.scheme.renewal_months)
            _step(run.renewed, award, "renew", actor,
                  expires_on=following if following > today else None)
            continue
        reason = (f"Lapsed on {long_date(award.expires_on)}: {have} of the {need} CPD credits "
                  "needed were recorded in the renewal period.")
        with transaction.atomic():
            if _step(run.lapsed, award, "suspend", actor, reason=reason):
                Lapse.objects.create(award=award, lapsed_on=award.expires_on, credits=have,
                                     needed=need)
    for lapse in (Lapse.objects.filter(reinstated_on__isnull=True,
                                       award__status=Award.Status.SUSPENDED)
                  .select_related("award__level__scheme")):
        award = lapse.award
        start, end = sel.renewal_window(award, end=today)
        if sel.credits_between(award.person_id, start, end) < award.level.scheme.cpd_credits:
            continue
        with transaction.atomic():
            if _step(run.reinstated, award, "reinstate", actor):
                lapse.reinstated_on = today
                lapse.save(update_fields=["reinstated_on"])
                transition_award(actor=actor, award_id=award.pk, action="renew")
    return run
