"""Writes for the review panel and appeals (issue 16 point 4).

The panel (recorded by a scheme runner, with its members and reasons) awards or declines an
application that is with the panel. An award issues the credential
(``services.credentials.issue_award``) and writes validated skill assessments into the
person's capability:

- for each "skills at level" or "breadth" criterion, the level the assessors confirmed is
  the LOWER of the two final scores (after any reconciliation);
- the skills evidenced for it are the skill assessments the applicant linked to that
  criterion; when none are linked, the skills that counted for eligibility (agreed or
  validated, at or above the criterion's level, within its families if it names any);
- each such skill is validated at the lower of the level held and the confirmed level, and
  only when that is at or above the criterion's level (an award never records a skill
  below the standard it was awarded against); a skill under several criteria takes the
  highest. Source "validated", assessed by the account that recorded the decision, dated
  the day of the decision.

A declined applicant may appeal within the scheme's ``appeal_days`` (once). The appeal
panel must have no previous involvement (not the applicant, supporter, assessors, earlier
panel members or whoever recorded an earlier decision); it upholds (awarded, as above) or
dismisses (the decision stands). Two decisions at once: the second finds the application
moved on and gets ``TransitionConflict`` (HTTP 409).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.accreditation.models import (
    Appeal,
    Application,
    Award,
    CriterionKind,
    CriterionScore,
    EvidenceLink,
    Outcome,
    PanelDecision,
)
from cadre.accreditation.selectors import assessment as sel
from cadre.accreditation.selectors.standards import counting_levels, skill_families
from cadre.accreditation.services.common import require_scheme_runner
from cadre.accreditation.services.credentials import issue_award
from cadre.accreditation.services.workflow import transition_application
from cadre.assessments.cache_versions import assessments_written
from cadre.assessments.models import SkillAssessment, Source
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.core.inputs import LONG_TEXT, REASON_TEXT, check_text
from cadre.framework.models import Skill, SkillLevel
from cadre.people.models import Person

MAX_PANEL_MEMBERS = 10
OUTCOMES = tuple(Outcome.values)
APPEAL_OUTCOMES = ("upheld", "dismissed")
SKILL_KINDS = (CriterionKind.SKILLS_AT_LEVEL, CriterionKind.BREADTH)


def _reasons(reasons: str, max_length: int = LONG_TEXT) -> str:
    reasons = check_text((reasons or "").strip(), field="reasons", max_length=max_length)
    if not reasons:
        raise ValidationError({"reasons": "Give the panel's reasons."})
    return reasons


def _members(members: Iterable[Person], barred: set[int], barred_words: str) -> list[Person]:
    chosen = list({m.pk: m for m in members}.values())
    if not chosen:
        raise ValidationError({"members": "Name at least one panel member."})
    if len(chosen) > MAX_PANEL_MEMBERS:
        raise ValidationError({"members": f"A panel has at most {MAX_PANEL_MEMBERS} members."})
    clash = [m for m in chosen if m.pk in barred]
    if clash:
        raise ValidationError({"members": f"{clash[0]} cannot sit on this panel: {barred_words}."})
    return chosen


def validated_levels(application: Application) -> dict[int, int]:
    """Skill id -> level ordinal the award validates (see the module docstring)."""
    criteria = [c for c in application.criteria.criteria.prefetch_related("families")
                if c.kind in SKILL_KINDS and c.min_level]
    if not criteria:
        return {}
    confirmed: dict[int, int] = {}
    for criterion_id, score in CriterionScore.objects.filter(
            allocation__in=sel.active_allocations(application.pk)).values_list(
            "criterion_id", "score"):
        confirmed[criterion_id] = min(score, confirmed.get(criterion_id, score))
    held = counting_levels(application.person_id)
    families = skill_families(held)
    linked: dict[int, set[int]] = {}
    for criterion_id, skill_id in EvidenceLink.objects.filter(
            application=application, skill_assessment__isnull=False).values_list(
            "criterion_id", "skill_assessment__skill_id"):
        linked.setdefault(criterion_id, set()).add(skill_id)
    out: dict[int, int] = {}
    for criterion in criteria:
        agreed = confirmed.get(criterion.pk)
        if agreed is None or agreed < criterion.min_level:
            continue
        wanted = {f.pk for f in criterion.families.all()}
        skills = linked.get(criterion.pk) or {
            s for s, lv in held.items() if lv >= criterion.min_level
            and (criterion.kind == CriterionKind.BREADTH or not wanted
                 or families.get(s, frozenset()) & wanted)}
        for skill_id in skills:
            level = min(held.get(skill_id, 0), agreed)
            if level >= criterion.min_level:
                out[skill_id] = max(level, out.get(skill_id, 0))
    return out


def _write_validated(actor: Actor, application: Application) -> list[SkillAssessment]:
    levels = validated_levels(application)
    if not levels:
        return []
    skills = {s.pk: s for s in Skill.objects.filter(pk__in=levels)}
    scale = {(lv.framework_id, lv.ordinal): lv for lv in SkillLevel.objects.filter(
        framework_id__in={s.framework_id for s in skills.values()})}
    today = timezone.localdate()
    rows = []
    for skill_id, ordinal in sorted(levels.items()):
        level = scale.get((skills[skill_id].framework_id, ordinal))
        if level is None:
            continue
        rows.append(SkillAssessment(
            person_id=application.person_id, skill_id=skill_id, level=level,
            source=Source.VALIDATED, assessed_by=actor.user, assessed_on=today,
            evidence=f"Accreditation: {application.level} (application {application.pk})"))
    SkillAssessment.objects.bulk_create(rows)
    assessments_written([application.person_id])  # bulk: no signals (ADR 27)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=application,
                 summary=f"{len(rows)} validated skill assessments written for application "
                         f"{application.pk}",
                 data={"skills": {str(r.skill_id): r.level.ordinal for r in rows}})
    return rows


def _award(actor: Actor, application: Application) -> Award:
    application.refresh_from_db()
    award = issue_award(actor=actor, application=application)
    _write_validated(actor, application)
    return award


@transaction.atomic
def decide(*, actor: Actor | Any, application_id: int, outcome: str, reasons: str,
           members: Iterable[Person]) -> PanelDecision:
    """Record the review panel's decision on an application that is with the panel."""
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    if outcome not in OUTCOMES:
        raise ValidationError({"outcome": "Choose awarded or not awarded."})
    reasons = _reasons(reasons)
    members = list(members)
    made: list[PanelDecision] = []

    def work(application: Application) -> None:
        chosen = _members(members, sel.conflicted_person_ids(application),
                          "the applicant, their supporter and conflicted assessors may not")
        decision = PanelDecision.objects.create(application=application, outcome=outcome,
                                                reasons=reasons, decided_by=actor.user)
        decision.members.set(chosen)
        made.append(decision)

    application = transition_application(
        actor=actor, application_id=application_id,
        action="award" if outcome == Outcome.AWARDED else "decline",
        reason=f"Panel decision: {Outcome(outcome).label.lower()}", work=work)
    if outcome == Outcome.AWARDED:
        _award(actor, application)
    return made[0]


