"""IT and CIO Academy pages: academies (prospectus and quality assurance), selection
rounds (nominations, steps), candidates (application, panel scores, moderation,
decision) and cadres (members, interventions, feedback); and the central team's pages that
add academies, providers, modules, rounds, criteria and interventions and record
attendance."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.objects import get_visible_or_404
from cadre.programmes.forms.academies import (
    AcademyForm,
    ApplicationForm,
    AttendanceForm,
    CriterionForm,
    DecisionForm,
    FeedbackForm,
    InterventionForm,
    ModerationForm,
    ModuleForm,
    NominationForm,
    ProviderForm,
    RoundForm,
    ScoresForm,
)
from cadre.programmes.models import Candidate, ModuleSkill, Provider, SelectionRound
from cadre.programmes.selectors import academies as sel
from cadre.programmes.services import academies as services

ROUND_STEPS = {"nominations": ("open_applications", "Close nominations and take applications"),
               "applications": ("open_scoring", "Close applications and start scoring"),
               "scoring": ("decide", "Close the round")}


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def academies(request: HttpRequest) -> HttpResponse:
    return render(request, "programmes/academies/list.html",
                  {"academies": sel.visible_academies(request.user),
                   "central": sel.is_central(request.user)})


def academy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The prospectus, rounds, cadres and the quality assurance of the interventions."""
    academy = get_visible_or_404(sel.visible_academies(request.user), pk)
    modules = academy.modules.select_related("provider").prefetch_related("skills")
    skills = {}
    for ms in ModuleSkill.objects.filter(module__academy=academy).select_related("skill",
                                                                                 "level"):
        skills.setdefault(ms.module_id, []).append(ms)
    qa = sel.quality_assurance(academy)
    evaluation = sel.evaluation(academy)
    return render(request, "programmes/academies/academy.html", {
        "academy": academy, "modules": [(m, skills.get(m.pk, [])) for m in modules],
        "central": sel.is_central(request.user),
        "rounds": sel.visible_rounds(request.user).filter(academy=academy),
        "cadres": sel.visible_cadres(request.user).filter(academy=academy),
        "qa": qa, "threshold": sel.feedback_threshold(),
        "min_responses": sel.feedback_min_responses(),
        "flagged": sum(q.flagged for _, q in qa["interventions"] + qa["providers"]),
        "evaluation": evaluation,
        "evaluation_rows": [("Share promoted", evaluation["promotion"]),
                            ("Growth in assessed skill level", evaluation["skill_growth"])],
    })


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_visible_or_404(sel.visible_rounds(request.user), pk)
    central = sel.is_central(request.user)
    nominable = sel.nominable_people(request.user, round_)
    may_nominate = round_.state == SelectionRound.State.NOMINATIONS and (
        central or bool(sel._orgs(request.user)))
    form = None
    if may_nominate:
        form = NominationForm(request.POST if request.POST.get("action") == "nominate" else None,
                              people=nominable)
    round_errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "nominate":
            if form is None:
                raise PermissionDenied
            if form.is_valid():
                try:
                    services.nominate(actor=_actor(request), round_=round_,
                                      person=form.cleaned_data["person"],
                                      reason=form.cleaned_data["reason"])
                except ValidationError as exc:
                    add_validation_errors(form, exc)
                else:
                    messages.success(request, "Nomination made.")
                    return redirect("programmes:academy-round", pk=round_.pk)
        else:
            if not central:
                raise PermissionDenied
            try:
                services.transition_round(actor=_actor(request), round_id=round_.pk,
                                          action=action)
            except ValidationError as exc:
                round_errors = exc.messages
            else:
                messages.success(request, "The round has moved on.")
                return redirect("programmes:academy-round", pk=round_.pk)
    candidates = list(sel.visible_candidates(request.user).filter(round=round_))
    totals = {c.pk: sel.candidate_total(c) for c in candidates} if central else {}
    step = ROUND_STEPS.get(round_.state) if central else None
    return render(request, "programmes/academies/round.html", {
        "round": round_, "central": central, "form": form, "step": step,
        "criteria": round_.criteria.all(), "round_errors": round_errors,
        "candidates": [(c, totals.get(c.pk)) for c in candidates],
        "places_taken": round_.cadre.memberships.count(),
    }, status=400 if round_errors else status_for(form))


