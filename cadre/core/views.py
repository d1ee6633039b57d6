"""The home page, the health check and the error pages."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults

from cadre.core import todo


def home(request: HttpRequest) -> HttpResponse:
    """The signed-in account's to-do list: what waits for them, their own record, their areas.

    Apps register what they list (``core/todo.py``); header links and the roles in words
    come from the access context processor.
    """
    user = request.user
    return render(request, "core/home.html", {
        "waiting": todo.items_for(user, todo.WAITING),
        "own": todo.items_for(user, todo.OWN),
    })


def healthz(request: HttpRequest) -> JsonResponse:
    """200 with the database status when the database answers; 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        database = f"error: {exc.__class__.__name__}"
    healthy = database == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "database": database,
         "vendor": connection.vendor},
        status=200 if healthy else 503,
    )


# Error pages. Django calls these (config/urls.py handler400/403/404/500) when DEBUG is
# off. Pages get the service's GOV.UK templates; anything under /api/ keeps answering
# JSON in the API's error shape ({"detail": ..., "errors": [...]}).

API_PREFIX = "/api/"


def _api_error(request: HttpRequest, status: int, detail: str) -> JsonResponse | None:
    if not request.path.startswith(API_PREFIX):
        return None
    return JsonResponse({"detail": detail, "errors": []}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400: the request could not be understood (a bad host header, a broken upload)."""
    return (_api_error(request, 400, "Bad request.")
            or defaults.bad_request(request, exception, template_name="400.html"))


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403 with the reason given, if any."""
    return (_api_error(request, 403, str(exception) or "You do not have access to this.")
            or defaults.permission_denied(request, exception, template_name="403.html"))


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 that never lists the site's addresses."""
    return (_api_error(request, 404, "Not found.")
            or defaults.page_not_found(request, exception, template_name="404.html"))


def server_error(request: HttpRequest) -> HttpResponse:
    """500, rendered without context processors so a broken database cannot break it."""
    return (_api_error(request, 500, "Server error. The problem has been logged.")
            or defaults.server_error(request, template_name="500.html"))
