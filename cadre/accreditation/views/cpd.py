"""CPD pages: your CPD and awards with renewal progress, adding, changing and removing a
record; a person's CPD for their heads of profession and the central team."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from cadre.accreditation.forms.cpd import CpdForm
from cadre.accreditation.models import CpdRecord
from cadre.accreditation.selectors import cpd as sel
from cadre.accreditation.services import cpd as services
from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.people.models import Person

FIELDS = ("activity", "category", "completed_on", "credits", "hours", "evidence", "link")


def _values(form: CpdForm) -> dict:
    """The form's values as the service takes them (blank optional text as "")."""
    values = {f: form.cleaned_data[f] for f in FIELDS}
    values["evidence"] = values["evidence"] or ""
    values["link"] = values["link"] or ""
    return values


def _me(request: HttpRequest) -> Person:
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404("Your account is not linked to a person record.")
    return person


def _context(request: HttpRequest, person: Person) -> dict:
    today = timezone.localdate()
    return {
        "person": person,
        "records": sel.records_of(request.user, person),
        "progress": [sel.renewal_progress(a, today=today)
                     for a in sel.awards_of(request.user, person)],
    }


def mine(request: HttpRequest) -> HttpResponse:
    """Your CPD records, your awards with the credits each renewal still needs, and the
    form to add a record."""
    person = _me(request)
    form = CpdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.record_cpd(actor=Actor.for_user(request.user), person=person,
                                         **_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Recorded: {record.activity}.")
            return redirect("accreditation:cpd")
    return render(request, "accreditation/cpd_mine.html",
                  {**_context(request, person), "form": form}, status=status_for(form))


def person_cpd(request: HttpRequest, pk: int) -> HttpResponse:
    """One person's CPD and awards, for their heads of profession and the central team."""
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    if not sel.may_see_records_of(request.user, person):
        raise Http404("No such person.")
    return render(request, "accreditation/cpd_person.html", _context(request, person))


def record(request: HttpRequest, pk: int) -> HttpResponse:
    """Change or remove one CPD record."""
    item = get_object_or_404(CpdRecord.objects.select_related("person"), pk=pk)
    if not sel.may_see_records_of(request.user, item.person):
        raise Http404("No such record.")
    if not sel.may_change(request.user, item):
        raise PermissionDenied("You can change your own typed CPD records only.")
    actor = Actor.for_user(request.user)
    if request.method == "POST" and request.POST.get("action") == "delete":
        services.delete_cpd(actor=actor, record_id=item.pk)
        messages.success(request, f"Removed: {item.activity}.")
        return redirect("accreditation:cpd")
    initial = {f: getattr(item, f) for f in FIELDS}
    form = CpdForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_cpd(actor=actor, record_id=item.pk, **_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "CPD record changed.")
            return redirect("accreditation:cpd")
    return render(request, "accreditation/cpd_record.html", {"form": form, "record": item},
                  status=status_for(form))
