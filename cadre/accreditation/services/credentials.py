"""Awards and their credentials (issue 16 point 5): issuing, status changes, the signing key.

``issue_award`` creates the award when a panel (or an appeal panel) awards; it is the only
way an ``Award`` is made. ``transition_award`` is the only way its status changes
(suspend, reinstate, revoke, renew); it locks the row (ADR 14). The status lists are
computed from the awards' statuses whenever they are published, so a status change shows
in them at once.

The signing key: an Ed25519 key. When the environment variable ``CADRE_CREDENTIAL_KEY``
holds a PEM private key, that key signs and only its public part is stored. Otherwise a
key is made on first use and its private part stored encrypted (PEM, encrypted with a
key derived from ``SECRET_KEY``). Retired keys stay in the key set so earlier credentials
still verify.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from joserfc.jwk import OKPKey

from cadre.accreditation import openbadges, status_list, vcjwt
from cadre.accreditation.models import STATUS_LIST_SIZE, Application, Award, SigningKey
from cadre.accreditation.selectors import credentials as sel
from cadre.accreditation.selectors.common import person_id_of
from cadre.accreditation.services.common import require_scheme_runner
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import REASON_TEXT, check_text
from cadre.core.workflow import run_transition

#: Environment variable holding the service's Ed25519 private key (PEM).
KEY_ENV = "CADRE_CREDENTIAL_KEY"
AWARD_ACTIONS = ("suspend", "reinstate", "revoke", "renew")
#: Steps that must say why (shown on the public page).
REASON_NEEDED = frozenset({"suspend", "revoke"})
_ISSUABLE_STATES = (Application.State.PANEL, Application.State.APPEALED,
                    Application.State.AWARDED)
_INDEX_TRIES = 20


def add_months(day: dt.date, months: int) -> dt.date:
    """The date ``months`` after ``day`` (the last day of a shorter month when needed)."""
    return day + relativedelta(months=months)


def _free_status_index() -> int:
    """A random unused position in the status lists (random, not sequential, so a
    position says nothing about when or to whom an award was made)."""
    used = set(Award.objects.values_list("status_index", flat=True))
    if len(used) >= STATUS_LIST_SIZE:
        raise ValidationError("The credential status list is full.")
    while True:
        index = secrets.randbelow(STATUS_LIST_SIZE)
        if index not in used:
            return index


@transaction.atomic
def issue_award(*, actor: Actor | Any, application: Application,
                awarded_on: dt.date | None = None) -> Award:
    """Make the award for an application the panel (or an appeal panel) has awarded.

    The application must be with the panel, under appeal or awarded (callers may issue
    inside or after ``transition_application("award" | "uphold")``). Issuing twice returns
    the existing award. The award runs for the scheme's ``renewal_months``.
    """
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    existing = Award.objects.filter(application_id=application.pk).first()
    if existing is not None:
        return existing
    if application.state not in _ISSUABLE_STATES:
        raise ValidationError(
            f"Only an application the panel is deciding or has awarded can lead to an award; "
            f"this one is {application.get_state_display().lower()}.")
    level = application.level
    day = awarded_on or timezone.localdate()
    for attempt in range(_INDEX_TRIES):
        award = Award(application=application, person_id=application.person_id, level=level,
                      awarded_on=day, expires_on=add_months(day, level.scheme.renewal_months),
                      status_index=_free_status_index())
        award._history_user = history_user(actor)  # type: ignore[attr-defined]
        try:
            with transaction.atomic():
                award.save()
            break
        except IntegrityError:
            if Award.objects.filter(application_id=application.pk).exists():
                return Award.objects.get(application_id=application.pk)
            if attempt == _INDEX_TRIES - 1:
                raise
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=award,
                 summary=f"Accreditation award issued: {level} to person {award.person_id}",
                 data={"application": application.pk, "public_id": str(award.public_id),
                       "expires_on": award.expires_on.isoformat()})
    return award


def transition_award(*, actor: Actor | Any, award_id: int, action: str, reason: str = "",
                     expires_on: dt.date | None = None) -> Award:
    """Suspend, reinstate, revoke or renew an award (runners and the system only).

    Suspending and revoking need a reason, shown on the public verification page.
    Renewing sets a new expiry: ``expires_on`` when given (after today), else the scheme's
    renewal period from the later of today and the current expiry; reinstating clears
    the reason. A lost race is ``TransitionConflict`` (409).
    """
    actor = Actor.coerce(actor)
    if action not in AWARD_ACTIONS:
        raise ValidationError({"action": f"Choose one of: {', '.join(AWARD_ACTIONS)}."})
    reason = check_text((reason or "").strip(), field="reason", max_length=REASON_TEXT)
    if action in REASON_NEEDED and not reason:
        raise ValidationError({"reason": "Say why; the reason is shown to anyone checking "
                                         "the credential."})
    if expires_on is not None and (action != "renew" or expires_on <= timezone.localdate()):
        raise ValidationError({"expires_on": "A new expiry date is only for renewing, and "
                                             "must be after today."})

    def authorise(who: Actor, award: Award) -> bool:
        require_scheme_runner(who)
        if who.user is not None and person_id_of(who.user) == award.person_id:
            raise PermissionDenied("You cannot change the status of your own award.")
        return True

    def work(award: Award) -> None:
        if action == "renew":
            start = max(award.expires_on, timezone.localdate())
            award.expires_on = expires_on or add_months(start, award.level.scheme.renewal_months)
        award.status_reason = "" if action in ("reinstate", "renew") else reason

    return run_transition(model=Award, pk=award_id, transition=action, actor=actor,
                          authorise=authorise, reason=reason, work=work,
                          summary=f"Accreditation award {award_id}: {action}",
                          queryset=Award.objects.select_related("level__scheme"))


# --- the signing key -------------------------------------------------------------------


def _password() -> bytes:
    return hashlib.sha256(f"cadre-credential-key:{settings.SECRET_KEY}".encode()).digest()


def _env_key() -> OKPKey | None:
    pem = os.environ.get(KEY_ENV, "").strip()
    if not pem:
        return None
    try:
        key = OKPKey.import_key(pem.encode())
    except Exception as error:  # noqa: BLE001 - any unreadable key is a configuration error
        raise ImproperlyConfigured(f"{KEY_ENV} is not an Ed25519 private key in PEM.") from error
    if key.as_dict(private=False).get("crv") != "Ed25519" or not key.is_private:
        raise ImproperlyConfigured(f"{KEY_ENV} must be an Ed25519 private key.")
    return key


def _record_public(key: OKPKey, private_pem: str = "") -> SigningKey:
    public = key.as_dict(private=False)
    kid = key.thumbprint()
    public.update({"kid": kid, "use": "sig", "alg": vcjwt.ALGORITHM})
    row, _ = SigningKey.objects.get_or_create(
        kid=kid, defaults={"public_jwk": public, "private_pem": private_pem})
    return row


@transaction.atomic
def signing_key() -> tuple[str, OKPKey]:
    """The key id and private key that sign credentials now (made on first use)."""
    key = _env_key()
    if key is not None:
        return _record_public(key).kid, key
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    row = (SigningKey.objects.select_for_update()
           .filter(retired_at__isnull=True).exclude(private_pem="").first())
    if row is not None:
        try:
            private = load_pem_private_key(row.private_pem.encode(), password=_password())
            return row.kid, OKPKey.import_key(private)  # type: ignore[arg-type]
        except (ValueError, TypeError):
            # SECRET_KEY changed: retire the key (its public part still verifies) and make
            # a new one below.
            row.retired_at = timezone.now()
            row.save(update_fields=["retired_at"])
            record_event(actor=Actor.system(), action=AuditEvent.Action.RECORD_UPDATED,
                         target=row, summary=f"Credential signing key {row.kid} retired: "
                                             f"it cannot be unlocked with this SECRET_KEY")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.BestAvailableEncryption(_password())).decode()
    key = OKPKey.import_key(private)  # type: ignore[arg-type]
    row = _record_public(key, private_pem=pem)
    record_event(actor=Actor.system(), action=AuditEvent.Action.RECORD_CREATED, target=row,
                 summary=f"Credential signing key {row.kid} created")
    return row.kid, key


# --- signed documents --------------------------------------------------------------------


def credential_document(award: Award) -> dict[str, Any]:
    """The award's Open Badges 3.0 credential, unsigned."""
    return openbadges.award_credential(sel.credential_facts(award))


