"""Reads for sift and interview panels, scoped to the account (issue 21 point 3).

Who sees what:

- The recruitment hub (central team, administrators) and the command line: every panel.
- A campaign's recruiters (heads of profession of its organisation): its panel, every
  application at each stage, every submitted score, the moderation and the decisions.
- The chair of a panel: the whole of each stage of their campaign (every application at
  the stage and every submitted score).
- A member: only the campaigns they sit on, and at each stage only the applications
  allocated to them for that stage. A member sees another member's scores for an
  application only once they have submitted their own for it (independent scoring).

Anything else is a 404, the same as a record that does not exist. This module also reads
the facts the allocation needs (:func:`allocation_inputs`); the optimiser itself is the
plain ``cadre.accreditation.allocation``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from cadre.accreditation import allocation as optimiser
from cadre.core.actor import Actor
from cadre.people.models import Person
from cadre.recruitment.models import (
    Application,
    ApplicationState,
    Assignment,
    Campaign,
    CampaignState,
    Criterion,
    DeclaredConflict,
    Feedback,
    Moderation,
    PanelMember,
    PanelRole,
    PanelStage,
    Score,
    StageDecision,
)
from cadre.recruitment.selectors.applications import person_of
from cadre.recruitment.selectors.campaigns import managed_organisation_ids, may_manage

__all__ = [
    "ALREADY_ASSIGNED",
    "ENTRY_STATES",
    "PANEL_RULES",
    "PER_APPLICATION",
    "REASON_WORDS",
    "STAGE_CAMPAIGN_STATE",
    "AllocationInputs",
    "AssignmentView",
    "Viewer",
    "allocation_inputs",
    "assignment_scores",
    "campaign_members",
    "line_chain",
    "my_assignments",
    "panel_campaigns",
    "released_feedback",
    "stage_applications",
    "stage_criteria",
    "stage_view",
    "viewer",
    "visible_assignments",
]

#: Panel members each application needs at each stage.
PER_APPLICATION = {PanelStage.SIFT: 2, PanelStage.INTERVIEW: 3}
#: The campaign state in which each stage is allocated, scored and decided.
STAGE_CAMPAIGN_STATE = {PanelStage.SIFT: CampaignState.SIFT,
                        PanelStage.INTERVIEW: CampaignState.INTERVIEW}
#: The application state an application waits in at each stage.
ENTRY_STATES = {PanelStage.SIFT: ApplicationState.SUBMITTED,
                PanelStage.INTERVIEW: ApplicationState.SIFTED_IN}
#: States an application may be in once it has reached the interview stage.
_REACHED_INTERVIEW = (ApplicationState.SIFTED_IN, ApplicationState.INTERVIEWED,
                      ApplicationState.APPOINTABLE, ApplicationState.NOT_APPOINTABLE,
                      ApplicationState.OFFERED, ApplicationState.APPOINTED,
                      ApplicationState.DECLINED)

#: The accreditation rules that apply to panels ("recent" and "supporter" do not).
PANEL_RULES = optimiser.rules_for(optimiser.SELF, optimiser.LINE_CHAIN,
                                  optimiser.SAME_ORGANISATION, optimiser.DECLARED)
#: A reason code of this area only: the member already has the application at this stage.
ALREADY_ASSIGNED = "already_assigned"
#: Each exclusion reason in words, as the allocation page shows it.
REASON_WORDS = {
    optimiser.SELF: "The panel member is the candidate",
    optimiser.LINE_CHAIN: "The panel member is in the candidate's line-management chain",
    optimiser.SAME_ORGANISATION: "The panel member works in the internal candidate's "
                                 "organisation",
    optimiser.DECLARED: "The panel member declared a conflict of interest",
    ALREADY_ASSIGNED: "The panel member already has this application at this stage",
}


def _user(who: Actor | Any) -> Any:
    return who.user if isinstance(who, Actor) else who


def _trusted(who: Actor | Any) -> bool:
    return isinstance(who, Actor) and who.trusted


def _person_id(who: Actor | Any) -> int | None:
    if _trusted(who):
        return None
    person = person_of(_user(who))
    return person.pk if person is not None else None


# ------------------------------------------------------------------------ who is who


@dataclass(frozen=True)
class Viewer:
    """The account's part in one campaign's panel."""

    runs: bool  # the hub, the command line or the campaign's recruiters
    seat: PanelMember | None

    @property
    def chair(self) -> bool:
        return self.seat is not None and self.seat.role == PanelRole.CHAIR

    @property
    def whole_stage(self) -> bool:
        """Sees every application and every submitted score of each stage."""
        return self.runs or self.chair

    @property
    def may_see(self) -> bool:
        return self.runs or self.seat is not None

    @property
    def decides(self) -> bool:
        """Moderates and decides (the chair; the command line)."""
        return self.chair


def viewer(who: Actor | Any, campaign: Campaign) -> Viewer:
    """What the account is to this campaign's panel."""
    person = _person_id(who)
    seat = None
    if person is not None:
        seat = PanelMember.objects.filter(campaign=campaign, person_id=person).first()
    return Viewer(runs=_trusted(who) or may_manage(who, campaign), seat=seat)


