"""What the home page lists from people: the own record, accounts waiting for a person."""

from __future__ import annotations

from collections.abc import Sequence

from cadre.access.models import User
from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.core.todo import HomeItem
from cadre.people.selectors import own_person


def waiting(user: object) -> Sequence[HomeItem]:
    """For administrators: active accounts with only the professional role (or none) and
    no person record, which cannot do anything until they are linked."""
    if not scope_for(user).has(Role.ADMINISTRATOR):
        return []
    others = [r for r in Role.values if r != Role.PROFESSIONAL]
    count = (User.objects.filter(is_active=True, is_superuser=False, person__isnull=True)
             .exclude(role_assignments__role__in=others).count())
    return [HomeItem("Accounts waiting to be linked to a person record", "people:link-account",
                     count=count)]


def own(user: object) -> Sequence[HomeItem]:
    me = own_person(user)
    if me is None:
        return []
    where = ", ".join(x for x in (me.job_title, me.organisation.name) if x)
    return [HomeItem(f"Your person record ({me.full_name})", "people:detail", (me.pk,),
                     hint=where)]
