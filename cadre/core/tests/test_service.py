"""Health check, security headers, settings guards and sign-in protection."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import identify_hasher

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_healthz_reports_the_database(client) -> None:  # noqa: ANN001
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_security_headers_and_csp(client) -> None:  # noqa: ANN001
    response = client.get("/sign-in/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "nonce-" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def _start_production(**env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "CADRE_ENV": "production", **env}
    full.pop("DJANGO_DEBUG", None) if "DJANGO_DEBUG" not in env else None
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django, os; os.environ.setdefault("
         "'DJANGO_SETTINGS_MODULE','config.settings'); django.setup()"],
        cwd=ROOT, env=full, capture_output=True, text=True, check=False,
    )


def test_production_refuses_default_secret_key() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django, os; os.environ.setdefault("
         "'DJANGO_SETTINGS_MODULE','config.settings'); django.setup()"],
        cwd=ROOT, env={**env, "CADRE_ENV": "production"}, capture_output=True, text=True,
        check=False,
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_debug() -> None:
    result = _start_production(DJANGO_DEBUG="true", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0 and "DEBUG" in result.stderr


def test_production_starts_with_real_settings() -> None:
    result = _start_production(DJANGO_SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2() -> None:
    user = UserFactory()
    assert identify_hasher(user.password).algorithm == "argon2"


@pytest.mark.django_db
def test_repeated_failed_sign_ins_are_locked_out(client, settings) -> None:  # noqa: ANN001
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"username": user.email, "password": "wrong"})
    response = client.post("/sign-in/", {"username": user.email,
                                         "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert b"Too many failed sign-in attempts" in response.content
