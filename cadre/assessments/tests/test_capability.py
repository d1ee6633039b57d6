"""Capability: the assessment round, the level that counts, gaps, team view and privacy."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access.roles import Role
from cadre.assessments import selectors, services
from cadre.assessments.models import AssessmentRound, SkillAssessment, Source
from cadre.framework.models import Framework, RoleLevel, SkillLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(default_framework) -> Framework:  # noqa: ANN001
    return default_framework


@pytest.fixture
def developer(framework) -> RoleLevel:  # noqa: ANN001
    return RoleLevel.objects.get(framework=framework, name="Developer")


def _scale(framework: Framework) -> dict[str, SkillLevel]:
    return {lv.name: lv for lv in framework.levels.all()}


def test_round_from_self_assessment_to_agreement(people, framework, developer, make_account,
                                                 web_client) -> None:  # noqa: ANN001
    staff = make_account(person=people.a_staff1)
    manager = make_account(person=people.a_manager)
    scale = _scale(framework)
    me, boss = web_client(staff), web_client(manager)
    me.post(f"/capability/people/{people.a_staff1.pk}/rounds/new/",
            {"role_level": developer.pk})
    round_ = AssessmentRound.objects.get(person=people.a_staff1)
    items = list(round_.items.all())
    assert len(items) == developer.requirements.count()
    # Submitting with a skill left blank is refused; nothing is recorded.
    me.post(f"/capability/rounds/{round_.pk}/", {"action": "submit"})
    round_.refresh_from_db()
    assert round_.state == "draft" and not SkillAssessment.objects.exists()
    answers = {f"level-{i.pk}": scale["Working"].pk for i in items}
    answers[f"level-{items[0].pk}"] = "0"  # not held
    me.post(f"/capability/rounds/{round_.pk}/", {"action": "submit", **answers})
    round_.refresh_from_db()
    assert round_.state == "submitted" and round_.manager == people.a_manager
    assert SkillAssessment.objects.filter(source=Source.SELF).count() == len(items)
    # The manager sees it waiting, and must say why when changing a level.
    assert round_ in selectors.waiting_for(manager)["to_review"]
    change = {**answers, f"level-{items[1].pk}": scale["Practitioner"].pk}
    boss.post(f"/capability/rounds/{round_.pk}/", {"action": "review", **change})
    round_.refresh_from_db()
    assert round_.state == "submitted"
    change[f"text-{items[1].pk}"] = "Led the API rewrite."
    boss.post(f"/capability/rounds/{round_.pk}/", {"action": "review", **change})
    round_.refresh_from_db()
    assert round_.state == "completed"
    held = selectors.levels_that_count(people.a_staff1)
    assert held[items[1].skill_id].level == "Practitioner"
    assert held[items[1].skill_id].source == Source.MANAGER
    # Final: the person can no longer change it.
    me.post(f"/capability/rounds/{round_.pk}/", {"action": "save", **answers})
    assert SkillAssessment.objects.filter(source=Source.SELF).count() == len(items)


def test_validated_beats_agreed_beats_self_and_history_is_kept(people, framework) -> None:  # noqa: ANN001
    scale = _scale(framework)
    skill = framework.skills.first()
    person = people.a_staff1
    services.record_assessment(actor=None, person=person, skill=skill, level=scale["Expert"],
                               source=Source.SELF, assessed_on=dt.date(2025, 1, 1))
    services.record_assessment(actor=None, person=person, skill=skill, level=scale["Working"],
                               source=Source.MANAGER, assessed_on=dt.date(2025, 6, 1))
    assert selectors.levels_that_count(person)[skill.pk].source == Source.MANAGER
    services.record_assessment(actor=None, person=person, skill=skill,
                               level=scale["Practitioner"], source=Source.VALIDATED,
                               assessed_on=dt.date(2026, 1, 1))
    assert selectors.levels_that_count(person)[skill.pk].level == "Practitioner"
    # On a past date, the record as it stood then.
    assert selectors.levels_that_count(person, dt.date(2025, 3, 1))[skill.pk].level == "Expert"
    assert selectors.levels_that_count(person, dt.date(2025, 7, 1))[skill.pk].level == "Working"
    assert SkillAssessment.objects.filter(person=person).count() == 3


def test_gap_report_and_csv(people, framework, developer, make_account, web_client) -> None:  # noqa: ANN001
    user = make_account(person=people.a_staff1)
    services.set_profile(actor=user, person=people.a_staff1, current_role_level=developer,
                         targets=[])
    first = developer.requirements.select_related("skill", "level").first()
    services.record_assessment(actor=None, person=people.a_staff1, skill=first.skill,
                               level=first.level, source=Source.SELF)
    report = selectors.gap_report(people.a_staff1, developer)
    assert report.analysis.met_count == 1
    assert report.analysis.required_count == developer.requirements.count()
    url = f"/capability/people/{people.a_staff1.pk}/gaps/{developer.pk}/"
    csv = web_client(user).get(url).content.decode("utf-8-sig")
    assert first.skill.name in csv and "required" in csv.splitlines()[0]
    assert web_client(user).get(f"{url}?format=pdf").content.startswith(b"%PDF")
    peer = web_client(make_account(person=people.a_staff2))
    assert peer.get(url).status_code == 404 and peer.get(f"{url}?format=pdf").status_code == 404


def test_profile_allows_three_targets_at_most(people, framework) -> None:  # noqa: ANN001
    from django.core.exceptions import ValidationError

    levels = list(RoleLevel.objects.filter(framework=framework)[:4])
    with pytest.raises(ValidationError):
        services.set_profile(actor=None, person=people.a_staff1, current_role_level=None,
                             targets=levels)


def test_team_matrix(people, framework, developer, make_account, web_client) -> None:  # noqa: ANN001
    manager = make_account(person=people.a_manager)
    for person in (people.a_staff1, people.a_staff2):
        services.set_profile(actor=None, person=person, current_role_level=developer,
                             targets=[])
    page = web_client(manager).get("/capability/team/")
    assert page.status_code == 200
    matrix = page.context["matrix"]
    assert [p.pk for p in matrix.people] == sorted(
        [people.a_staff1.pk, people.a_staff2.pk],
        key=lambda pk: [people.a_staff1, people.a_staff2][
            [people.a_staff1.pk, people.a_staff2.pk].index(pk)].last_name)
    assert matrix.largest_gaps()[0][2] == 2  # both people short of the top skill


class TestWhoSeesCapability:
    def test_allowed(self, people, org_a, make_account, web_client) -> None:  # noqa: ANN001
        url = f"/capability/people/{people.a_staff1.pk}/"
        for user in (make_account(person=people.a_staff1),
                     make_account(person=people.a_manager),
                     make_account(person=people.a_head),
                     make_account(Role.HEAD_OF_PROFESSION, org_a),
                     make_account(Role.CENTRAL_TEAM)):
            assert web_client(user).get(url).status_code == 200

    def test_refused(self, people, org_a, org_b, make_account, web_client, api_client) -> None:  # noqa: ANN001
        url = f"/capability/people/{people.a_staff1.pk}/"
        for user in (make_account(person=people.a_staff2),       # a peer
                     make_account(person=people.a_other),        # another branch
                     make_account(Role.HEAD_OF_PROFESSION, org_b)):
            response = web_client(user).get(url)
            assert response.status_code == 404
            assert response.status_code != 200
        # Roles that never see named capability are refused the page itself (issue 12).
        for user in (make_account(Role.ANALYST), make_account(Role.LEARNING_LEAD, org_a),
                     make_account(Role.PROGRAMME_MANAGER)):
            assert web_client(user).get(url).status_code == 403


def test_development_plan_agreed_by_the_manager(people, framework, developer, make_account,
                                                web_client) -> None:  # noqa: ANN001
    staff = make_account(person=people.a_staff1)
    manager = make_account(person=people.a_manager)
    services.set_profile(actor=staff, person=people.a_staff1, current_role_level=developer,
                         targets=[])
    me, boss = web_client(staff), web_client(manager)
    url = f"/capability/people/{people.a_staff1.pk}/plan/"
    page = me.get(url)
    assert page.context["suggestions"] and page.context["suggestions"][0].kind == "gap"
    assert any(s.kind == "lateral" for s in page.context["suggestions"])
    requirement = developer.requirements.first()
    soon = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    me.post(url, {"action": "objective", "skill": requirement.skill_id,
                  "target_level": requirement.level_id, "target_date": soon})
    plan = selectors.plan_of(people.a_staff1)
    objective = plan.objectives.get()
    me.post(url, {"action": "activity", "objective": objective.pk, "kind": "from_others",
                  "description": "Pair with a senior developer"})
    # A peer cannot agree it; the person cannot agree their own; the manager can.
    me.post(url, {"action": "agree"})
    plan.refresh_from_db()
    assert plan.agreed_at is None
    boss.post(url, {"action": "agree", "note": "Good plan"})
    plan.refresh_from_db()
    assert plan.agreed_at is not None and plan.review_note == "Good plan"
    activity = objective.activities.get()
    boss.post(url, {"action": "status", "activity": activity.pk, "status": "in_progress"})
    activity.refresh_from_db()
    assert activity.status == "in_progress"
    # Changing the plan asks for agreement again.
    me.post(url, {"action": "activity", "objective": objective.pk, "kind": "formal",
                  "description": "Course"})
    plan.refresh_from_db()
    assert plan.agreed_at is None
    # A past target date is refused.
    me.post(url, {"action": "objective", "skill": requirement.skill_id,
                  "target_level": requirement.level_id, "target_date": "2020-01-01"})
    assert plan.objectives.count() == 1


class TestApiAndDownloads:
    def test_api_follows_the_same_scope(self, people, org_b, framework, developer,
                                        make_account, api_client) -> None:  # noqa: ANN001
        services.set_profile(actor=None, person=people.a_staff1,
                             current_role_level=developer, targets=[])
        url = f"/api/v1/capability/{people.a_staff1.pk}/"
        mine = api_client(make_account(person=people.a_staff1)).get(url)
        assert mine.status_code == 200 and mine.json()["gaps"][0]["role_level"] == "Developer"
        assert api_client(make_account(person=people.a_manager)).get(url).status_code == 200
        for outsider in (make_account(person=people.a_staff2),
                         make_account(Role.HEAD_OF_PROFESSION, org_b)):
            assert api_client(outsider).get(url).status_code == 404
        assert api_client(make_account(Role.ANALYST)).get(url).status_code == 403

    def test_rounds_list_is_scoped(self, people, developer, make_account, api_client) -> None:  # noqa: ANN001
        services.start_round(actor=None, person=people.a_staff1, role_level=developer)
        services.start_round(actor=None, person=people.b_staff, role_level=developer)
        rounds = api_client(make_account(person=people.a_manager)).get(
            "/api/v1/assessment-rounds/").json()
        assert [r["person"] for r in rounds["results"]] == [people.a_staff1.pk]

    def test_personal_data_download(self, people, framework, developer, make_account,
                                    web_client) -> None:  # noqa: ANN001
        user = make_account(person=people.a_staff1)
        skill = developer.requirements.first().skill
        services.record_assessment(actor=None, person=people.a_staff1, skill=skill,
                                   level=framework.levels.get(ordinal=2), source=Source.SELF,
                                   evidence="Shipped the service")
        client = web_client(user)
        data = client.get("/capability/my-data/").json()
        assert data["person"]["staff_number"] == "A3"
        assert data["assessments"][0]["evidence"] == "Shipped the service"
        csv = client.get("/capability/my-data/?format=csv").content.decode("utf-8-sig")
        assert "assessments,1.evidence,Shipped the service" in csv
        from cadre.audit.models import AuditEvent

        assert AuditEvent.objects.filter(summary__startswith="Personal data download").count() == 2


def test_evidence_files_are_checked_and_scoped(people, developer, make_account, web_client,
                                               settings, tmp_path) -> None:  # noqa: ANN001
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cadre.assessments.models import EvidenceFile

    settings.MEDIA_ROOT = tmp_path
    user = make_account(person=people.a_staff1)
    round_ = services.start_round(actor=None, person=people.a_staff1, role_level=developer)
    item = round_.items.first()
    client = web_client(user)
    url = f"/capability/rounds/{round_.pk}/"
    client.post(url, {"action": "evidence", "item": item.pk,
                      "file": SimpleUploadedFile("cert.pdf", b"%PDF-1.4 test")})
    client.post(url, {"action": "evidence", "item": item.pk,
                      "file": SimpleUploadedFile("fake.pdf", b"MZ not a pdf")})
    client.post(url, {"action": "evidence", "item": item.pk,
                      "file": SimpleUploadedFile("run.exe", b"MZ")})
    evidence = EvidenceFile.objects.get()
    assert evidence.name == "cert.pdf"
    assert client.get(f"/capability/evidence/{evidence.pk}/").status_code == 200
    manager = web_client(make_account(person=people.a_manager))
    assert manager.get(f"/capability/evidence/{evidence.pk}/").status_code == 200
    peer = web_client(make_account(person=people.a_staff2))
    assert peer.get(f"/capability/evidence/{evidence.pk}/").status_code == 404


def test_round_and_plan_through_the_api(people, framework, developer, make_account,
                                        api_client) -> None:  # noqa: ANN001
    staff = api_client(make_account(person=people.a_staff1))
    boss = api_client(make_account(person=people.a_manager))
    peer = api_client(make_account(person=people.a_staff2))
    base = f"/api/v1/capability/{people.a_staff1.pk}"
    assert staff.put(f"{base}/profile/", {"current_role_level": developer.pk, "targets": []},
                     format="json").json()["current_role_level"] == "Developer"
    assert peer.put(f"{base}/profile/", {"current_role_level": None},
                    format="json").status_code == 404
    started = staff.post(f"{base}/rounds/", {"role_level": developer.pk}, format="json")
    assert started.status_code == 201
    round_ = AssessmentRound.objects.get(pk=started.json()["id"])
    working = framework.levels.get(name="Working").pk
    items = [{"item": i.pk, "level": working} for i in round_.items.all()]
    assert boss.post(f"/api/v1/assessment-rounds/{round_.pk}/items/", {"items": items},
                     format="json").status_code == 409  # nothing submitted yet: a conflict
    done = staff.post(f"/api/v1/assessment-rounds/{round_.pk}/items/",
                      {"items": items, "submit": True}, format="json")
    assert done.json()["state"] == "submitted"
    agreed = boss.post(f"/api/v1/assessment-rounds/{round_.pk}/items/", {"items": items},
                       format="json")
    assert agreed.json()["state"] == "completed"
    skill = developer.requirements.first()
    soon = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    assert staff.post(f"{base}/objectives/", {"skill": skill.skill_id,
                                              "target_level": skill.level_id,
                                              "target_date": soon},
                      format="json").status_code == 201
    assert peer.post(f"{base}/plan/agree/", {}, format="json").status_code == 404
    assert boss.post(f"{base}/plan/agree/", {"note": "ok"},
                     format="json").json()["agreed_at"] is not None
