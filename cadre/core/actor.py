"""Who is making a change: a signed-in account, or someone at the command line.

Every service takes an ``Actor`` so the audit trail and record history name the
person responsible. A command-line actor carries the operating-system user's name
(``cli:root``), so work done with ``cadre ...`` is no longer anonymous "system".
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Any, Literal

ActorKind = Literal["user", "command_line", "system", "anonymous"]


def _os_user() -> str:
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # noqa: BLE001 - no login name (e.g. a container without passwd entry)
        return "unknown"


@dataclass(frozen=True)
class Actor:
    """One account (``kind="user"``), the command line (with the OS user), or the system.

    The system actor is for work nobody started by hand (tests, data migrations,
    scheduled jobs); prefer the command-line actor in management commands.
    """

    kind: ActorKind
    account: Any = None  # the User for kind "user"
    os_user: str = ""

    @classmethod
    def for_user(cls, user: Any) -> Actor:
        """The actor for a signed-in account."""
        if user is None or not getattr(user, "is_authenticated", False):
            raise ValueError("An account actor needs a signed-in account.")
        return cls(kind="user", account=user)

    @classmethod
    def command_line(cls, os_user: str | None = None) -> Actor:
        """The actor for a management command, named after the operating-system user."""
        return cls(kind="command_line", os_user=os_user or _os_user())

    @classmethod
    def system(cls) -> Actor:
        """The actor for work that nobody started by hand."""
        return cls(kind="system")

    @classmethod
    def coerce(cls, value: Actor | Any | None) -> Actor:
        """An ``Actor`` from an Actor, a User (an account actor) or None (the system).

        Kept while callers move from passing a User (or None) to passing an Actor. A
        signed-out visitor becomes the anonymous actor, which may do nothing.
        """
        if isinstance(value, Actor):
            return value
        if value is None:
            return cls.system()
        if not getattr(value, "is_authenticated", False):
            return cls(kind="anonymous")
        return cls.for_user(value)

    @property
    def user(self) -> Any:
        """The account, or None for the command line and the system."""
        return self.account if self.kind == "user" else None

    @property
    def is_user(self) -> bool:
        return self.kind == "user"

    @property
    def is_command_line(self) -> bool:
        return self.kind == "command_line"

    @property
    def is_system(self) -> bool:
        return self.kind == "system"

    @property
    def trusted(self) -> bool:
        """The command line and the system act with the service's own rights."""
        return self.kind in ("command_line", "system")

    @property
    def label(self) -> str:
        """How the audit trail names the actor: the email, ``cli:<osuser>`` or ``system``."""
        if self.kind == "user":
            return str(getattr(self.account, "email", "") or f"user:{self.account.pk}")
        if self.kind == "command_line":
            return f"cli:{self.os_user}"
        return self.kind

    def __str__(self) -> str:
        return self.label


def command_line_actor() -> Actor:
    """The actor for the management command being run."""
    return Actor.command_line()


def history_user(actor: Actor | Any | None) -> Any:
    """The account to record as django-simple-history's history user (None if not an account).

    Accepts an ``Actor``, a User or None, so services can pass whatever they were given.
    """
    return Actor.coerce(actor).user
