"""A real OpenID Connect provider on loopback for the sign-in tests.

django-oauth-toolkit's provider, configured here as a tiny Django site of its own and run
in a child process (it cannot share Cadre's settings): ``python -m
cadre.identity.tests.oidc_provider --dir TMP --redirect-uri URL --user EMAIL:PASSWORD``.
It makes its SQLite database in ``--dir``, registers one confidential client
(``cadre-test`` / ``cadre-test-secret``, PKCE required, RS256 ID tokens), signs people in
with a plain username and password form, ends their session at its end-session endpoint
(RP-Initiated Logout, ``/o/logout/``, returning to a ``--post-logout-uri``), says who is
signed in to it at ``/whoami/``, and prints ``READY <port>`` once it listens on 127.0.0.1.
"""

from __future__ import annotations

import argparse
from pathlib import Path

CLIENT_ID = "cadre-test"
CLIENT_SECRET = "cadre-test-secret"  # noqa: S105 - a loopback test provider's client

LOGIN_TEMPLATE = """<!doctype html><html><head><title>Test provider sign-in</title></head>
<body><h1>Test identity provider</h1>
<form method="post">{% csrf_token %}
<input type="hidden" name="next" value="{{ next }}">
<label for="id_username">Username</label>{{ form.username }}
<label for="id_password">Password</label>{{ form.password }}
<button type="submit">Sign in to the provider</button></form></body></html>"""

# django-oauth-toolkit's page asking whether to sign out (or saying why it cannot).
LOGOUT_TEMPLATE = """<!doctype html><html><head><title>Test provider sign-out</title></head>
<body><h1>Sign out of the test identity provider?</h1>
{% if error %}<p id="error">{{ error.error }}: {{ error.description }}</p>{% else %}
<form method="post">{% csrf_token %}{% for field in form %}{% if field.is_hidden %}{{ field }}
{% endif %}{% endfor %}<button type="submit" name="allow" value="1">Sign out</button>
</form>{% endif %}</body></html>"""


def configure(directory: Path) -> None:
    """Settings for the provider site: auth, sessions and django-oauth-toolkit."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.conf import settings

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    settings.configure(
        DEBUG=False,
        SECRET_KEY="loopback-test-provider-only",  # noqa: S106
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes",
                        "django.contrib.sessions", "oauth2_provider"],
        MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware",
                    "django.middleware.csrf.CsrfViewMiddleware",
                    "django.contrib.auth.middleware.AuthenticationMiddleware"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                               "NAME": str(directory / "provider.sqlite3")}},
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                    "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {
                        "registration/login.html": LOGIN_TEMPLATE,
                        "oauth2_provider/logout_confirm.html": LOGOUT_TEMPLATE})],
                        "context_processors": ["django.template.context_processors.csrf"]}}],
        LOGIN_URL="/accounts/login/",
        # Cookies are per host, not per port: keep clear of Cadre's on the same 127.0.0.1.
        SESSION_COOKIE_NAME="provider_sessionid",
        CSRF_COOKIE_NAME="provider_csrftoken",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        USE_TZ=True,
        OAUTH2_PROVIDER={
            "OIDC_ENABLED": True,
            "OIDC_RSA_PRIVATE_KEY": pem,
            "PKCE_REQUIRED": True,
            "SCOPES": {"openid": "OpenID Connect", "email": "Email address",
                       "profile": "Name"},
            "OAUTH2_VALIDATOR_CLASS": f"{__name__}.EmailClaims",
            "ID_TOKEN_EXPIRE_SECONDS": 300,
            # RP-Initiated Logout: with a valid id_token_hint for the person signed in
            # here, sign out at once and go back to the registered post-logout URI.
            "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
            "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
        },
    )


def _validator_class() -> type:
    from oauth2_provider.oauth2_validators import OAuth2Validator

    class EmailClaims(OAuth2Validator):
        """Adds email, email_verified and name; usernames starting ``unverified`` say
        their email is not verified, and those starting ``entra`` send Microsoft Entra
        ID's ``xms_edov`` instead of ``email_verified``."""

        # Claims outside this map are left out of tokens: xms_edov comes with "email".
        oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "xms_edov": "email"}

        def get_additional_claims(self, request):  # noqa: ANN001, ANN201
            user = request.user
            claims = {"email": user.email, "name": user.get_full_name() or user.username}
            if user.username.startswith("entra"):
                claims["xms_edov"] = True
            else:
                claims["email_verified"] = not user.username.startswith("unverified")
            return claims

    return EmailClaims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--redirect-uri", action="append", required=True)
    parser.add_argument("--post-logout-uri", action="append", default=[])
    parser.add_argument("--user", action="append", default=[], help="USERNAME:PASSWORD[:EMAIL]")
    args = parser.parse_args()
    configure(args.dir)

    import django

    django.setup()
    globals()["EmailClaims"] = _validator_class()

    from django.contrib.auth import views as auth_views
    from django.http import HttpResponse
    from django.urls import include, path

    def whoami(request):  # noqa: ANN001, ANN202
        user = request.user
        return HttpResponse(user.username if user.is_authenticated else "",
                            content_type="text/plain")

    globals()["urlpatterns"] = [
        path("accounts/login/", auth_views.LoginView.as_view()),
        path("whoami/", whoami),
        path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    ]

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0, interactive=False)
    for spec in args.user:
        username, password, *email = spec.split(":")
        User.objects.create_user(username=username, password=password,
                                 email=email[0] if email else username)
    Application.objects.create(
        name="Cadre", client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(args.redirect_uri),
        post_logout_redirect_uris=" ".join(args.post_logout_uri),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    server.set_app(get_wsgi_application())
    print(f"READY {server.server_address[1]}", flush=True)
    server.serve_forever()  # until the test session terminates the process


if __name__ == "__main__":
    main()
