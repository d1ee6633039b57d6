"""``cadre backup`` and ``cadre restore``: a round trip into an empty database loses nothing.

The database is filled with the reference data, the demo data set (organisations,
people, sign-ins, all through the audited services) and a few more audited
changes; backed up with the command; restored by the command in a separate
process into a new, empty database; and compared table by table, row by row.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path

import dj_database_url
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import load_backend

from cadre.access.services import create_token
from cadre.audit.models import AuditEvent

ROOT = Path(__file__).resolve().parents[3]


def _fill() -> None:
    call_command("load_defaults", stdout=StringIO())
    call_command("demo_load", stdout=StringIO())
    from cadre.access.models import User

    for user in User.objects.order_by("id")[:3]:
        create_token(user=user, actor=None, name="backup test")
    assert AuditEvent.objects.count() > 10


def _cadre(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "from cadre.cli import main; main()", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )


def _rows(db: BaseDatabaseWrapper, table: str) -> list[tuple]:
    with db.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {db.ops.quote_name(table)}")  # noqa: S608
        return sorted(cursor.fetchall(), key=repr)


def _tables(db: BaseDatabaseWrapper) -> list[str]:
    with db.cursor() as cursor:
        return sorted(db.introspection.table_names(cursor))


@pytest.fixture
def restored_db() -> Iterator[Callable[[str], BaseDatabaseWrapper]]:
    """``open(name)``: a connection, with the project's settings, to the restored database.

    Made outside ``django.db.connections`` so the test case does not treat it as a
    second test database.
    """
    opened: list[BaseDatabaseWrapper] = []

    def open_database(name: str) -> BaseDatabaseWrapper:
        backend = load_backend(connection.settings_dict["ENGINE"])
        db = backend.DatabaseWrapper({**connection.settings_dict, "NAME": name}, alias="restored")
        opened.append(db)
        return db

    yield open_database
    for db in opened:
        db.close()


def _assert_identical(restored: BaseDatabaseWrapper) -> None:
    source_tables = _tables(connection)
    assert _tables(restored) == source_tables
    assert len(source_tables) > 50
    for table in source_tables:
        assert _rows(restored, table) == _rows(connection, table), table
    audit = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {audit} ORDER BY id")  # noqa: S608
        trail = cursor.fetchall()
    with restored.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {audit} ORDER BY id")  # noqa: S608
        assert cursor.fetchall() == trail
    assert len(trail) == AuditEvent.objects.count() > 10
    restored.close()


def _round_trip(tmp_path: Path, restored_url: str, restored: BaseDatabaseWrapper) -> None:
    _fill()
    backup_file = tmp_path / "cadre.backup"
    out = StringIO()
    call_command("backup", str(backup_file), stdout=out)
    assert "Backed up" in out.getvalue() and "audit events" in out.getvalue()
    assert backup_file.stat().st_mode & 0o077 == 0  # readable by its owner only

    result = _cadre("restore", str(backup_file), database_url=restored_url)
    assert result.returncode == 0, result.stderr
    events = AuditEvent.objects.count()
    assert f"{events:,} audit events" in result.stdout and "Restored" in result.stdout
    _assert_identical(restored)

    again = _cadre("restore", str(backup_file), database_url=restored_url)
    assert again.returncode != 0, again.stdout
    assert "is not empty" in again.stderr and "--force" in again.stderr, again.stderr

    forced = _cadre("restore", str(backup_file), "--force", database_url=restored_url)
    assert forced.returncode == 0, forced.stderr
    _assert_identical(restored)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite",
                    reason="SQLite round trip; the PostgreSQL run tests pg_dump/pg_restore")
def test_sqlite_backup_restores_every_row_and_the_audit_trail(
        tmp_path: Path, restored_db) -> None:  # noqa: ANN001
    target = tmp_path / "restored.sqlite3"
    restored = restored_db(str(target))
    _round_trip(tmp_path, f"sqlite:///{target}", restored)
    with restored.cursor() as cursor:
        cursor.execute("PRAGMA integrity_check")
        assert cursor.fetchone()[0] == "ok"
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"  # back to WAL once the service opens it


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="PostgreSQL round trip needs a PostgreSQL run (DATABASE_URL)")
def test_postgresql_backup_restores_every_row_and_the_audit_trail(
        tmp_path: Path, restored_db) -> None:  # noqa: ANN001
    name = f"{connection.settings_dict['NAME']}_restore"[:63]
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
        cursor.execute(f"CREATE DATABASE {quoted}")
    parsed = connection.settings_dict
    url = (f"postgres://{parsed['USER'] or ''}"
           f"{':' + parsed['PASSWORD'] if parsed.get('PASSWORD') else ''}"
           f"@{parsed['HOST'] or ''}:{parsed['PORT'] or 5432}/{name}")
    assert dj_database_url.parse(url)["NAME"] == name
    restored = restored_db(name)
    try:
        _round_trip(tmp_path, url, restored)
    finally:
        restored.close()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database")
    with pytest.raises(CommandError, match="neither a PostgreSQL"):
        call_command("restore", str(bogus), "--force")
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "missing.backup"))


@pytest.mark.django_db
def test_restore_refuses_the_other_database_kind(tmp_path: Path) -> None:
    other = tmp_path / "other.backup"
    other.write_bytes(b"PGDMP" if connection.vendor == "sqlite" else b"SQLite format 3\x00")
    with pytest.raises(CommandError, match="this database is"):
        call_command("restore", str(other), "--force")


@pytest.mark.django_db
def test_restore_refuses_a_database_in_use_without_force(tmp_path: Path) -> None:
    same_kind = tmp_path / "same.backup"
    same_kind.write_bytes(b"SQLite format 3\x00" if connection.vendor == "sqlite" else b"PGDMP")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(same_kind))


def test_backup_refuses_a_missing_folder(tmp_path: Path, db) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "no" / "such" / "file"))
