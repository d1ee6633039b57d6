"""Schemathesis against the whole API: every response matches the OpenAPI schema.

For every operation in the schema that ``/api/v1/schema/`` serves (the same document,
``test_the_checked_schema_is_the_served_one``), Schemathesis generates requests, valid and
invalid, and sends them in-process to the WSGI application, once as an administrator and
once as a plain professional, each signed in with an API token. Every response must:

- not be a server error (5xx);
- have a status code the schema documents for the operation;
- have the content type the schema documents for that status;
- have a body that validates against the schema for that status.

Operations with path parameters are called twice per example: with the generated values
(mostly unknown records, so 404s) and with a real record from the demo data (``KNOWN``), so
detail and action endpoints also answer with their records. Nothing is excluded:
``test_every_operation_is_checked`` fails if an operation is missing or has no known record.

Run it alone: ``.venv/bin/pytest -q tests/test_api_schema_conformance.py``; add
``CADRE_CONFORMANCE=deep`` to search harder. ``MAX_EXAMPLES`` and ``SEED`` bound and fix
what is generated (ADR 18).
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from django.apps import apps
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application

#: ``CADRE_CONFORMANCE=deep`` searches harder: Schemathesis's coverage phase too (every
#: boundary and invalid value of every parameter, bodies in other media types: some 14,000
#: more requests, minutes rather than seconds) and more generated examples.
DEEP = os.environ.get("CADRE_CONFORMANCE") == "deep"
#: Generated examples per operation and role (the fuzzing phase, valid and invalid data;
#: explicit examples in the schema come on top). An example with path parameters makes two
#: requests.
MAX_EXAMPLES = 50 if DEEP else 12
SEED = 20261203
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ROLES = ("administrator", "professional")
#: The demo sign-ins used for each role (cadre/people/demo.py).
ACCOUNTS = {"administrator": "admin@cadre.example",
            "professional": "professional.dwp@cadre.example"}


def generated_schema() -> dict[str, Any]:
    """The OpenAPI document, as drf-spectacular generates it for /api/v1/schema/."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document, renderer_context={}))


RAW_SCHEMA = generated_schema()
CONFIG = schemathesis.Config.from_dict({
    "seed": SEED,
    "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "deterministic": True},
    "phases": {"coverage": {"enabled": DEEP}, "stateful": {"enabled": False}},
})
schema = schemathesis.openapi.from_dict(RAW_SCHEMA, config=CONFIG)
schema.app = application

