"""Writes for communications (issue 18 point 4): the stakeholder register, channels,
audiences, messages and their assurance, and sending.

Every write is for the central team and administrators (or the command line), runs in
one transaction, checks each field against its limit (docs/limits.md, "Communications")
and is audited. A message's steps all go through ``transition_message`` (one service,
``cadre.core.workflow.run_transition``: the row locked, the state checked under the lock,
a lost race a ``TransitionConflict``, HTTP 409). Nothing unassured is sent: ``send``
needs the state "assured" and the assured version still the latest, and an edit
(``revise``) of an assured message puts it back to draft. Sending itself runs as a
background task (``cadre.community.tasks``) after the request commits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.community.models import (
    MAX_AUDIENCE_ITEMS,
    MAX_BODY,
    MAX_COMMENT,
    MAX_NOTES,
    MAX_SUBJECT,
    MAX_TITLE,
    AssuranceComment,
    Audience,
    Channel,
    CommunityMessage,
    Delivery,
    MessageState,
    MessageVersion,
    Stakeholder,
    StakeholderKind,
    Unsubscribe,
)
from cadre.community.selectors import communications as sel
from cadre.core.actor import Actor
from cadre.core.inputs import invalid, parse_id
from cadre.core.workflow import TransitionConflict, run_transition
from cadre.framework.models import RoleFamily
from cadre.notifications.services.sending import absolute_link, send_message
from cadre.organisations.models import Grade, Organisation, OrganisationType

logger = logging.getLogger(__name__)

KIND = "community_message"
#: Recipients queued per transaction by the sending task.
BATCH_SIZE = 500
UNSUBSCRIBE_SALT = "cadre.community.unsubscribe"
ONLY_CENTRAL = ("Only the central profession team and administrators can keep the "
                "stakeholder register, audiences and messages.")
ACTIONS = ("submit", "return_for_changes", "assure", "comment", "send")
ESSENTIAL_FOOTER = ("This is an essential message to the profession from the central "
                    "team, sent to everyone in its audience.")


# ---------------------------------------------------------------------------- checks


def _require(actor: Actor) -> None:
    if actor.trusted:
        return
    if actor.user is None or not sel.may_communicate(actor.user):
        raise PermissionDenied(ONLY_CENTRAL)


def _text(value: Any, *, field: str, label: str, max_length: int,
          required: bool = True) -> str:
    text = str(value if value is not None else "").strip()
    if not text and required:
        raise invalid(field, f"Enter {label}.")
    if len(text) > max_length:
        raise invalid(field, f"{label[0].upper()}{label[1:]} must be {max_length} "
                             f"characters or fewer (this has {len(text)}).")
    return text


def _email(value: Any, *, field: str, required: bool = False) -> str:
    text = str(value or "").strip().lower()
    if not text:
        if required:
            raise invalid(field, "Enter an email address.")
        return ""
    if len(text) > 254:
        raise invalid(field, "The email address must be 254 characters or fewer.")
    try:
        validate_email(text)
    except ValidationError:
        raise invalid(field, "Enter an email address like name@example.org.") from None
    return text


def _bool(value: Any, *, field: str) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).strip().lower() in ("true", "1", "yes", "on"):
        return True
    if value in (None, "") or str(value).strip().lower() in ("false", "0", "no", "off"):
        return False
    raise invalid(field, "Give yes or no (true or false).")


def _choice(value: Any, *, field: str, choices: type, label: str) -> str:
    text = str(value or "").strip()
    if text not in choices.values:
        raise invalid(field, f"Choose {label}: one of {', '.join(choices.values)}.")
    return text


def _instances(model: type, values: Iterable[Any] | None, *, field: str,
               label: str) -> list[Any]:
    ids = [parse_id(v, field=field) for v in (values or [])]
    ids = list(dict.fromkeys(ids))
    if len(ids) > MAX_AUDIENCE_ITEMS:
        raise invalid(field, f"Name at most {MAX_AUDIENCE_ITEMS} {label}.")
    found = {o.pk: o for o in model.objects.filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise invalid(field, f"No {label} with the id {missing[0]}.")
    return [found[i] for i in ids]


def _instance(model: type, value: Any, *, field: str, label: str) -> Any:
    if value in (None, ""):
        raise invalid(field, f"Choose {label}.")
    if isinstance(value, model):
        return value
    pk = parse_id(value, field=field)
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise invalid(field, f"No {label} with the id {pk}.")
    return found


def _audit(actor: Actor, action: str, target: Any, summary: str, **data: Any) -> None:
    record_event(actor=actor, action=action, target=target, summary=summary, data=data)


# ---------------------------------------------------------------------------- channels


def ensure_channels(*, actor: Actor | Any | None = None) -> list[Channel]:
    """The four channels (email, newsletter, intranet, events); made when missing."""
    who = Actor.coerce(actor)
    made = []
    with transaction.atomic():
        for key, name, description, by_cadre in sel.CHANNELS:
            channel, created = Channel.objects.get_or_create(
                key=key, defaults={"name": name, "description": description,
                                   "sent_by_cadre": by_cadre})
            if created:
                _audit(who, AuditEvent.Action.RECORD_CREATED, channel, f"Channel {name} added")
            made.append(channel)
    return made


# ---------------------------------------------------------------------------- stakeholders


def _stakeholder_values(values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    checked: dict[str, Any] = {}
    for name, check in (
        ("name", lambda v: _text(v, field="name", label="the name", max_length=MAX_TITLE)),
        ("kind", lambda v: _choice(v, field="kind", choices=StakeholderKind,
                                   label="the kind of stakeholder")),
        ("contact_email", lambda v: _email(v, field="contact_email")),
        ("notes", lambda v: _text(v, field="notes", label="the notes", max_length=MAX_NOTES,
                                  required=False)),
    ):
        try:
            checked[name] = check(values.get(name))
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return checked


def create_stakeholder(*, actor: Actor | Any | None, name: str, kind: str,
                       contact_email: str = "", notes: str = "") -> Stakeholder:
    who = Actor.coerce(actor)
    _require(who)
    values = _stakeholder_values({"name": name, "kind": kind, "contact_email": contact_email,
                                  "notes": notes})
    with transaction.atomic():
        if Stakeholder.objects.filter(kind=values["kind"], name__iexact=values["name"]).exists():
            raise invalid("name", "The register already has a stakeholder of this kind "
                                  "with this name.")
        stakeholder = Stakeholder.objects.create(created_by=who.user, **values)
        _audit(who, AuditEvent.Action.RECORD_CREATED, stakeholder,
               f"Stakeholder {stakeholder} added to the register", kind=values["kind"])
    return stakeholder


def update_stakeholder(*, actor: Actor | Any | None, stakeholder_id: int,
                       **changes: Any) -> Stakeholder:
    who = Actor.coerce(actor)
    _require(who)
    unknown = sorted(set(changes) - {"name", "kind", "contact_email", "notes"})
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    with transaction.atomic():
        stakeholder = Stakeholder.objects.select_for_update().filter(pk=stakeholder_id).first()
        if stakeholder is None:
            raise Stakeholder.DoesNotExist(f"No stakeholder {stakeholder_id}.")
        current = {f: getattr(stakeholder, f) for f in ("name", "kind", "contact_email",
                                                         "notes")}
        values = _stakeholder_values({**current, **changes})
        if Stakeholder.objects.filter(kind=values["kind"], name__iexact=values["name"]
                                      ).exclude(pk=stakeholder.pk).exists():
            raise invalid("name", "The register already has a stakeholder of this kind "
                                  "with this name.")
        changed = sorted(f for f in values if values[f] != current[f])
        for f in changed:
            setattr(stakeholder, f, values[f])
        if changed:
            stakeholder.save(update_fields=changed)
            _audit(who, AuditEvent.Action.RECORD_UPDATED, stakeholder,
                   f"Stakeholder {stakeholder} changed", fields=changed)
    return stakeholder


# ---------------------------------------------------------------------------- audiences


def create_audience(*, actor: Actor | Any | None, name: str, description: str = "",
                    organisation_types: Iterable[str] = (),
                    organisation_ids: Iterable[Any] = (), role_family_ids: Iterable[Any] = (),
                    grade_ids: Iterable[Any] = (), stakeholder_ids: Iterable[Any] = (),
                    in_profession_only: Any = True) -> Audience:
    """An audience held as a definition (``Audience``); evaluated whenever it is read."""
    return _save_audience(actor=actor, audience_id=None, name=name, description=description,
                          organisation_types=organisation_types,
                          organisation_ids=organisation_ids, role_family_ids=role_family_ids,
                          grade_ids=grade_ids, stakeholder_ids=stakeholder_ids,
                          in_profession_only=in_profession_only)


def update_audience(*, actor: Actor | Any | None, audience_id: int, name: str,
                    description: str = "", organisation_types: Iterable[str] = (),
                    organisation_ids: Iterable[Any] = (), role_family_ids: Iterable[Any] = (),
                    grade_ids: Iterable[Any] = (), stakeholder_ids: Iterable[Any] = (),
                    in_profession_only: Any = True) -> Audience:
    """A new definition for an audience (the row locked). A message already sent keeps
    the recipients it had (its deliveries); one not sent yet goes to the new definition,
    so an audience used by a message waiting for assurance or assured cannot change
    (409): change the message's audience instead."""
    return _save_audience(actor=actor, audience_id=audience_id, name=name,
                          description=description, organisation_types=organisation_types,
                          organisation_ids=organisation_ids, role_family_ids=role_family_ids,
                          grade_ids=grade_ids, stakeholder_ids=stakeholder_ids,
                          in_profession_only=in_profession_only)


