from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin
from cadre.organisations.models import Organisation, OrganisationType


class OrganisationForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=200)
    abbreviation = forms.CharField(max_length=30)
    type = forms.ChoiceField(choices=OrganisationType.choices)
    parent = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), required=False, label="Parent organisation"
    )
    active_from = forms.DateField(required=False, widget=forms.DateInput)
    active_to = forms.DateField(required=False, widget=forms.DateInput)


class OrganisationFilterForm(FilterForm):
    q = forms.CharField(required=False, label="Search")
    type = forms.ChoiceField(
        required=False, choices=[("", "Any type"), *OrganisationType.choices]
    )

