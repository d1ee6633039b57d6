"""Sift and interview panel pages (issue 21 point 3).

- ``panels``: the panels the account sits on and the panels of the campaigns it runs;
- ``panel``: one campaign's panel, its members and each stage's applications (a member sees
  only those allocated to them);
- ``panel-member-add``, ``panel-member-remove``: the campaign's recruiters;
- ``panel-allocate``: a dry run of a stage's allocation (who is given what, and who is
  excluded and why, in words), then allocating it;
- ``panel-conflicts``: declaring a conflict of interest;
- ``panel-scores``: a member's score sheet for one allocated application (read-only once
  submitted, and for those who see the whole stage);
- ``panel-application``: one application at one stage: the scores the account may see,
  and for the chair the moderation and the decision, for the chair and recruiters the
  feedback (``panel-moderate``, ``panel-decide``, ``panel-feedback``,
  ``panel-feedback-release`` take the posts).

Who sees what: ``selectors.panels``; who changes what: ``services.panels``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.objects import get_visible_or_404
from cadre.recruitment.forms.panels import (
    ConflictForm,
    DecisionForm,
    FeedbackForm,
    MemberForm,
    ModerationForm,
    ScoreSheetForm,
)
from cadre.recruitment.models import (
    Application,
    Campaign,
    DeclaredConflict,
    Evidence,
    Feedback,
    PanelMember,
    PanelStage,
)
from cadre.recruitment.selectors import panels as sel
from cadre.recruitment.selectors.applications import visible_applications
from cadre.recruitment.services import panels as services

NOT_FOUND = "No such panel, or not one you can see."


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def _stage(stage: str) -> str:
    if stage not in PanelStage.values:
        raise Http404("The stage is the sift or the interview.")
    return stage


def _campaign(request: HttpRequest, pk: Any) -> tuple[Campaign, sel.Viewer]:
    campaign = get_visible_or_404(sel.panel_campaigns(request.user), pk, message=NOT_FOUND)
    view = sel.viewer(request.user, campaign)
    if not view.may_see:
        raise Http404(NOT_FOUND)
    return campaign, view


def _runs(request: HttpRequest, pk: Any) -> Campaign:
    campaign, view = _campaign(request, pk)
    if not view.runs:
        raise PermissionDenied(services.NOT_RECRUITER)
    return campaign


def panels(request: HttpRequest) -> HttpResponse:
    """The panels the account sits on or runs, and its own allocated applications."""
    return render(request, "recruitment/panels/list.html", {
        "campaigns": sel.panel_campaigns(request.user),
        "assignments": sel.my_assignments(request.user).filter(submitted_at__isnull=True),
    })


def panel(request: HttpRequest, pk: int) -> HttpResponse:
    campaign, view = _campaign(request, pk)
    stages = []
    for stage in PanelStage.values:
        rows = list(sel.stage_applications(request.user, campaign, stage, view))
        mine = {a.application_id: a for a in sel.my_assignments(request.user, campaign)
                .filter(stage=stage)}
        sheets: dict[int, list[Any]] = {}
        if view.whole_stage:
            for a in (sel.visible_assignments(request.user)
                      .filter(application__in=rows, stage=stage).order_by("pk")):
                sheets.setdefault(a.application_id, []).append(a)
        stages.append({"stage": stage, "label": PanelStage(stage).label,
                       "per_application": sel.PER_APPLICATION[stage],
                       "rows": [(a, mine.get(a.pk), sheets.get(a.pk, [])) for a in rows]})
    return render(request, "recruitment/panels/panel.html", {
        "campaign": campaign, "view": view, "members": sel.campaign_members(campaign),
        "stages": stages,
    })


def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _runs(request, pk)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.add_member(actor=_actor(request), campaign=campaign.pk,
                                         **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{member.person.full_name} is on the panel as "
                                      f"{member.get_role_display().lower()}.")
            return redirect("recruitment:panel", pk=campaign.pk)
    return render(request, "recruitment/panels/member_add.html", {
        "campaign": campaign, "form": form, "hub": services.is_hub(_actor(request)),
    }, status=status_for(form))


@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_visible_or_404(
        PanelMember.objects.filter(campaign__in=sel.panel_campaigns(request.user)), pk,
        message="No such panel member, or not one you can see.")
    try:
        services.remove_member(actor=_actor(request), member=member.pk)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, f"{member.person.full_name} is no longer on the panel.")
    return redirect("recruitment:panel", pk=member.campaign_id)


def allocate(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    """GET: the dry run; POST: allocate the stage."""
    campaign = _runs(request, pk)
    stage = _stage(stage)
    error = ""
    if request.method == "POST":
        try:
            plan = services.allocate_stage(actor=_actor(request), campaign=campaign.pk,
                                           stage=stage)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"The {stage} is allocated: {plan.placed} place(s) "
                                      f"given on {len(plan.rows)} application(s).")
            return redirect("recruitment:panel", pk=campaign.pk)
    plan = services.dry_run(actor=_actor(request), campaign=campaign.pk, stage=stage)
    return render(request, "recruitment/panels/allocate.html", {
        "campaign": campaign, "stage": stage, "plan": plan, "error": error,
        "label": PanelStage(stage).label,
    }, status=400 if error else 200)


def conflicts(request: HttpRequest, pk: int) -> HttpResponse:
    """Declare a conflict: a member for themselves on applications allocated to them; the
    recruiters for any member and application."""
    campaign, view = _campaign(request, pk)
    if view.runs:
        members = sel.campaign_members(campaign)
        applications = Application.objects.filter(campaign=campaign).select_related(
            "candidate", "candidate__person").order_by("submitted_at", "pk")
    else:
        members = PanelMember.objects.filter(pk=view.seat.pk).select_related("person")
        applications = Application.objects.filter(
            assignments__member=view.seat).distinct().select_related(
            "candidate", "candidate__person").order_by("submitted_at", "pk")
    form = ConflictForm(request.POST or None, members=members, applications=applications)
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_conflict(actor=_actor(request), member=form.cleaned_data["member"],
                                      application=form.cleaned_data["application"],
                                      reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "The conflict of interest is recorded. The application "
                                      "will not be allocated to that member.")
            return redirect("recruitment:panel", pk=campaign.pk)
    declared = DeclaredConflict.objects.filter(member__campaign=campaign).select_related(
        "member__person", "application__candidate", "application__candidate__person")
    if not view.runs:
        declared = declared.filter(member=view.seat)
    return render(request, "recruitment/panels/conflicts.html", {
        "campaign": campaign, "form": form, "declared": declared, "view": view,
        "has_applications": applications.exists(),
    }, status=status_for(form))


def scores(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's score sheet for one application at one stage."""
    assignment = get_visible_or_404(sel.visible_assignments(request.user), pk,
                                    message="No such score sheet, or not one you can see.")
    application = assignment.application
    view = sel.viewer(request.user, application.campaign)
    mine = view.seat is not None and assignment.member_id == view.seat.pk
    criteria = sel.stage_criteria(application.campaign, assignment.stage)
    form = None
    if mine and assignment.submitted_at is None:
        form = ScoreSheetForm(request.POST or None, criteria=criteria)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Only the panel member the application was allocated to "
                                   "submits scores, once.")
        if form.is_valid():
            try:
                services.submit_scores(actor=_actor(request), assignment=assignment.pk,
                                       scores=form.scores(), comments=form.notes())
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, "Your scores are submitted. You can now see the "
                                          "other members' scores for this application.")
                return redirect("recruitment:panel-application", pk=application.pk,
                                stage=assignment.stage)
    return render(request, "recruitment/panels/scores.html", {
        "assignment": assignment, "application": application, "form": form, "mine": mine,
        "criteria": criteria, "submitted": sel.assignment_scores(assignment)
        if assignment.submitted_at else [],
        "evidence": _evidence(application, criteria), "view": view,
    }, status=status_for(form))