def _save_audience(*, actor: Actor | Any | None, audience_id: int | None, name: str,
                   description: str, organisation_types: Iterable[str],
                   organisation_ids: Iterable[Any], role_family_ids: Iterable[Any],
                   grade_ids: Iterable[Any], stakeholder_ids: Iterable[Any],
                   in_profession_only: Any) -> Audience:
    who = Actor.coerce(actor)
    _require(who)
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}

    def check(field: str, fn: Any) -> None:
        try:
            values[field] = fn()
        except ValidationError as exc:
            errors.update(exc.message_dict if hasattr(exc, "error_dict")
                          else {field: exc.messages})

    check("name", lambda: _text(name, field="name", label="the name", max_length=MAX_TITLE))
    check("description", lambda: _text(description, field="description",
                                        label="the description", max_length=MAX_NOTES,
                                        required=False))

    def types() -> list[str]:
        found = list(dict.fromkeys(str(t).strip() for t in (organisation_types or [])))
        bad = [t for t in found if t not in OrganisationType.values]
        if bad:
            raise invalid("organisation_types", f"Unknown organisation type '{bad[0][:40]}'.")
        return found

    check("organisation_types", types)
    check("organisations", lambda: _instances(Organisation, organisation_ids,
                                              field="organisations", label="organisations"))
    check("role_families", lambda: _instances(RoleFamily, role_family_ids,
                                              field="role_families", label="role families"))
    check("grades", lambda: _instances(Grade, grade_ids, field="grades", label="grades"))
    check("stakeholders", lambda: _instances(Stakeholder, stakeholder_ids,
                                             field="stakeholders", label="stakeholders"))
    check("in_profession_only", lambda: _bool(in_profession_only, field="in_profession_only"))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        same = Audience.objects.filter(name__iexact=values["name"])
        if audience_id is None:
            audience = Audience(created_by=who.user)
        else:
            audience = Audience.objects.select_for_update().filter(pk=audience_id).first()
            if audience is None:
                raise Audience.DoesNotExist(f"No audience {audience_id}.")
            same = same.exclude(pk=audience.pk)
            busy = audience.messages.filter(state__in=[MessageState.AWAITING_ASSURANCE,
                                                       MessageState.ASSURED,
                                                       MessageState.SENDING]).first()
            if busy is not None:
                raise TransitionConflict(
                    instance=busy, transition="change the audience of",
                    current_state=busy.state,
                    message=f"The message '{busy.title}' ({busy.get_state_display().lower()}) "
                            "goes to this audience, so its definition cannot change now.")
        if same.exists():
            raise invalid("name", "There is already an audience with this name.")
        audience.name = values["name"]
        audience.description = values["description"]
        audience.organisation_types = values["organisation_types"]
        audience.in_profession_only = values["in_profession_only"]
        audience.save()
        audience.organisations.set(values["organisations"])
        audience.role_families.set(values["role_families"])
        audience.grades.set(values["grades"])
        audience.stakeholders.set(values["stakeholders"])
        _audit(who, AuditEvent.Action.RECORD_CREATED if audience_id is None
               else AuditEvent.Action.RECORD_UPDATED, audience,
               f"Audience {audience} {'defined' if audience_id is None else 'changed'}",
               definition=sel.describe(audience))
    return audience


