"""Issue 12, point 1: every form answers bad input on the same page, with what was typed.

The pages here used to be hand-written forms whose views, on bad input, redirected with a
message and lost what the person typed. Each case posts input a person could type (or a
service would refuse) and checks: a 400, the GOV.UK error summary linking to the field
(which is on the page), "Error: " at the start of the title, the field's own error message,
the typed values still in the boxes, and nothing written. The GET filter cases check that a
filter value that is not understood is reported (naming the filter), never ignored or a 500.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.assessments import services as assessment_services
from cadre.bench import services as bench_services
from cadre.framework.models import RoleLevel
from cadre.mobility import services as mobility_services
from cadre.mobility.tests.mobility_setup import mob  # noqa: F401 - fixture
from cadre.talent import services as talent_services
from cadre.talent.models import CriticalPost
from tests.test_form_pages import (
    _contract_values,
    _counts,
    _pay_range_values,
    _product_values,
    learning_records,
)

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    url: str
    data: dict
    message: str          # the error, as the summary shows it
    anchor: str           # the id the summary links to ("" when it names no box)
    kept: list[str] = field(default_factory=list)  # patterns for what was typed, on the page
    method: str = "post"


@dataclass
class World:
    mob: object
    people: object
    org_a: object
    org_b: object
    made: dict
    learning: object = None


def _parts(name: str, day: str, month: str, year: str) -> dict:
    return {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}


def _checked(name: str, value: str) -> str:
    return (rf'<input(?=[^>]*name="{name}")(?=[^>]*value="{value}")(?=[^>]*checked)[^>]*>')


def _selected(value: str) -> str:
    return rf'<option value="{value}"[^>]*selected'


# --- Talent ------------------------------------------------------------------------------

def _talent_cycle_impossible_date(w: World) -> Case:
    return Case(reverse("talent:cycles"),
                {"organisation": w.org_a.pk, "name": "Spring review",
                 **_parts("opens_on", "31", "2", "2027"), **_parts("closes_on", "1", "4", "2027")},
                "Opens must be a real date", "id_opens_on_0",
                kept=['value="Spring review"', 'name="closes_on_2"[^>]*value="2027"'])


def _talent_cycle_closes_first(w: World) -> Case:
    return Case(reverse("talent:cycles"),
                {"organisation": w.org_a.pk, "name": "Backwards",
                 **_parts("opens_on", "1", "6", "2027"), **_parts("closes_on", "1", "4", "2027")},
                "", "", kept=['value="Backwards"'])


def _talent_pool_long_name(w: World) -> Case:
    return Case(reverse("talent:pools"),
                {"name": "p" * 201, "organisation": w.org_a.pk,
                 "description": "Grade 7s ready for grade 6"},
                "Name must be 200 characters or fewer", "id_name",
                kept=["Grade 7s ready for grade 6</textarea>"])


def _talent_post_unknown_incumbent(w: World) -> Case:
    return Case(reverse("talent:succession"),
                {"organisation": w.org_a.pk, "title": "Chief data officer",
                 "role_level": w.mob.role_level.pk, "incumbent": "NOPE99",
                 "risk_of_loss": "high", "risk_reason": "Retiring next year"},
                "No one in the organisation has that staff number", "id_incumbent",
                kept=['value="Chief data officer"', 'value="NOPE99"', "Retiring next year",
                      _checked("risk_of_loss", "high")])


def _talent_calibration_without_reason(w: World) -> Case:
    return Case(reverse("talent:rating", args=[w.made["rating"].pk]),
                {"performance": "3", "potential": "3", "reason": ""},
                "Enter reason for the adjustment", "id_reason",
                kept=[_checked("performance", "3"), _checked("potential", "3")])


def _talent_rating_not_on_the_list(w: World) -> Case:
    staff = w.people.a_staff2
    return Case(reverse("talent:ratings"),
                {"cycle": w.made["cycle"].pk, "person": staff.pk, "page": "1",
                 "performance": "7", "potential": "2"},
                "Choose performance from the list", f"id_performance_{staff.pk}",
                kept=[rf'id="id_potential_{staff.pk}"[^>]*>(?:(?!</select>).)*'
                      + _selected("2")])


def _talent_member_impossible_date(w: World) -> Case:
    return Case(reverse("talent:pool", args=[w.made["pool"].pk]),
                {"action": "add", "person": w.people.a_staff2.pk,
                 **_parts("review_on", "31", "2", "2027"), "note": "Strong delivery record"},
                "Review date must be a real date", "id_review_on_0",
                kept=["Strong delivery record</textarea>"])


def _talent_action_too_long(w: World) -> Case:
    membership = w.made["membership"]
    return Case(reverse("talent:pool", args=[w.made["pool"].pk]),
                {"action": "add-action", "membership": membership.pk, "description": "d" * 501,
                 **_parts("due_on", "1", "9", "2027")},
                "New development action must be 500 characters or fewer",
                f"id_description_{membership.pk}",
                kept=['name="due_on_1"[^>]*value="9"'])


def _talent_post_edit_unknown_incumbent(w: World) -> Case:
    return Case(reverse("talent:critical-post", args=[w.made["post"].pk]),
                {"action": "edit", "incumbent": "GHOST1", "role_level": w.mob.role_level.pk,
                 "risk_of_loss": "low", "risk_reason": "Stable team"},
                "No one in the organisation has that staff number", "id_incumbent",
                kept=['value="GHOST1"', "Stable team</textarea>"])


# --- Capability ---------------------------------------------------------------------------

def _assessment_cycle_closes_first(w: World) -> Case:
    return Case(reverse("assessments:cycles", args=[w.org_a.pk]),
                {"name": "Autumn check", **_parts("opens_on", "1", "10", "2027"),
                 **_parts("closes_on", "1", "9", "2027"), "unit": ""},
                "The cycle must close after it opens.", "id_closes_on_0",
                kept=['value="Autumn check"'])


def _assessment_start_unknown_level(w: World) -> Case:
    return Case(reverse("assessments:start-round", args=[w.people.a_staff1.pk]),
                {"role_level": "424242"}, "Choose a role level from the list", "id_role_level")


def _assessment_round_level_not_on_scale(w: World) -> Case:
    item = w.made["round"].items.order_by("pk").first()
    return Case(reverse("assessments:round", args=[w.made["round"].pk]),
                {"action": "save", f"level-{item.pk}": "424242",
                 f"text-{item.pk}": "Led the migration of the data platform"},
                "That level is not on this framework", f"level-{item.pk}",
                kept=["Led the migration of the data platform</textarea>"])


def _assessment_objective_impossible_date(w: World) -> Case:
    return Case(reverse("assessments:plan", args=[w.people.a_staff1.pk]),
                {"action": "objective", "skill": w.mob.skills[0].pk,
                 "target_level": w.mob.levels[2].pk, **_parts("target_date", "30", "2", "2028"),
                 "description": "Pair with the platform team"},
                "Target date must be a real date", "id_target_date_0",
                kept=["Pair with the platform team</textarea>",
                      _selected(str(w.mob.skills[0].pk))])


# --- Mobility -----------------------------------------------------------------------------

def _move_cancel_without_reason(w: World) -> Case:
    move = w.made["move"]
    return Case(reverse("mobility:move", args=[move.pk]),
                {"action": "cancel", "state": move.state, "reason": ""},
                "Enter reason for cancelling", "id_reason")


def _move_logistics_impossible_date(w: World) -> Case:
    move = w.made["move"]
    return Case(reverse("mobility:move", args=[move.pk]),
                {"action": "logistics", "state": move.state,
                 **_parts("start_date", "31", "4", "2027"), "equipment_ready": "on"},
                "must be a real date", "id_start_date_0",
                kept=[r'<input(?=[^>]*name="equipment_ready")(?=[^>]*checked)[^>]*>',
                      'name="start_date_0"[^>]*value="31"'])


def _policy_not_a_number(w: World) -> Case:
    return Case(reverse("mobility:mobility-policy"), {"internal_days": "ten"},
                "Days inside government first must be a whole number", "id_internal_days",
                kept=['value="ten"'])


# --- Framework and bench -------------------------------------------------------------------

def _level_order_same_position(w: World) -> Case:
    first, second = w.made["levels"]
    return Case(reverse("framework:level-order", args=[first.role_id]),
                {f"position-{first.pk}": "1", f"position-{second.pk}": "1"},
                "has the same position as", f"position-{second.pk}",
                kept=[rf'id="position-{second.pk}"[^>]*value="1"|value="1"[^>]*id="position-'
                      rf'{second.pk}"'])


def _bench_decline_without_reason(w: World) -> Case:
    return Case(reverse("bench:bench-request", args=[w.made["deployment"].pk]),
                {"action": "decline", "text": ""},
                "Give the reason for declining.", "id_text")


# --- Learning supply (issue 17) -------------------------------------------------------------

def _learning_provider_bad_company_number(w: World) -> Case:
    return Case(reverse("learning:provider-create"),
                {"name": "Northwind Training", "company_number": "12AB",
                 "website": "https://northwind.example", "aliases": "Northwind\nNW Training"},
                "is not a company number", "id_company_number",
                kept=['value="Northwind Training"', 'value="12AB"',
                      'value="https://northwind.example"', "Northwind\nNW Training</textarea>"])


def _learning_product_duration_out_of_range(w: World) -> Case:
    return Case(reverse("learning:product-create"),
                _product_values(w, duration_hours="5000", description="Two days on data"),
                "Learning time in hours must be 2000 or less", "id_duration_hours",
                kept=['value="Data for leaders"', 'value="5000"', 'value="450"',
                      "Two days on data</textarea>", _checked("kind", "course"),
                      _checked("mode", "online_live"),
                      _selected(str(w.learning.catalogue.acme.pk))])


def _learning_product_skill_unknown(w: World) -> Case:
    level = w.mob.levels[2]
    return Case(reverse("learning:product-skills", args=[w.learning.catalogue.python.pk]),
                {"action": "add", "skill": "424242", "level": level.pk},
                "Choose skill from the list", "id_skill", kept=[_selected(str(level.pk))])


def _learning_contract_ends_first(w: World) -> Case:
    return Case(reverse("learning:contract-create"),
                _contract_values(w, ends_on_0="1", ends_on_1="3", ends_on_2="2027",
                                 ceiling_value="25000", notes="Call-off for DA"),
                "The end date must be the same as or after the start date", "id_ends_on_0",
                kept=['value="DA-2027-01"', 'value="Learning contract"', 'value="25000"',
                      "Call-off for DA</textarea>", _checked("buyers", str(w.org_a.pk)),
                      _selected(str(w.learning.catalogue.acme.pk)),
                      'name="ends_on_1"[^>]*value="3"'])


def _learning_lot_title_too_long(w: World) -> Case:
    skill = w.mob.skills[0]
    return Case(reverse("learning:lot-create", args=[w.learning.framework.pk]),
                {"number": "7", "title": "t" * 201, "description": "Data and AI courses",
                 "skills": [skill.pk]},
                "Title must be 200 characters or fewer", "id_title",
                kept=['value="7"', "Data and AI courses</textarea>",
                      _checked("skills", str(skill.pk))])


def _learning_pay_range_minimum_above_maximum(w: World) -> Case:
    return Case(reverse("learning:pay-range-add"),
                _pay_range_values(w, minimum="70000", maximum="60000"),
                "The maximum must be at least the minimum", "id_maximum",
                kept=['value="70000"', 'value="60000"', 'value="27.5"',
                      'value="Pay award 2026"', _selected(str(w.mob.g7.pk)),
                      'name="effective_from_2"[^>]*value="2026"'])


def _learning_credential_label_too_long(w: World) -> Case:
    return Case(reverse("learning:xapi-credential-create",
                        args=[w.learning.catalogue.acme.pk]),
                {"label": "Learning platform, production " + "x" * 80},
                "Label must be 100 characters or fewer", "id_label",
                kept=['value="Learning platform, production x'])


def _learning_supplier_decision_unknown(w: World) -> Case:
    return Case(reverse("learning:spend-review-supplier", args=[w.learning.supplier_name.pk]),
                {"provider": "424242"}, "Choose a catalogue supplier from the list",
                "id_provider_1")


def _learning_plan_link_unknown_product(w: World) -> Case:
    activity = w.learning.activity
    return Case(reverse("learning:xapi-plan-links", args=[w.people.a_staff1.pk]),
                {"activity": activity.pk, "product": "424242"},
                "Choose catalogue product from the list", f"id_product_{activity.pk}")


CASES: dict[str, tuple[str, Callable[[World], Case]]] = {
    "appraisal cycle date that does not exist": ("hop", _talent_cycle_impossible_date),
    "appraisal cycle closing before it opens": ("hop", _talent_cycle_closes_first),
    "talent pool name too long": ("hop", _talent_pool_long_name),
    "critical post incumbent unknown": ("hop", _talent_post_unknown_incumbent),
    "calibration without a reason": ("hop", _talent_calibration_without_reason),
    "rating not on the list": ("manager", _talent_rating_not_on_the_list),
    "pool member review date that does not exist": ("hop", _talent_member_impossible_date),
    "development action too long": ("hop", _talent_action_too_long),
    "critical post change with unknown incumbent": ("hop", _talent_post_edit_unknown_incumbent),
    "assessment cycle closing before it opens": ("hop", _assessment_cycle_closes_first),
    "assessment against a level not on the list": ("staff", _assessment_start_unknown_level),
    "self-assessment level not on the scale": ("staff", _assessment_round_level_not_on_scale),
    "plan objective date that does not exist": ("staff", _assessment_objective_impossible_date),
    "move cancelled without a reason": ("hop", _move_cancel_without_reason),
    "move start date that does not exist": ("hop", _move_logistics_impossible_date),
    "inside-government days not a number": ("central", _policy_not_a_number),
    "two levels in the same position": ("central", _level_order_same_position),
    "deployment declined without a reason": ("hop", _bench_decline_without_reason),
    "learning provider company number not understood": (
        "lead", _learning_provider_bad_company_number),
    "learning product duration out of range": ("lead", _learning_product_duration_out_of_range),
    "learning product skill not on the list": ("lead", _learning_product_skill_unknown),
    "learning contract ending before it starts": ("lead", _learning_contract_ends_first),
    "framework lot title too long": ("central", _learning_lot_title_too_long),
    "pay range minimum above maximum": ("central", _learning_pay_range_minimum_above_maximum),
    "xAPI credential label too long": ("central", _learning_credential_label_too_long),
    "spend supplier decision not on the list": ("lead", _learning_supplier_decision_unknown),
    "plan link product not on the list": ("staff", _learning_plan_link_unknown_product),
}


@pytest.fixture
def world(mob, people, org_a, org_b):  # noqa: ANN001, ANN201, F811
    today = dt.date.today()
    cycle = talent_services.open_cycle(actor=None, organisation=org_a, name="Year end",
                                       opens_on=today - dt.timedelta(days=10),
                                       closes_on=today + dt.timedelta(days=60))
    rating = talent_services.rate(actor=None, rater=people.a_manager, cycle=cycle,
                                  person=people.a_staff1, performance=2, potential=2)
    pool = talent_services.create_pool(actor=None, name="Future leaders", organisation=org_a,
                                       description="", review_on=None)
    membership = talent_services.add_member(actor=None, pool=pool, person=people.a_staff1,
                                            review_on=None, note="")
    post = talent_services.create_critical_post(
        actor=None, organisation=org_a, title="Head of data", role_level=mob.role_level,
        incumbent=people.a_head, risk_of_loss=CriticalPost.Risk.MEDIUM, risk_reason="")
    round_ = assessment_services.start_round(actor=None, person=people.a_staff1,
                                             role_level=mob.role_level)
    move = mobility_services.propose_move(actor=None, person=people.a_staff2, receiving=org_b)
    for step in ("agree-receiving", "agree-releasing"):
        move = mobility_services.transition_move(actor=None, move_id=move.pk, action=step)
    second = RoleLevel.objects.create(framework=mob.framework, role=mob.role_level.role,
                                      name="Lead data engineer", order=3, seniority=5)
    bench_services.add_window(actor=None, person=people.a_staff1,
                              available_from=dt.date(2027, 1, 1),
                              available_to=dt.date(2027, 6, 30))
    deployment = bench_services.request_deployment(
        actor=None, specialist=people.a_staff1, organisation=org_b, programme="Border systems",
        starts_on=dt.date(2027, 2, 1), ends_on=dt.date(2027, 3, 1))
    return World(mob=mob, people=people, org_a=org_a, org_b=org_b, made={
        "cycle": cycle, "rating": rating, "pool": pool, "membership": membership, "post": post,
        "round": round_, "move": move, "levels": (mob.role_level, second),
        "deployment": deployment}, learning=learning_records(mob, people, org_a))


def _account(kind: str, world: World, make_account):  # noqa: ANN001, ANN202
    return {
        "central": lambda: make_account(Role.CENTRAL_TEAM),
        "admin": lambda: make_account(Role.ADMINISTRATOR),
        "hop": lambda: make_account(Role.HEAD_OF_PROFESSION, world.org_a),
        "staff": lambda: make_account(Role.PROFESSIONAL, person=world.people.a_staff1),
        "manager": lambda: make_account(Role.PROFESSIONAL, person=world.people.a_manager),
        "lead": lambda: make_account(Role.LEARNING_LEAD, world.org_a),
    }[kind]()


def _level_orders() -> list[tuple[int, int]]:
    return list(RoleLevel.objects.order_by("pk").values_list("pk", "order"))


def _check_error_page(response, bad: Case) -> str:  # noqa: ANN001
    assert response.status_code == 400, (response.status_code, response.content[:500])
    page = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.strip().startswith("Error: "), title
    start = page.index('class="govuk-error-summary"')
    summary = page[start:page.index("</ul>", start)]
    assert bad.message in summary, summary
    if bad.anchor:
        assert f'href="#{bad.anchor}"' in summary, summary
    for target in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{target}"' in page, f"the summary links to #{target}, not on the page"
    return page


@pytest.mark.parametrize("case", CASES)
def test_bad_input_comes_back_with_what_was_typed(case, world, make_account,
                                                  web_client):  # noqa: ANN001
    who, build = CASES[case]
    client = web_client(_account(who, world, make_account))
    bad = build(world)
    before, orders = _counts(), _level_orders()
    response = getattr(client, bad.method)(bad.url, bad.data)
    page = _check_error_page(response, bad)
    if bad.anchor and not bad.anchor.startswith("level-"):
        assert "govuk-error-message" in page
    for pattern in bad.kept:
        assert re.search(pattern, page, re.S), f"{pattern!r} is not on the page"
    assert "---------" not in page
    assert _counts() == before and _level_orders() == orders


def test_the_same_forms_still_save(world, make_account, web_client):  # noqa: ANN001
    """Good input still goes through the services and on to the record's page."""
    hop = web_client(_account("hop", world, make_account))
    saved = hop.post(reverse("talent:pools"), {"name": "Data leaders",
                                               "organisation": world.org_a.pk})
    assert saved.status_code == 302
    saved = hop.post(reverse("talent:rating", args=[world.made["rating"].pk]),
                     {"performance": "3", "potential": "2", "reason": "Panel agreed"})
    assert saved.status_code == 302
    world.made["rating"].refresh_from_db()
    assert world.made["rating"].calibrated_performance == 3
    staff = web_client(_account("staff", world, make_account))
    saved = staff.post(reverse("assessments:plan", args=[world.people.a_staff1.pk]),
                       {"action": "objective", "skill": world.mob.skills[0].pk,
                        "target_level": world.mob.levels[2].pk,
                        **_parts("target_date", "1", "3", "2030")})
    assert saved.status_code == 302
    # The names the hand-written date input sent (name-day ...) are still understood.
    saved = hop.post(reverse("assessments:cycles", args=[world.org_a.pk]),
                     {"name": "Spring", "opens_on-day": "1", "opens_on-month": "3",
                      "opens_on-year": "2027", "closes_on-day": "1", "closes_on-month": "4",
                      "closes_on-year": "2027"})
    assert saved.status_code == 302


