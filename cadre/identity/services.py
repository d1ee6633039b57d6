"""Writes for provider sign-in: finding or creating the account for a verified identity,
and switching local passwords off or on for an organisation. Audited."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadre.access.emails import normalise_email
from cadre.access.models import User
from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.core.versions import StaleVersion
from cadre.identity.errors import SignInRefused
from cadre.identity.models import OrganisationSignIn, ProviderIdentity
from cadre.identity.providers import Provider
from cadre.identity.selectors import sign_in_version
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.people.selectors import current_filter
from cadre.people.services import auto_link

NO_PERSON = ("Your email address does not match anyone in Cadre. Ask your head of "
             "profession to check the email on your record, or to invite you.")


def _verified(claims: dict[str, Any]) -> bool:
    value = claims.get("email_verified")
    if value is None:
        # Microsoft Entra ID sends no email_verified for work accounts; its optional claim
        # xms_edov says the tenant verified the email's domain (the domain is also
        # checked against the provider's domains).
        value = claims.get("xms_edov")
    return value is True or (isinstance(value, str) and value.lower() == "true")


def account_for_claims(*, provider: Provider, claims: dict[str, Any]) -> User:
    """The account for a verified identity from ``provider``, created and linked to its
    person on the first sign-in.

    Found by the identity bound earlier (issuer and subject) or else by the verified email:
    an existing account (an invitation, or one made by ``cadre access grant``) is bound to
    the identity; with no account, one is created only when the email is the work email of
    exactly one current person without an account, and linked to them. Roles are never
    taken from the provider. Anything else raises ``SignInRefused``.
    """
    subject = str(claims.get("sub") or "")
    email = normalise_email(claims.get("email"))
    if not subject or not email:
        raise SignInRefused("no_email", "Your organisation's sign-in service did not send "
                            "your email address.")
    if not _verified(claims):
        raise SignInRefused("unverified_email", "Your organisation's sign-in service has "
                            "not verified your email address.")
    if not provider.serves(email):
        raise SignInRefused("domain_not_served", f"{provider.name} does not sign in "
                            "people with that email address.")
    with transaction.atomic():
        identity = (ProviderIdentity.objects.select_for_update().select_related("user")
                    .filter(issuer=provider.issuer, subject=subject).first())
        if identity is not None:
            user = identity.user
        else:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = _create_for_person(provider=provider, email=email, claims=claims)
            elif ProviderIdentity.objects.filter(user=user, issuer=provider.issuer).exists():
                raise SignInRefused("subject_mismatch", "This email address is bound to a "
                                    "different identity at your sign-in service.")
            try:
                with transaction.atomic():
                    identity = ProviderIdentity.objects.create(
                        user=user, provider=provider.key, issuer=provider.issuer,
                        subject=subject)
            except IntegrityError as exc:  # bound meanwhile by a parallel sign-in
                raise SignInRefused("subject_mismatch", "This identity is already bound "
                                    "to another account.") from exc
            record_event(actor=Actor.system(), action=AuditEvent.Action.ACCOUNT_UPDATED,
                         target=user, summary=f"Account {user.email} bound to its "
                         f"{provider.name} identity",
                         data={"provider": provider.key, "issuer": provider.issuer})
        if not user.is_active:
            raise SignInRefused("inactive_account", "Your Cadre account has been "
                                "deactivated.")
        identity.last_signed_in_at = timezone.now()
        identity.save(update_fields=["last_signed_in_at"])
    return user


def _create_for_person(*, provider: Provider, email: str, claims: dict[str, Any]) -> User:
    matches = list(Person.objects.filter(current_filter(), email__iexact=email)
                   .values_list("pk", "account_id")[:2])
    if len(matches) != 1 or matches[0][1] is not None:
        raise SignInRefused("no_person", NO_PERSON)
    user = User(email=email, display_name=str(claims.get("name") or "")[:200])
    user.set_unusable_password()
    user.save()  # the account signal links it to the person (people.services.auto_link)
    record_event(actor=Actor.system(), action=AuditEvent.Action.ACCOUNT_CREATED, target=user,
                 summary=f"Account {email} created at first sign-in through {provider.name}",
                 data={"provider": provider.key})
    if not Person.objects.filter(account=user).exists() and auto_link(account=user) is None:
        raise SignInRefused("no_person", NO_PERSON)
    return user


def local_passwords_allowed(user: Any) -> bool:
    """Whether ``user`` may sign in with a password: always for administrators (the
    break-glass accounts) and accounts not linked to a person; otherwise unless their
    organisation switched local passwords off."""
    if getattr(user, "is_superuser", False) or scope_for(user).has(Role.ADMINISTRATOR):
        return True
    organisation_id = (Person.objects.filter(account=user)
                       .values_list("organisation_id", flat=True).first())
    if organisation_id is None:
        return True
    return not OrganisationSignIn.objects.filter(organisation_id=organisation_id,
                                                 local_passwords=False).exists()


@transaction.atomic
def set_local_passwords(*, actor: Actor | Any, organisation: Any, allowed: bool,
                        if_match: Collection[str] | None = None) -> OrganisationSignIn:
    """Switch local passwords on or off for an organisation's people (administrators and
    the command line only; the page, the API and ``cadre identity passwords`` all come
    here). ``if_match``: the versions (``selectors.sign_in_version``) the caller read; a
    rule changed since raises ``StaleVersion``."""
    actor = Actor.coerce(actor)
    if not (actor.trusted or (actor.is_user and scope_for(actor.user).has(Role.ADMINISTRATOR))):
        raise PermissionDenied("Only administrators change how an organisation signs in.")
    # Lock the organisation: two changes at once are taken one after the other.
    list(Organisation.objects.select_for_update().filter(pk=organisation.pk)
         .values_list("pk", flat=True))
    if if_match is not None:
        current = sign_in_version(organisation)
        if "*" not in if_match and current not in if_match:
            raise StaleVersion(current)
    rule = (OrganisationSignIn.objects.select_for_update().filter(organisation=organisation)
            .first() or OrganisationSignIn(organisation=organisation, changed_at=None))
    if rule.local_passwords != allowed:
        rule.local_passwords = allowed
        rule.changed_at = timezone.now()
        rule.save()
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=rule,
                     summary=f"Local passwords {'allowed' if allowed else 'switched off'} "
                     f"for {organisation.abbreviation}",
                     data={"organisation": organisation.abbreviation, "allowed": allowed})
    return rule