def signed_credential(award: Award) -> str:
    """The award's credential as a VC-JWT (compact JWS, EdDSA)."""
    kid, key = signing_key()
    return vcjwt.sign(credential_document(award), key=key, kid=kid)


def enveloped_credential(award: Award) -> dict[str, Any]:
    """The signed credential wrapped as JSON (a VC 2.0 enveloped credential): the file
    holders download and ``cadre accreditation verify`` reads."""
    return vcjwt.envelope(signed_credential(award))


def signed_status_list(purpose: str) -> str:
    """The status list credential for ``revocation`` or ``suspension`` as a VC-JWT."""
    if purpose not in status_list.PURPOSES:
        raise ValidationError({"purpose": f"Choose one of: {', '.join(status_list.PURPOSES)}."})
    bits = sel.set_status_bits(purpose)
    document = openbadges.status_list_credential(
        list_url=sel.status_list_url(purpose), issuer=sel.issuer_profile(), purpose=purpose,
        encoded_list=status_list.encode(bits, STATUS_LIST_SIZE),
        valid_from=timezone.now())
    kid, key = signing_key()
    return vcjwt.sign(document, key=key, kid=kid, typ=vcjwt.TYP)


def dumps(document: dict[str, Any]) -> str:
    """A document as pretty JSON for download and the command line."""
    return json.dumps(document, indent=2, ensure_ascii=False)


