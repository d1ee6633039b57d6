"""Forms for strategies, workstreams, milestones, progress, ratings, scales and periods
(GOV.UK components through ``GovukFormMixin``). The services check every value again
against docs/limits.md ("Strategy: workstreams and milestones")."""

from __future__ import annotations

from typing import Any

from django import forms

from cadre.core.forms import GovukFormMixin
from cadre.organisations.models import Organisation
from cadre.strategy.models import (
    MAX_DATE_TEXT,
    MAX_DESCRIPTION,
    MAX_EVIDENCE,
    MAX_LEVELS,
    MAX_MILESTONE_TITLE,
    MAX_WORKSTREAM_NAME,
    ConfidenceScale,
    MilestoneStatus,
    ReportingPeriod,
    WorkstreamKind,
)
from cadre.strategy.selectors.workstreams import levels
from cadre.strategy.services.workstreams import (
    MAX_COMMENT,
    MAX_LEVEL_LABEL,
    MAX_PERIOD_LABEL,
    MAX_SCALE_NAME,
    MAX_STRATEGY_NAME,
    MAX_URL,
)


def _organisations() -> Any:
    return Organisation.objects.order_by("name")


class StrategyForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=MAX_STRATEGY_NAME, label="Name")
    published = forms.DateField(required=False, label="Published (optional)")
    description = forms.CharField(required=False, widget=forms.Textarea,
                                  max_length=MAX_DESCRIPTION, label="Description (optional)")
    source_url = forms.URLField(required=False, max_length=MAX_URL, assume_scheme="https",
                                label="Where it is published (optional)")

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("description", "source_url"):
            data[name] = data.get(name) or ""
        return data


class WorkstreamForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=MAX_WORKSTREAM_NAME, label="Name")
    kind = forms.ChoiceField(choices=WorkstreamKind.choices, initial=WorkstreamKind.STRATEGY,
                             label="Kind", widget=forms.RadioSelect)
    lead_organisation = forms.ModelChoiceField(queryset=_organisations(),
                                               label="Lead organisation")
    organisation = forms.ModelChoiceField(
        queryset=_organisations(), required=False,
        label="Department (departmental implementation plans only)")
    participants = forms.ModelMultipleChoiceField(
        queryset=_organisations(), required=False, label="Taking part (optional)")
    description = forms.CharField(required=False, widget=forms.Textarea,
                                  max_length=MAX_DESCRIPTION, label="Description (optional)")

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["participants"] = list(data.get("participants") or [])
        data["description"] = data.get("description") or ""
        return data


class MilestoneForm(GovukFormMixin, forms.Form):
    title = forms.CharField(max_length=MAX_MILESTONE_TITLE, label="Milestone")
    date_text = forms.CharField(
        max_length=MAX_DATE_TEXT, required=False, label="Date as published (optional)",
        help_text="As written, for example: by March 2012, late 2011, September-November "
                  "2012, from May 2012, ongoing.")
    owner_organisation = forms.ModelChoiceField(
        queryset=_organisations(), required=False,
        label="Owning organisation (optional: the lead organisation if empty)")

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["date_text"] = data.get("date_text") or ""
        return data


class ProgressForm(GovukFormMixin, forms.Form):
    """The owner's update; ``version`` is the milestone's version when the form was
    opened, so a change saved meanwhile is not overwritten."""

    status = forms.ChoiceField(choices=MilestoneStatus.choices, label="Status",
                               widget=forms.RadioSelect)
    forecast_date = forms.DateField(required=False, label="Forecast date (optional)")
    actual_date = forms.DateField(required=False, label="Actual date (when done)")
    evidence = forms.CharField(required=False, widget=forms.Textarea, max_length=MAX_EVIDENCE,
                               label="Evidence (optional)")
    evidence_url = forms.URLField(required=False, max_length=MAX_URL, assume_scheme="https",
                                  label="Link to evidence (optional)")
    version = forms.IntegerField(min_value=1, max_value=10**9, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].widget = forms.RadioSelect()
        self.fields["status"].widget.choices = self.fields["status"].choices

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["evidence"] = data.get("evidence") or ""
        data["evidence_url"] = data.get("evidence_url") or ""
        return data


class RatingForm(GovukFormMixin, forms.Form):
    """A delivery confidence rating: one of the period's levels (radios) and a comment."""

    level = forms.ChoiceField(label="Delivery confidence", widget=forms.RadioSelect)
    comment = forms.CharField(required=False, widget=forms.Textarea, max_length=MAX_COMMENT,
                              label="Comment (optional)")
    version = forms.IntegerField(min_value=0, max_value=10**9, widget=forms.HiddenInput)

    def __init__(self, *args: Any, period: ReportingPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(level.pk), level.label) for level in levels(period)]
        field = self.fields["level"]
        field.choices = choices
        field.label = f"Delivery confidence for {period.label} ({period.scale.name})"
        field.widget = forms.RadioSelect()
        field.widget.choices = choices


class ScaleForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=MAX_SCALE_NAME, label="Name")
    levels = forms.CharField(
        widget=forms.Textarea, max_length=MAX_LEVELS * (MAX_LEVEL_LABEL + 1),
        label="Levels, one a line, most confident first",
        help_text=f"Between 2 and {MAX_LEVELS}, for example Green, Amber-green, Amber, "
                  "Amber-red, Red. Scores are spread evenly from 1 down to 0.")
    description = forms.CharField(required=False, widget=forms.Textarea,
                                  max_length=MAX_DESCRIPTION, label="Description (optional)")

    def values(self) -> dict[str, Any]:
        return {"name": self.cleaned_data["name"],
                "levels": [line.strip() for line in self.cleaned_data["levels"].splitlines()
                           if line.strip()],
                "description": self.cleaned_data.get("description") or ""}


class PeriodForm(GovukFormMixin, forms.Form):
    label = forms.CharField(max_length=MAX_PERIOD_LABEL, label="Name",
                            help_text="For example 2025-26 Q3.")
    starts_on = forms.DateField(label="First day")
    ends_on = forms.DateField(label="Last day")
    scale = forms.ModelChoiceField(queryset=ConfidenceScale.objects.order_by("name"),
                                   label="Confidence scale")
    #: The period's version when the form was opened (changing one): a change saved
    #: meanwhile is refused, not overwritten.
    version = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data
