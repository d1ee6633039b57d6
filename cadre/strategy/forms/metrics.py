"""Forms for strategy metrics (GOV.UK components through ``GovukFormMixin``): a metric
definition, a value, and the period to compute. Numbers are typed as text and checked by
the services against the metric's unit, so the page, API and command line give the same
messages."""

from __future__ import annotations

from typing import Any

from django import forms

from cadre.core.forms import GovukDateField, GovukFormMixin
from cadre.organisations.models import Organisation
from cadre.strategy.models import (
    MAX_METRIC_KEY,
    MAX_METRIC_METHOD,
    MAX_METRIC_NAME,
    MAX_PERIOD_LABEL,
    MAX_VALUE_NOTE,
    MetricDefinition,
)
from cadre.strategy.selectors import metric_sources

GOVERNMENT_CHOICE = "government"
PERIOD_HINT = ('A financial year such as "2025-26", a quarter such as "2025 Q3" or a month '
               'such as "2025-10", as the metric\'s frequency says.')
NUMBER = 30


class DefinitionForm(GovukFormMixin, forms.Form):
    key = forms.CharField(max_length=MAX_METRIC_KEY, label="Key",
                          help_text="Lower-case letters and digits joined by hyphens, such as "
                                    "'contingent-labour-share'. Other systems use it, so it "
                                    "never changes.")
    name = forms.CharField(max_length=MAX_METRIC_NAME, label="Name")
    unit = forms.ChoiceField(choices=MetricDefinition.Unit.choices, label="Unit",
                             widget=forms.RadioSelect)
    direction = forms.ChoiceField(choices=MetricDefinition.Direction.choices,
                                  label="Which way is better", widget=forms.RadioSelect)
    frequency = forms.ChoiceField(choices=MetricDefinition.Frequency.choices,
                                  label="How often it is measured", widget=forms.RadioSelect)
    source = forms.ChoiceField(choices=MetricDefinition.Source.choices,
                               label="Where its values come from", widget=forms.RadioSelect)
    source_key = forms.ChoiceField(
        required=False, label="Computed from",
        help_text="For a computed metric: the measure Cadre works out from its own data.")
    baseline_value = forms.CharField(max_length=NUMBER, required=False, label="Baseline value")
    baseline_period = forms.CharField(max_length=MAX_PERIOD_LABEL, required=False,
                                      label="Baseline period", help_text=PERIOD_HINT)
    target_value = forms.CharField(max_length=NUMBER, required=False, label="Target value")
    target_date = GovukDateField(required=False, label="Target date")
    owner = forms.ModelChoiceField(queryset=Organisation.objects.order_by("name"),
                                   required=False, label="Owner organisation")
    method = forms.CharField(max_length=MAX_METRIC_METHOD, required=False,
                             label="Method", widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="How the value is worked out, in words.")
    agreed = forms.BooleanField(required=False,
                                label="Part of the agreed set (published to everyone "
                                      "signed in)")
    #: The definition's version when the form was opened (editing only): a change saved
    #: meanwhile is refused, not overwritten with this form's older values.
    version = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Not computed: values are entered")] + sorted(
            ((key, source.name) for key, source in metric_sources.SOURCES.items()),
            key=lambda c: c[1])
        self.fields["source_key"].choices = choices
        self.fields["source_key"].widget = forms.Select(attrs={"class": "govuk-select"},
                                                        choices=choices)
        if editing:
            del self.fields["key"]
        else:
            del self.fields["version"]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["owner"] = data.get("owner")
        return data


class ValueForm(GovukFormMixin, forms.Form):
    organisation = forms.ChoiceField(label="Organisation")
    period = forms.CharField(max_length=MAX_PERIOD_LABEL, label="Period", help_text=PERIOD_HINT)
    value = forms.CharField(max_length=NUMBER, label="Value")
    numerator = forms.CharField(max_length=NUMBER, required=False, label="Numerator",
                                help_text="For a share: the count it is a share of.")
    denominator = forms.CharField(max_length=NUMBER, required=False, label="Denominator")
    people = forms.CharField(max_length=12, required=False, label="Number of people",
                             help_text="How many people the value rests on, if it rests on "
                                       "people. From 1 to 4 the value is hidden.")
    note = forms.CharField(max_length=MAX_VALUE_NOTE, required=False, label="Note",
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="Where the value comes from.")

    def __init__(self, *args: Any, organisations: list[Organisation], government: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Choose an organisation")]
        if government:
            choices.append((GOVERNMENT_CHOICE, "Whole of government"))
        choices += [(str(o.pk), o.name) for o in organisations]
        field = self.fields["organisation"]
        field.choices = choices
        field.widget = forms.Select(attrs={"class": "govuk-select"}, choices=choices)
        self.allowed = {str(o.pk): o for o in organisations}

    def chosen_organisation(self) -> Organisation | None:
        chosen = self.cleaned_data["organisation"]
        return None if chosen == GOVERNMENT_CHOICE else self.allowed[chosen]


class ComputeForm(GovukFormMixin, forms.Form):
    period = forms.CharField(max_length=MAX_PERIOD_LABEL, label="Period to compute",
                             help_text=PERIOD_HINT)
