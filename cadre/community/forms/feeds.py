"""The calendar pages' button forms: which button was pressed."""

from __future__ import annotations

from typing import Any

from django import forms

from cadre.core.forms import GovukFormMixin

_CHOOSE = "Choose whether to create or revoke your feed"


class PersonalFeedForm(GovukFormMixin, forms.Form):
    action = forms.ChoiceField(
        choices=[("create", "Create or replace the feed"), ("revoke", "Revoke the feed")],
        widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The buttons post the value; there is no box to choose in, so say what to do.
        self.fields["action"].error_messages.update(required=_CHOOSE, invalid_choice=_CHOOSE)


class ReplaceKeyForm(GovukFormMixin, forms.Form):
    action = forms.ChoiceField(choices=[("replace", "Replace the address")],
                               widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        message = "Choose Replace the address to replace it"
        self.fields["action"].error_messages.update(required=message, invalid_choice=message)