#: A real record for each path parameter: "person" is the professional's own record and
#: "job" one the role's account started; "org" and "mapping" a saved column mapping's
#: organisation and name; anything else a model label whose first row is used.
KNOWN: dict[str, dict[str, str]] = {
    "/api/v1/accreditation/allocations/{allocation_id}/scores/": {
        "allocation_id": "accreditation.Allocation"},
    "/api/v1/accreditation/allocations/{allocation_id}/submit/": {
        "allocation_id": "accreditation.Allocation"},
    "/api/v1/accreditation/applications/{application_id}/": {
        "application_id": "accreditation.Application"},
    "/api/v1/accreditation/applications/{application_id}/appeal/": {
        "application_id": "accreditation.Application"},
    "/api/v1/accreditation/applications/{application_id}/appeal/decision/": {
        "application_id": "accreditation.Application"},
    "/api/v1/accreditation/applications/{application_id}/decision/": {
        "application_id": "accreditation.Application"},
    "/api/v1/accreditation/applications/{application_id}/evidence/": {
        "application_id": "accreditation.Application"},
    "/api/v1/accreditation/applications/{application_id}/statements/": {
        "application_id": "accreditation.Application"},
    "/api/v1/accreditation/applications/{application_id}/support/": {
        "application_id": "accreditation.Application"},
    "/api/v1/accreditation/applications/{application_id}/supporter/": {
        "application_id": "accreditation.Application"},
    "/api/v1/accreditation/applications/{application_id}/transition/": {
        "application_id": "accreditation.Application"},
    "/api/v1/accreditation/assessors/{assessor_id}/": {"assessor_id": "accreditation.Assessor"},
    "/api/v1/accreditation/assessors/{assessor_id}/conflicts/": {
        "assessor_id": "accreditation.Assessor"},
    "/api/v1/accreditation/cpd/{id}/": {"id": "accreditation.CpdRecord"},
    "/api/v1/accreditation/credentials/{public_id}/": {"public_id": "award"},
    "/api/v1/accreditation/credentials/{public_id}/status/": {"public_id": "award"},
    "/api/v1/accreditation/criteria-versions/{version_id}/": {
        "version_id": "accreditation.CriteriaVersion"},
    "/api/v1/accreditation/criteria-versions/{version_id}/criteria/": {
        "version_id": "accreditation.CriteriaVersion"},
    "/api/v1/accreditation/criteria-versions/{version_id}/publish/": {
        "version_id": "accreditation.CriteriaVersion"},
    "/api/v1/accreditation/levels/{level_id}/criteria-versions/": {
        "level_id": "accreditation.SchemeLevel"},
    "/api/v1/accreditation/rounds/{round_id}/": {"round_id": "accreditation.AccreditationRound"},
    "/api/v1/accreditation/rounds/{round_id}/allocation/": {
        "round_id": "accreditation.AccreditationRound"},
    "/api/v1/accreditation/rounds/{round_id}/transition/": {
        "round_id": "accreditation.AccreditationRound"},
    "/api/v1/accreditation/schemes/{scheme_id}/": {"scheme_id": "accreditation.Scheme"},
    "/api/v1/accreditation/schemes/{scheme_id}/levels/": {"scheme_id": "accreditation.Scheme"},
    "/api/v1/assessment-rounds/{id}/": {"id": "assessments.AssessmentRound"},
    "/api/v1/assessment-rounds/{round_id}/items/": {"round_id": "assessments.AssessmentRound"},
    "/api/v1/assessment-rounds/{round_id}/send-back/": {
        "round_id": "assessments.AssessmentRound"},
    "/api/v1/audit-events/{id}/": {"id": "audit.AuditEvent"},
    "/api/v1/bench/deployments/{request_id}/": {"request_id": "bench.DeploymentRequest"},
    "/api/v1/bench/deployments/{request_id}/action/": {
        "request_id": "bench.DeploymentRequest"},
    "/api/v1/bench/windows/{window_id}/": {"window_id": "bench.BenchAvailability"},
    "/api/v1/capability/{person_id}/": {"person_id": "person"},
    "/api/v1/capability/{person_id}/objectives/": {"person_id": "person"},
    "/api/v1/capability/{person_id}/plan/agree/": {"person_id": "person"},
    "/api/v1/capability/{person_id}/profile/": {"person_id": "person"},
    "/api/v1/capability/{person_id}/rounds/": {"person_id": "person"},
    "/api/v1/frameworks/{id}/": {"id": "framework.Framework"},
    "/api/v1/frameworks/{id}/export/": {"id": "framework.Framework"},
    "/api/v1/grades/{id}/": {"id": "organisations.Grade"},
    "/api/v1/identity/organisations/{organisation_id}/sign-in/": {
        "organisation_id": "organisations.Organisation"},
    "/api/v1/jobs/{id}/": {"id": "job"},
    "/api/v1/jobs/{id}/download/": {"id": "job"},
    "/api/v1/learning/products/{product_id}/": {"product_id": "learning.Product"},
    "/api/v1/learning/products/{product_id}/jsonld/": {"product_id": "learning.Product"},
    "/api/v1/learning/products/{product_id}/skills/": {"product_id": "learning.Product"},
    "/api/v1/learning/products/{product_id}/skills/{skill_id}/": {
        "product_id": "learning.Product", "skill_id": "framework.Skill"},
    "/api/v1/learning/products/{product_id}/withdrawn/": {"product_id": "learning.Product"},
    "/api/v1/learning/contracts/{id}/": {"id": "learning.Contract"},
    "/api/v1/learning/contracts/{id}/coverage/": {"id": "learning.Contract"},
    "/api/v1/learning/contracts/{id}/rates/": {"id": "learning.Contract"},
    "/api/v1/learning/contracts/{id}/rates/{rate_pk}/": {
        "id": "learning.Contract", "rate_pk": "learning.RateCardEntry"},
    "/api/v1/learning/frameworks/{id}/": {"id": "learning.SupplyFramework"},
    "/api/v1/learning/frameworks/{id}/lots/": {"id": "learning.SupplyFramework"},
    "/api/v1/learning/lots/{id}/": {"id": "learning.Lot"},
    "/api/v1/learning/providers/{provider_id}/": {"provider_id": "learning.Provider"},
    # learning: xapi (area 7); the demo needs a provider credential and a plan activity.
    "/api/v1/learning/providers/{provider_id}/xapi-credentials/": {
        "provider_id": "learning.Provider"},
    "/api/v1/learning/xapi-credentials/{id}/revoke/": {"id": "learning.ProviderCredential"},
    "/api/v1/learning/plan-activities/{id}/product/": {"id": "assessments.Activity"},
    # learning: spend (area 3); the demo imports spend with names and descriptions waiting.
    "/api/v1/learning/spend/imports/{id}/": {"id": "learning.SpendImport"},
    "/api/v1/learning/spend/review/suppliers/{id}/": {"id": "learning.SupplierName"},
    "/api/v1/learning/spend/review/descriptions/{id}/": {"id": "learning.ProductDescription"},
    # learning: contractor rates (area 6); the demo needs a pay range.
    "/api/v1/learning/pay-ranges/{id}/": {"id": "learning.PayRange"},
    # community: surveys (issue 18, area 6); the demo surveys (the first is the baseline).
    **{f"/api/v1/community/surveys/{{id}}/{tail}": {"id": "community.Survey"}
       for tail in ("", "change/", "close/", "items/", "open/", "responses/", "results/")},
    # community: networks (issue 18, area 1); the demo communities, events, registrations.
    "/api/v1/community/networks/{community_id}/": {"community_id": "community.Community"},
    "/api/v1/community/networks/{community_id}/close/": {
        "community_id": "community.Community"},
    "/api/v1/community/networks/{community_id}/members/": {
        "community_id": "community.Community"},
    "/api/v1/community/networks/{community_id}/members/{person_id}/": {
        "community_id": "community.Community", "person_id": "people.Person"},
    "/api/v1/community/networks/{community_id}/leads/": {
        "community_id": "community.Community"},
    "/api/v1/community/networks/{community_id}/leads/{person_id}/": {
        "community_id": "community.Community", "person_id": "people.Person"},
    "/api/v1/community/events/{event_id}/": {"event_id": "community.CommunityEvent"},
    "/api/v1/community/events/{event_id}/cancel/": {"event_id": "community.CommunityEvent"},
    "/api/v1/community/events/{event_id}/registrations/": {
        "event_id": "community.CommunityEvent"},
    "/api/v1/community/events/{event_id}/registrations/{registration_id}/": {
        "event_id": "community.CommunityEvent", "registration_id": "community.Registration"},
    "/api/v1/community/events/{event_id}/attendance/": {
        "event_id": "community.CommunityEvent"},
    "/api/v1/community/events/{event_id}/feedback/": {"event_id": "community.CommunityEvent"},
    # community: feeds (issue 18, area 2); any demo community.
    "/api/v1/community/calendar/communities/{community_id}/": {
        "community_id": "community.Community"},
    # community: mentoring (issue 18, area 3); the demo scheme and its matches.
    "/api/v1/community/mentoring/schemes/{id}/": {"id": "community.MentoringScheme"},
    "/api/v1/community/mentoring/schemes/{id}/status/": {"id": "community.MentoringScheme"},
    "/api/v1/community/mentoring/schemes/{id}/match/": {"id": "community.MentoringScheme"},
    "/api/v1/community/mentoring/matches/{id}/response/": {"id": "community.MentoringMatch"},
    "/api/v1/community/mentoring/matches/{id}/check-ins/": {"id": "community.MentoringMatch"},
    "/api/v1/community/mentoring/matches/{id}/review/": {"id": "community.MentoringMatch"},
    # community: communications (issue 18, area 5)
    "/api/v1/community/stakeholders/{id}/": {"id": "community.Stakeholder"},
    "/api/v1/community/audiences/{id}/": {"id": "community.Audience"},
    "/api/v1/community/messages/{id}/": {"id": "community.CommunityMessage"},
    "/api/v1/community/messages/{id}/versions/": {"id": "community.CommunityMessage"},
    "/api/v1/community/messages/{id}/transition/": {"id": "community.CommunityMessage"},
    "/api/v1/community/messages/{id}/figures/": {"id": "community.CommunityMessage"},
    # community: exchange (issue 18, area 4); the demo offers and bookings.
    **{f"/api/v1/community/exchange/offers/{{id}}/{tail}": {"id": "community.ExchangeOffer"}
       for tail in ("", "withdraw/", "bookings/")},
    **{f"/api/v1/community/exchange/bookings/{{id}}/{tail}": {"id": "community.ExchangeBooking"}
       for tail in ("", "cancel/", "refund/")},
    "/api/v1/community/exchange/limits/{organisation_id}/": {
        "organisation_id": "organisations.Organisation"},
    "/api/v1/mobility/moves/{move_id}/": {"move_id": "mobility.MoveRequest"},
    "/api/v1/mobility/moves/{move_id}/{action}/": {"move_id": "mobility.MoveRequest"},
    "/api/v1/mobility/vacancies/{vacancy_id}/": {"vacancy_id": "mobility.Vacancy"},
    "/api/v1/mobility/vacancies/{vacancy_id}/{action}/": {"vacancy_id": "mobility.Vacancy"},
    "/api/v1/mobility/vacancies/{vacancy_id}/matches/": {"vacancy_id": "mobility.Vacancy"},
    "/api/v1/organisations/{id}/": {"id": "organisations.Organisation"},
    # organisations: former names and changes (issue 19)
    "/api/v1/organisations/{id}/changes/": {"id": "organisations.Organisation"},
    "/api/v1/organisations/{id}/former-names/": {"id": "organisations.Organisation"},
    "/api/v1/people/{id}/": {"id": "person"},
    # recruitment: campaigns (issue 21). Entries for this area go below this line.
    **{f"/api/v1/recruitment/campaigns/{{id}}/{tail}": {"id": "recruitment.Campaign"}
       for tail in ("", "criteria/", "transition/")},
    "/api/v1/recruitment/criteria/{id}/": {"id": "recruitment.Criterion"},
    # recruitment: applications (issue 21). Entries for this area go below this line.
    # the demo applications and the demo campaigns (DWP's open one first).
    "/api/v1/recruitment/applications/{id}/": {"id": "recruitment.Application"},
    "/api/v1/recruitment/applications/{id}/transition/": {"id": "recruitment.Application"},
    "/api/v1/recruitment/campaigns/{id}/apply/": {"id": "recruitment.Campaign"},
    "/api/v1/recruitment/campaigns/{id}/applications/import/": {"id": "recruitment.Campaign"},
    # recruitment: panels (issue 21). Entries for this area go below this line.
    **{f"/api/v1/recruitment/campaigns/{{id}}/panel/{tail}": {"id": "recruitment.Campaign"}
       for tail in ("", "allocation/", "conflicts/")},
    "/api/v1/recruitment/panel-members/{id}/": {"id": "recruitment.PanelMember"},
    "/api/v1/recruitment/panel-assignments/{id}/scores/": {"id": "recruitment.Assignment"},
    **{f"/api/v1/recruitment/applications/{{id}}/panel/{{stage}}/{tail}": {
        "id": "recruitment.Application"} for tail in ("", "decision/", "moderation/")},
    **{f"/api/v1/recruitment/applications/{{id}}/feedback/{tail}": {
        "id": "recruitment.Application"} for tail in ("", "release/")},
    # recruitment: pay (issue 21). Entries for this area go below this line.
    # recruitment: reserve (issue 21). Entries for this area go below this line.
    # the demo reserve entry (DWP's candidate) and HMRC's offer to it.
    **{f"/api/v1/recruitment/reserve/{{id}}/{tail}": {"id": "recruitment.ReserveEntry"}
       for tail in ("", "targets/", "offers/", "withdraw/")},
    **{f"/api/v1/recruitment/reserve-offers/{{id}}/{tail}": {"id": "recruitment.ReserveOffer"}
       for tail in ("", "respond/", "withdraw/")},
    # recruitment: outcomes (issue 21). Entries for this area go below this line.
    # strategy: workstreams (issue 19, area 1); the demo strategy, workstreams, milestones
    # and reporting periods.
    "/api/v1/strategy/strategies/{strategy_id}/": {"strategy_id": "strategy.Strategy"},
    "/api/v1/strategy/workstreams/{workstream_id}/": {"workstream_id": "strategy.Workstream"},
    "/api/v1/strategy/milestones/{milestone_id}/": {"milestone_id": "strategy.Milestone"},
    "/api/v1/strategy/milestones/{milestone_id}/ratings/": {
        "milestone_id": "strategy.Milestone"},
    "/api/v1/strategy/periods/{period_id}/": {"period_id": "strategy.ReportingPeriod"},
    # strategy: contributions (issue 19, area 6); the professional's own contributions.
    "/api/v1/strategy/contributions/people/{person_id}/": {"person_id": "person"},
    # strategy: commitments (issue 19, area 2); the demo commitment entries.
    "/api/v1/strategy/commitments/{id}/": {"id": "strategy.CommitmentEntry"},
    # strategy: metrics (issue 19, area 3); the demo metric definitions.
    "/api/v1/strategy/metrics/{id}/": {"id": "strategy.MetricDefinition"},
    # strategy: functions (issue 19, area 4); DWP's demo matrix and the first function.
    "/api/v1/strategy/function-matrix/{abbreviation}/{function_id}/": {
        "abbreviation": "org", "function_id": "strategy.IctFunction"},
    "/api/v1/strategy/function-checks/{abbreviation}/": {"abbreviation": "org"},
    # strategy: suppliers (issue 19, area 5); the demo suppliers, plan actions, versions.
    **{f"/api/v1/strategy/suppliers/{{id}}/{tail}": {"id": "strategy.StrategicSupplier"}
       for tail in ("", "figures/", "scores/", "actions/")},
    **{f"/api/v1/strategy/supplier-actions/{{id}}/{tail}": {"id": "strategy.PlanAction"}
       for tail in ("", "transition/")},
    "/api/v1/strategy/supplier-framework/versions/{id}/criteria/": {
        "id": "strategy.AssessmentVersion"},
    "/api/v1/programmes/academies/{academy_id}/": {"academy_id": "programmes.Academy"},
    "/api/v1/programmes/academies/rounds/{round_id}/": {
        "round_id": "programmes.SelectionRound"},
    "/api/v1/programmes/academies/rounds/{round_id}/transition/": {
        "round_id": "programmes.SelectionRound"},
    "/api/v1/programmes/academies/candidates/{candidate_id}/transition/": {
        "candidate_id": "programmes.Candidate"},
    "/api/v1/programmes/apprentices/{apprentice_id}/transition/": {
        "apprentice_id": "programmes.Apprentice"},
    "/api/v1/programmes/offers/{offer_id}/": {"offer_id": "programmes.PostingOffer"},
    "/api/v1/programmes/offers/{offer_id}/ranking/": {"offer_id": "programmes.PostingOffer"},
    "/api/v1/programmes/postings/{posting_id}/": {"posting_id": "programmes.Posting"},
    "/api/v1/programmes/postings/{posting_id}/override/": {
        "posting_id": "programmes.Posting"},
    "/api/v1/programmes/postings/{posting_id}/review/": {"posting_id": "programmes.Posting"},
    "/api/v1/programmes/fast-streamers/{fast_streamer_id}/outcome/": {
        "fast_streamer_id": "programmes.FastStreamer"},
    "/api/v1/programmes/rounds/{round_id}/": {"round_id": "programmes.PostingRound"},
    "/api/v1/programmes/rounds/{round_id}/allocation/": {
        "round_id": "programmes.PostingRound"},
    "/api/v1/programmes/rounds/{round_id}/offers/": {"round_id": "programmes.PostingRound"},
    "/api/v1/programmes/rounds/{round_id}/preferences/": {
        "round_id": "programmes.PostingRound"},
    "/api/v1/programmes/rounds/{round_id}/transition/": {
        "round_id": "programmes.PostingRound"},
    "/api/v1/role-levels/{id}/": {"id": "framework.RoleLevel"},
    "/api/v1/skill-mappings/{id}/": {"id": "framework.SkillMapping"},
    "/api/v1/skills/{id}/": {"id": "framework.Skill"},
    "/api/v1/succession/posts/{post_id}/": {"post_id": "talent.CriticalPost"},
    "/api/v1/succession/posts/{post_id}/candidates/": {"post_id": "talent.CriticalPost"},
    "/api/v1/succession/posts/{post_id}/successors/": {"post_id": "talent.CriticalPost"},
    "/api/v1/succession/successors/{successor_id}/": {"successor_id": "talent.Successor"},
    "/api/v1/talent/cycles/{cycle_id}/ninebox/": {"cycle_id": "talent.AppraisalCycle"},
    "/api/v1/talent/pool-actions/{action_id}/": {"action_id": "talent.DevelopmentAction"},
    "/api/v1/talent/pool-members/{membership_id}/": {
        "membership_id": "talent.PoolMembership"},
    "/api/v1/talent/pool-members/{membership_id}/actions/": {
        "membership_id": "talent.PoolMembership"},
    "/api/v1/talent/pools/{pool_id}/": {"pool_id": "talent.TalentPool"},
    "/api/v1/talent/pools/{pool_id}/members/": {"pool_id": "talent.TalentPool"},
    "/api/v1/talent/ratings/{rating_id}/": {"rating_id": "talent.TalentRating"},
    "/api/v1/talent/ratings/{rating_id}/calibrate/": {"rating_id": "talent.TalentRating"},
    "/api/v1/units/{id}/": {"id": "organisations.Unit"},
    "/api/v1/workforce-plans/{plan_id}/": {"plan_id": "planning.WorkforcePlan"},
    "/api/v1/workforce-plans/{plan_id}/demand/": {"plan_id": "planning.WorkforcePlan"},
    "/api/v1/workforce/classifications/{id}/": {"id": "workforce.TitleClassification"},
    "/api/v1/workforce/column-mappings/{organisation}/{name}/": {
        "organisation": "org", "name": "mapping"},
    "/api/v1/workforce/extracts/{id}/": {"id": "workforce.Extract"},
    "/api/v1/workforce/extracts/{id}/changes/": {"id": "workforce.Extract"},
    "/api/v1/workforce/organisation/{abbreviation}/classify/": {"abbreviation": "org"},
    "/api/v1/workforce/organisation/{abbreviation}/picture/": {"abbreviation": "org"},
    "/api/v1/workforce/organisation/{abbreviation}/senior/": {"abbreviation": "org"},
}


