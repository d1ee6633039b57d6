"""Bulk writes for large imports: rows and their history rows, without model overhead.

Django's ``bulk_create`` builds its SQL value by value through the query
compiler, and simple_history's ``bulk_history_create`` builds a model instance
per history row; for tens of thousands of rows that Python work costs more than
the database does. These helpers prepare each value once, with the field's own
``get_db_prep_save`` (skipped for plain str/int/bool values of text, integer and
boolean columns, where it changes nothing), and send plain parameterised
``INSERT``/``UPDATE`` statements in batches, which every supported database
accepts. History rows are the same as simple_history writes: every tracked
field, the date, the user and the type ("+" created, "~" changed).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import islice
from operator import itemgetter
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

BATCH = 1000
#: PostgreSQL's limit on parameters in one statement (SQLite's comes from Django).
MAX_PARAMS = 65535
HISTORY_COLUMNS = frozenset({"history_date", "history_user", "history_type",
                             "history_change_reason"})
#: Fields whose database value is the Python value itself when that is a plain
#: str, int, bool or None (``get_db_prep_save`` would return it unchanged).
PLAIN_TYPES = frozenset({"CharField", "TextField", "EmailField", "SlugField", "URLField",
                         "BooleanField", "IntegerField", "BigIntegerField", "SmallIntegerField",
                         "PositiveIntegerField", "PositiveSmallIntegerField",
                         "PositiveBigIntegerField", "AutoField", "BigAutoField"})
PLAIN_VALUES = (str, int, bool, type(None))
#: Immutable values worth preparing once each when they repeat.
MEMO_TYPES = frozenset({dt.date, dt.datetime, dt.time, Decimal})


def _is_plain(field: models.Field) -> bool:
    target = field.target_field if field.is_relation else field
    return target.get_internal_type() in PLAIN_TYPES


def _preparer(field: models.Field, connection: Any) -> Any:
    """A function giving the database value of a Python value for ``field``."""
    prep = field.get_db_prep_save
    if not _is_plain(field):
        # Dates, times and numbers repeat a lot in big imports (start dates, a history
        # date, day rates): each distinct one is prepared once. They are immutable, so
        # a result can be reused; equal values give equal database values.
        memo: dict[tuple[type, Any], Any] = {}
        # NULL stays NULL, except where a JSON field would store it as JSON.
        none_is_null = field.get_internal_type() != "JSONField"

        def prepared(value: Any) -> Any:
            if value is None and none_is_null:
                return None
            kind = type(value)
            if kind in MEMO_TYPES or (kind in (dict, list) and not value):
                key = (kind, value if kind in MEMO_TYPES else ())
                if key not in memo:
                    memo[key] = prep(value, connection)
                return memo[key]
            return prep(value, connection)
        return prepared
    return lambda value: value if type(value) in PLAIN_VALUES else prep(value, connection)


def _row_preparer(fields: Sequence[models.Field], connection: Any) -> Any:
    """A function giving a row's database values (a list) from its Python values.

    Columns of plain types whose values are plain already (most of them) are checked
    for the whole row at once, in C; only the others are prepared value by value.
    """
    preps = [_preparer(f, connection) for f in fields]
    plain = [i for i, f in enumerate(fields) if _is_plain(f)]
    others = [(i, preps[i]) for i, f in enumerate(fields) if not _is_plain(f)]
    pick = itemgetter(*plain) if len(plain) > 1 else (
        (lambda row: (row[plain[0]],)) if plain else (lambda _row: ()))
    plain_types = frozenset(PLAIN_VALUES)

    def prepare(row: Sequence[Any]) -> list[Any]:
        out = list(row)
        if len(out) != len(preps):
            raise ValueError(f"a row of {len(out)} values for {len(preps)} columns")
        for i, prep in others:
            out[i] = prep(out[i])
        if not plain_types.issuperset(map(type, pick(out))):
            for i in plain:
                out[i] = preps[i](out[i])
        return out
    return prepare


def insert_rows(model: type[models.Model], fields: Sequence[models.Field],
                rows: Iterable[Sequence[Any]], *, batch_size: int = BATCH,
                returning: models.Field | None = None) -> list[Any]:
    """INSERT ``rows`` (Python values in the order of ``fields``) into ``model``'s table.

    No model instances are built. PostgreSQL gets the rows by ``COPY`` (without
    ``returning``) or multi-row ``INSERT ... RETURNING``; SQLite by ``executemany`` of
    one prepared single-row INSERT in big batches. With it,
    ``INSERT ... RETURNING`` statements give the new rows' values of that column,
    in order (as Django's ``bulk_create`` relies on).
    """
    fields = list(fields)
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    insert = f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608 - names are quoted
    prepared = map(_row_preparer(fields, connection), rows)
    returned: list[Any] = []
    # Rows per multi-row statement, within the database's limit on parameters.
    per = max(1, min(batch_size, MAX_PARAMS // len(fields),
                     connection.ops.bulk_batch_size(fields, [None] * batch_size)))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite" and (returning is None or (
                returning.primary_key and connection.in_atomic_block)):
            return _executemany_sqlite(cursor, table, insert + one, prepared, returning, quote)
        if returning is None and connection.vendor == "postgresql":
            _copy_postgresql(cursor.cursor, table, names, prepared)
            return returned
        if connection.vendor == "postgresql" and returning is model._meta.pk and isinstance(
                returning, models.AutoField) and returning not in fields:
            return _copy_with_new_keys(cursor.cursor, table, names, prepared,
                                       quote(returning.column))
        if returning is None:
            full = insert + ", ".join([one] * per)  # the SQL of a full batch, built once
            while batch := list(islice(prepared, per)):
                sql = full if len(batch) == per else insert + ", ".join([one] * len(batch))
                cursor.execute(sql, [value for row in batch for value in row])
            return returned
        tail = f" RETURNING {quote(returning.column)}"
        if connection.vendor == "postgresql":
            # psycopg streams single-row INSERTs and keeps each one's result, which
            # saves it parsing one long statement per batch (the costly part here).
            raw = cursor.cursor
            while batch := list(islice(prepared, batch_size)):
                raw.executemany(insert + one + tail, batch, returning=True)
                while True:
                    returned.append(raw.fetchone()[0])
                    if not raw.nextset():
                        break
            return returned
        while batch := list(islice(prepared, per)):
            cursor.execute(insert + ", ".join([one] * len(batch)) + tail,
                           [value for row in batch for value in row])
            returned.extend(r[0] for r in cursor.fetchall())
    return returned


def _executemany_sqlite(cursor: Any, table: str, single: str, prepared: Iterator[list[Any]],
                        returning: models.Field | None, quote: Any) -> list[Any]:
    """SQLite: one single-row INSERT prepared once and run for every row (``executemany``
    in big batches), its fastest way in. With ``returning`` (the primary key), the new
    keys are read back: inside the transaction (IMMEDIATE, so it holds the write lock)
    nobody else inserts, and SQLite gives each new row a key above every earlier one,
    so the keys above the largest before are the new rows', in order."""
    before = 0
    if returning is not None:
        cursor.execute(f"SELECT MAX({quote(returning.column)}) FROM {table}")  # noqa: S608
        before = cursor.fetchone()[0] or 0
    count = 0
    while batch := list(islice(prepared, 20_000)):
        cursor.executemany(single, batch)
        count += len(batch)
    if returning is None:
        return []
    column = quote(returning.column)
    cursor.execute(f"SELECT {column} FROM {table} WHERE {column} > %s "  # noqa: S608
                   f"ORDER BY {column}", [before])
    keys = [row[0] for row in cursor.fetchall()]
    if len(keys) != count:
        raise RuntimeError(f"{table}: {count} rows inserted but {len(keys)} new keys found")
    return keys


def _copy_postgresql(raw: Any, table: str, names: str, prepared: Iterator[list[Any]]) -> None:
    """Stream rows into PostgreSQL with ``COPY ... FROM STDIN`` (psycopg's copy support):
    no SQL to parse per batch and no placeholders, the database's fastest way in."""
    with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # names are quoted
        for row in prepared:
            copy.write_row(row)


def _copy_with_new_keys(raw: Any, table: str, names: str, prepared: Iterator[list[Any]],
                        key: str) -> list[int]:
    """PostgreSQL, new rows whose keys are wanted back: take that many keys from the
    column's own sequence in one query, then ``COPY`` the rows with them, instead of
    one ``INSERT ... RETURNING`` per row (each parsed and planned by the server)."""
    rows = list(prepared)
    if not rows:
        return []
    raw.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, key.strip('"'), len(rows)])
    keys = sorted(row[0] for row in raw.fetchall())
    with raw.copy(f"COPY {table} ({key}, {names}) FROM STDIN") as copy:  # names are quoted
        for pk, row in zip(keys, rows, strict=True):
            copy.write_row([pk, *row])
    return keys


