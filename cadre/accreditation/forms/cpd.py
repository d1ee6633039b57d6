"""The CPD record form (GOV.UK components through ``GovukFormMixin``)."""

from __future__ import annotations

from django import forms

from cadre.accreditation.models import MAX_CPD_HOURS, MAX_CPD_RECORD_CREDITS, CpdCategory
from cadre.core.forms import GovukFormMixin
from cadre.core.inputs import LONG_TEXT, SHORT_TEXT


class CpdForm(GovukFormMixin, forms.Form):
    activity = forms.CharField(max_length=200, label="Activity",
                               help_text="For example, a course, a conference talk you gave, "
                                         "or mentoring.")
    category = forms.ChoiceField(choices=CpdCategory.choices, label="Kind of activity",
                                 widget=forms.RadioSelect)
    completed_on = forms.DateField(label="Date completed")
    credits = forms.IntegerField(min_value=0, max_value=MAX_CPD_RECORD_CREDITS, initial=0,
                                 label="CPD credits",
                                 help_text="As your scheme counts them, usually one per hour "
                                           "of learning.")
    hours = forms.DecimalField(min_value=0, max_value=MAX_CPD_HOURS, decimal_places=1,
                               required=False, label="Hours (optional)")
    evidence = forms.CharField(max_length=LONG_TEXT, required=False, widget=forms.Textarea,
                               label="What you learned and how you used it (optional)")
    link = forms.URLField(max_length=SHORT_TEXT, required=False, assume_scheme="https",
                          label="Link to evidence (optional)")
