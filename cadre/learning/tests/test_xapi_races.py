# ruff: noqa: F811 - fixtures imported from xapi_fixtures are named as arguments
"""Races on PostgreSQL: two requests storing the same statement id at once store it once
(one CPD record, one set of effects); the other is accepted (same content) or refused
with a conflict (different content)."""

from __future__ import annotations

import pytest

from cadre.accreditation.models import CpdRecord
from cadre.learning.models import StatementEffect, StoredStatement
from cadre.learning.services.xapi import StatementConflict, store_statements
from cadre.learning.tests.xapi_fixtures import XapiClient, new_id, statement, world  # noqa: F401
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_the_same_statement_twice_at_once_is_stored_once(world) -> None:  # noqa: ANN001
    ident = new_id()
    body = statement(statement_id=ident)
    results = run_together([
        lambda: store_statements(credential=world.credential, statements=[dict(body)]),
        lambda: store_statements(credential=world.credential, statements=[dict(body)]),
    ])
    assert results == [[ident], [ident]], results
    assert StoredStatement.objects.filter(statement_id=ident).count() == 1
    assert CpdRecord.objects.filter(person=world.person).count() == 1
    assert StatementEffect.objects.filter(kind="cpd_added").count() == 1


def test_different_statements_with_one_id_at_once_one_is_a_conflict(world) -> None:  # noqa: ANN001
    ident = new_id()
    results = run_together([
        lambda: store_statements(credential=world.credential,
                                 statements=[statement(statement_id=ident)]),
        lambda: store_statements(credential=world.credential,
                                 statements=[statement(statement_id=ident,
                                                       email="other@example.org")]),
    ])
    assert sum(isinstance(r, StatementConflict) for r in results) == 1, results
    assert sum(r == [ident] for r in results) == 1
    assert StoredStatement.objects.filter(statement_id=ident).count() == 1


def test_through_the_endpoint(world) -> None:  # noqa: ANN001
    ident = new_id()
    body = statement(statement_id=ident)
    results = run_together([
        lambda: XapiClient(world.credential, world.secret).post(body).status_code,
        lambda: XapiClient(world.credential, world.secret).put(ident, body).status_code,
    ])
    assert sorted(results) == [200, 204], results
    assert StoredStatement.objects.filter(statement_id=ident).count() == 1
    assert CpdRecord.objects.filter(person=world.person).count() == 1