def panel_campaigns(who: Actor | Any) -> QuerySet[Campaign]:
    """Campaigns whose panel the account may open: every one for the hub, their
    organisations' for recruiters, the ones they sit on for members; each with its number
    of members."""
    base = Campaign.objects.select_related("organisation", "role_level__role", "grade")
    managed = managed_organisation_ids(who)
    if managed is not None:
        person = _person_id(who)
        scope = Q(organisation_id__in=managed) if managed else Q(pk__in=[])
        if person is not None:
            scope |= Q(pk__in=PanelMember.objects.filter(person_id=person).values("campaign"))
        base = base.filter(scope)
    return base.annotate(member_count=Count("panel_members", distinct=True)).order_by(
        "-created_at", "-pk")


def campaign_members(campaign: Campaign | int) -> QuerySet[PanelMember]:
    """The panel, chair first, with each member's person and organisation."""
    pk = getattr(campaign, "pk", campaign)
    return (PanelMember.objects.filter(campaign_id=pk)
            .select_related("person", "person__organisation", "added_by")
            .order_by("role", "person__last_name", "person__first_name", "pk"))


def stage_criteria(campaign: Campaign | int, stage: str) -> list[Criterion]:
    """The criteria assessed at ``stage``, in plan order."""
    pk = getattr(campaign, "pk", campaign)
    wanted = [stage, "both"]
    return list(Criterion.objects.filter(campaign_id=pk, stage__in=wanted).order_by(
        "order", "pk"))


# ------------------------------------------------------------------------ applications


def _at_stage(campaign: Campaign, stage: str) -> QuerySet[Application]:
    rows = Application.objects.filter(campaign=campaign)
    if stage == PanelStage.INTERVIEW:
        rows = rows.filter(Q(state__in=_REACHED_INTERVIEW)
                           | Q(assignments__stage=PanelStage.INTERVIEW)).distinct()
    return rows


def stage_applications(who: Actor | Any, campaign: Campaign, stage: str,
                       view: Viewer | None = None) -> QuerySet[Application]:
    """The campaign's applications at ``stage`` that the account may open: all of them for
    those who see the whole stage; for a member, those allocated to them for the stage."""
    view = view or viewer(who, campaign)
    base = Application.objects.select_related("candidate", "candidate__person", "campaign")
    if view.whole_stage:
        rows = base.filter(pk__in=_at_stage(campaign, stage).values("pk"))
    elif view.seat is not None:
        rows = base.filter(campaign=campaign, assignments__member=view.seat,
                           assignments__stage=stage)
    else:
        rows = base.none()
    return rows.order_by("submitted_at", "pk")


