"""Where a skill level is chosen or shown, its meaning is on the page (issue 12, point 5)."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from cadre.assessments import services
from cadre.assessments.models import AssessmentRound
from cadre.core.actor import Actor
from cadre.framework.models import RoleLevel, SkillDescriptor
from cadre.framework.scale import SCALE_MEANINGS

pytestmark = pytest.mark.django_db

SCALE_DETAILS = "What the skill levels mean"


@pytest.fixture
def developer(default_framework) -> RoleLevel:  # noqa: ANN001
    return RoleLevel.objects.get(framework=default_framework, name="Developer")


def _page(client, name: str, *args: int) -> str:  # noqa: ANN001
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "{#" not in html and "{%" not in html  # no template comment leaks onto the page
    return html


def _has_scale(html: str) -> bool:
    return SCALE_DETAILS in html and all(text in html for text in SCALE_MEANINGS.values())


def test_self_assessment_offers_each_level_with_its_meaning_as_a_hint(
        people, developer, make_account, web_client) -> None:  # noqa: ANN001
    staff = make_account(person=people.a_staff1)
    round_ = services.start_round(actor=Actor.for_user(staff), person=people.a_staff1,
                                  role_level=developer)
    item = round_.items.select_related("skill").first()
    # The framework's own text for a skill wins over the scale's general meaning.
    practitioner = developer.framework.levels.get(name="Practitioner")
    SkillDescriptor.objects.create(skill=item.skill, level=practitioner,
                                   description="Own text for this skill at Practitioner")
    html = _page(web_client(staff), "assessments:round", round_.pk)
    assert _has_scale(html)
    radios = html[html.index(f'id="item-{item.pk}"'):]
    radios = radios[:radios.index("</fieldset>")]
    assert f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 ' \
           f'class="govuk-fieldset__heading">{item.skill.name}</h2></legend>' in radios
    for counter, level in enumerate(developer.framework.levels.order_by("ordinal"), start=1):
        hint_id = f"level-{item.pk}-{counter}-hint"
        assert f'aria-describedby="{hint_id}"' in radios
        hint = radios[radios.index(f'id="{hint_id}"'):]
        hint = hint[hint.index(">") + 1:hint.index("</div>")]
        expected = ("Own text for this skill at Practitioner" if level.name == "Practitioner"
                    else SCALE_MEANINGS[level.name])
        assert hint == expected
    assert 'value="0"' in radios and "Not held" in radios


def test_a_radio_answer_is_saved_as_the_select_was(people, developer, make_account,
                                                    web_client) -> None:  # noqa: ANN001
    staff = make_account(person=people.a_staff1)
    round_ = services.start_round(actor=Actor.for_user(staff), person=people.a_staff1,
                                  role_level=developer)
    items = list(round_.items.all())
    working = developer.framework.levels.get(name="Working")
    data = {"action": "save", f"level-{items[0].pk}": str(working.pk),
            f"level-{items[1].pk}": "0"}
    web_client(staff).post(reverse("assessments:round", args=[round_.pk]), data)
    items[0].refresh_from_db()
    items[1].refresh_from_db()
    assert items[0].self_level == working and items[1].answered
    assert items[1].self_level is None
    html = _page(web_client(staff), "assessments:round", round_.pk)
    assert f'id="level-{items[0].pk}-2" name="level-{items[0].pk}" type="radio" ' \
           f'value="{working.pk}" checked' in html
    assert f'id="level-{items[1].pk}-none" name="level-{items[1].pk}" type="radio" ' \
           'value="0" checked' in html


def test_manager_review_and_the_finished_round_explain_the_levels(
        people, developer, make_account, web_client) -> None:  # noqa: ANN001
    staff = make_account(person=people.a_staff1)
    manager = make_account(person=people.a_manager)
    round_ = services.start_round(actor=Actor.for_user(staff), person=people.a_staff1,
                                  role_level=developer)
    working = developer.framework.levels.get(name="Working").pk
    services.save_self_assessment(actor=staff, round_=round_,
                                  levels={i.pk: working for i in round_.items.all()},
                                  evidence={})
    services.transition_round(actor=staff, round_id=round_.pk, action="submit")
    html = _page(web_client(manager), "assessments:round", round_.pk)
    assert _has_scale(html)
    item = round_.items.first()
    assert f'id="level-{item.pk}-2" name="level-{item.pk}" type="radio" value="{working}" ' \
           'checked' in html
    assert "Self-assessed as Working" in html
    assert SCALE_MEANINGS["Expert"] in html
    services.transition_round(actor=Actor.for_user(manager), round_id=round_.pk,
                              action="agree", levels={}, comments={})
    assert AssessmentRound.objects.get(pk=round_.pk).state == "completed"
    assert _has_scale(_page(web_client(staff), "assessments:round", round_.pk))


def test_gaps_profile_plan_and_team_pages_show_the_scale(
        people, developer, make_account, web_client) -> None:  # noqa: ANN001
    staff = make_account(person=people.a_staff1)
    manager = make_account(person=people.a_manager)
    services.set_profile(actor=staff, person=people.a_staff1, current_role_level=developer,
                         targets=[])
    html = _page(web_client(staff), "assessments:person", people.a_staff1.pk)
    assert 'id="gaps-1"' in html and _has_scale(html)
    assert _has_scale(_page(web_client(staff), "assessments:plan", people.a_staff1.pk))
    team = _page(web_client(manager), "assessments:team")
    assert _has_scale(team) and "1: Awareness" in team and "4: Expert" in team


def test_skill_drilldown_shows_the_scale(people, developer, make_account,
                                         web_client) -> None:  # noqa: ANN001
    head = make_account(role="head_of_profession", organisation=people.a_staff1.organisation)
    services.set_profile(actor=head, person=people.a_staff1, current_role_level=developer,
                         targets=[])
    skill = developer.requirements.first().skill
    html = _page(web_client(head), "assessments:skill-drilldown",
                 people.a_staff1.organisation_id, skill.pk)
    assert _has_scale(html)
