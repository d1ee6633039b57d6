"""Writes for talent identification and succession: appraisal cycles, nine-box ratings
and their calibration, talent pools, development actions, critical posts and successors.

Every write takes an ``Actor``, checks inside itself that the actor may make the change
(``PermissionDenied`` otherwise; the command line and the system may do anything) and is
audited. The rule is ``Scope.manages``: the organisation's heads of profession, the central
team and administrators manage its cycles, pools and succession plans; only the central
team and administrators manage cross-government pools. Updates lock the row and write only
the fields that changed; ``KEEP`` (the default of optional fields) leaves a value as it is.

Decision: a line manager rates anyone in the chain below them (direct reports and
their reports), not only direct reports, so a manager can cover a gap in the chain.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from cadre.access.models import RoleAssignment
from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.audit.exports import export_table
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.downloads import download_name
from cadre.core.exports import ExportFile
from cadre.core.updates import apply_changes
from cadre.framework.models import RoleLevel
from cadre.notifications.services import absolute_link
from cadre.notifications.triggers import long_date, notify
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.people.selectors import chain_filter, current_filter, own_person
from cadre.talent import selectors as sel
from cadre.talent.models import (
    AppraisalCycle,
    CriticalPost,
    DevelopmentAction,
    PoolMembership,
    Rating,
    Readiness,
    Successor,
    TalentPool,
    TalentRating,
)

M = TypeVar("M", bound=models.Model)

_LEVELS = {c.value for c in Rating}


class _Keep:
    """The value of an optional field that was not given: leave it as it is."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()

POOL_REFUSAL = "Only the pool's head of profession or the central team changes it."
SUCCESSION_REFUSAL = ("Only the organisation's head of profession or the central team "
                      "changes succession plans.")


def _level(value: object, field: str) -> int:
    if isinstance(value, bool) or value not in _LEVELS:
        raise ValidationError({field: "Choose 1 (low), 2 (moderate) or 3 (high)."})
    return int(value)  # type: ignore[arg-type]


def _text(value: str, field: str, what: str, max_length: int = 200) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"Enter {what}."})
    if len(value) > max_length:
        raise ValidationError({field: f"Keep {what} to {max_length} characters."})
    return value


def _manages(actor: Actor, organisation_id: int | None, message: str) -> None:
    """Refuse unless the actor manages the organisation (None: cross-government)."""
    if not actor.trusted and not scope_for(actor.user).manages(organisation_id):
        raise PermissionDenied(message)


def _sees(actor: Actor, person: Person, field: str, message: str) -> None:
    """Refuse a person whose ratings, pool places and succession plans the actor may not see."""
    if not actor.trusted and not sel.sensitive_people(actor.user).filter(pk=person.pk).exists():
        raise ValidationError({field: message})


def _locked(model: type[M], pk: Any, *related: str) -> M:
    """The row under ``SELECT … FOR UPDATE`` (only its own table is locked)."""
    return (model._default_manager.select_for_update(of=("self",)).select_related(*related)
            .get(pk=pk))