def _insert_postgresql(raw: Any, insert: str, width: int, per: int,
                       prepared: Iterator[list[Any]]) -> None:
    """Send multi-row INSERTs with PostgreSQL's own ``$n`` placeholders.

    psycopg's usual cursor rewrites ``%s`` placeholders by scanning the SQL in
    Python on every call of a long statement (it only caches short ones), which
    for thousands of placeholders costs more than the database's work. Its raw
    cursor sends the statement and the values as they are (the SQL itself is
    the same portable multi-row INSERT).
    """
    from psycopg import RawCursor  # only installed where PostgreSQL is used

    def values(rows: int) -> str:
        return insert + ", ".join(
            "(" + ", ".join(f"${row * width + col + 1}" for col in range(width)) + ")"
            for row in range(rows))

    full = values(per)
    with RawCursor(raw.connection) as cursor:
        while batch := list(islice(prepared, per)):
            cursor.execute(full if len(batch) == per else values(len(batch)),
                           [value for row in batch for value in row])


def insert_objects(objs: Sequence[models.Model], model: type[models.Model]) -> None:
    """INSERT new objects (auto-increment ids not set) and fill in their ids."""
    opts = model._meta
    fields = [f for f in opts.concrete_fields if f is not opts.pk]
    auto = {f.attname for f in fields if getattr(f, "auto_now", False)
            or getattr(f, "auto_now_add", False)}

    def row(obj: models.Model) -> list[Any]:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
        return [f.pre_save(obj, True) if f.attname in auto else getattr(obj, f.attname)
                for f in fields]

    ids = insert_rows(model, fields, (row(obj) for obj in objs), returning=opts.pk)
    db = connections[DEFAULT_DB_ALIAS].alias
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = db


