"""Writes for learning records over xAPI (issue 17 point 7).

``store_statements`` is the one way a statement gets in: it checks each statement
(``cadre.learning.xapi``), stores all of a request or none, and in the same transaction
applies what a statement means here: ``completed`` or ``passed`` on one of the provider's
own products by a person found by email marks that person's plan activities linked to
the product done (``assessments.services.set_activity_status``, which takes any actor;
the system actor is used, the audit event naming the provider) and adds one CPD record
(``accreditation.services.cpd.record_cpd`` with source ``learning_record``, which only the
system or the command line may use). A voiding statement removes the CPD record the
voided statement added (``delete_cpd``, the system actor) and leaves the activity's status
to the person. Statements and their effects are only ever inserted.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadre.accreditation.models import MAX_CPD_HOURS
from cadre.accreditation.services.cpd import delete_cpd, record_cpd
from cadre.assessments.models import Activity
from cadre.assessments.services import set_activity_status
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.core.inputs import check_text, invalid
from cadre.learning import xapi
from cadre.learning.models import (
    MAX_CREDENTIAL_LABEL,
    ActivityProduct,
    Product,
    Provider,
    ProviderCredential,
    StatementEffect,
    StoredStatement,
)
from cadre.learning.selectors import xapi as sel

#: Statements in one request at most (docs/limits.md).
MAX_BATCH = 100


class StatementConflict(Exception):
    """A statement id already stored with different content (HTTP 409)."""

    def __init__(self, statement_id: str) -> None:
        self.statement_id = statement_id
        super().__init__(f"Statement {statement_id} is already stored with different "
                         "content.")


# -- credentials -----------------------------------------------------------------------

def _may_run(actor: Actor) -> None:
    if not actor.trusted and not sel.runs_credentials(actor.user):
        raise PermissionDenied("Only the central team and administrators manage provider "
                               "credentials.")


@transaction.atomic
def create_credential(*, actor: Actor | Any, provider: Provider,
                      label: str) -> tuple[ProviderCredential, str]:
    """A new credential for ``provider``; returns it and its secret, which is not kept
    (only its hash) and so can be shown only now."""
    actor = Actor.coerce(actor)
    _may_run(actor)
    label = check_text((label or "").strip(), field="label", max_length=MAX_CREDENTIAL_LABEL)
    if not label:
        raise invalid("label", "Enter a label, such as the system that will use it.")
    key = "cx_" + secrets.token_hex(12)
    secret = secrets.token_urlsafe(32)
    credential = ProviderCredential(provider=provider, key=key,
                                    secret_hash=make_password(secret), label=label,
                                    created_by=actor.user)
    credential._history_user = actor.user
    credential.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=credential,
                 summary=f"xAPI credential {key} ({label}) made for {provider.name}",
                 data={"provider": provider.pk, "key": key})
    return credential, secret


@transaction.atomic
def revoke_credential(*, actor: Actor | Any, credential_id: int) -> ProviderCredential:
    """Stop a credential working, for good (revoking twice changes nothing)."""
    actor = Actor.coerce(actor)
    _may_run(actor)
    credential = (ProviderCredential.objects.select_for_update().select_related("provider")
                  .filter(pk=credential_id).first())
    if credential is None:
        raise invalid("credential", "No such credential.")
    if credential.revoked_at is None:
        credential.revoked_at = timezone.now()
        credential._history_user = actor.user
        credential.save(update_fields=["revoked_at"])
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=credential,
                     summary=f"xAPI credential {credential.key} of "
                             f"{credential.provider.name} revoked",
                     data={"provider": credential.provider_id, "key": credential.key})
    return credential


# -- plan activity links ---------------------------------------------------------------

def _may_link(actor: Actor, activity: Activity) -> None:
    if actor.trusted:
        return
    person = activity.objective.plan.person
    if not sel.may_see_learning_of(actor.user, person):
        raise PermissionDenied("Only the person and their line manager link their plan "
                               "activities.")


@transaction.atomic
def link_activity(*, actor: Actor | Any, activity: Activity,
                  product: Product | None) -> ActivityProduct | None:
    """Link a plan activity to a catalogue product with an xAPI id (or unlink it when
    ``product`` is None)."""
    actor = Actor.coerce(actor)
    activity = (Activity.objects.select_related("objective__plan__person")
                .get(pk=activity.pk))
    _may_link(actor, activity)
    current = ActivityProduct.objects.select_for_update().filter(activity=activity).first()
    if product is None:
        if current is not None:
            record_event(actor=actor, action=AuditEvent.Action.RECORD_DELETED,
                         target=current, summary=f"Activity '{activity}' no longer linked "
                                                 f"to {current.product.title}")
            current._history_user = actor.user
            current.delete()
        return None
    if not product.xapi_activity_id or product.withdrawn:
        raise invalid("product", "Choose a product its provider sends learning records for.")
    if current is not None:
        if current.product_id == product.pk:
            return current
        current.product = product
        current._history_user = actor.user
        current.save(update_fields=["product"])
        link = current
    else:
        link = ActivityProduct(activity=activity, product=product, created_by=actor.user)
        link._history_user = actor.user
        link.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=link,
                 summary=f"Activity '{activity}' linked to {product.title}",
                 data={"activity": activity.pk, "product": product.pk})
    return link


# -- statements ------------------------------------------------------------------------

def _authority(credential: ProviderCredential) -> dict:
    return {"objectType": "Agent", "name": credential.provider.name[:200],
            "account": {"homePage": settings.CADRE_SITE_URL.rstrip("/") + "/xapi/",
                        "name": credential.key}}


def _check_batch(statements: list[Any], statement_id: str | None) -> list[dict]:
    """Every statement checked (all problems named with the statement's index), ids given
    out and duplicates in the request refused."""
    if not isinstance(statements, list) or not statements:
        raise xapi.XapiError([("statements", "Send a statement or a list of statements.")])
    if len(statements) > MAX_BATCH:
        raise xapi.XapiError([("statements", f"Send {MAX_BATCH} statements or fewer at "
                                             "once.")])
    problems: list[tuple[str, str]] = []
    checked: list[dict] = []
    single = len(statements) == 1 and statement_id is not None
    for index, statement in enumerate(statements):
        try:
            xapi.check_statement(statement)
        except xapi.XapiError as exc:
            prefix = "" if len(statements) == 1 else f"[{index}]."
            problems += [(f"{prefix}{path}", message) for path, message in exc.problems]
            continue
        checked.append(statement)
    if problems:
        raise xapi.XapiError(problems)
    if single:
        given = checked[0].get("id")
        if given is not None and given.lower() != statement_id.lower():
            raise xapi.XapiError([("id", "must match the statementId parameter.")])
        checked[0] = {**checked[0], "id": statement_id.lower()}
    seen: set[str] = set()
    out = []
    for index, statement in enumerate(checked):
        ident = str(statement.get("id") or uuid.uuid4()).lower()
        if ident in seen:
            raise xapi.XapiError([(f"[{index}].id", "is given twice in this request.")])
        seen.add(ident)
        out.append({**statement, "id": ident})
    return out


def _check_voiding(provider: Provider, statements: list[dict]) -> None:
    """A voiding statement may not void a voiding statement (stored or in this request)."""
    voiding_here = {s["id"] for s in statements if xapi.voided_target(s)}
    for index, statement in enumerate(statements):
        target = xapi.voided_target(statement)
        if not target:
            continue
        path = "object.id" if len(statements) == 1 else f"[{index}].object.id"
        if target in voiding_here or StoredStatement.objects.filter(
                provider=provider, statement_id=target, voids__isnull=False).exists():
            raise xapi.XapiError([(path, "A voiding statement cannot void another voiding "
                                         "statement.")])


def _completed_on(statement: dict, stored: dt.datetime) -> dt.date:
    moment = xapi.parse_timestamp(statement.get("timestamp", "")) or stored
    return min(timezone.localdate(moment), timezone.localdate(stored))


def _apply_completion(row: StoredStatement, statement: dict) -> None:
    """A completing statement: plan activities done and one CPD record."""
    if row.verb_id not in xapi.COMPLETING_VERBS or row.person is None:
        return
    if statement["object"].get("objectType", "Activity") != "Activity":
        return
    product = sel.product_for_activity_id(row.provider, row.object_id)
    if product is None:
        return
    if sel.is_voided(row.provider, row.statement_id):
        return  # the voiding statement came first
    system = Actor.system()
    for activity in sel.linked_activities(row.person, product).select_for_update():
        if activity.status != Activity.Status.DONE:
            set_activity_status(actor=system, activity=activity, status=Activity.Status.DONE)
            StatementEffect.objects.create(statement=row,
                                           kind=StatementEffect.Kind.ACTIVITY_DONE,
                                           activity=activity)
    hours = product.duration_hours
    note = ""
    if hours > MAX_CPD_HOURS:
        note = (f" The product takes {hours} hours; a CPD record holds at most "
                f"{MAX_CPD_HOURS}.")
        hours = Decimal(MAX_CPD_HOURS)
    verb = "Passed" if row.verb_id == xapi.PASSED else "Completed"
    try:
        record = record_cpd(
            actor=system, person=row.person, activity=product.title[:200], category="formal",
            completed_on=_completed_on(statement, row.stored_at), hours=hours,
            evidence=(f"{verb} {product.title} with {row.provider.name}: learning record "
                      f"(xAPI statement {row.statement_id}).{note}"),
            link=product.url or "", source="learning_record")
    except ValidationError:
        return  # e.g. completed more than ten years ago: no CPD, the statement still stands
    StatementEffect.objects.create(statement=row, kind=StatementEffect.Kind.CPD_ADDED,
                                   cpd_record_id=record.pk)


def _apply_voiding(row: StoredStatement) -> None:
    """Remove the CPD records the voided statement (same provider) added."""
    target = StoredStatement.objects.filter(provider=row.provider,
                                            statement_id=row.voids).first()
    if target is None:
        return
    from cadre.accreditation.models import CpdRecord

    for record_id in sel.cpd_added_by(target):
        if CpdRecord.objects.filter(pk=record_id).exists():
            delete_cpd(actor=Actor.system(), record_id=record_id)
            StatementEffect.objects.create(statement=row, kind=StatementEffect.Kind.CPD_REMOVED,
                                           cpd_record_id=record_id)


def _store_one(credential: ProviderCredential, statement: dict, now: dt.datetime) -> bool:
    """Insert one statement (True), or find the same one already stored (False); a
    different one with its id is a ``StatementConflict``."""
    ident = statement["id"]
    existing = StoredStatement.objects.filter(statement_id=ident).first()
    if existing is None:
        body = xapi.stored_form(statement, statement_id=ident, stored=now,
                                authority=_authority(credential))
        voids = xapi.voided_target(statement)
        row = StoredStatement(
            statement_id=ident, provider=credential.provider, credential=credential,
            body=body, actor_email=xapi.actor_email(statement["actor"])[:254],
            actor_key=xapi.agent_key(statement["actor"]),
            verb_id=statement["verb"]["id"], object_id=xapi.object_id(statement).lower()
            if voids else xapi.object_id(statement), voids=voids or None, stored_at=now)
        row.person = sel.person_for_email(row.actor_email)
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            existing = StoredStatement.objects.filter(statement_id=ident).first()
            if existing is None:
                raise
        else:
            if voids:
                _apply_voiding(row)
            else:
                _apply_completion(row, statement)
            return True
    kept = dict(existing.body)
    if "timestamp" not in statement and kept.get("timestamp") == kept.get("stored"):
        kept.pop("timestamp", None)  # the store filled it in: the sender gave none either
    if existing.provider_id != credential.provider_id or \
            not xapi.same_statement(kept, statement):
        raise StatementConflict(ident)
    return False


@transaction.atomic
def store_statements(*, credential: ProviderCredential, statements: list[Any],
                     statement_id: str | None = None) -> list[str]:
    """Store a request's statements, all or none; returns their ids in order.

    ``statement_id`` is PUT's ``statementId`` (one statement). Raises ``XapiError`` (400)
    or ``StatementConflict`` (409); a statement already stored with the same content is
    accepted again without a second copy or a second effect.
    """
    if credential.revoked_at is not None:
        raise PermissionDenied("This credential has been revoked.")
    checked = _check_batch(statements, statement_id)
    _check_voiding(credential.provider, checked)
    now = timezone.now()
    new = [s["id"] for s in checked if _store_one(credential, s, now)]
    if new:
        record_event(actor=Actor.system(), action=AuditEvent.Action.RECORD_CREATED,
                     summary=f"{len(new)} learning record(s) from "
                             f"{credential.provider.name} (credential {credential.key})",
                     data={"provider": credential.provider_id, "credential": credential.key,
                           "statements": new[:20]})
    return [s["id"] for s in checked]
