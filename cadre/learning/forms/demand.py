"""Filters of the demand page and the lot chosen for a demand pack (query strings)."""

from __future__ import annotations

from django import forms

from cadre.core.forms import FilterForm
from cadre.organisations.models import Organisation
from cadre.people.models import Person


def _with_people():  # noqa: ANN202
    """Open organisations, and a closed one while people are still recorded in it."""
    return Organisation.objects.open_or(
        Person.objects.values("organisation_id")).order_by("name")


class DemandFilterForm(FilterForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          required=False, label="Organisation",
                                          empty_label="Any organisation")
    family = forms.ModelChoiceField(queryset=None, required=False, label="Skill family",
                                    empty_label="Any skill family",
                                    help_text="The skills a role family's roles require.")
    quarter_from = forms.ChoiceField(required=False, label="From quarter", choices=())
    quarter_to = forms.ChoiceField(required=False, label="To quarter", choices=())

    def __init__(self, *args, families=None, quarters=(), **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _with_people()
        self.fields["family"].queryset = families
        for name, first in (("quarter_from", "The earliest"), ("quarter_to", "The latest")):
            # Choices known only now: a select whatever their number (the mixin, which ran
            # before them, would have made radios of an empty list).
            field = self.fields[name]
            field.choices = [("", first), *quarters]
            field.widget = forms.Select(attrs={"class": "govuk-select"},
                                        choices=field.choices)

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("quarter_from"), data.get("quarter_to")
        if start and end and start > end:
            self.add_error("quarter_to", "The last quarter must not be before the first")
        return data


class PackForm(FilterForm):
    lot = forms.ModelChoiceField(queryset=None, required=False, label="Framework lot",
                                 empty_label="Choose a lot")
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          required=False, label="Organisation",
                                          empty_label="Every organisation")

    def __init__(self, *args, lots=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _with_people()
        self.fields["lot"].queryset = lots
        self.fields["lot"].empty_label = "Choose a lot"
        self.fields["organisation"].empty_label = "Every organisation"
