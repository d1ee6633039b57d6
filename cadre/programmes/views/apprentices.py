"""Apprentices pages: the apprentices, standards, cohorts and industry partners an account
sees; an apprentice's own record; one apprentice's record with the managers' forms
(placements, evidence, end-point assessment, workflow steps); places, cohorts, industry
partners and enrolment; and each organisation's starts against the 2.3% target."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.objects import get_visible_or_404
from cadre.core.workflow import TransitionConflict
from cadre.people.models import Person
from cadre.programmes.forms.apprentices import (
    STEPS_FROM,
    CohortForm,
    EnrolFilterForm,
    EnrolForm,
    EpaForm,
    EvidenceForm,
    PartnerForm,
    PlacementForm,
    PlacesForm,
    StepForm,
    TargetYearForm,
    ksb_choices,
)
from cadre.programmes.models import (
    MAX_EPA_ATTEMPTS,
    Apprentice,
    ApprenticePlaces,
    EpaResult,
)
from cadre.programmes.selectors import apprentices as sel
from cadre.programmes.services import apprentices as services


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def apprentices(request: HttpRequest) -> HttpResponse:
    """Apprentices in scope with their standard, cohort and state; the standards, cohorts and
    industry partners (who hold no one's data)."""
    return render(request, "programmes/apprentices.html", {
        "apprentices": sel.visible_apprentices(request.user).prefetch_related(
            "placements__host_organisation", "placements__industry_partner", "epa_attempts"),
        "standards": sel.visible_standards(request.user),
        "cohorts": sel.visible_cohorts(request.user),
        "partners": sel.visible_partners(request.user),
    })


def _record(apprentice: Apprentice) -> dict:
    """What the record pages show of one apprentice."""
    attempts = list(apprentice.epa_attempts.all())
    labels = dict(ksb_choices(apprentice.cohort.standard))
    return {
        "apprentice": apprentice,
        "placements": apprentice.placements.select_related("host_organisation",
                                                           "industry_partner"),
        "evidence": [(e, labels.get(e.ksb, e.ksb))
                     for e in apprentice.evidence.order_by("-recorded_on", "-pk")],
        "attempts": attempts,
    }


def _may_record_result(apprentice: Apprentice, attempts: list) -> bool:
    return (apprentice.state == Apprentice.State.EPA and len(attempts) < MAX_EPA_ATTEMPTS
            and all(a.result == EpaResult.FAIL for a in attempts))


def mine(request: HttpRequest) -> HttpResponse:
    """An apprentice's own record; they add to their KSB evidence log."""
    person_id = sel._person_id(request.user)
    me = (sel.visible_apprentices(request.user).filter(person_id=person_id).first()
          if person_id is not None else None)
    if me is None:
        raise Http404("You are not an apprentice.")
    form = EvidenceForm(request.POST or None, standard=me.cohort.standard, prefix="evidence")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.log_evidence(actor=_actor(request), apprentice=me, ksb=d["ksb"],
                                  note=d["note"], recorded_on=d["recorded_on"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Your evidence is logged.")
            return redirect("programmes:apprentice-mine")
    return render(request, "programmes/apprentice_mine.html", {**_record(me), "form": form},
                  status=status_for(form))


def apprentice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One apprentice; their managers (the central team, heads of profession of the
    employer) add placements and evidence, record results and move them on."""
    apprentice = get_visible_or_404(sel.visible_apprentices(request.user), pk)
    manage = sel.may_manage(request.user, apprentice.employer_id)
    action = request.POST.get("action", "") if request.method == "POST" else None
    conflict = ""

    def build() -> dict:
        # After a lost race the page shows fresh forms for the state found.
        posted = None if conflict else action

        def data(name: str) -> object:
            return request.POST if posted == name else None

        if not manage:
            return {}
        attempts = list(apprentice.epa_attempts.all())
        return {
            "placement": PlacementForm(data("placement"), prefix="placement"),
            "evidence": EvidenceForm(data("evidence"), standard=apprentice.cohort.standard,
                                     prefix="evidence"),
            "epa": EpaForm(data("epa"), prefix="epa")
            if posted == "epa" or _may_record_result(apprentice, attempts) else None,
            "step": StepForm(data("step"), state=apprentice.state, prefix="step")
            if posted == "step" or apprentice.state in STEPS_FROM else None,
        }

    forms_ = build()
    if request.method == "POST":
        form = forms_.get(action or "")
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                _save(request, apprentice, action or "", d)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            except TransitionConflict as exc:
                conflict = exc.message
                apprentice.refresh_from_db()
                forms_ = build()
            else:
                messages.success(request, "The apprentice's record is saved.")
                return redirect("programmes:apprentice", pk=apprentice.pk)
    bound = [f for f in forms_.values() if f is not None and f.is_bound]
    status = 409 if conflict else status_for(*forms_.values())
    return render(request, "programmes/apprentice.html", {
        **_record(apprentice), **{f"{k}_form": v for k, v in forms_.items()},
        "manage": manage, "summary_form": bound[0] if bound else None,
        "page_errors": [conflict] if conflict else [], "max_attempts": MAX_EPA_ATTEMPTS,
    }, status=status)


def _save(request: HttpRequest, apprentice: Apprentice, action: str, d: dict) -> None:
    actor = _actor(request)
    if action == "placement":
        services.add_placement(actor=actor, apprentice=apprentice, starts_on=d["starts_on"],
                               ends_on=d["ends_on"], host_organisation=d["host_organisation"],
                               industry_partner=d["industry_partner"])
    elif action == "evidence":
        services.log_evidence(actor=actor, apprentice=apprentice, ksb=d["ksb"], note=d["note"],
                              recorded_on=d["recorded_on"])
    elif action == "epa":
        services.record_epa_attempt(actor=actor, apprentice_id=apprentice.pk,
                                    result=d["result"], taken_on=d["taken_on"])
    else:
        services.transition_apprentice(actor=actor, apprentice_id=apprentice.pk,
                                       action=d["action"], on=d["on"],
                                       went_next=d["went_next"], reason=d["reason"])


def places(request: HttpRequest) -> HttpResponse:
    """Apprentice places offered per organisation and year; the central team (any
    organisation) and heads of profession (theirs) set them."""
    organisations = sel.target_organisations(request.user).order_by("name")
    # Open organisations, and a closed one whose places are already on record.
    form = PlacesForm(request.POST or None, organisations=organisations.open_or(
        ApprenticePlaces.objects.values("organisation_id")))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            row = services.set_places(actor=_actor(request), organisation=d["organisation"],
                                      year=d["year"], places=d["places"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{row.organisation.name} offers {row.places} apprentice "
                                      f"places in {row.year}.")
            return redirect("programmes:apprentice-places")
    rows = (ApprenticePlaces.objects.filter(organisation__in=organisations)
            .select_related("organisation"))
    return render(request, "programmes/apprentice_places.html", {"form": form, "rows": rows},
                  status=status_for(form))


def cohort_create(request: HttpRequest) -> HttpResponse:
    """The central team: a new recruitment cohort on a standard."""
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            cohort = services.create_cohort(actor=_actor(request), name=d["name"],
                                            standard=d["standard"], starts_on=d["starts_on"],
                                            recruiter=d["recruiter"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Cohort {cohort.name} created.")
            return redirect("programmes:apprentices")
    return render(request, "programmes/apprentice_cohort_form.html", {"form": form},
                  status=status_for(form))


def partner_create(request: HttpRequest) -> HttpResponse:
    """The central team: a company that takes apprentices on placement."""
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.create_industry_partner(actor=_actor(request),
                                                       name=form.cleaned_data["name"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Industry partner {partner.name} added.")
            return redirect("programmes:apprentices")
    return render(request, "programmes/apprentice_partner_form.html", {"form": form},
                  status=status_for(form))


def enrol(request: HttpRequest) -> HttpResponse:
    """Start someone on an apprenticeship: people of the organisations the account manages
    (the central team: any), narrowed to one organisation by the filter."""
    # New starts are at organisations still in being.
    organisations = sel.target_organisations(request.user).open().order_by("name")
    chooser = EnrolFilterForm(request.GET, organisations=organisations)
    today = timezone.localdate()
    people = (Person.objects.filter(organisation__in=organisations, apprentice__isnull=True)
              .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
              .select_related("organisation").order_by("last_name", "first_name", "pk"))
    if (org_id := chooser.pk("organisation")) is not None:
        people = people.filter(organisation_id=org_id)
    form = EnrolForm(request.POST or None, people=people,
                     cohorts=sel.visible_cohorts(request.user))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            apprentice = services.enrol_apprentice(
                actor=_actor(request), person=d["person"], cohort=d["cohort"],
                training_provider=d["training_provider"], started_on=d["started_on"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{apprentice.person.full_name} started an "
                                      "apprenticeship.")
            return redirect("programmes:apprentice", pk=apprentice.pk)
    return render(request, "programmes/apprentice_enrol.html", {
        "enrol_form": form, "chooser": chooser, "query": request.GET.urlencode(),
        "summary_form": form if form.is_bound else chooser,
    }, status=status_for(form))


def target(request: HttpRequest) -> HttpResponse:
    """Each organisation's new apprentice starts against 2.3% of its headcount at the start
    of the reporting year (the central team: every organisation; heads of profession:
    theirs); organisations with fewer than 250 employees are not in scope."""
    form = TargetYearForm(request.GET)
    today = timezone.localdate()
    default = today.year if today.month >= 4 else today.year - 1
    year = form.value("year") or default
    rows = sel.apprenticeship_target(request.user, year)
    return render(request, "programmes/apprenticeship_target.html", {
        "form": form, "year": year, "rows": rows, "totals": sel.target_totals(rows),
        "in_scope_headcount": sel.target.IN_SCOPE_HEADCOUNT,
    }, status=status_for(form))
