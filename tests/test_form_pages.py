"""Issue 12: every form page answers bad input with the GOV.UK error summary.

Each case posts input a person could type (too long, out of range, an id that is not on
the list, a date that does not exist) to a page and checks the page comes back (200 or
400, never a 500), has an error summary whose links point at fields on the page, shows the
field's own error message, puts "Error: " in the title, and wrote nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.urls import reverse

from cadre.access.roles import Role
from cadre.assessments.models import Activity, DevelopmentPlan, Objective
from cadre.audit.models import AuditEvent
from cadre.bench import services as bench_services
from cadre.learning.models import SupplierName
from cadre.learning.services import contracts as contract_services
from cadre.learning.services import spend as spend_services
from cadre.learning.tests.spend_fixtures import make_catalogue, spend_csv
from cadre.mobility.tests.mobility_setup import mob  # noqa: F401 - fixture
from cadre.organisations.models import Grade

pytestmark = pytest.mark.django_db

APPS = ("organisations", "people", "mobility", "bench", "planning", "assessments", "workforce",
        "talent", "learning", "community", "strategy", "recruitment")


def _counts() -> dict[str, int]:
    counted = {m._meta.label: m.objects.count() for app in APPS
               for m in apps.get_app_config(app).get_models()
               if not m._meta.label.startswith("workforce.Classification")}
    counted["audit"] = AuditEvent.objects.count()
    return counted


@dataclass
class Case:
    url: str
    data: dict
    message: str  # the field's error, as the page shows it
    field: str    # the id the error summary links to
    method: str = "post"


def _organisation_long_name(w) -> Case:  # noqa: ANN001
    return Case(reverse("organisations:create"),
                {"name": "x" * 201, "abbreviation": "NEW", "type": "department"},
                "Name must be 200 characters or fewer", "id_name")


def _organisation_impossible_date(w) -> Case:  # noqa: ANN001
    return Case(reverse("organisations:create"),
                {"name": "New body", "abbreviation": "NEW", "type": "department",
                 "active_from_0": "31", "active_from_1": "2", "active_from_2": "2026"},
                "Active from must be a real date", "id_active_from_0")


def _organisation_year_out_of_range(w) -> Case:  # noqa: ANN001
    return Case(reverse("organisations:create"),
                {"name": "New body", "abbreviation": "NEW", "type": "department",
                 "active_to_0": "1", "active_to_1": "1", "active_to_2": "99999999999"},
                "the year must be between", "id_active_to_0")


def _former_name_too_long(w) -> Case:  # noqa: ANN001
    return Case(reverse("organisations:former-name-add", args=[w.org_a.pk]),
                {"name": "x" * 201, "abbreviation": ""},
                "Former name must be 200 characters or fewer", "id_name")


def _former_name_ends_before_it_starts(w) -> Case:  # noqa: ANN001
    return Case(reverse("organisations:former-name-add", args=[w.org_a.pk]),
                {"name": "Old name", "valid_from_0": "1", "valid_from_1": "4",
                 "valid_from_2": "2010", "valid_to_0": "1", "valid_to_1": "4",
                 "valid_to_2": "2009"},
                "cannot stop being used before it started", "id_valid_to_0")


def _change_without_a_successor(w) -> Case:  # noqa: ANN001
    return Case(reverse("organisations:change-add", args=[w.org_a.pk]),
                {"kind": "merger", "date_0": "2", "date_1": "9", "date_2": "2020",
                 "successor": "", "note": ""},
                "Name the organisation that took over", "id_successor")


def _change_date_that_does_not_exist(w) -> Case:  # noqa: ANN001
    return Case(reverse("organisations:change-add", args=[w.org_a.pk]),
                {"kind": "closure", "date_0": "31", "date_1": "2", "date_2": "2020",
                 "successor": "", "note": ""},
                "Date of the change must be a real date", "id_date_0")


def _person_unknown_grade(w) -> Case:  # noqa: ANN001
    url = reverse("people:create") + f"?organisation={w.org_a.pk}"
    return Case(url, {"organisation_id": w.org_a.pk, "staff_number": "N1", "first_name": "Ann",
                      "last_name": "Other", "employment_type": "permanent", "grade": "424242"},
                "Choose grade from the list", "id_grade")


def _person_part_of_a_date(w) -> Case:  # noqa: ANN001
    url = reverse("people:create") + f"?organisation={w.org_a.pk}"
    return Case(url, {"organisation_id": w.org_a.pk, "staff_number": "N1", "first_name": "Ann",
                      "last_name": "Other", "employment_type": "permanent",
                      "start_date_0": "12", "start_date_1": "", "start_date_2": "2025"},
                "Start date must include a month", "id_start_date_0")


def _preference_unknown_location(w) -> Case:  # noqa: ANN001
    return Case(reverse("mobility:mobility-preference"),
                {"open_to_opportunities": "on", "locations": ["424242"]},
                "Locations I would work from includes a choice that is not on the list",
                "id_locations_1")


def _vacancy_long_title(w) -> Case:  # noqa: ANN001
    return Case(reverse("mobility:vacancy-create"),
                {"role_level": w.mob.role_level.pk, "organisation": w.org_a.pk,
                 "title": "t" * 201, "grade": w.mob.g7.pk, "security_clearance": "bpss",
                 "closing_date_0": "1", "closing_date_1": "1", "closing_date_2": "2099"},
                "Title must be 200 characters or fewer", "id_title")


def _vacancy_no_closing_date(w) -> Case:  # noqa: ANN001
    return Case(reverse("mobility:vacancy-create"),
                {"role_level": w.mob.role_level.pk, "organisation": w.org_a.pk,
                 "title": "Engineer", "grade": w.mob.g7.pk, "security_clearance": "bpss"},
                "Enter closing date", "id_closing_date_0")


def _bench_window_malformed_date(w) -> Case:  # noqa: ANN001
    return Case(reverse("bench:bench-specialist", args=[w.people.a_staff1.pk]),
                {"available_from": "2027-13-45", "available_to_0": "1", "available_to_1": "2",
                 "available_to_2": "2027"},
                "Available from must include a day", "id_available_from_0")


def _bench_request_long_programme(w) -> Case:  # noqa: ANN001
    return Case(reverse("bench:bench-request-new", args=[w.people.a_staff1.pk]),
                {"programme": "p" * 201, "organisation": w.org_b.pk,
                 "starts_on": "2027-02-01", "ends_on": "2027-03-01"},
                "Programme must be 200 characters or fewer", "id_programme")


def _plan_huge_year(w) -> Case:  # noqa: ANN001
    return Case(reverse("planning:plans"),
                {"organisation": w.org_a.pk, "role_family": w.mob.family.pk,
                 "first_year": "99999999999999999999", "attrition_rate": "0.1"},
                "The first year must be from 2000 to 2100", "id_first_year")


def _plan_rate_out_of_range(w) -> Case:  # noqa: ANN001
    return Case(reverse("planning:plans"),
                {"organisation": w.org_a.pk, "role_family": w.mob.family.pk,
                 "first_year": "2027", "attrition_rate": "5"},
                "", "")


def _try_long_title(w) -> Case:  # noqa: ANN001
    return Case(reverse("workforce:review-try"), {"job_title": "j" * 201},
                "Job title must be 200 characters or fewer", "id_job_title", method="get")


def _threshold_out_of_range(w) -> Case:  # noqa: ANN001
    return Case(reverse("workforce:review-settings"),
                {"auto_accept_above": "1.5", "version": "0"},
                "The threshold must be from 0.500 to 1.000", "id_auto_accept_above")


def _profile_unknown_target(w) -> Case:  # noqa: ANN001
    return Case(reverse("assessments:person", args=[w.people.a_staff1.pk]),
                {"current": "", "targets": ["424242"]},
                "includes a choice that is not on the list", "id_targets_1")


# --- Learning supply (issue 17) -----------------------------------------------------------

def _product_values(w, **changes) -> dict:  # noqa: ANN001
    return {"provider": w.learning.catalogue.acme.pk, "title": "Data for leaders",
            "kind": "course", "mode": "online_live", "duration_hours": "7.5",
            "list_price": "450", "audience": "open", **changes}


def _contract_values(w, **changes) -> dict:  # noqa: ANN001
    return {"reference": "DA-2027-01", "title": "Learning contract",
            "supplier": w.learning.catalogue.acme.pk, "buyers": [w.org_a.pk],
            "starts_on_0": "1", "starts_on_1": "4", "starts_on_2": "2027",
            "ends_on_0": "31", "ends_on_1": "3", "ends_on_2": "2029", **changes}


def _pay_range_values(w, **changes) -> dict:  # noqa: ANN001
    return {"grade": w.mob.g7.pk, "minimum": "50000", "maximum": "60000",
            "on_cost_percent": "27.5", "effective_from_0": "1", "effective_from_1": "4",
            "effective_from_2": "2026", "source": "Pay award 2026", **changes}


def _learning_provider_long_name(w) -> Case:  # noqa: ANN001
    return Case(reverse("learning:provider-create"), {"name": "n" * 201},
                "Name must be 200 characters or fewer", "id_name")


def _learning_product_long_title(w) -> Case:  # noqa: ANN001
    return Case(reverse("learning:product-create"), _product_values(w, title="t" * 201),
                "Title must be 200 characters or fewer", "id_title")


def _learning_product_price_out_of_range(w) -> Case:  # noqa: ANN001
    return Case(reverse("learning:product-create"), _product_values(w, list_price="1000001"),
                "List price per place, in pounds must be 1000000 or less", "id_list_price")


def _learning_product_unknown_skill(w) -> Case:  # noqa: ANN001
    return Case(reverse("learning:product-skills", args=[w.learning.catalogue.python.pk]),
                {"action": "add", "skill": "424242", "level": w.mob.levels[2].pk},
                "Choose skill from the list", "id_skill")


def _learning_contract_ends_first(w) -> Case:  # noqa: ANN001
    return Case(reverse("learning:contract-create"),
                _contract_values(w, ends_on_0="1", ends_on_1="3", ends_on_2="2027"),
                "The end date must be the same as or after the start date", "id_ends_on_0")


def _learning_contract_long_reference(w) -> Case:  # noqa: ANN001
    return Case(reverse("learning:contract-create"), _contract_values(w, reference="r" * 51),
                "Contract reference must be 50 characters or fewer", "id_reference")


def _learning_lot_number_out_of_range(w) -> Case:  # noqa: ANN001
    return Case(reverse("learning:lot-create", args=[w.learning.framework.pk]),
                {"number": "51", "title": "Data and AI"},
                "Lot number must be 50 or less", "id_number")


def _learning_lot_unknown_skill(w) -> Case:  # noqa: ANN001
    return Case(reverse("learning:lot-create", args=[w.learning.framework.pk]),
                {"number": "2", "title": "Data and AI", "skills": ["424242"]},
                "Framework skills the lot covers includes a choice that is not on the list",
                "id_skills_1")


def _learning_pay_range_minimum_above_maximum(w) -> Case:  # noqa: ANN001
    return Case(reverse("learning:pay-range-add"),
                _pay_range_values(w, minimum="70000", maximum="60000"),
                "The maximum must be at least the minimum", "id_maximum")


def _learning_pay_range_out_of_range(w) -> Case:  # noqa: ANN001
    return Case(reverse("learning:pay-range-add"), _pay_range_values(w, maximum="500001"),
                "Highest annual pay, in whole pounds must be 500000 or less", "id_maximum")


def _learning_supplier_decision_unknown_provider(w) -> Case:  # noqa: ANN001
    return Case(reverse("learning:spend-review-supplier", args=[w.learning.supplier_name.pk]),
                {"provider": "424242"}, "Choose a catalogue supplier from the list",
                "id_provider_1")


def _learning_credential_long_label(w) -> Case:  # noqa: ANN001
    return Case(reverse("learning:xapi-credential-create",
                        args=[w.learning.catalogue.acme.pk]),
                {"label": "l" * 101}, "Label must be 100 characters or fewer", "id_label")


def _learning_plan_link_unknown_product(w) -> Case:  # noqa: ANN001
    activity = w.learning.activity
    return Case(reverse("learning:xapi-plan-links", args=[w.people.a_staff1.pk]),
                {"activity": activity.pk, "product": "424242"},
                "Choose catalogue product from the list", f"id_product_{activity.pk}")


def _mentoring_scheme_values(**changes: object) -> dict:
    values = {"name": "Spring mentoring", "grade_gap": "1", "grade_tolerance": "1",
              "skill_weight": "6", "grade_weight": "3", "location_weight": "1",
              "signup_opens_0": "1", "signup_opens_1": "3", "signup_opens_2": "2027",
              "signup_closes_0": "1", "signup_closes_1": "4", "signup_closes_2": "2027"}
    return {**values, **changes}


def _mentoring_scheme_gap_out_of_range(w) -> Case:  # noqa: ANN001
    return Case(reverse("community:mentoring-scheme-create"),
                _mentoring_scheme_values(grade_gap="11"),
                "Target grade gap must be 10 or less", "id_grade_gap")


def _mentoring_scheme_closes_first(w) -> Case:  # noqa: ANN001
    return Case(reverse("community:mentoring-scheme-create"),
                _mentoring_scheme_values(signup_closes_1="2"),
                "Sign-up must close on or after the day it opens", "id_signup_closes_0")


def _mentoring_signup_capacity_out_of_range(w) -> Case:  # noqa: ANN001
    from cadre.community.services import mentoring as mentoring_services
    from cadre.framework.models import Skill

    today = dt.date.today()
    scheme = mentoring_services.create_scheme(
        actor=None, name="Form scheme", signup_opens=today, signup_closes=today)
    mentoring_services.set_scheme_status(actor=None, scheme=scheme, transition="open")
    return Case(reverse("community:mentoring-signup", args=[scheme.pk, "mentor"]),
                {"skills": [Skill.objects.order_by("pk").first().pk], "capacity": "6"},
                "How many mentees you can take must be 5 or less", "id_capacity")


def _network_values(**changes: object) -> dict:
    return {"name": "Police data", "scope": "national", "topic": "Data", "is_open": "yes",
            **changes}


def _network_name_too_long(w) -> Case:  # noqa: ANN001
    return Case(reverse("community:network-create"), _network_values(name="x" * 201),
                "Name must be 200 characters or fewer", "id_name")


def _network_event_case(**changes: object) -> Case:
    from cadre.community.services import networks as network_services
    from cadre.core.actor import Actor

    community = network_services.create_community(actor=Actor.system(), name="Form network",
                                                  scope="national", topic="Forms")
    day = dt.date.today() + dt.timedelta(days=7)
    values = {"title": "Meet-up", "format": "online", "joining_link": "https://meet.example/f",
              "day_0": str(day.day), "day_1": str(day.month), "day_2": str(day.year),
              "start_time": "10:00", "end_time": "12:00", "capacity": "20", "cpd_hours": "2",
              **changes}
    return Case(reverse("community:event-create", args=[community.pk]), values, "", "")


def _network_event_capacity_out_of_range(w) -> Case:  # noqa: ANN001
    case = _network_event_case(capacity="5001")
    case.message, case.field = "Places must be 5000 or less", "id_capacity"
    return case


def _network_event_time_malformed(w) -> Case:  # noqa: ANN001
    case = _network_event_case(end_time="25:99")
    case.message = "End time must be a time on the 24-hour clock, like 09:30"
    case.field = "id_end_time"
    return case


def _survey_values(**changes: object) -> dict:
    return {"title": "Pulse survey", "description": "", **changes}


def _survey_title_too_long(w) -> Case:  # noqa: ANN001
    return Case(reverse("community:survey-create"), _survey_values(title="x" * 201),
                "Title must be 200 characters or fewer", "id_title")


def _survey_closes_before_it_opens(w) -> Case:  # noqa: ANN001
    return Case(reverse("community:survey-create"),
                _survey_values(opens_on_0="2", opens_on_1="3", opens_on_2="2027",
                               closes_on_0="1", closes_on_1="3", closes_on_2="2027"),
                "The closing date must be on or after the opening date", "id_closes_on_0")


def _survey_response_unanswered(w) -> Case:  # noqa: ANN001
    from cadre.community.services import surveys as survey_services
    from cadre.core.actor import Actor

    cli = Actor.command_line("tests")
    survey = survey_services.create_survey(actor=cli, title="Form survey")
    survey_services.add_item(actor=cli, survey_id=survey.pk, kind="statement",
                             text="There are the necessary skills in my department")
    survey_services.open_survey(actor=cli, survey_id=survey.pk)
    item = survey.items.get()
    return Case(reverse("community:survey-respond", args=[survey.pk]), {},
                "Choose how far you agree", f"id_score_{item.pk}_1")


def _communications_stakeholder_name_too_long(w) -> Case:  # noqa: ANN001
    return Case(reverse("community:communications-stakeholder-add"),
                {"name": "x" * 201, "kind": "trade_union", "contact_email": "", "notes": ""},
                "Name must be 200 characters or fewer", "id_name")


def _communications_audience_grade_not_on_the_list(w) -> Case:  # noqa: ANN001
    return Case(reverse("community:communications-audience-add"),
                {"name": "Grade audience", "grades": ["999999"], "in_profession_only": "on"},
                "Grades includes a choice that is not on the list", "id_grades_1")


def _communications_message_subject_too_long(w) -> Case:  # noqa: ANN001
    from cadre.community.services import communications as comms_services
    from cadre.core.actor import Actor

    email = comms_services.ensure_channels()[0]
    audience = comms_services.create_audience(actor=Actor.system(), name="Form audience")
    return Case(reverse("community:communications-message-add"),
                {"title": "Data week", "channel": email.pk, "audience": audience.pk,
                 "subject": "s" * 151, "body": "Come along."},
                "Subject must be 150 characters or fewer", "id_subject")


def _exchange_offer_values(w, **changes: object) -> dict:  # noqa: ANN001
    day = dt.date.today() + dt.timedelta(days=10)
    return {"organisation": str(w.org_a.pk), "title": "Plain English", "description": "",
            "skills": "Writing", "day_0": str(day.day), "day_1": str(day.month),
            "day_2": str(day.year), "start_time": "09:30", "duration_minutes": "60",
            "format": "online", "location": "", "places": "5", "credits_per_place": "2",
            **changes}


def _exchange_offer_title_too_long(w) -> Case:  # noqa: ANN001
    return Case(reverse("community:exchange-offer-add"),
                _exchange_offer_values(w, title="x" * 201),
                "Title must be 200 characters or fewer", "id_title")


def _exchange_offer_start_time_malformed(w) -> Case:  # noqa: ANN001
    return Case(reverse("community:exchange-offer-add"),
                _exchange_offer_values(w, start_time="25:99"),
                "Start time must be a time on the 24-hour clock, like 09:30", "id_start_time")


def _exchange_booking_places_out_of_range(w) -> Case:  # noqa: ANN001
    import datetime as _dt

    from django.utils import timezone

    from cadre.community.services import exchange as exchange_services
    from cadre.core.actor import Actor

    offer = exchange_services.create_offer(
        actor=Actor.command_line("tests"), organisation=w.org_a, title="Form offer",
        starts_at=timezone.now() + _dt.timedelta(days=5), duration_minutes=60,
        format="online", places=5, credits_per_place=1)
    return Case(reverse("community:exchange-offer-book", args=[offer.pk]),
                {"organisation": str(w.org_b.pk), "places": "501"},
                "Places must be 500 or less", "id_places")


def _exchange_credit_limit_out_of_range(w) -> Case:  # noqa: ANN001
    return Case(reverse("community:exchange-limit-edit", args=[w.org_b.pk]),
                {"credit_limit": "10001"}, "Credit limit must be 10000 or less",
                "id_credit_limit")


def _contributions_page(w) -> tuple[str, str, str]:  # noqa: ANN001
    """An open appraisal cycle in DA and a community a_staff1 leads: (page, cycle, key)."""
    from cadre.community.models import Community, Membership
    from cadre.talent.models import AppraisalCycle

    today = dt.date.today()
    cycle = AppraisalCycle.objects.create(organisation=w.org_a, name="Form cycle",
                                          opens_on=today - dt.timedelta(days=1),
                                          closes_on=today + dt.timedelta(days=10))
    lead = Membership.objects.create(community=Community.objects.create(name="Form community"),
                                     person=w.people.a_staff1, role="lead", joined_on=today)
    return (reverse("strategy:contributions-person", args=[w.people.a_staff1.pk]),
            str(cycle.pk), f"community_lead:{lead.pk}")


def _contribution_evidence_not_on_the_list(w) -> Case:  # noqa: ANN001
    url, cycle, _ = _contributions_page(w)
    return Case(url, {"cycle": cycle, "contributions": ["bench:424242"]},
                "Contributions to offer as evidence includes a choice that is not on the list",
                "id_contributions_1")


def _contribution_cycle_not_on_the_list(w) -> Case:  # noqa: ANN001
    url, _, key = _contributions_page(w)
    return Case(url, {"cycle": "424242", "contributions": [key]},
                "Choose appraisal cycle from the list", "id_cycle_1")


def _metric_name_too_long(w) -> Case:  # noqa: ANN001
    return Case(reverse("strategy:metric-create"),
                {"key": "form-metric", "name": "x" * 201, "unit": "percent",
                 "direction": "higher", "frequency": "yearly", "source": "entered"},
                "Name must be 200 characters or fewer", "id_name")


def _metric_entered(w):  # noqa: ANN001, ANN202
    from cadre.core.actor import Actor
    from cadre.strategy.services import metrics as metric_services

    return metric_services.create_definition(
        actor=Actor.command_line("tests"), key="form-entered-metric", name="Form metric",
        unit="percent", direction="higher")


def _metric_value_out_of_range(w) -> Case:  # noqa: ANN001
    metric = _metric_entered(w)
    return Case(reverse("strategy:metric-value-add", args=[metric.pk]),
                {"organisation": str(w.org_a.pk), "period": "2025-26", "value": "150"},
                "A percentage is from 0 to 100", "id_value")


def _metric_value_period_malformed(w) -> Case:  # noqa: ANN001
    metric = _metric_entered(w)
    return Case(reverse("strategy:metric-value-add", args=[metric.pk]),
                {"organisation": str(w.org_a.pk), "period": "2025-13", "value": "50"},
                "is neither a month", "id_period")


def _ict_function_page(w) -> str:  # noqa: ANN001
    """A function of the ICT taxonomy and DA's form recording it (strategy, area 4)."""
    from cadre.strategy.models import IctFunction

    function = IctFunction.objects.create(key="form-function", name="Form function")
    return reverse("strategy:function-entry", args=[w.org_a.abbreviation, function.key])


