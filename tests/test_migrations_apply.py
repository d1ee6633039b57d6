"""Every migration applies to an empty database, and leaves the tables and columns the
models describe.

The suite's test databases are made from the models directly (``--no-migrations`` in
pyproject's pytest options), which saves minutes on every worker; this is the test where
the migrations themselves run, forwards from nothing, on a scratch database (the
``scratch_database`` fixture). ``makemigrations --check`` (``make lint``) keeps the
migrations' idea of the models equal to the models; this checks what they do to a database.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db


def _expected_columns() -> dict[str, set[str]]:
    tables: dict[str, set[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy:
            continue
        tables[meta.db_table] = {field.column for field in meta.local_concrete_fields}
    return tables


def test_every_migration_applies_from_nothing_and_matches_the_models(
        scratch_database: str) -> None:
    connection = connections[scratch_database]
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(leaves)
    assert not MigrationExecutor(connection).migration_plan(leaves), "migrations left to apply"

    expected = _expected_columns()
    with connection.cursor() as cursor:
        introspection = connection.introspection
        present = set(introspection.table_names(cursor))
        missing = sorted(set(expected) - present)
        assert not missing, f"tables the models have and the migrations do not make: {missing}"
        differences = {}
        for table, columns in sorted(expected.items()):
            found = {c.name for c in introspection.get_table_description(cursor, table)}
            if found != columns:
                differences[table] = {"only in the models": sorted(columns - found),
                                      "only in the database": sorted(found - columns)}
    assert not differences, differences