def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cand = get_visible_or_404(sel.visible_candidates(request.user), pk)
    round_ = cand.round
    central = sel.is_central(request.user)
    own = cand.person_id == sel._person_id(request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    apply_form = ApplicationForm(request.POST if action == "apply" else None) if (
        (own or central) and cand.state == Candidate.State.NOMINATED
        and round_.state == SelectionRound.State.APPLICATIONS) else None
    scoring = central and round_.state == SelectionRound.State.SCORING
    criteria = list(round_.criteria.all())
    mine = {s.criterion_id: s.value for s in cand.scores.filter(assessor=request.user)} \
        if central else {}
    scores_form = ScoresForm(request.POST if action == "scores" else None, criteria=criteria,
                             initial_scores=mine) \
        if scoring and cand.state == Candidate.State.APPLIED else None
    moderation = ModerationForm(request.POST if action == "moderate" else None,
                                prefix="moderation") \
        if scoring and cand.state in (Candidate.State.APPLIED, Candidate.State.SCORED) else None
    decision = DecisionForm(request.POST if action == "decide" else None, prefix="decision") \
        if scoring and cand.state == Candidate.State.SCORED else None
    forms_ = {"apply": apply_form, "scores": scores_form, "moderate": moderation,
              "decide": decision}
    errors: list[str] = []
    if request.method == "POST":
        if action == "score":
            if not scoring:
                raise PermissionDenied
            try:
                services.transition_candidate(actor=_actor(request), candidate_id=cand.pk,
                                              action="score")
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, "Scoring closed for this candidate.")
                return redirect("programmes:academy-candidate", pk=cand.pk)
        else:
            form = forms_.get(action or "")
            if form is None:
                raise PermissionDenied
            if form.is_valid():
                d = form.cleaned_data
                try:
                    if action == "apply":
                        services.transition_candidate(actor=_actor(request),
                                                      candidate_id=cand.pk, action="apply",
                                                      statement=d["statement"])
                    elif action == "scores":
                        services.record_scores(actor=_actor(request), candidate=cand,
                                               scores=form.scores())
                    elif action == "moderate":
                        services.moderate(actor=_actor(request), candidate=cand,
                                          score=d["score"], reason=d["reason"])
                    else:
                        services.transition_candidate(actor=_actor(request),
                                                      candidate_id=cand.pk,
                                                      action=d["decision"],
                                                      feedback=d["feedback"])
                except ValidationError as exc:
                    add_validation_errors(form, exc)
                else:
                    messages.success(request, "Saved.")
                    return redirect("programmes:academy-candidate", pk=cand.pk)
    return render(request, "programmes/academies/candidate.html", {
        "candidate": cand, "round": round_, "central": central, "own": own,
        "apply_form": apply_form, "scores_form": scores_form, "moderation": moderation,
        "decision": decision, "errors": errors,
        "summary_form": forms_.get(action or ""),
        "scores": sel.visible_scores(request.user).filter(candidate=cand),
        "total": sel.candidate_total(cand) if central else None,
        "may_close_scoring": scoring and cand.state == Candidate.State.APPLIED,
    }, status=400 if errors else status_for(*forms_.values()))


def cadre_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cadre = get_visible_or_404(sel.visible_cadres(request.user), pk)
    person_id = sel._person_id(request.user)
    attended = cadre.interventions.filter(attendances__person_id=person_id,
                                          attendances__attended=True) \
        if person_id else cadre.interventions.none()
    form = FeedbackForm(request.POST or None, interventions=attended) \
        if attended.exists() else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.give_feedback(actor=_actor(request),
                                       intervention=form.cleaned_data["intervention"],
                                       person=request.user.person,
                                       score=form.cleaned_data["score"],
                                       comment=form.cleaned_data["comment"])
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, "Thank you for your feedback.")
                return redirect("programmes:academy-cadre", pk=cadre.pk)
    return render(request, "programmes/academies/cadre.html", {
        "cadre": cadre, "form": form, "central": sel.is_central(request.user),
        "mine": sel.visible_attendances(request.user).filter(intervention__cadre=cadre,
                                                             person_id=person_id)
        if person_id else [],
        "members": sel.visible_members(request.user).filter(cadre=cadre),
        "member_count": cadre.memberships.count(),
        "interventions": cadre.interventions.select_related("provider", "module"),
        "round": getattr(cadre, "round", None),
    }, status=status_for(form))


# The central team's pages (config/permissions.py lets only the central team and
# administrators open them; the services check again).


