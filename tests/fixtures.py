"""Fixtures: two organisations with line-management chains, and accounts per role.

Organisation A: a_head <- a_manager <- (a_staff1, a_staff2); a_other reports to a_head.
Organisation B: b_head <- b_staff.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from rest_framework.test import APIClient

from cadre.access.services import create_token, grant_role
from cadre.people.models import Person
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture
def org_a():  # noqa: ANN201
    return OrganisationFactory(name="Department A", abbreviation="DA")


@pytest.fixture
def org_b():  # noqa: ANN201
    return OrganisationFactory(name="Department B", abbreviation="DB")


@dataclass
class People:
    a_head: Person
    a_manager: Person
    a_staff1: Person
    a_staff2: Person
    a_other: Person
    b_head: Person
    b_staff: Person


@pytest.fixture
def people(org_a, org_b) -> People:  # noqa: ANN001
    a_head = PersonFactory(organisation=org_a, staff_number="A1", last_name="Ahead")
    a_manager = PersonFactory(organisation=org_a, staff_number="A2", line_manager=a_head,
                              last_name="Amanager")
    a_staff1 = PersonFactory(organisation=org_a, staff_number="A3", line_manager=a_manager,
                             last_name="Astaffone")
    a_staff2 = PersonFactory(organisation=org_a, staff_number="A4", line_manager=a_manager,
                             last_name="Astafftwo")
    a_other = PersonFactory(organisation=org_a, staff_number="A5", line_manager=a_head,
                            last_name="Aother")
    b_head = PersonFactory(organisation=org_b, staff_number="B1", last_name="Bhead")
    b_staff = PersonFactory(organisation=org_b, staff_number="B2", line_manager=b_head,
                            last_name="Bstaff")
    return People(a_head, a_manager, a_staff1, a_staff2, a_other, b_head, b_staff)


@pytest.fixture
def make_account(db):  # noqa: ANN001, ANN201
    """make_account(role=None, organisation=None, person=None) -> User"""

    def make(role: str | None = None, organisation=None, person: Person | None = None):  # noqa: ANN001, ANN202
        user = UserFactory()
        if role:
            grant_role(user=user, role=role, organisation=organisation, actor=None)
        if person is not None:
            person.account = user
            person.save(update_fields=["account"])
        return user

    return make


@pytest.fixture
def web_client():  # noqa: ANN201
    """web_client(user) -> a Django test client signed in as ``user``."""

    def make(user) -> Client:  # noqa: ANN001
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


@pytest.fixture
def api_client():  # noqa: ANN201
    """api_client(user) -> an API client authenticating with a real token."""

    def make(user) -> APIClient:  # noqa: ANN001
        _, raw = create_token(user=user, actor=None)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
        return client

    return make


@pytest.fixture
def keep_connection_open(monkeypatch):  # noqa: ANN001, ANN201
    """Management commands close every connection when they finish (run_from_argv);
    the test's own connection, which holds its transaction, must stay open."""
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


@pytest.fixture
def default_framework(db):  # noqa: ANN001, ANN201
    """The embedded default framework, loaded."""
    import io

    from django.core.management import call_command

    from cadre.framework.models import Framework

    call_command("defaults_framework", stdout=io.StringIO())
    return Framework.objects.get(is_default=True)


SCRATCH_ALIAS = "scratch"


@pytest.fixture
def scratch_database(tmp_path, settings):  # noqa: ANN001, ANN201
    """A connection alias to an empty database beside the test database (a file on SQLite,
    a database of its own on PostgreSQL), for tests that run migrations themselves. Made
    here rather than in settings.DATABASES, so the test's own database checks leave it
    alone. On PostgreSQL the database is made and dropped over a connection of its own (to
    the server's maintenance database), so the test itself may keep its transaction."""
    import copy

    from django.db import connection, connections
    from django.db.utils import load_backend

    settings.MIGRATION_MODULES = {}  # the apps' migrations, even under --no-migrations
    settings_dict = copy.deepcopy(connection.settings_dict)
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        settings_dict["NAME"] = f"{connection.settings_dict['NAME']}_scratch"[:63]
        quoted = connection.ops.quote_name(settings_dict["NAME"])
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
            cursor.execute(f"CREATE DATABASE {quoted}")
    else:
        settings_dict["NAME"] = str(tmp_path / "scratch.sqlite3")
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, SCRATCH_ALIAS)
    connections[SCRATCH_ALIAS] = wrapper
    try:
        yield SCRATCH_ALIAS
    finally:
        wrapper.close()
        del connections[SCRATCH_ALIAS]
        if postgresql:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
