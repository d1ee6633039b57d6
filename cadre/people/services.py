"""Writes to people records. Keyword-only, atomic and audited."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cadre.access.emails import normalise_email
from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.audit.exports import export_table
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core import stamps
from cadre.core.actor import Actor, history_user
from cadre.core.exports import ExportFile
from cadre.core.updates import apply_changes, lock_row
from cadre.core.versions import check_version
from cadre.organisations.services import ensure_unit_path
from cadre.people.imports import PeoplePlan, known_location, plan_people_import
from cadre.people.models import Person

EDITABLE_FIELDS = (
    "staff_number", "first_name", "last_name", "email", "job_title", "unit", "grade",
    "line_manager", "employment_type", "start_date", "end_date", "location",
)
#: Fields a person may change on their own record.
SELF_EDITABLE_FIELDS = ("first_name", "last_name", "email", "location")


#: The one answer for a line manager who does not exist or is out of the caller's scope.
LINE_MANAGER_UNKNOWN = "Unknown person, or not one you can choose as line manager."


def check_manager_scope(actor: Any, person: Person, manager: Person | None) -> None:
    """A line manager from another organisation only by someone who manages both.

    The actor must manage the manager's organisation (and the person's); the command
    line may set any. An out-of-scope manager is answered like an unknown id.
    """
    actor = Actor.coerce(actor)
    if manager is None or actor.trusted:
        return
    scope = scope_for(actor.user)
    if not (scope.manages(manager.organisation_id) and scope.manages(person.organisation_id)):
        raise ValidationError({"line_manager": LINE_MANAGER_UNKNOWN})


def check_line_manager(person: Person, manager: Person | None) -> None:
    """Reject a person managing themselves, or a manager who sits below them."""
    if manager is None:
        return
    if person.pk is not None and manager.pk == person.pk:
        raise ValidationError({"line_manager": "A person cannot be their own line manager."})
    seen: set[int] = set()
    current: Person | None = manager
    while current is not None and person.pk is not None:
        if current.pk == person.pk:
            raise ValidationError(
                {"line_manager": f"{manager} is below {person} in the line-management chain, "
                 "which would make a loop."}
            )
        if current.pk in seen:
            break
        seen.add(current.pk)
        current = current.line_manager


#: What an unknown person and one the actor may not link both answer (they look the same).
NO_SUCH_PERSON = "No person with that staff number in that organisation that you can link."


def may_link_accounts(actor: Actor | Any, organisation_id: int | None) -> bool:
    """Administrators link any account; a head of profession links their organisation's
    people. The command line may link anyone."""
    actor = Actor.coerce(actor)
    if actor.trusted:
        return True
    if not actor.is_user:
        return False
    scope = scope_for(actor.user)
    return scope.has(Role.ADMINISTRATOR) or (
        organisation_id is not None and organisation_id in scope.profession_organisations)


@transaction.atomic
def link_account(*, actor: Actor | Any, person: Person, account: Any) -> Person:
    """Link a sign-in account to a person record (ADR 23).

    Authorised here (``may_link_accounts``); both rows are locked; a person already
    linked to another account, or an account already linked to another person, is
    refused rather than moved. Linking the same pair again changes nothing.
    """
    actor = Actor.coerce(actor)
    if not may_link_accounts(actor, person.organisation_id):
        raise ValidationError({"staff_number": NO_SUCH_PERSON})
    person = lock_row(person)
    account = lock_row(account)
    if person.account_id == account.pk:
        return person
    if person.account_id is not None:
        raise ValidationError({"staff_number": "This person is already linked to another "
                                               "account. Unlink it first."})
    other = Person.objects.filter(account=account).first()
    if other is not None:
        raise ValidationError({"email": "This account is already linked to another person."})
    person.account = account
    person._history_user = history_user(actor)
    person.save(update_fields=["account"])
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=person,
        summary=f"Person {person.staff_number} linked to account {account.email}",
        data={"account": account.email, "organisation": person.organisation.abbreviation},
    )
    return person


def link_account_by_keys(*, actor: Actor | Any, email: str, organisation: str,
                         staff_number: str) -> Person:
    """``link_account`` for the person named by organisation abbreviation and staff number
    and the account named by email: what the command line, the page and the API send.

    An unknown organisation or person and one outside the actor's reach give the same
    error, so the answer does not tell whether such a person exists.
    """
    from cadre.access.models import User

    actor = Actor.coerce(actor)
    person = (Person.objects.select_related("organisation")
              .filter(organisation__abbreviation__iexact=str(organisation).strip(),
                      staff_number=str(staff_number).strip()).first())
    if person is None or not may_link_accounts(actor, person.organisation_id):
        raise ValidationError({"staff_number": NO_SUCH_PERSON})
    account = User.objects.filter(email=normalise_email(email)).first()
    if account is None:
        raise ValidationError({"email": "No account with that email address. Create the "
                                        "account first."})
    return link_account(actor=actor, person=person, account=account)


@transaction.atomic
def unlink_account(*, actor: Actor | Any, person: Person) -> Person:
    """Take the account off a person record (same rights as linking)."""
    actor = Actor.coerce(actor)
    if not may_link_accounts(actor, person.organisation_id):
        raise ValidationError({"staff_number": NO_SUCH_PERSON})
    person = lock_row(person)
    if person.account_id is None:
        return person
    email = person.account.email
    person.account = None
    person._history_user = history_user(actor)
    person.save(update_fields=["account"])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=person,
                 summary=f"Person {person.staff_number} unlinked from account {email}")
    return person


def clear_address_problem(*, actor: Actor | Any, person: Person) -> Any:
    """Mark the delivery problem of a person's work email cleared (ADR 30): the address was
    corrected or confirmed to work. For whoever manages the person's record (their head of
    profession, the central team, administrators; the command line); anyone else is
    refused. None when the address has no problem."""
    from cadre.notifications.services import clear_address_problem as clear

    actor = Actor.coerce(actor)
    if not actor.trusted and not scope_for(actor.user).manages(person.organisation_id):
        raise PermissionDenied("You cannot change this record.")
    return clear(actor=actor, email=person.email)


def auto_link(*, account: Any | None = None, person: Person | None = None) -> Person | None:
    """Link an account to the one current person whose work email is the account's.

    Called when an account signs in or is created (``account``), when a person is created
    (``person``) and after a people import. Does nothing when the email matches no person,
    more than one, or a side is already linked. Recorded as the system's doing. Linking
    by email gives nobody more than they could do by hand: whoever sets a person's email
    (a people manager, an import) may link that person's account on the page too.
    """
    from cadre.access.models import User
    from cadre.people.selectors import current_filter

    if account is not None:
        if Person.objects.filter(account=account).exists():
            return None
        email = normalise_email(account.email)
        matches = list(Person.objects.filter(current_filter(), email__iexact=email)
                       .values_list("pk", "account_id")[:2])
        if len(matches) != 1 or matches[0][1] is not None:
            return None
        person = Person.objects.get(pk=matches[0][0])
    elif person is not None:
        if person.account_id is not None or not person.email:
            return None
        if Person.objects.filter(current_filter(), email__iexact=person.email).count() != 1:
            return None
        account = User.objects.filter(email=normalise_email(person.email)).first()
        if account is None or Person.objects.filter(account=account).exists():
            return None
    else:
        return None
    try:
        return link_account(actor=Actor.system(), person=person, account=account)
    except ValidationError:  # linked meanwhile by someone else: leave it
        return None


@transaction.atomic
def create_person(*, actor: Any, organisation: Any, **values: Any) -> Person:
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(sorted(unknown))}")
    person = Person(organisation=organisation, **values)
    check_manager_scope(actor, person, person.line_manager)
    _validate(person)
    person._history_user = history_user(actor)
    person.save()
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=person,
        summary=f"Person {person.staff_number} created in {organisation.abbreviation}",
    )
    return auto_link(person=person) or person


@transaction.atomic
def update_person(
    *, actor: Any, person: Person, if_match: Collection[str] | None = None, **changes: Any
) -> Person:
    """Change some fields of a person; fields not given are left as they are.

    The row is locked and read again first, so concurrent updates of different fields
    all survive; only fields whose value really changes are written (with a history
    row and one audit event). ``if_match`` (versions from ``core.versions``) refuses
    the change with ``StaleVersion`` when the record changed since the caller read it.
    Returns the record as saved.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(sorted(unknown))}")
    locked = lock_row(person)
    check_version(locked, if_match)
    changed = apply_changes(locked, changes)
    if not changed:
        return locked
    if "line_manager" in changed:
        check_manager_scope(actor, locked, locked.line_manager)
    _validate(locked, changed=set(changed))
    locked._history_user = history_user(actor)
    locked.save(update_fields=sorted(changed))
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=locked,
        summary=f"Person {locked.staff_number} updated",
        data={"changes": {k: {"before": str(b if b is not None else ""),
                              "after": str(a if a is not None else "")}
                          for k, (b, a) in sorted(changed.items())}},
    )
    return locked


