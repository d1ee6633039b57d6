"""Issue 12 in the talent apps: succession scores explained beside them, nine-box ratings in
words, spreadsheet downloads in ODS with names from titles."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.assessments.models import SkillAssessment
from cadre.audit.models import AuditEvent
from cadre.core.tabular import read_ods_values
from cadre.framework.models import SkillLevel
from cadre.talent import selectors as sel
from cadre.talent.models import CriticalPost
from cadre.talent.tests.identification_data import talent_records  # noqa: F401

pytestmark = pytest.mark.django_db


def test_succession_candidates_show_skill_fit_and_what_it_is_made_of(
        talent_records, people, make_account, web_client) -> None:  # noqa: ANN001, F811
    post = CriticalPost.objects.get(pk=talent_records["post"])
    working = SkillLevel.objects.get(framework=post.role_level.framework, ordinal=2)
    first = post.role_level.requirements.order_by("skill__name").first()
    SkillAssessment.objects.create(person=people.a_staff2, skill=first.skill, level=working,
                                   source="manager")
    hop = make_account(Role.HEAD_OF_PROFESSION, people.a_head.organisation)
    found = {c.person: c for c in sel.candidates(hop, post)}
    candidate = found[people.a_staff2]
    # Two skills at level 3: one a level short keeps two thirds of its half; the other is
    # not held. No grade or location points in a succession shortlist.
    assert candidate.score == pytest.approx(33.3, abs=0.05)
    assert candidate.words == ("33.3 = 33.3 of 100 points for skills (0 skills met, 1 held "
                               "below the level asked, 1 not held).")
    page = web_client(hop).get(f"/talent/succession/{post.pk}/").content.decode()
    assert "Skill fit (out of 100)" in page and candidate.words in page
    assert 'id="how-ranked"' in page and "/definitions#skill-fit" in page


def test_nine_box_pages_and_files_use_words(talent_records, people, org_a, make_account,  # noqa: F811
                                           web_client) -> None:  # noqa: ANN001
    hop = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    page = hop.get(f"/talent/identification/cycles/{talent_records['cycle']}/").content.decode()
    assert "High performance, moderate potential: 1" in page
    assert "Moderate performance" in page and "High potential" in page
    assert " / " not in page[page.index('id="ninebox"'):]  # no "3 / 2"
    ods = hop.get(f"/talent/identification/cycles/{talent_records['cycle']}/export/?format=ods")
    assert ods.status_code == 200
    assert 'filename="nine-box-ratings-year-end.ods"' in ods["Content-Disposition"]
    grid = read_ods_values(ods.content)
    row = dict(zip(grid[0], grid[1], strict=False))
    assert row["box"] == "High performance, moderate potential"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT,
                                     data__format="ods").exists()
