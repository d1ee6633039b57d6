"""Demo data for the IT Academy (``cadre demo programmes``).

On the demo government: the IT Academy (Grade 6 and 7) with a prospectus of three
modules mapped to framework skills and levels, run by two providers; a selection round
taken to "decided" (nominations of eligible people in the profession, applications, a
moderated score each, places offered to the best up to the cadre's capacity, the others
declined with feedback); and two interventions for the cadre with attendance and
feedback, one of them below the quality threshold. Safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from cadre.framework.models import Skill, SkillLevel
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Grade
from cadre.programmes.models import Academy, Candidate
from cadre.programmes.selectors import academies as sel
from cadre.programmes.services import academies as services

ACADEMY = "IT Academy"
ROUND = "Demo cadre"
CAPACITY = 10
MODULES = [("Leading technology teams", "Civil Service College"),
           ("Architecture and strategy", "Open University"),
           ("Commercial and supplier management", "Civil Service College")]


def load(*, actor: Any, rng: random.Random) -> list[str]:
    academy = Academy.objects.filter(name=ACADEMY).first()
    if academy is not None and academy.rounds.filter(name=ROUND).exists():
        return [f"{ACADEMY}: demo round already there."]
    grades = list(Grade.objects.filter(code__in=["G6", "G7"]))
    if not grades:
        return [f"{ACADEMY}: no Grade 6 or 7 yet; skipped."]
    if academy is None:
        academy = services.create_academy(
            actor=actor, name=ACADEMY, kind="it", cadre_size=25, grades=grades,
            description="Grade 6 and 7 technology leaders, in cadres of about 25 for two years.")
    framework = default_framework()
    skills = list(Skill.objects.filter(framework=framework).order_by("pk")[:6]) \
        if framework else []
    levels = list(SkillLevel.objects.filter(framework=framework).order_by("ordinal")) \
        if framework else []
    providers = {}
    for i, (title, provider_name) in enumerate(MODULES):
        providers[provider_name] = services.create_provider(actor=actor, name=provider_name)
        if academy.modules.filter(title=title).exists():
            continue
        pairs = [(s, levels[min(len(levels) - 1, 3 + k)])
                 for k, s in enumerate(skills[2 * i:2 * i + 2])] if levels else []
        services.add_module(actor=actor, academy=academy, title=title,
                            provider=providers[provider_name], skills=pairs)
    eligible = list(sel.eligible_people(academy)[:200])
    if len(eligible) < 2:
        return [f"{ACADEMY}: prospectus added; fewer than two eligible people, no round."]
    nominees = rng.sample(eligible, min(len(eligible), CAPACITY + 4))
    start = timezone.localdate().replace(day=1) - dt.timedelta(days=90)
    round_ = services.create_round(actor=actor, academy=academy, name=ROUND, starts_on=start,
                                   capacity=min(CAPACITY, len(nominees) - 1),
                                   criteria=[("Leadership", 2), ("Technical depth", 1),
                                             ("Potential", 1)])
    cands = [services.nominate(actor=actor, round_=round_, person=p,
                               reason="Ready for a bigger role") for p in nominees]
    services.transition_round(actor=actor, round_id=round_.pk, action="open_applications")
    applied = cands[:-1]  # one nominee does not apply
    for c in applied:
        services.transition_candidate(actor=actor, candidate_id=c.pk, action="apply",
                                      statement="I lead a team and want to grow further.")
    services.transition_round(actor=actor, round_id=round_.pk, action="open_scoring")
    scored = []
    for c in applied:
        score = round(rng.uniform(1.5, 4.0), 2)
        services.moderate(actor=actor, candidate=c, score=score, reason="Panel consensus")
        services.transition_candidate(actor=actor, candidate_id=c.pk, action="score")
        scored.append((score, c))
    scored.sort(key=lambda sc: -sc[0])
    for rank, (_, c) in enumerate(scored):
        offer = rank < round_.cadre.capacity
        services.transition_candidate(
            actor=actor, candidate_id=c.pk, action="offer" if offer else "decline",
            feedback="Strong evidence against the criteria." if offer else
            "Good application; others scored higher. Please apply again.")
    services.transition_round(actor=actor, round_id=round_.pk, action="decide")
    cadre = round_.cadre
    members = [m.person for m in cadre.memberships.select_related("person")]
    held = start + dt.timedelta(days=30)
    good = services.add_intervention(actor=actor, cadre=cadre, kind="masterclass",
                                     provider=providers["Open University"],
                                     title="Architecture masterclass", held_on=held,
                                     cost="4500.00", module=academy.modules.filter(
                                         title="Architecture and strategy").first())
    weak = services.add_intervention(actor=actor, cadre=cadre, kind="session",
                                     provider=providers["Civil Service College"],
                                     title="Supplier management session", held_on=held,
                                     cost="900.00")
    for person in members:
        for intervention, low, high in ((good, 4, 5), (weak, 1, 4)):
            services.record_attendance(actor=actor, intervention=intervention, person=person)
            services.give_feedback(actor=actor, intervention=intervention, person=person,
                                   score=rng.randint(low, high), comment="")
    offered = Candidate.objects.filter(round=round_, state=Candidate.State.OFFERED).count()
    return [f"{ACADEMY}: prospectus of {academy.modules.count()} modules; round '{ROUND}' "
            f"decided with {len(cands)} nominations and {offered} places offered; "
            f"2 interventions with feedback."]
