"""Sign-in through an identity provider: the redirect to it (from the sign-in page), the
callback from it, and where sign-out sends the browser (the provider's end-session
endpoint, when it has one). Every refusal shows a page saying why and is audited. Also the
administrators' pages for switching local passwords off per organisation."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import requests
from django.conf import settings
from django.contrib import auth, messages
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from cadre.access.federation import SIGN_IN_PROVIDER
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.forms import querystring_without_page, status_for
from cadre.identity import selectors, services
from cadre.identity.backends import ProviderBackend
from cadre.identity.errors import SignInRefused
from cadre.identity.forms import LocalPasswordsForm, SignInFilterForm
from cadre.identity.providers import (
    Provider,
    ProviderUnavailable,
    all_providers,
    provider_by_key,
    provider_for_email,
)

logger = logging.getLogger(__name__)

# Session key: state -> provider key, for the sign-ins this browser has started.
STATES = "identity_states"
# Session key: the ID token of the provider sign-in (the ``id_token_hint`` at sign-out).
ID_TOKEN = "identity_id_token"  # noqa: S105 - a session key, not a secret
BACKEND = "cadre.identity.backends.ProviderBackend"


class _ProviderRequest(OIDCAuthenticationRequestView):
    """mozilla-django-oidc's authorisation request (state, nonce and PKCE kept in the
    session), pointed at one provider."""

    def __init__(self, provider: Provider, email: str) -> None:
        self.provider = provider
        self.email = email
        self.OIDC_OP_AUTH_ENDPOINT = provider.metadata()["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = provider.client_id

    def get_settings(self, attr: str, *args: Any) -> Any:  # type: ignore[override]
        if attr == "OIDC_RP_SCOPES":
            return self.provider.scopes
        return import_from_settings(attr, *args)

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        return {"login_hint": self.email}


def start(request: HttpRequest, email: str, next_url: str) -> HttpResponse | None:
    """Send the browser to the provider serving ``email``; None when no provider does."""
    provider = provider_for_email(email)
    if provider is None:
        return None
    try:
        response = _ProviderRequest(provider, email).get(request)
    except ProviderUnavailable as exc:
        return _refuse(request, provider, "provider_unavailable",
                       f"Cadre cannot reach {provider.name} at the moment. Try again later.",
                       detail=str(exc), status=503)
    state = parse_qs(urlparse(response["Location"]).query)["state"][0]
    started = request.session.get(STATES) or {}
    started = dict(list(started.items())[-(settings.OIDC_MAX_STATES - 1):])
    started[state] = provider.key
    request.session[STATES] = started
    safe = next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    request.session["oidc_login_next"] = next_url if safe else None
    return response


def callback(request: HttpRequest) -> HttpResponse:
    """Where the provider sends the browser back: check the state, exchange the code
    (with the PKCE verifier), verify the ID token and its nonce, sign the account in."""
    state = request.GET.get("state", "")
    provider_key = (request.session.get(STATES) or {}).get(state)
    pending = (request.session.get("oidc_states") or {}).get(state)
    provider = provider_by_key(provider_key) if provider_key else None
    if not state or pending is None or provider is None:
        return _refuse(request, provider, "state_mismatch",
                       "This sign-in did not start in this browser, or it has already been "
                       "used. Start again from the sign-in page.")
    # One use only: forget the state before anything else happens.
    del request.session["oidc_states"][state]
    del request.session[STATES][state]
    request.session.modified = True
    if request.GET.get("error"):
        return _refuse(request, provider, "provider_error",
                       f"{provider.name} did not sign you in.",
                       detail=request.GET.get("error", "")[:100])
    if not request.GET.get("code"):
        return _refuse(request, provider, "no_code", f"{provider.name} sent no sign-in code.")
    backend = ProviderBackend()
    try:
        user = backend.authenticate(
            request, provider=provider, nonce=pending.get("nonce"),
            code_verifier=pending.get("code_verifier"))
    except SignInRefused as exc:
        return _refuse(request, provider, exc.reason, exc.message)
    except (requests.RequestException, ProviderUnavailable) as exc:
        return _refuse(request, provider, "provider_unavailable",
                       f"Cadre could not complete your sign-in with {provider.name}. "
                       "Try again later.", detail=str(exc)[:300], status=503)
    except SuspiciousOperation as exc:
        return _refuse(request, provider, "invalid_token",
                       f"{provider.name} sent a sign-in that Cadre cannot accept.",
                       detail=str(exc)[:300])
    if user is None or not user.is_active:
        return _refuse(request, provider, "no_account", "Cadre could not sign you in.")
    next_url = request.session.get("oidc_login_next")
    setattr(request, SIGN_IN_PROVIDER, provider.key)
    auth.login(request, user, backend=BACKEND)
    request.session[SIGN_IN_PROVIDER] = provider.key
    if backend.id_token:
        request.session[ID_TOKEN] = backend.id_token
    return HttpResponseRedirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


def sign_out_redirect(request: HttpRequest) -> str | None:
    """Where signing out sends the browser, worked out before the session ends: the
    end-session endpoint of the provider the account signed in through (OpenID Connect
    RP-Initiated Logout), with the sign-in's ID token as ``id_token_hint`` (or Cadre's
    ``client_id`` when none was kept) and Cadre's signed-out page as
    ``post_logout_redirect_uri``. None (the signed-out page directly) after a password
    sign-in, for a provider whose discovery document names no ``end_session_endpoint``,
    or when the provider cannot be reached."""
    key = request.session.get(SIGN_IN_PROVIDER)
    provider = provider_by_key(key) if key else None
    if provider is None:
        return None
    try:
        endpoint = provider.metadata().get("end_session_endpoint")
    except ProviderUnavailable as exc:
        logger.warning("Signing out without ending the provider's session: %s", exc)
        return None
    if not endpoint or urlparse(endpoint).scheme not in ("https", "http"):
        return None
    params = {"post_logout_redirect_uri": request.build_absolute_uri(
        reverse("access:signed-out"))}
    id_token = request.session.get(ID_TOKEN)
    if id_token:
        params["id_token_hint"] = id_token
    else:
        params["client_id"] = provider.client_id
    return endpoint + ("&" if urlparse(endpoint).query else "?") + urlencode(params)


def _refuse(request: HttpRequest, provider: Provider | None, reason: str, message: str,
            *, detail: str = "", status: int = 403) -> HttpResponse:
    name = provider.name if provider else "an identity provider"
    record_event(
        actor=None, action=AuditEvent.Action.SIGN_IN_FAILED,
        summary=f"Sign-in through {name} refused: {reason}",
        data={"provider": provider.key if provider else "", "reason": reason,
              "detail": detail}, ip_address=request.META.get("REMOTE_ADDR"),
    )
    return render(request, "identity/sign_in_refused.html",
                  {"message": message, "provider": provider, "reason": reason},
                  status=status)


def sign_in_rules(request: HttpRequest) -> HttpResponse:
    """Administrators: every organisation and whether its people may use local passwords."""
    form = SignInFilterForm(request.GET)
    organisations = selectors.organisations_with_sign_in(
        search=(form.value("q") or "").strip())
    page = Paginator(organisations, 50).get_page(form.page_number())
    return render(request, "identity/sign_in_rules.html", {
        "form": form, "page_obj": page, "querystring": querystring_without_page(request.GET),
        "providers": all_providers(),
    }, status=status_for(form))


def sign_in_rule(request: HttpRequest, pk: int) -> HttpResponse:
    """Administrators: switch local passwords off (or back on) for one organisation, after
    a confirmation page saying whom it touches."""
    organisation = selectors.organisation_with_sign_in(pk)
    if organisation is None:
        raise Http404("No such organisation.")
    allowed_now = not organisation.passwords_off
    form = LocalPasswordsForm(request.POST if request.method == "POST" else None, initial={
        "local_passwords": LocalPasswordsForm.ALLOWED if allowed_now else LocalPasswordsForm.OFF})
    context = {"organisation": organisation, "form": form, "allowed_now": allowed_now}
    if request.method == "POST" and form.is_valid():
        allowed = form.allowed()
        if allowed == allowed_now:
            messages.info(request, f"Nothing changed: local passwords were already "
                          f"{'allowed' if allowed else 'switched off'} for "
                          f"{organisation.name}.")
            return redirect("identity:organisations")
        if not form.cleaned_data["confirmed"]:
            return render(request, "identity/sign_in_rule_confirm.html", {
                **context, "allowed": allowed,
                "holders": selectors.password_holders(organisation)})
        try:
            services.set_local_passwords(actor=request.user, organisation=organisation,
                                         allowed=allowed)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Local passwords are now "
                             f"{'allowed' if allowed else 'switched off'} for "
                             f"{organisation.name}.")
            return redirect("identity:organisations")
    return render(request, "identity/sign_in_rule.html", context, status=status_for(form))