def test_someone_who_may_not_change_it_gets_403_not_a_form_error(world, make_account,
                                                                  web_client):  # noqa: ANN001
    staff = web_client(_account("staff", world, make_account))
    for url in (reverse("talent:pool", args=[world.made["pool"].pk]),
                reverse("talent:critical-post", args=[world.made["post"].pk]),
                reverse("talent:rating", args=[world.made["rating"].pk])):
        assert staff.post(url, {"action": "edit"}).status_code in (403, 404), url


# --- GET filters --------------------------------------------------------------------------

def _filters(w: World) -> dict[str, tuple[str, Case]]:
    cycle = w.made["cycle"]
    return {
        "people: grade not understood": ("hop", Case(
            reverse("people:list") + "?grade=nonsense&q=Ahead", {}, "Choose grade from the list",
            "id_grade", kept=['value="Ahead"'], method="get")),
        "people: page not a number": ("hop", Case(
            reverse("people:list") + "?page=abc", {}, "The page number must be a whole number",
            "", method="get")),
        "organisations: type not understood": ("central", Case(
            reverse("organisations:list") + "?type=nonsense", {},
            "Choose type from the list", "id_type", method="get")),
        "vacancies: unknown organisation": ("staff", Case(
            reverse("mobility:vacancy-board") + "?organisation=424242", {},
            "Choose organisation from the list", "id_organisation", method="get")),
        "moves: state not understood": ("hop", Case(
            reverse("mobility:moves") + "?state=sideways", {}, "Choose state from the list",
            "id_state", method="get")),
        "nine-box: grade not understood": ("hop", Case(
            reverse("talent:ninebox", args=[cycle.pk]) + "?grade=abc&box=42", {},
            "Choose grade from the list", "id_grade", method="get")),
        "nine-box: box out of range": ("hop", Case(
            reverse("talent:ninebox", args=[cycle.pk]) + "?box=42", {}, "Box:", "",
            method="get")),
        "cross-government grid: unknown year": ("central", Case(
            reverse("talent:ninebox-government") + "?year=1066", {},
            "Choose cycles closing in from the list", "id_year", method="get")),
        "bench: skill not understood": ("hop", Case(
            reverse("bench:bench") + "?skill=abc", {}, "Choose skill from the list",
            "id_skill", method="get")),
        "HR extracts: unknown organisation": ("hop", Case(
            reverse("workforce:extracts") + "?organisation=abc", {},
            "Choose organisation from the list", "id_organisation", method="get")),
        "audit trail: event not understood": ("admin", Case(
            reverse("audit:list") + "?action=nonsense&q=grant", {}, "Choose event from the list",
            "id_action", kept=['value="grant"'], method="get")),
        "audit trail: search too long": ("admin", Case(
            reverse("audit:list") + "?q=" + "x" * 201, {},
            "Search must be 200 characters or fewer", "id_q", method="get")),
        "accounts: page not a number": ("admin", Case(
            reverse("access:accounts") + "?page=zero&q=example", {},
            "The page number must be a whole number", "", kept=['value="example"'],
            method="get")),
        "capability on a date that does not exist": ("staff", Case(
            reverse("assessments:person", args=[w.people.a_staff1.pk]) + "?on=2025-13-45", {},
            "Show capability on a past date", "id_on_0", method="get")),
    }


