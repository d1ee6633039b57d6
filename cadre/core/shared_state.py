"""What a request depends on must not live in one process (many app servers, ADR 28).

Sessions, the cache, staged uploads and background-job state each have a setting that
decides whether every app server and task worker sees the same thing.
``shared_state_problems`` lists the settings that keep state in one process or on one
machine's disk; ``cadre check --deploy`` shows them as warnings in production, and
``scripts/two_servers_check.py`` refuses to run with any of them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

#: Cache backends that keep entries in the process (or on one machine's disk).
LOCAL_CACHES = frozenset({
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
})
#: Session engines whose sessions every server can read when the cache is shared.
SHARED_SESSIONS = frozenset({
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cache",
    "django.contrib.sessions.backends.cached_db",
    "django.contrib.sessions.backends.signed_cookies",
})
#: Task backends whose queue and results are in the database or Redis.
SHARED_TASKS = frozenset({"django_tasks_db.DatabaseBackend", "django_tasks_rq.RQBackend"})


def shared_state_problems(config: Any = settings) -> list[str]:
    """Each setting that keeps a request's state in one process, in words; empty if none."""
    problems = []
    cache = config.CACHES["default"]["BACKEND"]
    if cache in LOCAL_CACHES:
        problems.append(f"The cache ({cache.rsplit('.', 1)[-1]}) is each process's own: set "
                        "CADRE_CACHE_URL to a Redis all servers share.")
    engine = config.SESSION_ENGINE
    if engine not in SHARED_SESSIONS:
        problems.append(f"Sessions ({engine}) are not stored where every server reads them.")
    elif engine.endswith((".cache", ".cached_db")) and cache in LOCAL_CACHES:
        problems.append("Sessions are kept in a cache that is each process's own.")
    tasks = config.TASKS["default"]["BACKEND"]
    if tasks not in SHARED_TASKS:
        problems.append(f"Background jobs ({tasks}) run in the request, not on shared workers.")
    return problems


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_state(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """``check --deploy``: warn about state that one app server would keep to itself."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    return [checks.Warning(problem, hint="See docs/deployment.md, 'More than one app server'.",
                           id=f"cadre.W{100 + n}")
            for n, problem in enumerate(shared_state_problems())]