@dataclass
class World:
    """The demo data's accounts, as tokens, and a real value for every kind in ``KNOWN``."""

    headers: dict[str, dict[str, str]]
    values: dict[str, dict[str, Any]]

    def known(self, role: str, path: str) -> dict[str, Any]:
        return {name: self.values[role][kind] for name, kind in KNOWN.get(path, {}).items()}


def _load_world() -> World:
    from cadre.access.models import User
    from cadre.access.services import create_token
    from cadre.assessments.services import start_round
    from cadre.core.actor import command_line_actor
    from cadre.framework.models import Framework, RoleLevel, Skill, SkillLevel
    from cadre.framework.services import map_skill
    from cadre.organisations.selectors import organisation_by_abbreviation
    from cadre.people.models import Person
    from cadre.workforce.services import save_mapping
    from cadre.workforce.services_review import classify_organisation

    for command in (["load_defaults"], ["demo_load"], ["demo_capability"],
                    ["demo_generate", "--people", "50", "--seed", "1", "--skip-existing"],
                    ["demo_talent"], ["demo_programmes"], ["demo_accreditation"],
                    ["demo_learning"], ["demo_community"],
                    ["demo_recruitment"], ["demo_strategy"]):
        call_command(*command, stdout=io.StringIO())
    cli = command_line_actor()
    dwp = organisation_by_abbreviation("DWP")
    own = Person.objects.get(account__email=ACCOUNTS["professional"])
    start_round(actor=cli, person=own, role_level=RoleLevel.objects.order_by("pk").first())
    other = Framework.objects.create(name="Another framework", version="1")
    SkillLevel.objects.create(framework=other, name="Level 1", ordinal=1)
    map_skill(actor=cli, source=Skill.objects.order_by("pk").first(),
              target=Skill.objects.create(framework=other, name="Another skill"),
              levels={"1": 1})
    save_mapping(actor=cli, organisation=dwp, name="HR system",
                 columns={"Staff no": "staff_number", "Forename": "first_name",
                          "Surname": "last_name"})
    classify_organisation(actor=cli, organisation=dwp)
    award = apps.get_model("accreditation.Award").objects.order_by("pk").first()
    values: dict[str, Any] = {"person": own.pk, "org": dwp.abbreviation, "mapping": "HR system",
                              "award": award and str(award.public_id)}
    for kinds in KNOWN.values():
        for kind in kinds.values():
            if "." in kind:
                model = apps.get_model(kind)
                values[kind] = model.objects.order_by("pk").values_list("pk", flat=True).first()
    missing = sorted(kind for kind, value in values.items() if value is None)
    assert not missing, f"The demo data has no {missing}"
    headers, by_role = {}, {}
    for role, email in ACCOUNTS.items():
        user = User.objects.get(email=email)
        _, raw = create_token(user=user, actor=None)
        headers[role] = {"Authorization": f"Token {raw}"}
        job = apps.get_model("jobs.Job").objects.create(
            kind="export", title="An export", runner="conformance", started_by=user)
        by_role[role] = {**values, "job": job.pk}
    return World(headers=headers, values=by_role)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:  # noqa: ANN001
    """The demo data, loaded once for the module inside a transaction rolled back at its end
    (as Django's ``setUpTestData``); each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _load_world()
        transaction.set_rollback(True)


@pytest.fixture
def in_process(db) -> Iterator[None]:  # noqa: ANN001
    """Requests through the WSGI handler must not close the test's connection (the test
    client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _check(case: schemathesis.Case, world: World, role: str) -> None:
    headers = world.headers[role]
    case.call_and_validate(headers=headers, checks=CHECKS)
    known = world.known(role, case.operation.path)
    if known:
        real = case.operation.Case(
            path_parameters={**case.path_parameters, **known}, query=case.query,
            headers=case.headers, body=case.body, media_type=case.media_type)
        real.call_and_validate(headers=headers, checks=CHECKS)


