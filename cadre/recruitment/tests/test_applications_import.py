# ruff: noqa: F811 - pytest fixtures imported from applications_fixtures are named as arguments
"""Importing applications: a good file, every bad row named by row and column with nothing
written, and the same file twice."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.core.tabular import TableError
from cadre.recruitment.models import Application, Candidate, Evidence
from cadre.recruitment.services import applications as services
from cadre.recruitment.tests.applications_fixtures import world  # noqa: F401

pytestmark = pytest.mark.django_db

GOOD = ("name,email,phone,staff_number,reserve_consent,evidence_1,evidence_2\n"
        "Priya Raman,priya@example.com,020 7946 0101,,yes,Led a team,\n"
        "Tom Okafor,tom@example.com,,,,,Would present\n"
        ",,,A3,no,Internal evidence,\n")


def _import(world, text: str, actor=None):  # noqa: ANN001, ANN202
    return services.import_applications(actor=actor, campaign=world.campaign,
                                        data=text.encode(), filename="apps.csv")


def test_a_good_file_is_imported_once(world) -> None:  # noqa: ANN001
    result = _import(world, GOOD, Actor.for_user(world.hop_a))
    assert len(result.created) == 3 and result.existing == 0
    inside = Application.objects.get(candidate__person=world.people.a_staff1)
    assert inside.internal and inside.campaign == world.campaign
    priya = Application.objects.get(candidate__email="priya@example.com")
    assert priya.reserve_consent
    assert Evidence.objects.get(application=priya).criterion == world.sift
    tom = Application.objects.get(candidate__email="tom@example.com")
    assert Evidence.objects.get(application=tom).criterion == world.interview
    event = AuditEvent.objects.get(action="import")
    assert event.data == {"campaign": world.campaign.pk, "created": 3, "existing": 0}
    assert "Priya" not in event.summary
    again = _import(world, GOOD)
    assert again.created == [] and again.existing == 3
    assert Application.objects.count() == 3


def test_every_bad_row_is_named_and_nothing_is_written(world) -> None:  # noqa: ANN001
    text = ("name,email,phone,staff_number,evidence_1\n"
            "Priya Raman,priya@example.com,,,fine\n"
            ",not-an-email,call me,,\n"
            "Tom,tom@example.com,,,%s\n"
            ",,,ZZ9,\n"
            "Again,PRIYA@example.com,,,\n") % ("x" * 5001)
    with pytest.raises(TableError) as caught:
        _import(world, text)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert found == {(3, "name"), (3, "email"), (3, "phone"), (4, "evidence_1"),
                     (5, "staff_number"), (6, "email")}
    messages = {str(e) for e in caught.value.errors}
    assert "Row 6, column 'email': The same candidate is on row 2." in messages
    assert not Application.objects.exists() and not Candidate.objects.exists()
    assert not AuditEvent.objects.filter(action="import").exists()


def test_unknown_columns_and_empty_files_are_refused(world) -> None:  # noqa: ANN001
    with pytest.raises(TableError) as caught:
        _import(world, "name,email,evidence_9\nA,a@example.com,x\n")
    assert "evidence_9" in str(caught.value.errors[0])
    with pytest.raises(TableError):
        _import(world, "name,email\n")


def test_only_the_campaigns_recruiters_import(world) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        _import(world, GOOD, Actor.for_user(world.hop_b))
    assert not Application.objects.exists()


def test_a_panel_member_cannot_be_imported_as_a_candidate(world) -> None:  # noqa: ANN001
    from cadre.recruitment.models import PanelMember

    PanelMember.objects.create(campaign=world.campaign, person=world.people.a_staff1)
    with pytest.raises(TableError) as caught:
        _import(world, GOOD)
    assert [(e.row, e.column) for e in caught.value.errors] == [(4, "staff_number")]
    assert "sits on the campaign's panel" in str(caught.value.errors[0])
    assert not Application.objects.exists()