# ---------------------------------------------------------------------------- messages


def _message_values(*, title: Any, channel: Any, audience: Any, essential: Any,
                    subject: Any, body: Any) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for field, fn in (
        ("title", lambda: _text(title, field="title", label="the title", max_length=MAX_TITLE)),
        ("channel", lambda: _instance(Channel, channel, field="channel", label="a channel")),
        ("audience", lambda: _instance(Audience, audience, field="audience",
                                       label="an audience")),
        ("essential", lambda: _bool(essential, field="essential")),
        ("subject", lambda: _one_line(_text(subject, field="subject", label="the subject",
                                            max_length=MAX_SUBJECT))),
        ("body", lambda: _text(body, field="body", label="the message", max_length=MAX_BODY)),
    ):
        try:
            values[field] = fn()
        except ValidationError as exc:
            errors.update(exc.message_dict if hasattr(exc, "error_dict")
                          else {field: exc.messages})
    if errors:
        raise ValidationError(errors)
    return values


def _one_line(subject: str) -> str:
    if "\n" in subject or "\r" in subject:
        raise invalid("subject", "The subject must be one line.")
    return subject


def create_message(*, actor: Actor | Any | None, title: str, channel: Any, audience: Any,
                   subject: str, body: str, essential: Any = False) -> CommunityMessage:
    """A draft message with its first version; its author is the actor's account."""
    who = Actor.coerce(actor)
    _require(who)
    values = _message_values(title=title, channel=channel, audience=audience,
                             essential=essential, subject=subject, body=body)
    with transaction.atomic():
        message = CommunityMessage.objects.create(
            title=values["title"], channel=values["channel"], audience=values["audience"],
            essential=values["essential"], author=who.user, version_number=1)
        MessageVersion.objects.create(message=message, number=1, subject=values["subject"],
                                      body=values["body"], created_by=who.user)
        _audit(who, AuditEvent.Action.RECORD_CREATED, message,
               f"Message '{message.title}' drafted", version=1)
    return message


