"""Forms for the retained ICT function: one function of a department's matrix (GOV.UK
radios for sourcing and maturity, the evidence, and the version read, hidden). The service
checks every value again."""

from __future__ import annotations

from django import forms

from cadre.core.forms import GovukFormMixin
from cadre.strategy import function_checks as fc
from cadre.strategy.models import Maturity, Sourcing


class SourcingForm(GovukFormMixin, forms.Form):
    sourcing = forms.ChoiceField(choices=Sourcing.choices, label="Sourcing",
                                 help_text="How the department gets this function done. "
                                           "Mixed means partly in house and partly bought "
                                           "or shared.")
    maturity = forms.ChoiceField(choices=Maturity.choices, label="Maturity",
                                 help_text="How well the department performs it today.")
    evidence = forms.CharField(max_length=fc.MAX_EVIDENCE, required=False,
                               widget=forms.Textarea, label="Evidence (optional)",
                               help_text="What shows this: a contract, a team, an "
                                         "assessment, a plan.")
    version = forms.CharField(required=False, widget=forms.HiddenInput, max_length=9)


__all__ = ["SourcingForm"]