@transaction.atomic
def lodge_appeal(*, actor: Actor | Any, application_id: int, grounds: str) -> Appeal:
    """The applicant appeals a "not awarded" decision within the scheme's period, once."""
    actor = Actor.coerce(actor)
    grounds = check_text((grounds or "").strip(), field="grounds", max_length=LONG_TEXT)
    if not grounds:
        raise ValidationError({"grounds": "Say why you are appealing."})
    made: list[Appeal] = []

    def work(application: Application) -> None:
        if Appeal.objects.filter(application=application).exists():
            raise ValidationError("This decision has been appealed already.")
        deadline = sel.appeal_deadline(application)
        if deadline is None or timezone.localdate() > deadline:
            raise ValidationError(f"Appeals close {application.level.scheme.appeal_days} days "
                                  "after the decision; this one is too late.")
        made.append(Appeal.objects.create(application=application, grounds=grounds))

    transition_application(actor=actor, application_id=application_id, action="appeal",
                           reason="Appeal lodged", work=work)
    return made[0]


@transaction.atomic
def decide_appeal(*, actor: Actor | Any, application_id: int, outcome: str, reasons: str,
                  panel: Iterable[Person]) -> Appeal:
    """The appeal panel (no one involved before) upholds (award) or dismisses an appeal."""
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    if outcome not in APPEAL_OUTCOMES:
        raise ValidationError({"outcome": "Choose upheld or dismissed."})
    reasons = _reasons(reasons, REASON_TEXT)
    panel = list(panel)
    made: list[Appeal] = []

    def work(application: Application) -> None:
        chosen = _members(panel, sel.involved_person_ids(application),
                          "an appeal panel has no one involved before")
        appeal = Appeal.objects.select_for_update().get(application=application)
        appeal.outcome, appeal.reasons, appeal.decided_at = outcome, reasons, timezone.now()
        appeal._history_user = actor.user  # type: ignore[attr-defined]
        appeal.save()
        appeal.panel.set(chosen)
        decision = PanelDecision.objects.create(
            application=application, on_appeal=True, reasons=reasons, decided_by=actor.user,
            outcome=Outcome.AWARDED if outcome == "upheld" else Outcome.NOT_AWARDED)
        decision.members.set(chosen)
        made.append(appeal)

    application = transition_application(
        actor=actor, application_id=application_id,
        action="uphold" if outcome == "upheld" else "dismiss",
        reason=f"Appeal {outcome}", work=work)
    if outcome == "upheld":
        _award(actor, application)
    return made[0]

