from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from cadre.access.emails import normalise_email
from cadre.access.roles import Role
from cadre.core.forms import GovukFormMixin
from cadre.organisations.models import Organisation


class SignInForm(GovukFormMixin, AuthenticationForm):
    username = forms.EmailField(label="Email address", widget=forms.EmailInput(
        attrs={"autocomplete": "email", "spellcheck": "false"}))

    def clean_username(self) -> str:
        """Sign in with the same spelling the account is stored and locked out under."""
        return normalise_email(self.cleaned_data.get("username"))


class GrantRoleForm(GovukFormMixin, forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), required=False,
        help_text="Needed for heads of profession and learning leads.",
    )
    start_date = forms.DateField(required=False, widget=forms.DateInput)
    end_date = forms.DateField(required=False, widget=forms.DateInput)


class AccountForm(GovukFormMixin, forms.Form):
    email = forms.EmailField()
    display_name = forms.CharField(required=False, max_length=200)

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data.get("email"))
