"""Forms of the learning-record pages: a credential's label, the statements filter, and the
product a plan activity is done by."""

from __future__ import annotations

from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin
from cadre.learning.models import MAX_CREDENTIAL_LABEL


class CredentialForm(GovukFormMixin, forms.Form):
    label = forms.CharField(
        max_length=MAX_CREDENTIAL_LABEL, label="Label",
        help_text="Which system will use it, such as \"Learning platform, production\".")


class StatementFilterForm(FilterForm):
    provider = forms.ModelChoiceField(queryset=None, required=False, label="Provider")

    def __init__(self, *args, providers, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers.order_by("name")
        self.fields["provider"].empty_label = "Any provider"


class LinkForm(GovukFormMixin, forms.Form):
    """The product one plan activity is done by (none: not linked)."""

    product = forms.ModelChoiceField(queryset=None, required=False,
                                     label="Catalogue product")

    def __init__(self, *args, products, row: int, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        kwargs.setdefault("auto_id", f"id_%s_{row}")
        self.row = row
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products
        self.fields["product"].empty_label = "Not linked to a product"
        self.fields["product"].label_from_instance = (
            lambda p: f"{p.title} ({p.provider.name})")