def _ict_function_evidence_too_long(w) -> Case:  # noqa: ANN001
    return Case(_ict_function_page(w), {"sourcing": "in_house", "maturity": "good",
                                        "evidence": "x" * 2001, "version": "0"},
                "Evidence (optional) must be 2000 characters or fewer", "id_evidence")


def _ict_function_sourcing_not_on_the_list(w) -> Case:  # noqa: ANN001
    return Case(_ict_function_page(w), {"sourcing": "insourced", "maturity": "good",
                                        "version": "0"},
                "Choose sourcing from the list", "id_sourcing_1")



# strategy: workstreams (issue 19, area 1)
def _strategy_name_too_long(w) -> Case:  # noqa: ANN001
    return Case(reverse("strategy:strategy-create"), {"name": "x" * 201},
                "Name must be 200 characters or fewer", "id_name")


def _strategy_milestone(w):  # noqa: ANN001, ANN202
    from cadre.core.actor import Actor
    from cadre.strategy.services import workstreams as ws_services

    cli = Actor.command_line("tests")
    strategy = ws_services.create_strategy(actor=cli, name="Form strategy")
    workstream = ws_services.create_workstream(actor=cli, strategy=strategy, name="Form work",
                                               lead_organisation=w.org_a)
    scale = ws_services.create_scale(actor=cli, name="Form scale", levels=["Good", "Bad"])
    today = dt.date.today()
    ws_services.create_period(actor=cli, label="Form period", starts_on=today,
                              ends_on=today + dt.timedelta(days=90), scale=scale)
    return ws_services.create_milestone(actor=cli, workstream=workstream, title="Form step",
                                        date_text="by March 2027")


