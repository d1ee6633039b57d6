"""Reads of CPD records and what renewal needs (issue 16 point 6), scoped to the user."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import QuerySet, Sum

from cadre.access.scope import scope_for
from cadre.accreditation.models import Award, CpdRecord
from cadre.accreditation.selectors.common import person_id_of, runs_scheme


def may_see_records_of(user: Any, person: Any) -> bool:
    """The person themselves, their heads of profession, the central team, administrators."""
    if person_id_of(user) == person.pk:
        return True
    return runs_scheme(user) or scope_for(user).manages(person.organisation_id)


def may_change(user: Any, record: CpdRecord) -> bool:
    """The record's person (typed records only) and the scheme runners."""
    if runs_scheme(user):
        return True
    return person_id_of(user) == record.person_id and record.source == "typed"


def records_of(user: Any, person: Any) -> QuerySet[CpdRecord]:
    """The person's CPD records, newest first; none when the user may not see them."""
    if not may_see_records_of(user, person):
        return CpdRecord.objects.none()
    return CpdRecord.objects.filter(person=person).order_by("-completed_on", "-id")


def credits_between(person_id: int, start: dt.date, end: dt.date) -> int:
    """CPD credits the person recorded with a completion date in ``start``..``end``."""
    total = (CpdRecord.objects.filter(person_id=person_id, completed_on__gte=start,
                                      completed_on__lte=end)
             .aggregate(total=Sum("credits"))["total"])
    return int(total or 0)


def renewal_window(award: Award, *, end: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The renewal period that counts for an award: the scheme's renewal months up to
    ``end`` (default: its expiry)."""
    last = end or award.expires_on
    return last - relativedelta(months=award.level.scheme.renewal_months), last


def renewal_progress(award: Award, *, today: dt.date) -> dict[str, Any]:
    """Credits so far in the award's current renewal period against what the scheme needs."""
    start, end = renewal_window(award)
    have = credits_between(award.person_id, start, min(end, today))
    need = award.level.scheme.cpd_credits
    return {"award": award, "from": start, "to": end, "credits": have, "needed": need,
            "met": have >= need, "days_left": (end - today).days}


def awards_of(user: Any, person: Any) -> QuerySet[Award]:
    """The person's awards, if the user may see their CPD."""
    if not may_see_records_of(user, person):
        return Award.objects.none()
    return (Award.objects.filter(person=person).select_related("level__scheme")
            .order_by("-awarded_on"))