# --- checking a credential ---------------------------------------------------------------


@dataclass
class Verification:
    """The outcome of checking a credential: ``valid`` only when the signature holds, every
    status is clear and the dates cover now; ``problems`` say why not, in words."""

    valid: bool
    problems: list[str]
    statuses: dict[str, bool]  # purpose -> set (True = revoked / suspended)
    credential: dict[str, Any] | None = None


def _status_bit(purpose: str, list_url: str, index: int, keys: dict[str, Any]) -> bool:
    """Whether ``index`` is set in this service's ``purpose`` list, read from the signed
    list as a verifier would (signature checked, the bitstring decoded)."""
    if list_url != sel.status_list_url(purpose):
        raise vcjwt.CredentialError(f"The {purpose} list {list_url} is not this service's.")
    listing = vcjwt.verify(signed_status_list(purpose), keys)
    subject = listing.get("credentialSubject") or {}
    if subject.get("statusPurpose") != purpose:
        raise vcjwt.CredentialError(f"The {purpose} list states another purpose.")
    try:
        return status_list.bit(status_list.decode(subject.get("encodedList", "")), index)
    except status_list.StatusListError as error:
        raise vcjwt.CredentialError(str(error)) from error


def verify_content(content: str, *, now: dt.datetime | None = None) -> Verification:
    """Check a credential file (enveloped JSON or a bare VC-JWT) against this service's
    keys and status lists."""
    now = now or timezone.now()
    problems: list[str] = []
    statuses: dict[str, bool] = {}
    keys = sel.jwks()
    try:
        credential = vcjwt.verify(vcjwt.token_from(content), keys)
    except vcjwt.CredentialError as error:
        return Verification(False, [str(error)], statuses)
    try:
        entries = openbadges.status_entries(credential)
    except ValueError as error:
        entries = []
        problems.append(str(error))
    if not entries:
        problems.append("The credential names no status list, so its status cannot be checked.")
    for entry in entries:
        try:
            statuses[entry.purpose] = _status_bit(entry.purpose, entry.list_url, entry.index,
                                                  keys)
        except vcjwt.CredentialError as error:
            problems.append(str(error))
            continue
        if statuses[entry.purpose]:
            problems.append("revoked" if entry.purpose == "revocation" else "suspended")
    for name, late in (("validFrom", False), ("validUntil", True)):
        value = credential.get(name)
        if not value:
            continue
        try:
            when = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            problems.append(f"{name} is not a date and time.")
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        if late and when < now:
            problems.append(f"expired on {when.date().isoformat()}")
        if not late and when > now:
            problems.append(f"not valid until {when.date().isoformat()}")
    return Verification(not problems, problems, statuses, credential)
