"""Whole-database backup and restore (``cadre backup FILE``, ``cadre restore FILE``).

PostgreSQL uses ``pg_dump``/``pg_restore`` in their custom format; SQLite uses its
online backup API (``sqlite3.Connection.backup``), which copies a consistent
snapshot while the service keeps running. A backup holds every table, the audit
trail included, so a restore is not itself recorded in the trail: the restored
database is exactly the one backed up. Restore refuses a database that has any
table in it unless forced, and reports what it restored.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import connections

SQLITE_HEADER = b"SQLite format 3\x00"
PG_CUSTOM_HEADER = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


@dataclass(frozen=True)
class Summary:
    """What a backup or restore covered."""

    vendor: str
    database: str
    tables: int
    rows: int
    audit_events: int
    bytes: int
    notes: tuple[str, ...] = ()


def _connection(alias: str):  # noqa: ANN202
    connection = connections[alias]
    if connection.vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection


def _database_label(alias: str) -> str:
    connection = connections[alias]
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "postgresql":
        host = connection.settings_dict.get("HOST") or "local socket"
        return f"PostgreSQL database {name} on {host}"
    return f"SQLite database {name}"


def table_names(alias: str = "default") -> list[str]:
    """Every table in the database (not only Django's), sorted."""
    connection = _connection(alias)
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def summarise(alias: str = "default", size: int = 0, notes: tuple[str, ...] = ()) -> Summary:
    """Tables, total rows over the project's models, and audit events in the database."""
    connection = _connection(alias)
    tables = set(table_names(alias))
    rows = 0
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table in tables and not model._meta.proxy:
            rows += model._base_manager.using(alias).count()
    audit = apps.get_model("audit", "AuditEvent")
    audit_events = (audit._base_manager.using(alias).count()
                    if audit._meta.db_table in tables else 0)
    return Summary(vendor=connection.vendor, database=_database_label(alias), tables=len(tables),
                   rows=rows, audit_events=audit_events, bytes=size, notes=notes)


# PostgreSQL ---------------------------------------------------------------------------

def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not on PATH. Install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client) in the same major version "
            "as the server, or newer.")
    return path


def _pg_environment(alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for the PostgreSQL tools; the password goes in the environment."""
    settings = connections[alias].settings_dict
    args = []
    if settings.get("HOST"):
        args += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", str(settings["USER"])]
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    sslmode = (settings.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return args, env


def _run(command: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")
    return result.stdout


def _pg_backup(alias: str, target: Path) -> None:
    args, env = _pg_environment(alias)
    name = str(connections[alias].settings_dict["NAME"])
    _run([_pg_tool("pg_dump"), *args, "--format=custom", "--no-owner", "--no-privileges",
          "--file", str(target), "--dbname", name], env)


def _pg_restore(alias: str, source: Path, existing: list[str]) -> tuple[str, ...]:
    """Restore in one transaction: a failure part way leaves the database as it was.

    ``--clean --if-exists`` drops each object in the dump before recreating it; tables
    the dump does not have are left alone, and named in the notes returned.
    """
    args, env = _pg_environment(alias)
    restore = _pg_tool("pg_restore")
    listing = _run([restore, "--list", str(source)], env)  # readable, before any change
    dumped = {parts[5] for line in listing.splitlines()
              if not line.startswith(";") and (parts := line.split()) and len(parts) >= 7
              and parts[3] == "TABLE" and parts[4] != "DATA"}
    connections[alias].close()
    _run([restore, *args, "--clean", "--if-exists", "--no-owner", "--no-privileges",
          "--single-transaction", "--exit-on-error",
          "--dbname", str(connections[alias].settings_dict["NAME"]), str(source)], env)
    left = sorted(set(existing) - dumped)
    return (f"{len(left)} tables not in the backup were left as they were: "
            f"{', '.join(left)}",) if left else ()


# SQLite -------------------------------------------------------------------------------

def _sqlite_connection(alias: str) -> sqlite3.Connection:
    connection = connections[alias]
    connection.ensure_connection()
    return connection.connection


def _sqlite_backup(alias: str, target: Path) -> None:
    source = _sqlite_connection(alias)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
        # One self-contained file: the copy is not left in WAL mode.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()


def _sqlite_restore(alias: str, source_path: Path) -> None:
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    try:
        check = source.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"{source_path} is damaged: {check}")
        source.backup(_sqlite_connection(alias))
    finally:
        source.close()
    connections[alias].close()


# Both ---------------------------------------------------------------------------------

def _kind(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(SQLITE_HEADER):
        return "sqlite"
    if head.startswith(PG_CUSTOM_HEADER):
        return "postgresql"
    raise BackupError(f"{path} is neither a PostgreSQL custom-format dump nor an SQLite file.")


def backup(path: Path, *, alias: str = "default") -> Summary:
    """Write the whole database to ``path`` (replaced only once the copy is complete)."""
    connection = _connection(alias)
    path = path.resolve()
    if path.is_dir():
        raise BackupError(f"{path} is a folder; give a file name.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    if (connection.vendor == "sqlite" and not connection.is_in_memory_db()
            and Path(str(connection.settings_dict["NAME"])).resolve() == path):
        raise BackupError("The backup file cannot be the database file itself.")
    handle, partial_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                            suffix=".partial")
    os.close(handle)
    partial = Path(partial_name)
    try:
        if connection.vendor == "postgresql":
            _pg_backup(alias, partial)
        else:
            partial.unlink()
            _sqlite_backup(alias, partial)
        partial.chmod(0o600)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return summarise(alias, size=path.stat().st_size)


def restore(path: Path, *, alias: str = "default", force: bool = False) -> Summary:
    """Replace the database with the backup at ``path``.

    Refuses, changing nothing, when the file is missing or of the other database's
    kind, or when the database has any table and ``force`` is not set.
    """
    connection = _connection(alias)
    path = path.resolve()
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    kind = _kind(path)
    if kind != connection.vendor:
        raise BackupError(f"{path} is a {kind} backup; this database is {connection.vendor}.")
    existing = table_names(alias)
    if existing and not force:
        raise BackupError(
            f"{_database_label(alias)} is not empty ({len(existing)} tables). Restore into "
            "an empty database, or add --force to replace everything in it.")
    notes: tuple[str, ...] = ()
    if connection.vendor == "postgresql":
        notes = _pg_restore(alias, path, existing)
    else:
        _sqlite_restore(alias, path)
    return summarise(alias, size=path.stat().st_size, notes=notes)
