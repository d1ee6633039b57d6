"""Every URL in the project has an entry in the one permission map, and nothing else does."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from config.permissions import PERMISSION_MAP


def _url_names(patterns, namespace: str = "") -> set[str]:  # noqa: ANN001
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            prefix = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            names |= _url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name"
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_url_is_in_the_permission_map() -> None:
    missing = _url_names(get_resolver().url_patterns) - set(PERMISSION_MAP)
    assert not missing, f"URLs missing from config/permissions.py: {sorted(missing)}"


def test_the_map_names_no_url_that_does_not_exist() -> None:
    stale = set(PERMISSION_MAP) - _url_names(get_resolver().url_patterns)
    assert not stale, f"Entries for URLs that no longer exist: {sorted(stale)}"


def test_a_url_missing_from_the_map_is_refused(client, settings, db) -> None:  # noqa: ANN001
    from django.urls import path

    from cadre.core import views
    from config.urls import urlpatterns as project_urls

    class Urls:
        urlpatterns = [*project_urls, path("unmapped/", views.healthz, name="unmapped")]

    settings.ROOT_URLCONF = Urls
    assert client.get("/unmapped/").status_code == 403
