"""Forms for sign-in administration."""

from __future__ import annotations

from django import forms

from cadre.core.forms import FilterForm, GovukFormMixin


class SignInFilterForm(FilterForm):
    q = forms.CharField(required=False, max_length=200,
                        label="Search by organisation name or abbreviation")


class LocalPasswordsForm(GovukFormMixin, forms.Form):
    """Whether an organisation's people may sign in with a password held by Cadre."""

    ALLOWED = "allowed"
    OFF = "off"

    local_passwords = forms.ChoiceField(
        label="Can this organisation's people sign in with a Cadre password?",
        choices=[(ALLOWED, "Yes, local passwords are allowed"),
                 (OFF, "No, they sign in through their organisation's sign-in service")],
        help_text="Administrators can always sign in with their password, so there is a "
                  "way in if the sign-in service fails.",
    )
    #: Set by the confirmation page: the change has been checked and is wanted.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["local_passwords"].error_messages["required"] = (
            "Select whether local passwords are allowed")

    def allowed(self) -> bool:
        return self.cleaned_data["local_passwords"] == self.ALLOWED