HYPOTHESIS = settings(deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))


@schema.parametrize()
@HYPOTHESIS
def test_as_administrator(case: schemathesis.Case, world: World, in_process: None) -> None:
    _check(case, world, "administrator")


@schema.parametrize()
@HYPOTHESIS
def test_as_professional(case: schemathesis.Case, world: World, in_process: None) -> None:
    _check(case, world, "professional")


def test_every_operation_is_checked() -> None:
    """Every operation is generated for (none filtered out), and every path with
    parameters has a real record to call it with."""
    paths = RAW_SCHEMA["paths"]
    operations = [(method, path) for path, item in paths.items() for method in item
                  if method in ("get", "put", "post", "patch", "delete")]
    checked = [result.ok() for result in schema.get_all_operations()]
    assert len(checked) == len(operations)
    unmapped = sorted(path for path in paths if "{" in path and path not in KNOWN)
    assert not unmapped, f"Add a known record for {unmapped} to KNOWN"
    stale = sorted(set(KNOWN) - set(paths))
    assert not stale, f"KNOWN names paths the schema no longer has: {stale}"


@pytest.mark.django_db
def test_the_checked_schema_is_the_served_one(make_account, api_client) -> None:  # noqa: ANN001
    response = api_client(make_account()).get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    assert json.loads(response.content) == RAW_SCHEMA


def test_the_schema_is_valid_and_generated_without_warnings(tmp_path) -> None:  # noqa: ANN001
    """``cadre spectacular --validate --fail-on-warn``: valid OpenAPI, no guessed types."""
    call_command("spectacular", "--validate", "--fail-on-warn",
                 "--file", str(tmp_path / "schema.yaml"))
