"""The rules the permission map attaches to each URL.

A rule answers one coarse question about the account ("may this kind of user
open this page at all?"). Which records they then see is decided by the
selectors; these rules never grant access to data on their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cadre.access.roles import Role
from cadre.access.scope import Scope, scope_for


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    test: Callable[[object, Scope], bool]
    allows_anonymous: bool = False

    def allows(self, user: object) -> bool:
        if self.allows_anonymous:
            return True
        scope = scope_for(user)
        return scope.authenticated and self.test(user, scope)


def _has_person(user: object) -> bool:
    # The reverse one-to-one from people.Person; access does not import people.
    try:
        return user.person is not None  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist
        return False


PUBLIC = Rule("public", "Anyone, signed in or not.", lambda u, s: True, allows_anonymous=True)
SIGNED_IN = Rule("signed_in", "Any signed-in account.", lambda u, s: True)
NAMED_RECORDS = Rule(
    "named_records",
    "Accounts that may see named people: anyone with a person record or a role other "
    "than analyst. Selectors then narrow to the records in scope.",
    lambda u, s: _has_person(u) or bool(s.roles - {Role.ANALYST}),
)
PEOPLE_MANAGERS = Rule(
    "people_managers",
    "Heads of profession (their organisations), the central team and administrators.",
    lambda u, s: s.has(Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
)
AGGREGATES = Rule(
    "aggregates",
    "Analysts, heads of profession, the central team and administrators (suppressed counts).",
    lambda u, s: s.has(
        Role.ANALYST, Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR
    ),
)
CAPABILITY_COUNTS = Rule(
    "capability_counts",
    "Accounts that see skill coverage as suppressed counts: everyone in AGGREGATES, and "
    "learning leads, who plan learning from it (ADR 23).",
    lambda u, s: s.has(Role.ANALYST, Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM,
                       Role.ADMINISTRATOR, Role.LEARNING_LEAD),
)
CENTRAL = Rule(
    "central",
    "The central profession team and administrators.",
    lambda u, s: s.has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
)
ADMINISTRATOR = Rule(
    "administrator", "Administrators only.", lambda u, s: s.has(Role.ADMINISTRATOR)
)
ACCOUNT_LINKERS = Rule(
    "account_linkers",
    "Administrators and heads of profession, who link accounts to person records "
    "(heads of profession for their organisations' people).",
    lambda u, s: s.has(Role.ADMINISTRATOR, Role.HEAD_OF_PROFESSION),
)

#: A permission-map entry: one rule for every method, or a rule per HTTP method.
Entry = Rule | dict[str, Rule]
