"""Pagination for every API list: page numbers, or a keyset ``cursor`` for long lists.

Viewsets get it from ``DEFAULT_PAGINATION_CLASS``. Function views return
``paginated_response(request, queryset, Serializer)`` and are decorated with
``@paginated_list`` above ``@extend_schema(responses=Serializer(many=True))``, so
the schema shows the page envelope (``count``, ``next``, ``previous``,
``results``) they really return.

Two ways through a list, with the same envelope:

- ``?page=N`` (and ``page_size``, at most 500): an ``OFFSET`` query, so page 400
  of 50,000 rows reads and skips 19,950 rows first. Past the first page the skip is
  done on the ids alone (``OffsetByIdsPaginator``): one query finds the page's ids in
  the list's order, which an index on the ordering answers without reading the rows
  or joining their related tables, and a second reads those rows with their joins.
- ``?cursor=`` (empty to start, then the ``next``/``previous`` links): keyset
  pagination (ADR 28). The cursor is the signed key of the last (or first) row
  shown, and the next page is ``WHERE key > that key ORDER BY key LIMIT n``, so
  the last page costs what the first does, and rows inserted or deleted while a
  client walks the list never make it see a row twice or skip one that was there
  throughout. The key is the list's own ordering plus the id; a list ordered by a
  nullable field or an expression walks in id order instead. A cursor that was
  altered, or made for another list, is a 400 naming ``cursor``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import F, Field, Model, Q, QuerySet
from django.db.models.query import ModelIterable, ValuesIterable
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

CURSOR_PARAM = "cursor"
_SALT = "cadre.core.api_pagination.cursor"
_KEY_PREFIX = "_cursor_key_"
BAD_CURSOR = ("Not a cursor this list gave out: start again with an empty cursor "
              "(cursor=) and follow the next and previous links.")


@dataclass(frozen=True)
class Key:
    """One column of a keyset: a lookup path and whether it sorts descending."""

    path: str
    descending: bool


def _resolve(model: type[Model], path: str) -> tuple[str, Field] | None:
    """The lookup for ``path`` (a relation becomes its id column) and its last field, or
    None if it is not a chain of non-nullable fields."""
    parts = path.split("__")
    current: type[Model] = model
    field: Field | None = None
    for index, part in enumerate(parts):
        try:
            field = current._meta.pk if part == "pk" else current._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        if not getattr(field, "concrete", False) or getattr(field, "null", False):
            return None
        if field.is_relation:
            if field.many_to_many or field.one_to_many:
                return None
            if index == len(parts) - 1:
                parts[-1] = field.attname  # order by the related record's id
                return "__".join(parts), field.target_field
            current = field.related_model
        elif index != len(parts) - 1:
            return None
    assert field is not None
    if part == "pk":
        parts[-1] = field.attname
    return "__".join(parts), field


def keyset_for(queryset: QuerySet) -> list[Key]:
    """The keyset a cursor walks ``queryset`` by: its ordering made unique by the id."""
    model = queryset.model
    pk_name = model._meta.pk.attname
    terms: Sequence[Any] = queryset.query.order_by or (
        model._meta.ordering if queryset.query.default_ordering else ())
    keys: list[Key] = []
    for term in terms:
        resolved = None
        if isinstance(term, str) and term != "?":
            resolved = _resolve(model, term.lstrip("-"))
        if resolved is None:  # an expression or a nullable field: walk by id
            return [Key(pk_name, descending=False)]
        keys.append(Key(resolved[0], descending=term.startswith("-")))
    if not any(k.path in (pk_name, "pk") for k in keys):
        last_descending = keys[-1].descending if keys else False
        keys.append(Key(pk_name, descending=last_descending))
    return keys


def _after(keys: Sequence[Key], values: Sequence[Any], *, backwards: bool) -> Q:
    """Rows strictly after ``values`` in the keyset order (before, if ``backwards``).

    ``(a, b, id) > (x, y, z)`` spelled as ``a >= x AND (a > x OR (a = x AND (b > y OR
    (b = y AND id > z))))``: the leading bound lets the database start its index scan at
    the cursor; the rest breaks the ties."""
    condition: Q | None = None
    for key, value in reversed(list(zip(keys, values, strict=True))):
        later = key.descending == backwards  # ascending walked forwards: greater
        strict = Q(**{f"{key.path}__{'gt' if later else 'lt'}": value})
        condition = strict if condition is None else strict | (
            Q(**{key.path: value}) & condition)
    first, value = keys[0], values[0]
    bound = Q(**{f"{first.path}__{'gte' if first.descending == backwards else 'lte'}": value})
    assert condition is not None
    return bound & condition


def _plain(value: Any) -> Any:
    """A key value as JSON keeps it exactly (datetimes to the microsecond)."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value


