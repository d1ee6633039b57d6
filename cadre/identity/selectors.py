"""Reads for sign-in administration: which organisations still allow local passwords."""

from __future__ import annotations

import hashlib

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from cadre.identity.models import OrganisationSignIn
from cadre.identity.providers import all_providers
from cadre.organisations.models import Organisation
from cadre.people.models import Person


def organisations_without_local_passwords() -> list[str]:
    """Abbreviations of the organisations whose people may not use local passwords."""
    return list(OrganisationSignIn.objects.filter(local_passwords=False)
                .order_by("organisation__abbreviation")
                .values_list("organisation__abbreviation", flat=True))


def organisations_with_sign_in(*, search: str = "") -> QuerySet[Organisation]:
    """Every organisation with its sign-in rule: ``passwords_off`` (bool) and
    ``sign_in_changed_at`` (None while it has never been changed), by name."""
    rules = OrganisationSignIn.objects.filter(organisation=OuterRef("pk"))
    organisations = Organisation.objects.annotate(
        passwords_off=Exists(rules.filter(local_passwords=False)),
        sign_in_changed_at=Subquery(rules.values("changed_at")[:1]),
    ).order_by("name")
    if search:
        organisations = organisations.filter(Q(name__icontains=search)
                                             | Q(abbreviation__icontains=search))
    return organisations


def organisation_with_sign_in(pk: int) -> Organisation | None:
    return organisations_with_sign_in().filter(pk=pk).first()


def local_passwords_allowed_for(organisation: Organisation) -> bool:
    return not OrganisationSignIn.objects.filter(organisation=organisation,
                                                 local_passwords=False).exists()


def sign_in_version(organisation: Organisation) -> str:
    """A token that changes whenever the organisation's sign-in rule changes (the API's
    ``ETag``); the same for "no rule yet" and "never changed"."""
    rule = OrganisationSignIn.objects.filter(organisation=organisation).first()
    parts = [str(organisation.pk), "on" if rule is None or rule.local_passwords else "off",
             rule.changed_at.isoformat() if rule is not None else ""]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def password_holders(organisation: Organisation) -> dict[str, int]:
    """How switching local passwords off would touch the organisation's people: those
    with an account (``accounts``), those of them with a password set (``passwords``),
    and those with an email address a configured provider serves (``served``)."""
    emails = list(Person.objects.filter(organisation=organisation, account__isnull=False)
                  .values_list("account__email", "account__password"))
    providers = all_providers()
    return {
        "accounts": len(emails),
        "passwords": sum(1 for _, password in emails
                         if password and not password.startswith("!")),
        "served": sum(1 for email, _ in emails if any(p.serves(email) for p in providers)),
    }
