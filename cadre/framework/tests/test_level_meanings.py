"""What skill levels mean (issue 12, point 5): the scale is described as data, the
published per-skill texts are kept on import, and role level pages never show "–"."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse

from cadre.framework.ddat_csv import SKILL_LEVELS, parse_ddat
from cadre.framework.documents import ddat_document
from cadre.framework.models import RoleLevel, Skill, SkillDescriptor, SkillLevel
from cadre.framework.scale import SCALE_MEANINGS
from cadre.framework.services import import_document
from cadre.framework.tests.ddat_files import published_files

pytestmark = pytest.mark.django_db

#: A "what it looks like" cell that says nothing: empty, or only a dash of any kind.
EMPTY_CELL = re.compile(r"^\s*[-–—]?\s*$")


def _cells(html: str, table_id: str, column: int) -> list[str]:
    """The text of one column of a table, body rows only."""
    table = html[html.index(f'id="{table_id}"'):]
    body = table[table.index("<tbody"):table.index("</tbody>")]
    cells = []
    for row in re.findall(r"<tr\b.*?</tr>", body, re.S):
        tds = re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", row, re.S)
        if len(tds) > column:
            cells.append(" ".join(unescape(re.sub(r"<[^>]+>", " ", tds[column])).split()))
    return cells


def test_the_embedded_scale_is_stored_in_cadres_words(default_framework) -> None:  # noqa: ANN001
    scale = list(default_framework.levels.order_by("ordinal"))
    assert [lv.name for lv in scale] == list(SKILL_LEVELS)
    assert [lv.description for lv in scale] == [SCALE_MEANINGS[n] for n in SKILL_LEVELS]
    assert all(len(lv.description) > 40 for lv in scale)


def test_loading_defaults_again_describes_a_scale_stored_without_meanings(
        default_framework) -> None:  # noqa: ANN001
    SkillLevel.objects.filter(framework=default_framework).update(description="")
    out = io.StringIO()
    call_command("defaults_framework", stdout=out)
    assert "Described 4 skill levels" in out.getvalue()
    assert not SkillLevel.objects.filter(framework=default_framework, description="").exists()
    # A meaning someone has written is never overwritten.
    SkillLevel.objects.filter(framework=default_framework, name="Expert").update(
        description="Our own words")
    call_command("defaults_framework", stdout=io.StringIO())
    assert default_framework.levels.get(name="Expert").description == "Our own words"


def test_the_framework_home_defines_the_scale(default_framework, make_account,
                                              web_client) -> None:  # noqa: ANN001
    html = web_client(make_account()).get(reverse("framework:home")).content.decode()
    assert 'id="skill-levels"' in html
    for ordinal, name in enumerate(SKILL_LEVELS, start=1):
        assert f'id="skill-level-{ordinal}"' in html
        assert SCALE_MEANINGS[name] in unescape(html)


def test_no_role_level_page_says_dash_for_what_it_looks_like(
        default_framework, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account())
    levels = list(RoleLevel.objects.filter(framework=default_framework)
                  .filter(requirements__isnull=False).distinct().order_by("pk"))
    assert len(levels) > 150
    for level in levels[::10]:  # every tenth of the ~200 pages keeps the test quick
        html = client.get(reverse("framework:role-level", args=[level.pk])).content.decode()
        looks_like = _cells(html, "requirements", 2)
        assert looks_like and not [c for c in looks_like if EMPTY_CELL.match(c)], level
        # The embedded framework has no per-skill texts: each row gives the level's meaning.
        needed = _cells(html, "requirements", 1)
        for name, text in zip(needed, looks_like, strict=True):
            assert SCALE_MEANINGS[name] in text
        assert "What the skill levels mean" in html


def test_a_level_without_any_text_says_so_in_words(default_framework, make_account,
                                                   web_client) -> None:  # noqa: ANN001
    SkillLevel.objects.filter(framework=default_framework).update(description="")
    level = RoleLevel.objects.filter(framework=default_framework,
                                     requirements__isnull=False).first()
    html = web_client(make_account()).get(
        reverse("framework:role-level", args=[level.pk])).content.decode()
    looks_like = _cells(html, "requirements", 2)
    assert looks_like and all(c.startswith("Not described for this skill") for c in looks_like)


@pytest.fixture(scope="module")
def published_document() -> dict:
    roles, skills = published_files()
    return ddat_document(parse_ddat(roles, skills), name="UK framework (published)",
                         version="2025 test")


def test_an_imported_published_framework_shows_its_own_level_texts(
        published_document, make_account, web_client) -> None:  # noqa: ANN001
    framework = import_document(actor=None, document=published_document)
    assert [lv.description for lv in framework.levels.order_by("ordinal")] == [
        SCALE_MEANINGS[n] for n in SKILL_LEVELS]
    accessibility = Skill.objects.get(framework=framework, name="Accessibility")
    published = {d.level.name: d.description for d in
                 SkillDescriptor.objects.filter(skill=accessibility).select_related("level")}
    assert set(published) == set(SKILL_LEVELS)
    assert published["Awareness"].startswith("You can:\n- understand accessibility")
    client = web_client(make_account())

    skill_page = unescape(client.get(reverse("framework:skill", args=[accessibility.pk]))
                          .content.decode())
    for text in published.values():
        assert text in skill_page

    requirement = accessibility.requirements.select_related("role_level", "level").first()
    html = client.get(reverse("framework:role-level", args=[requirement.role_level.pk]))
    row = next(c for c in _cells(html.content.decode(), "requirements", 2)
               if c.startswith("You can:") and "accessib" in c)
    assert " ".join(published[requirement.level.name].split()) == row
    # Every row of every role level of the imported framework has words in it.
    for level in RoleLevel.objects.filter(framework=framework).order_by("pk")[::20]:
        cells = _cells(client.get(reverse("framework:role-level", args=[level.pk]))
                       .content.decode(), "requirements", 2)
        assert not [c for c in cells if EMPTY_CELL.match(c)], level


def test_role_profile_lists_what_each_needed_level_means(default_framework, make_account,
                                                         web_client) -> None:  # noqa: ANN001
    level = RoleLevel.objects.filter(framework=default_framework,
                                     requirements__level__name="Practitioner").first()
    html = unescape(web_client(make_account()).get(
        reverse("framework:role-profile", args=[level.pk])).content.decode())
    assert SCALE_MEANINGS["Practitioner"] in html
    assert "What the skill levels mean" in html
