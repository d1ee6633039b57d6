"""Standards services: who may write, limits named by field, versions immutable once
published, audit."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.access.roles import Role
from cadre.accreditation.models import Criterion, Scheme
from cadre.accreditation.services import standards as svc
from cadre.accreditation.tests.std_fixtures import standards  # noqa: F401
from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.core.inputs import LONG_TEXT
from cadre.core.workflow import TransitionConflict

pytestmark = pytest.mark.django_db


def _fields(exc: pytest.ExceptionInfo) -> set[str]:
    return set(exc.value.message_dict)


def test_only_runners_write(standards, make_account, people):  # noqa: F811, ANN001
    staff = make_account(person=people.a_staff1)
    hop = make_account(Role.HEAD_OF_PROFESSION, organisation=people.a_staff1.organisation)
    for user in (staff, hop):
        with pytest.raises(PermissionDenied):
            svc.create_scheme(actor=Actor.for_user(user), name="Mine")
        with pytest.raises(PermissionDenied):
            svc.publish(actor=Actor.for_user(user), version_id=standards.senior_v1.pk)
    central = make_account(Role.CENTRAL_TEAM)
    admin = make_account(Role.ADMINISTRATOR)
    svc.create_scheme(actor=Actor.for_user(central), name="Central's")
    svc.create_scheme(actor=Actor.for_user(admin), name="Admin's")
    event = AuditEvent.objects.filter(summary__contains="Central's").get()
    assert event.actor == central


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Technology professional"}, "name"),  # taken, ignoring case below
        ({"name": "technology PROFESSIONAL"}, "name"),
        ({"name": "A", "description": "x" * (LONG_TEXT + 1)}, "description"),
        ({"name": "A", "renewal_months": 0}, "renewal_months"),
        ({"name": "A", "renewal_months": 121}, "renewal_months"),
        ({"name": "A", "cpd_credits": -1}, "cpd_credits"),
        ({"name": "A", "cpd_credits": 1001}, "cpd_credits"),
        ({"name": "A", "appeal_days": 366}, "appeal_days"),
        ({"name": "A", "appeal_days": "soon"}, "appeal_days"),
    ],
)
def test_scheme_limits_name_the_field(standards, kwargs, field):  # noqa: F811, ANN001
    with pytest.raises(ValidationError) as exc:
        svc.create_scheme(actor=None, **kwargs)
    assert field in _fields(exc)


def test_scheme_limits_at_the_edge_are_accepted(standards):  # noqa: F811, ANN001
    scheme = svc.create_scheme(
        actor=None,
        name="x" * 200,
        description="y" * LONG_TEXT,
        renewal_months=120,
        cpd_credits=1000,
        appeal_days=365,
    )
    assert scheme.renewal_months == 120
    svc.update_scheme(
        actor=None, scheme=scheme, name="Shorter", renewal_months=1, cpd_credits=0, appeal_days=1
    )
    scheme.refresh_from_db()
    assert (scheme.name, scheme.renewal_months, scheme.cpd_credits) == ("Shorter", 1, 0)


def test_levels(standards):  # noqa: F811, ANN001
    s = standards
    leader = svc.add_level(actor=None, scheme=s.scheme, name="Leader")
    assert leader.ordinal == 3
    with pytest.raises(ValidationError) as exc:
        svc.add_level(actor=None, scheme=s.scheme, name="leader")
    assert "name" in _fields(exc)
    with pytest.raises(ValidationError) as exc:
        svc.add_level(actor=None, scheme=s.scheme, name="Other", ordinal=1)
    assert "ordinal" in _fields(exc)
    with pytest.raises(ValidationError) as exc:
        svc.add_level(actor=None, scheme=s.scheme, name="y" * 101)
    assert "name" in _fields(exc)
    for i in range(4, 11):
        svc.add_level(actor=None, scheme=s.scheme, name=f"Level {i}")
    with pytest.raises(ValidationError) as exc:
        svc.add_level(actor=None, scheme=s.scheme, name="Eleventh")
    assert "name" in _fields(exc)
    svc.update_level(actor=None, level=leader, name="Chief", description="Top")
    leader.refresh_from_db()
    assert leader.name == "Chief"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "luck", "text": "t"}, "kind"),
        ({"kind": "conduct", "text": ""}, "text"),
        ({"kind": "conduct", "text": "x" * (LONG_TEXT + 1)}, "text"),
        ({"kind": "skills_at_level", "text": "t", "min_level": 3}, "count"),
        ({"kind": "skills_at_level", "text": "t", "count": 51, "min_level": 3}, "count"),
        ({"kind": "skills_at_level", "text": "t", "count": 2}, "min_level"),
        ({"kind": "skills_at_level", "text": "t", "count": 2, "min_level": 8}, "min_level"),
        ({"kind": "breadth", "text": "t", "count": 2, "min_level": 0}, "min_level"),
        ({"kind": "experience", "text": "t"}, "years"),
        ({"kind": "experience", "text": "t", "years": 51}, "years"),
        ({"kind": "experience", "text": "t", "years": 3, "count": 2}, "count"),
        ({"kind": "evidence", "text": "t", "count": 1}, "evidence_type"),
        (
            {"kind": "evidence", "text": "t", "count": 1, "evidence_type": "x" * 101},
            "evidence_type",
        ),
        ({"kind": "conduct", "text": "t", "evidence_type": "report"}, "evidence_type"),
        ({"kind": "conduct", "text": "t", "min_level": 2}, "min_level"),
        (
            {"kind": "breadth", "text": "t", "count": 2, "min_level": 2, "families": [999999]},
            "families",
        ),
    ],
)
def test_criterion_limits_name_the_field(standards, kwargs, field):  # noqa: F811, ANN001
    draft = svc.create_draft(actor=None, level=standards.practitioner)
    with pytest.raises(ValidationError) as exc:
        svc.add_criterion(actor=None, version=draft, **kwargs)
    assert field in _fields(exc)
    assert not draft.criteria.exists()


def test_families_only_on_skills_at_level_and_from_one_framework(standards):  # noqa: F811, ANN001
    from cadre.accreditation.tests.std_fixtures import build_framework

    draft = svc.create_draft(actor=None, level=standards.practitioner)
    with pytest.raises(ValidationError) as exc:
        svc.add_criterion(
            actor=None,
            version=draft,
            kind="breadth",
            text="t",
            count=2,
            min_level=2,
            families=[standards.software],
        )
    assert "families" in _fields(exc)
    _, _, other, _ = build_framework("Other framework", default=False)
    with pytest.raises(ValidationError) as exc:
        svc.add_criterion(
            actor=None,
            version=draft,
            kind="skills_at_level",
            text="t",
            count=2,
            min_level=2,
            families=[standards.software, other["Data"]],
        )
    assert "families" in _fields(exc)


def test_published_versions_never_change(standards):  # noqa: F811, ANN001
    s = standards
    criterion = s.senior_v1.criteria.first()
    with pytest.raises(ValidationError) as exc:
        svc.add_criterion(actor=None, version=s.senior_v1, kind="conduct", text="More")
    assert "version" in _fields(exc)
    with pytest.raises(ValidationError):
        svc.update_criterion(actor=None, criterion=criterion, kind="conduct", text="Changed")
    with pytest.raises(ValidationError):
        svc.remove_criterion(actor=None, criterion=criterion)
    with pytest.raises(TransitionConflict):
        svc.publish(actor=None, version_id=s.senior_v1.pk)
    assert s.senior_v1.criteria.count() == 4
    assert Criterion.objects.get(pk=criterion.pk).text == criterion.text


def test_draft_copies_changes_and_publishes(standards):  # noqa: F811, ANN001
    s = standards
    draft = svc.create_draft(actor=None, level=s.senior, notes="Raise the bar")
    assert draft.number == 2 and draft.criteria.count() == 4
    with pytest.raises(ValidationError) as exc:
        svc.create_draft(actor=None, level=s.senior)
    assert "level" in _fields(exc)
    first = draft.criteria.order_by("position").first()
    assert list(first.families.all()) == [s.software]
    svc.update_criterion(
        actor=None,
        criterion=first,
        kind="skills_at_level",
        text="Three software skills at Enable or above",
        count=3,
        min_level=4,
        families=[s.software.pk],
    )
    svc.remove_criterion(actor=None, criterion=draft.criteria.get(position=2))
    assert list(draft.criteria.order_by("position").values_list("position", flat=True)) == [1, 2, 3]
    svc.add_criterion(
        actor=None,
        version=draft,
        kind="evidence",
        text="Two case studies",
        count=2,
        evidence_type="case study",
    )
    svc.publish(actor=None, version_id=draft.pk)
    draft.refresh_from_db()
    assert draft.published_on is not None
    assert s.senior_v1.criteria.get(position=1).count == 2  # the old version is untouched
    assert AuditEvent.objects.filter(summary__contains="published").count() == 2


def test_empty_draft_cannot_be_published(standards):  # noqa: F811, ANN001
    draft = svc.create_draft(actor=None, level=standards.practitioner, copy_latest=False)
    with pytest.raises(ValidationError) as exc:
        svc.publish(actor=None, version_id=draft.pk)
    assert "version" in _fields(exc)
    with pytest.raises(ValidationError) as exc:
        svc.publish(actor=None, version_id=10**9)
    assert "version" in _fields(exc)


def test_criteria_per_version_limit(standards):  # noqa: F811, ANN001
    draft = svc.create_draft(actor=None, level=standards.practitioner)
    for i in range(svc.MAX_CRITERIA):
        svc.add_criterion(actor=None, version=draft, kind="conduct", text=f"Rule {i}")
    with pytest.raises(ValidationError) as exc:
        svc.add_criterion(actor=None, version=draft, kind="conduct", text="One too many")
    assert "kind" in _fields(exc)


@pytest.mark.django_db(transaction=True)
def test_two_publishers_at_once_one_wins(standards):  # noqa: F811, ANN001
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("Row locks need PostgreSQL")
    draft = svc.create_draft(actor=None, level=standards.practitioner)
    svc.add_criterion(actor=None, version=draft, kind="conduct", text="Conduct")
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def publish() -> None:
        barrier.wait()
        try:
            svc.publish(actor=None, version_id=draft.pk)
            outcomes.append("ok")
        except TransitionConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=publish) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "ok"]
    assert Scheme.objects.count() == 1
