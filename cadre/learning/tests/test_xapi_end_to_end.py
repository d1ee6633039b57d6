# ruff: noqa: F811 - fixtures imported from xapi_fixtures are named as arguments
"""A learning record completes a plan activity end to end: a product with an xAPI id, a
person whose plan activity is linked to it, a ``completed`` statement POSTed by the
product's provider marks the activity done and adds CPD; voiding it removes the CPD and
leaves the activity done."""

from __future__ import annotations

import pytest

from cadre.accreditation.models import CpdRecord
from cadre.assessments.models import Activity
from cadre.audit.models import AuditEvent
from cadre.learning import xapi
from cadre.learning.models import (
    AppendOnlyError,
    StatementEffect,
    StoredStatement,
)
from cadre.learning.tests.xapi_fixtures import (  # noqa: F401
    OTHER_IRI,
    lrs,
    new_id,
    other_lrs,
    statement,
    voiding,
    world,
)

pytestmark = pytest.mark.django_db


def test_completed_marks_the_activity_done_and_adds_cpd(world, lrs) -> None:  # noqa: ANN001
    ident = new_id()
    response = lrs.post(statement(statement_id=ident, email="Learner@Example.org",
                                  timestamp="2026-11-30T15:00:00Z",
                                  result={"completion": True}))
    assert response.status_code == 200
    world.activity.refresh_from_db()
    assert world.activity.status == Activity.Status.DONE
    record = CpdRecord.objects.get(person=world.person)
    assert record.source == "learning_record" and record.hours == world.product.duration_hours
    assert ident in record.evidence and record.activity == "Secure coding course"
    assert str(record.completed_on) == "2026-11-30"
    stored = StoredStatement.objects.get(statement_id=ident)
    assert stored.person == world.person and stored.actor_email == "learner@example.org"
    assert sorted(stored.effects.values_list("kind", flat=True)) == ["activity_done",
                                                                     "cpd_added"]
    assert AuditEvent.objects.filter(target_type="assessments.Activity",
                                     target_id=str(world.activity.pk)).exists()

    # the same statement again: accepted, nothing done twice
    assert lrs.post(statement(statement_id=ident, email="Learner@Example.org",
                              timestamp="2026-11-30T15:00:00Z",
                              result={"completion": True})).status_code == 200
    assert CpdRecord.objects.filter(person=world.person).count() == 1

    # voiding removes the CPD it added and leaves the activity to the person
    voider = lrs.post(voiding(ident)).json()[0]
    assert not CpdRecord.objects.filter(person=world.person).exists()
    world.activity.refresh_from_db()
    assert world.activity.status == Activity.Status.DONE
    assert StatementEffect.objects.get(statement__statement_id=voider).kind == "cpd_removed"
    # voiding again changes nothing more
    assert lrs.post(voiding(ident)).status_code == 200
    assert StatementEffect.objects.filter(kind="cpd_removed").count() == 1


def test_passed_counts_and_a_person_is_found_by_their_own_email(world, lrs) -> None:  # noqa: ANN001
    lrs.post(statement(email="learner.person@example.org", verb=xapi.PASSED))
    assert CpdRecord.objects.filter(person=world.person).count() == 1
    assert "Passed" in CpdRecord.objects.get(person=world.person).evidence


def test_other_verbs_unknown_people_and_others_products_do_nothing(world, lrs,
                                                                    other_lrs) -> None:  # noqa: ANN001
    lrs.post(statement(verb="http://adlnet.gov/expapi/verbs/attempted"))
    lrs.post(statement(email="nobody@example.org"))
    lrs.post(statement(activity=OTHER_IRI))            # another provider's product
    other_lrs.post(statement())                          # not the product's provider
    assert not CpdRecord.objects.exists()
    world.activity.refresh_from_db()
    assert world.activity.status == Activity.Status.PLANNED
    assert StoredStatement.objects.count() == 4 and not StatementEffect.objects.exists()


def test_another_provider_cannot_void_the_statement(world, lrs, other_lrs) -> None:  # noqa: ANN001
    ident = lrs.post(statement()).json()[0]
    assert other_lrs.post(voiding(ident)).status_code == 200
    assert CpdRecord.objects.filter(person=world.person).count() == 1
    assert lrs.get({"statementId": ident}).status_code == 200


def test_a_voiding_that_came_first_stops_the_effects(world, lrs) -> None:  # noqa: ANN001
    ident = new_id()
    lrs.post(voiding(ident))
    lrs.post(statement(statement_id=ident))
    assert not CpdRecord.objects.exists()


def test_long_products_are_capped_at_the_cpd_limit_and_say_so(world, lrs) -> None:  # noqa: ANN001
    from decimal import Decimal

    world.product.duration_hours = Decimal("800")
    world.product.save()
    lrs.post(statement())
    record = CpdRecord.objects.get(person=world.person)
    assert record.hours == Decimal("500") and "800" in record.evidence


def test_statements_are_append_only(world, lrs) -> None:  # noqa: ANN001
    lrs.post(statement())
    row = StoredStatement.objects.get()
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        StoredStatement.objects.update(verb_id="x")
    with pytest.raises(AppendOnlyError):
        StoredStatement.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        StatementEffect.objects.all().delete()