def _milestone_forecast_date_that_does_not_exist(w) -> Case:  # noqa: ANN001
    milestone = _strategy_milestone(w)
    return Case(reverse("strategy:milestone-update", args=[milestone.pk]),
                {"status": "on_track", "forecast_date_0": "31", "forecast_date_1": "2",
                 "forecast_date_2": "2027", "version": "1"},
                "must be a real date", "id_forecast_date_0")


def _milestone_rating_level_not_on_the_list(w) -> Case:  # noqa: ANN001
    milestone = _strategy_milestone(w)
    return Case(reverse("strategy:milestone-rate-central", args=[milestone.pk]),
                {"level": "424242", "version": "0"}, "from the list", "id_level_1")


def _period_ending_before_it_starts(w) -> Case:  # noqa: ANN001
    from cadre.strategy.models import ConfidenceScale

    _strategy_milestone(w)
    return Case(reverse("strategy:period-create"),
                {"label": "Backwards", "starts_on_0": "1", "starts_on_1": "4",
                 "starts_on_2": "2026", "ends_on_0": "1", "ends_on_1": "3", "ends_on_2": "2026",
                 "scale": str(ConfidenceScale.objects.get().pk)},
                "The period must end on or after the day it starts", "id_ends_on_0")

# strategy: commitments (issue 19, area 2)
def _commitment_entry_url(w) -> str:  # noqa: ANN001
    """DA's entry form under a new action (the head of profession's own organisation)."""
    from cadre.core.actor import Actor
    from cadre.strategy.services import commitments as commitment_services

    action = commitment_services.create_action(actor=Actor.command_line("tests"),
                                               strategy_name="Form strategy",
                                               name="Action 9: form checks")
    return reverse("strategy:commitments-entry-edit", args=[action.pk, w.org_a.pk])


