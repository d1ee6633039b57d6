"""Writes for mentoring (issue 18 point 2): schemes and their rules, sign-ups, running the
matcher, answering a proposed match, check-ins and end reviews.

Every write is keyword-only, runs in one transaction, checks each value against its
documented limit (docs/limits.md, "Mentoring"), records one audit event with the actor and
raises ``PermissionDenied``, ``ValidationError`` naming the field, or ``TransitionConflict``
(HTTP 409) when someone else changed the record first. State changes lock the row
(``select_for_update``) and check the state under the lock. A run of the matcher locks the
scheme, so two runs at once propose each mentee once.

Organiser rights: the command line and the system; the central team and administrators on
every scheme; a programme manager on the schemes that name them as an organiser (and on the
ones they create). A person acts on their own sign-ups and matches; the command line and the
system may act for a named person (``person=``), which the demo uses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.community import mentoring_match as mm
from cadre.community.models import (
    MAX_MENTORING_CAPACITY,
    MAX_MENTORING_NOTES,
    MAX_MENTORING_SKILLS,
    MentoringCheckIn,
    MentoringMatch,
    MentoringMatchStatus,
    MentoringResponse,
    MentoringRole,
    MentoringRun,
    MentoringScheme,
    MentoringSchemeStatus,
    MentoringSignup,
    MentoringSignupStatus,
)
from cadre.community.selectors import mentoring as sel
from cadre.core.actor import Actor
from cadre.core.inputs import check_text, invalid, parse_bool, parse_date, parse_id, parse_int
from cadre.core.versions import check_version
from cadre.core.workflow import TransitionConflict
from cadre.framework.models import Skill
from cadre.people.models import Person

#: Limits (docs/limits.md, "Mentoring").
NAME_LENGTH = 200
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
MAX_WINDOW_DAYS = 366
MAX_SIGNUPS_PER_SIDE = 2000
MAX_CHECK_INS = 200
RULE_FIELDS = ("grade_gap", "grade_tolerance", "skill_weight", "grade_weight",
               "location_weight", "exclude_same_unit", "exclude_same_organisation")
SCHEME_FIELDS = ("name", "description", "signup_opens", "signup_closes", *RULE_FIELDS)
ORGANISERS_ONLY = ("Only the scheme's organisers, the central team and administrators run "
                   "mentoring schemes.")


# ---------------------------------------------------------------------------- helpers


class MentoringConflict(TransitionConflict):
    """A ``TransitionConflict`` (HTTP 409) for mentoring records, whose ``status`` is a plain
    choice field rather than an FSM field."""

    def __init__(self, *, instance: Any, transition: str, current_state: str,
                 message: str | None = None) -> None:
        self.model = instance._meta.label
        self.pk = instance.pk
        self.transition = transition
        self.current_state = current_state
        self.current_state_label = str(dict(
            instance._meta.get_field("status").choices).get(current_state, current_state))
        self.message = message or (
            f"This {instance._meta.verbose_name} is now '{self.current_state_label}', so "
            f"'{transition}' is no longer possible. Reload it to see what changed.")
        Exception.__init__(self, self.message)


def _label(actor: Actor) -> str:
    return actor.label if hasattr(actor, "label") else str(actor)


def _require_organiser(actor: Actor, scheme: MentoringScheme | None = None) -> None:
    if actor.trusted:
        return
    user = actor.user
    if user is None or not sel.is_organiser(user):
        raise PermissionDenied(ORGANISERS_ONLY)
    if scheme is not None and not sel.may_manage(user, scheme):
        raise PermissionDenied("You are not an organiser of this scheme.")


def _acting_person(actor: Actor, person: Any = None) -> Person:
    """The person the actor acts as: their own record, or (command line, system) one named."""
    if person is not None:
        if not actor.trusted:
            own = sel.person_of(actor.user)
            if own is None or own.pk != getattr(person, "pk", person):
                raise PermissionDenied("You can act only for yourself.")
        return person if isinstance(person, Person) else Person.objects.get(pk=person)
    own = sel.person_of(actor.user)
    if own is None:
        raise PermissionDenied("Mentoring needs an account linked to a person record.")
    return own


def _text(value: Any, *, field: str, label: str, max_length: int, required: bool) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise invalid(field, f"Enter {label}.")
    return check_text(text, field=field, max_length=max_length)


def _date(value: Any, *, field: str, label: str) -> dt.date:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise invalid(field, f"Enter the {label}.")
    day = parse_date(value, field=field)
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise invalid(field, f"The {label} must be between {EARLIEST_DATE:%-d %B %Y} and "
                             f"{LATEST_DATE:%-d %B %Y}.")
    return day


def _scheme_values(data: dict[str, Any], *, instance: MentoringScheme | None) -> dict:
    errors: dict[str, list] = {}
    values: dict[str, Any] = {}

    def check(name: str, fn: Any) -> None:
        try:
            values[name] = fn()
        except ValidationError as exc:
            errors.setdefault(name, []).extend(
                exc.message_dict.get(name, exc.messages) if hasattr(exc, "error_dict")
                else exc.messages)

    check("name", lambda: _text(data.get("name"), field="name", label="a name",
                                max_length=NAME_LENGTH, required=True))
    check("description", lambda: _text(data.get("description"), field="description",
                                       label="a description",
                                       max_length=MAX_MENTORING_NOTES, required=False))
    check("signup_opens", lambda: _date(data.get("signup_opens"), field="signup_opens",
                                        label="date sign-up opens"))
    check("signup_closes", lambda: _date(data.get("signup_closes"), field="signup_closes",
                                         label="date sign-up closes"))
    limits = {"grade_gap": mm.MAX_GRADE_GAP, "grade_tolerance": mm.MAX_TOLERANCE,
              "skill_weight": mm.MAX_WEIGHT, "grade_weight": mm.MAX_WEIGHT,
              "location_weight": mm.MAX_WEIGHT}
    defaults = {f.name: f.default for f in MentoringScheme._meta.fields if f.name in RULE_FIELDS}
    for name, top in limits.items():
        check(name, lambda name=name, top=top: parse_int(
            defaults[name] if data.get(name) in (None, "") else data.get(name),
            field=name, minimum=0, maximum=top))
    for name in ("exclude_same_unit", "exclude_same_organisation"):
        check(name, lambda name=name: parse_bool(data.get(name), field=name,
                                                 default=defaults[name]))
    opens, closes = values.get("signup_opens"), values.get("signup_closes")
    if opens and closes and "signup_closes" not in errors:
        if closes < opens:
            errors["signup_closes"] = ["Sign-up must close on or after the day it opens."]
        elif (closes - opens).days > MAX_WINDOW_DAYS:
            errors["signup_closes"] = [f"Sign-up can stay open for at most {MAX_WINDOW_DAYS} "
                                       "days."]
    if not errors:
        problems = mm.Rules(**{k: values[k] for k in RULE_FIELDS}).problems()
        errors.update({k: [v] for k, v in problems.items()})
    name = values.get("name")
    if name and "name" not in errors:
        clash = MentoringScheme.objects.filter(name__iexact=name)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            errors["name"] = ["There is already a scheme with this name."]
    if errors:
        raise ValidationError(errors)
    return values


def rules_of(scheme: MentoringScheme) -> mm.Rules:
    return mm.Rules(**{k: getattr(scheme, k) for k in RULE_FIELDS})


# ---------------------------------------------------------------------------- schemes


@transaction.atomic
def create_scheme(*, actor: Actor | Any, name: str, signup_opens: Any, signup_closes: Any,
                  description: str = "", organisers: Iterable[Any] = (),
                  **rules: Any) -> MentoringScheme:
    actor = Actor.coerce(actor)
    _require_organiser(actor)
    unknown = sorted(set(rules) - set(RULE_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This is not a matching rule.")
    values = _scheme_values({"name": name, "description": description,
                             "signup_opens": signup_opens, "signup_closes": signup_closes,
                             **rules}, instance=None)
    try:
        with transaction.atomic():
            scheme = MentoringScheme.objects.create(**values)
    except IntegrityError:
        raise invalid("name", "There is already a scheme with this name.") from None
    people = list(organisers)
    if actor.user is not None:
        people.append(actor.user)
    if people:
        scheme.organisers.add(*people)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=scheme,
                 summary=f"Mentoring scheme added: {scheme.name}",
                 data={k: values[k] for k in RULE_FIELDS})
    return scheme


@transaction.atomic
def update_scheme(*, actor: Actor | Any, scheme: MentoringScheme | int,
                  expected_version: Iterable[str] | None = None,
                  **changes: Any) -> MentoringScheme:
    """Change the fields given; ``expected_version`` (the API's If-Match) refuses a stale
    read with ``StaleVersion``."""
    actor = Actor.coerce(actor)
    scheme = MentoringScheme.objects.select_for_update().get(pk=getattr(scheme, "pk", scheme))
    _require_organiser(actor, scheme)
    check_version(scheme, expected_version)
    unknown = sorted(set(changes) - set(SCHEME_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    current = {name: getattr(scheme, name) for name in SCHEME_FIELDS}
    values = _scheme_values({**current, **changes}, instance=scheme)
    changed = sorted(k for k, v in values.items() if getattr(scheme, k) != v)
    if changed:
        for name in changed:
            setattr(scheme, name, values[name])
        scheme.save()
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=scheme,
                     summary=f"Mentoring scheme changed: {scheme.name}",
                     data={"fields": changed})
    return scheme


_STATUS_MOVES = {
    "open": ({MentoringSchemeStatus.DRAFT, MentoringSchemeStatus.CLOSED},
             MentoringSchemeStatus.OPEN),
    "close": ({MentoringSchemeStatus.OPEN}, MentoringSchemeStatus.CLOSED),
}


@transaction.atomic
def set_scheme_status(*, actor: Actor | Any, scheme: MentoringScheme | int,
                      transition: str) -> MentoringScheme:
    """``open`` (from draft or closed) or ``close`` (from open) a scheme's sign-up."""
    actor = Actor.coerce(actor)
    if transition not in _STATUS_MOVES:
        raise invalid("transition", "Choose open or close.")
    scheme = MentoringScheme.objects.select_for_update().get(pk=getattr(scheme, "pk", scheme))
    _require_organiser(actor, scheme)
    sources, target = _STATUS_MOVES[transition]
    if scheme.status not in sources:
        raise MentoringConflict(instance=scheme, transition=transition,
                                 current_state=scheme.status)
    updated = MentoringScheme.objects.filter(pk=scheme.pk, status=scheme.status).update(
        status=target, updated_at=timezone.now())
    if not updated:  # pragma: no cover - the row is locked
        raise MentoringConflict(instance=scheme, transition=transition,
                                 current_state=scheme.status)
    scheme.refresh_from_db()
    record_event(actor=actor, action=AuditEvent.Action.TRANSITION, target=scheme,
                 summary=f"Mentoring scheme {scheme.name}: {scheme.get_status_display()}",
                 data={"transition": transition, "status": scheme.status})
    return scheme


# ---------------------------------------------------------------------------- sign-up


def _skills(values: Iterable[Any] | None) -> list[Skill]:
    items = list(values or [])
    if len(items) > MAX_MENTORING_SKILLS:
        raise invalid("skills", f"Choose at most {MAX_MENTORING_SKILLS} skills (this has "
                                f"{len(items)}).")
    ids = [s.pk if isinstance(s, Skill) else parse_id(s, field="skills") for s in items]
    found = {s.pk: s for s in Skill.objects.filter(pk__in=ids)}
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise invalid("skills", f"There is no skill with id {', '.join(missing[:5])}.")
    return [found[i] for i in dict.fromkeys(ids)]


@transaction.atomic
def sign_up(*, actor: Actor | Any, scheme: MentoringScheme | int, role: str,
            skills: Iterable[Any] = (), capacity: Any = 1, goals: str = "",
            person: Any = None, today: dt.date | None = None) -> MentoringSignup:
    """Sign up (or sign up again after withdrawing) as mentor or mentee."""
    actor = Actor.coerce(actor)
    who = _acting_person(actor, person)
    scheme = MentoringScheme.objects.select_for_update().get(pk=getattr(scheme, "pk", scheme))
    today = today or timezone.localdate()
    if not actor.trusted and not sel.open_for_signup(scheme, today):
        raise PermissionDenied("This scheme is not open for sign-up.")
    if role not in MentoringRole.values:
        raise invalid("role", "Choose mentor or mentee.")
    errors: dict[str, list[str]] = {}
    chosen: list[Skill] = []
    try:
        chosen = _skills(skills)
    except ValidationError as exc:
        errors["skills"] = exc.messages
    if not chosen and "skills" not in errors:
        errors["skills"] = ["Choose at least one skill you " + (
            "can offer." if role == MentoringRole.MENTOR else "want to build.")]
    places = 1
    if role == MentoringRole.MENTOR:
        try:
            places = parse_int(capacity, field="capacity", minimum=1,
                               maximum=MAX_MENTORING_CAPACITY)
        except ValidationError:
            errors["capacity"] = [f"Give how many mentees you can take: 1 to "
                                  f"{MAX_MENTORING_CAPACITY}."]
    try:
        goals = _text(goals, field="goals", label="goals", max_length=MAX_MENTORING_NOTES,
                      required=False)
    except ValidationError as exc:
        errors["goals"] = exc.messages
    if errors:
        raise ValidationError(errors)
    side = scheme.signups.filter(role=role, status=MentoringSignupStatus.ACTIVE)
    existing = MentoringSignup.objects.filter(scheme=scheme, person=who, role=role).first()
    if existing is None and side.count() >= MAX_SIGNUPS_PER_SIDE:
        raise invalid("role", f"This scheme is full: at most {MAX_SIGNUPS_PER_SIDE} "
                              f"{role}s.")
    if (existing is not None and existing.status == MentoringSignupStatus.ACTIVE
            and sel.has_live_match(existing)):
        raise MentoringConflict(instance=existing, transition="change",
                                current_state=existing.status,
                                message="You have a match in this scheme, so your sign-up "
                                        "cannot change now.")
    signup = existing or MentoringSignup(scheme=scheme, person=who, role=role)
    signup.capacity, signup.goals = places, goals
    signup.status, signup.withdrawn_at = MentoringSignupStatus.ACTIVE, None
    signup.save()
    signup.skills.set(chosen)
    record_event(actor=actor, action=(AuditEvent.Action.RECORD_UPDATED if existing
                                      else AuditEvent.Action.RECORD_CREATED),
                 target=signup, summary=f"Mentoring sign-up as {role} in {scheme.name}",
                 data={"skills": [s.pk for s in chosen], "capacity": places})
    return signup


@transaction.atomic
def withdraw(*, actor: Actor | Any, signup: MentoringSignup | int) -> MentoringSignup:
    """Withdraw a sign-up before it is matched."""
    actor = Actor.coerce(actor)
    signup = MentoringSignup.objects.select_for_update().select_related("scheme").get(
        pk=getattr(signup, "pk", signup))
    who = sel.person_of(actor.user)
    if not actor.trusted and (who is None or who.pk != signup.person_id):
        raise PermissionDenied("You can withdraw only your own sign-up.")
    # the scheme lock keeps a matching run from taking this sign-up meanwhile
    MentoringScheme.objects.select_for_update().filter(pk=signup.scheme_id).first()
    if signup.status != MentoringSignupStatus.ACTIVE:
        raise MentoringConflict(instance=signup, transition="withdraw",
                                 current_state=signup.status)
    if sel.has_live_match(signup):
        raise MentoringConflict(instance=signup, transition="withdraw",
                                 current_state=signup.status,
                                 message="This sign-up has a match now: decline the match "
                                         "instead of withdrawing.")
    MentoringSignup.objects.filter(pk=signup.pk, status=MentoringSignupStatus.ACTIVE).update(
        status=MentoringSignupStatus.WITHDRAWN, withdrawn_at=timezone.now())
    signup.refresh_from_db()
    record_event(actor=actor, action=AuditEvent.Action.TRANSITION, target=signup,
                 summary=f"Mentoring sign-up withdrawn ({signup.scheme.name})",
                 data={"transition": "withdraw"})
    return signup


# ---------------------------------------------------------------------------- matching


@dataclass
class ProposedPair:
    mentee: int
    mentee_name: str
    mentor: int
    mentor_name: str
    score: float
    explanation: str


@dataclass
class Proposal:
    scheme: MentoringScheme
    dry_run: bool
    pairs: list[ProposedPair] = field(default_factory=list)
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    run: MentoringRun | None = None

    @property
    def total(self) -> float:
        return round(sum(p.score for p in self.pairs), 3)

    @property
    def fingerprint(self) -> str:
        """A short digest of the proposed pairs: a confirmation sends back the one it saw."""
        text = ";".join(f"{p.mentee}-{p.mentor}" for p in sorted(
            self.pairs, key=lambda p: (p.mentee, p.mentor)))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def rows(self) -> list[dict[str, Any]]:
        """One row per mentee: matched (with the mentor and why) or unmatched (and why)."""
        out = [{"scheme": self.scheme.pk, "mentee_signup": p.mentee,
                "mentee": p.mentee_name, "mentor_signup": p.mentor, "mentor": p.mentor_name,
                "score": round(p.score, 3), "explanation": p.explanation}
               for p in self.pairs]
        out += [{"scheme": self.scheme.pk, "mentee_signup": u["signup"],
                 "mentee": u["name"], "mentor_signup": None, "mentor": "",
                 "score": None, "explanation": f"Not matched: {u['reason']}"}
                for u in self.unmatched]
        return out


def _rank(person: Person) -> int | None:
    grade = person.grade
    if grade is None:
        return None
    return (grade.civil_service_equivalent or grade).rank


def _managers(people: set[int]) -> dict[int, int | None]:
    """person -> line manager for everyone up the chains of ``people``."""
    managers: dict[int, int | None] = {}
    todo = set(people)
    while todo:
        rows = dict(Person.objects.filter(pk__in=todo).values_list("pk", "line_manager_id"))
        managers.update(rows)
        todo = {m for m in rows.values() if m is not None and m not in managers}
    return managers


def _candidates(scheme: MentoringScheme) -> tuple[list, list, dict, dict]:
    held = sel.held_mentees(scheme)
    load = sel.live_load(scheme)
    signups = list(scheme.signups.filter(status=MentoringSignupStatus.ACTIVE)
                   .select_related("person__grade__civil_service_equivalent")
                   .prefetch_related("skills").order_by("id"))
    mentees, mentors, by_id = [], [], {}
    for s in signups:
        p = s.person
        if s.role == MentoringRole.MENTEE and s.pk in held:
            continue
        capacity = 1 if s.role == MentoringRole.MENTEE else s.capacity - load.get(s.pk, 0)
        if capacity <= 0:
            continue
        c = mm.Candidate(id=s.pk, person=p.pk, organisation=p.organisation_id, rank=_rank(p),
                         unit=p.unit_id, location=p.location_id,
                         skills=frozenset(sk.pk for sk in s.skills.all()), capacity=capacity)
        (mentees if s.role == MentoringRole.MENTEE else mentors).append(c)
        by_id[s.pk] = s
    skill_names = {sk.pk: sk.name for s in signups for sk in s.skills.all()}
    return mentees, mentors, by_id, skill_names


def _propose(scheme: MentoringScheme, *, dry_run: bool) -> Proposal:
    mentees, mentors, by_id, skill_names = _candidates(scheme)
    rules = rules_of(scheme)
    managers = _managers({c.person for c in mentees + mentors})
    result = mm.match(mentees, mentors, rules, managers=managers,
                      declined=sel.declined_pairs(scheme))
    wanted = {c.id: len(c.skills) for c in mentees}
    proposal = Proposal(scheme=scheme, dry_run=dry_run)
    for pair in result.pairs:
        proposal.pairs.append(ProposedPair(
            mentee=pair.mentee, mentee_name=by_id[pair.mentee].person.full_name,
            mentor=pair.mentor, mentor_name=by_id[pair.mentor].person.full_name,
            score=pair.score,
            explanation=mm.explain(pair, rules, skill_names, wanted=wanted[pair.mentee])))
    proposal.unmatched = [{"signup": pk, "name": by_id[pk].person.full_name, "reason": why}
                          for pk, why in sorted(result.unmatched.items())]
    return proposal


def run_matching(*, actor: Actor | Any, scheme: MentoringScheme | int,
                 dry_run: bool = False, expected: str | None = None) -> Proposal:
    """Match the scheme's unmatched mentees to mentors' free places. A dry run returns the
    proposal and writes nothing; otherwise the matches are proposed to both people. The
    scheme row is locked for the run, so a second run waits and finds the mentees taken.
    ``expected`` (a preview's ``fingerprint``) refuses with a 409 when the proposal is no
    longer the one previewed (sign-ups or answers changed meanwhile)."""
    actor = Actor.coerce(actor)
    pk = getattr(scheme, "pk", scheme)
    with transaction.atomic():
        locked = MentoringScheme.objects.filter(pk=pk)
        if not dry_run:
            locked = locked.select_for_update()
        scheme = locked.first()
        if scheme is None:
            raise invalid("scheme", f"There is no mentoring scheme with id {pk}.")
        _require_organiser(actor, scheme)
        if scheme.status == MentoringSchemeStatus.DRAFT:
            raise MentoringConflict(instance=scheme, transition="match",
                                     current_state=scheme.status,
                                     message="Open the scheme for sign-up before matching.")
        proposal = _propose(scheme, dry_run=dry_run)
        if dry_run:
            return proposal
        if expected is not None and expected != proposal.fingerprint:
            raise MentoringConflict(
                instance=scheme, transition="match", current_state=scheme.status,
                message="The sign-ups or matches changed since the preview, so the proposal "
                        "is different now. Check the new preview and confirm again.")
        number = (scheme.runs.order_by("-number").values_list("number", flat=True).first()
                  or 0) + 1
        run = MentoringRun.objects.create(
            scheme=scheme, number=number, run_by=_label(actor)[:200],
            matched=len(proposal.pairs),
            unmatched=[{"signup": u["signup"], "reason": u["reason"]}
                       for u in proposal.unmatched])
        MentoringMatch.objects.bulk_create([
            MentoringMatch(scheme=scheme, run=run, mentee_id=p.mentee, mentor_id=p.mentor,
                           score=Decimal(f"{p.score:.3f}"), explanation=p.explanation)
            for p in proposal.pairs])
        proposal.run = run
        record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=scheme,
                     summary=f"Mentoring matches proposed in {scheme.name}: "
                             f"{len(proposal.pairs)} matched, {len(proposal.unmatched)} not",
                     data={"run": number, "matched": len(proposal.pairs),
                           "unmatched": len(proposal.unmatched)})
        return proposal