def visible_assignments(who: Actor | Any) -> QuerySet[Assignment]:
    """Assignments whose score sheet the account may open: their own; every one of the
    campaigns they run or chair; all for the hub."""
    base = Assignment.objects.select_related(
        "application", "application__campaign", "application__candidate",
        "application__candidate__person", "member", "member__person")
    managed = managed_organisation_ids(who)
    if managed is None:
        return base
    person = _person_id(who)
    scope = Q(application__campaign__organisation_id__in=managed) if managed else Q(pk__in=[])
    if person is not None:
        chaired = PanelMember.objects.filter(person_id=person, role=PanelRole.CHAIR).values(
            "campaign")
        scope |= Q(member__person_id=person) | Q(application__campaign__in=chaired)
    return base.filter(scope)


def my_assignments(who: Actor | Any, campaign: Campaign | None = None) -> QuerySet[Assignment]:
    """The account's own assignments (as a member), newest campaign first."""
    person = _person_id(who)
    if person is None:
        return Assignment.objects.none()
    rows = visible_assignments(who).filter(member__person_id=person)
    if campaign is not None:
        rows = rows.filter(application__campaign=campaign)
    return rows.order_by("-application__campaign__created_at", "stage",
                         "application__submitted_at", "pk")


# ------------------------------------------------------------------------ scores


@dataclass
class AssignmentView:
    """One member's assessment of an application at a stage, as the account may see it."""

    assignment: Assignment
    scores: list[Score] | None  # None: hidden (independence) or not submitted
    mine: bool = False
    hidden: bool = False

    @property
    def submitted(self) -> bool:
        return self.assignment.submitted_at is not None

    @property
    def total(self) -> int | None:
        return None if self.scores is None else sum(s.score for s in self.scores)


@dataclass
class StageView:
    application: Application
    stage: str
    criteria: list[Criterion]
    assessments: list[AssignmentView] = field(default_factory=list)
    moderation: dict[int, Moderation] = field(default_factory=dict)
    decision: StageDecision | None = None
    submitted: int = 0

    @property
    def all_submitted(self) -> bool:
        return bool(self.assessments) and self.submitted == len(self.assessments)


def assignment_scores(assignment: Assignment) -> list[Score]:
    return list(assignment.scores.select_related("criterion").order_by(
        "criterion__order", "criterion__pk"))


def stage_view(who: Actor | Any, application: Application, stage: str,
               view: Viewer | None = None) -> StageView:
    """The assessments of ``application`` at ``stage`` that the account may see: every
    submitted one for those who see the whole stage; for a member, their own and, once
    theirs is submitted, the others'."""
    view = view or viewer(who, application.campaign)
    rows = list(Assignment.objects.filter(application=application, stage=stage)
                .select_related("member", "member__person")
                .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related(
                    "criterion").order_by("criterion__order", "criterion__pk")))
                .order_by("member__role", "pk"))
    mine = next((a for a in rows if view.seat is not None and a.member_id == view.seat.pk),
                None)
    others_open = view.whole_stage or (mine is not None and mine.submitted_at is not None)
    result = StageView(application=application, stage=stage,
                       criteria=stage_criteria(application.campaign, stage))
    for row in rows:
        own = row is mine
        shown = row.submitted_at is not None and (own or others_open)
        result.assessments.append(AssignmentView(
            assignment=row, scores=list(row.scores.all()) if shown else None, mine=own,
            hidden=row.submitted_at is not None and not shown))
        result.submitted += row.submitted_at is not None
    if view.whole_stage:
        result.moderation = {m.criterion_id: m for m in Moderation.objects.filter(
            application=application, stage=stage)}
    result.decision = StageDecision.objects.filter(application=application,
                                                   stage=stage).first()
    return result


def released_feedback(application: Application | int) -> Feedback | None:
    """The feedback the candidate may read (released), or None."""
    pk = getattr(application, "pk", application)
    return Feedback.objects.filter(application_id=pk, released_at__isnull=False).first()


# ------------------------------------------------------------------------ allocation