def _commitment_text_too_long(w) -> Case:  # noqa: ANN001
    return Case(_commitment_entry_url(w),
                {"kind": "progress", "period": "2015", "text": "x" * 10_001},
                "Text must be 10000 characters or fewer", "id_text")


def _commitment_period_malformed(w) -> Case:  # noqa: ANN001
    return Case(_commitment_entry_url(w),
                {"kind": "progress", "period": "2015-13", "text": "Done."},
                "The month must be from 01 to 12, not 13.", "id_period")


# strategy: suppliers (issue 19, area 5)
def _supplier_name_too_long(w) -> Case:  # noqa: ANN001
    return Case(reverse("strategy:supplier-create"), {"name": "x" * 201, "active": "yes"},
                "Name must be 200 characters or fewer", "id_name")


def _supplier_scores_url(w) -> tuple[str, int]:  # noqa: ANN001
    """DA's scoring form for a new supplier, and the first criterion's id."""
    from cadre.core.actor import Actor
    from cadre.strategy.services import suppliers as supplier_services

    cli = Actor.command_line("tests")
    version = supplier_services.create_version(actor=cli, label="Form framework")
    criterion = supplier_services.add_criterion(actor=cli, version=version, name="Delivery",
                                                weight=1, scale_max=3,
                                                descriptors=["Poor", "Fair", "Good"])
    period = supplier_services.create_period(actor=cli, label="Form period",
                                             starts_on="2026-01-01", ends_on="2026-12-31")
    supplier = supplier_services.create_supplier(actor=cli, name="Form Supplier (fictional)")
    url = reverse("strategy:supplier-scores", args=[supplier.pk])
    return f"{url}?period={period.pk}&organisation={w.org_a.pk}", criterion.pk


