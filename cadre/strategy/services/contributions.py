"""Writes for contributions (issue 19, area 6): offering contributions as evidence in the
person's appraisal cycle, and withdrawing them while the cycle is open.

The contributions themselves are never written here: they are read live from the apps that
hold them. Offering copies what the contribution says at that moment. The person, and
anyone above them in the line-management chain, offer and withdraw; the command line and
the system may act for anyone. Every write runs in one transaction and is audited.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.people.models import Person
from cadre.strategy.models.contributions import (
    MAX_CONTRIBUTION_TEXT,
    ContributionEvidence,
    ContributionKind,
)
from cadre.strategy.selectors import contributions as sel
from cadre.talent.models import AppraisalCycle

#: At most this many contributions offered in one go (docs/limits.md).
MAX_OFFERED_AT_ONCE = 100
_KEY = re.compile(r"([a-z_]{1,20}):([0-9]{1,18})")
ONLY_PERSON_OR_MANAGER = ("Only the person and their line managers offer or withdraw "
                          "their contributions as appraisal evidence.")


def _require(actor: Actor, person: Person) -> None:
    if actor.trusted:
        return
    if actor.user is None or not sel.may_offer(actor.user, person):
        raise PermissionDenied(ONLY_PERSON_OR_MANAGER)


def parse_key(value: object) -> tuple[str, int]:
    """``kind:record_id`` as (kind, id), or a ValidationError naming ``contributions``."""
    match = _KEY.fullmatch(str(value))
    if match is None or match.group(1) not in ContributionKind.values:
        raise ValidationError({"contributions": [f"{str(value)[:40]!r} is not a contribution "
                                                 "(kind:number)."]})
    return match.group(1), int(match.group(2))


def _cycle_open(cycle: AppraisalCycle) -> bool:
    today = timezone.localdate()
    return cycle.opens_on <= today <= cycle.closes_on


def offer_evidence(*, actor: Actor, person: Person, cycle: AppraisalCycle,
                   keys: list[str]) -> list[ContributionEvidence]:
    """Offer the person's contributions named by ``keys`` (``kind:record_id``) as evidence
    in ``cycle``, an open appraisal cycle of their organisation. Every key must be one of
    the person's contributions not offered in the cycle already; otherwise nothing is
    written and the error names each bad one."""
    _require(actor, person)
    if cycle.organisation_id != person.organisation_id or not _cycle_open(cycle):
        raise ValidationError({"cycle": ["Choose an appraisal cycle of the person's "
                                         "organisation that is open today."]})
    if not keys:
        raise ValidationError({"contributions": ["Choose at least one contribution."]})
    if len(keys) > MAX_OFFERED_AT_ONCE:
        raise ValidationError({"contributions": [
            f"Offer at most {MAX_OFFERED_AT_ONCE} contributions at once."]})
    wanted = [parse_key(k) for k in dict.fromkeys(keys)]
    theirs = {(c.kind, c.record_id): c for c in sel.contributions_of(person)}
    offered = set(ContributionEvidence.objects.filter(cycle=cycle, person=person)
                  .values_list("kind", "record_id"))
    problems = []
    for kind, record_id in wanted:
        if (kind, record_id) not in theirs:
            problems.append(f"{kind}:{record_id} is not one of {person.full_name}'s "
                            "contributions.")
        elif (kind, record_id) in offered:
            problems.append(f"{theirs[kind, record_id].what} is already offered in "
                            f"{cycle.name}.")
    if problems:
        raise ValidationError({"contributions": problems})
    created = []
    try:
        with transaction.atomic():
            for kind, record_id in wanted:
                c = theirs[kind, record_id]
                created.append(ContributionEvidence.objects.create(
                    person=person, cycle=cycle, kind=kind, record_id=record_id,
                    what=c.what[:MAX_CONTRIBUTION_TEXT],
                    organisation=c.organisation[:MAX_CONTRIBUTION_TEXT],
                    starts_on=c.starts_on, ends_on=c.ends_on, offered_by=actor.user))
            record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=person,
                         summary=f"{len(created)} contribution(s) offered as evidence in "
                                 f"{cycle.name} for {person.full_name}",
                         data={"cycle": cycle.pk, "contributions": [
                             f"{k}:{r}" for k, r in wanted]})
    except IntegrityError as exc:  # offered by someone else a moment ago
        raise ValidationError({"contributions": [
            "Someone offered one of these a moment ago; reload the page."]}) from exc
    return created


def withdraw_evidence(*, actor: Actor, evidence_id: Any) -> None:
    """Withdraw one piece of evidence while its cycle is open."""
    with transaction.atomic():
        evidence = (ContributionEvidence.objects.select_for_update()
                    .select_related("cycle", "person").filter(pk=evidence_id).first())
        if evidence is None:
            raise ValidationError({"evidence": ["This evidence was withdrawn already."]})
        _require(actor, evidence.person)
        if not _cycle_open(evidence.cycle):
            raise ValidationError({"evidence": [
                f"{evidence.cycle.name} is closed; its evidence stays as it was."]})
        record_event(actor=actor, action=AuditEvent.Action.RECORD_DELETED,
                     target=evidence.person,
                     summary=f"Evidence withdrawn from {evidence.cycle.name}: {evidence.what}",
                     data={"cycle": evidence.cycle_id, "kind": evidence.kind,
                           "record_id": evidence.record_id})
        evidence.delete()