def _unchanged(message: CommunityMessage, changes: dict[str, Any]) -> bool:
    """Whether every value in ``changes`` is what the message already holds."""
    latest = message.versions.filter(number=message.version_number).first()
    current = {"title": message.title, "channel": message.channel_id,
               "audience": message.audience_id, "essential": message.essential,
               "subject": latest.subject if latest else None,
               "body": latest.body if latest else None}

    def plain(name: str, value: Any) -> Any:
        return getattr(value, "pk", value) if name in ("channel", "audience") else value

    return all(plain(name, value) == current[name] for name, value in changes.items())


def revise_message(*, actor: Actor | Any | None, message_id: int,
                   expected_version: int | None = None, **changes: Any) -> CommunityMessage:
    """A new version of the message's words (and title, channel, audience or essential);
    earlier versions are kept. The message goes back to draft, so an edit after
    assurance (or while waiting for it) needs assurance again. A sent message cannot be
    changed (409). ``expected_version`` (the version the editor saw) refuses a stale
    edit with a 409."""
    who = Actor.coerce(actor)
    _require(who)
    unknown = sorted(set(changes) - {"title", "channel", "audience", "essential", "subject",
                                     "body"})
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    found = CommunityMessage.objects.filter(pk=message_id).first()
    if found is not None and _unchanged(found, changes):
        return found  # nothing to change: no new version, and its assurance stands

    def work(message: CommunityMessage) -> None:
        if expected_version is not None and int(expected_version) != message.version_number:
            raise TransitionConflict(
                instance=message, transition="revise", current_state=message.state,
                message=f"This message is now at version {message.version_number}, not "
                        f"{expected_version}: someone changed it. Reload it to see what "
                        "changed.")
        latest = message.versions.get(number=message.version_number)
        current = {"title": message.title, "channel": message.channel,
                   "audience": message.audience, "essential": message.essential,
                   "subject": latest.subject, "body": latest.body}
        values = _message_values(**{**current, **changes})
        message.title = values["title"]
        message.channel = values["channel"]
        message.audience = values["audience"]
        message.essential = values["essential"]
        message.version_number += 1
        message.assured_version = None
        message.assured_by = None
        message.assured_at = None
        message.submitted_at = None
        MessageVersion.objects.create(message=message, number=message.version_number,
                                      subject=values["subject"], body=values["body"],
                                      created_by=who.user)

    return run_transition(
        model=CommunityMessage, pk=message_id, transition="revise", actor=who,
        authorise=lambda a, m: True, work=work,
        summary=f"Message {message_id} changed: a new version, back to draft")