def update_objects(objs: Sequence[models.Model], model: type[models.Model],
                   fields: Sequence[str]) -> None:
    """UPDATE the given fields of saved objects (``update_rows``: cheaper than
    ``bulk_update``'s CASE expressions)."""
    opts = model._meta
    targets = [opts.get_field(name) for name in fields]
    attnames = [f.attname for f in targets]
    update_rows(model, opts.pk, targets,
                ([*(getattr(obj, a) for a in attnames), obj.pk] for obj in objs))


#: Column types ``update_rows`` does not send to PostgreSQL as one array each.
_NO_ARRAY = frozenset({"JSONField", "BinaryField", "ArrayField", "HStoreField"})


def update_rows(model: type[models.Model], key: models.Field,
                fields: Sequence[models.Field], rows: Iterable[Sequence[Any]]) -> int:
    """UPDATE ``fields`` of the rows of ``model`` whose ``key`` column (unique) has the
    given value; each row is (value of each field..., key value). No history is written.

    PostgreSQL gets one statement, the values as one array per column joined by
    ``unnest`` (a statement per row, even pipelined, costs the server a parse-free but
    still separate execution each); SQLite runs one prepared single-row UPDATE for every
    row (``executemany``), its fastest way. Returns how many rows were given.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    fields = list(fields)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    prepare = _row_preparer([*fields, key], connection)
    prepared = [prepare(row) for row in rows]
    if not prepared or not fields:
        return len(prepared)
    types = [f.db_type(connection) for f in [*fields, key]]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and all(types) and not any(
                f.get_internal_type() in _NO_ARRAY for f in fields):
            columns = [f"c{i}" for i in range(len(types))]
            arrays = ", ".join(f"%s::{kind}[]" for kind in types)
            sets = ", ".join(f"{quote(f.column)} = v.{c}"
                             for f, c in zip(fields, columns, strict=False))
            sql = (f"UPDATE {table} SET {sets} FROM unnest({arrays}) "  # noqa: S608
                   f"AS v({', '.join(columns)}) WHERE {table}.{quote(key.column)} = "
                   f"v.{columns[-1]}")
            for start in range(0, len(prepared), 20_000):
                chunk = prepared[start:start + 20_000]
                cursor.execute(sql, [list(values) for values in zip(*chunk, strict=True)])
            return len(prepared)
        sql = (f"UPDATE {table} SET "  # noqa: S608 - names are quoted
               + ", ".join(f"{quote(f.column)} = %s" for f in fields)
               + f" WHERE {quote(key.column)} = %s")
        for start in range(0, len(prepared), 20_000):
            cursor.executemany(sql, prepared[start:start + 20_000])
    return len(prepared)


def _fast_history_possible(model: type[models.Model]) -> bool:
    history = model.history.model
    return isinstance(history._meta.pk, models.AutoField) and not hasattr(
        history, "history_relation")


def write_history(objs: Sequence[models.Model], model: type[models.Model], *, user: Any,
                  update: bool = False, date: Any = None) -> None:
    """One history row per saved object, as simple_history's ``bulk_history_create``.

    ``user`` is the default history user; an object's own ``_history_user`` wins.
    """
    if not objs or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    manager = model.history
    if not _fast_history_possible(model):
        manager.bulk_history_create(objs, batch_size=BATCH, update=update, default_user=user)
        return
    history = manager.model
    if user is None and not hasattr(objs[0], "_history_user"):
        user = history.get_default_history_user(objs[0])  # the signed-in user, if any
    date = date or timezone.now()
    kind = "~" if update else "+"
    fields = [f for f in history._meta.concrete_fields if f is not history._meta.pk]
    attnames = [f.attname for f in fields]

    def row(obj: models.Model) -> list[Any]:
        values = []
        for field, attname in zip(fields, attnames, strict=True):
            name = field.name
            if name not in HISTORY_COLUMNS:
                values.append(getattr(obj, attname))
            elif name == "history_date":
                values.append(getattr(obj, "_history_date", date))
            elif name == "history_user":
                values.append(getattr(getattr(obj, "_history_user", user), "pk", None))
            elif name == "history_type":
                values.append(kind)
            else:
                values.append(getattr(obj, "_change_reason", None))
        return values

    insert_rows(history, fields, (row(obj) for obj in objs))


def create_with_history(objs: list[models.Model], model: type[models.Model], *,
                        user: Any) -> list[models.Model]:
    """``bulk_create`` the objects (ids filled in) and write their history rows."""
    if not objs:
        return objs
    if not (connections[DEFAULT_DB_ALIAS].features.can_return_rows_from_bulk_insert
            and isinstance(model._meta.pk, models.AutoField)
            and all(obj.pk is None for obj in objs)):
        return bulk_create_with_history(objs, model, batch_size=BATCH, default_user=user)
    with transaction.atomic(savepoint=False):
        insert_objects(objs, model)
        write_history(objs, model, user=user)
    return objs


def create_rows_with_history(model: type[models.Model], rows: Sequence[dict[str, Any]], *,
                             user: Any) -> list[Any]:
    """INSERT plain rows ({attname: value}; unnamed fields take their defaults) and one
    "+" history row each, building no model instances; returns the new primary keys.

    For imports of tens of thousands of rows, where building and preparing a model
    instance per row costs more than the database's work. The rows go in as
    ``insert_rows`` sends them; the history rows are copied from them by the database
    (``copy_history``). No signals are sent (as with ``bulk_create``).
    """
    if not rows:
        return []
    opts = model._meta
    fields = [f for f in opts.concrete_fields if f is not opts.pk]
    now = timezone.now()
    defaults: dict[str, Any] = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now
        elif f.has_default() or not f.null:
            defaults[f.attname] = f.get_default()
        else:
            defaults[f.attname] = None
    attnames = [f.attname for f in fields]
    values = [[row.get(a, defaults[a]) for a in attnames] for row in rows]
    ids = insert_rows(model, fields, values, returning=opts.pk)
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True) or not hasattr(model, "history"):
        return ids
    if not _fast_history_possible(model):
        objs = model.objects.filter(pk__in=ids)
        model.history.bulk_history_create(list(objs), batch_size=BATCH, default_user=user)
        return ids
    copy_history(model, ids, user=user, date=now)
    return ids


def copy_history(model: type[models.Model], ids: Sequence[Any], *, user: Any, date: Any,
                 kind: str = "+") -> None:
    """One history row per row of ``ids``, copied by the database from the rows as they
    are now (one ``INSERT ... SELECT``: no row crosses into Python), with the date, the
    user and the type ("+" created, "~" changed): what simple_history would write."""
    if not ids or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    opts = model._meta
    history = model.history.model
    column_of = {f.attname: f.column for f in opts.concrete_fields}
    names, values, params = [], [], []
    for f in history._meta.concrete_fields:
        if f is history._meta.pk:
            continue
        names.append(quote(f.column))
        if f.name == "history_date":
            values.append("%s")
            params.append(f.get_db_prep_save(date, connection))
        elif f.name == "history_user":
            values.append("%s")
            params.append(getattr(user, "pk", None))
        elif f.name == "history_type":
            values.append("%s")
            params.append(kind)
        elif f.name == "history_change_reason":
            values.append("NULL")
        else:
            values.append("t." + quote(column_of[f.attname]))
    key = "t." + quote(opts.pk.column)
    if connection.vendor == "postgresql":
        where, keys = f"{key} = ANY(%s)", list(ids)
    else:  # SQLite: the keys as one JSON parameter, not one placeholder each
        where, keys = (f"{key} IN (SELECT value FROM json_each(%s))",  # noqa: S608
                       json.dumps(list(ids)))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(names)}) "  # noqa: S608
            f"SELECT {', '.join(values)} FROM {quote(opts.db_table)} t WHERE {where} "
            f"ORDER BY {key}", [*params, keys])


def update_with_history(objs: list[models.Model], model: type[models.Model],
                        fields: Sequence[str], *, user: Any) -> None:
    """``bulk_update`` the given fields of the objects and write their history rows."""
    if not objs:
        return
    if not _fast_history_possible(model):
        bulk_update_with_history(objs, model, list(fields), batch_size=BATCH,
                                 default_user=user)
        return
    with transaction.atomic(savepoint=False):
        if fields:
            update_objects(objs, model, fields)
        if any(hasattr(obj, name) for obj in objs
               for name in ("_history_user", "_history_date", "_change_reason")):
            write_history(objs, model, user=user, update=True)
        elif getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            # The rows as just written, copied by the database.
            if user is None:
                user = model.history.model.get_default_history_user(objs[0])
            copy_history(model, [obj.pk for obj in objs], user=user, date=timezone.now(),
                         kind="~")


def analyze_tables(models_: Iterable[type[models.Model]]) -> None:
    """Refresh the query planner's statistics for the tables of ``models_`` (and their
    history tables) after a bulk load, so the first queries after it are planned on the
    real row counts. PostgreSQL's autovacuum would analyse them later; SQLite never does.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    tables: list[str] = []
    for model in models_:
        tables.append(model._meta.db_table)
        history = getattr(model, "history", None)
        if history is not None and hasattr(history, "model"):
            tables.append(history.model._meta.db_table)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in dict.fromkeys(tables):  # once each, in order
            cursor.execute(f"ANALYZE {quote(table)}")