@cache
def _constrained_fields() -> frozenset[str]:
    """The person's fields that a unique field or constraint names (from the model)."""
    meta = Person._meta
    names = {f.name for f in meta.concrete_fields if f.unique and not f.primary_key}
    for together in meta.unique_together:
        names.update(together)
    for constraint in meta.constraints:
        names.update(getattr(constraint, "fields", None) or ())
        for expression in getattr(constraint, "expressions", None) or ():
            names.update(getattr(expression, "referenced_base_fields", None) or ())
        condition = getattr(constraint, "condition", None)
        if condition is not None:
            names.update(condition.referenced_base_fields)
    return frozenset(names)


def _validate(person: Person, changed: Collection[str] | None = None) -> None:
    """Every rule a stored person keeps; ``changed`` (an update: the fields it changes)
    skips what an unchanged field cannot break.

    A related record the update leaves alone needs no query to show it exists (the
    database's foreign key guarantees the stored id), the unit's organisation is
    checked when the unit changes, and the line-management chain is walked for loops
    when the line manager changes. Uniqueness and the check constraints are checked in
    full whenever the update changes a field they name; an update of other fields
    alone (a job title) cannot break them, as the stored row keeps them already (the
    database enforces them), so it skips their queries."""
    errors: dict[str, list[str]] = {}
    kept = set() if changed is None else {
        f.name for f in person._meta.concrete_fields if f.is_relation and f.name not in changed}
    try:
        person.full_clean(exclude=kept, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    constrained = changed is None or not _constrained_fields().isdisjoint(changed)
    for check in (person.validate_unique, person.validate_constraints) if constrained else ():
        try:
            check(exclude=set(errors))
        except ValidationError as exc:
            for key, msgs in exc.message_dict.items():
                errors.setdefault(key, []).extend(msgs)
    if (person.unit_id and (changed is None or "unit" in changed)
            and person.unit.organisation_id != person.organisation_id):
        errors.setdefault("unit", []).append("The unit belongs to another organisation.")
    if person.start_date and person.end_date and person.end_date < person.start_date:
        errors.setdefault("end_date", []).append("The end date is before the start date.")
    try:
        if changed is None or "line_manager" in changed:
            check_line_manager(person, person.line_manager)
    except ValidationError as exc:
        for key, msgs in exc.message_dict.items():
            errors.setdefault(key, []).extend(msgs)
    if errors:
        raise ValidationError(errors)


PERSON_IMPORT_FIELDS = (
    "first_name", "last_name", "email", "job_title", "grade", "employment_type", "start_date",
    "end_date", "unit", "location",
)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def import_people(
    *, actor: Any, organisation: Any, table: Any, filename: str, progress: Any = None
) -> ImportResult:
    """Create or update an organisation's people from a validated spreadsheet.

    Every row is checked first (``plan_people_import``); on any error nothing is
    written and ``TableError`` lists each problem by row and column.
    """
    plan = plan_people_import(table, organisation, progress=progress)
    unit_cache: dict = {}
    location_cache: dict = {}
    to_create: list[Person] = []
    to_update: list[Person] = []
    unchanged = 0
    for planned in plan.people:
        values = dict(planned.values)
        if planned.unit_path is not None:
            values["unit"] = (
                ensure_unit_path(actor=actor, organisation=organisation,
                                 path=planned.unit_path, cache=unit_cache)
                if planned.unit_path else None
            )
        if planned.location_name is not None:
            values["location"] = known_location(planned.location_name, location_cache)
        person = planned.existing
        if person is None:
            to_create.append(
                Person(organisation=organisation, staff_number=planned.staff_number, **values)
            )
            continue
        if all(getattr(person, k) == v for k, v in values.items()):
            unchanged += 1
            continue
        for key, value in values.items():
            setattr(person, key, value)
        to_update.append(person)
    bulk_create_with_history(to_create, Person, batch_size=1000, default_user=history_user(actor))
    if to_update:
        bulk_update_with_history(
            to_update, Person, list(PERSON_IMPORT_FIELDS), batch_size=1000,
            default_user=history_user(actor),
        )
    _link_managers(plan, organisation, actor)
    stamps.bump([organisation.pk])  # bulk writes send no signals (ADR 27)
    record_event(
        actor=actor, action=AuditEvent.Action.IMPORT, target=organisation,
        summary=f"People import into {organisation.abbreviation} from {filename}: "
        f"{len(to_create)} created, {len(to_update)} updated",
        data={"file": filename, "created": len(to_create), "updated": len(to_update),
              "unchanged": unchanged},
    )
    link_waiting_accounts([p.email for p in [*to_create, *to_update] if p.email])
    return ImportResult(created=len(to_create), updated=len(to_update), unchanged=unchanged)


def link_waiting_accounts(emails: Collection[str]) -> int:
    """Link accounts without a person to the new or changed people with their email."""
    from cadre.access.models import User

    if not emails:
        return 0
    wanted = {normalise_email(e) for e in emails}
    linked = 0
    waiting = User.objects.filter(email__in=wanted, person__isnull=True, is_active=True)
    for account in waiting:
        linked += auto_link(account=account) is not None
    return linked


def _link_managers(plan: PeoplePlan, organisation: Any, actor: Any) -> None:
    by_staff = {p.staff_number: p for p in Person.objects.filter(organisation=organisation)}
    changed: list[Person] = []
    for planned in plan.people:
        if planned.manager_staff_number is None:  # the file has no manager column
            continue
        person = by_staff[planned.staff_number]
        manager = by_staff.get(planned.manager_staff_number)
        manager_id = manager.pk if manager and planned.manager_staff_number else None
        if person.line_manager_id != manager_id:
            person.line_manager_id = manager_id
            changed.append(person)
    if changed:
        bulk_update_with_history(
            changed, Person, ["line_manager"], batch_size=1000, default_user=history_user(actor)
        )


def export_people(*, actor: Any, people: Any, fmt: str, description: str,
                  filename: str = "people") -> ExportFile:
    """Render a scoped export and record it in the audit trail (pages, API and CLI)."""
    from cadre.people.exports import EXPORT_COLUMNS, export_rows

    return export_table(
        actor=actor, what="people", columns=EXPORT_COLUMNS, rows=export_rows(people), fmt=fmt,
        filename=filename, sheet_title="People", json_key="people",
        summary=f"People export ({fmt}): {description}", extra={"filter": description[:200]})
