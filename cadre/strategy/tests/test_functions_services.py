# ruff: noqa: F811 - pytest fixtures imported from functions_fixtures are named as arguments
"""Importing the taxonomy (whole or nothing) and recording a department's matrix: who may,
the limits, history, and a stale version refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.core.tabular import TableError
from cadre.strategy.models import FunctionNeed, FunctionSourcing, IctFunction, OperatingModel
from cadre.strategy.services import functions as services
from cadre.strategy.tests.functions_fixtures import CLI, functions_world  # noqa: F401

pytestmark = pytest.mark.django_db

HEADER = "key,name,description,needs,retained_in\n"


def test_the_embedded_taxonomy_loads_with_needs_and_models(functions_world) -> None:  # noqa: ANN001
    assert IctFunction.objects.count() == 14
    security = IctFunction.objects.get(key="security")
    assert {(n.family.name, n.min_rank) for n in security.needs.all()} == {
        ("Architecture", 4), ("IT operations", 4)}
    assert list(OperatingModel.objects.values_list("key", flat=True)) == [
        "centralised", "federated", "minimal"]
    kept = {m.key: m.retained.count() for m in OperatingModel.objects.all()}
    assert kept["centralised"] == 14 and kept["minimal"] < kept["federated"] < 14
    # Loading it again changes nothing but says so.
    result = services.import_embedded(actor=CLI)
    assert (result.created, result.updated) == (0, 14)
    assert IctFunction.objects.count() == 14 and FunctionNeed.objects.count() == 24


def test_a_file_with_faults_names_every_row_and_writes_nothing(functions_world) -> None:  # noqa: ANN001
    before = list(IctFunction.objects.values_list("key", "name"))
    data = (HEADER + "security,Security renamed,,Architecture: lead,minimal\n"
            "new-one,A new function,,Nonsense family: senior,centralised\n"
            "bad key,Another,,Data: senior,\n"
            "fine,Fine,,Data: guru,nowhere\n").encode()
    with pytest.raises(TableError) as caught:
        services.import_taxonomy(actor=CLI, data=data, filename="f.csv")
    rows = sorted({e.row for e in caught.value.errors})
    assert rows == [3, 4, 5]
    assert list(IctFunction.objects.values_list("key", "name")) == before


def test_only_the_central_team_imports(functions_world, make_account) -> None:  # noqa: ANN001
    head = make_account("head_of_profession", functions_world.org_a)
    with pytest.raises(PermissionDenied):
        services.import_embedded(actor=Actor.for_user(head))
    services.import_embedded(actor=Actor.for_user(make_account("central_team")))


def test_recording_keeps_history_and_refuses_a_stale_version(functions_world, make_account
                                                             ) -> None:  # noqa: ANN001
    w = functions_world
    head = Actor.for_user(make_account("head_of_profession", w.org_a))
    security = w.function("security")
    row = services.record_sourcing(actor=head, organisation=w.org_a, function=security,
                                   sourcing="in_house", maturity="good",
                                   evidence="A team of six.", expected_version=0)
    assert row.version == 1 and row.updated_by == head.user
    row = services.record_sourcing(actor=head, organisation=w.org_a, function=security,
                                   sourcing="mixed", maturity="better", evidence="Partly.",
                                   expected_version=1)
    assert (row.sourcing, row.maturity, row.version) == ("mixed", "better", 2)
    assert row.history.count() == 2
    assert AuditEvent.objects.filter(target_type="strategy.FunctionSourcing").count() == 2
    with pytest.raises(services.FunctionConflict) as caught:
        services.record_sourcing(actor=head, organisation=w.org_a, function=security,
                                 sourcing="outsourced", maturity="best", expected_version=1)
    assert "version 2" in caught.value.message
    with pytest.raises(services.FunctionConflict):  # the form saw no entry: one exists now
        services.record_sourcing(actor=head, organisation=w.org_a, function=security,
                                 sourcing="outsourced", maturity="best", expected_version=0)
    row.refresh_from_db()
    assert (row.sourcing, row.version) == ("mixed", 2)
    # The same values again: nothing written.
    same = services.record_sourcing(actor=head, organisation=w.org_a, function=security,
                                    sourcing="mixed", maturity="better", evidence="Partly.",
                                    expected_version=2)
    assert same.version == 2 and same.history.count() == 2


def test_a_head_of_profession_records_only_their_own_organisation(functions_world,
                                                                  make_account) -> None:  # noqa: ANN001
    w = functions_world
    head = Actor.for_user(make_account("head_of_profession", w.org_a))
    with pytest.raises(PermissionDenied):
        services.record_sourcing(actor=head, organisation=w.org_b,
                                 function=w.function("data"), sourcing="in_house",
                                 maturity="good")
    analyst = Actor.for_user(make_account("analyst"))
    with pytest.raises(PermissionDenied):
        services.record_sourcing(actor=analyst, organisation=w.org_a,
                                 function=w.function("data"), sourcing="in_house",
                                 maturity="good")
    central = Actor.for_user(make_account("central_team"))
    services.record_sourcing(actor=central, organisation=w.org_b, function=w.function("data"),
                             sourcing="in_house", maturity="good")
    assert FunctionSourcing.objects.count() == 1


@pytest.mark.parametrize(("field", "values"), [
    ("sourcing", {"sourcing": "insourced"}),
    ("maturity", {"maturity": "excellent"}),
    ("evidence", {"evidence": "x" * 2001}),
    ("evidence", {"evidence": "a\x00b"}),
    ("version", {"expected_version": "²"}),
    ("version", {"expected_version": "-1"}),
])
def test_bad_values_name_their_field(functions_world, field, values) -> None:  # noqa: ANN001
    w = functions_world
    arguments = {"sourcing": "in_house", "maturity": "good", "evidence": "", **values}
    with pytest.raises(ValidationError) as caught:
        services.record_sourcing(actor=CLI, organisation=w.org_a, function=w.function("data"),
                                 **arguments)
    assert field in caught.value.message_dict
    assert not FunctionSourcing.objects.exists()
