"""Reads of learning records (issue 17 point 7), scoped to whoever asks.

A provider's credential reads only that provider's statements. On the pages: the central
team and administrators see every provider's credentials and statements; learning leads
see the credentials and the statements about people in their organisations; a person
sees their own records; a person or their line manager sees and links the person's plan
activities.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.db.models import Q, QuerySet

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.learning.models import (
    ActivityProduct,
    Product,
    Provider,
    ProviderCredential,
    StatementEffect,
    StoredStatement,
)
from cadre.people.models import Person

#: Statements one GET returns at most (``limit=0`` means this many).
MAX_PAGE = 100
_DUMMY_HASH = make_password("not-a-real-secret")


def runs_credentials(user: Any) -> bool:
    """The central team and administrators create and revoke provider credentials."""
    return scope_for(user).has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR)


def sees_all_statements(user: Any) -> bool:
    return scope_for(user).has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR)


def person_of(user: Any) -> Person | None:
    try:
        return user.person
    except Exception:  # noqa: BLE001 - no linked person (RelatedObjectDoesNotExist, anonymous)
        return None


# -- credentials -----------------------------------------------------------------------

def authenticate(key: str, secret: str) -> ProviderCredential | None:
    """The active credential with this key and secret, else None (a hash is checked either
    way, so a wrong key takes as long as a wrong secret)."""
    credential = (ProviderCredential.objects.select_related("provider")
                  .filter(key=key[:40]).first())
    if credential is None:
        check_password(secret, _DUMMY_HASH)
        return None
    if not check_password(secret, credential.secret_hash) or credential.revoked_at:
        return None
    return credential


def providers_for(user: Any) -> QuerySet[Provider]:
    """Providers whose credentials the account may list (every supply role sees all)."""
    scope = scope_for(user)
    if not scope.has(Role.LEARNING_LEAD, Role.CENTRAL_TEAM, Role.ADMINISTRATOR):
        return Provider.objects.none()
    return Provider.objects.order_by("name")


def credentials_of(user: Any, provider: Provider) -> QuerySet[ProviderCredential]:
    if not providers_for(user).filter(pk=provider.pk).exists():
        return ProviderCredential.objects.none()
    return provider.xapi_credentials.order_by("revoked_at", "-created_at")


# -- statements ------------------------------------------------------------------------

def statements_seen_by(user: Any) -> QuerySet[StoredStatement]:
    """Statements on the pages: all for the central team and administrators; learning leads
    those about people in their organisations; nobody else any."""
    scope = scope_for(user)
    base = StoredStatement.objects.select_related("provider", "person")
    if sees_all_statements(user):
        return base
    organisations = scope.organisations_for(Role.LEARNING_LEAD)
    if organisations:
        return base.filter(person__organisation_id__in=organisations)
    return base.none()


def statements_of_provider(provider: Provider) -> QuerySet[StoredStatement]:
    return StoredStatement.objects.filter(provider=provider)


def voided_ids(provider: Provider, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Which of ``ids`` a voiding statement of this provider names."""
    return set(StoredStatement.objects.filter(provider=provider, voids__in=ids)
               .values_list("voids", flat=True))


def voided_among(rows: list[StoredStatement]) -> set[int]:
    """The pks of those ``rows`` that a voiding statement of their own provider names."""
    wanted = {(r.provider_id, r.statement_id): r.pk for r in rows}
    if not wanted:
        return set()
    found = StoredStatement.objects.filter(
        voids__in=[key[1] for key in wanted],
        provider_id__in={key[0] for key in wanted}).values_list("provider_id", "voids")
    return {wanted[key] for key in found if key in wanted}


def is_voided(provider: Provider, statement_id: uuid.UUID) -> bool:
    return StoredStatement.objects.filter(provider=provider, voids=statement_id).exists()


def find_statement(provider: Provider, statement_id: uuid.UUID, *,
                   voided: bool) -> StoredStatement | None:
    """``statementId`` (not voided) or ``voidedStatementId`` (voided) of this provider."""
    found = StoredStatement.objects.filter(provider=provider,
                                           statement_id=statement_id).first()
    if found is None or is_voided(provider, found.statement_id) != voided:
        return None
    return found