def _supplier_score_not_on_the_list(w) -> Case:  # noqa: ANN001
    url, criterion = _supplier_scores_url(w)
    return Case(url, {f"criterion_{criterion}": "9", f"version_{criterion}": "0"},
                "Choose delivery from the list", f"id_criterion_{criterion}_1")


def _supplier_score_comment_too_long(w) -> Case:  # noqa: ANN001
    url, criterion = _supplier_scores_url(w)
    return Case(url, {f"criterion_{criterion}": "2", f"comment_{criterion}": "x" * 2001,
                      f"version_{criterion}": "0"},
                "must be 2000 characters or fewer", f"id_comment_{criterion}")


# recruitment: campaigns (issue 21, area 1)
def _campaign_form(w, **changes) -> dict:  # noqa: ANN001, ANN003
    data = {"organisation": w.org_a.pk, "title": "Head of data",
            "role_level": w.mob.role_level.pk, "grade": w.mob.g6.pk, "pay_min": "70000",
            "pay_max": "80000", "location": "Leeds", "engagement": "permanent",
            "retention_months": "12", "closing_date_0": "1", "closing_date_1": "6",
            "closing_date_2": "2099"}
    data.update(changes)
    return data


def _campaign_title_too_long(w) -> Case:  # noqa: ANN001
    return Case(reverse("recruitment:campaign-create"), _campaign_form(w, title="x" * 201),
                "Title of the role must be 200 characters or fewer", "id_title")


def _campaign_closing_date_that_does_not_exist(w) -> Case:  # noqa: ANN001
    return Case(reverse("recruitment:campaign-create"),
                _campaign_form(w, closing_date_0="31", closing_date_1="2"),
                "Closing date must be a real date", "id_closing_date_0")


def _draft_campaign(w):  # noqa: ANN001, ANN202
    from cadre.core.actor import Actor
    from cadre.recruitment.services import campaigns as campaign_services

    return campaign_services.create_campaign(
        actor=Actor.command_line("tests"), organisation=w.org_a, title="Form campaign",
        role_level=w.mob.role_level, grade=w.mob.g6, location="Leeds",
        closing_date="2099-06-01")


def _campaign_criterion_method_for_the_wrong_stage(w) -> Case:  # noqa: ANN001
    campaign = _draft_campaign(w)
    return Case(reverse("recruitment:campaign-criteria", args=[campaign.pk]),
                {"text": "On paper", "stage": "sift", "method": "presentation",
                 "version": str(campaign.version)},
                "cannot assess a criterion at the sift only", "id_method_1")


def _campaign_cancelled_without_a_reason(w) -> Case:  # noqa: ANN001
    campaign = _draft_campaign(w)
    return Case(reverse("recruitment:campaign-transition", args=[campaign.pk]),
                {"to": "cancelled", "version": str(campaign.version), "reason": ""},
                "Give the reason for cancelling the campaign.", "id_cancel_reason")


# recruitment: applications (issue 21, area 2)
def _open_campaign_with_a_criterion(w):  # noqa: ANN001, ANN202
    from cadre.recruitment.models import Criterion
    from cadre.recruitment.tests.applications_fixtures import make_campaign

    campaign = make_campaign(w.org_a, "Form applications")
    return campaign, Criterion.objects.create(campaign=campaign, text="Leads", order=1,
                                              stage="sift")


def _application_evidence_too_long(w) -> Case:  # noqa: ANN001
    campaign, criterion = _open_campaign_with_a_criterion(w)
    return Case(reverse("recruitment:application-record", args=[campaign.pk]),
                {"name": "Priya Raman", "email": "priya@example.com",
                 f"evidence_{criterion.pk}": "x" * 5001},
                "must be 5000 characters or fewer", f"id_evidence_{criterion.pk}")


