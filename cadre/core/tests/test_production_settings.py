"""Start-up guards when DEBUG is off, the front-end build, and the service's error pages."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import include, path

from cadre.core import views

ROOT = Path(__file__).resolve().parents[3]
SETUP = ("import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings');"
         " django.setup(); from django.conf import settings; print(settings.DEBUG)")


def _start(**env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items()
            if k not in {"CADRE_ENV", "DJANGO_DEBUG", "DJANGO_SECRET_KEY",
                         "DJANGO_SECRET_KEY_FILE"}}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", SETUP], cwd=ROOT, env={**base, **env},
        capture_output=True, text=True, check=False,
    )


def test_debug_off_outside_production_refuses_the_development_key() -> None:
    result = _start(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DEBUG is off" in result.stderr and "DJANGO_SECRET_KEY" in result.stderr


def test_debug_off_refuses_a_short_key() -> None:
    result = _start(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="short")
    assert result.returncode != 0 and "32+ characters" in result.stderr


def test_debug_off_starts_with_a_key_file(tmp_path: Path) -> None:
    key = tmp_path / "secret-key"
    key.write_text("s" * 50 + "\n")
    result = _start(DJANGO_DEBUG="0", DJANGO_SECRET_KEY_FILE=str(key))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_an_unreadable_key_file_is_named(tmp_path: Path) -> None:
    result = _start(DJANGO_DEBUG="0", DJANGO_SECRET_KEY_FILE=str(tmp_path / "missing"))
    assert result.returncode != 0 and "DJANGO_SECRET_KEY_FILE" in result.stderr


def test_development_with_debug_on_needs_no_key() -> None:
    result = _start()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def _build_frontend_module():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location(
        "build_frontend", ROOT / "scripts" / "build_frontend.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_front_end_build_strips_source_map_references() -> None:
    strip = _build_frontend_module().strip_source_map
    assert strip("a{b:c}\n/*# sourceMappingURL=govuk-frontend.min.css.map */\n") == "a{b:c}\n"
    assert strip("export{x};//# sourceMappingURL=govuk-frontend.min.js.map") == "export{x};\n"
    assert strip("a{b:c}") == "a{b:c}\n"
    built = ROOT / "cadre" / "core" / "static" / "govuk"
    if not built.exists():
        pytest.skip("static files not built (run scripts/build_frontend.py)")
    for name in ("govuk-frontend.min.css", "govuk-frontend.min.js"):
        assert "sourceMappingURL" not in (built / name).read_text(encoding="utf-8")


# A URLconf with the project's pages, one view that fails and the project's handlers.
def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


def _refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("No entry.")


urlpatterns = [
    path("boom/", _boom),
    path("api/v1/boom/", _boom),
    path("refuse/", _refuse),
    path("", include("config.urls")),
]
handler400 = "cadre.core.views.bad_request"
handler403 = "cadre.core.views.permission_denied"
handler404 = "cadre.core.views.page_not_found"
handler500 = "cadre.core.views.server_error"


def test_the_project_urlconf_uses_the_service_handlers() -> None:
    import config.urls

    for code in ("400", "403", "404", "500"):
        assert getattr(config.urls, f"handler{code}") == globals()[f"handler{code}"]


@pytest.mark.django_db
def test_unknown_page_is_the_service_404_not_the_debug_list(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and "govuk-header" in body
    assert "URLconf" not in body and "api/v1/" not in body


@pytest.mark.django_db
def test_unknown_api_address_answers_json(client: Client) -> None:
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found.", "errors": []}


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_failing_page_shows_the_service_500(settings) -> None:  # noqa: ANN001
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "PermissionMap" not in m]
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body and "boom" not in body
    api = client.get("/api/v1/boom/")
    assert api.status_code == 500 and api["Content-Type"] == "application/json"
    assert api.json()["errors"] == [] and "boom" not in api.json()["detail"]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_refused_page_shows_the_service_403(settings) -> None:  # noqa: ANN001
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "PermissionMap" not in m]
    response = Client().get("/refuse/")
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


def test_bad_request_page_and_api() -> None:
    factory = RequestFactory()
    page = views.bad_request(factory.get("/people/"), ValueError("x"))
    assert page.status_code == 400 and b"problem with your request" in page.content
    api = views.bad_request(factory.get("/api/v1/people/"), ValueError("x"))
    assert api.status_code == 400 and api["Content-Type"] == "application/json"
