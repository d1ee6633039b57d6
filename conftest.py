"""Shared pytest fixtures: factories, accounts per role and clients."""

import pytest

from tests.fixtures import *  # noqa: F403 - fixtures are found by name

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _background_jobs_run_in_the_request(settings):  # noqa: ANN001, ANN202
    """Background jobs (cadre/jobs) run at once in tests, unless a test picks a backend."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def _fresh_shared_caches(settings, tmp_path):  # noqa: ANN001, ANN202
    """Each test starts with an empty cache and its own match-matrix folder (ADR 27): ids
    and data stamps repeat between tests, whose transactions are rolled back."""
    from django.core.cache import cache

    cache.clear()
    settings.CADRE_MATCH_DIR = tmp_path / "match"



#: Test files that run for minutes (they load the demo site or drive a browser). They are
#: collected first, so a parallel run (pytest-xdist, one file per worker at a time) starts
#: them at once and its workers finish together instead of waiting on one of them at the end.
LONG_RUNNING = ("tests/test_migrations_apply.py", "tests/browser/", "tests/test_crawl.py",
                "tests/test_api_schema_conformance.py", "tests/test_api_method_semantics.py",
                "tests/test_issue12_examples.py")


def pytest_collection_modifyitems(config, items) -> None:  # noqa: ANN001
    items.sort(key=lambda item: not item.nodeid.startswith(LONG_RUNNING))