def academy_create(request: HttpRequest) -> HttpResponse:
    form = AcademyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            academy = services.create_academy(actor=_actor(request), name=d["name"],
                                              kind=d["kind"], cadre_size=d["cadre_size"],
                                              grades=d["grades"],
                                              description=d["description"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{academy.name} added.")
            return redirect("programmes:academy", pk=academy.pk)
    return render(request, "programmes/academies/academy_form.html", {"form": form},
                  status=status_for(form))


def providers(request: HttpRequest) -> HttpResponse:
    """The providers of modules and interventions, and a form to add one."""
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            provider = services.create_provider(actor=_actor(request),
                                                name=form.cleaned_data["name"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{provider.name} added.")
            return redirect("programmes:academy-providers")
    rows = Provider.objects.annotate(n_modules=Count("modules", distinct=True),
                                     n_interventions=Count("interventions", distinct=True))
    return render(request, "programmes/academies/providers.html",
                  {"form": form, "providers": rows}, status=status_for(form))


def module_create(request: HttpRequest, pk: int) -> HttpResponse:
    academy = get_visible_or_404(sel.visible_academies(request.user), pk)
    form = ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.add_module(actor=_actor(request), academy=academy, title=d["title"],
                                provider=d["provider"], description=d["description"],
                                skills=form.skills())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Module added to the prospectus.")
            return redirect("programmes:academy", pk=academy.pk)
    return render(request, "programmes/academies/module_form.html",
                  {"academy": academy, "form": form}, status=status_for(form))


def round_create(request: HttpRequest, pk: int) -> HttpResponse:
    academy = get_visible_or_404(sel.visible_academies(request.user), pk)
    form = RoundForm(request.POST or None, initial={"capacity": academy.cadre_size})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            round_ = services.create_round(actor=_actor(request), academy=academy,
                                           name=d["name"], starts_on=d["starts_on"],
                                           capacity=d["capacity"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Selection round started: publish its criteria.")
            return redirect("programmes:academy-round", pk=round_.pk)
    return render(request, "programmes/academies/round_form.html",
                  {"academy": academy, "form": form}, status=status_for(form))


def criterion_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish a criterion of a round, while it takes nominations or applications."""
    round_ = get_visible_or_404(sel.visible_rounds(request.user), pk)
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.add_criterion(actor=_actor(request), round_=round_, name=d["name"],
                                   weight=d["weight"], description=d["description"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Criterion published.")
            return redirect("programmes:academy-round", pk=round_.pk)
    return render(request, "programmes/academies/criterion_form.html", {
        "round": round_, "form": form, "criteria": round_.criteria.all(),
        "open": round_.state in (SelectionRound.State.NOMINATIONS,
                                 SelectionRound.State.APPLICATIONS),
    }, status=status_for(form))


def intervention_create(request: HttpRequest, pk: int) -> HttpResponse:
    cadre = get_visible_or_404(sel.visible_cadres(request.user), pk)
    form = InterventionForm(request.POST or None, cadre=cadre)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.add_intervention(actor=_actor(request), cadre=cadre,
                                      provider=d["provider"], kind=d["kind"],
                                      title=d["title"], held_on=d["held_on"], cost=d["cost"],
                                      module=d["module"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Intervention added.")
            return redirect("programmes:academy-cadre", pk=cadre.pk)
    return render(request, "programmes/academies/intervention_form.html",
                  {"cadre": cadre, "form": form}, status=status_for(form))


def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Every member at every intervention of a cadre, attended or not, in one form."""
    cadre = get_visible_or_404(sel.visible_cadres(request.user), pk)
    interventions = list(cadre.interventions.select_related("provider"))
    members = [m.person for m in cadre.memberships.select_related("person")]
    recorded = {(a.intervention_id, a.person_id): a.attended
                for a in sel.visible_attendances(request.user).filter(intervention__cadre=cadre)}
    form = AttendanceForm(request.POST or None, interventions=interventions, members=members,
                          recorded=recorded)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.record_cadre_attendance(actor=_actor(request), cadre=cadre,
                                                     marks=form.changes())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Attendance saved ({count} changed).")
            return redirect("programmes:academy-cadre", pk=cadre.pk)
    return render(request, "programmes/academies/attendance.html", {
        "cadre": cadre, "form": form, "interventions": interventions,
    }, status=status_for(form))