def _application_email_malformed(w) -> Case:  # noqa: ANN001
    campaign, _ = _open_campaign_with_a_criterion(w)
    return Case(reverse("recruitment:application-record", args=[campaign.pk]),
                {"name": "Priya Raman", "email": "priya-at-example"},
                "Enter email address as an email address", "id_email")


def _application_apply_evidence_too_long(w) -> Case:  # noqa: ANN001
    campaign, criterion = _open_campaign_with_a_criterion(w)
    return Case(reverse("recruitment:application-apply", args=[campaign.pk]),
                {f"evidence_{criterion.pk}": "x" * 5001},
                "must be 5000 characters or fewer", f"id_evidence_{criterion.pk}")


# recruitment: panels (issue 21, area 3)
def _panel_member_capacity_out_of_range(w) -> Case:  # noqa: ANN001
    from cadre.recruitment.tests.applications_fixtures import make_campaign

    campaign = make_campaign(w.org_a, "Form panel", state="sift")
    return Case(reverse("recruitment:panel-member-add", args=[campaign.pk]),
                {"person": "A2", "role": "member", "stages": "both", "capacity": "0"},
                "Most applications at each stage must be 1 or more", "id_capacity")


def _panel_score_not_on_the_list(w) -> Case:  # noqa: ANN001
    from cadre.recruitment.models import Assignment, Criterion, PanelMember
    from cadre.recruitment.tests.applications_fixtures import make_campaign
    from cadre.recruitment.tests.panels_fixtures import application

    campaign = make_campaign(w.org_b, "Form sift", state="sift")
    criterion = Criterion.objects.create(campaign=campaign, text="Leads", order=1,
                                         stage="sift")
    member = PanelMember.objects.create(campaign=campaign, person=w.people.a_staff1)
    sheet = Assignment.objects.create(application=application(campaign, "Priya Raman"),
                                      member=member, stage="sift")
    return Case(reverse("recruitment:panel-scores", args=[sheet.pk]),
                {f"score_{criterion.pk}": "9"},
                "Your score for Leads: choose a score from 0 to 4",
                f"id_score_{criterion.pk}_1")


# recruitment: pay (issue 21, area 4)
def _market_figure_values(w, **changes) -> dict:  # noqa: ANN001, ANN003
    return {"role_level": str(w.mob.role_level.pk), "grade": "", "low": "50000",
            "median": "55000", "high": "60000", "source": "Form survey",
            "source_date_0": "1", "source_date_1": "3", "source_date_2": "2026", **changes}


def _market_figure_median_below_low(w) -> Case:  # noqa: ANN001
    return Case(reverse("recruitment:pay-market-add"),
                _market_figure_values(w, low="70000"),
                "The median cannot be below the low figure", "id_median")


def _market_figure_source_too_long(w) -> Case:  # noqa: ANN001
    return Case(reverse("recruitment:pay-market-add"),
                _market_figure_values(w, source="x" * 301),
                "Source must be 300 characters or fewer", "id_source")


# recruitment: outcomes (issue 21, area 6)
def _outcomes_first_day_malformed(w) -> Case:  # noqa: ANN001
    return Case(reverse("recruitment:outcomes"), {"from": "31/12/2025"},
                "Give a date as YYYY-MM-DD, not", "from", method="get")


# recruitment: reserve (issue 21, area 5): a candidate of DB's on the reserve list, similar
# to DA's campaign, so that DA's head of profession may offer it.
def _reserve_entry(w):  # noqa: ANN001, ANN202
    from cadre.recruitment.services import reserve as reserve_services
    from cadre.recruitment.tests.reserve_fixtures import _levels, applied, campaign, found

    levels = _levels()
    source = campaign(w.org_b, "Senior data architect", levels["senior"])
    application = found(applied(source, name="Priya Raman", email="priya@example.com"))
    target = campaign(w.org_a, "Lead data architect", levels["lead"])
    entry = reserve_services.add_to_reserve(actor=None, application_id=application.pk)
    return entry, target


def _reserve_offer_note_too_long(w) -> Case:  # noqa: ANN001
    entry, target = _reserve_entry(w)
    return Case(reverse("recruitment:reserve-make-offer", args=[entry.pk]),
                {"target": f"campaign:{target.pk}", "note": "x" * 1001},
                "must be 1000 characters or fewer", "id_note")


def _reserve_add_not_on_the_list(w) -> Case:  # noqa: ANN001
    return Case(reverse("recruitment:reserve-add"), {"application": "424242"},
                "Choose candidate from the list", "id_application")


