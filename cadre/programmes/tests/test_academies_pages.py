"""The central team's academy pages (academies, providers, modules, rounds, criteria,
interventions, attendance) and members' feedback: each saves, names the field in the error
summary when refused, refuses the wrong role and is linked from the academy pages."""

# ruff: noqa: F811 - the academy fixture is imported by name

from __future__ import annotations

import datetime as dt
import re

import pytest

from cadre.access.roles import Role
from cadre.framework.models import Framework, Skill, SkillLevel
from cadre.programmes.models import (
    Academy,
    AcademyModule,
    Attendance,
    Criterion,
    Intervention,
    Membership,
    ModuleSkill,
    Provider,
    SelectionRound,
)
from cadre.programmes.services import academies as services
from cadre.programmes.tests.academies_fixtures import academy  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def central_page(make_account, web_client):  # noqa: ANN001, ANN201
    return web_client(make_account(Role.CENTRAL_TEAM))


@pytest.fixture
def hop_page(make_account, web_client, org_a):  # noqa: ANN001, ANN201
    return web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))


@pytest.fixture
def provider(db):  # noqa: ANN001, ANN201
    return services.create_provider(actor=None, name="Learning Ltd")


@pytest.fixture
def framework(db):  # noqa: ANN001, ANN201
    fw = Framework.objects.create(name="Test framework", version="1", is_default=True)
    levels = [
        SkillLevel.objects.create(framework=fw, name=name, ordinal=n)
        for n, name in enumerate(("Awareness", "Working", "Practitioner", "Expert"), 1)
    ]
    skills = [
        Skill.objects.create(framework=fw, name=name)
        for name in ("Architecture", "Leadership", "Strategy")
    ]
    return fw, skills, levels


def _summary_links(html: str) -> list[str]:
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="#([^"]+)"', summary)


def _refused(html: str, message: str, field_id: str) -> None:
    """The error summary shows ``message`` linking to ``field_id``, a box on the page."""
    assert "govuk-error-summary" in html
    assert message in html
    assert field_id in _summary_links(html)
    assert f'id="{field_id}"' in html


def _no_default_widgets(html: str) -> None:
    assert "---------" not in html
    assert not any("multiple" in tag for tag in re.findall(r"<select[^>]*>", html))


# Academies and providers


def test_create_academy(central_page, hop_page) -> None:  # noqa: ANN001
    from tests.factories import GradeFactory

    g6 = GradeFactory(code="G6", name="Grade 6", rank=7)
    url = "/programmes/academies/new/"
    page = central_page.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    _no_default_widgets(html)
    assert 'type="checkbox"' in html and "Grade 6" in html  # grades: GOV.UK checkboxes
    assert 'type="radio"' in html  # kind: radios
    ok = central_page.post(
        url,
        {
            "name": "CIO Academy",
            "kind": "cio",
            "cadre_size": "10",
            "grades": [g6.pk],
            "description": "For SCS",
        },
    )
    assert ok.status_code == 302
    made = Academy.objects.get(name="CIO Academy")
    assert ok.url == f"/programmes/academies/{made.pk}/"
    assert list(made.eligible_grades.all()) == [g6]
    bad = central_page.post(url, {"name": "Another", "kind": "cio", "cadre_size": "0"})
    assert bad.status_code == 400
    _refused(bad.content.decode(), "Cadre size must be 1 or more", "id_cadre_size")
    dup = central_page.post(url, {"name": "cio academy", "kind": "it", "cadre_size": "5"})
    assert dup.status_code == 400
    _refused(dup.content.decode(), "There is already an academy called cio academy", "id_name")
    assert hop_page.get(url).status_code == 403
    assert hop_page.post(url, {"name": "Mine", "kind": "it", "cadre_size": "5"}).status_code == 403
    assert not Academy.objects.filter(name="Mine").exists()


