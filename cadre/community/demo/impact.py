"""Demo data for the impact page (issue 18 point 6).

The networks and mentoring demos create this year's taking part, and ``cadre demo
capability`` gives the demo people agreed skill assessments dated the day it runs. That
alone gives nobody an assessment *before* they started taking part, so every capability
comparison would be empty. This part adds, through the assessments service
(``record_assessment``, audited), an agreed (line manager) assessment dated
``BEFORE_DAYS`` days ago of up to ``SKILLS`` of the skills each person was assessed on,
for this year's participants who have a capability profile and for up to ``PER_STRATUM``
people in each of their strata (role family, grade, organisation type) who did not take
part. The earlier level is today's, or one lower, drawn the same way for both groups:
the demo builds no difference in on purpose. Safe to run twice: a person with an agreed
assessment dated in the window is left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from cadre.assessments import services as assessments
from cadre.assessments.models import SkillAssessment, Source
from cadre.community.selectors import impact as sel
from cadre.framework.models import SkillLevel

BEFORE_DAYS = 340
SKILLS = 3
PER_STRATUM = 8


def load(*, actor: Any, rng: random.Random) -> list[str]:
    today = timezone.localdate()
    on = today - dt.timedelta(days=BEFORE_DAYS)
    year = (sel.participation_years() or [today.year])[0]
    people = sel.demo_candidates(year, per_stratum=PER_STRATUM)
    if not people:
        return ["Impact: nobody took part this year, so no earlier assessments were added."]
    done = set(SkillAssessment.objects.filter(
        person_id__in=people, source__in=sel.AGREED, assessed_on=on)
        .values_list("person_id", flat=True))
    latest: dict[int, list[SkillAssessment]] = {}
    for a in (SkillAssessment.objects.filter(
            person_id__in=[p for p in people if p not in done], source=Source.MANAGER,
            assessed_on__gt=on, level__isnull=False)
            .select_related("person", "skill", "level").order_by("person_id", "skill_id",
                                                                 "-assessed_on")):
        mine = latest.setdefault(a.person_id, [])
        if len(mine) < SKILLS and all(x.skill_id != a.skill_id for x in mine):
            mine.append(a)
    scales = {fw: {lv.ordinal: lv for lv in SkillLevel.objects.filter(framework_id=fw)}
              for fw in {a.level.framework_id for rows in latest.values() for a in rows}}
    added = 0
    for rows in latest.values():
        for a in rows:
            scale = scales[a.level.framework_id]
            earlier = scale.get(a.level.ordinal - rng.choice([0, 0, 1]), a.level)
            assessments.record_assessment(actor=actor, person=a.person, skill=a.skill,
                                          level=earlier, source=Source.MANAGER,
                                          assessed_on=on, evidence="Demo data")
            added += 1
    if not added:
        return ["Impact: earlier assessments already there."]
    return [f"Impact: {added} agreed assessments dated {on:%-d %B %Y} for {len(latest)} "
            f"people (this year's participants and similar people who did not take part), "
            "so capability can be compared before and after."]
