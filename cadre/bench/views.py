"""Pages of the specialist bench: search, a specialist's windows, deployment requests."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone

from cadre.bench import selectors as sel
from cadre.bench import services
from cadre.bench.models import BenchAvailability
from cadre.core.actor import Actor
from cadre.core.exports import SPREADSHEETS, export_response
from cadre.core.forms import FilterForm, GovukFormMixin, add_validation_errors, status_for
from cadre.core.inputs import parse_choice
from cadre.framework.models import Skill
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.people.selectors import own_person


def _skills():  # noqa: ANN202
    framework = default_framework()
    return Skill.objects.filter(framework=framework) if framework else Skill.objects.none()


class SearchForm(FilterForm):
    skill = forms.ModelChoiceField(queryset=Skill.objects.none(), required=False,
                                   label="Skill", empty_label="Any skill")
    on = forms.DateField(required=False, label="Available from",
                         help_text="Shows specialists available on this date.")
    until = forms.DateField(required=False, label="Available until",
                            help_text="With a from date: available for the whole span.")
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all(), required=False,
                                          empty_label="Any organisation")

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = _skills()
        # Open organisations, and a closed one while people are still recorded in it.
        self.fields["organisation"].queryset = Organisation.objects.open_or(
            Person.objects.values("organisation_id"))


class WindowForm(GovukFormMixin, forms.Form):
    available_from = forms.DateField(label="Available from")
    available_to = forms.DateField(label="Available until")
    skills = forms.ModelMultipleChoiceField(queryset=Skill.objects.none(), required=False)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = _skills()


class RequestForm(GovukFormMixin, forms.Form):
    programme = forms.CharField(max_length=200)
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          label="Requesting organisation")
    starts_on = forms.DateField(label="Starts")
    ends_on = forms.DateField(label="Ends")
    skills = forms.ModelMultipleChoiceField(queryset=Skill.objects.none(), required=False)

    def __init__(self, *args, user: object, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = sel.requesting_organisations(user).open()
        self.fields["skills"].queryset = _skills()


class RequestActionForm(GovukFormMixin, forms.Form):
    """The reason or outcome that goes with accepting, declining, completing or cancelling."""

    text = forms.CharField(required=False, label="Reason or outcome",
                           help_text="Needed to decline, complete or cancel.",
                           widget=forms.Textarea(attrs={"rows": 3}))


def bench(request: HttpRequest) -> HttpResponse:
    """Search the bench by skill and date."""
    form = SearchForm(request.GET)
    # A filter that is not understood is reported on the page and left out.
    filters = {"skill_id": form.pk("skill"), "on": form.value("on"),
               "until": form.value("until"), "organisation_id": form.pk("organisation")}
    if not request.GET:
        filters = {"until": timezone.localdate()}
    windows = list(sel.search_bench(user=request.user, **filters)[:200])
    me = own_person(request.user)
    return render(request, "bench/search.html", {
        "form": form, "windows": windows, "me": me, "can_request": sel.may_request(request.user),
    }, status=status_for(form))


def specialist(request: HttpRequest, pk: int) -> HttpResponse:
    """A specialist's availability windows and deployments; add a window."""
    person = sel.bench_person(user=request.user, person_id=pk)
    if person is None:
        raise Http404("No such person, or not one whose bench record you can see.")
    can_manage = sel.may_manage_windows(request.user, person)
    form = WindowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.add_window(actor=Actor.for_user(request.user), person=person,
                                available_from=d["available_from"],
                                available_to=d["available_to"], skills=d["skills"],
                                note=d["note"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Availability window added.")
            return redirect("bench:bench-specialist", pk=person.pk)
    windows = BenchAvailability.objects.filter(person=person).prefetch_related("skills")
    deployments = sel.visible_requests(request.user).filter(specialist=person)
    return render(request, "bench/specialist.html", {
        "person": person, "windows": windows, "deployments": deployments, "form": form,
        "can_manage": can_manage, "can_request": sel.may_request(request.user),
    })


def window_delete(request: HttpRequest, pk: int) -> HttpResponse:
    window = sel.visible_windows(request.user).filter(pk=pk).first()
    if window is None:
        raise Http404("No such window.")
    try:
        services.remove_window(actor=Actor.for_user(request.user), window=window)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Availability window removed.")
    return redirect("bench:bench-specialist", pk=window.person_id)


def request_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Raise a deployment request for one specialist."""
    person = sel.bench_person(user=request.user, person_id=pk)
    if person is None:
        raise Http404("No such person, or not one whose bench record you can see.")
    if not sel.may_request(request.user):
        raise PermissionDenied("Programme managers, heads of profession and the central team "
                               "raise deployment requests.")
    initial = {"starts_on": request.GET.get("from"), "ends_on": request.GET.get("to")}
    form = RequestForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            created = services.request_deployment(
                actor=Actor.for_user(request.user), specialist=person,
                organisation=d["organisation"],
                programme=d["programme"], starts_on=d["starts_on"], ends_on=d["ends_on"],
                skills=d["skills"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Deployment requested.")
            return redirect("bench:bench-request", pk=created.pk)
    windows = BenchAvailability.objects.filter(person=person).prefetch_related("skills")
    return render(request, "bench/request_new.html",
                  {"person": person, "form": form, "windows": windows})


def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One deployment request; accept, decline, complete or cancel it."""
    deployment = sel.request_detail(user=request.user, request_id=pk)
    if deployment is None:
        raise Http404("No such deployment request, or not one you can see.")
    form = RequestActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.transition_request(actor=Actor.for_user(request.user),
                                        request_id=deployment.pk,
                                        action=request.POST.get("action", ""),
                                        text=form.cleaned_data["text"])
        except ValidationError as exc:
            # The reason, the outcome and the text are all the one box on the page.
            for key, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
                for error in errors:
                    form.add_error("text" if key in ("text", "reason", "outcome") else None,
                                   error)
        else:
            messages.success(request, "Deployment request updated.")
            return redirect("bench:bench-request", pk=deployment.pk)
    return render(request, "bench/request.html", {
        "deployment": deployment, "form": form,
        "can_decide": sel.may_decide(request.user, deployment),
        "can_close": sel.may_close(request.user, deployment),
        "history": deployment.history.select_related("history_user")[:20],
    }, status=status_for(form))


def my_requests(request: HttpRequest) -> HttpResponse:
    return render(request, "bench/requests.html", sel.my_requests(request.user))


def export(request: HttpRequest) -> HttpResponse:
    """CSV (or ``?format=xlsx|ods``) of the bench windows (or ``?what=requests``) the
    account may see; audited."""
    try:
        what = parse_choice(request.GET.get("what"), field="what",
                            choices=("windows", "requests"), default="windows")
        fmt = parse_choice(request.GET.get("format"), field="format",
                           choices=SPREADSHEETS, default="csv")
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
    return export_response(services.export_bench(actor=Actor.for_user(request.user),
                                                 what=what, fmt=fmt, channel="web"))
