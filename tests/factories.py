"""factory_boy factories for the core models."""

from __future__ import annotations

from functools import cache

import factory
from django.conf import settings
from django.contrib.auth.hashers import make_password

from cadre.access.models import User
from cadre.organisations.models import Grade, GradeScheme, Organisation, OrganisationType
from cadre.people.models import EmploymentType, Person


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Department {n}")
    abbreviation = factory.Sequence(lambda n: f"D{n}")
    type = OrganisationType.MINISTERIAL_DEPARTMENT


class GradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grade
        django_get_or_create = ("code",)

    code = "G7"
    name = "Grade 7"
    scheme = GradeScheme.CIVIL_SERVICE
    rank = 6


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    staff_number = factory.Sequence(lambda n: f"S{n:05d}")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
    email = factory.LazyAttribute(lambda p: f"{p.first_name}.{p.last_name}@example.org".lower())
    employment_type = EmploymentType.PERMANENT


TEST_PASSWORD = "correct-horse-battery"


@cache
def _hashed_test_password(hasher: str) -> str:
    return make_password(TEST_PASSWORD)


def hashed_test_password() -> str:
    """The test password hashed once per configured hasher. Argon2 stays the hasher in tests,
    but at 0.16 s a hash, hashing it again for every account cost minutes of the suite."""
    return _hashed_test_password(settings.PASSWORD_HASHERS[0])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.LazyFunction(hashed_test_password)