def _evidence(application: Application, criteria: list[Any]) -> list[tuple[Any, str]]:
    texts = dict(Evidence.objects.filter(application=application).values_list(
        "criterion_id", "text"))
    return [(c, texts.get(c.pk, "")) for c in criteria]


def _stage_application(request: HttpRequest, pk: Any, stage: str
                       ) -> tuple[Application, sel.Viewer]:
    stage = _stage(stage)
    found = get_visible_or_404(Application.objects.filter(campaign__in=sel.panel_campaigns(
        request.user)), pk, message="No such application, or not one you can see.")
    view = sel.viewer(request.user, found.campaign)
    if not sel.stage_applications(request.user, found.campaign, stage, view).filter(
            pk=found.pk).exists():
        raise Http404("No such application at this stage, or not one you can see.")
    return found, view


def _render_application(request: HttpRequest, application: Application, stage: str,
                        view: sel.Viewer, *, moderation: ModerationForm | None = None,
                        decision: DecisionForm | None = None,
                        feedback: FeedbackForm | None = None, error: str = "",
                        status: int = 0) -> HttpResponse:
    result = sel.stage_view(request.user, application, stage, view)
    open_stage = (application.campaign.state == sel.STAGE_CAMPAIGN_STATE[stage]
                  and result.decision is None)
    if view.decides and open_stage and result.all_submitted:
        if moderation is None:
            initial = {f"score_{k}": str(m.agreed_score) for k, m in result.moderation.items()}
            initial.update({f"note_{k}": m.note for k, m in result.moderation.items()})
            moderation = ModerationForm(criteria=result.criteria, initial=initial)
        if decision is None:
            decision = DecisionForm(outcomes=services.OUTCOMES[stage],
                                    initial={"version": application.version})
    else:
        moderation = decision = None
    row = Feedback.objects.filter(application=application).first()
    writes_feedback = (view.runs or view.chair) and application.campaign.state not in (
        "closed", "cancelled") and (row is None or row.released_at is None)
    if writes_feedback and feedback is None:
        feedback = FeedbackForm(initial={"text": row.text if row else ""})
    elif not writes_feedback:
        feedback = None
    mine = sel.my_assignments(request.user, application.campaign).filter(
        application=application, stage=stage).first()
    return render(request, "recruitment/panels/application.html", {
        "application": application, "campaign": application.campaign, "stage": stage,
        "label": PanelStage(stage).label, "view": view, "result": result,
        "moderation_form": moderation, "decision_form": decision, "feedback_form": feedback,
        "feedback": row if (view.runs or view.chair) else None, "mine": mine,
        "error": error,
        "may_open_application": visible_applications(request.user).filter(
            pk=application.pk).exists(),
        "agreed": [(c, result.moderation.get(c.pk)) for c in result.criteria],
        "may_release": row is not None and row.released_at is None and bool(row.text)
        and (view.runs or view.chair) and application.stage_decisions.exists(),
    }, status=status or status_for(moderation, decision, feedback))


