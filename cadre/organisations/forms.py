from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin
from cadre.organisations.models import (
    MAX_ABBREVIATION,
    MAX_CHANGE_NOTE,
    MAX_ORGANISATION_NAME,
    ChangeKind,
    Organisation,
    OrganisationType,
)


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



class FormerNameForm(GovukFormMixin, forms.Form):
    """A name the organisation was known by (services check the limits again)."""

    name = forms.CharField(max_length=MAX_ORGANISATION_NAME, label="Former name")
    abbreviation = forms.CharField(max_length=MAX_ABBREVIATION, required=False,
                                   label="Abbreviation used then (optional)")
    valid_from = forms.DateField(required=False, label="First used (optional)",
                                 help_text="For example, 28 6 2007")
    valid_to = forms.DateField(required=False, label="Last used until (optional)",
                               help_text="The day the next name began, for example 12 5 2010")


class ChangeForm(GovukFormMixin, forms.Form):
    """A machinery-of-government change, with this organisation as the one that changed."""

    kind = forms.ChoiceField(choices=ChangeKind.choices, label="What happened")
    date = forms.DateField(label="Date of the change")
    successor = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"), required=False,
        label="Organisation that took over (not needed for a closure)")
    note = forms.CharField(required=False, widget=forms.Textarea, max_length=MAX_CHANGE_NOTE,
                           label="Note (optional)",
                           help_text="For example, which functions moved.")

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = Organisation.objects.exclude(
            pk=organisation.pk).order_by("name")


class ChangesFilterForm(FilterForm):
    """The list of changes has no filters, only pages (``?page=``)."""
