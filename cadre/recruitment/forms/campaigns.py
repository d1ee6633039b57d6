"""Forms for recruitment campaigns: the campaign (new or changed), a criterion of its plan, a
workflow step, and the list's filters (GOV.UK components through ``GovukFormMixin``). The
services check every value again."""

from __future__ import annotations

from typing import Any

from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin
from cadre.framework.models import RoleLevel, Skill
from cadre.organisations.models import Grade, Organisation
from cadre.recruitment.models import (
    MAX_CAMPAIGN_TITLE,
    MAX_CANCEL_REASON,
    MAX_CRITERIA,
    MAX_CRITERION_TEXT,
    MAX_LOCATION,
    MAX_PAY,
    MAX_RETENTION_MONTHS,
    MIN_RETENTION_MONTHS,
    CampaignState,
    CriterionMethod,
    CriterionStage,
    Engagement,
)
from cadre.recruitment.selectors import campaigns as sel

__all__ = ["CampaignFilterForm", "CampaignForm", "CancelForm", "CriterionForm", "StepForm"]


class RoleLevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.role.name}: {obj.name}"


class CampaignForm(GovukFormMixin, forms.Form):
    """A new campaign (``organisation`` shown only for a new senior role) or a change to
    one (``version`` carries the version read)."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          label="Recruiting organisation",
                                          empty_label="Choose an organisation")
    title = forms.CharField(max_length=MAX_CAMPAIGN_TITLE, label="Title of the role")
    role_level = RoleLevelChoiceField(queryset=RoleLevel.objects.none(), label="Role level",
                                      empty_label="Choose a role level")
    grade = forms.ModelChoiceField(queryset=Grade.objects.none(), label="Grade",
                                   empty_label="Choose a grade")
    pay_min = forms.IntegerField(
        min_value=1, max_value=MAX_PAY, required=False, label="Lowest pay (optional for now)",
        help_text="Whole pounds a year, for example 65000. Needed before the campaign opens.")
    pay_max = forms.IntegerField(
        min_value=1, max_value=MAX_PAY, required=False, label="Highest pay (optional for now)",
        help_text="Whole pounds a year. Needed before the campaign opens.")
    location = forms.CharField(max_length=MAX_LOCATION, label="Location",
                               help_text="For example, Leeds or London (hybrid).")
    closing_date = forms.DateField(label="Closing date",
                                   help_text="The last day applications are taken.")
    engagement = forms.ChoiceField(choices=Engagement.choices, initial=Engagement.PERMANENT,
                                   label="How the person is engaged")
    retention_months = forms.IntegerField(
        min_value=MIN_RETENTION_MONTHS, max_value=MAX_RETENTION_MONTHS, initial=12,
        label="Months to keep applicants' personal data",
        help_text=f"{MIN_RETENTION_MONTHS} to {MAX_RETENTION_MONTHS}, counted from the day "
                  "the campaign closes or is cancelled. Then it is deleted.")
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, who: Any, new: bool, from_vacancy: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role_level"].queryset = sel.role_levels()
        self.fields["grade"].queryset = sel.grades()
        if new and not from_vacancy:
            self.fields["organisation"].queryset = sel.creatable_organisations(who)
        else:
            del self.fields["organisation"]
        if new:
            del self.fields["version"]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class CriterionForm(GovukFormMixin, forms.Form):
    text = forms.CharField(max_length=MAX_CRITERION_TEXT, widget=forms.Textarea(attrs={"rows": 2}),
                           label="Criterion",
                           help_text="What the candidate must show, for example 'Leads "
                                     "architecture across several services'.")
    skill = forms.ModelChoiceField(queryset=Skill.objects.none(), required=False,
                                   label="Framework skill (optional)",
                                   empty_label="None chosen")
    stage = forms.ChoiceField(choices=CriterionStage.choices, initial=CriterionStage.BOTH,
                              label="When it is assessed")
    method = forms.ChoiceField(choices=CriterionMethod.choices,
                               initial=CriterionMethod.APPLICATION,
                               label="How it is assessed")
    order = forms.IntegerField(min_value=1, max_value=MAX_CRITERIA * 10, required=False,
                               label="Position in the plan (optional)",
                               help_text="1 comes first; left empty, it goes last.")
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, campaign: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = sel.campaign_skills(campaign)

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class StepForm(GovukFormMixin, forms.Form):
    """One workflow step: the state to move to and the version read."""

    to = forms.ChoiceField(choices=CampaignState.choices, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class CancelForm(StepForm):
    reason = forms.CharField(max_length=MAX_CANCEL_REASON, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             label="Why the campaign is cancelled")


class CampaignFilterForm(FilterForm):
    q = forms.CharField(max_length=200, required=False, label="Title contains")
    state = forms.ChoiceField(choices=[("", "Any state"), *CampaignState.choices],
                              required=False, label="State",
                              widget=forms.Select(attrs={"data-keep-select": "1"}))
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.order_by("name"),
                                          required=False, label="Organisation")