def test_providers_page(central_page, hop_page, provider) -> None:  # noqa: ANN001
    url = "/programmes/academies/providers/"
    page = central_page.get(url)
    assert page.status_code == 200 and "Learning Ltd" in page.content.decode()
    assert central_page.post(url, {"name": "Open University"}).status_code == 302
    assert Provider.objects.filter(name="Open University").exists()
    dup = central_page.post(url, {"name": "learning ltd"})
    assert dup.status_code == 400
    _refused(dup.content.decode(), "There is already a provider called learning ltd", "id_name")
    long = central_page.post(url, {"name": "x" * 201})
    assert long.status_code == 400
    _refused(
        long.content.decode(), "Provider&#x27;s name must be 200 characters or fewer", "id_name"
    )
    assert hop_page.get(url).status_code == 403
    assert hop_page.post(url, {"name": "Theirs"}).status_code == 403
    assert not Provider.objects.filter(name="Theirs").exists()


# The prospectus


def test_add_module_with_skill_rows(
    academy,
    central_page,
    hop_page,
    provider,
    framework,
) -> None:  # noqa: ANN001
    _, (arch, lead, _strategy), (_aw, working, practitioner, _ex) = framework
    url = f"/programmes/academies/{academy.academy.pk}/modules/new/"
    page = central_page.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    _no_default_widgets(html)
    assert 'id="id_skill_1"' in html and 'id="id_level_6"' in html  # repeated rows
    assert "None chosen" in html
    ok = central_page.post(
        url,
        {
            "title": "Leading digital change",
            "provider": provider.pk,
            "skill_1": arch.pk,
            "level_1": practitioner.pk,
            "skill_3": lead.pk,
            "level_3": working.pk,
        },
    )
    assert ok.status_code == 302
    module = AcademyModule.objects.get(title="Leading digital change")
    assert module.provider == provider
    assert {(ms.skill, ms.level) for ms in ModuleSkill.objects.filter(module=module)} == {
        (arch, practitioner),
        (lead, working),
    }
    detail = central_page.get(f"/programmes/academies/{academy.academy.pk}/").content.decode()
    assert "Architecture (Practitioner)" in detail
    no_level = central_page.post(url, {"title": "Data", "skill_2": arch.pk})
    assert no_level.status_code == 400
    _refused(no_level.content.decode(), "Choose the level of skill 2", "id_level_2")
    twice = central_page.post(
        url,
        {
            "title": "Data",
            "skill_1": arch.pk,
            "level_1": working.pk,
            "skill_2": arch.pk,
            "level_2": working.pk,
        },
    )
    assert twice.status_code == 400
    _refused(
        twice.content.decode(), "Skill 2: Architecture is already in an earlier row", "id_skill_2"
    )
    no_title = central_page.post(url, {"title": "", "skill_1": arch.pk, "level_1": working.pk})
    assert no_title.status_code == 400
    _refused(no_title.content.decode(), "Enter title", "id_title")
    assert AcademyModule.objects.count() == 1
    assert hop_page.get(url).status_code == 403
    assert hop_page.post(url, {"title": "Theirs"}).status_code == 403


# Selection rounds and criteria


def test_create_round(academy, central_page, hop_page) -> None:
    url = f"/programmes/academies/{academy.academy.pk}/rounds/new/"
    page = central_page.get(url)
    assert page.status_code == 200
    assert 'value="25"' in page.content.decode()  # the academy's cadre size
    ok = central_page.post(
        url,
        {
            "name": "2027 cadre",
            "starts_on_0": "1",
            "starts_on_1": "9",
            "starts_on_2": "2027",
            "capacity": "20",
        },
    )
    assert ok.status_code == 302
    round_ = SelectionRound.objects.get(name="2027 cadre")
    assert ok.url == f"/programmes/academies/rounds/{round_.pk}/"
    assert round_.cadre.capacity == 20 and round_.cadre.starts_on == dt.date(2027, 9, 1)
    bad_date = central_page.post(
        url,
        {
            "name": "2028 cadre",
            "starts_on_0": "31",
            "starts_on_1": "2",
            "starts_on_2": "2028",
            "capacity": "20",
        },
    )
    assert bad_date.status_code == 400
    _refused(bad_date.content.decode(), "The cadre starts on must be a real date", "id_starts_on_0")
    dup = central_page.post(
        url,
        {
            "name": "2026 cadre",
            "starts_on_0": "1",
            "starts_on_1": "9",
            "starts_on_2": "2028",
            "capacity": "5",
        },
    )
    assert dup.status_code == 400
    _refused(dup.content.decode(), "already has a round called 2026 cadre", "id_name")
    assert hop_page.get(url).status_code == 403
    assert hop_page.post(url, {"name": "Theirs"}).status_code == 403


