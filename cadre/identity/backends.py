"""The OpenID Connect authentication backend: mozilla-django-oidc's code exchange and
signature check, set up per provider, with the ID token's issuer, audience and lifetime
checked as well and the account found by ``services.account_for_claims``.
"""

from __future__ import annotations

import time
from typing import Any

import jwt
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from cadre.identity.errors import SignInRefused
from cadre.identity.providers import Provider

# Allowed clock difference between Cadre and a provider when checking token times.
LEEWAY_SECONDS = 60


def now() -> float:
    """The clock token lifetimes are checked against (a function so tests can move it)."""
    return time.time()


class ProviderBackend(OIDCAuthenticationBackend):
    """Signs in through the provider the callback names; ignores every other call."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Settings are per provider and applied in ``authenticate`` (not read here).
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()
        self.provider: Provider | None = None
        #: The verified ID token of the last sign-in, kept by the callback for sign-out.
        self.id_token: str | None = None

    def _configure(self, provider: Provider) -> None:
        metadata = provider.metadata()
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = metadata["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = metadata.get("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = metadata["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = provider.algorithm
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request: Any, provider: Provider | None = None,  # type: ignore[override]
                     **kwargs: Any) -> Any:
        if request is None or provider is None:
            return None
        self._configure(provider)
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload: str, key: Any) -> dict[str, Any]:
        """Signature (the library's key lookup), then issuer, audience and times."""
        try:
            header = jwt.get_unverified_header(payload)
        except jwt.InvalidTokenError as exc:
            raise SignInRefused("malformed_token", "The provider sent a token that "
                                "could not be read.") from exc
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SignInRefused("wrong_algorithm", "The provider's token is not signed "
                                "the way Cadre expects.")
        try:
            claims = jwt.decode(
                payload, key, algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID, issuer=self.provider.issuer,
                options={"verify_exp": False, "verify_iat": False, "verify_nbf": False,
                         "require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidSignatureError as exc:
            raise SignInRefused("bad_signature", "The provider's token failed its "
                                "signature check.") from exc
        except (jwt.InvalidAudienceError, jwt.InvalidIssuerError) as exc:
            raise SignInRefused("wrong_audience_or_issuer", "The provider's token was "
                                "not issued to Cadre by that provider.") from exc
        except jwt.InvalidTokenError as exc:
            raise SignInRefused("invalid_token", "The provider's token is not valid.") from exc
        azp = claims.get("azp")
        if azp is not None and azp != self.OIDC_RP_CLIENT_ID:
            raise SignInRefused("wrong_audience_or_issuer", "The provider's token was not "
                                "issued to Cadre.")
        moment = now()
        if float(claims["exp"]) < moment - LEEWAY_SECONDS:
            raise SignInRefused("expired_token", "The provider's sign-in token has expired.")
        if float(claims["iat"]) > moment + LEEWAY_SECONDS:
            raise SignInRefused("invalid_token", "The provider's token is dated in the "
                                "future.")
        return claims

    def store_tokens(self, access_token: str, id_token: str) -> None:
        """Keep the verified ID token on the backend (the callback puts it in the session
        after signing in, as the ``id_token_hint`` for ending the provider's session)."""
        self.id_token = id_token

    def retrieve_matching_jwk(self, token: str) -> Any:
        try:
            return super().retrieve_matching_jwk(token)
        except SuspiciousOperation as exc:
            raise SignInRefused("unknown_key", "The provider's token is signed with a "
                                "key the provider does not publish.") from exc

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        if not token:
            raise SignInRefused("no_id_token", "The provider sent no identity token.")
        nonce = kwargs.get("nonce")
        try:
            return super().verify_token(token, **kwargs)
        except SuspiciousOperation as exc:
            if nonce is not None:
                raise SignInRefused("wrong_nonce", "The provider's token does not belong "
                                    "to this sign-in.") from exc
            raise

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]
                     ) -> dict[str, Any]:
        """The verified ID token's claims; the userinfo endpoint only fills in an email
        the token lacks, and only for the same subject."""
        claims = dict(payload)
        if not claims.get("email") and self.OIDC_OP_USER_ENDPOINT:
            extra = super().get_userinfo(access_token, id_token, payload)
            if extra.get("sub") == claims.get("sub"):
                for name in ("email", "email_verified", "name"):
                    if name in extra:
                        claims[name] = extra[name]
        return claims

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]
                           ) -> Any:
        from cadre.identity.services import account_for_claims

        claims = self.get_userinfo(access_token, id_token, payload)
        return account_for_claims(provider=self.provider, claims=claims)

    def get_user(self, user_id: Any) -> Any:
        return ModelBackend.get_user(self, user_id)  # type: ignore[arg-type]

    def user_can_authenticate(self, user: Any) -> bool:
        return getattr(user, "is_active", False)
