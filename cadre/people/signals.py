"""Accounts are linked to the one person with their work email when they sign in or
are created (``services.auto_link``; people made by a service are linked there)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from cadre.access.models import User
from cadre.people.services import auto_link


@receiver(user_logged_in, dispatch_uid="people-auto-link-on-sign-in")
def _link_on_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    auto_link(account=user)


@receiver(post_save, sender=User, dispatch_uid="people-auto-link-new-account")
def _link_new_account(sender: Any, instance: User, created: bool, raw: bool = False,
                      **kwargs: Any) -> None:
    if created and not raw:
        auto_link(account=instance)
