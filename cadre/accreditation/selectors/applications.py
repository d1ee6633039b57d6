"""Reads of rounds and applications, scoped to the account.

An application is seen by its applicant, by the supporter it names and by the scheme
runners (central team, administrators). Assessors see applications only through the
assessment area's selector (``selectors.assessment``), which leaves out any application
they are excluded from; nothing here widens that.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from cadre.accreditation.models import (
    AccreditationRound,
    Application,
    EvidenceLink,
    Statement,
)
from cadre.accreditation.selectors.common import person_id_of, runs_scheme
from cadre.assessments.models import EvidenceFile, SkillAssessment

#: States in which an application is still going (a person has at most one per level).
ACTIVE_STATES = (Application.State.DRAFT, Application.State.SUBMITTED,
                 Application.State.ASSESSING, Application.State.RECONCILIATION,
                 Application.State.PANEL, Application.State.APPEALED)


def _applications() -> QuerySet[Application]:
    return Application.objects.select_related(
        "person", "person__organisation", "level", "level__scheme", "criteria", "round",
        "supporter")


def visible_applications(user: Any) -> QuerySet[Application]:
    """The applicant's own, those naming the account as supporter, and every one for the
    scheme runners."""
    if runs_scheme(user):
        return _applications()
    me = person_id_of(user)
    if me is None:
        return Application.objects.none()
    return _applications().filter(Q(person_id=me) | Q(supporter_id=me))


def own_applications(user: Any) -> QuerySet[Application]:
    """The account's own applications, newest first."""
    me = person_id_of(user)
    if me is None:
        return Application.objects.none()
    return _applications().filter(person_id=me)


def supporter_requests(user: Any) -> QuerySet[Application]:
    """Draft applications naming the account's person as supporter, not yet confirmed."""
    me = person_id_of(user)
    if me is None:
        return Application.objects.none()
    return _applications().filter(supporter_id=me, state=Application.State.DRAFT,
                                  supporter_confirmed_at__isnull=True)


def supported_applications(user: Any) -> QuerySet[Application]:
    """Every application naming the account's person as supporter."""
    me = person_id_of(user)
    if me is None:
        return Application.objects.none()
    return _applications().filter(supporter_id=me)


def is_applicant(user: Any, application: Application) -> bool:
    me = person_id_of(user)
    return me is not None and me == application.person_id


def is_supporter(user: Any, application: Application) -> bool:
    me = person_id_of(user)
    return me is not None and me == application.supporter_id


def statements_by_criterion(application: Application) -> dict[int, Statement]:
    return {s.criterion_id: s for s in application.statements.all()}


def evidence_links(application: Application) -> QuerySet[EvidenceLink]:
    return application.evidence.select_related(
        "criterion", "evidence_file", "skill_assessment", "skill_assessment__skill",
        "skill_assessment__level")


def linkable_evidence_files(application: Application) -> QuerySet[EvidenceFile]:
    """Evidence files the applicant uploaded with their own assessments."""
    return EvidenceFile.objects.filter(item__round__person_id=application.person_id) \
        .select_related("item__skill").order_by("-uploaded_at", "-id")


def linkable_assessments(application: Application) -> QuerySet[SkillAssessment]:
    """The applicant's own skill assessments."""
    return SkillAssessment.objects.filter(person_id=application.person_id) \
        .select_related("skill", "level").order_by("skill__name", "-assessed_on", "-id")


def visible_rounds(user: Any) -> QuerySet[AccreditationRound]:
    """Every round for the scheme runners; the open ones for everyone else."""
    rounds = AccreditationRound.objects.select_related("scheme")
    if runs_scheme(user):
        return rounds
    return rounds.filter(state=AccreditationRound.State.OPEN)


def open_round_for(scheme_id: int, on: Any = None) -> AccreditationRound | None:
    """The open round of a scheme taking applications on the day (today by default)."""
    day = on or timezone.localdate()
    return (AccreditationRound.objects
            .filter(scheme_id=scheme_id, state=AccreditationRound.State.OPEN,
                    opens_on__lte=day, closes_on__gte=day)
            .order_by("closes_on", "id").first())
