"""Helpers for race tests: real concurrent transactions, which need PostgreSQL.

SQLite locks the whole file and ignores ``SELECT ... FOR UPDATE``, so race tests are
marked ``needs_postgres`` and run in CI's PostgreSQL pass.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and concurrent transactions need PostgreSQL (CI runs it)",
)


def run_together(calls: list[Callable[[], Any]], timeout: float = 120) -> list[Any]:
    """Run each call in its own thread, released together by a barrier; return each call's
    result or the exception it raised, in order. Each thread closes its own connections."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = calls[index]()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results
