"""Forms of the apprentices programme: the target year, places, cohorts, industry partners,
enrolment, placements, the KSB evidence log, end-point assessment results and the
apprentice workflow."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from cadre.core.forms import FilterForm, GovukFormMixin
from cadre.core.inputs import LONG_TEXT
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.programmes.models import (
    APPRENTICE_YEARS,
    MAX_PLACES,
    Apprentice,
    ApprenticeCohort,
    ApprenticeshipStandard,
    EpaResult,
    IndustryPartner,
)

#: The longest KSB description shown in a choice before it is cut short.
KSB_LABEL = 90
#: Each apprentice state's next steps, in the words the page uses.
STEP_LABELS = {
    "to_gateway": "Ready for assessment: move to the gateway",
    "start_epa": "Start the end-point assessment",
    "complete": "Completed: passed the end-point assessment",
    "withdraw": "Withdrawn: left before completing",
}
STEPS_FROM = {
    Apprentice.State.IN_TRAINING: ("to_gateway", "withdraw"),
    Apprentice.State.GATEWAY: ("start_epa", "withdraw"),
    Apprentice.State.EPA: ("complete", "withdraw"),
}


class TargetYearForm(FilterForm):
    year = forms.IntegerField(
        required=False, min_value=APPRENTICE_YEARS[0], max_value=APPRENTICE_YEARS[1],
        label="Reporting year", help_text="The year from 1 April, for example 2026.")


def _organisation_label(org: Organisation) -> str:
    return f"{org.name} ({org.abbreviation})"


class PlacesForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    year = forms.IntegerField(min_value=APPRENTICE_YEARS[0], max_value=APPRENTICE_YEARS[1],
                              label="Reporting year",
                              help_text="The year from 1 April, for example 2026.")
    places = forms.IntegerField(min_value=0, max_value=MAX_PLACES, label="Places offered",
                                help_text=f"A whole number from 0 to {MAX_PLACES}.")

    def __init__(self, *args, organisations: QuerySet[Organisation],
                 **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations
        field.label_from_instance = _organisation_label


class CohortForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=200, help_text="For example, Software developers 2027.")
    standard = forms.ModelChoiceField(queryset=ApprenticeshipStandard.objects.all(),
                                      label="Apprenticeship standard")
    starts_on = forms.DateField(label="Start date")
    recruiter = forms.CharField(required=False, max_length=200, label="Recruited by",
                                help_text="The organisation that runs the recruitment.")


class PartnerForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=200, label="Company name")


class EnrolFilterForm(FilterForm):
    """Narrows the people offered for enrolment to one organisation."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False,
                                          label="Organisation")

    def __init__(self, *args, organisations: QuerySet[Organisation],
                 **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations
        field.label_from_instance = _organisation_label


class EnrolForm(GovukFormMixin, forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="Apprentice",
                                    empty_label="Choose who starts the apprenticeship",
                                    help_text="Someone in an organisation you manage who is not "
                                              "already an apprentice.")
    cohort = forms.ModelChoiceField(queryset=ApprenticeCohort.objects.none(),
                                    label="Cohort")
    training_provider = forms.CharField(max_length=200, label="Training provider")
    started_on = forms.DateField(required=False, label="Start date",
                                 help_text="Leave blank for the cohort's start date.")

    def __init__(self, *args, people: QuerySet[Person],
                 cohorts: QuerySet[ApprenticeCohort], **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        person.queryset = people
        person.error_messages["required"] = "Choose who starts the apprenticeship"
        person.label_from_instance = (
            lambda p: f"{p.full_name} ({p.staff_number}, {p.organisation.abbreviation})")
        cohort = self.fields["cohort"]
        cohort.queryset = cohorts
        cohort.label_from_instance = lambda c: f"{c.name} ({c.standard.title})"


class PlacementForm(GovukFormMixin, forms.Form):
    """A placement with a host organisation or an industry partner (exactly one)."""

    host_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False,
        label="Host organisation", help_text="Leave blank for an industry partner.")
    industry_partner = forms.ModelChoiceField(
        queryset=IndustryPartner.objects.all(), required=False, label="Industry partner",
        help_text="Leave blank for a host organisation.")
    starts_on = forms.DateField(label="Start date")
    ends_on = forms.DateField(label="End date")

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["host_organisation"].queryset = Organisation.objects.open().order_by("name")
        self.fields["host_organisation"].label_from_instance = _organisation_label

    def clean(self) -> dict:
        data = super().clean()
        host, partner = data.get("host_organisation"), data.get("industry_partner")
        if host is not None and partner is not None:
            self.add_error("industry_partner",
                           "Choose a host organisation or an industry partner, not both.")
        elif host is None and partner is None and "host_organisation" not in self.errors \
                and "industry_partner" not in self.errors:
            self.add_error("host_organisation",
                           "Choose a host organisation or an industry partner.")
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "End date must be after the start date.")
        return data


def ksb_choices(standard: ApprenticeshipStandard) -> list[tuple[str, str]]:
    """The standard's knowledges, skills and behaviours as (id, "K1: what it is")."""
    choices = []
    for key in ("knowledges", "skills", "behaviours"):
        for item in getattr(standard, key) or []:
            detail = item["detail"]
            if len(detail) > KSB_LABEL:
                detail = detail[:KSB_LABEL - 1].rstrip() + "…"
            choices.append((item["id"], f"{item['id']}: {detail}"))
    return choices


class EvidenceForm(GovukFormMixin, forms.Form):
    ksb = forms.ChoiceField(choices=(), label="Knowledge, skill or behaviour",
                            widget=forms.Select(attrs={"data-keep-select": "1"}))
    note = forms.CharField(max_length=LONG_TEXT, label="Evidence",
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="What was done and how it shows the knowledge, skill or "
                                     "behaviour.")
    recorded_on = forms.DateField(label="Date")

    def __init__(self, *args, standard: ApprenticeshipStandard,
                 **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        field = self.fields["ksb"]
        field.choices = [("", "Choose a knowledge, skill or behaviour"),
                         *ksb_choices(standard)]
        field.widget.choices = field.choices
        if not self.is_bound:
            self.initial.setdefault("recorded_on", timezone.localdate())

    def clean_recorded_on(self):  # noqa: ANN201
        day = self.cleaned_data["recorded_on"]
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError("Date must be today or in the past.")
        return day


class EpaForm(GovukFormMixin, forms.Form):
    result = forms.ChoiceField(choices=EpaResult.choices, label="Result")
    taken_on = forms.DateField(label="Date of the assessment")

    def clean_taken_on(self):  # noqa: ANN201
        day = self.cleaned_data["taken_on"]
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError("Date of the assessment must be today or in the past.")
        return day


class StepForm(GovukFormMixin, forms.Form):
    """The next step of the apprentice workflow.

    Unbound, it offers the steps possible from ``state``; bound, it accepts any step, so a
    step another person made first reaches the service and is reported as such (409)."""

    action = forms.ChoiceField(choices=(), label="Next step")
    on = forms.DateField(required=False, label="Date of the step",
                         help_text="Leave blank for today.")
    went_next = forms.CharField(required=False, max_length=200, label="Where they went next",
                                help_text="For a completion or withdrawal, for example a job "
                                          "title and organisation.")
    reason = forms.CharField(required=False, max_length=200, label="Reason or note")

    def __init__(self, *args, state: str, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        names = STEP_LABELS if self.is_bound else STEPS_FROM.get(state, ())
        field = self.fields["action"]
        field.choices = [(name, STEP_LABELS[name]) for name in names]
        field.widget = forms.RadioSelect(choices=field.choices)
