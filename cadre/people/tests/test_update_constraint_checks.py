"""An update checks uniqueness and the check constraints only when it changes a field
they name (issue 13): the stored row keeps them already, the database enforces them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.people import services
from cadre.people.models import Person

pytestmark = pytest.mark.django_db


def test_every_constrained_field_is_known() -> None:
    names = services._constrained_fields()
    assert {"organisation", "staff_number", "line_manager"} <= names
    for constraint in Person._meta.constraints:
        fields = set(getattr(constraint, "fields", None) or ())
        condition = getattr(constraint, "condition", None)
        if condition is not None:
            fields |= set(condition.referenced_base_fields)
        assert fields and fields <= names, constraint.name


def test_a_job_title_change_runs_no_constraint_queries(people) -> None:  # noqa: ANN001
    with CaptureQueriesContext(connection) as captured:
        services.update_person(actor=None, person=people.a_staff1, job_title="Analyst")
    sql = [q["sql"] for q in captured.captured_queries]
    assert not [q for q in sql if "staff_number" in q and q.lstrip().startswith("SELECT")
                and "LIMIT 1" in q and "NOT" in q]
    assert not [q for q in sql if "_check" in q]
    assert Person.objects.get(pk=people.a_staff1.pk).job_title == "Analyst"


def test_changes_to_constrained_fields_are_still_checked(people) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as taken:
        services.update_person(actor=None, person=people.a_staff1,
                               staff_number=people.a_staff2.staff_number)
    assert "staff_number" in str(taken.value.message_dict) or "__all__" in taken.value.message_dict
    with pytest.raises(ValidationError):
        services.update_person(actor=None, person=people.a_staff1,
                               line_manager=people.a_staff1)
    with pytest.raises(ValidationError):  # a new person is checked in full
        services.create_person(actor=None, organisation=people.a_staff1.organisation,
                               staff_number=people.a_staff2.staff_number,
                               first_name="Dup", last_name="Licate")
    assert Person.objects.get(pk=people.a_staff1.pk).staff_number == "A3"
