"""Fixtures for the learning-record (xAPI) tests: two providers with a credential each, a
product with an xAPI activity id, and a person whose plan activity is linked to it."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from cadre.assessments.models import Activity, DevelopmentPlan, Objective
from cadre.core.actor import Actor
from cadre.framework.models import Framework, Skill, SkillLevel
from cadre.learning.models import ActivityProduct, Product, Provider, ProviderCredential
from cadre.learning.services import xapi as services
from cadre.people.models import Person
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

ACTIVITY_IRI = "https://learning.example/courses/secure-coding"
OTHER_IRI = "https://other.example/courses/data-basics"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


@dataclass
class World:
    provider: Provider
    other_provider: Provider
    product: Product
    other_product: Product
    credential: ProviderCredential
    secret: str
    other_credential: ProviderCredential
    other_secret: str
    person: Person
    manager: Person
    stranger: Person
    activity: Activity
    user: Any
    manager_user: Any
    stranger_user: Any


def basic(credential: ProviderCredential, secret: str) -> str:
    token = base64.b64encode(f"{credential.key}:{secret}".encode()).decode()
    return f"Basic {token}"


def statement(*, email: str = "learner@example.org", verb: str = COMPLETED,
              activity: str = ACTIVITY_IRI, statement_id: str | None = None,
              **extra: Any) -> dict:
    body = {"actor": {"objectType": "Agent", "name": "A learner", "mbox": f"mailto:{email}"},
            "verb": {"id": verb, "display": {"en-GB": verb.rsplit("/", 1)[-1]}},
            "object": {"objectType": "Activity", "id": activity,
                       "definition": {"name": {"en-GB": "Secure coding"}}},
            **extra}
    if statement_id:
        body["id"] = statement_id
    return body


def voiding(target: str, *, email: str = "admin@provider.example",
            statement_id: str | None = None) -> dict:
    body = {"actor": {"mbox": f"mailto:{email}"}, "verb": {"id": VOIDED},
            "object": {"objectType": "StatementRef", "id": target}}
    if statement_id:
        body["id"] = statement_id
    return body


class XapiClient:
    """Requests to /xapi/ with a credential and the version header."""

    def __init__(self, credential: ProviderCredential | None, secret: str = "",
                 version: str | None = "1.0.3") -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if credential is not None:
            self.headers["HTTP_AUTHORIZATION"] = basic(credential, secret)
        if version is not None:
            self.headers["HTTP_X_EXPERIENCE_API_VERSION"] = version

    def post(self, body: Any, **headers: str) -> Any:
        return self.client.post("/xapi/statements", data=json.dumps(body),
                                content_type="application/json", **{**self.headers, **headers})

    def put(self, statement_id: str, body: Any, **headers: str) -> Any:
        return self.client.put(f"/xapi/statements?statementId={statement_id}",
                               data=json.dumps(body), content_type="application/json",
                               **{**self.headers, **headers})

    def get(self, params: dict | None = None, **headers: str) -> Any:
        return self.client.get("/xapi/statements", params or {},
                               **{**self.headers, **headers})


def new_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def world(db) -> World:  # noqa: ANN001
    organisation = OrganisationFactory(name="Department X", abbreviation="DX")
    framework = Framework.objects.create(name="Test framework", version="1")
    skill = Skill.objects.create(framework=framework, name="Secure coding")
    level = SkillLevel.objects.create(framework=framework, name="Practitioner", ordinal=3)
    provider = Provider.objects.create(name="Learning Co")
    other_provider = Provider.objects.create(name="Other Learning Ltd")
    product = Product.objects.create(
        provider=provider, title="Secure coding course", kind="course", mode="online_live",
        duration_hours=Decimal("14.0"), list_price=Decimal("900"),
        xapi_activity_id=ACTIVITY_IRI, url="https://learning.example/secure-coding")
    other_product = Product.objects.create(
        provider=other_provider, title="Data basics", kind="e_learning", mode="self_paced",
        duration_hours=Decimal("3.0"), list_price=Decimal("50"), xapi_activity_id=OTHER_IRI)
    manager = PersonFactory(organisation=organisation, staff_number="X1", last_name="Manager")
    person = PersonFactory(organisation=organisation, staff_number="X2", line_manager=manager,
                           last_name="Learner", email="learner.person@example.org")
    stranger = PersonFactory(organisation=organisation, staff_number="X3", last_name="Other")
    user = UserFactory(email="learner@example.org")
    manager_user = UserFactory(email="manager@example.org")
    stranger_user = UserFactory(email="stranger@example.org")
    for p, u in ((person, user), (manager, manager_user), (stranger, stranger_user)):
        p.account = u
        p.save(update_fields=["account"])
    plan = DevelopmentPlan.objects.create(person=person)
    objective = Objective.objects.create(plan=plan, skill=skill, target_level=level,
                                         target_date=dt.date.today() + dt.timedelta(days=90))
    activity = Activity.objects.create(objective=objective, kind="formal",
                                       description="Take the secure coding course")
    ActivityProduct.objects.create(activity=activity, product=product)
    credential, secret = services.create_credential(actor=Actor.system(), provider=provider,
                                                    label="Production")
    other_credential, other_secret = services.create_credential(
        actor=Actor.system(), provider=other_provider, label="Other production")
    return World(provider, other_provider, product, other_product, credential, secret,
                 other_credential, other_secret, person, manager, stranger, activity, user,
                 manager_user, stranger_user)


@pytest.fixture
def lrs(world: World) -> XapiClient:
    return XapiClient(world.credential, world.secret)


@pytest.fixture
def other_lrs(world: World) -> XapiClient:
    return XapiClient(world.other_credential, world.other_secret)
