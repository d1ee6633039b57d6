"""Mentoring pages: a member's mentoring (open schemes, their sign-ups and matches), a
scheme and sign-up, withdrawing, a match (accept or decline, check-ins, the end review); and
for organisers their schemes, adding and changing one (with its matching rules), opening and
closing sign-up, the sign-ups and matches, and running the matcher (a preview, then
confirm)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cadre.community.forms.mentoring import CheckInForm, ReviewForm, SchemeForm, SignupForm
from cadre.community.models import (
    MentoringMatch,
    MentoringMatchStatus,
    MentoringResponse,
    MentoringRole,
    MentoringScheme,
    MentoringSignupStatus,
)
from cadre.community.selectors import mentoring as sel
from cadre.community.services import mentoring as services
from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.objects import get_visible_or_404
from cadre.core.workflow import TransitionConflict

SCHEME_FORM_FIELDS = services.SCHEME_FIELDS


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def rules_in_words(scheme: MentoringScheme) -> list[str]:
    gap = scheme.grade_gap
    lines = [
        f"Mentors {gap} grade{'s' if gap != 1 else ''} above the mentee, give or take "
        f"{scheme.grade_tolerance}; further away is never matched.",
        f"Score weights: skill fit {scheme.skill_weight}, grade gap {scheme.grade_weight}, "
        f"same location {scheme.location_weight}.",
        "Never matched: people in one line-management chain (line managers up the chain "
        "and reports down it).",
    ]
    if scheme.exclude_same_unit:
        lines.append("Never matched: people in the same unit.")
    if scheme.exclude_same_organisation:
        lines.append("Never matched: people in the same organisation.")
    return lines


# ------------------------------------------------------------------------- members


def mentoring_home(request: HttpRequest) -> HttpResponse:
    """Open schemes, the member's own sign-ups and matches."""
    return render(request, "community/mentoring/home.html", {
        "schemes": sel.visible_schemes(request.user),
        "signups": sel.my_signups(request.user),
        "matches": sel.my_matches(request.user),
        "today": timezone.localdate(),
    })


def _visible_scheme(request: HttpRequest, pk: Any) -> MentoringScheme:
    return get_visible_or_404(sel.visible_schemes(request.user), pk,
                              message="No such mentoring scheme, or not one open to you.")


def scheme(request: HttpRequest, pk: int) -> HttpResponse:
    found = _visible_scheme(request, pk)
    mine = list(sel.my_signups(request.user, found))
    roles = {s.role for s in mine if s.status == MentoringSignupStatus.ACTIVE}
    return render(request, "community/mentoring/scheme.html", {
        "scheme": found, "rules": rules_in_words(found), "signups": mine,
        "open": sel.open_for_signup(found, timezone.localdate()),
        "may_mentor": MentoringRole.MENTOR not in roles,
        "may_mentee": MentoringRole.MENTEE not in roles,
        "may_manage": sel.may_manage(request.user, found),
    })


def signup(request: HttpRequest, pk: int, role: str) -> HttpResponse:
    found = _visible_scheme(request, pk)
    if role not in MentoringRole.values:
        raise Http404("Sign up as a mentor or a mentee.")
    person = sel.person_of(request.user)
    if not sel.open_for_signup(found, timezone.localdate()):
        raise PermissionDenied("This scheme is not open for sign-up.")
    existing = sel.my_signups(request.user, found).filter(role=role).first()
    initial = {}
    if existing is not None and existing.status == MentoringSignupStatus.ACTIVE:
        initial = {"skills": list(existing.skills.all()), "capacity": existing.capacity,
                   "goals": existing.goals}
    form = SignupForm(request.POST or None, role=role, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_up(actor=_actor(request), scheme=found, role=role,
                             skills=list(form.cleaned_data["skills"]),
                             capacity=form.cleaned_data.get("capacity") or 1,
                             goals=form.cleaned_data.get("goals") or "")
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except TransitionConflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"You have signed up as a {role} in {found.name}.")
            return redirect("community:mentoring-scheme", pk=found.pk)
    return render(request, "community/mentoring/signup.html", {
        "scheme": found, "role": role, "form": form, "person": person,
        "role_label": MentoringRole(role).label.lower(),
    }, status=status_for(form))


def signup_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_visible_or_404(sel.my_signups(request.user), pk,
                               message="No such sign-up, or not one of yours.")
    error = ""
    if request.method == "POST":
        try:
            services.withdraw(actor=_actor(request), signup=found)
        except TransitionConflict as exc:
            error = exc.message
        else:
            messages.success(request, f"You have withdrawn from {found.scheme.name}.")
            return redirect("community:mentoring")
    return render(request, "community/mentoring/withdraw.html",
                  {"signup": found, "error": error,
                   "matched": sel.has_live_match(found)}, status=409 if error else 200)


def _my_match(request: HttpRequest, pk: Any) -> MentoringMatch:
    return get_visible_or_404(sel.my_matches(request.user), pk,
                              message="No such match, or not one of yours.")


