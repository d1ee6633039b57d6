"""Assessment and decision pages: the assessor's queue and scoring page (scores,
submission, reconciliation, interviews), the scheme runners' panel list and panel page
(decision, appeal decision), and the applicant's decision page (reasons, appeal).

Every page reads through ``selectors.assessment`` (an assessor sees only their own
allocations; nobody sees another assessor's scores before all have submitted) and writes
through the services, which check again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cadre.accreditation.forms.assessment import (
    AppealDecisionForm,
    AppealForm,
    DecisionForm,
    InterviewForm,
    ReconcileForm,
    ScoresForm,
    SendToPanelForm,
)
from cadre.accreditation.models import Application, Assessor
from cadre.accreditation.selectors import assessment as sel
from cadre.accreditation.selectors.common import person_id_of
from cadre.accreditation.services import assessment as services
from cadre.accreditation.services import decisions
from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.objects import get_visible_or_404
from cadre.people.models import Person


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def _action(request: HttpRequest) -> str:
    return request.POST.get("action", "") if request.method == "POST" else ""


def _bound(request: HttpRequest, action: str, name: str) -> Any:
    return request.POST if action == name else None


def _interview_at(form: InterviewForm) -> dt.datetime:
    d = form.cleaned_data
    return timezone.make_aware(dt.datetime.combine(d["day"], d["time"]))


def _application_context(user: Any, application: Application) -> dict[str, Any]:
    statements = {s.criterion_id: s.text for s in application.statements.all()}
    rows = sel.score_rows(user, application)
    for row in rows:
        row.statement = statements.get(row.criterion.pk, "")
    return {
        "application": application,
        "evidence": application.evidence.select_related(
            "evidence_file", "skill_assessment__skill", "skill_assessment__level"),
        "rows": rows,
        "interviews": sel.interviews_for(user, application),
        "all_submitted": sel.all_submitted(application.pk),
    }


def assessor_queue(request: HttpRequest) -> HttpResponse:
    """The applications allocated to the signed-in assessor."""
    me = person_id_of(request.user)
    return render(request, "accreditation/score_queue.html", {
        "allocations": sel.assessor_allocations(request.user),
        "assessor": None if me is None else Assessor.objects.filter(person_id=me).first(),
    })


def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    """One allocated application: its statements and evidence, the assessor's scores, and
    (once everyone has submitted) both assessors' scores and reconciliation."""
    allocation = get_visible_or_404(sel.assessor_allocations(request.user), pk)
    application = allocation.application
    criteria = list(application.criteria.criteria.order_by("position", "id"))
    mine = {s.criterion_id: s for s in allocation.scores.all()}
    action = _action(request)
    scoring = (application.state == Application.State.ASSESSING
               and allocation.submitted_at is None)
    reconciling = application.state == Application.State.RECONCILIATION
    flagged = sel.flagged_criteria(application.pk, include_reconciled=True) \
        if reconciling else set()
    scores_form = ScoresForm(_bound(request, action, "scores"), criteria=criteria,
                             mine=mine, prefix="scores") if scoring else None
    reconcile_form = ReconcileForm(
        _bound(request, action, "reconcile"), prefix="reconcile", mine=mine,
        criteria=[c for c in criteria if c.pk in flagged]) if flagged else None
    interview_form = InterviewForm(_bound(request, action, "interview"), prefix="interview") \
        if application.state in services.INTERVIEW_STATES else None
    forms_: dict[str, Form | None] = {"scores": scores_form, "reconcile": reconcile_form,
                                      "interview": interview_form}
    errors: list[str] = []
    if request.method == "POST":
        who = _actor(request)
        try:
            if action in ("submit", "send"):
                if action == "submit":
                    services.submit_scores(actor=who, allocation_id=allocation.pk)
                else:
                    services.finish_reconciliation(actor=who, application_id=application.pk)
                messages.success(request, "Scores submitted." if action == "submit"
                                 else "Sent to the review panel.")
                return redirect("accreditation:assessment", pk=allocation.pk)
            form = forms_.get(action)
            if form is None:
                raise PermissionDenied
            if form.is_valid():
                if action == "scores":
                    services.record_scores(actor=who, allocation_id=allocation.pk,
                                           scores=scores_form.scores())
                elif action == "reconcile":
                    for criterion_id, (score, comment) in reconcile_form.scores().items():
                        services.reconcile_score(actor=who, allocation_id=allocation.pk,
                                                 criterion_id=criterion_id, score=score,
                                                 comment=comment)
                else:
                    services.schedule_interview(
                        actor=who, application_id=application.pk,
                        starts_at=_interview_at(interview_form),
                        place=interview_form.cleaned_data["place"],
                        notes=interview_form.cleaned_data["notes"])
                messages.success(request, "Saved.")
                return redirect("accreditation:assessment", pk=allocation.pk)
        except ValidationError as exc:
            form = forms_.get(action)
            if form is not None and form.is_bound:
                add_validation_errors(form, exc)
            else:
                errors = exc.messages
    return render(request, "accreditation/score_assessment.html", {
        **_application_context(request.user, application),
        "allocation": allocation, "criteria": criteria, "scores_form": scores_form,
        "reconcile_form": reconcile_form, "interview_form": interview_form,
        "summary_form": forms_.get(action), "errors": errors,
        "may_submit": scoring and len(mine) == len(criteria),
        "may_send": reconciling and not sel.flagged_criteria(application.pk),
    }, status=400 if errors else status_for(*forms_.values()))


