"""Talent identification and succession: services, pages, API and command line."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.access.roles import Role
from cadre.assessments.models import SkillAssessment
from cadre.audit.models import AuditEvent
from cadre.framework.models import SkillLevel
from cadre.talent import selectors as sel
from cadre.talent import services
from cadre.talent.models import (
    AppraisalCycle,
    CriticalPost,
    PoolMembership,
    Successor,
    TalentPool,
    TalentRating,
)
from cadre.talent.tests.identification_data import talent_records  # noqa: F401
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _objects(records: dict):  # noqa: ANN202
    return (AppraisalCycle.objects.get(pk=records["cycle"]),
            TalentRating.objects.get(pk=records["rating"]),
            TalentPool.objects.get(pk=records["pool"]),
            CriticalPost.objects.get(pk=records["post"]))


def test_rating_rules(talent_records, people, org_b) -> None:  # noqa: ANN001, F811
    cycle, rating, _, _ = _objects(talent_records)
    rate = services.rate
    # The manager's manager may rate too (the whole chain below).
    again = rate(actor=None, rater=people.a_head, cycle=cycle, person=people.a_staff1,
                 performance=2, potential=3)
    assert again.pk == rating.pk and (again.performance, again.potential) == (2, 3)
    bad = [
        dict(rater=people.a_staff2, person=people.a_staff1, performance=2, potential=2),
        dict(rater=people.a_manager, person=people.a_manager, performance=2, potential=2),
        dict(rater=people.a_manager, person=people.a_staff2, performance=4, potential=2),
        dict(rater=people.b_head, person=people.b_staff, performance=2, potential=2),
    ]
    for kwargs in bad:
        with pytest.raises(ValidationError):
            rate(actor=None, cycle=cycle, **kwargs)
    with pytest.raises(ValidationError, match="not open"):
        rate(actor=None, rater=people.a_manager, cycle=cycle, person=people.a_staff2,
             performance=2, potential=2, today=cycle.closes_on + dt.timedelta(days=1))
    assert TalentRating.objects.count() == 1


def test_calibration_keeps_the_line_managers_rating(talent_records, people) -> None:  # noqa: ANN001, F811
    cycle, rating, _, _ = _objects(talent_records)
    with pytest.raises(ValidationError, match="reason"):
        services.calibrate(actor=None, rating=rating, performance=2, potential=3, reason=" ")
    services.calibrate(actor=None, rating=rating, performance=2, potential=3,
                       reason="Evidence from the panel")
    rating.refresh_from_db()
    assert (rating.performance, rating.potential) == (3, 2)
    assert (rating.final_performance, rating.final_potential) == (2, 3)
    event = AuditEvent.objects.filter(target_id=str(rating.pk),
                                      summary__contains="calibrated").get()
    assert event.data["reason"] == "Evidence from the panel"
    with pytest.raises(ValidationError, match="calibrated"):
        services.rate(actor=None, rater=people.a_manager, cycle=cycle, person=people.a_staff1,
                      performance=1, potential=1)
    rated, final = sel.grids(cycle.ratings.all())
    assert rated.count(3, 2) == 1 and final.count(2, 3) == 1


def test_pool_rules(talent_records, people) -> None:  # noqa: ANN001, F811
    _, _, pool, _ = _objects(talent_records)
    with pytest.raises(ValidationError, match="already"):
        services.add_member(actor=None, pool=pool, person=people.a_staff1)
    with pytest.raises(ValidationError, match="another organisation"):
        services.add_member(actor=None, pool=pool, person=people.b_staff)
    with pytest.raises(ValidationError):
        services.create_pool(actor=None, name="ready for scs", organisation=pool.organisation)
    cross = services.create_pool(actor=None, name="SCS band 1 ready for band 2",
                                 organisation=None)
    services.add_member(actor=None, pool=cross, person=people.b_staff)
    membership = PoolMembership.objects.get(pool=pool, person=people.a_staff1)
    with pytest.raises(ValidationError):
        services.add_action(actor=None, membership=membership, description="x", status="bad")
    action = membership.actions.get()
    services.set_action_status(actor=None, action=action, status="done")
    services.remove_member(actor=None, membership=membership)
    assert not PoolMembership.objects.filter(pool=pool).exists()
    assert AuditEvent.objects.filter(summary__contains="removed from talent pool").exists()


def test_succession_rules_and_coverage(talent_records, people, org_a, org_b) -> None:  # noqa: ANN001, F811
    _, _, _, post = _objects(talent_records)
    with pytest.raises(ValidationError, match="already"):
        services.add_successor(actor=None, post=post, person=people.a_staff1, readiness="now")
    with pytest.raises(ValidationError, match="incumbent"):
        services.add_successor(actor=None, post=post, person=people.a_head, readiness="now")
    with pytest.raises(ValidationError):
        services.add_successor(actor=None, post=post, person=people.a_staff2, readiness="soon")
    with pytest.raises(ValidationError, match="why"):
        services.create_critical_post(actor=None, organisation=org_a, title="CTO",
                                      role_level=post.role_level, risk_of_loss="high")
    with pytest.raises(ValidationError, match="incumbent"):
        services.create_critical_post(actor=None, organisation=org_a, title="CTO",
                                      role_level=post.role_level, incumbent=people.b_head)
    services.create_critical_post(actor=None, organisation=org_b, title="Head of data",
                                  role_level=post.role_level)
    with pytest.raises(ValidationError, match="successors"):
        services.update_critical_post(actor=None, post=post, incumbent=people.a_staff1,
                                      risk_of_loss="low")
    services.update_critical_post(actor=None, post=post, incumbent=people.a_other,
                                  risk_of_loss="low")
    post.refresh_from_db()
    assert (post.incumbent, post.risk_of_loss) == (people.a_other, "low")
    rows = {r.organisation: (r.ready_now, r.posts) for r in sel.succession_coverage()}
    assert rows == {org_a.name: (1, 1), org_b.name: (0, 1)}


def test_candidates_are_ranked_by_matching(talent_records, people, make_account) -> None:  # noqa: ANN001, F811
    _, _, _, post = _objects(talent_records)
    top = SkillLevel.objects.get(framework=post.role_level.framework, ordinal=3)
    low = SkillLevel.objects.get(framework=post.role_level.framework, ordinal=1)
    for req in post.role_level.requirements.all():
        SkillAssessment.objects.create(person=people.a_staff2, skill=req.skill, level=top,
                                       source="manager")
        SkillAssessment.objects.create(person=people.a_other, skill=req.skill, level=low,
                                       source="manager")
    hop = make_account(Role.HEAD_OF_PROFESSION, people.a_head.organisation)
    found = sel.candidates(hop, post)
    names = [c.person for c in found]
    assert names[0] == people.a_staff2 and names.index(people.a_other) == 1
    assert people.a_head not in names and people.a_staff1 not in names  # incumbent, successor
    assert people.b_staff not in names  # another organisation: out of the HoP's view
    assert len(found[0].explanation["met"]) == 2
    assert len(found[1].explanation["short"]) == 2


def test_head_of_profession_calibrates_in_the_browser_pages(talent_records, people, org_a,  # noqa: F811
                                                            make_account, web_client) -> None:  # noqa: ANN001
    hop = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    page = hop.get(f"/talent/identification/cycles/{talent_records['cycle']}/?box=6")
    body = page.content.decode()
    assert "High performance, moderate potential: 1" in body and "Astaffone" in body
    response = hop.post(f"/talent/identification/ratings/{talent_records['rating']}/",
                        {"performance": 3, "potential": 3, "reason": ""})
    assert TalentRating.objects.get(pk=talent_records["rating"]).calibrated_at is None
    response = hop.post(f"/talent/identification/ratings/{talent_records['rating']}/",
                        {"performance": 3, "potential": 3, "reason": "Panel agreed"})
    assert response.status_code == 302
    body = hop.get(f"/talent/identification/cycles/{talent_records['cycle']}/").content.decode()
    assert "High performance, high potential: 1" in body and "after calibration" in body
    export = hop.get(f"/talent/identification/cycles/{talent_records['cycle']}/export/")
    assert "Panel agreed" in export.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_line_manager_rates_on_the_team_page(talent_records, people, make_account,  # noqa: F811
                                             web_client) -> None:  # noqa: ANN001
    manager = web_client(make_account(person=people.a_manager))
    response = manager.post("/talent/identification/ratings/", {
        "cycle": talent_records["cycle"], "person": people.a_staff2.pk,
        "performance": 1, "potential": 3})
    assert response.status_code == 302
    rating = TalentRating.objects.get(person=people.a_staff2)
    assert (rating.performance, rating.potential) == (1, 3)
    assert manager.post("/talent/identification/ratings/", {
        "cycle": talent_records["cycle"], "person": people.b_staff.pk,
        "performance": 1, "potential": 3}).status_code == 404


def test_central_grid_covers_senior_grades(talent_records, people, make_account,  # noqa: F811
                                           web_client, api_client) -> None:  # noqa: ANN001
    from tests.factories import GradeFactory

    people.a_staff1.grade = GradeFactory(code="G6", name="Grade 6", rank=7)
    people.a_staff1.save()
    central = web_client(make_account(Role.CENTRAL_TEAM))
    body = central.get("/talent/identification/government/").content.decode()
    assert "High performance, moderate potential: 1" in body and "Astaffone" in body
    body = central.get("/talent/identification/government/?group=SCS").content.decode()
    assert "Astaffone" not in body
    data = api_client(make_account(Role.CENTRAL_TEAM)).get("/api/v1/talent/ninebox/").json()
    g6 = next(g for g in data["groups"] if g["group"] == "G6")
    assert g6["total"] == 1 and g6["boxes"][5]["count"] == 1  # box 6: high performer


def test_coverage_is_suppressed_for_analysts(talent_records, make_account, web_client,  # noqa: F811
                                             api_client) -> None:  # noqa: ANN001
    analyst = make_account(Role.ANALYST)
    body = web_client(analyst).get("/talent/succession/coverage/").content.decode()
    assert "fewer than 5" in body
    data = api_client(analyst).get("/api/v1/succession/coverage/").json()
    assert data["government"]["rows"][0]["ready"] == "fewer than 5"
    central = api_client(make_account(Role.CENTRAL_TEAM)).get(
        "/api/v1/succession/coverage/").json()
    assert central["government"]["rows"][0]["ready"] == 1
    assert central["government"]["totals"]["share"] == 100


def test_api_rejects_bad_input_and_writes_nothing(talent_records, org_a, make_account,  # noqa: F811
                                                  api_client, people) -> None:  # noqa: ANN001
    hop = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    before = (TalentPool.objects.count(), CriticalPost.objects.count(),
              Successor.objects.count())
    r = hop.post("/api/v1/talent/pools/", {"name": "Everyone"}, format="json")
    assert r.status_code == 403  # cross-government pools are for the central team
    r = hop.post("/api/v1/talent/pools/", {"name": "", "organisation": org_a.pk},
                 format="json")
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "name"
    r = hop.post("/api/v1/succession/posts/", {"organisation": org_a.pk, "title": "CTO",
                                               "role_level": 999999}, format="json")
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "role_level"
    r = hop.post(f"/api/v1/succession/posts/{talent_records['post']}/successors/",
                 {"person": people.a_staff1.pk, "readiness": "now"}, format="json")
    assert r.status_code == 400 and "already" in r.json()["errors"][0]["message"]
    r = hop.post(f"/api/v1/talent/ratings/{talent_records['rating']}/calibrate/",
                 {"performance": 5, "potential": 1}, format="json")
    assert r.status_code == 400
    assert {e["field"] for e in r.json()["errors"]} == {"performance", "reason"}
    assert (TalentPool.objects.count(), CriticalPost.objects.count(),
            Successor.objects.count()) == before
    r = hop.post("/api/v1/talent/pools/", {"name": "Data leaders", "organisation": org_a.pk},
                 format="json")
    assert r.status_code == 201
    r = hop.post(f"/api/v1/talent/pools/{r.json()['id']}/members/",
                 {"person": people.a_staff2.pk, "review_on": "2030-01-31"}, format="json")
    assert r.status_code == 201 and r.json()["review_on"] == "2030-01-31"
    r = hop.patch(f"/api/v1/succession/successors/{talent_records['successor']}/",
                  {"readiness": "later"}, format="json")
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "readiness"
    r = hop.patch(f"/api/v1/succession/successors/{talent_records['successor']}/",
                  {"readiness": "1_2_years"}, format="json")
    assert r.status_code == 200 and r.json()["readiness"] == "1_2_years"
    r = hop.patch(f"/api/v1/talent/pool-members/{talent_records['membership']}/",
                  {"review_on": "31/12/2030"}, format="json")
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "review_on"
    r = hop.patch(f"/api/v1/talent/pool-members/{talent_records['membership']}/",
                  {"review_on": "2030-12-31", "note": "On track"}, format="json")
    assert r.status_code == 200 and r.json()["note"] == "On track"
    r = hop.patch(f"/api/v1/talent/pool-actions/{talent_records['action']}/",
                  {"status": "in_progress"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "in_progress"
    assert hop.delete(f"/api/v1/succession/successors/{talent_records['successor']}/"
                      ).status_code == 204
    r = hop.patch(f"/api/v1/succession/posts/{talent_records['post']}/",
                  {"incumbent": None, "risk_of_loss": "high", "risk_reason": ""}, format="json")
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "risk_reason"
    r = hop.patch(f"/api/v1/succession/posts/{talent_records['post']}/",
                  {"incumbent": None, "risk_of_loss": "medium"}, format="json")
    assert r.status_code == 200 and r.json()["incumbent"] is None
    assert not Successor.objects.filter(pk=talent_records["successor"]).exists()
    manager = api_client(make_account(person=people.a_manager))
    r = manager.post("/api/v1/talent/ratings/", {"cycle": talent_records["cycle"],
                                                 "person": people.a_staff2.pk,
                                                 "performance": 2, "potential": 2},
                     format="json")
    assert r.status_code == 201


def test_command_line(talent_records, people, org_a, tmp_path, keep_connection_open) -> None:  # noqa: ANN001, F811
    out = io.StringIO()
    call_command("talent_pools", "create", "--name", "G6 and G7 ready for SCS",
                 "--organisation", org_a.abbreviation, stdout=out)
    pool = TalentPool.objects.get(name="G6 and G7 ready for SCS")
    call_command("talent_pools", "add", "--pool", str(pool.pk), "--person",
                 f"{org_a.abbreviation}/{people.a_staff2.staff_number}",
                 "--review-on", "31/03/2027", stdout=out)
    call_command("talent_pools", "action", "--pool", str(pool.pk), "--person",
                 f"{org_a.abbreviation}/{people.a_staff2.staff_number}",
                 "--description", "Shadow a director", stdout=out)
    target = tmp_path / "pool.csv"
    call_command("talent_pools", "export", "--pool", str(pool.pk), "-o", str(target),
                 stdout=out, stderr=io.StringIO())
    assert people.a_staff2.staff_number in target.read_text()
    with pytest.raises(CommandError):
        call_command("talent_pools", "add", "--pool", str(pool.pk), "--person",
                     f"{OrganisationFactory().abbreviation}/NOPE", stdout=out)
    with pytest.raises(CommandError):
        call_command("talent_pools", "add", "--pool", str(pool.pk), "--person",
                     f"{org_a.abbreviation}/{people.a_staff2.staff_number}",
                     stdout=out, stderr=io.StringIO())
    call_command("talent_succession", "add", "--post", str(talent_records["post"]),
                 "--person", f"{org_a.abbreviation}/{people.a_other.staff_number}",
                 "--readiness", "1_2_years", stdout=out)
    call_command("talent_succession", "readiness", "--post", str(talent_records["post"]),
                 "--person", f"{org_a.abbreviation}/{people.a_other.staff_number}",
                 "--readiness", "now", stdout=out)
    call_command("talent_pools", "review", "--pool", str(pool.pk), "--person",
                 f"{org_a.abbreviation}/{people.a_staff2.staff_number}",
                 "--review-on", "2028-01-31", stdout=out)
    assert pool.memberships.get().review_on == dt.date(2028, 1, 31)
    call_command("talent_pools", "action-status", "--action-id",
                 str(talent_records["action"]), "--status", "done", stdout=out)
    call_command("talent_succession", "update", "--post", str(talent_records["post"]),
                 "--risk", "low", stdout=out)
    assert CriticalPost.objects.get(pk=talent_records["post"]).incumbent is None
    with pytest.raises(CommandError):
        call_command("talent_succession", "update", "--post", str(talent_records["post"]),
                     "--risk", "high", stdout=out, stderr=io.StringIO())
    call_command("talent_succession", "coverage", stdout=out)
    call_command("talent_succession", "candidates", "--post", str(talent_records["post"]),
                 stdout=out)
    call_command("talent_ratings", "grid", "--cycle", str(talent_records["cycle"]),
                 stdout=out)
    text = out.getvalue()
    assert "Across government\t1 of 1 posts (100%)" in text
    assert "High performance, moderate potential\t1" in text
    xlsx = tmp_path / "plans.xlsx"
    call_command("talent_succession", "export", "-o", str(xlsx), stdout=out,
                 stderr=io.StringIO())
    assert xlsx.read_bytes()[:2] == b"PK"


def test_demo_data_loads_over_small_data_and_twice(people) -> None:  # noqa: ANN001
    import random

    from cadre.talent import demo as demo_identification
    from cadre.talent.tests.identification_data import small_role_level

    small_role_level()
    lines = demo_identification.load(actor=None, rng=random.Random(1))
    assert "ratings" in lines[0] and TalentRating.objects.exists()
    assert CriticalPost.objects.count() == 1
    again = demo_identification.load(actor=None, rng=random.Random(1))
    assert "already" in again[0]


def test_heads_of_profession_open_cycles_for_their_organisations_only(  # noqa: ANN201
        talent_records, org_a, org_b, make_account, web_client):  # noqa: ANN001, F811
    hop = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    assert "Year end" in hop.get("/talent/identification/cycles/").content.decode()
    hop.post("/talent/identification/cycles/", {"organisation": org_b.pk, "name": "B",
                                                "opens_on": "2027-01-01",
                                                "closes_on": "2027-02-01"})
    hop.post("/talent/identification/cycles/", {"organisation": org_a.pk, "name": "Late",
                                                "opens_on": "2027-03-01",
                                                "closes_on": "2027-02-01"})
    assert not AppraisalCycle.objects.filter(name__in=["B", "Late"]).exists()
    response = hop.post("/talent/identification/cycles/", {
        "organisation": org_a.pk, "name": "Mid-year", "opens_on": "01/03/2027",
        "closes_on": "2027-04-01"})
    assert response.status_code == 302
    assert AppraisalCycle.objects.get(name="Mid-year").opens_on == dt.date(2027, 3, 1)


def test_head_of_profession_changes_a_post_on_its_page(talent_records, people, org_a,  # noqa: F811
                                                       make_account, web_client) -> None:  # noqa: ANN001
    hop = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    url = f"/talent/succession/{talent_records['post']}/"
    hop.post(url, {"action": "edit", "incumbent": "NOPE", "risk_of_loss": "low"})
    assert CriticalPost.objects.get(pk=talent_records["post"]).risk_of_loss == "high"
    hop.post(url, {"action": "edit", "incumbent": people.a_other.staff_number,
                   "risk_of_loss": "medium", "role_level": talent_records["level"]})
    post = CriticalPost.objects.get(pk=talent_records["post"])
    assert (post.incumbent, post.risk_of_loss) == (people.a_other, "medium")
    assert "Change the post" in hop.get(url).content.decode()


def test_head_of_profession_manages_a_pool_on_its_page(talent_records, people, org_a,  # noqa: F811
                                                       make_account, web_client) -> None:  # noqa: ANN001
    from cadre.talent.models import DevelopmentAction

    hop = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    url = f"/talent/pools/{talent_records['pool']}/"
    m = talent_records["membership"]
    hop.post(url, {"action": "review", "membership": m, "review_on": "2031-01-31",
                   "note": "Ready next year"})
    hop.post(url, {"action": "add-action", "membership": m, "description": "Act up as deputy",
                   "due_on": "not a date"})
    hop.post(url, {"action": "add-action", "membership": m, "description": "Act up as deputy",
                   "due_on": "2030-06-30"})
    hop.post(url, {"action": "action-status", "membership": m,
                   "item": talent_records["action"], "status": "in_progress"})
    membership = PoolMembership.objects.get(pk=m)
    assert (membership.review_on, membership.note) == (dt.date(2031, 1, 31), "Ready next year")
    assert set(membership.actions.values_list("description", "status")) == {
        ("Lead a programme", "in_progress"), ("Act up as deputy", "planned")}
    assert DevelopmentAction.objects.count() == 2
    hop.post(url, {"action": "add", "person": people.b_staff.pk})
    assert not PoolMembership.objects.filter(person=people.b_staff).exists()
    body = hop.get(url).content.decode()
    assert "Act up as deputy" in body and "Astaffone" in body
    export = hop.get(f"{url}export/").content.decode("utf-8-sig")
    assert export.splitlines()[0].startswith("pool,staff_number")
    assert people.a_staff1.staff_number in export
