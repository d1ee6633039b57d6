"""Fast Stream pages: posting rounds, offers, preferences, the allocation and postings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.objects import get_visible_or_404
from cadre.core.workflow import TransitionConflict
from cadre.programmes.forms.fast_stream import (
    EnrolForm,
    IntakeForm,
    ObjectivesForm,
    OfferForm,
    OutcomeForm,
    OverrideForm,
    RankingForm,
    ReviewForm,
    RoundForm,
    SchemeForm,
)
from cadre.programmes.models import (
    HostPreference,
    Posting,
    PostingOffer,
    PostingRound,
)
from cadre.programmes.selectors import fast_stream as sel
from cadre.programmes.services import fast_stream as services

STEP_LABELS = {"open_preferences": "Close offers and take preferences",
               "reopen": "Reopen for preferences", "publish": "Publish the postings"}


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def rounds(request: HttpRequest) -> HttpResponse:
    """Posting rounds the account can see; the central team creates one."""
    central = sel.is_central(request.user)
    form = RoundForm(request.POST or None) if central else None
    if request.method == "POST":
        if not central:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                created = services.create_round(
                    actor=_actor(request), scheme=d["scheme"], name=d["name"],
                    starts_on=d["starts_on"], posting_months=d["posting_months"])
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, f"Posting round {created.name} created.")
                return redirect("programmes:round", pk=created.pk)
    return render(request, "programmes/rounds.html", {
        "rounds": sel.visible_rounds(request.user), "form": form,
        "streamers": sel.visible_fast_streamers(request.user)[:200],
    }, status=status_for(form))


def mine(request: HttpRequest) -> HttpResponse:
    """A fast streamer's own record and postings; a host manager's offers."""
    me = sel.own_fast_streamer(request.user)
    person_id = sel._person_id(request.user)
    hosted = (sel.visible_offers(request.user).filter(host_manager_id=person_id)
              if person_id else PostingOffer.objects.none())
    postings = (sel.visible_postings(request.user).filter(fast_streamer=me)
                if me else Posting.objects.none())
    rounds_ = (PostingRound.objects.filter(scheme_id=me.intake.scheme_id)
               if me else PostingRound.objects.none())
    return render(request, "programmes/mine.html", {
        "me": me, "hosted": hosted, "postings": postings, "rounds": rounds_})


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A round: its offers, the account's part in it, and (central team) its steps."""
    round_ = get_visible_or_404(sel.visible_rounds(request.user), pk)
    central = sel.is_central(request.user)
    if request.method == "POST":
        if not central:
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            services.transition_round(actor=_actor(request), round_id=round_.pk, action=action,
                                      reason=request.POST.get("reason", ""))
        except ValidationError as exc:
            return render(request, "programmes/round.html", {
                **_round_context(request, round_), "round_errors": exc.messages}, status=400)
        messages.success(request, "The round has moved on.")
        return redirect("programmes:round", pk=round_.pk)
    return render(request, "programmes/round.html", _round_context(request, round_))


def _round_context(request: HttpRequest, round_: PostingRound) -> dict:
    central = sel.is_central(request.user)
    me = sel.own_fast_streamer(request.user)
    in_round = me is not None and me.intake.scheme_id == round_.scheme_id
    steps = [(name, label) for name, label in STEP_LABELS.items()
             if central and {"open_preferences": "open", "reopen": "allocated",
                             "publish": "allocated"}[name] == round_.state]
    return {
        "round": round_, "central": central,
        "offers": sel.visible_offers(request.user).filter(round=round_),
        "my_preferences": sel.own_preferences(me, round_) if in_round else None,
        "in_round": in_round, "steps": steps,
        "postings": sel.visible_postings(request.user).filter(round=round_),
        "may_add_offer": round_.state == PostingRound.State.OPEN and (
            central or bool(sel.scope_for(request.user).profession_organisations)),
        "streamer_count": sel.round_fast_streamers(round_).count(),
    }


