"""Django settings for Cadre, read from the environment.

Development defaults (an SQLite file under ``var/``, DEBUG on) apply unless
``CADRE_ENV=production``, in which case the service refuses to start with
DEBUG on. Whenever DEBUG is off (production or not) it refuses to start without
a real secret key, from ``DJANGO_SECRET_KEY`` or the file ``DJANGO_SECRET_KEY_FILE``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CADRE_VAR_DIR", BASE_DIR / "var"))

DEV_SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


ENVIRONMENT = os.environ.get("CADRE_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = _env_bool("DJANGO_DEBUG", not PRODUCTION)


def _secret_key() -> str:
    """DJANGO_SECRET_KEY, else the contents of DJANGO_SECRET_KEY_FILE, else the development key."""
    if os.environ.get("DJANGO_SECRET_KEY"):
        return os.environ["DJANGO_SECRET_KEY"]
    key_file = os.environ.get("DJANGO_SECRET_KEY_FILE")
    if key_file:
        try:
            return Path(key_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"Refusing to start: cannot read DJANGO_SECRET_KEY_FILE {key_file}: {exc}"
            ) from exc
    return DEV_SECRET_KEY


SECRET_KEY = _secret_key()

if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("Refusing to start: DEBUG is on in production.")
if not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "Refusing to start: DEBUG is off, so set DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) "
        "to a random value of 32+ characters; the development key is public."
    )

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "crispy_forms",
    "crispy_forms_gds",
    # Cadre apps, lowest layer first (see docs/architecture.md).
    "cadre.core",
    "cadre.organisations",
    "cadre.framework",
    "cadre.audit",
    "cadre.jobs",
    "cadre.notifications",
    "cadre.access",
    "cadre.people",
    "cadre.identity",
    "cadre.assessments",
    "cadre.workforce",
    "cadre.mobility",
    "cadre.talent",
    "cadre.bench",
    "cadre.planning",
    "cadre.calendars",
    "cadre.programmes",
    "cadre.accreditation",
    "cadre.learning",
    "cadre.community",
    "cadre.recruitment",
    "cadre.strategy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "cadre.access.middleware.PermissionMapMiddleware",
    "cadre.core.middleware.TransitionConflictMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# Every URL name and the rule that guards it; read by cadre.access.permission_map.
CADRE_PERMISSION_MAP = "config.permissions.PERMISSION_MAP"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cadre.access.context_processors.navigation",
                "cadre.core.context_processors.layout",
            ],
        },
    },
]

# Forms render as GOV.UK Design System components through crispy-forms-gds (ADR 22).
CRISPY_ALLOWED_TEMPLATE_PACKS = ("gds",)
CRISPY_TEMPLATE_PACK = "gds"
# Selects written in Python, not one template per option (cadre/core/form_renderer.py).
FORM_RENDERER = "cadre.core.form_renderer.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'cadre.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    # SQLite as an embedded server (docs/performance.md, "Concurrent clients"): WAL lets
    # readers run beside the one writer; IMMEDIATE takes the write lock when a transaction
    # starts, so a transaction never fails trying to upgrade a read lock; writers queue
    # for up to CADRE_SQLITE_TIMEOUT seconds (the busy timeout) instead of failing.
    DATABASES["default"]["OPTIONS"].update({
        "timeout": float(os.environ.get("CADRE_SQLITE_TIMEOUT", "20")),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
    DATABASES["default"]["TEST"] = {"NAME": None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "access.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # OpenID Connect sign-in: answers only the identity callback (ADR 29).
    "cadre.identity.backends.ProviderBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "access:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "access:signed-out"

# OpenID Connect sign-in (cadre/identity, ADR 29; docs/deployment.md). CADRE_OIDC_PROVIDERS
# names the providers (comma-separated keys); each key K reads CADRE_OIDC_<K>_ISSUER,
# _CLIENT_ID, _CLIENT_SECRET, _DOMAINS (the email domains it serves, comma-separated) and
# optionally _NAME and _SCOPES. Endpoints and keys come from the issuer's discovery document.
CADRE_OIDC_PROVIDERS = {
    _key.strip().lower(): {
        _field: os.environ.get(f"CADRE_OIDC_{_key.strip().upper()}_{_field.upper()}", "")
        for _field in ("name", "issuer", "client_id", "client_secret", "domains", "scopes")
    }
    for _key in os.environ.get("CADRE_OIDC_PROVIDERS", "").split(",") if _key.strip()
}
OIDC_AUTHENTICATION_CALLBACK_URL = "identity:callback"
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = float(os.environ.get("CADRE_OIDC_TIMEOUT", "10"))
OIDC_MAX_STATES = 10

# Messages to people (cadre/notifications, ADR 30): "outbox" (the default) keeps every
# message in the database; "notify" sends through GOV.UK Notify with CADRE_NOTIFY_API_KEY
# and one template per message kind (CADRE_NOTIFY_TEMPLATE_<KIND>, e.g. ..._ROUND_WAITING).
# CADRE_SITE_URL is the service's public address, for links in messages.
CADRE_SITE_URL = os.environ.get("CADRE_SITE_URL", "http://127.0.0.1:8000")
CADRE_NOTIFICATIONS_BACKEND = os.environ.get("CADRE_NOTIFICATIONS_BACKEND", "outbox").strip()
CADRE_NOTIFY_API_KEY = os.environ.get("CADRE_NOTIFY_API_KEY", "")
CADRE_NOTIFY_BASE_URL = os.environ.get("CADRE_NOTIFY_BASE_URL",
                                       "https://api.notifications.service.gov.uk")
CADRE_NOTIFY_TIMEOUT = float(os.environ.get("CADRE_NOTIFY_TIMEOUT", "10"))
CADRE_NOTIFY_TEMPLATES = {
    _name.removeprefix("CADRE_NOTIFY_TEMPLATE_").lower(): _value
    for _name, _value in os.environ.items() if _name.startswith("CADRE_NOTIFY_TEMPLATE_")
}

# Django email. Password links no longer use it: they are the password_link message
# (cadre/notifications, above), with links on CADRE_SITE_URL. The console backend prints
# anything else sent until CADRE_EMAIL_BACKEND names a real one (for example
# django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST and EMAIL_PORT).
# PASSWORD_RESET_TIMEOUT is how long a password link works (seconds, default 3 days).
EMAIL_BACKEND = os.environ.get("CADRE_EMAIL_BACKEND",
                               "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("CADRE_FROM_EMAIL", "cadre@localhost")
PASSWORD_RESET_TIMEOUT = int(os.environ.get("CADRE_PASSWORD_LINK_SECONDS", str(3 * 24 * 3600)))

# Failed sign-ins (cadre/access/lockout.py), counted over 15 minutes: 5 failures for one
# email (normalised, from any IP) lock that account; 20 failures from one IP (any emails)
# lock that IP, so a password spray is throttled too.
AXES_FAILURE_LIMIT = int(os.environ.get("CADRE_SIGNIN_FAILURE_LIMIT", "5"))
CADRE_SIGNIN_IP_FAILURE_LIMIT = int(os.environ.get("CADRE_SIGNIN_IP_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "cadre.access.lockout.lockout_username"
AXES_HANDLER = "cadre.access.lockout.CadreLockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "access/locked_out.html"
AXES_VERBOSE = False

# Background jobs (cadre/jobs, ADR 20) on django-tasks. CADRE_TASKS_BACKEND picks the queue:
# "database" (default; django-tasks-db, run `cadre db_worker`), "rq" (RQ over Redis at
# CADRE_REDIS_URL, run `cadre rqworker default`) or "immediate" (in the request; tests).
CADRE_TASKS_BACKEND = os.environ.get("CADRE_TASKS_BACKEND", "database").strip().lower()
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if CADRE_TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"CADRE_TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, "
        f"not {CADRE_TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[CADRE_TASKS_BACKEND]}}
RQ_QUEUES = {
    "default": {
        "URL": os.environ.get("CADRE_REDIS_URL", "redis://127.0.0.1:6379/0"),
        "DEFAULT_TIMEOUT": int(os.environ.get("CADRE_JOB_TIMEOUT", "3600")),
    },
}

# The cache (Django's cache framework; nothing is cached in a process's own variables):
# Redis at CADRE_CACHE_URL, shared by every app server and worker, which production with
# more than one process needs (docs/deployment.md, "More than one app server"); without
# it, each process's local memory (the embedded default: one server, or tests).
# Sessions are in the database, so any server can serve any signed-in request.
CADRE_CACHE_URL = os.environ.get("CADRE_CACHE_URL", "").strip()
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache",
         "LOCATION": CADRE_CACHE_URL, "KEY_PREFIX": os.environ.get("CADRE_CACHE_PREFIX", "cadre"),
         "TIMEOUT": 24 * 60 * 60}
        if CADRE_CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
              "LOCATION": "cadre",
              # Room for every organisation's aggregates at government scale (ADR 27);
              # the default of 300 entries would cull them.
              "OPTIONS": {"MAX_ENTRIES": 20000}}
    )
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The match matrix (cadre/mobility/matrix.py): a memory-mapped file per data version,
# shared by every process on the machine.
CADRE_MATCH_DIR = Path(os.environ.get("CADRE_MATCH_DIR", VAR_DIR / "match"))

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded files (imports kept between their steps, job files) go through Django's storage
# API. The default is the file system under CADRE_MEDIA_ROOT (else var/media): with more
# than one app server it must be a directory they all share (docs/deployment.md).
MEDIA_ROOT = Path(os.environ.get("CADRE_MEDIA_ROOT", "") or VAR_DIR / "media")

# Uploads: imports are capped so a stray file cannot exhaust memory.
CADRE_MAX_UPLOAD_BYTES = int(os.environ.get("CADRE_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = CADRE_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security headers.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_COOKIES = _env_bool("CADRE_SECURE_COOKIES", PRODUCTION)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
if PRODUCTION:
    SECURE_SSL_REDIRECT = _env_bool("CADRE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading commits the whole domain to HTTPS in browsers' built-in lists; that is
    # the domain owner's call (docs/deployment.md), so it is opt-in.
    SECURE_HSTS_PRELOAD = _env_bool("CADRE_HSTS_PRELOAD", False)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        # The sign-in form's redirect chain ends at an identity provider (ADR 29).
        "form-action": [SELF, *sorted({
            "/".join(_provider["issuer"].split("/")[:3])
            for _provider in CADRE_OIDC_PROVIDERS.values() if _provider["issuer"]})],
        "frame-ancestors": [NONE],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cadre.access.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["cadre.access.api_permissions.PermissionMapPermission"],
    "DEFAULT_PAGINATION_CLASS": "cadre.core.api_pagination.CadrePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "cadre.core.api_schema.CadreAutoSchema",
    "EXCEPTION_HANDLER": "cadre.core.api_errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cadre API",
    "DESCRIPTION": "Read and manage the profession's organisations, people and capability.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its docs page follow the permission map (signed in), not AllowAny.
    "SERVE_PERMISSIONS": ["cadre.access.api_permissions.PermissionMapPermission"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI's files come from the drf-spectacular-sidecar package, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name for the planned/in progress/done choices that several models share.
    "ENUM_NAME_OVERRIDES": {
        "ActivityStatusEnum": "cadre.assessments.models.Activity.Status",
        # Workflow states are all called "state"; one name per workflow.
        "VacancyStateEnum": "cadre.mobility.models.Vacancy.State",
        "MoveStateEnum": "cadre.mobility.models.MoveRequest.State",
        "AssessmentRoundStateEnum": "cadre.assessments.models.AssessmentRound.State",
        "DeploymentStateEnum": "cadre.bench.models.DeploymentRequest.State",
        # Every kind of message takes the same choice: one enum for them all.
        "MessageChoiceEnum": "cadre.notifications.models.Preference.Choice",
        "CriterionKindEnum": "cadre.accreditation.models.CriterionKind",
        "AwardStatusEnum": "cadre.accreditation.models.Award.Status",
        # learning: catalogue (issue 17, area 1)
        "ProductKindEnum": "cadre.learning.models.catalogue.ProductKind",
        "DeliveryModeEnum": "cadre.learning.models.catalogue.DeliveryMode",
        "AudienceEnum": "cadre.learning.models.catalogue.Audience",
        # community: communications (issue 18, area 5)
        "StakeholderKindEnum": "cadre.community.models.communications.StakeholderKind",
        # community: surveys and mentoring (issue 18, areas 3 and 6)
        "SurveyItemKindEnum": "cadre.community.models.surveys.ItemKind",
        "MentoringResponseEnum": "cadre.community.models.mentoring.MentoringResponse",
        # organisations: machinery-of-government changes (issue 19)
        "OrganisationChangeKindEnum": "cadre.organisations.models.ChangeKind",
        # strategy: contributions (issue 19, area 6)
        "ContributionKindEnum": "cadre.strategy.models.contributions.ContributionKind",
        # recruitment (issue 21): states, stages and roles, one name per choice set
        "CampaignStateEnum": "cadre.recruitment.models.campaigns.CampaignState",
        "CriterionStageEnum": "cadre.recruitment.models.campaigns.CriterionStage",
        "ApplicationStateEnum": "cadre.recruitment.models.applications.ApplicationState",
        "PanelStageEnum": "cadre.recruitment.models.panels.PanelStage",
        "PanelRoleEnum": "cadre.recruitment.models.panels.PanelRole",
        # recruitment: reserve (issue 21, area 5)
        "ReserveEntryStateEnum": "cadre.recruitment.models.reserve.ReserveEntryState",
        "ReserveOfferStateEnum": "cadre.recruitment.models.reserve.ReserveOfferState",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CADRE_LOG_LEVEL", "WARNING")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Where the shared, published framework files live (tests only).
# Where the phase banner's "feedback" link goes: a page or a mailto address.
# The credit limit an organisation new to the learning exchange gets (community.ledger).
CADRE_EXCHANGE_CREDIT_LIMIT = int(os.environ.get("CADRE_EXCHANGE_CREDIT_LIMIT", "20"))
CADRE_FEEDBACK_URL = os.environ.get("CADRE_FEEDBACK_URL",
                                    "mailto:cadre-feedback@digital.example.gov.uk")
CADRE_SHARED_DIR = Path(os.environ.get("CADRE_SHARED_DIR", BASE_DIR.parent / "shared"))
