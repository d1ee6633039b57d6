"""Writes for the internal-first policy and people's mobility preferences. Audited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cadre.core.actor import Actor
from cadre.core.updates import lock_row
from cadre.mobility.models import MobilityPolicy, MobilityPreference
from cadre.mobility.services.authorisation import audit, is_central, save
from cadre.organisations.models import Grade, Location
from cadre.people.models import Person


def current_policy() -> MobilityPolicy:
    """The policy row (an unsaved default of 28 days when there is none)."""
    return MobilityPolicy.objects.order_by("pk").first() or MobilityPolicy(internal_days=28)


@transaction.atomic
def set_policy(*, actor: Actor | Any, internal_days: int) -> MobilityPolicy:
    """Set the number of days a vacancy must be open inside government first (central team)."""
    actor = Actor.coerce(actor)
    if not is_central(actor):
        raise PermissionDenied("Only the central team sets the mobility policy.")
    if isinstance(internal_days, bool) or not isinstance(internal_days, int) \
            or not 0 <= internal_days <= 365:
        raise ValidationError({"internal_days": "Give a whole number of days from 0 to 365."})
    policy = current_policy()
    if policy.pk:
        policy = lock_row(policy)
    before = policy.internal_days if policy.pk else None
    policy.internal_days = internal_days
    policy.updated_by = actor.user
    save(actor, policy)
    audit(actor, policy, f"Mobility policy: internal for {internal_days} days",
          before=before, after=internal_days)
    return policy


def _ids(items: Iterable[Any]) -> list[int]:
    return sorted({getattr(item, "pk", item) for item in items})


@transaction.atomic
def set_preference(*, actor: Actor | Any, person: Person, open_to_opportunities: bool,
                   locations: Iterable[Location] = (), grades: Iterable[Grade] = (),
                   role_families: Iterable[Any] = ()) -> MobilityPreference:
    """A person's own choice to be named to hiring organisations, and where they would go.

    The preference row is locked, so two saves at once apply one after the other; only
    what changed is written.
    """
    actor = Actor.coerce(actor)
    if not actor.trusted and (actor.user is None or person.account_id != actor.user.pk):
        raise PermissionDenied("People set their own mobility preference.")
    pref, created = MobilityPreference.objects.get_or_create(person=person)
    pref = lock_row(pref)
    pref._history_user = actor.user
    if pref.open_to_opportunities != bool(open_to_opportunities):
        pref.open_to_opportunities = bool(open_to_opportunities)
        save(actor, pref, update_fields=["open_to_opportunities", "updated_at"])
    wanted = {"locations": _ids(locations), "grades": _ids(grades),
              "role_families": _ids(role_families)}
    for name, ids in wanted.items():
        related = getattr(pref, name)
        if sorted(related.values_list("pk", flat=True)) != ids:
            related.set(ids)
    audit(actor, pref, f"Mobility preference of {person.staff_number}: "
          f"{'open' if pref.open_to_opportunities else 'not open'} to opportunities",
          created=created, open=pref.open_to_opportunities, **wanted)
    return pref