def match(request: HttpRequest, pk: int) -> HttpResponse:
    """A match for its two people: who, why, answering it, check-ins and the review."""
    found = _my_match(request, pk)
    side = sel.party_role(request.user, found)
    error = ""
    if request.method == "POST":
        response = request.POST.get("response", "")
        try:
            services.respond(actor=_actor(request), match=found, response=response)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except TransitionConflict as exc:
            error = exc.message
        else:
            messages.success(request, "Your answer is saved." if response == "accept"
                             else "You declined the match. You can be matched again in a "
                                  "later run.")
            return redirect("community:mentoring-match", pk=found.pk)
        found.refresh_from_db()
    mine = found.mentee_response if side == MentoringRole.MENTEE else found.mentor_response
    other = found.mentor if side == MentoringRole.MENTEE else found.mentee
    return render(request, "community/mentoring/match.html", {
        "match": found, "side": side, "other": other.person, "other_signup": other,
        "may_answer": (found.status == MentoringMatchStatus.PROPOSED
                       and mine == MentoringResponse.PENDING),
        "active": found.status == MentoringMatchStatus.ACTIVE,
        "check_ins": sel.check_ins(found), "error": error,
    }, status=409 if error else 200)


def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    found = _my_match(request, pk)
    form = CheckInForm(request.POST or None, initial={"met_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_check_in(actor=_actor(request), match=found,
                                  met_on=form.cleaned_data["met_on"],
                                  notes=form.cleaned_data.get("notes") or "")
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except TransitionConflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Check-in recorded.")
            return redirect("community:mentoring-match", pk=found.pk)
    return render(request, "community/mentoring/check_in.html",
                  {"match": found, "form": form}, status=status_for(form))


def review(request: HttpRequest, pk: int) -> HttpResponse:
    found = _my_match(request, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_match(actor=_actor(request), match=found,
                               rating=form.cleaned_data["rating"],
                               what_changed=form.cleaned_data["what_changed"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except TransitionConflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "The mentoring has ended with your review.")
            return redirect("community:mentoring-match", pk=found.pk)
    return render(request, "community/mentoring/review.html",
                  {"match": found, "form": form}, status=status_for(form))


# ------------------------------------------------------------------------- organisers


def manage(request: HttpRequest) -> HttpResponse:
    return render(request, "community/mentoring/manage.html",
                  {"schemes": sel.managed_schemes(request.user)})


def _managed(request: HttpRequest, pk: Any) -> MentoringScheme:
    return get_visible_or_404(sel.managed_schemes(request.user), pk,
                              message="No such mentoring scheme, or not one you organise.")


def _scheme_values(form: SchemeForm) -> dict[str, Any]:
    values = {name: form.cleaned_data.get(name) for name in SCHEME_FORM_FIELDS}
    values["description"] = values["description"] or ""
    return values


def scheme_create(request: HttpRequest) -> HttpResponse:
    form = SchemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_scheme(actor=_actor(request), **_scheme_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Mentoring scheme {created.name} added as a draft.")
            return redirect("community:mentoring-scheme-manage", pk=created.pk)
    return render(request, "community/mentoring/scheme_form.html",
                  {"form": form, "scheme": None}, status=status_for(form))


def scheme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = _managed(request, pk)
    form = SchemeForm(request.POST or None,
                      initial={name: getattr(found, name) for name in SCHEME_FORM_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_scheme(actor=_actor(request), scheme=found, **_scheme_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Mentoring scheme {found.name} changed.")
            return redirect("community:mentoring-scheme-manage", pk=found.pk)
    return render(request, "community/mentoring/scheme_form.html",
                  {"form": form, "scheme": found}, status=status_for(form))


def scheme_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The scheme for its organisers: rules, opening and closing, sign-ups and matches."""
    found = _managed(request, pk)
    error = ""
    if request.method == "POST":
        transition = request.POST.get("transition", "")
        try:
            services.set_scheme_status(actor=_actor(request), scheme=found,
                                       transition=transition)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except TransitionConflict as exc:
            error = exc.message
        else:
            messages.success(request, "Sign-up is open." if transition == "open"
                             else "Sign-up is closed.")
            return redirect("community:mentoring-scheme-manage", pk=found.pk)
        found.refresh_from_db()
    signups = list(sel.scheme_signups(found))
    return render(request, "community/mentoring/scheme_manage.html", {
        "scheme": found, "rules": rules_in_words(found), "error": error,
        "mentors": [s for s in signups if s.role == MentoringRole.MENTOR],
        "mentees": [s for s in signups if s.role == MentoringRole.MENTEE],
        "matches": sel.scheme_matches(found), "runs": found.runs.all()[:10],
        "is_member": sel.person_of(request.user) is not None
                     and sel.visible_schemes(request.user).filter(pk=found.pk).exists(),
    }, status=409 if error else 200)


def scheme_match(request: HttpRequest, pk: int) -> HttpResponse:
    """Run the matcher: a preview (a dry run) on GET, the matches proposed on POST."""
    found = _managed(request, pk)
    try:
        if request.method == "POST":
            proposal = services.run_matching(actor=_actor(request), scheme=found,
                                             expected=request.POST.get("fingerprint", ""))
            messages.success(request, f"{len(proposal.pairs)} match(es) proposed to both "
                                      f"people; {len(proposal.unmatched)} mentee(s) not "
                                      "matched.")
            return redirect("community:mentoring-scheme-manage", pk=found.pk)
        proposal = services.run_matching(actor=_actor(request), scheme=found, dry_run=True)
    except TransitionConflict as exc:
        proposal = None
        if request.method == "POST":
            proposal = services.run_matching(actor=_actor(request), scheme=found, dry_run=True)
        return render(request, "community/mentoring/match_run.html",
                      {"scheme": found, "error": exc.message, "proposal": proposal},
                      status=409)
    return render(request, "community/mentoring/match_run.html",
                  {"scheme": found, "proposal": proposal, "error": ""})

