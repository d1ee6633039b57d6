"""Forms for contractor rates: the filters of the figures pages and the pay range form
(GOV.UK components through ``GovukFormMixin``)."""

from __future__ import annotations

from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin
from cadre.learning.models import MAX_ANNUAL_PAY, MAX_ON_COST_PERCENT, MAX_PAY_RANGE_SOURCE
from cadre.organisations.models import Grade, Organisation
from cadre.people.models import Person


class BenchmarkFilter(FilterForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False,
        label="Organisation", to_field_name="abbreviation",
        help_text="Leave empty for contingent people across government.")

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # Open organisations, and a closed one while people are still recorded in it.
        self.fields["organisation"].queryset = Organisation.objects.open_or(
            Person.objects.values("organisation_id")).order_by("name")
        self.fields["organisation"].empty_label = "Across government"


class FamilyFilter(FilterForm):
    family = forms.TypedChoiceField(choices=(), coerce=int, required=False,
                                    label="Role family", empty_value=None)

    def __init__(self, *args, families: list[tuple[int, str]] = (), **kwargs) -> None:  # noqa: ANN002, ANN003
        # The choices are known only now, and the GOV.UK mixin picks radios or a select
        # from their number when the form is made: give this form its own field first.
        self.base_fields = {**type(self).base_fields, "family": forms.TypedChoiceField(
            choices=[("", "Every family"), *families], coerce=int, required=False,
            label="Role family", empty_value=None)}
        super().__init__(*args, **kwargs)


class VarianceFilter(FamilyFilter):
    by = forms.ChoiceField(choices=[("organisation", "Organisation"),
                                    ("supplier", "Supplier")],
                           required=False, label="Compare by", widget=forms.RadioSelect)


class NamedFilter(FilterForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="Organisation",
        to_field_name="abbreviation")

    def __init__(self, *args, organisations=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = "Every organisation you manage"


class PayRangeForm(GovukFormMixin, forms.Form):
    grade = forms.ModelChoiceField(queryset=Grade.objects.order_by("scheme", "rank"),
                                   label="Grade", empty_label="Choose a grade")
    minimum = forms.IntegerField(min_value=1, max_value=MAX_ANNUAL_PAY,
                                 label="Lowest annual pay, in whole pounds")
    maximum = forms.IntegerField(min_value=1, max_value=MAX_ANNUAL_PAY,
                                 label="Highest annual pay, in whole pounds")
    on_cost_percent = forms.DecimalField(
        min_value=0, max_value=MAX_ON_COST_PERCENT, decimal_places=2, max_digits=5,
        label="Employer on-costs, per cent of pay",
        help_text="National Insurance, pension and other employer costs, for example 27.5.")
    effective_from = forms.DateField(label="Takes effect from")
    source = forms.CharField(max_length=MAX_PAY_RANGE_SOURCE, required=False,
                             label="Source (optional)",
                             help_text="For example, the pay award the figures come from.")
