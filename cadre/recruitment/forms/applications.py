"""Forms for applications (GOV.UK components through ``GovukFormMixin``: evidence boxes are
textareas with a character count). The services check every value again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin, UploadForm
from cadre.core.inputs import REASON_TEXT
from cadre.recruitment.models import (
    MAX_CANDIDATE_EMAIL,
    MAX_CANDIDATE_NAME,
    MAX_CANDIDATE_PHONE,
    MAX_EVIDENCE_TEXT,
    ApplicationState,
    Criterion,
)

__all__ = ["ApplicationFilterForm", "ApplyForm", "ImportForm", "RecordForm", "StepForm",
           "WithdrawForm"]

CONSENT_LABEL = ("The candidate agrees to be offered similar roles in other departments for "
                 "12 months if found appointable but not appointed (the reserve list)")


class _EvidenceFields(forms.Form):
    """One evidence box per criterion, named ``evidence_<criterion id>``. It sits after
    ``GovukFormMixin`` in each form's bases, so the boxes are added before the mixin turns
    every field into its GOV.UK component."""

    def __init__(self, *args: Any, criteria: Iterable[Criterion] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[f"evidence_{criterion.pk}"] = forms.CharField(
                max_length=MAX_EVIDENCE_TEXT, required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
                label=f"Evidence: {criterion.text}",
                help_text=f"Optional, up to {MAX_EVIDENCE_TEXT:,} characters.")

    def evidence(self) -> dict[int, str]:
        return {int(name.removeprefix("evidence_")): value or ""
                for name, value in self.cleaned_data.items() if name.startswith("evidence_")}


class RecordForm(GovukFormMixin, _EvidenceFields):
    name = forms.CharField(max_length=MAX_CANDIDATE_NAME, label="Candidate's name")
    email = forms.EmailField(max_length=MAX_CANDIDATE_EMAIL, label="Email address")
    phone = forms.CharField(max_length=MAX_CANDIDATE_PHONE, required=False,
                            label="Phone number (optional)")
    reserve_consent = forms.BooleanField(required=False, label=CONSENT_LABEL)


class ApplyForm(GovukFormMixin, _EvidenceFields):
    reserve_consent = forms.BooleanField(
        required=False, label="If I am found appointable but not appointed, I agree to be "
                              "offered similar roles in other departments for 12 months")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The consent box comes after the evidence.
        self.order_fields([n for n in self.fields if n != "reserve_consent"]
                          + ["reserve_consent"])


class StepForm(GovukFormMixin, forms.Form):
    """The recruiters' next step on an application (offer, appoint, declined, withdrawn)."""

    to = forms.ChoiceField(label="What happened", choices=())
    reason = forms.CharField(max_length=REASON_TEXT, required=False, widget=forms.Textarea(
        attrs={"rows": 3}), label="Note (optional)")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, steps: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to"]
        field.choices = [(s, ApplicationState(s).label) for s in steps]
        field.widget = forms.RadioSelect(choices=field.choices)


class WithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(max_length=REASON_TEXT, required=False, widget=forms.Textarea(
        attrs={"rows": 3}), label="Why (optional)")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ImportForm(UploadForm):
    """A spreadsheet of applications for one campaign."""


class ApplicationFilterForm(FilterForm):
    state = forms.ChoiceField(required=False, label="State",
                              choices=[("", "Any state"), *ApplicationState.choices])