# ---------------------------------------------------------------------------- matches


def _locked_match(match: MentoringMatch | int) -> MentoringMatch:
    pk = getattr(match, "pk", match)
    found = (MentoringMatch.objects.select_for_update(of=("self",))
             .select_related("mentee__person", "mentor__person", "scheme")
             .filter(pk=pk).first())
    if found is None:
        raise invalid("match", f"There is no mentoring match with id {pk}.")
    return found


def _party(actor: Actor, match: MentoringMatch, person: Any) -> str:
    who = _acting_person(actor, person)
    if match.mentee.person_id == who.pk:
        return MentoringRole.MENTEE
    if match.mentor.person_id == who.pk:
        return MentoringRole.MENTOR
    raise PermissionDenied("Only the mentor and the mentee act on a match.")


@transaction.atomic
def respond(*, actor: Actor | Any, match: MentoringMatch | int, response: str,
            person: Any = None) -> MentoringMatch:
    """The mentor or the mentee accepts or declines a proposed match. Both accepting makes
    it active; either declining ends the proposal and frees both for a later run."""
    actor = Actor.coerce(actor)
    if response not in ("accept", "decline"):
        raise invalid("response", "Choose accept or decline.")
    match = _locked_match(match)
    side = _party(actor, match, person)
    field_name = f"{side}_response"
    if match.status != MentoringMatchStatus.PROPOSED:
        raise MentoringConflict(instance=match, transition=response,
                                 current_state=match.status)
    if getattr(match, field_name) != MentoringResponse.PENDING:
        raise MentoringConflict(
            instance=match, transition=response, current_state=match.status,
            message=f"You have already {getattr(match, field_name)} this match.")
    changes: dict[str, Any] = {}
    if response == "decline":
        changes = {field_name: MentoringResponse.DECLINED,
                   "status": MentoringMatchStatus.DECLINED, "ended_at": timezone.now()}
    else:
        changes = {field_name: MentoringResponse.ACCEPTED}
        other = match.mentor_response if side == MentoringRole.MENTEE else match.mentee_response
        if other == MentoringResponse.ACCEPTED:
            changes.update(status=MentoringMatchStatus.ACTIVE, started_at=timezone.now())
    updated = MentoringMatch.objects.filter(
        pk=match.pk, status=MentoringMatchStatus.PROPOSED,
        **{field_name: MentoringResponse.PENDING}).update(**changes)
    if not updated:  # pragma: no cover - the row is locked
        raise MentoringConflict(instance=match, transition=response,
                                 current_state=match.status)
    match.refresh_from_db()
    record_event(actor=actor, action=AuditEvent.Action.TRANSITION, target=match,
                 summary=f"Mentoring match {response}ed by the {side} ({match.scheme.name})",
                 data={"transition": response, "side": side, "status": match.status})
    return match