def _managers_of(start: set[int]) -> dict[int, int | None]:
    """Each person's line manager, for ``start`` and everyone above them."""
    managers: dict[int, int | None] = {}
    frontier = set(start)
    while frontier:
        rows = list(Person.objects.filter(pk__in=frontier).values_list("pk", "line_manager_id"))
        managers.update(rows)
        frontier = {m for _, m in rows if m is not None and m not in managers}
    return managers


def _above(person: int, managers: dict[int, int | None]) -> set[int]:
    found: set[int] = set()
    current = managers.get(person)
    while current is not None and current not in found and current != person:
        found.add(current)
        current = managers.get(current)
    return found


def line_chain(candidates: Iterable[int], members: Iterable[int]) -> dict[int, frozenset[int]]:
    """For each candidate's person: the members' people above them (their manager, their
    manager's manager ...) or below them (members whose chain goes up through them)."""
    candidates, members = set(candidates), set(members)
    managers = _managers_of(candidates | members)
    below: dict[int, set[int]] = defaultdict(set)
    for member in members:
        for boss in _above(member, managers):
            below[boss].add(member)
    return {c: frozenset((_above(c, managers) & members) | below[c]) for c in candidates}


@dataclass
class AllocationInputs:
    """The optimiser's inputs for one stage, and the records behind each key."""

    applications: list[Application]
    members: list[PanelMember]
    places: dict[int, int]  # member pk -> applications they can still take at the stage
    assigned: dict[int, set[int]]  # application pk -> members already assigned
    not_sitting: list[PanelMember]  # members not on the panel at this stage
    applicants: list[optimiser.Applicant] = field(default_factory=list)
    candidates: list[optimiser.Candidate] = field(default_factory=list)


def allocation_inputs(campaign: Campaign, stage: str) -> AllocationInputs:
    """Applications waiting at ``stage`` (in its entry state, with fewer than the stage's
    number of members), the members sitting at it with their places left, and the facts the
    conflict rules need: each internal candidate's person, organisation and line chain, and
    the conflicts members declared."""
    need = PER_APPLICATION[stage]
    seats = list(campaign_members(campaign))
    sitting = [m for m in seats if m.sits_at(stage)]
    used = dict(Assignment.objects.filter(member__in=sitting, stage=stage)
                .values("member").annotate(n=Count("pk")).values_list("member", "n"))
    places = {m.pk: max(0, m.capacity - used.get(m.pk, 0)) for m in sitting}
    waiting = list(Application.objects.filter(campaign=campaign, state=ENTRY_STATES[stage])
                   .select_related("candidate", "candidate__person",
                                   "candidate__person__organisation")
                   .annotate(n=Count("assignments", filter=Q(assignments__stage=stage)))
                   .filter(n__lt=need).order_by("submitted_at", "pk"))
    assigned: dict[int, set[int]] = defaultdict(set)
    for app, member in Assignment.objects.filter(
            application__in=waiting, stage=stage).values_list("application", "member"):
        assigned[app].add(member)
    people = {a.candidate.person_id for a in waiting if a.candidate.person_id is not None}
    chains = line_chain(people, {m.person_id for m in sitting})
    declared: dict[int, set[int]] = defaultdict(set)
    for app, member in DeclaredConflict.objects.filter(
            application__in=waiting).values_list("application", "member"):
        declared[app].add(member)
    inputs = AllocationInputs(applications=waiting, members=sitting, places=places,
                              assigned=assigned,
                              not_sitting=[m for m in seats if not m.sits_at(stage)])
    for a in waiting:
        person = a.candidate.person
        inputs.applicants.append(optimiser.Applicant(
            key=a.pk, person=person.pk if person is not None else None,
            organisation=person.organisation_id if person is not None else None,
            line_chain=chains.get(person.pk, frozenset()) if person is not None else frozenset(),
            declared=frozenset(declared[a.pk])))
    inputs.candidates = [optimiser.Candidate(key=m.pk, person=m.person_id,
                                             organisation=m.person.organisation_id,
                                             capacity=places[m.pk]) for m in sitting]
    return inputs
