"""A vacancy's required skill levels are explained where they are chosen and shown
(issue 12, point 5)."""

from __future__ import annotations

from html import unescape

from django.urls import reverse

from cadre.framework.models import SkillLevel
from cadre.mobility.tests.mobility_setup import draft_vacancy, mob  # noqa: F401


def test_vacancy_form_and_page_explain_the_skill_levels(mob, web_client) -> None:  # noqa: ANN001, F811
    for level in mob.levels:
        SkillLevel.objects.filter(pk=level.pk).update(description=f"Meaning of {level.name}")
    web = web_client(mob.a_hop)
    form = unescape(web.get(reverse("mobility:vacancy-create")
                            + f"?role_level={mob.role_level.pk}").content.decode())
    vacancy = draft_vacancy(mob)
    page = unescape(web.get(reverse("mobility:vacancy", args=[vacancy.pk])).content.decode())
    for html in (form, page):
        assert "What the skill levels mean" in html
        for level in mob.levels:
            assert f"Meaning of {level.name}" in html
