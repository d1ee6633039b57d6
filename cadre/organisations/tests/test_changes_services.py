"""Writes: former names, changes and closed organisations (authorised, audited, checked)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.organisations import services
from cadre.organisations.models import Organisation, OrganisationChange, OrganisationName
from cadre.organisations.tests.changes_fixtures import org

pytestmark = pytest.mark.django_db
CLI = Actor.command_line("tester")


def test_only_the_central_team_and_administrators_write(make_account, org_a) -> None:  # noqa: ANN001
    other = org("OTHER")
    for outsider in (make_account(Role.HEAD_OF_PROFESSION, org_a), make_account(Role.ANALYST),
                     make_account(), Actor(kind="anonymous")):
        actor = outsider
        with pytest.raises(PermissionDenied):
            services.add_former_name(actor=actor, organisation=org_a, name="Old A")
        with pytest.raises(PermissionDenied):
            services.record_change(actor=actor, kind="merger", date=dt.date(2020, 1, 1),
                                   predecessor=org_a, successor=other)
        with pytest.raises(PermissionDenied):
            services.create_closed_organisation(actor=actor, name="Gone")
    assert not OrganisationName.objects.exists() and not OrganisationChange.objects.exists()
    assert not Organisation.objects.filter(name="Gone").exists()
    for insider in (make_account(Role.CENTRAL_TEAM), make_account(Role.ADMINISTRATOR)):
        services.add_former_name(actor=insider, organisation=org_a,
                                 name=f"Old A {insider.pk}")
    assert OrganisationName.objects.count() == 2


def test_add_former_name_checks_and_audits(make_account, org_a) -> None:  # noqa: ANN001
    central = make_account(Role.CENTRAL_TEAM)
    name = services.add_former_name(
        actor=central, organisation=org_a, name="  Department of Old Things ",
        abbreviation="DOT", valid_from=dt.date(2001, 1, 1), valid_to="2010-05-12")
    assert (name.name, name.valid_to) == ("Department of Old Things", dt.date(2010, 5, 12))
    event = AuditEvent.objects.get(target_type="organisations.OrganisationName")
    assert event.actor == central and "Department of Old Things" in event.summary
    assert name.history.first().history_user == central
    with pytest.raises(ValidationError, match="already has the former name"):
        services.add_former_name(actor=central, organisation=org_a,
                                 name="The Department of Old Things",
                                 valid_from=dt.date(2001, 1, 1))
    bad = [
        ({"name": ""}, "name"), ({"name": "x" * 201}, "name"), ({"name": "a\x00b"}, "name"),
        ({"name": "N", "abbreviation": "A" * 31}, "abbreviation"),
        ({"name": "N", "valid_from": "2010-01-01", "valid_to": "2009-01-01"}, "valid_to"),
        ({"name": "N", "valid_from": "1700-01-01"}, "valid_from"),
        ({"name": "N", "valid_to": "2999-01-01"}, "valid_to"),
        ({"name": "N", "valid_to": "12/05/2010"}, "valid_to"),
    ]
    for values, field in bad:
        with pytest.raises(ValidationError) as caught:
            services.add_former_name(actor=central, organisation=org_a, **values)
        assert field in caught.value.message_dict, values
    assert OrganisationName.objects.count() == 1


def test_record_change_closes_the_predecessor_except_for_transfers(make_account) -> None:  # noqa: ANN001
    admin = make_account(Role.ADMINISTRATOR)
    a, b, c = org("A"), org("B"), org("C")
    day = dt.date(2016, 7, 14)
    moved = services.record_change(actor=admin, kind="transfer", date=day, predecessor=a,
                                   successor=c, note="Skills moved")
    a.refresh_from_db()
    assert a.active_to is None and moved.note == "Skills moved"
    services.record_change(actor=admin, kind="merger", date=day, predecessor=a, successor=b)
    a.refresh_from_db()
    assert a.active_to == day
    assert a.history.first().history_user == admin
    assert AuditEvent.objects.filter(target_type="organisations.OrganisationChange").count() == 2
    with pytest.raises(ValidationError, match="already recorded"):
        services.record_change(actor=admin, kind="merger", date=day, predecessor=a,
                               successor=b)
    gone = org("GONE")
    services.record_change(actor=CLI, kind="closure", date=day, predecessor=gone)
    gone.refresh_from_db()
    assert gone.active_to == day


@pytest.mark.parametrize(("values", "field"), [
    ({"kind": "merger", "successor": None}, "successor"),
    ({"kind": "abolished"}, "kind"),
    ({"kind": "rename", "same": True}, "successor"),
    ({"kind": "rename", "date": None}, "date"),
    ({"kind": "rename", "date": "2016-13-01"}, "date"),
    ({"kind": "rename", "note": "n" * 2001}, "note"),
    ({"kind": "rename", "note": "bad\x00"}, "note"),
])
def test_record_change_refuses_bad_values(values: dict, field: str) -> None:
    a, b = org("A"), org("B")
    arguments = {"kind": values["kind"], "date": values.get("date", dt.date(2020, 1, 1)),
                 "predecessor": a, "successor": a if values.get("same") else
                 values.get("successor", b), "note": values.get("note", "")}
    with pytest.raises(ValidationError) as caught:
        services.record_change(actor=CLI, **arguments)
    assert field in caught.value.message_dict
    assert not OrganisationChange.objects.exists()
    a.refresh_from_db()
    assert a.active_to is None


def test_create_closed_organisation_makes_up_a_unique_abbreviation() -> None:
    org("DBIS", "Something else")
    made = services.create_closed_organisation(
        actor=CLI, name="Department for Business, Innovation and Skills")
    assert made.abbreviation == "DBIS-2" and made.active_to == dt.date.today()
    assert made.type == "other_public_body"
    again = services.create_closed_organisation(
        actor=CLI, name="Department of Business Innovation Skills", closed_on=dt.date(2016, 7,
                                                                                     14))
    assert again.abbreviation == "DBIS-3" and again.active_to == dt.date(2016, 7, 14)
    given = services.create_closed_organisation(actor=CLI, name="Old Office", abbreviation="OO")
    assert given.abbreviation == "OO"
    event = AuditEvent.objects.get(target_type="organisations.Organisation",
                                   target_id=str(given.pk))
    assert event.actor_email == "cli:tester"
    for values, field in [({"name": "Old Office"}, "name"), ({"name": "old office"}, "name"),
                          ({"name": "New", "abbreviation": "oo"}, "abbreviation"),
                          ({"name": ""}, "name"), ({"name": "N" * 201}, "name"),
                          ({"name": "N", "abbreviation": "A" * 31}, "abbreviation"),
                          ({"name": "N", "closed_on": "1066-10-14"}, "closed_on")]:
        with pytest.raises(ValidationError) as caught:
            services.create_closed_organisation(actor=CLI, **values)
        assert field in caught.value.message_dict, values


def test_a_name_of_only_small_words_still_gets_an_abbreviation() -> None:
    made = services.create_closed_organisation(actor=CLI, name="The")
    assert made.abbreviation == "ORG"
    made = services.create_closed_organisation(actor=CLI, name="!!!")
    assert made.abbreviation == "ORG-2"