def _create_once(instance: M, field: str, message: str) -> M:
    """Save a new row; a duplicate made by a concurrent request is a ValidationError."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        raise ValidationError({field: message}) from None
    return instance


def _changes_data(changes: dict[str, tuple[Any, Any]]) -> dict[str, dict[str, Any]]:
    def shown(value: Any) -> Any:
        if isinstance(value, models.Model):
            return value.pk
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()
        return value
    return {name: {"before": shown(before), "after": shown(after)}
            for name, (before, after) in changes.items()}


def _update(actor: Actor, instance: M, wanted: dict[str, Any], *, summary: str,
            data: dict[str, Any] | None = None) -> dict[str, tuple[Any, Any]]:
    """Write the wanted values that differ from the locked row; audit what changed."""
    wanted = {k: v for k, v in wanted.items() if v is not KEEP}
    changes = apply_changes(instance, wanted)
    if changes:
        instance._history_user = history_user(actor)  # type: ignore[attr-defined]
        instance.save(update_fields=list(changes))
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=instance,
                     summary=summary, data={"changes": _changes_data(changes), **(data or {})})
    return changes


# --- Appraisal cycles and ratings --------------------------------------------------------

@transaction.atomic
def open_cycle(*, actor: Actor | Any, organisation: Organisation, name: str,
               opens_on: dt.date, closes_on: dt.date) -> AppraisalCycle:
    """Open an appraisal cycle in which line managers rate their people."""
    actor = Actor.coerce(actor)
    _manages(actor, organisation.pk, "Only the organisation's heads of profession or the "
             "central team open appraisal cycles.")
    name = _text(name, "name", "a name for the cycle")
    if closes_on < opens_on:
        raise ValidationError({"closes_on": "The cycle must close on or after it opens."})
    if AppraisalCycle.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ValidationError({"name": "This organisation already has a cycle of that name."})
    cycle = AppraisalCycle(organisation=organisation, name=name, opens_on=opens_on,
                           closes_on=closes_on,
                           created_by=actor.user)
    cycle._history_user = history_user(actor)
    cycle.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=cycle,
                 summary=f"Appraisal cycle {name} opened for {organisation.abbreviation}",
                 data={"opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat()})
    _announce_cycle(actor, cycle)
    return cycle


def _announce_cycle(actor: Actor, cycle: AppraisalCycle) -> None:
    """Tell the people who take part that the cycle's window is set (ADR 30).

    Ratings are given and calibrated in the same window (``todo``: calibration is possible
    from the day a cycle opens), so opening the cycle is what opens calibration. The
    organisation's heads of profession calibrate; its line managers (anyone with a current
    report in the organisation) give the ratings that are calibrated. Each gets one
    message, sent now with the window's dates even when it starts later.
    """
    organisation = cycle.organisation
    window = {"organisation": organisation.name, "cycle_name": cycle.name,
              "opens_on": long_date(cycle.opens_on), "closes_on": long_date(cycle.closes_on)}
    reports = Person.objects.filter(current_filter(), organisation=organisation,
                                    line_manager=models.OuterRef("pk"))
    managers = {p.account_id or -p.pk: p for p in Person.objects.filter(
        current_filter(), models.Exists(reports), organisation=organisation)
        .exclude(email="").select_related("account")}
    heads = (RoleAssignment.objects.current()
             .filter(role=Role.HEAD_OF_PROFESSION, organisation=organisation)
             .select_related("user__person").order_by("user_id"))
    told: set[str] = set()
    for assignment in heads:
        user = assignment.user
        person = getattr(user, "person", None)
        to = (person.email if person is not None and person.email else user.email)
        if to.lower() in told:
            continue
        told.add(to.lower())
        part = (f"As a head of profession for {organisation.name} you calibrate the line "
                "managers' ratings in this cycle.")
        if managers.pop(user.pk, None) is not None:
            part += " You also rate the people in your own team."
        notify(kind="calibration_open", to=to, recipient=user, actor=actor,
               personalisation={
                   **window, "name": person.full_name if person else str(user),
                   "your_part": part,
                   "link": absolute_link(reverse("talent:ninebox", args=[cycle.pk]))})
    for manager in managers.values():
        if manager.email.lower() in told:
            continue
        told.add(manager.email.lower())
        notify(kind="calibration_open", to=manager.email, recipient=manager.account,
               actor=actor, personalisation={
                   **window, "name": manager.full_name,
                   "your_part": "As a line manager you rate the people in your team in this "
                                "window; your head of profession then calibrates the ratings.",
                   "link": absolute_link(reverse("talent:ratings"))})


def in_chain_below(manager: Person, person: Person) -> bool:
    """Whether ``person`` is somewhere below ``manager`` in the line-management chain."""
    if manager.pk == person.pk:
        return False
    return Person.objects.filter(chain_filter(manager.pk), pk=person.pk).exists()


def _locked_rating(cycle: AppraisalCycle, person: Person) -> TalentRating | None:
    return (TalentRating.objects.select_for_update().filter(cycle=cycle, person=person)
            .first())


@transaction.atomic
def rate(*, actor: Actor | Any, rater: Person, cycle: AppraisalCycle, person: Person,
         performance: int, potential: int, today: dt.date | None = None) -> TalentRating:
    """A line manager's nine-box rating of someone in their chain, during the cycle.

    An account rates as itself (``rater`` must be its own person record). Rating again
    replaces the manager's rating until the head of profession has calibrated it; after
    that the rating is settled for the cycle (checked on the locked row).
    """
    actor = Actor.coerce(actor)
    if not actor.trusted:
        me = own_person(actor.user)
        if me is None or me.pk != rater.pk:
            raise PermissionDenied("You can rate people only as yourself.")
    performance = _level(performance, "performance")
    potential = _level(potential, "potential")
    today = today or timezone.localdate()
    if not cycle.opens_on <= today <= cycle.closes_on:
        raise ValidationError({"cycle": f"The cycle {cycle.name} is not open today; it runs "
                                        f"from {cycle.opens_on} to {cycle.closes_on}."})
    if person.organisation_id != cycle.organisation_id:
        raise ValidationError({"person": "This person is not in the cycle's organisation."})
    if not in_chain_below(rater, person):
        raise ValidationError({"person": "You can rate only people in your line-management "
                                         "chain."})
    values = {"performance": performance, "potential": potential, "rated_by": actor.user}
    summary = f"Nine-box rating of {person.staff_number} in {cycle.name}"
    rating = _locked_rating(cycle, person)
    if rating is None:
        rating = TalentRating(cycle=cycle, person=person, **values)
        rating._history_user = history_user(actor)
        try:
            with transaction.atomic():
                rating.save()
        except IntegrityError:  # rated at the same moment by another request
            rating = _locked_rating(cycle, person)
        else:
            record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=rating,
                         summary=summary, data={"performance": performance,
                                                "potential": potential,
                                                "rater": rater.staff_number})
            return rating
    if rating.calibrated_at is not None:
        raise ValidationError({"person": "This rating has been calibrated and cannot change."})
    _update(actor, rating, values, summary=summary, data={"rater": rater.staff_number})
    return rating


@transaction.atomic
def calibrate(*, actor: Actor | Any, rating: TalentRating | int, performance: int,
              potential: int, reason: str) -> TalentRating:
    """The head of profession's adjustment, kept beside the line manager's rating.

    The row is locked, so a calibration and a manager's new rating never interleave.
    """
    actor = Actor.coerce(actor)
    rating = _locked(TalentRating, getattr(rating, "pk", rating), "cycle", "person")
    _manages(actor, rating.cycle.organisation_id,
             "Only the head of profession calibrates ratings.")
    performance = _level(performance, "performance")
    potential = _level(potential, "potential")
    reason = _text(reason, "reason", "the reason for the adjustment", 2000)
    before = (rating.final_performance, rating.final_potential)
    rating.calibrated_performance, rating.calibrated_potential = performance, potential
    rating.calibration_reason = reason
    rating.calibrated_by = actor.user
    rating.calibrated_at = timezone.now()
    rating._history_user = history_user(actor)
    rating.save(update_fields=["calibrated_performance", "calibrated_potential",
                               "calibration_reason", "calibrated_by", "calibrated_at"])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=rating,
                 summary=f"Nine-box rating of {rating.person.staff_number} calibrated",
                 data={"from": list(before), "to": [performance, potential],
                       "rated": [rating.performance, rating.potential], "reason": reason})
    return rating


# --- Talent pools ------------------------------------------------------------------------

@transaction.atomic
def create_pool(*, actor: Actor | Any, name: str, organisation: Organisation | None,
                description: str = "", review_on: dt.date | None = None) -> TalentPool:
    """A talent pool for one organisation, or cross-government when ``organisation`` is None
    (the central team and administrators only)."""
    actor = Actor.coerce(actor)
    _manages(actor, organisation.pk if organisation else None,
             "Only the organisation's heads of profession or the central team create its "
             "pools." if organisation else
             "Only the central team creates cross-government pools.")
    name = _text(name, "name", "a name for the pool")
    if TalentPool.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ValidationError({"name": "There is already a pool of that name here."})
    pool = TalentPool(name=name, organisation=organisation, description=description.strip(),
                      review_on=review_on, created_by=actor.user)
    pool._history_user = history_user(actor)
    pool.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=pool,
                 summary=f"Talent pool {name} created",
                 data={"organisation": organisation.abbreviation if organisation
                       else "cross-government"})
    return pool


@transaction.atomic
def add_member(*, actor: Actor | Any, pool: TalentPool, person: Person,
               review_on: dt.date | None = None, note: str = "") -> PoolMembership:
    """Add a person to a pool, with the date their place is next reviewed."""
    actor = Actor.coerce(actor)
    _manages(actor, pool.organisation_id, POOL_REFUSAL)
    _sees(actor, person, "person", "Choose a person you manage.")
    if pool.organisation_id and person.organisation_id != pool.organisation_id:
        raise ValidationError({"person": "This pool is for another organisation's people."})
    duplicate = f"{person.full_name} is already in this pool."
    if PoolMembership.objects.filter(pool=pool, person=person).exists():
        raise ValidationError({"person": duplicate})
    membership = PoolMembership(pool=pool, person=person, review_on=review_on,
                                note=note.strip())
    membership._history_user = history_user(actor)
    _create_once(membership, "person", duplicate)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=membership,
                 summary=f"{person.staff_number} added to talent pool {pool.name}",
                 data={"review_on": review_on.isoformat() if review_on else None})
    return membership


def _locked_membership(actor: Actor, membership: PoolMembership | int) -> PoolMembership:
    found = _locked(PoolMembership, getattr(membership, "pk", membership), "pool", "person")
    _manages(actor, found.pool.organisation_id, POOL_REFUSAL)
    return found


@transaction.atomic
def review_member(*, actor: Actor | Any, membership: PoolMembership | int,
                  review_on: dt.date | None = KEEP, note: str = KEEP) -> PoolMembership:
    """Record a review of a member's place: the next review date and/or a note (a value
    not given is kept, so a new review date does not clear the note)."""
    actor = Actor.coerce(actor)
    membership = _locked_membership(actor, membership)
    _update(actor, membership, {"review_on": review_on,
                                "note": note.strip() if note is not KEEP else KEEP},
            summary=f"Place of {membership.person.staff_number} in {membership.pool.name} "
                    "reviewed")
    return membership


@transaction.atomic
def remove_member(*, actor: Actor | Any, membership: PoolMembership | int) -> None:
    """Take a person out of a pool (their development actions go with the membership)."""
    actor = Actor.coerce(actor)
    membership = _locked_membership(actor, membership)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=membership.pool,
                 summary=f"{membership.person.staff_number} removed from talent pool "
                         f"{membership.pool.name}",
                 data={"person": membership.person_id})
    membership._history_user = history_user(actor)
    membership.delete()


def _status(status: str) -> str:
    if status not in DevelopmentAction.Status.values:
        raise ValidationError({"status": "Choose planned, in_progress or done."})
    return status


@transaction.atomic
def add_action(*, actor: Actor | Any, membership: PoolMembership, description: str,
               due_on: dt.date | None = None,
               status: str = DevelopmentAction.Status.PLANNED) -> DevelopmentAction:
    """A development action for a pool member."""
    actor = Actor.coerce(actor)
    membership = _locked_membership(actor, membership)
    description = _text(description, "description", "the development action", 500)
    status = _status(status)
    action = DevelopmentAction(membership=membership, description=description, due_on=due_on,
                               status=status)
    action._history_user = history_user(actor)
    action.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=action,
                 summary=f"Development action for {membership.person.staff_number} in "
                         f"{membership.pool.name}",
                 data={"due_on": due_on.isoformat() if due_on else None, "status": status})
    return action


@transaction.atomic
def set_action_status(*, actor: Actor | Any, action: DevelopmentAction | int, status: str
                      ) -> DevelopmentAction:
    """Move a development action to planned, in progress or done (on the locked row)."""
    actor = Actor.coerce(actor)
    action = _locked(DevelopmentAction, getattr(action, "pk", action), "membership__pool")
    _manages(actor, action.membership.pool.organisation_id, POOL_REFUSAL)
    before = action.status
    _update(actor, action, {"status": _status(status)},
            summary=f"Development action status {before} to {status}",
            data={"from": before, "to": status})
    return action


# --- Succession --------------------------------------------------------------------------

def _risk(risk_of_loss: str, risk_reason: str) -> None:
    if risk_of_loss not in CriticalPost.Risk.values:
        raise ValidationError({"risk_of_loss": "Choose low, medium or high."})
    if risk_of_loss == CriticalPost.Risk.HIGH and not risk_reason.strip():
        raise ValidationError({"risk_reason": "Say why the risk of loss is high."})


@transaction.atomic
def create_critical_post(*, actor: Actor | Any, organisation: Organisation, title: str,
                         role_level: RoleLevel, incumbent: Person | None = None,
                         risk_of_loss: str = CriticalPost.Risk.MEDIUM,
                         risk_reason: str = "") -> CriticalPost:
    """Record a critical post and the risk of losing its incumbent."""
    actor = Actor.coerce(actor)
    _manages(actor, organisation.pk, SUCCESSION_REFUSAL)
    title = _text(title, "title", "the post's title")
    _risk(risk_of_loss, risk_reason)
    if incumbent is not None and incumbent.organisation_id != organisation.pk:
        raise ValidationError({"incumbent": "The incumbent must work in the organisation."})
    if CriticalPost.objects.filter(organisation=organisation, title__iexact=title).exists():
        raise ValidationError({"title": "This organisation already has a post of that title."})
    post = CriticalPost(organisation=organisation, title=title, role_level=role_level,
                        incumbent=incumbent, risk_of_loss=risk_of_loss,
                        risk_reason=risk_reason.strip())
    post._history_user = history_user(actor)
    post.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=post,
                 summary=f"Critical post {title} ({organisation.abbreviation}) recorded",
                 data={"role_level": role_level.name, "risk_of_loss": risk_of_loss,
                       "incumbent": incumbent.staff_number if incumbent else None})
    return post


def _locked_post(actor: Actor, post: CriticalPost | int) -> CriticalPost:
    found = _locked(CriticalPost, getattr(post, "pk", post), "organisation")
    _manages(actor, found.organisation_id, SUCCESSION_REFUSAL)
    return found


@transaction.atomic
def update_critical_post(*, actor: Actor | Any, post: CriticalPost | int,
                         risk_of_loss: str = KEEP, risk_reason: str = KEEP,
                         incumbent: Person | None = KEEP,
                         role_level: RoleLevel | None = KEEP) -> CriticalPost:
    """Change a post's incumbent (None: vacant), role level or risk of loss (and why).

    Values not given (and a role level of None) are kept; the rules are checked on the
    post as it will be, on the locked row, and only changed fields are written.
    """
    actor = Actor.coerce(actor)
    post = _locked_post(actor, post)
    risk = post.risk_of_loss if risk_of_loss is KEEP else risk_of_loss
    reason = post.risk_reason if risk_reason is KEEP else risk_reason.strip()
    _risk(risk, reason)
    if role_level is None:
        role_level = KEEP
    if incumbent is not KEEP and incumbent is not None:
        if incumbent.organisation_id != post.organisation_id:
            raise ValidationError({"incumbent": "The incumbent must work in the organisation."})
        if post.successors.filter(person=incumbent).exists():
            raise ValidationError({"incumbent": "Take them off the successors first."})
    _update(actor, post, {"risk_of_loss": risk, "risk_reason": reason, "incumbent": incumbent,
                          "role_level": role_level},
            summary=f"Critical post {post.title} ({post.organisation.abbreviation}) changed")
    return post


@transaction.atomic
def add_successor(*, actor: Actor | Any, post: CriticalPost, person: Person, readiness: str,
                  note: str = "") -> Successor:
    """Name a successor for a critical post, with how soon they would be ready."""
    actor = Actor.coerce(actor)
    post = _locked_post(actor, post)
    _sees(actor, person, "person", "Choose a person whose record you may see.")
    if readiness not in Readiness.values:
        raise ValidationError({"readiness": "Choose now, 1_2_years or 3_plus_years."})
    if post.incumbent_id == person.pk:
        raise ValidationError({"person": "The incumbent cannot be their own successor."})
    duplicate = f"{person.full_name} is already a successor for this post."
    if Successor.objects.filter(post=post, person=person).exists():
        raise ValidationError({"person": duplicate})
    successor = Successor(post=post, person=person, readiness=readiness, note=note.strip())
    successor._history_user = history_user(actor)
    _create_once(successor, "person", duplicate)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=successor,
                 summary=f"{person.staff_number} named successor for {post.title}",
                 data={"readiness": readiness})
    return successor


def _locked_successor(actor: Actor, successor: Successor | int) -> Successor:
    found = _locked(Successor, getattr(successor, "pk", successor), "post", "person")
    _manages(actor, found.post.organisation_id, SUCCESSION_REFUSAL)
    return found


@transaction.atomic
def set_readiness(*, actor: Actor | Any, successor: Successor | int, readiness: str
                  ) -> Successor:
    """Change how soon a successor would be ready (on the locked row)."""
    actor = Actor.coerce(actor)
    successor = _locked_successor(actor, successor)
    if readiness not in Readiness.values:
        raise ValidationError({"readiness": "Choose now, 1_2_years or 3_plus_years."})
    before = successor.readiness
    _update(actor, successor, {"readiness": readiness},
            summary=f"Readiness of {successor.person.staff_number} for "
                    f"{successor.post.title} changed",
            data={"from": before, "to": readiness})
    return successor


@transaction.atomic
def remove_successor(*, actor: Actor | Any, successor: Successor | int) -> None:
    actor = Actor.coerce(actor)
    successor = _locked_successor(actor, successor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=successor.post,
                 summary=f"{successor.person.staff_number} no longer a successor for "
                         f"{successor.post.title}", data={"person": successor.person_id})
    successor._history_user = history_user(actor)
    successor.delete()


# --- Exports (one audited export for page, API and command line) -------------------------

def export_ninebox(*, actor: Actor | Any, cycle: AppraisalCycle, fmt: str = "csv",
                   channel: str = "web") -> ExportFile:
    """Every rating in the cycle, with the calibration beside the original."""
    actor = Actor.coerce(actor)
    _manages(actor, cycle.organisation_id, "Only the head of profession exports ratings.")
    return export_table(actor=actor, what="ninebox-ratings", columns=sel.NINEBOX_COLUMNS,
                        rows=sel.ninebox_rows(cycle.ratings.all()), fmt=fmt,
                        summary=f"Nine-box ratings of {cycle} exported ({channel})",
                        filename=download_name("nine-box ratings", cycle.name),
                        sheet_title="Ratings", target=cycle,
                        extra={"channel": channel})


def export_pool(*, actor: Actor | Any, pool: TalentPool, fmt: str = "csv",
                channel: str = "web") -> ExportFile:
    """The pool's members whose place the actor may see (everyone, for the command line)."""
    actor = Actor.coerce(actor)
    members = (pool.memberships.all() if actor.trusted else sel.pool_members(actor.user, pool))
    members = (members.select_related("pool", "person__organisation", "person__grade")
               .prefetch_related("actions").order_by("person__last_name",
                                                     "person__first_name", "pk"))
    return export_table(actor=actor, what="talent-pool", columns=sel.POOL_COLUMNS,
                        rows=sel.pool_rows(members), fmt=fmt,
                        summary=f"Talent pool {pool.name} exported ({channel})",
                        filename=download_name("talent pool", pool.name),
                        sheet_title=pool.name, target=pool,
                        extra={"channel": channel})


def export_succession(*, actor: Actor | Any, fmt: str = "csv",
                      channel: str = "web") -> ExportFile:
    """Succession plans the actor may see, one row per post and successor."""
    actor = Actor.coerce(actor)
    posts = CriticalPost.objects.select_related("organisation", "role_level", "incumbent")
    if actor.trusted:
        rows = sel.succession_rows(posts.order_by("organisation__name", "title", "pk"))
    else:
        rows = sel.succession_rows(sel.visible_posts(actor.user), sel.sensitive_people(
            actor.user))
    return export_table(actor=actor, what="succession", columns=sel.SUCCESSION_COLUMNS,
                        rows=rows, fmt=fmt, summary=f"Succession plans exported ({channel})",
                        filename="succession", sheet_title="Succession",
                        extra={"channel": channel})


