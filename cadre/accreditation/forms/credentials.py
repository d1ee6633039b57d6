"""The scheme runners' form to change an award's status."""

from __future__ import annotations

from django import forms

from cadre.core.forms import GovukFormMixin
from cadre.core.inputs import REASON_TEXT

ACTION_LABELS = {
    "suspend": "Suspend it (it can be reinstated)",
    "reinstate": "Reinstate it",
    "renew": "Renew it for another renewal period",
    "revoke": "Revoke it (final)",
}


class AwardStatusForm(GovukFormMixin, forms.Form):
    action = forms.ChoiceField(widget=forms.RadioSelect, label="What to do")
    reason = forms.CharField(required=False, max_length=REASON_TEXT, label="Why",
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Needed to suspend or revoke; anyone checking the "
                                       "credential sees it.")

    def __init__(self, *args, actions: list[str], **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(a, ACTION_LABELS[a]) for a in actions]