def application(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    found, view = _stage_application(request, pk, stage)
    return _render_application(request, found, stage, view)


@require_POST
def moderate(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    found, view = _stage_application(request, pk, stage)
    form = ModerationForm(request.POST, criteria=sel.stage_criteria(found.campaign, stage))
    if form.is_valid():
        try:
            services.moderate(actor=_actor(request), application=found.pk, stage=stage,
                              scores=form.scores(), notes=form.notes())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "The agreed scores are saved.")
            return redirect("recruitment:panel-application", pk=found.pk, stage=stage)
    return _render_application(request, found, stage, view, moderation=form, status=400)


@require_POST
def decide(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    found, view = _stage_application(request, pk, stage)
    form = DecisionForm(request.POST, outcomes=services.OUTCOMES[stage])
    if form.is_valid():
        try:
            version = request.POST.get("version") or None
            services.decide(actor=_actor(request), application=found.pk, stage=stage,
                            outcome=form.cleaned_data["outcome"],
                            reasons=form.cleaned_data["reasons"],
                            version=int(version) if version and version.isascii()
                            and version.isdigit() else None)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "The decision is recorded.")
            return redirect("recruitment:panel-application", pk=found.pk, stage=stage)
    return _render_application(request, found, stage, view, decision=form, status=400)


@require_POST
def feedback(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    found, view = _stage_application(request, pk, stage)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.write_feedback(actor=_actor(request), application=found.pk,
                                    text=form.cleaned_data["text"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "The feedback is saved. It is not released to the "
                                      "candidate yet.")
            return redirect("recruitment:panel-application", pk=found.pk, stage=stage)
    return _render_application(request, found, stage, view, feedback=form, status=400)


@require_POST
def feedback_release(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    found, view = _stage_application(request, pk, stage)
    try:
        services.release_feedback(actor=_actor(request), application=found.pk)
    except ValidationError as exc:
        return _render_application(request, found, stage, view, error=" ".join(exc.messages),
                                   status=400)
    messages.success(request, "The feedback is released to the candidate.")
    return redirect("recruitment:panel-application", pk=found.pk, stage=stage)