def panel_list(request: HttpRequest) -> HttpResponse:
    """The scheme runners' list: applications with the panel or under appeal, and the rest
    after allocation."""
    applications = list(sel.panel_applications(request.user))
    waiting = [a for a in applications if a.state in sel.PANEL_STATES]
    others = [a for a in applications if a.state not in sel.PANEL_STATES]
    return render(request, "accreditation/score_panel_list.html",
                  {"waiting": waiting, "others": others})


def _panel_candidates(application: Application, barred: set[int]) -> Any:
    """People who may sit on a panel: assessors in the pool (and the signed-in runner's
    own person record), less anyone barred."""
    pool = Assessor.objects.filter(active=True).values("person_id")
    return Person.objects.filter(pk__in=pool).exclude(pk__in=barred).order_by(
        "last_name", "first_name", "pk")


def panel_application(request: HttpRequest, pk: int) -> HttpResponse:
    """One application for the panel: statements, evidence, both assessors' scores (once
    submitted), interviews, earlier decisions; the decision and appeal decision forms."""
    application = get_visible_or_404(sel.panel_applications(request.user), pk)
    action = _action(request)
    me = person_id_of(request.user)
    decide_form = appeal_form = None
    if application.state == Application.State.PANEL:
        barred = sel.conflicted_person_ids(application)
        candidates = _panel_candidates(application, barred)
        if me is not None and me not in barred:
            candidates = candidates | Person.objects.filter(pk=me)
        decide_form = DecisionForm(_bound(request, action, "decide"), prefix="decide",
                                   candidates=candidates)
    if application.state == Application.State.APPEALED:
        barred = sel.involved_person_ids(application)
        appeal_form = AppealDecisionForm(_bound(request, action, "appeal"), prefix="appeal",
                                         candidates=_panel_candidates(application, barred))
    interview_form = InterviewForm(_bound(request, action, "interview"), prefix="interview") \
        if application.state in services.INTERVIEW_STATES else None
    send_form = SendToPanelForm(_bound(request, action, "send"), prefix="send") \
        if application.state == Application.State.RECONCILIATION else None
    forms_: dict[str, Form | None] = {"decide": decide_form, "appeal": appeal_form,
                                      "interview": interview_form, "send": send_form}
    if request.method == "POST":
        form = forms_.get(action)
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            d, who = form.cleaned_data, _actor(request)
            try:
                if action == "decide":
                    decisions.decide(actor=who, application_id=application.pk,
                                     outcome=d["outcome"], reasons=d["reasons"],
                                     members=d["members"])
                elif action == "appeal":
                    decisions.decide_appeal(actor=who, application_id=application.pk,
                                            outcome=d["outcome"], reasons=d["reasons"],
                                            panel=d["members"])
                elif action == "send":
                    services.finish_reconciliation(actor=who, application_id=application.pk,
                                                   reason=d["reason"])
                else:
                    services.schedule_interview(actor=who, application_id=application.pk,
                                                starts_at=_interview_at(form),
                                                place=d["place"], notes=d["notes"])
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, "Saved.")
                return redirect("accreditation:panel-application", pk=application.pk)
    return render(request, "accreditation/score_panel.html", {
        **_application_context(request.user, application),
        "decisions": sel.decisions_for(application),
        "appeal": getattr(application, "appeal_record", None),
        "decide_form": decide_form, "appeal_form": appeal_form,
        "interview_form": interview_form, "send_form": send_form,
        "summary_form": forms_.get(action),
    }, status=status_for(*forms_.values()))


def decision(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant's page about the decision on their application: the panel's reasons,
    interviews, and the appeal form while an appeal may be made."""
    application = get_visible_or_404(sel.decided_applications(request.user), pk)
    own = application.person_id == person_id_of(request.user)
    deadline = sel.appeal_deadline(application)
    may_appeal = own and deadline is not None and timezone.localdate() <= deadline
    form = AppealForm(request.POST or None) if may_appeal else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                decisions.lodge_appeal(actor=_actor(request), application_id=application.pk,
                                       grounds=form.cleaned_data["grounds"])
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, "Your appeal has been sent to an appeal panel.")
                return redirect("accreditation:decision", pk=application.pk)
    return render(request, "accreditation/score_decision.html", {
        "application": application, "decisions": sel.decisions_for(application),
        "appeal": getattr(application, "appeal_record", None),
        "interviews": sel.interviews_for(request.user, application),
        "form": form, "deadline": deadline if may_appeal else None,
    }, status=status_for(form))