def unsubscribe_token(email: str, *, message_id: int | None = None) -> str:
    return signing.dumps({"e": email.strip().lower(), "m": message_id}, salt=UNSUBSCRIBE_SALT,
                         compress=True)


def read_unsubscribe_token(token: str) -> tuple[str, int | None] | None:
    """The address and message of a token; None when it is not one Cadre signed."""
    try:
        data = signing.loads(str(token)[:500], salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("e"), str):
        return None
    message_id = data.get("m")
    return data["e"], message_id if isinstance(message_id, int) else None


def transition_message(*, actor: Actor | Any | None, message_id: int, action: str,
                       version: int | None = None, comment: str = "") -> CommunityMessage:
    """The one service for a message's steps: ``submit`` (for assurance),
    ``return_for_changes`` (with a comment), ``assure`` (a named version), ``comment``
    (on the latest version; the state does not change) and ``send``.

    The assurer is a named account that is not the message's author; assuring names the
    version assured, which must still be the latest. Sending needs the message assured
    and its assured version the latest; it queues the background task when the
    transaction commits, and a second send is a 409.
    """
    who = Actor.coerce(actor)
    _require(who)
    if action not in ACTIONS:
        raise invalid("action", f"Choose an action: one of {', '.join(ACTIONS)}.")
    text = _text(comment, field="comment", label="a comment", max_length=MAX_COMMENT,
                 required=action in ("return_for_changes", "comment"))
    if action == "comment":
        return _comment(who, message_id, text)
    if action in ("assure", "return_for_changes"):
        if who.user is None:
            raise PermissionDenied("A message is assured by a named person: sign in to "
                                   "assure it, or to return it for changes.")
        if action == "assure" and version in (None, ""):
            raise invalid("version", "Say which version you assured.")

    def authorise(a: Actor, message: CommunityMessage) -> bool:
        if action in ("assure", "return_for_changes") and message.author_id == a.user.pk:
            raise PermissionDenied("The author of a message cannot assure it: another "
                                   "member of the central team must.")
        return True

    def work(message: CommunityMessage) -> None:
        now = timezone.now()
        latest = message.versions.get(number=message.version_number)
        if action == "submit":
            message.submitted_at = now
        elif action == "assure":
            number = parse_id(version, field="version")
            if number != message.version_number:
                raise TransitionConflict(
                    instance=message, transition="assure", current_state=message.state,
                    message=f"Version {number} is not the latest: the message is now at "
                            f"version {message.version_number}. Read it before assuring.")
            message.assured_version = latest
            message.assured_by = who.user
            message.assured_at = now
            AssuranceComment.objects.create(message=message, version=latest, text=text,
                                            kind=AssuranceComment.Kind.ASSURED,
                                            author=who.user)
        elif action == "return_for_changes":
            AssuranceComment.objects.create(message=message, version=latest, text=text,
                                            kind=AssuranceComment.Kind.RETURNED,
                                            author=who.user)
        elif action == "send":
            if (message.assured_version_id is None
                    or message.assured_version_id != latest.pk):
                raise TransitionConflict(
                    instance=message, transition="send", current_state=message.state,
                    message="The latest version of this message is not assured, so it "
                            "cannot be sent.")
            if not message.channel.sent_by_cadre:
                raise invalid("channel", f"Cadre sends email only; publish this "
                                         f"{message.channel.name.lower()} message yourself.")
            message.sent_by = who.user
            message.send_started_at = now
            pk = message.pk
            transaction.on_commit(lambda: _enqueue_send(pk))

    return run_transition(
        model=CommunityMessage, pk=message_id, transition=action, actor=who,
        authorise=authorise, work=work, reason=text[:100],
        data={"version": version} if version not in (None, "") else None,
        queryset=CommunityMessage.objects.select_related("channel"))


def _comment(who: Actor, message_id: int, text: str) -> CommunityMessage:
    with transaction.atomic():
        message = CommunityMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None:
            raise CommunityMessage.DoesNotExist(f"No message {message_id}.")
        latest = message.versions.get(number=message.version_number)
        note = AssuranceComment.objects.create(message=message, version=latest, text=text,
                                               author=who.user)
        _audit(who, AuditEvent.Action.RECORD_CREATED, note,
               f"Comment on message {message.pk} version {latest.number}")
    return message


def _enqueue_send(message_id: int) -> None:
    from cadre.community.tasks import send_community_message

    send_community_message.enqueue(message_id)