CASES: dict[str, tuple[str, Callable]] = {
    "organisation name too long": ("central", _organisation_long_name),
    "organisation date that does not exist": ("central", _organisation_impossible_date),
    "organisation year out of range": ("central", _organisation_year_out_of_range),
    "former name too long": ("central", _former_name_too_long),
    "former name ending before it starts": ("central", _former_name_ends_before_it_starts),
    "organisation change without a successor": ("central", _change_without_a_successor),
    "organisation change date that does not exist": ("central",
                                                     _change_date_that_does_not_exist),
    "person grade not on the list": ("hop", _person_unknown_grade),
    "person date without a month": ("hop", _person_part_of_a_date),
    "preference location not on the list": ("staff", _preference_unknown_location),
    "vacancy title too long": ("hop", _vacancy_long_title),
    "vacancy without a closing date": ("hop", _vacancy_no_closing_date),
    "bench window date malformed": ("staff", _bench_window_malformed_date),
    "bench request programme too long": ("pm", _bench_request_long_programme),
    "plan year too large": ("hop", _plan_huge_year),
    "plan attrition rate out of range": ("hop", _plan_rate_out_of_range),
    "try a title too long": ("staff", _try_long_title),
    "auto-accept threshold out of range": ("central", _threshold_out_of_range),
    "profile target not on the list": ("staff", _profile_unknown_target),
    "learning provider name too long": ("lead", _learning_provider_long_name),
    "learning product title too long": ("lead", _learning_product_long_title),
    "learning product price out of range": ("lead", _learning_product_price_out_of_range),
    "learning product skill not on the list": ("lead", _learning_product_unknown_skill),
    "learning contract ending before it starts": ("lead", _learning_contract_ends_first),
    "learning contract reference too long": ("lead", _learning_contract_long_reference),
    "framework lot number out of range": ("central", _learning_lot_number_out_of_range),
    "framework lot skill not on the list": ("central", _learning_lot_unknown_skill),
    "pay range minimum above maximum": ("central", _learning_pay_range_minimum_above_maximum),
    "pay range maximum out of range": ("central", _learning_pay_range_out_of_range),
    "spend supplier decision not on the list": (
        "lead", _learning_supplier_decision_unknown_provider),
    "xAPI credential label too long": ("central", _learning_credential_long_label),
    "plan link product not on the list": ("staff", _learning_plan_link_unknown_product),
    "mentoring scheme grade gap out of range": ("pm", _mentoring_scheme_gap_out_of_range),
    "mentoring scheme closing before it opens": ("pm", _mentoring_scheme_closes_first),
    "mentoring sign-up capacity out of range": ("staff",
                                                _mentoring_signup_capacity_out_of_range),
    "community name too long": ("central", _network_name_too_long),
    "community event places out of range": ("central", _network_event_capacity_out_of_range),
    "community event end time malformed": ("central", _network_event_time_malformed),
    "survey title too long": ("central", _survey_title_too_long),
    "survey closing before it opens": ("central", _survey_closes_before_it_opens),
    "survey response with a statement unanswered": ("staff", _survey_response_unanswered),
    "communications stakeholder name too long": (
        "central", _communications_stakeholder_name_too_long),
    "communications audience grade not on the list": (
        "central", _communications_audience_grade_not_on_the_list),
    "communications message subject too long": (
        "central", _communications_message_subject_too_long),
    "exchange offer title too long": ("central", _exchange_offer_title_too_long),
    "exchange offer start time malformed": ("central", _exchange_offer_start_time_malformed),
    "exchange booking places out of range": ("central", _exchange_booking_places_out_of_range),
    "exchange credit limit out of range": ("central", _exchange_credit_limit_out_of_range),
    "contribution evidence not on the list": ("staff", _contribution_evidence_not_on_the_list),
    "contribution cycle not on the list": ("staff", _contribution_cycle_not_on_the_list),
    "metric name too long": ("central", _metric_name_too_long),
    "metric value out of range": ("hop", _metric_value_out_of_range),
    "metric value period malformed": ("hop", _metric_value_period_malformed),
    "strategy name too long": ("central", _strategy_name_too_long),
    "milestone forecast date that does not exist": (
        "hop", _milestone_forecast_date_that_does_not_exist),
    "confidence rating level not on the list": ("central",
                                                _milestone_rating_level_not_on_the_list),
    "reporting period ending before it starts": ("central", _period_ending_before_it_starts),
    "ICT function evidence too long": ("hop", _ict_function_evidence_too_long),
    "ICT function sourcing not on the list": ("hop", _ict_function_sourcing_not_on_the_list),
    "commitment text too long": ("hop", _commitment_text_too_long),
    "commitment period malformed": ("hop", _commitment_period_malformed),
    "strategic supplier name too long": ("central", _supplier_name_too_long),
    "supplier score not on the list": ("hop", _supplier_score_not_on_the_list),
    "supplier score comment too long": ("hop", _supplier_score_comment_too_long),
    # recruitment: campaigns (issue 21, area 1)
    "recruitment campaign title too long": ("hop", _campaign_title_too_long),
    "recruitment campaign closing date that does not exist": (
        "hop", _campaign_closing_date_that_does_not_exist),
    "recruitment criterion method for the wrong stage": (
        "hop", _campaign_criterion_method_for_the_wrong_stage),
    "recruitment campaign cancelled without a reason": (
        "hop", _campaign_cancelled_without_a_reason),
    # recruitment: applications (issue 21, area 2)
    "recruitment application evidence too long": ("hop", _application_evidence_too_long),
    "recruitment application email malformed": ("hop", _application_email_malformed),
    "recruitment application (applying) evidence too long": (
        "staff", _application_apply_evidence_too_long),
    # recruitment: panels (issue 21, area 3)
    "recruitment panel member capacity out of range": (
        "central", _panel_member_capacity_out_of_range),
    "recruitment panel score not on the list": ("staff", _panel_score_not_on_the_list),
    # recruitment: pay (issue 21, area 4)
    "market figure median below the low figure": ("central", _market_figure_median_below_low),
    "market figure source too long": ("central", _market_figure_source_too_long),
    # recruitment: outcomes (issue 21, area 6)
    "recruitment outcomes first day malformed": ("central", _outcomes_first_day_malformed),
    # recruitment: reserve (issue 21, area 5)
    "recruitment reserve offer note too long": ("hop", _reserve_offer_note_too_long),
    "recruitment reserve candidate not on the list": ("hop", _reserve_add_not_on_the_list),
}


@dataclass
class World:
    mob: object
    people: object
    org_a: object
    org_b: object
    learning: object = None


@dataclass
class Learning:
    """Learning supply records the learning cases post against."""

    catalogue: object
    framework: object
    supplier_name: object
    activity: object


def learning_records(setup, people, org_a) -> Learning:  # noqa: ANN001
    """A catalogue (spend_fixtures), a supply framework, a spend supplier name of DA's waiting
    for review, and a plan activity of a_staff1's that may be linked to a product."""
    catalogue = make_catalogue()
    catalogue.python.xapi_activity_id = "https://learning.example/python"
    catalogue.python.save(update_fields=["xapi_activity_id"])
    framework = contract_services.create_framework(
        actor=None, name="Learning DPS", reference="RM0001", starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2029, 12, 31))
    spend_services.import_spend(actor=None, organisation=org_a, filename="a.csv",
                                data=spend_csv("2024-04-02,Acme Trainin Services,Agile "
                                               "Foundation,100,1,PO-1,CC1"))
    plan = DevelopmentPlan.objects.create(person=people.a_staff1)
    objective = Objective.objects.create(plan=plan, skill=setup.skills[1],
                                         target_level=setup.levels[2],
                                         target_date=dt.date.today() + dt.timedelta(days=90))
    activity = Activity.objects.create(objective=objective, kind="formal",
                                       description="Take the Python course")
    return Learning(catalogue=catalogue, framework=framework,
                    supplier_name=SupplierName.objects.get(name_key="acme trainin services"),
                    activity=activity)


@pytest.fixture
def world(mob, people, org_a, org_b):  # noqa: ANN001, ANN201, F811
    Grade.objects.get_or_create(code="G7", defaults={"name": "Grade 7"})
    bench_services.add_window(actor=None, person=people.a_staff1,
                              available_from=dt.date(2027, 1, 1),
                              available_to=dt.date(2027, 6, 30))
    return World(mob=mob, people=people, org_a=org_a, org_b=org_b,
                 learning=learning_records(mob, people, org_a))