@transaction.atomic
def add_check_in(*, actor: Actor | Any, match: MentoringMatch | int, met_on: Any,
                 notes: str = "", person: Any = None,
                 today: dt.date | None = None) -> MentoringCheckIn:
    """Either party records a meeting on an active match."""
    actor = Actor.coerce(actor)
    match = _locked_match(match)
    _party(actor, match, person)
    who = _acting_person(actor, person)
    if match.status != MentoringMatchStatus.ACTIVE:
        raise MentoringConflict(instance=match, transition="check in",
                                 current_state=match.status,
                                 message="Check-ins are recorded on a match both people "
                                         "accepted and that has not ended.")
    errors: dict[str, list[str]] = {}
    day = None
    today = today or timezone.localdate()
    try:
        day = _date(met_on, field="met_on", label="date you met")
        if day > today:
            errors["met_on"] = ["The date you met must be today or earlier."]
        elif match.started_at and day < match.proposed_at.date():
            errors["met_on"] = ["The date you met must be on or after the match was "
                                "proposed."]
    except ValidationError as exc:
        errors["met_on"] = exc.messages
    try:
        notes = _text(notes, field="notes", label="notes", max_length=MAX_MENTORING_NOTES,
                      required=False)
    except ValidationError as exc:
        errors["notes"] = exc.messages
    if errors:
        raise ValidationError(errors)
    if match.check_ins.count() >= MAX_CHECK_INS:
        raise invalid("met_on", f"A match has at most {MAX_CHECK_INS} check-ins.")
    check_in = MentoringCheckIn.objects.create(match=match, met_on=day, notes=notes,
                                               author=who)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=check_in,
                 summary=f"Mentoring check-in on {day:%-d %B %Y} ({match.scheme.name})")
    return check_in


