"""Serializers that build their records directly (issue 13, concurrent clients) write
exactly what DRF's own fields write: every field, its type and the key order."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from rest_framework import serializers

from cadre.access.roles import Role
from cadre.organisations.api import OrganisationSerializer
from cadre.organisations.models import Location, Organisation, OrganisationType, Unit
from cadre.people import services
from cadre.people.api import PersonSerializer
from cadre.people.models import EmploymentType, Person
from tests.factories import GradeFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _drf(serializer_class: type[serializers.ModelSerializer], instance: object) -> dict:
    """What DRF's generic ``Serializer.to_representation`` writes for ``instance``."""
    return dict(serializers.Serializer.to_representation(serializer_class(), instance))


def _same(fast: dict, drf: dict) -> None:
    assert list(fast) == list(drf)
    assert fast == drf
    assert json.dumps(fast) == json.dumps(drf)  # same JSON types, not just equal values
    assert [type(v) for v in fast.values()] == [type(v) for v in drf.values()]


def test_person_records_match_drf(org_a) -> None:  # noqa: ANN001
    grade = GradeFactory()
    unit = Unit.objects.create(organisation=org_a, name="Data", path="Digital/Data")
    location = Location.objects.create(name="Leeds", region="Yorkshire")
    manager = PersonFactory(organisation=org_a, email="")
    people = [
        manager,
        PersonFactory(organisation=org_a, grade=grade, unit=unit, location=location,
                      line_manager=manager, employment_type=EmploymentType.FIXED_TERM,
                      start_date=dt.date(2020, 1, 31), end_date=dt.date(2031, 12, 1),
                      job_title="Lead data scientist"),
        PersonFactory(organisation=org_a, start_date=dt.date(2024, 2, 29)),
    ]
    for choice_value, _ in EmploymentType.choices:
        people.append(PersonFactory(organisation=org_a, employment_type=choice_value))
    for person in people:
        stored = Person.objects.select_related(
            "organisation", "grade", "unit", "location").get(pk=person.pk)
        _same(PersonSerializer(stored).data, _drf(PersonSerializer, stored))
        _same(PersonSerializer(person).data, _drf(PersonSerializer, person))  # as created


def test_a_person_made_by_the_service_matches_drf(org_a) -> None:  # noqa: ANN001
    person = services.create_person(actor=None, organisation=org_a, staff_number="N1",
                                    first_name="New", last_name="Person",
                                    employment_type=EmploymentType.PERMANENT,
                                    start_date=dt.date(2025, 5, 6))
    _same(PersonSerializer(person).data, _drf(PersonSerializer, person))


def test_the_people_list_matches_drf(org_a, make_account, api_client) -> None:  # noqa: ANN001
    PersonFactory.create_batch(4, organisation=org_a, grade=GradeFactory(),
                               start_date=dt.date(2022, 3, 4))
    client = api_client(make_account(Role.CENTRAL_TEAM))
    rows = client.get("/api/v1/people/").json()["results"]
    stored = Person.objects.select_related("organisation", "grade", "unit", "location")
    expected = [_drf(PersonSerializer, p) for p in stored.order_by("last_name", "first_name",
                                                                    "id")]
    assert rows == json.loads(json.dumps(expected))


def test_organisation_records_match_drf() -> None:
    parent = OrganisationFactory(type=OrganisationType.choices[0][0])
    organisations = [
        parent,
        OrganisationFactory(parent=parent, active_from=dt.date(2019, 4, 1),
                            active_to=dt.date(2030, 3, 31)),
    ]
    for value, _ in OrganisationType.choices:
        organisations.append(OrganisationFactory(type=value))
    for organisation in organisations:
        stored = Organisation.objects.select_related("parent").get(pk=organisation.pk)
        _same(OrganisationSerializer(stored).data, _drf(OrganisationSerializer, stored))
        _same(OrganisationSerializer(organisation).data,
              _drf(OrganisationSerializer, organisation))


def test_the_organisation_list_matches_drf(make_account, api_client) -> None:  # noqa: ANN001
    parent = OrganisationFactory()
    OrganisationFactory(parent=parent, active_from=dt.date(2020, 1, 1))
    client = api_client(make_account(Role.ANALYST))
    body = client.get("/api/v1/organisations/?page_size=500").json()
    expected = [_drf(OrganisationSerializer, o)
                for o in Organisation.objects.select_related("parent").order_by("name")]
    assert body["results"] == json.loads(json.dumps(expected))
