"""Preference saves (and changes to their lists) bump the person's organisation (ADR 27)."""

from __future__ import annotations

from typing import Any

from cadre.core import stamps


def connect() -> None:
    from django.db.models.signals import m2m_changed

    from cadre.assessments.cache_versions import organisation_of_person
    from cadre.mobility.models import MobilityPreference

    stamps.watch(MobilityPreference, lambda row: organisation_of_person(row.person_id))

    def lists_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
        if action.startswith("post_") and isinstance(instance, MobilityPreference):
            stamps.bump(organisation_of_person(instance.person_id))
        elif action.startswith("post_"):  # changed from the other side: any preference
            stamps.bump_all()

    for name in ("locations", "grades", "role_families"):
        m2m_changed.connect(lists_changed, sender=getattr(MobilityPreference, name).through,
                            weak=False, dispatch_uid=f"cadre-stamp-preference-{name}")
