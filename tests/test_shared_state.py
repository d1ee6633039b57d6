"""Nothing a request depends on lives in one process (ADR 28): the settings that decide
it, the deployment check that warns, staged uploads through the storage API, and
``analyze_tables`` after bulk loads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.storage import default_storage
from django.test import RequestFactory

from cadre.core.bulk import analyze_tables
from cadre.core.shared_state import check_shared_state, shared_state_problems
from cadre.core.uploads import remove_stale_uploads, stash_upload, take_upload

ROOT = Path(__file__).resolve().parent.parent
REDIS = "django.core.cache.backends.redis.RedisCache"


def _config(cache: str = REDIS, sessions: str = "django.contrib.sessions.backends.db",
            tasks: str = "django_tasks_db.DatabaseBackend") -> SimpleNamespace:
    return SimpleNamespace(CACHES={"default": {"BACKEND": cache}}, SESSION_ENGINE=sessions,
                           TASKS={"default": {"BACKEND": tasks}})


def test_shared_configuration_has_no_problems() -> None:
    assert shared_state_problems(_config()) == []
    assert shared_state_problems(_config(tasks="django_tasks_rq.RQBackend")) == []


@pytest.mark.parametrize("config, words", [
    (_config(cache="django.core.cache.backends.locmem.LocMemCache"), "CADRE_CACHE_URL"),
    (_config(sessions="django.contrib.sessions.backends.file"), "Sessions"),
    (_config(cache="django.core.cache.backends.locmem.LocMemCache",
             sessions="django.contrib.sessions.backends.cache"), "cache that is each"),
    (_config(tasks="django_tasks.backends.immediate.ImmediateBackend"), "in the request"),
])
def test_state_in_one_process_is_named(config, words) -> None:  # noqa: ANN001
    assert any(words in problem for problem in shared_state_problems(config))


def test_deploy_check_warns_only_in_production(settings) -> None:  # noqa: ANN001
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PRODUCTION = False
    assert check_shared_state() == []
    settings.PRODUCTION = True
    assert [m.id for m in check_shared_state()] == ["cadre.W100"]


def _settings_in(env: dict[str, str], expression: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CADRE_", "DJANGO_"))}
    code = ("import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
            "'config.settings'); django.setup(); from django.conf import settings; "
            f"print({expression})")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, **env},  # noqa: S603
                          capture_output=True, text=True, check=True).stdout.strip()


def test_cache_url_and_media_root_come_from_the_environment(tmp_path) -> None:  # noqa: ANN001
    shown = _settings_in({"CADRE_CACHE_URL": "redis://127.0.0.1:6379/9",
                          "CADRE_MEDIA_ROOT": str(tmp_path)},
                         "settings.CACHES['default']['BACKEND'], "
                         "settings.CACHES['default']['LOCATION'], settings.MEDIA_ROOT, "
                         "settings.SESSION_ENGINE")
    assert shown == (f"{REDIS} redis://127.0.0.1:6379/9 {tmp_path} "
                     "django.contrib.sessions.backends.db")
    local = _settings_in({}, "settings.CACHES['default']['BACKEND']")
    assert local == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.django_db
def test_staged_uploads_go_through_the_storage_api(settings, tmp_path) -> None:  # noqa: ANN001
    """With an in-memory storage, nothing is written to MEDIA_ROOT: every step (stash,
    take, stale clean-up) uses ``default_storage``, so a shared storage can replace it."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().post("/")
    request.session = SessionStore()
    token = stash_upload(request, kind="people", data=b"a,b\n1,2\n", filename="x.csv")
    assert default_storage.listdir("imports")[1]
    assert list(tmp_path.iterdir()) == []
    # Another server: the same session (from the database), another request object.
    request.session.save()
    other = RequestFactory().post("/")
    other.session = SessionStore(session_key=request.session.session_key)
    assert take_upload(other, kind="organisations", token=token) is None  # wrong kind
    other.session = SessionStore(session_key=request.session.session_key)
    data, details = take_upload(other, kind="people", token=token)
    assert data == b"a,b\n1,2\n" and details["filename"] == "x.csv"
    assert default_storage.listdir("imports")[1] == []
    assert remove_stale_uploads() == 0


@pytest.mark.django_db
def test_analyze_tables_runs_on_the_models_and_their_history() -> None:
    from cadre.people.models import Person

    analyze_tables([Person, Person])  # twice in the list: analysed once, no error