def test_add_criterion(academy, central_page, hop_page) -> None:
    url = f"/programmes/academies/rounds/{academy.round.pk}/criteria/new/"
    assert central_page.get(url).status_code == 200
    ok = central_page.post(
        url, {"name": "Delivery", "weight": "3", "description": "Has shipped services"}
    )
    assert ok.status_code == 302
    assert Criterion.objects.get(round=academy.round, name="Delivery").weight == 3
    heavy = central_page.post(url, {"name": "Judgement", "weight": "11"})
    assert heavy.status_code == 400
    _refused(heavy.content.decode(), "Weight must be 10 or less", "id_weight")
    dup = central_page.post(url, {"name": "leadership", "weight": "1"})
    assert dup.status_code == 400
    _refused(dup.content.decode(), "already has a criterion called leadership", "id_name")
    assert hop_page.get(url).status_code == 403
    assert hop_page.post(url, {"name": "Theirs", "weight": "1"}).status_code == 403
    services.transition_round(actor=None, round_id=academy.round.pk, action="open_applications")
    services.transition_round(actor=None, round_id=academy.round.pk, action="open_scoring")
    closed = central_page.get(url)
    assert closed.status_code == 200 and 'id="closed"' in closed.content.decode()
    late = central_page.post(url, {"name": "Late", "weight": "1"})
    assert late.status_code == 400
    assert "Criteria are published before scoring starts." in late.content.decode()
    assert academy.round.criteria.count() == 3


# Interventions, attendance and feedback


def _members(setup, people) -> list:  # noqa: ANN001
    cadre = setup.round.cadre
    for p in (people.a_staff1, people.b_staff):
        Membership.objects.create(
            cadre=cadre, person=p, starts_on=cadre.starts_on, ends_on=cadre.ends_on
        )
    return [people.a_staff1, people.b_staff]


def test_add_intervention(academy, central_page, hop_page, provider) -> None:
    cadre = academy.round.cadre
    url = f"/programmes/academies/cadres/{cadre.pk}/interventions/new/"
    page = central_page.get(url)
    assert page.status_code == 200
    _no_default_widgets(page.content.decode())
    assert "Choose a provider" in page.content.decode()
    data = {
        "title": "Welcome day",
        "kind": "session",
        "provider": provider.pk,
        "held_on_0": "15",
        "held_on_1": "9",
        "held_on_2": "2026",
        "cost": "1500.50",
    }
    assert central_page.post(url, data).status_code == 302
    made = Intervention.objects.get(title="Welcome day")
    assert made.cadre == cadre and str(made.cost) == "1500.50"
    negative = central_page.post(url, {**data, "cost": "-1"})
    assert negative.status_code == 400
    _refused(negative.content.decode(), "Cost in pounds must be 0 or more", "id_cost")
    no_provider = central_page.post(url, {**data, "provider": ""})
    assert no_provider.status_code == 400
    _refused(no_provider.content.decode(), "Choose the provider", "id_provider")
    assert Intervention.objects.count() == 1
    assert hop_page.get(url).status_code == 403
    assert hop_page.post(url, data).status_code == 403