# ---------------------------------------------------------------------------- sending


def _footer(message: CommunityMessage, email: str) -> str:
    if message.essential:
        return ESSENTIAL_FOOTER
    link = absolute_link(reverse("community:communications-unsubscribe",
                                 args=[unsubscribe_token(email, message_id=message.pk)]))
    return ("You are getting this because you are in the profession's audience "
            f"'{message.audience.name}'. To stop getting messages like this one (essential "
            f"messages still come), unsubscribe: {link}")


def _queue_batch(message: CommunityMessage, version: MessageVersion, who: Actor,
                 recipients: list[tuple[str, int | None, int | None]]) -> int:
    """Record and queue one batch of (email, person id, stakeholder id); addresses
    already recorded for the message are left (a task run again sends nothing twice)."""
    wanted: dict[str, tuple[int | None, int | None]] = {}
    for email, person_id, stakeholder_id in recipients:
        wanted.setdefault(email.strip().lower(), (person_id, stakeholder_id))
    with transaction.atomic():
        done = set(Delivery.objects.filter(message=message, email__in=wanted)
                   .values_list("email", flat=True))
        gone = set() if message.essential else set(
            Unsubscribe.objects.filter(email__in=wanted).values_list("email", flat=True))
        rows = []
        for email, (person_id, stakeholder_id) in wanted.items():
            if email in done:
                continue
            row = Delivery(message=message, email=email, person_id=person_id,
                           stakeholder_id=stakeholder_id)
            if email in gone:
                row.outcome = Delivery.Outcome.SKIPPED_UNSUBSCRIBED
            else:
                try:
                    row.notification = send_message(
                        kind=KIND, to=email, actor=who,
                        personalisation={"subject": version.subject, "body": version.body,
                                         "footer": _footer(message, email)})
                except ValueError:
                    logger.exception("Community message %s to %s refused", message.pk, email)
                    row.notification = None
                row.outcome = (Delivery.Outcome.QUEUED if row.notification is not None
                               else Delivery.Outcome.NOT_QUEUED)
            rows.append(row)
        Delivery.objects.bulk_create(rows)
    return len(rows)


def queue_recipients(*, message_id: int, actor: Actor | Any | None = None,
                     batch_size: int = BATCH_SIZE) -> sel.Figures:
    """The sending task's work: everyone in the audience now, in batches of
    ``batch_size`` (each one query and one transaction), then the message marked sent.
    A message not in "sending" is left as it is."""
    who = Actor.coerce(actor)
    message = (CommunityMessage.objects.select_related("audience", "assured_version")
               .filter(pk=message_id).first())
    if message is None or message.state != MessageState.SENDING:
        return sel.figures(message) if message is not None else sel.Figures(0, 0, 0, 0, 0, 0)
    version = message.assured_version
    people = sel.audience_people(message.audience)
    last = 0
    while True:
        batch = list(people.filter(pk__gt=last).values_list("pk", "email")[:batch_size])
        if not batch:
            break
        last = batch[-1][0]
        _queue_batch(message, version, who, [(email, pk, None) for pk, email in batch])
    named = list(sel.audience_stakeholders(message.audience).values_list("pk", "contact_email"))
    for start in range(0, len(named), batch_size):
        _queue_batch(message, version, who,
                     [(email, None, pk) for pk, email in named[start:start + batch_size]])

    def stamp(m: CommunityMessage) -> None:
        m.sent_at = timezone.now()

    run_transition(model=CommunityMessage, pk=message.pk, transition="finish_sending",
                   actor=who, authorise=lambda a, m: True, work=stamp,
                   summary=f"Message {message.pk} sent to its audience")
    return sel.figures(message)


# ---------------------------------------------------------------------------- unsubscribe


def unsubscribe(*, token: str) -> Unsubscribe | None:
    """Record the unsubscribe a signed link asks for (no sign-in); None for a token Cadre
    did not sign. Unsubscribing twice keeps the first."""
    read = read_unsubscribe_token(token)
    if read is None:
        return None
    email, message_id = read
    with transaction.atomic():
        message = CommunityMessage.objects.filter(pk=message_id).first() if message_id else None
        found, created = Unsubscribe.objects.get_or_create(email=email,
                                                           defaults={"message": message})
        if created:
            _audit(Actor.system(), AuditEvent.Action.RECORD_CREATED, found,
                   "An address unsubscribed from non-essential community messages",
                   message=message_id)
    return found
