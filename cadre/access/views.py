"""Sign-in, sign-out and account administration pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone

from cadre.access import federation, selectors, services
from cadre.access.emails import normalise_email
from cadre.access.forms import (
    AccountFilterForm,
    AccountForm,
    GrantRoleForm,
    NewPasswordForm,
    PasswordEmailForm,
    SignInForm,
)
from cadre.access.models import RoleAssignment
from cadre.core.forms import add_validation_errors, querystring_without_page, status_for


class SignInView(auth_views.LoginView):
    """Email and password; an email whose domain belongs to an identity provider with
    the password left empty goes to that provider instead (ADR 29)."""

    template_name = "access/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        email = normalise_email(request.POST.get("username"))
        if email and not request.POST.get("password"):
            response = federation.route(request, email, self.get_redirect_url())
            if response is not None:
                return response
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs: object) -> dict:
        return {**super().get_context_data(**kwargs), "providers": federation.available()}


class PasswordEmailView(auth_views.PasswordResetView):
    """Step 1: send a link for setting a password to the account's email, as the
    ``password_link`` message (``PasswordEmailForm.send_mail``)."""

    template_name = "access/password_email.html"
    form_class = PasswordEmailForm
    success_url = reverse_lazy("access:password-email-sent")


class PasswordEmailSentView(auth_views.PasswordResetDoneView):
    template_name = "access/password_email_sent.html"


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """Step 2: the link from the email; choose a password."""

    template_name = "access/password_set.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("access:password-set-done")


class PasswordSetDoneView(auth_views.PasswordResetCompleteView):
    template_name = "access/password_set_done.html"


class SignOutView(auth_views.LogoutView):
    """Ends the Cadre session (audited with the provider by ``signals``); after a sign-in
    through a provider with an end-session endpoint, the browser goes on there so the
    provider's session ends too and it sends the browser back to the signed-out page."""

    http_method_names = ["post", "options"]

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        provider_exit = (federation.sign_out_url(request)
                         if request.user.is_authenticated else None)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_exit) if provider_exit else response


def signed_out(request: HttpRequest) -> HttpResponse:
    """Says the account has signed out, with a way back in (where sign-out leads)."""
    return render(request, "access/signed_out.html")


def account_list(request: HttpRequest) -> HttpResponse:
    form = AccountFilterForm(request.GET)
    accounts = selectors.account_list(search=(form.value("q") or "").strip())
    page = Paginator(accounts, 50).get_page(form.page_number())
    return render(request, "access/accounts.html", {
        "form": form, "page_obj": page, "querystring": querystring_without_page(request.GET),
    }, status=status_for(form))


def account_create(request: HttpRequest) -> HttpResponse:
    form = AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, created = services.get_or_create_account(actor=request.user, **form.cleaned_data)
        if created:
            messages.success(request, f"Account {user.email} created.")
        else:
            messages.info(request, f"{user.email} already had an account.")
        return redirect("access:account", pk=user.pk)
    return render(request, "access/account_form.html", {"form": form})


def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = selectors.account_detail(pk)
    if user is None:
        raise Http404("No such account.")
    form = GrantRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_role(user=user, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Role granted to {user.email}.")
            return redirect("access:account", pk=user.pk)
    today = timezone.localdate()
    return render(request, "access/account.html", {
        "account": user, "form": form, "assignments": selectors.role_history(user),
        "today": today,
    })


def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = RoleAssignment.objects.select_related("user").filter(pk=pk).first()
    if assignment is None:
        raise Http404("No such role assignment.")
    if request.method == "POST":
        services.revoke_role(assignment=assignment, actor=request.user)
        messages.success(request, f"{assignment} revoked for {assignment.user.email}.")
    return redirect("access:account", pk=assignment.user_id)


def account_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    user = selectors.account_detail(pk)
    if user is None:
        raise Http404("No such account.")
    if request.method == "POST":
        active = request.POST.get("active") == "1"
        if user.pk == request.user.pk and not active:
            messages.error(request, "You cannot deactivate your own account.")
        else:
            services.set_account_active(user=user, active=active, actor=request.user)
            messages.success(request, f"{user.email} {'reactivated' if active else 'deactivated'}.")
    return redirect("access:account", pk=user.pk)
