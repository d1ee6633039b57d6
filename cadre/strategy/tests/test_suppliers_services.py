# ruff: noqa: F811 - pytest fixtures imported from suppliers_fixtures are named as arguments
"""Strategic supplier services: suppliers, the versioned framework, periods, scores with
history and version checks, the cross-government figures, and the plan's transitions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.audit.models import AuditEvent
from cadre.core.workflow import TransitionConflict
from cadre.strategy.models import ActionStatus, SupplierScore
from cadre.strategy.selectors import suppliers as sel
from cadre.strategy.services import suppliers as services
from cadre.strategy.services.suppliers import SupplierConflict
from cadre.strategy.tests.suppliers_fixtures import (  # noqa: F401
    CLI,
    FIVE,
    score_all,
    supplier_world,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_supplier_names_are_unique_and_company_numbers_checked(supplier_world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.create_supplier(actor=CLI, name="imaginary systems PLC")
    assert "name" in exc.value.message_dict
    for bad in ("1234567", "AB12345X", "¹2345678", "0123456789"):
        with pytest.raises(ValidationError) as exc:
            services.create_supplier(actor=CLI, name="Other Ltd", company_number=bad)
        assert "company_number" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_supplier(actor=CLI, name="Other Ltd", company_number="01234567")
    assert "company_number" in exc.value.message_dict
    made = services.create_supplier(actor=CLI, name="Other Ltd", company_number="sc123456")
    assert made.company_number == "SC123456"
    with pytest.raises(ValidationError) as exc:
        services.create_supplier(actor=CLI, name="x" * 201)
    assert "name" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.create_supplier(actor=CLI, name="Nul\x00 Ltd")


def test_only_editors_manage_suppliers(supplier_world, make_account) -> None:  # noqa: ANN001
    w = supplier_world
    head = make_account("head_of_profession", w.org_a)
    with pytest.raises(PermissionDenied):
        services.create_supplier(actor=head, name="Sneaky Ltd")
    with pytest.raises(PermissionDenied):
        services.update_supplier(actor=head, supplier=w.supplier, active=False)
    central = make_account("central_team")
    services.update_supplier(actor=central, supplier=w.supplier, active=False,
                             description="Gone")
    w.supplier.refresh_from_db()
    assert (w.supplier.active, w.supplier.description) == (False, "Gone")
    assert AuditEvent.objects.filter(summary__contains="Imaginary Systems plc changed").exists()


def test_a_version_is_frozen_once_scored_and_a_new_one_copies_it(supplier_world) -> None:  # noqa: ANN001
    w = supplier_world
    services.add_criterion(actor=CLI, version=w.version, name="Social value", weight=1,
                           descriptors=FIVE)
    services.set_score(actor=CLI, supplier=w.supplier, period=w.spring,
                       organisation=w.org_a, criterion=w.delivery, score=4)
    with pytest.raises(ValidationError) as exc:
        services.add_criterion(actor=CLI, version=w.version, name="Innovation", weight=1,
                               descriptors=FIVE)
    assert "version" in exc.value.message_dict
    second = services.create_version(actor=CLI, label="Second framework")
    assert second.number == 2
    assert [c.name for c in second.criteria.all()] == [
        "Delivery", "Value for money", "Security", "Social value"]
    services.add_criterion(actor=CLI, version=second, name="Innovation", weight=2,
                           descriptors=FIVE)
    period = services.create_period(actor=CLI, label="2027 H1", starts_on="2027-01-01",
                                    ends_on="2027-06-30")
    assert period.version == second
    # The spring score stays tied to the first version's criterion.
    assert SupplierScore.objects.get().criterion.version == w.version


def test_criterion_checks(supplier_world) -> None:  # noqa: ANN001
    w = supplier_world
    second = services.create_version(actor=CLI, label="Second", copy_latest=False)
    cases = [
        ({"weight": 0}, "weight"), ({"weight": "101"}, "weight"), ({"weight": "²"}, "weight"),
        ({"scale_max": 11}, "scale_max"), ({"scale_max": 1}, "scale_max"),
        ({"descriptors": ["One", "Two"]}, "descriptors"),
        ({"descriptors": ["x" * 201, "b", "c", "d", "e"]}, "descriptors"),
        ({"name": "Delivery", "version": w.version}, "version"),
    ]
    for change, field in cases:
        values = {"version": second, "name": "Test", "weight": 1, "descriptors": FIVE}
        values.update(change)
        with pytest.raises(ValidationError) as exc:
            if field == "version":
                services.set_score(actor=CLI, supplier=w.supplier, period=w.spring,
                                   organisation=w.org_a, criterion=w.delivery, score=1)
            services.add_criterion(actor=CLI, **values)
        assert field in exc.value.message_dict, change


def test_period_checks(supplier_world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.create_period(actor=CLI, label="2026 h1", starts_on="2026-01-01",
                               ends_on="2026-02-01")
    assert "label" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_period(actor=CLI, label="Backwards", starts_on="2026-03-01",
                               ends_on="2026-02-01")
    assert "ends_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_period(actor=CLI, label="Bad", starts_on="yesterday",
                               ends_on="2026-02-01")
    assert "starts_on" in exc.value.message_dict


def test_scores_keep_history_and_refuse_stale_changes(supplier_world, make_account) -> None:  # noqa: ANN001
    w = supplier_world
    head = make_account("head_of_profession", w.org_a)
    row = services.set_score(actor=head, supplier=w.supplier, period=w.spring,
                             organisation=w.org_a, criterion=w.delivery, score=3,
                             comment="Late twice")
    assert row.version == 1
    row = services.set_score(actor=head, supplier=w.supplier, period=w.spring,
                             organisation=w.org_a, criterion=w.delivery, score=4,
                             comment="Better", version=1)
    assert (row.score, row.version) == (4, 2)
    with pytest.raises(SupplierConflict) as exc:
        services.set_score(actor=head, supplier=w.supplier, period=w.spring,
                           organisation=w.org_a, criterion=w.delivery, score=2, version=1)
    assert exc.value.current == 2
    with pytest.raises(SupplierConflict):  # a "new" score where one exists
        services.set_score(actor=head, supplier=w.supplier, period=w.spring,
                           organisation=w.org_a, criterion=w.delivery, score=2)
    assert SupplierScore.objects.get().score == 4
    history = sel.score_history(supplier=w.supplier, period=w.spring, organisation=w.org_a)
    assert [(h["score"], h["kind"]) for h in history] == [(4, "Changed"), (3, "Given")]
    assert history[0]["by"] == head.email


def test_scores_are_all_or_nothing_and_checked(supplier_world) -> None:  # noqa: ANN001
    w = supplier_world
    with pytest.raises(ValidationError) as exc:
        services.set_scores(actor=CLI, supplier=w.supplier, period=w.spring,
                            organisation=w.org_a, entries=[
                                {"criterion": w.delivery, "score": 5},
                                {"criterion": w.security, "score": 4},   # 1..3
                                {"criterion": w.value, "score": "x"}])
    assert {f"criterion_{w.security.pk}", f"criterion_{w.value.pk}"} <= set(
        exc.value.message_dict)
    assert not SupplierScore.objects.exists()
    with pytest.raises(ValidationError) as exc:
        services.set_score(actor=CLI, supplier=w.supplier, period=w.spring,
                           organisation=w.org_a, criterion=w.delivery, score=3,
                           comment="x" * 2001)
    assert f"comment_{w.delivery.pk}" in exc.value.message_dict
    other = services.create_version(actor=CLI, label="Second")
    with pytest.raises(ValidationError) as exc:
        services.set_score(actor=CLI, supplier=w.supplier, period=w.spring,
                           organisation=w.org_a, criterion=other.criteria.first(), score=3)
    assert "criterion" in exc.value.message_dict


def test_heads_of_profession_score_only_their_organisations(supplier_world,  # noqa: ANN001
                                                             make_account) -> None:  # noqa: ANN001
    w = supplier_world
    head = make_account("head_of_profession", w.org_a)
    analyst = make_account("analyst")
    for actor, org in ((head, w.org_b), (analyst, w.org_a)):
        with pytest.raises(PermissionDenied):
            services.set_score(actor=actor, supplier=w.supplier, period=w.spring,
                               organisation=org, criterion=w.delivery, score=3)
    central = make_account("central_team")
    services.set_score(actor=central, supplier=w.supplier, period=w.spring,
                       organisation=w.org_b, criterion=w.delivery, score=3)


def test_cross_government_figures_and_who_sees_them(supplier_world, make_account) -> None:  # noqa: ANN001
    w = supplier_world
    score_all(w, w.org_a, w.spring, 4, 2, 3)   # 62.5
    score_all(w, w.org_b, w.spring, 2, 2, 1)   # (0.75+0.5+0)/6 = 20.8
    score_all(w, w.org_a, w.autumn, 5, 5, 3)   # 100
    score_all(w, w.org_b, w.autumn, 3, 3, 2)   # 50
    score_all(w, w.org_c, w.autumn, 1, 1, 1)   # 0
    central = make_account("central_team")
    spring, autumn = sel.figures(w.supplier, central)
    assert (spring.organisations, spring.shown, spring.overall) == (2, True, 41.7)
    assert [o.overall for o in spring.by_organisation] == [62.5, 20.8]
    assert (autumn.organisations, autumn.overall, autumn.change) == (3, 50.0, 8.3)
    # A head of profession in A: spring is A and one other, so it is not shown.
    head = make_account("head_of_profession", w.org_a)
    spring, autumn = sel.figures(w.supplier, head)
    assert (spring.shown, spring.overall, spring.organisations) == (False, None, 2)
    assert spring.hidden_reason
    assert [o.organisation for o in spring.by_organisation] == [w.org_a]
    assert (autumn.shown, autumn.overall, autumn.change) == (True, 50.0, None)
    # An analyst (no organisation): two organisations are enough; no organisation rows.
    analyst = make_account("analyst")
    spring, _ = sel.figures(w.supplier, analyst)
    assert spring.shown and spring.by_organisation == []
    delivery = spring.by_criterion[0]
    assert (delivery.criterion, delivery.mean_score, delivery.organisations) == (
        w.delivery, 3.0, 2)
    rows = sel.overall_rows(CLI, supplier=w.supplier)
    assert {(r["period"], r["organisation"], r["overall"], r["organisations"])
            for r in rows} >= {("2026 H1", "All buying organisations", 41.7, 2),
                               ("2026 H2", "DC", 0.0, 1)}


def test_plan_actions_move_through_one_locked_service(supplier_world, make_account) -> None:  # noqa: ANN001
    w = supplier_world
    person = PersonFactory(organisation=w.org_a)
    stranger = PersonFactory(organisation=w.org_b)
    with pytest.raises(ValidationError) as exc:
        services.create_action(actor=CLI, supplier=w.supplier, title="Fix it",
                               owner_organisation=w.org_a, owner_person=stranger,
                               due_on="2027-01-31")
    assert "owner_person" in exc.value.message_dict
    action = services.create_action(actor=CLI, supplier=w.supplier, title="Fix it",
                                    owner_organisation="DA", owner_person=person.pk,
                                    due_on="2027-01-31")
    assert action.status == ActionStatus.OPEN
    other_head = make_account("head_of_profession", w.org_b)
    with pytest.raises(PermissionDenied):
        services.move_action(actor=other_head, action=action, to="in_progress")
    head = make_account("head_of_profession", w.org_a)
    services.move_action(actor=head, action=action, to="In progress", reason="Started")
    services.move_action(actor=head, action=action.pk, to="done")
    with pytest.raises(TransitionConflict):
        services.move_action(actor=head, action=action, to="dropped")
    with pytest.raises(ValidationError):
        services.move_action(actor=head, action=action, to="finished")
    services.move_action(actor=CLI, action=action, to="open")
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    history = sel.action_history(action)
    assert [h["status"] for h in history] == ["Open", "Done", "In progress", "Open"]
    assert history[2]["reason"] == "Started"
    assert AuditEvent.objects.filter(action="transition").count() == 3