def _account(kind: str, world: World, make_account):  # noqa: ANN001, ANN202
    return {
        "central": lambda: make_account(Role.CENTRAL_TEAM),
        "hop": lambda: make_account(Role.HEAD_OF_PROFESSION, world.org_a),
        "staff": lambda: make_account(Role.PROFESSIONAL, person=world.people.a_staff1),
        "pm": lambda: make_account(Role.PROGRAMME_MANAGER),
        "lead": lambda: make_account(Role.LEARNING_LEAD, world.org_a),
    }[kind]()


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gets_the_error_summary_and_writes_nothing(case, world, make_account,
                                                               web_client):  # noqa: ANN001
    who, build = CASES[case]
    client = web_client(_account(who, world, make_account))
    bad = build(world)
    before = _counts()
    response = getattr(client, bad.method)(bad.url, bad.data)
    assert response.status_code in (200, 400), (response.status_code, response.content[:500])
    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page, page[:3000]
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.strip().startswith("Error: "), title
    summary = page[page.index("govuk-error-summary"):page.index("</ul>",
                                                            page.index("govuk-error-summary"))]
    assert bad.message in summary, summary
    if bad.field:
        assert f'href="#{bad.field}"' in summary, summary
        assert f'id="{bad.field}"' in page, bad.field
        assert "govuk-error-message" in page
    for target in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{target}"' in page, f"the summary links to #{target}, not on the page"
    assert "---------" not in page
    assert _counts() == before


def test_every_hint_the_page_points_at_exists(world, make_account, web_client):  # noqa: ANN001
    """aria-describedby only names ids on the page (issue 12: ten pointed nowhere)."""
    hop = web_client(_account("hop", world, make_account))
    staff = web_client(_account("staff", world, make_account))
    pages = [
        (staff, reverse("mobility:mobility-preference")),
        (staff, reverse("bench:bench-specialist", args=[world.people.a_staff1.pk])),
        (staff, reverse("workforce:review-try")),
        (staff, reverse("assessments:person", args=[world.people.a_staff1.pk])),
        (hop, reverse("mobility:vacancy-create") + f"?role_level={world.mob.role_level.pk}"),
        (hop, reverse("people:create") + f"?organisation={world.org_a.pk}"),
        (hop, reverse("planning:plans")),
        (hop, reverse("workforce:extract-upload")),
    ]
    lead = web_client(_account("lead", world, make_account))
    central = web_client(_account("central", world, make_account))
    learning = world.learning
    pages += [
        (lead, reverse("learning:provider-create")),
        (lead, reverse("learning:product-create")),
        (lead, reverse("learning:product-skills", args=[learning.catalogue.python.pk])),
        (lead, reverse("learning:contract-create")),
        (lead, reverse("learning:spend-review-supplier", args=[learning.supplier_name.pk])),
        (central, reverse("learning:lot-create", args=[learning.framework.pk])),
        (central, reverse("learning:pay-range-add")),
        (central, reverse("workforce:review-settings")),
        (central, reverse("learning:xapi-credential-create",
                          args=[learning.catalogue.acme.pk])),
        (staff, reverse("learning:xapi-plan-links", args=[world.people.a_staff1.pk])),
    ]
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        ids = set(re.findall(r'\bid="([^"]+)"', page))
        for described in re.findall(r'aria-describedby="([^"]*)"', page):
            for target in described.split():
                assert target in ids, f"{url}: aria-describedby names #{target}, not on the page"
        assert "---------" not in page, url
        assert 'type="date"' not in page, url


def test_the_opt_in_and_hybrid_checkboxes_are_gov_uk_checkboxes(world, make_account,
                                                                 web_client):  # noqa: ANN001
    staff = web_client(_account("staff", world, make_account))
    page = staff.get(reverse("mobility:mobility-preference")).content.decode()
    assert re.search(r'<input[^>]*name="open_to_opportunities"[^>]*govuk-checkboxes__input', page)
    assert 'for="id_open_to_opportunities"' in page
    hop = web_client(_account("hop", world, make_account))
    page = hop.get(reverse("mobility:vacancy-create")
                   + f"?role_level={world.mob.role_level.pk}").content.decode()
    assert re.search(r'<input[^>]*name="hybrid"[^>]*govuk-checkboxes__input', page)
    # Long lists: checkboxes, not a one-row multi-select; long selects marked for autocomplete.
    assert "<select multiple" not in page and "multiple>" not in page


def test_a_single_iso_date_is_still_understood(world, make_account, web_client):  # noqa: ANN001
    staff = web_client(_account("staff", world, make_account))
    response = staff.post(reverse("bench:bench-specialist", args=[world.people.a_staff1.pk]),
                          {"available_from": "2027-09-01", "available_to": "2027-09-30"})
    assert response.status_code in (200, 302)
    assert "govuk-error-summary" not in response.content.decode()


def _parts(name: str, day: str, month: str, year: str) -> dict:
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


@pytest.mark.parametrize("url", ["/talent/identification/cycles/", "assessments"])
def test_hand_written_date_inputs(url, people, org_a, make_account, web_client):  # noqa: ANN001
    """The cycle pages (once hand-written forms) use the GOV.UK date input; a date that does
    not exist is refused on the same page (400) with an error summary and nothing saved. The
    names the hand-written input sent (``opens_on-day`` ...) are still understood."""
    from cadre.assessments.models import AssessmentCycle
    from cadre.talent.models import AppraisalCycle

    hop = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    if url == "assessments":
        url, model = reverse("assessments:cycles", args=[org_a.pk]), AssessmentCycle
    else:
        model = AppraisalCycle
    page = hop.get(url).content.decode()
    assert 'name="opens_on_0"' in page and 'type="date"' not in page
    before = _counts()
    refused = hop.post(url, {"organisation": org_a.pk, "name": "Bad",
                             **_parts("opens_on", "31", "2", "2027"),
                             **_parts("closes_on", "1", "4", "2027")})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "govuk-error-summary" in body and "<title>Error: " in body
    assert 'href="#id_opens_on_0"' in body and 'value="Bad"' in body
    assert _counts() == before
    saved = hop.post(url, {"organisation": org_a.pk, "name": "Spring",
                           **_parts("opens_on", "1", "3", "2027"),
                           **_parts("closes_on", "1", "4", "2027")})
    assert saved.status_code == 302
    assert model.objects.get(name="Spring").opens_on == dt.date(2027, 3, 1)