def test_record_attendance_in_one_form(
    academy,
    people,
    central_page,
    hop_page,
    provider,
) -> None:  # noqa: ANN001
    a, b = _members(academy, people)
    cadre = academy.round.cadre
    first = services.add_intervention(
        actor=None,
        cadre=cadre,
        provider=provider,
        kind="session",
        title="Welcome day",
        held_on=dt.date(2026, 9, 15),
    )
    second = services.add_intervention(
        actor=None,
        cadre=cadre,
        provider=provider,
        kind="masterclass",
        title="Strategy",
        held_on=dt.date(2026, 10, 1),
    )
    url = f"/programmes/academies/cadres/{cadre.pk}/attendance/"
    page = central_page.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert a.full_name in html and b.full_name in html
    assert "Welcome day" in html and "Strategy" in html
    assert f'name="i{first.pk}_p{a.pk}"' in html and f'name="i{second.pk}_p{b.pk}"' in html
    ok = central_page.post(
        url,
        {
            f"i{first.pk}_p{a.pk}": "yes",
            f"i{first.pk}_p{b.pk}": "no",
            f"i{second.pk}_p{a.pk}": "yes",
        },
    )
    assert ok.status_code == 302
    got = {(x.intervention_id, x.person_id): x.attended for x in Attendance.objects.all()}
    assert got == {(first.pk, a.pk): True, (first.pk, b.pk): False, (second.pk, a.pk): True}
    again = central_page.get(url).content.decode()
    assert re.search(rf'name="i{first.pk}_p{a.pk}"[^>]*value="yes"[^>]*checked', again)
    # Marked absent after all: their feedback goes with it.
    services.give_feedback(actor=None, intervention=second, person=a, score=2)
    assert central_page.post(url, {f"i{second.pk}_p{a.pk}": "no"}).status_code == 302
    changed = Attendance.objects.get(intervention=second, person=a)
    assert not changed.attended and changed.feedback_score is None
    bad = central_page.post(url, {f"i{first.pk}_p{b.pk}": "maybe"})
    assert bad.status_code == 400
    _refused(
        bad.content.decode(),
        f"{b.full_name} at Welcome day (15 Sep 2026): choose attended or not attended",
        f"id_i{first.pk}_p{b.pk}_1",
    )
    assert Attendance.objects.get(intervention=first, person=b).attended is False
    assert hop_page.get(url).status_code == 403
    assert hop_page.post(url, {f"i{first.pk}_p{b.pk}": "yes"}).status_code == 403
    assert Attendance.objects.get(intervention=first, person=b).attended is False


def test_member_who_attended_gives_feedback(
    academy,
    people,
    make_account,
    web_client,
    provider,
) -> None:  # noqa: ANN001
    a, b = _members(academy, people)
    cadre = academy.round.cadre
    session = services.add_intervention(
        actor=None,
        cadre=cadre,
        provider=provider,
        kind="session",
        title="Welcome day",
        held_on=dt.date(2026, 9, 15),
    )
    services.record_attendance(actor=None, intervention=session, person=a)
    services.record_attendance(actor=None, intervention=session, person=b, attended=False)
    url = f"/programmes/academies/cadres/{cadre.pk}/"
    member = web_client(make_account(person=a))
    page = member.get(url)
    assert page.status_code == 200 and 'id="feedback"' in page.content.decode()
    bad = member.post(url, {"intervention": session.pk, "score": "9"})
    assert bad.status_code == 400
    assert "govuk-error-summary" in bad.content.decode()
    assert "id_score_1" in _summary_links(bad.content.decode())
    ok = member.post(url, {"intervention": session.pk, "score": "4", "comment": "Useful"})
    assert ok.status_code == 302
    assert Attendance.objects.get(intervention=session, person=a).feedback_score == 4
    assert "4 out of 5" in member.get(url).content.decode()
    absent = web_client(make_account(person=b))
    assert 'id="feedback"' not in absent.get(url).content.decode()
    assert absent.post(url, {"intervention": session.pk, "score": "1"}).status_code == 403
    assert Attendance.objects.get(intervention=session, person=b).feedback_score is None


# Links


def test_pages_are_linked_for_the_central_team_only(
    academy,
    central_page,
    hop_page,
) -> None:  # noqa: ANN001
    pages = {
        "/programmes/academies/": [
            "/programmes/academies/new/",
            "/programmes/academies/providers/",
        ],
        f"/programmes/academies/{academy.academy.pk}/": [
            f"/programmes/academies/{academy.academy.pk}/modules/new/",
            f"/programmes/academies/{academy.academy.pk}/rounds/new/",
        ],
        f"/programmes/academies/rounds/{academy.round.pk}/": [
            f"/programmes/academies/rounds/{academy.round.pk}/criteria/new/"
        ],
        f"/programmes/academies/cadres/{academy.round.cadre.pk}/": [
            f"/programmes/academies/cadres/{academy.round.cadre.pk}/interventions/new/",
            f"/programmes/academies/cadres/{academy.round.cadre.pk}/attendance/",
        ],
    }
    for page, links in pages.items():
        central_html = central_page.get(page).content.decode()
        hop_html = hop_page.get(page).content.decode()
        for link in links:
            assert f'href="{link}"' in central_html, (page, link)
            assert f'href="{link}"' not in hop_html, (page, link)
