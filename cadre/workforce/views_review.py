"""Pages for finding the profession: the review queue, one title's review, trying a title,
and the threshold above which titles are accepted automatically (the central team's)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cadre.access.scope import scope_for
from cadre.core.actor import Actor
from cadre.core.forms import (
    GovukFormMixin,
    add_validation_errors,
    querystring_without_page,
    status_for,
)
from cadre.core.objects import parse_id
from cadre.framework.models import RoleLevel
from cadre.jobs.services import start_job
from cadre.workforce import selectors_review as selectors
from cadre.workforce.catalogue import get_engine
from cadre.workforce.jobs import classify as classify_job
from cadre.workforce.models import ReviewStatus
from cadre.workforce.selectors import listed_organisations, managed_organisations
from cadre.workforce.services_review import review_classification
from cadre.workforce.services_settings import ThresholdConflict, set_auto_accept_threshold

PAGE_SIZE = 50


class ReviewForm(GovukFormMixin, forms.Form):
    in_profession = forms.TypedChoiceField(
        label="Is this job in the profession?",
        choices=[("yes", "Yes, in the profession"), ("no", "No, outside the profession")],
        coerce=lambda v: v == "yes")
    role_level = forms.ModelChoiceField(
        label="Role level", queryset=RoleLevel.objects.none(), required=False,
        help_text="Needed when the job is in the profession.")

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        field = self.fields["role_level"]
        field.queryset = selectors.role_level_choices()
        field.label_from_instance = lambda lv: f"{lv.role.family.name}: {lv.role.name}: {lv.name}"
        field.empty_label = "None"


class ThresholdForm(GovukFormMixin, forms.Form):
    auto_accept_above = forms.CharField(
        label="Accept a suggestion automatically when its confidence is at least",
        required=False, max_length=20,
        help_text="Confidence is the classifier's estimated probability that its suggestion "
                  "is right, measured on labelled job titles. Give a number from 0.500 to "
                  "1.000: 0.97 accepts a suggestion when it is at least 97% likely to be "
                  "right. Leave it empty to review every job title.")
    version = forms.CharField(required=False, widget=forms.HiddenInput, max_length=9)

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["auto_accept_above"].widget.attrs["class"] += " govuk-input--width-5"
        self.fields["auto_accept_above"].widget.attrs["inputmode"] = "decimal"


class TryForm(GovukFormMixin, forms.Form):
    job_title = forms.CharField(label="Job title", max_length=200)
    grade = forms.CharField(label="Grade (optional)", max_length=40, required=False)
    job_description = forms.CharField(label="Job description (optional)", required=False,
                                      widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        for name in ("job_title", "grade"):
            self.fields[name].widget.attrs["class"] += " govuk-input--width-20"


def review_queue(request: HttpRequest) -> HttpResponse:
    organisations = listed_organisations(request.user)
    org_id = parse_id(request.GET.get("organisation", ""))
    status = request.GET.get("status", "")
    search = request.GET.get("q", "").strip()[:100]
    queue = selectors.review_queue(request.user, organisation_id=org_id, status=status,
                                   search=search)
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workforce/review_queue.html", {
        "organisations": organisations, "organisation_id": org_id, "status": status,
        "statuses": ReviewStatus.choices, "q": search, "page_obj": page,
        "querystring": querystring_without_page(request.GET),
        "summary": selectors.queue_summary(request.user, organisation_id=org_id),
        "settings": selectors.classification_settings(), "queue_order": selectors.QUEUE_ORDER,
        "may_set_threshold": scope_for(request.user).government_wide,
    })


def review_settings(request: HttpRequest) -> HttpResponse:
    """The central team's threshold for accepting job titles automatically."""
    current = selectors.classification_settings()
    initial = {"auto_accept_above": "" if current.auto_accept_above is None
               else str(current.auto_accept_above), "version": current.version}
    form = ThresholdForm(request.POST if request.method == "POST" else None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            saved = set_auto_accept_threshold(
                actor=Actor.for_user(request.user),
                threshold=form.cleaned_data["auto_accept_above"],
                version=form.cleaned_data["version"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except ThresholdConflict as exc:
            conflict = True
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Saved: job titles are " + (
                "never accepted automatically." if saved.auto_accept_above is None else
                f"accepted automatically at {saved.auto_accept_above} or above.")
                + " The next classification of an organisation applies it.")
            return redirect("workforce:review-queue")
    return render(request, "workforce/review_settings.html", {
        "form": form, "settings": current},
        status=409 if conflict else status_for(form))


def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    classification = selectors.classification_detail(user=request.user, pk=pk)
    if classification is None:
        raise Http404("No such job title, or not one you may review.")
    initial = {"in_profession": "yes" if classification.in_profession else "no",
               "role_level": classification.role_level_id}
    # Bound on every POST, so an empty submission shows its errors.
    form = ReviewForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            review_classification(
                actor=request.user, classification=classification,
                in_profession=form.cleaned_data["in_profession"],
                role_level=form.cleaned_data["role_level"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Saved: '{classification.title}' is "
                             f"{classification.get_status_display().lower()}.")
            return redirect("workforce:review-queue")
    return render(request, "workforce/review_detail.html", {
        "c": classification, "form": form,
        "people": classification.records.select_related("person").order_by(
            "person__last_name", "person__first_name")[:20],
    })


@require_POST
def review_classify(request: HttpRequest) -> HttpResponse:
    org_id = parse_id(request.POST.get("organisation", ""))
    organisation = (managed_organisations(request.user).filter(pk=org_id).first()
                    if org_id is not None else None)
    if organisation is None:
        raise Http404("No such organisation, or not one you may review.")
    job = start_job(actor=request.user, runner=classify_job,
                    title=f"Classify the job titles in {organisation.name}",
                    params={"organisation_id": organisation.pk})
    messages.success(request, f"Classifying the job titles in {organisation.name} "
                     "in the background.")
    return redirect("jobs:detail", pk=job.pk)


def try_title(request: HttpRequest) -> HttpResponse:
    form = TryForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        result = get_engine().classify(form.cleaned_data["job_title"],
                                       form.cleaned_data["grade"] or None,
                                       form.cleaned_data["job_description"])
    return render(request, "workforce/review_try.html", {"form": form, "result": result})