def _page_by_ids(queryset: QuerySet, bottom: int, top: int, total: int | None = None,
                 rows: Callable[[QuerySet], list[dict]] | None = None) -> list[Any]:
    """Rows ``bottom:top`` of ``queryset``: their ids first (the ``OFFSET`` over the
    ordering alone, no joins, no wide rows), then the rows for those ids in that order.
    A row deleted between the two reads is left out, as it would be a moment later.

    Given the list's ``total``, a page in the second half is found from the end: the
    same ids walked in the reverse order, ``OFFSET total - top``, then turned round, so
    no page skips more than half the list (the last page skips nothing). Only for an
    ordering that ends in the id (``_total_order``): each row has one place either way.

    ``rows`` (see ``OffsetByIdsPaginator``) reads the page's records from the queryset of
    its ids, as dicts holding the id."""
    if total is not None and bottom > total - top and _total_order(queryset):
        ids = list(queryset.reverse().values_list("pk", flat=True)[total - top:total - bottom])
        ids.reverse()
    else:
        ids = list(queryset.values_list("pk", flat=True)[bottom:top])
    if not ids:
        return []
    if rows is not None:
        key = queryset.model._meta.pk.attname
        found = {row[key]: row for row in rows(queryset.filter(pk__in=ids))}
    else:
        found = {row.pk: row for row in queryset.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def _total_order(queryset: QuerySet) -> bool:
    """Whether ``queryset`` is ordered by fields alone (no expressions), the id among
    them: then the reverse order is exactly the order read backwards."""
    model = queryset.model
    terms = queryset.query.order_by or (
        model._meta.ordering if queryset.query.default_ordering else ())
    if not terms or not all(isinstance(t, str) and t != "?" for t in terms):
        return False
    names = {t.lstrip("-") for t in terms}
    return bool(names & {"pk", model._meta.pk.name, model._meta.pk.attname})


def _ids_first(queryset: Any) -> bool:
    """Whether a page of ``queryset`` may be read by ids first: a plain model queryset,
    ordered (so the page is well defined), not a union, not ``DISTINCT``, not sliced."""
    return (isinstance(queryset, QuerySet) and queryset.ordered
            and queryset.query.combinator is None and not queryset.query.distinct
            and not queryset.query.is_sliced and queryset._iterable_class is ModelIterable)


class OffsetByIdsPaginator(Paginator):
    """Django's paginator, reading any page after the first by ids first (above).

    ``rows``: a function from a queryset (the page's rows) to its records as dicts that
    hold the id, for a list that builds its records without model instances (a view's
    ``page_rows``); the count and the ids are still read from the plain queryset, so
    they need none of the joins the records' values do."""

    def __init__(self, object_list: Any, per_page: int, orphans: int = 0,
                 allow_empty_first_page: bool = True, *,
                 rows: Callable[[QuerySet], list[dict]] | None = None) -> None:
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        self.rows = rows

    def page(self, number: Any) -> Any:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if bottom > 0 and _ids_first(self.object_list):
            return self._get_page(
                _page_by_ids(self.object_list, bottom, top, self.count, self.rows),
                number, self)
        if self.rows is not None:
            return self._get_page(self.rows(self.object_list[bottom:top]), number, self)
        return self._get_page(self.object_list[bottom:top], number, self)


class CadrePagination(PageNumberPagination):
    django_paginator_class = OffsetByIdsPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    cursor_query_param = CURSOR_PARAM

    # -- choosing the mode -------------------------------------------------
    def paginate_queryset(self, queryset: Any, request: Request,
                          view: Any = None) -> list[Any] | None:
        self.request = request
        self.cursor_mode = self.cursor_query_param in request.query_params
        self.rows_used = False
        if not self.cursor_mode:
            rows = getattr(view, "page_rows", None)
            if rows is not None and _ids_first(queryset):
                # The view's records as dicts (``OffsetByIdsPaginator``); its list()
                # checks ``rows_used`` and serializes model instances otherwise.
                self.django_paginator_class = partial(OffsetByIdsPaginator, rows=rows)
                self.rows_used = True
            return super().paginate_queryset(queryset, request, view)
        self.size = self.get_page_size(request) or self.page_size
        self.salt = f"{_SALT}:{request.path}"
        if (isinstance(queryset, QuerySet) and queryset.query.combinator is None
                and issubclass(queryset._iterable_class, ModelIterable | ValuesIterable)):
            return self._keyset_page(queryset)
        return self._offset_page(queryset if isinstance(queryset, QuerySet) else list(queryset))

    def get_paginated_response(self, data: Any) -> Response:
        if not getattr(self, "cursor_mode", False):
            return super().get_paginated_response(data)
        return Response({"count": self.total, "next": self.next_link,
                         "previous": self.previous_link, "results": data})

    # -- cursors -----------------------------------------------------------
    def _read_cursor(self, keys: Sequence[str] | None) -> dict[str, Any] | None:
        """The decoded cursor, None for an empty one (the start), or a 400."""
        raw = self.request.query_params.get(self.cursor_query_param, "").strip()
        if not raw:
            return None
        try:
            data = signing.loads(raw, salt=self.salt)
        except (signing.BadSignature, ValueError, TypeError):
            data = None
        valid = isinstance(data, dict) and isinstance(data.get("b"), bool) and (
            (keys is None and isinstance(data.get("o"), int) and data["o"] >= 0)
            or (keys is not None and data.get("n") == list(keys)
                and isinstance(data.get("k"), list) and len(data["k"]) == len(keys)))
        if not valid:
            raise serializers.ValidationError({self.cursor_query_param: BAD_CURSOR})
        return data

    def _link(self, payload: dict[str, Any]) -> str:
        url = self.request.build_absolute_uri()
        url = remove_query_param(url, self.page_query_param)
        token = signing.dumps(payload, salt=self.salt, compress=True)
        return replace_query_param(url, self.cursor_query_param, token)

    # -- keyset over a queryset -------------------------------------------
    def _keyset_page(self, queryset: QuerySet) -> list[Any]:
        keys = keyset_for(queryset)
        names = [k.path for k in keys]
        cursor = self._read_cursor(names)
        backwards = bool(cursor and cursor["b"])
        self.total = queryset.count()
        qs = queryset.annotate(**{f"{_KEY_PREFIX}{i}": F(k.path) for i, k in enumerate(keys)})
        if cursor is not None:
            try:
                qs = qs.filter(_after(keys, cursor["k"], backwards=backwards))
                rows = list(self._ordered(qs, keys, backwards)[: self.size + 1])
            except (ValueError, TypeError, signing.BadSignature) as exc:
                raise serializers.ValidationError({self.cursor_query_param: BAD_CURSOR}) from exc
        else:
            rows = list(self._ordered(qs, keys, backwards)[: self.size + 1])
        more = len(rows) > self.size
        rows = rows[: self.size]
        if backwards:
            rows.reverse()

        def key_of(row: Any) -> list[Any]:
            names = [f"{_KEY_PREFIX}{i}" for i in range(len(keys))]
            if isinstance(row, dict):  # a values() queryset
                return [_plain(row[name]) for name in names]
            return [_plain(getattr(row, name)) for name in names]

        has_next = more if not backwards else cursor is not None
        has_previous = (cursor is not None) if not backwards else more
        self.next_link = (self._link({"n": names, "k": key_of(rows[-1]), "b": False})
                          if rows and has_next else None)
        self.previous_link = (self._link({"n": names, "k": key_of(rows[0]), "b": True})
                              if rows and has_previous else None)
        if not rows and cursor is not None:  # walked off an end: offer the way back
            edge = {"n": names, "k": cursor["k"]}
            if backwards:
                self.next_link = self._link({**edge, "b": False})
            else:
                self.previous_link = self._link({**edge, "b": True})
        return rows

    @staticmethod
    def _ordered(qs: QuerySet, keys: Sequence[Key], backwards: bool) -> QuerySet:
        return qs.order_by(*[
            f"{'-' if k.descending != backwards else ''}{k.path}" for k in keys])

    # -- a list already in memory (ranked results), or a union: the position ------
    def _offset_page(self, items: list[Any] | QuerySet) -> list[Any]:
        cursor = self._read_cursor(None)
        self.total = items.count() if isinstance(items, QuerySet) else len(items)
        start = 0 if cursor is None else cursor["o"]
        if cursor is not None and cursor["b"]:
            start = max(0, start - self.size)
        start = min(start, self.total)
        end = min(start + self.size, self.total)
        self.next_link = self._link({"o": end, "b": False}) if end < self.total else None
        self.previous_link = self._link({"o": start, "b": True}) if start > 0 else None
        return list(items[start:end])

    # -- the schema ----------------------------------------------------------
    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        parameters.append({
            "name": self.cursor_query_param,
            "required": False,
            "in": "query",
            "description": (
                "Keyset paging, for walking a long list: send it empty to start, then "
                "follow the next and previous links. Each page costs the same however "
                "far in, and rows added or removed meanwhile never repeat or skip the "
                "others. Takes the place of page."),
            "schema": {"type": "string"},
            "allowEmptyValue": True,
        })
        return parameters


def paginated_response(request: Request, items: Iterable[Any],
                       serializer_class: type[serializers.BaseSerializer],
                       context: dict[str, Any] | None = None) -> Response:
    """One page of ``items`` (a queryset or list) in the API's page envelope."""
    paginator = CadrePagination()
    page = paginator.paginate_queryset(items, request)
    data = serializer_class(page, many=True, context={"request": request, **(context or {})}).data
    return paginator.get_paginated_response(data)


def paginated_list(view: Any) -> Any:
    """Mark an ``@api_view`` function as a paginated list, so the schema shows the page
    envelope around its ``responses=Serializer(many=True)``. Put it above ``@api_view``."""
    view.cls.pagination_class = CadrePagination
    return view