def offer_create(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_visible_or_404(sel.visible_rounds(request.user), pk)
    form = OfferForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.add_offer(actor=_actor(request), round_=round_,
                               host_organisation=d["host_organisation"], title=d["title"],
                               location=d["location"], capacity=d["capacity"],
                               clearance=d["clearance"], role_level=d["role_level"],
                               skills=d["skills"], description=d["description"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Offer added.")
            return redirect("programmes:round", pk=round_.pk)
    return render(request, "programmes/offer_form.html", {"round": round_, "form": form},
                  status=status_for(form))


def _offer_initial(offer: PostingOffer) -> dict:
    return {"host_organisation": offer.host_organisation_id, "title": offer.title,
            "role_level": offer.role_level_id, "location": offer.location_id,
            "capacity": offer.capacity, "clearance": offer.clearance,
            "skills": list(offer.skills.values_list("pk", flat=True)),
            "description": offer.description}


def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An offer. While its round is open for offers, whoever may add offers for its host
    changes it (``action=edit``) or withdraws it (``?withdraw`` asks first, then
    ``action=withdraw``); while it takes preferences, its host (manager, heads of
    profession, central team) ranks fast streamers."""
    offer = get_visible_or_404(sel.visible_offers(request.user), pk)
    round_ = offer.round
    may_rank = (sel.may_manage_offer(request.user, offer)
                and round_.state == PostingRound.State.PREFERENCES)
    may_manage_host = sel.may_manage_offer(request.user, offer.host_organisation)
    may_change = may_manage_host and round_.state == PostingRound.State.OPEN
    action = request.POST.get("action", "rank") if request.method == "POST" else None
    form = None
    if may_rank:
        options = [(s.pk, f"{s.person.full_name} ({s.person.staff_number}, "
                    f"{s.home_organisation.abbreviation})")
                   for s in sel.round_fast_streamers(round_)]
        current = list(HostPreference.objects.filter(offer=offer).order_by("rank")
                       .values_list("fast_streamer_id", flat=True))
        form = RankingForm(request.POST if action == "rank" else None, options=options,
                           initial_ids=current, prefix="rank")
    # a change sent after the round moved on reaches the service, which refuses it (409)
    edit = (OfferForm(request.POST if action == "edit" else None, user=request.user,
                      initial=_offer_initial(offer), prefix="edit")
            if may_change or (may_manage_host and action == "edit") else None)
    status = None
    if request.method == "POST":
        if action == "withdraw" and may_manage_host:
            services.withdraw_offer(actor=_actor(request), offer=offer)
            messages.success(request, f"Offer '{offer.title}' withdrawn.")
            return redirect("programmes:round", pk=round_.pk)
        bound = {"rank": form, "edit": edit}.get(action or "")
        if bound is None:
            raise PermissionDenied
        if bound.is_valid():
            d = bound.cleaned_data
            try:
                if action == "edit":
                    services.update_offer(
                        actor=_actor(request), offer=offer, skills=d["skills"],
                        host_organisation=d["host_organisation"], title=d["title"],
                        location=d["location"], capacity=d["capacity"],
                        clearance=d["clearance"], role_level=d["role_level"],
                        description=d["description"])
                else:
                    services.set_host_preferences(actor=_actor(request), offer=offer,
                                                  fast_streamers=bound.ranked())
            except ValidationError as exc:
                add_validation_errors(bound, exc)
            except TransitionConflict as exc:
                bound.add_error(None, exc.message)
                status = 409
            else:
                messages.success(request, "The offer is saved." if action == "edit"
                                 else "Your ranking is saved.")
                return redirect("programmes:offer", pk=offer.pk)
    ranking = sel.visible_host_preferences(request.user).filter(offer=offer)
    return render(request, "programmes/offer.html", {
        "offer": offer, "form": form, "edit": edit, "ranking": ranking,
        "confirm_withdraw": may_change and "withdraw" in request.GET,
        "summary_form": edit if edit is not None and edit.is_bound else form,
        "postings": sel.visible_postings(request.user).filter(offer=offer),
    }, status=status or status_for(form, edit))


def preferences(request: HttpRequest, pk: int) -> HttpResponse:
    """A fast streamer ranks the round's offers."""
    round_ = get_visible_or_404(sel.visible_rounds(request.user), pk)
    me = sel.own_fast_streamer(request.user)
    if me is None or me.intake.scheme_id != round_.scheme_id:
        raise Http404("You are not a fast streamer in this round.")
    options = [(o.pk, f"{o.title} ({o.host_organisation.abbreviation}, "
                f"{o.location.name if o.location else 'no location'})")
               for o in sel.round_offers(round_)]
    current = [p.offer_id for p in sel.own_preferences(me, round_)]
    form = RankingForm(request.POST or None, options=options, initial_ids=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_preferences(actor=_actor(request), round_=round_, fast_streamer=me,
                                     offers=form.ranked())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Your preferences are saved.")
            return redirect("programmes:round", pk=round_.pk)
    return render(request, "programmes/preferences.html", {
        "round": round_, "form": form, "open": round_.state == PostingRound.State.PREFERENCES,
    }, status=status_for(form))


def allocate(request: HttpRequest, pk: int) -> HttpResponse:
    """The central team: a dry run with explanations (GET), then allocate (POST)."""
    round_ = get_visible_or_404(sel.visible_rounds(request.user), pk)
    if request.method == "POST":
        services.allocate_round(actor=_actor(request), round_=round_)
        messages.success(request, "The round is allocated. Check the postings, then publish.")
        return redirect("programmes:round", pk=round_.pk)
    rows = services.dry_run(actor=_actor(request), round_=round_)
    return render(request, "programmes/allocate.html", {
        "round": round_, "rows": rows,
        "placed": sum(1 for r in rows if r.offer is not None),
        "first": sum(1 for r in rows if r.preference_rank == 1),
        "can_allocate": round_.state == PostingRound.State.PREFERENCES})


def posting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A posting; the central team overrides it with a reason, the host sets objectives."""
    posting = get_visible_or_404(sel.visible_postings(request.user), pk)
    central = sel.is_central(request.user)
    may_set_objectives = sel.may_manage_offer(request.user, posting.offer)
    override = OverrideForm(request.POST if request.POST.get("action") == "override" else None,
                            posting=posting, prefix="override") if central else None
    objectives = ObjectivesForm(
        request.POST if request.POST.get("action") == "objectives" else None,
        initial={"objectives": posting.objectives}, prefix="objectives") \
        if may_set_objectives else None
    existing = sel.visible_review(request.user, posting)
    review = None
    if sel.may_review(request.user, posting) and (
            existing is None or timezone.localdate() < posting.ends_on):
        review = ReviewForm(
            request.POST if request.POST.get("action") == "review" else None, prefix="review",
            initial={"rating": existing.rating, "comments": existing.comments,
                     "skills": list(existing.skills.all())} if existing else None)
    if request.method == "POST":
        action = request.POST.get("action")
        form = {"override": override, "objectives": objectives, "review": review}.get(
            action or "")
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                if action == "review":
                    services.review_posting(actor=_actor(request), posting=posting,
                                            rating=form.cleaned_data["rating"],
                                            skills=form.cleaned_data["skills"],
                                            comments=form.cleaned_data["comments"])
                elif action == "override":
                    services.override_posting(actor=_actor(request), posting=posting,
                                              offer=form.cleaned_data["offer"],
                                              reason=form.cleaned_data["reason"])
                else:
                    services.set_objectives(actor=_actor(request), posting=posting,
                                            objectives=form.cleaned_data["objectives"])
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, "The posting is saved.")
                return redirect("programmes:posting", pk=posting.pk)
    bound = [f for f in (override, objectives, review) if f is not None and f.is_bound]
    return render(request, "programmes/posting.html", {
        "posting": posting, "override": override, "objectives": objectives,
        "review": review, "existing_review": existing,
        "summary_form": bound[0] if bound else objectives,
    }, status=status_for(override, objectives, review))


def schemes(request: HttpRequest) -> HttpResponse:
    """The central team: schemes with their intakes; create a scheme or an intake."""
    if not sel.is_central(request.user):
        raise PermissionDenied
    action = request.POST.get("action") if request.method == "POST" else None
    scheme_form = SchemeForm(request.POST if action == "scheme" else None, prefix="scheme")
    intake_form = IntakeForm(request.POST if action == "intake" else None, prefix="intake")
    if request.method == "POST":
        form = {"scheme": scheme_form, "intake": intake_form}.get(action or "")
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                if action == "scheme":
                    created = services.create_scheme(
                        actor=_actor(request), name=d["name"],
                        posting_pattern=d["posting_pattern"], description=d["description"])
                    messages.success(request, f"Scheme {created.name} created.")
                    return redirect("programmes:schemes")
                intake = services.create_intake(actor=_actor(request), scheme=d["scheme"],
                                                year=d["year"])
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, f"Intake {intake} created.")
                return redirect("programmes:intake", pk=intake.pk)
    return render(request, "programmes/schemes.html", {
        "schemes": sel.schemes_with_intakes(), "scheme_form": scheme_form,
        "intake_form": intake_form,
        "summary_form": intake_form if intake_form.is_bound else scheme_form,
    }, status=status_for(scheme_form, intake_form))


def intake_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The central team: an intake's fast streamers; enrol a person by staff number."""
    if not sel.is_central(request.user):
        raise PermissionDenied
    intake = get_visible_or_404(sel.visible_intakes(request.user), pk)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            streamer = services.enrol_fast_streamer(
                actor=_actor(request), person=d["person"], intake=intake,
                clearance=d["clearance"], may_post_home=d["may_post_home"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{streamer.person.full_name} joined {intake}.")
            return redirect("programmes:intake", pk=intake.pk)
    return render(request, "programmes/intake.html", {
        "intake": intake, "form": form,
        "streamers": sel.visible_fast_streamers(request.user).filter(intake=intake),
    }, status=status_for(form))


def outcomes(request: HttpRequest) -> HttpResponse:
    """The central team: each fast streamer's outcome, recording one, and retention in the
    profession 1, 2 and 5 years after each intake ended."""
    if not sel.is_central(request.user):
        raise PermissionDenied
    form = OutcomeForm(request.POST or None, user=request.user)
    status = status_for(form)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            streamer = services.record_outcome(
                actor=_actor(request), fast_streamer_id=d["fast_streamer"].pk,
                outcome=d["outcome"], on=d["on"], reason=d["reason"],
                new_grade=d["new_grade"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
            status = 400
        except TransitionConflict as exc:
            form.add_error(None, exc.message)
            status = 409
        else:
            messages.success(request, f"Outcome of {streamer.person.full_name} recorded.")
            return redirect("programmes:outcomes")
    return render(request, "programmes/outcomes.html", {
        "form": form, "streamers": sel.outcome_streamers(request.user),
        "retention": sel.retention(request.user), "years": sel.RETENTION_YEARS,
        "threshold": sel.RETENTION_THRESHOLD,
    }, status=status)