def query_statements(provider: Provider, *, agent_key: str = "", verb: str = "",
                     activity: str = "", since: Any = None, until: Any = None,
                     ascending: bool = False, after_pk: int | None = None,
                     limit: int = MAX_PAGE) -> tuple[list[StoredStatement], bool]:
    """One page of the provider's statements (voided ones left out) and whether more
    follow."""
    rows = StoredStatement.objects.filter(provider=provider).exclude(
        statement_id__in=StoredStatement.objects.filter(provider=provider,
                                                        voids__isnull=False)
        .values("voids"))
    if agent_key:
        rows = rows.filter(Q(actor_key=agent_key) | Q(object_id=agent_key))
    if verb:
        rows = rows.filter(verb_id=verb)
    if activity:
        rows = rows.filter(object_id=activity)
    if since is not None:
        rows = rows.filter(stored_at__gt=since)
    if until is not None:
        rows = rows.filter(stored_at__lte=until)
    if after_pk is not None:
        rows = rows.filter(pk__gt=after_pk) if ascending else rows.filter(pk__lt=after_pk)
    rows = rows.order_by("pk" if ascending else "-pk")
    page = list(rows[: limit + 1])
    return page[:limit], len(page) > limit


# -- effects: products, people, plan activities ------------------------------------------

def product_for_activity_id(provider: Provider, activity_id: str) -> Product | None:
    """The provider's own product with this xAPI activity id."""
    if not activity_id:
        return None
    return Product.objects.filter(provider=provider, xapi_activity_id=activity_id).first()


def person_for_email(email: str) -> Person | None:
    """The person whose account email, or else whose own email, is this one (only when
    exactly one person matches)."""
    if not email:
        return None
    by_account = list(Person.objects.filter(account__email__iexact=email)[:2])
    if len(by_account) == 1:
        return by_account[0]
    by_email = list(Person.objects.filter(email__iexact=email)[:2])
    return by_email[0] if len(by_email) == 1 else None


def linked_activities(person: Person, product: Product) -> QuerySet:
    """The person's plan activities linked to the product."""
    from cadre.assessments.models import Activity

    return Activity.objects.filter(learning_product__product=product,
                                   objective__plan__person=person).order_by("pk")


def cpd_added_by(statement: StoredStatement) -> list[int]:
    return list(statement.effects.filter(kind=StatementEffect.Kind.CPD_ADDED,
                                         cpd_record_id__isnull=False)
                .values_list("cpd_record_id", flat=True))


# -- a person's records and plan links -------------------------------------------------

def may_see_learning_of(user: Any, person: Person) -> bool:
    """The person themselves and their line manager."""
    me = person_of(user)
    return me is not None and (me.pk == person.pk or person.line_manager_id == me.pk)


def records_of(user: Any, person: Person) -> QuerySet[StoredStatement]:
    """Statements about the person, newest first; none unless they are the user's own."""
    me = person_of(user)
    if me is None or me.pk != person.pk:
        return StoredStatement.objects.none()
    return (StoredStatement.objects.filter(person=person).select_related("provider")
            .prefetch_related("effects").order_by("-stored_at", "-pk"))


def plan_activities_of(user: Any, person: Person) -> QuerySet:
    """The person's plan activities with their linked product, for the person and their
    line manager."""
    from cadre.assessments.models import Activity

    if not may_see_learning_of(user, person):
        return Activity.objects.none()
    return (Activity.objects.filter(objective__plan__person=person)
            .select_related("objective__skill", "objective__target_level",
                            "learning_product__product__provider")
            .order_by("objective__target_date", "objective_id", "pk"))


def linkable_products() -> QuerySet[Product]:
    """Products a plan activity may be linked to: those with an xAPI activity id, not
    withdrawn."""
    return (Product.objects.filter(withdrawn=False).exclude(xapi_activity_id="")
            .select_related("provider").order_by("title", "provider__name"))


def link_of(activity_id: int) -> ActivityProduct | None:
    return ActivityProduct.objects.filter(activity_id=activity_id).first()