@transaction.atomic
def end_match(*, actor: Actor | Any, match: MentoringMatch | int, rating: Any,
              what_changed: str, person: Any = None) -> MentoringMatch:
    """Either party closes an active match with an end review (rating 1 to 5 and what
    changed)."""
    actor = Actor.coerce(actor)
    match = _locked_match(match)
    _party(actor, match, person)
    who = _acting_person(actor, person)
    errors: dict[str, list[str]] = {}
    score = None
    try:
        score = parse_int(rating, field="rating", minimum=1, maximum=5)
    except ValidationError:
        errors["rating"] = ["Give a rating from 1 to 5."]
    try:
        what_changed = _text(what_changed, field="what_changed", label="what changed",
                             max_length=MAX_MENTORING_NOTES, required=True)
    except ValidationError as exc:
        errors["what_changed"] = exc.messages
    if match.status != MentoringMatchStatus.ACTIVE:
        raise MentoringConflict(instance=match, transition="end",
                                 current_state=match.status)
    if errors:
        raise ValidationError(errors)
    MentoringMatch.objects.filter(pk=match.pk, status=MentoringMatchStatus.ACTIVE).update(
        status=MentoringMatchStatus.ENDED, ended_at=timezone.now(), rating=score,
        what_changed=what_changed, reviewed_by=who)
    match.refresh_from_db()
    record_event(actor=actor, action=AuditEvent.Action.TRANSITION, target=match,
                 summary=f"Mentoring match ended with a review ({match.scheme.name})",
                 data={"transition": "end", "rating": score})
    return match
