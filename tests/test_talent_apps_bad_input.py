"""Bad input to every writing talent API endpoint, sent by the central team (who may write
everything): a clear 4xx with the field named, never a server error, and nothing written."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.bench import services as services_bench
from cadre.framework.models import RoleFamily
from cadre.mobility import services as services_mobility
from cadre.planning import services as services_plans
from cadre.talent.tests.identification_data import talent_records  # noqa: F401
from config.permissions import PERMISSION_MAP
from tests.factories import GradeFactory

APPS = ("mobility", "talent", "bench", "planning")
API_PATTERNS = [pattern for app in APPS
                for pattern in importlib.import_module(f"cadre.{app}.api_urls").urlpatterns]

pytestmark = pytest.mark.django_db

GARBAGE = {
    field: "not-a-value" for field in (
        "person", "organisation", "specialist", "incumbent", "role_level", "grade",
        "opens_on", "closes_on", "closing_date", "review_on", "due_on", "start_date",
        "available_from", "available_to", "starts_on", "ends_on", "first_year",
        "attrition_rate", "readiness", "status", "risk_of_loss", "performance", "potential",
        "internal_days", "skills", "locations", "grades", "role_families", "demand",
        "open_to_opportunities", "security_clearance", "hybrid", "line_manager")
}


@pytest.fixture
def records(talent_records, people, org_a, org_b, make_account):  # noqa: F811, ANN001, ANN201
    central = make_account(Role.CENTRAL_TEAM)
    level_id = talent_records["level"]
    from cadre.framework.models import RoleLevel

    level = RoleLevel.objects.get(pk=level_id)
    vacancy = services_mobility.create_vacancy(
        actor=central, organisation=org_a, title="Architect", role_level=level,
        grade=GradeFactory(code="G7", name="Grade 7", rank=6),
        closing_date=dt.date.today() + dt.timedelta(days=30))
    move = services_mobility.propose_move(actor=central, person=people.b_staff,
                                          receiving=org_a, vacancy=None)
    window = services_bench.add_window(actor=central, person=people.a_staff2,
                                       available_from=dt.date(2027, 1, 1),
                                       available_to=dt.date(2027, 6, 30))
    deployment = services_bench.request_deployment(
        actor=central, specialist=people.a_staff2, organisation=org_b, programme="Borders",
        starts_on=dt.date(2027, 2, 1), ends_on=dt.date(2027, 3, 1))
    plan = services_plans.create_plan(
        actor=central, organisation=org_a,
        role_family=RoleFamily.objects.get(framework=level.framework), first_year=2027,
        attrition_rate="0.1")
    ids = {**talent_records, "vacancy_id": vacancy.pk, "move_id": move.pk,
           "window_id": window.pk, "request_id": deployment.pk, "plan_id": plan.pk}
    return central, ids


def _kwargs(pattern, ids: dict) -> dict:  # noqa: ANN001
    names = {"cycle_id": "cycle", "rating_id": "rating", "pool_id": "pool",
             "membership_id": "membership", "post_id": "post", "successor_id": "successor",
             "action_id": "action"}
    return {key: ids[names.get(key, key)] for key in pattern.pattern.converters}


def _writing_methods(name: str, upper: bool = False) -> list[str]:
    """The writing methods the permission map lets through (others answer 403)."""
    entry = PERMISSION_MAP[name]
    methods = entry.keys() if isinstance(entry, dict) else ("POST", "PUT", "PATCH")
    return [m if upper else m.lower() for m in methods if m in ("POST", "PUT", "PATCH")]


def _counts() -> dict:
    counted = {m._meta.label: m.objects.count() for app in APPS
               for m in apps.get_app_config(app).get_models()}
    counted["audit"] = AuditEvent.objects.count()
    return counted


def test_garbage_is_refused_everywhere_and_nothing_is_written(records, api_client):
    central, ids = records
    client = api_client(central)
    before = _counts()
    seen: dict[int, int] = {}
    for pattern in API_PATTERNS:
        kwargs = _kwargs(pattern, ids)
        actions = [None]
        if "action" in pattern.pattern.converters:
            actions = (["fill", "external"] if "vacancy_id" in pattern.pattern.converters
                       else ["logistics", "cancel", "complete"])
        for action in actions:
            if action:
                kwargs["action"] = action
            url = reverse(f"api:{pattern.name}", kwargs=kwargs)
            for method in _writing_methods(f"api:{pattern.name}"):
                body = {**GARBAGE, "reason": "", "text": "", "action": "explode"}
                response = getattr(client, method)(url, body, format="json")
                assert response.status_code in (400, 403, 404, 405), (
                    method, url, response.status_code, response.content[:300])
                seen[response.status_code] = seen.get(response.status_code, 0) + 1
                if response.status_code == 400:
                    assert response.json()["errors"], (method, url)
    assert _counts() == before
    assert seen.get(400, 0) >= 25, seen  # the endpoints read the input, not just refuse it


PAGE_IDS = {"vacancy": "vacancy_id", "vacancy-edit": "vacancy_id", "move": "move_id",
            "rating": "rating", "ninebox": "cycle", "pool": "pool", "critical-post": "post",
            "bench-window-delete": "window_id", "bench-request": "request_id",
            "plan": "plan_id", "plan-demand": "plan_id", "plan-download": "plan_id",
            "vacancy-matches": "vacancy_id", "vacancy-matches-export": "vacancy_id",
            "pool-export": "pool", "ninebox-export": "cycle"}


def test_garbage_posted_to_pages_changes_nothing(records, people, web_client):
    """Every talent page that takes a POST, sent nonsense for each action it knows."""
    central, ids = records
    client = web_client(central)
    demand = {f"d-{year}-{ids['level']}": "lots" for year in range(2027, 2032)}
    before = _counts()
    patterns = [(app, pattern) for app in APPS
                for pattern in importlib.import_module(f"cadre.{app}.urls").urlpatterns]
    for app, pattern in patterns:
        name = f"{app}:{pattern.name}"
        if "POST" not in _writing_methods(name, upper=True) or "export" in pattern.name \
                or "download" in pattern.name:
            continue
        args = []
        if pattern.pattern.converters:
            args = [people.a_staff2.pk if pattern.name.startswith("bench-")
                    and pattern.name not in PAGE_IDS else ids[PAGE_IDS[pattern.name]]]
        url = reverse(name, args=args)
        # Actions that need input (not "open", "accept" or "agree-...", which need none).
        for action in ("", "explode", "fill", "external", "add", "edit", "remove",
                       "calibrate", "readiness", "action", "action-status", "review",
                       "decline", "complete", "cancel", "logistics", "window"):
            response = client.post(url, {**GARBAGE, "action": action, "reason": "",
                                         "text": "", "membership": "x", "item": "x",
                                         "successor": "x", "name": "", "title": "",
                                         **demand})
            assert response.status_code < 500, (url, action)
    after = _counts()
    assert after == before
