"""Forms for uploading an HR extract and mapping its columns."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from cadre.core.forms import FilterForm, GovukFormMixin, UploadForm
from cadre.organisations.models import Organisation
from cadre.workforce.columns import FIELDS, REQUIRED_FIELDS


class ExtractUploadForm(UploadForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    taken_on = forms.DateField(label="Date the extract was taken",
                               widget=forms.DateInput(format="%Y-%m-%d"),
                               help_text="People missing from it are marked as leaving on "
                                         "this date.")
    field_order = ["organisation", "file", "taken_on"]

    def __init__(self, *args, organisations, max_bytes: int, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        kwargs.setdefault("initial", {"taken_on": timezone.localdate()})
        super().__init__(*args, max_bytes=max_bytes, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first().pk
        self.fields["file"].label = "HR extract (CSV or XLSX)"
        self.fields["file"].help_text = (
            "Any column headings: you match them to Cadre's fields in the next step."
        )


def field_choices() -> list[tuple[str, str]]:
    required = set(REQUIRED_FIELDS)
    return [("", "Ignore this column")] + [
        (name, f"{label} (required)" if name in required else label)
        for name, label in FIELDS.items()
    ]


class MappingForm(GovukFormMixin, forms.Form):
    """One select per file header (``column_0``, ``column_1``…), and an optional name to save."""

    token = forms.CharField(widget=forms.HiddenInput)
    save_as = forms.CharField(
        required=False, max_length=100, label="Save this mapping as (optional)",
        help_text="For example 'default'; the 'default' mapping is offered first next time.",
    )

    def __init__(self, *args, headers: list[str], initial_mapping: dict[str, str],
                 **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.headers = headers
        for position, header in enumerate(headers):
            self.fields[f"column_{position}"] = forms.ChoiceField(
                choices=field_choices(), required=False, label=header,
                initial=initial_mapping.get(header, ""),
                widget=forms.Select(attrs={"class": "govuk-select"}),
            )

    def header_fields(self) -> list[forms.BoundField]:
        return [self[f"column_{i}"] for i in range(len(self.headers))]

    def mapping(self) -> dict[str, str]:
        return {h: self.cleaned_data.get(f"column_{i}") or ""
                for i, h in enumerate(self.headers)}


class ExtractFilterForm(FilterForm):
    """The extracts list's filter: one of the organisations the account manages."""

    organisation = forms.ModelChoiceField(queryset=None, required=False,
                                          empty_label="All organisations you manage")

    def __init__(self, *args, organisations, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
