"""``cadre access`` and ``cadre token``: grant, revoke and list roles; create and revoke tokens."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.access.models import ApiToken, User
from cadre.access.roles import Role
from cadre.access.scope import scope_for

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_grant_list_and_revoke_a_role(org_a) -> None:  # noqa: ANN001
    out = run("access", "grant", "--email", "hop@example.gov.uk", "--role",
              Role.HEAD_OF_PROFESSION, "--organisation", "da")
    assert out.startswith("Created account hop@example.gov.uk;")
    user = User.objects.get(email="hop@example.gov.uk")
    assert scope_for(user).manages(org_a)
    assert "hop@example.gov.uk: " in run("access", "list", "--email", "HOP@example.gov.uk")
    out = run("access", "revoke", "--email", "hop@example.gov.uk", "--role",
              Role.HEAD_OF_PROFESSION, "--organisation", "DA")
    assert out.strip() == f"Revoked {Role.HEAD_OF_PROFESSION} from hop@example.gov.uk."
    assert "no roles" in run("access", "list", "--email", "hop@example.gov.uk")
    with pytest.raises(CommandError, match="No such current role assignment"):
        run("access", "revoke", "--email", "hop@example.gov.uk", "--role",
            Role.HEAD_OF_PROFESSION, "--organisation", "DA")


def test_a_refused_grant_names_the_field_and_changes_nothing(db) -> None:  # noqa: ANN001
    with pytest.raises(CommandError) as caught:
        run("access", "grant", "--email", "hop@example.gov.uk", "--role",
            Role.HEAD_OF_PROFESSION)
    assert str(caught.value).startswith("Nothing was changed:\n  organisation: ")
    with pytest.raises(CommandError, match="No organisation 'NOPE'"):
        run("access", "grant", "--email", "x@example.gov.uk", "--role",
            Role.HEAD_OF_PROFESSION, "--organisation", "NOPE")
    assert not User.objects.filter(email="hop@example.gov.uk").exists()


def test_create_and_revoke_tokens(make_account) -> None:  # noqa: ANN001
    user = make_account(Role.ANALYST)
    raw = run("token", "create", "--email", user.email.upper()).strip()
    assert raw and ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() == 1
    assert run("token", "revoke", "--email", user.email).strip() == (
        f"Revoked 1 token(s) for {user.email}.")
    assert not ApiToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    with pytest.raises(CommandError, match="No account for nobody@example.gov.uk"):
        run("token", "create", "--email", "nobody@example.gov.uk")
