"""SQLite as the embedded default: WAL, IMMEDIATE transactions and a busy timeout.

The test database is in memory, so these open their own connections to a file
with the project's settings, the way the server does.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite",
                                reason="SQLite settings; this run is on another database")


@pytest.fixture(autouse=True)
def _own_connections(django_db_blocker):  # noqa: ANN001, ANN202
    """These tests use their own files, never the test database."""
    with django_db_blocker.unblock():
        yield


def _wrapper(path: Path, alias: str = "embedded") -> DatabaseWrapper:
    settings_dict = {**settings.DATABASES["default"], "NAME": str(path)}
    settings_dict.setdefault("TIME_ZONE", None)
    return DatabaseWrapper(settings_dict, alias=alias)


def test_settings_ask_for_immediate_transactions_and_a_busy_timeout() -> None:
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


def test_a_file_database_runs_in_wal_mode(tmp_path: Path) -> None:
    db = _wrapper(tmp_path / "wal.sqlite3")
    with db.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
    assert db.transaction_mode == "IMMEDIATE"
    db.close()


def test_a_reader_is_not_blocked_by_an_open_write(tmp_path: Path) -> None:
    path = tmp_path / "readers.sqlite3"
    writer, reader = _wrapper(path, "writer"), _wrapper(path, "reader")
    with writer.cursor() as cursor:
        cursor.execute("CREATE TABLE t (n integer)")
        cursor.execute("INSERT INTO t VALUES (1)")
    with _atomic(writer), writer.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (2)")
        with reader.cursor() as other:
            other.execute("SELECT count(*) FROM t")
            assert other.fetchone()[0] == 1  # the committed state, without waiting
    writer.close()
    reader.close()


def test_concurrent_read_then_write_transactions_queue_instead_of_failing(
        tmp_path: Path) -> None:
    """Each thread reads then writes inside one transaction: the pattern that fails with
    "database is locked" under SQLite's default deferred transactions."""
    path = tmp_path / "queue.sqlite3"
    setup = _wrapper(path, "setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n integer)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()
    errors: list[BaseException] = []
    rounds, threads = 20, 8

    def work(i: int) -> None:
        db = _wrapper(path, f"worker{i}")
        try:
            for _ in range(rounds):
                with _atomic(db), db.cursor() as cursor:
                    cursor.execute("SELECT n FROM counter")
                    (n,) = cursor.fetchone()
                    time.sleep(0.001)  # let the other threads in between read and write
                    cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            db.close()

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert errors == []
    check = _wrapper(path, "check")
    with check.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert cursor.fetchone()[0] == rounds * threads  # no lost updates either
    check.close()


class _atomic:  # noqa: N801 - used like transaction.atomic
    """A transaction on a standalone wrapper, begun the way Django's atomic begins one."""

    def __init__(self, db: DatabaseWrapper) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.ensure_connection()
        # What transaction.atomic does: on SQLite this issues BEGIN <transaction_mode>.
        self.db.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)

    def __exit__(self, exc_type, exc, tb) -> None:  # noqa: ANN001
        if exc_type is None:
            self.db.commit()
        else:
            self.db.rollback()
        self.db.set_autocommit(True)
