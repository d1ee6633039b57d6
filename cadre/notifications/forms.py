"""Forms: each account's choices per kind of message, and the outbox's filters."""

from __future__ import annotations

from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin
from cadre.notifications.kinds import all_kinds
from cadre.notifications.selectors import STATUS_FILTERS, KindChoice


class PreferencesForm(GovukFormMixin, forms.Form):
    """One radio group per kind of message the account may choose for (mandatory kinds
    have none: they are listed as always sent)."""

    def __init__(self, *args, kinds: list[KindChoice], **kwargs) -> None:  # noqa: ANN002, ANN003
        # The fields depend on the kinds, so they are this form's own, made before the
        # GOV.UK mixin turns them into radios.
        self.base_fields = {
            kind.key: forms.ChoiceField(
                label=kind.title, choices=kind.options, initial=kind.choice,
                help_text=("These only ever come in the weekly digest, at most one email "
                           "a week.") if kind.digest_only else "")
            for kind in kinds if not kind.mandatory}
        super().__init__(*args, **kwargs)


class OutboxFilterForm(FilterForm):
    to = forms.EmailField(required=False, max_length=254, label="To")
    kind = forms.ChoiceField(required=False, label="Kind of message")
    status = forms.ChoiceField(required=False, label="Status",
                               choices=[("", "Any status"), *STATUS_FILTERS.items()],
                               widget=forms.Select(attrs={"data-keep-select": "1"}))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Any kind of message"), *sorted(
            ((k.key, k.title) for k in all_kinds().values()), key=lambda c: c[1])]
        self.fields["kind"].widget = forms.Select(attrs={"class": "govuk-select"},
                                                  choices=self.fields["kind"].choices)
