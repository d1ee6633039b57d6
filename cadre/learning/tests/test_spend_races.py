"""Races on PostgreSQL: two reviewers deciding one supplier name (or one description) at
once; one wins, the other is told someone else decided, and the decision is made once."""

from __future__ import annotations

import pytest

from cadre.audit.models import AuditEvent
from cadre.learning.models import MatchStatus, ProductDescription, SpendLine, SupplierName
from cadre.learning.services.spend import (
    Decision,
    DecisionConflict,
    decide_description,
    decide_supplier,
    import_spend,
)
from cadre.learning.tests.spend_fixtures import catalogue, central, lead_a, spend_csv  # noqa: F401
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]

DATA = spend_csv("2024-04-02,Acme Trainin Services,Agile Foundation,100,1,PO-1,CC1",
                 "2024-04-03,Acme Trainin Services,Agile Foundation,100,1,PO-2,CC1",
                 "2024-04-04,Acme Learning,Scrum practitioner training,100,1,PO-3,CC1")


def test_two_supplier_decisions_at_once_one_wins(catalogue, org_a, lead_a, central) -> None:  # noqa: ANN001, F811
    import_spend(actor=lead_a, organisation=org_a, data=DATA, filename="a.csv")
    name = SupplierName.objects.get(name_key="acme trainin services")
    results = run_together([
        lambda: decide_supplier(actor=lead_a, supplier_name_id=name.pk,
                                provider_id=catalogue.acme.pk),
        lambda: decide_supplier(actor=central, supplier_name_id=name.pk, provider_id=None),
    ])
    assert sum(isinstance(r, DecisionConflict) for r in results) == 1, results
    won = next(r for r in results if isinstance(r, Decision))
    assert won.lines == 2
    events = AuditEvent.objects.filter(target_type="learning.SupplierName")
    assert events.count() == 1
    name.refresh_from_db()
    lines = SpendLine.objects.filter(supplier_name=name)
    if name.provider_id is None:
        assert set(lines.values_list("match_status", flat=True)) == {MatchStatus.CONFIRMED}
        assert not lines.exclude(provider=None).exists()
    else:
        assert set(lines.values_list("provider_id", flat=True)) == {catalogue.acme.pk}
    assert name.history.count() == 1  # one decision saved (the import's row had no history)


def test_two_description_decisions_at_once_one_wins(catalogue, org_a, lead_a, central) -> None:  # noqa: ANN001, F811
    import_spend(actor=lead_a, organisation=org_a, data=DATA, filename="a.csv")
    described = ProductDescription.objects.get(description_key="scrum practitioner training")
    results = run_together([
        lambda: decide_description(actor=lead_a, description_id=described.pk,
                                   product_id=catalogue.scrum.pk),
        lambda: decide_description(actor=central, description_id=described.pk,
                                   product_id=None),
    ])
    assert sum(isinstance(r, DecisionConflict) for r in results) == 1, results
    assert AuditEvent.objects.filter(target_type="learning.ProductDescription").count() == 1
