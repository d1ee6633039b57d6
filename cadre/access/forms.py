from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.urls import reverse

from cadre.access import federation
from cadre.access.emails import normalise_email
from cadre.access.roles import Role
from cadre.core.forms import FilterForm, GovukFormMixin
from cadre.notifications.services import absolute_link, send_message
from cadre.organisations.models import Organisation


class SignInForm(GovukFormMixin, AuthenticationForm):
    username = forms.EmailField(label="Email address", widget=forms.EmailInput(
        attrs={"autocomplete": "email", "spellcheck": "false"}))

    def clean_username(self) -> str:
        """Sign in with the same spelling the account is stored and locked out under."""
        return normalise_email(self.cleaned_data.get("username"))

    def confirm_login_allowed(self, user: object) -> None:
        """Refuse a password where the account's organisation switched them off (ADR 29)."""
        super().confirm_login_allowed(user)
        if not federation.passwords_allowed(user):
            self.passwords_off = True
            raise forms.ValidationError(
                "Your organisation signs you in through its own sign-in service: enter "
                "your email address and leave the password empty.", code="passwords_off")


class GrantRoleForm(GovukFormMixin, forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False,
        help_text="Needed for heads of profession and learning leads.",
    )
    start_date = forms.DateField(required=False, widget=forms.DateInput)
    end_date = forms.DateField(required=False, widget=forms.DateInput)

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # A new role is for an organisation still in being (today: not a frozen import date).
        self.fields["organisation"].queryset = Organisation.objects.open()


class AccountForm(GovukFormMixin, forms.Form):
    email = forms.EmailField()
    display_name = forms.CharField(required=False, max_length=200)

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data.get("email"))


class PasswordEmailForm(GovukFormMixin, PasswordResetForm):
    """Asks for the email of the account that needs a password (a first one or a new one).

    Django's form skips accounts without a usable password; an account made by
    ``cadre access grant`` or the accounts page has none until its owner sets one here,
    so those are included. Inactive accounts still get nothing, and the page answers the
    same whether or not the email has an account.
    """

    email = forms.EmailField(label="Email address", max_length=254, widget=forms.EmailInput(
        attrs={"autocomplete": "email", "spellcheck": "false"}))

    def get_users(self, email: str):  # noqa: ANN201
        from cadre.access.models import User

        return User.objects.filter(email=normalise_email(email), is_active=True).iterator()

    def send_mail(self, subject_template_name: str, email_template_name: str,  # noqa: ARG002
                  context: dict, from_email: str | None, to_email: str,  # noqa: ARG002
                  html_email_template_name: str | None = None) -> None:  # noqa: ARG002
        """Send the link as the ``password_link`` message (the outbox or GOV.UK Notify,
        ADR 30) instead of Django's email. Django made the one-use token; the link is on
        the service's public address (``CADRE_SITE_URL``), not the address the request
        came to. Nothing is sent for an unknown or inactive address (``get_users``) and
        the page says the same either way."""
        path = reverse("access:password-set", kwargs={"uidb64": context["uid"],
                                                      "token": context["token"]})
        send_message(kind="password_link", to=to_email, recipient=context["user"],
                     personalisation={"link": absolute_link(path),
                                      "hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)})


class NewPasswordForm(GovukFormMixin, SetPasswordForm):
    """Choose a password (twice), checked by the project's password validators."""


class AccountFilterForm(FilterForm):
    q = forms.CharField(required=False, max_length=254, label="Search by email or name")