FILTER_CASES = ("people: grade not understood", "people: page not a number",
                "organisations: type not understood", "vacancies: unknown organisation",
                "moves: state not understood", "nine-box: grade not understood",
                "nine-box: box out of range", "cross-government grid: unknown year",
                "bench: skill not understood", "HR extracts: unknown organisation",
                "capability on a date that does not exist", "audit trail: event not understood",
                "audit trail: search too long", "accounts: page not a number")


@pytest.mark.parametrize("case", FILTER_CASES)
def test_a_filter_that_is_not_understood_is_reported(case, world, make_account,
                                                      web_client):  # noqa: ANN001
    who, bad = _filters(world)[case]
    client = web_client(_account(who, world, make_account))
    page = _check_error_page(client.get(bad.url), bad)
    for pattern in bad.kept:
        assert re.search(pattern, page, re.S), f"{pattern!r} is not on the page"


def test_the_audit_download_refuses_a_filter_it_does_not_understand(
        world, make_account, web_client):  # noqa: ANN001
    admin = web_client(_account("admin", world, make_account))
    response = admin.get(reverse("audit:export") + "?action=nonsense")
    assert response.status_code == 400
    assert "Choose event from the list" in response.content.decode()


def test_the_people_download_refuses_a_filter_it_does_not_understand(
        world, make_account, web_client):  # noqa: ANN001
    hop = web_client(_account("hop", world, make_account))
    response = hop.get(reverse("people:export") + "?grade=nonsense")
    assert response.status_code == 400
    assert "Grade" in response.content.decode()
