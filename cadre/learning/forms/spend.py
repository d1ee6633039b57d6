"""Forms for learning spend: the upload, the column mapping, the imports filter and the
review decisions."""

from __future__ import annotations

from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin, UploadForm
from cadre.learning.spend_columns import FIELDS, REQUIRED_FIELDS


class SpendUploadForm(UploadForm):
    organisation = forms.ModelChoiceField(queryset=None)
    field_order = ["organisation", "file"]

    def __init__(self, *args, organisations, max_bytes: int, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, max_bytes=max_bytes, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first().pk
        self.fields["file"].label = "Spend file (CSV or XLSX)"
        self.fields["file"].help_text = (
            "One line per payment: date, supplier and amount in pounds, and where you have "
            "them description, attendees, purchase order and cost centre. Any column "
            "headings: you match them in the next step.")


def field_choices() -> list[tuple[str, str]]:
    required = set(REQUIRED_FIELDS)
    return [("", "Ignore this column")] + [
        (name, f"{label} (required)" if name in required else label)
        for name, label in FIELDS.items()]


class SpendMappingForm(GovukFormMixin, forms.Form):
    """One select per file header (``column_0``...), and an optional name to save."""

    token = forms.CharField(widget=forms.HiddenInput)
    save_as = forms.CharField(
        required=False, max_length=100, label="Save this mapping as (optional)",
        help_text="For example 'default'; the 'default' mapping is offered first next time.")

    def __init__(self, *args, headers: list[str], initial_mapping: dict[str, str],
                 **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.headers = headers
        for position, header in enumerate(headers):
            self.fields[f"column_{position}"] = forms.ChoiceField(
                choices=field_choices(), required=False, label=header or f"Column {position + 1}",
                initial=initial_mapping.get(header, ""),
                widget=forms.Select(attrs={"class": "govuk-select"}))

    def header_fields(self) -> list[forms.BoundField]:
        return [self[f"column_{i}"] for i in range(len(self.headers))]

    def mapping(self) -> dict[str, str]:
        return {h: self.cleaned_data.get(f"column_{i}") or ""
                for i, h in enumerate(self.headers)}


class SpendImportFilterForm(FilterForm):
    organisation = forms.ModelChoiceField(queryset=None, required=False,
                                          empty_label="All your organisations")

    def __init__(self, *args, organisations, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


NOT_LEARNING = "none"


class SupplierDecisionForm(GovukFormMixin, forms.Form):
    """Which catalogue supplier a spend supplier name is, or none."""

    provider = forms.ChoiceField(label="Which catalogue supplier is it?",
                                 widget=forms.RadioSelect)

    def __init__(self, *args, providers, suggested_id: int | None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        choices = [(str(p.pk), p.name + (" (suggested)" if p.pk == suggested_id else ""))
                   for p in providers]
        choices.sort(key=lambda c: c[0] != str(suggested_id))
        choices.append((NOT_LEARNING, "It is not a learning supplier"))
        self.fields["provider"].choices = choices
        # The label is a question: say what to do in words, not "Choose which ... is it?".
        self.fields["provider"].error_messages.update(
            required="Choose the catalogue supplier it is, or that it is not a learning "
                     "supplier",
            invalid_choice="Choose a catalogue supplier from the list")
        if suggested_id:
            self.fields["provider"].initial = str(suggested_id)
        if len(choices) > 12:
            self.fields["provider"].widget = forms.Select(attrs={"class": "govuk-select"})

    def provider_id(self) -> int | None:
        value = self.cleaned_data["provider"]
        return None if value == NOT_LEARNING else int(value)


class DescriptionDecisionForm(GovukFormMixin, forms.Form):
    """Which of the supplier's products a spend description is, or none."""

    product = forms.ChoiceField(label="Which product is it?", widget=forms.RadioSelect)

    def __init__(self, *args, products, suggested_id: int | None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        choices = [(str(p.pk), p.title + (f" ({p.code})" if p.code else "")
                    + (" (suggested)" if p.pk == suggested_id else "")) for p in products]
        choices.sort(key=lambda c: c[0] != str(suggested_id))
        choices.append((NOT_LEARNING, "It is not a catalogue product"))
        self.fields["product"].choices = choices
        self.fields["product"].error_messages.update(
            required="Choose the product it is, or that it is not a catalogue product",
            invalid_choice="Choose a product from the list")
        if suggested_id:
            self.fields["product"].initial = str(suggested_id)
        if len(choices) > 12:
            self.fields["product"].widget = forms.Select(attrs={"class": "govuk-select"})

    def product_id(self) -> int | None:
        value = self.cleaned_data["product"]
        return None if value == NOT_LEARNING else int(value)
