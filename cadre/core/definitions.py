"""What the service's headline numbers count, and the other words its pages rely on.

One list, shown on the definitions page (``core:definitions``); pages link to an entry
by its ``slug`` (``/definitions#current-staff``) with ``{% definition "current-staff" %}``
from ``cadre_words``. Plain data: no Django models here, so any app's template can link
to it. Our own words throughout.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Definition:
    slug: str
    term: str
    #: The short phrase a page puts after a number ("current staff").
    counts: str
    text: str
    where: str = ""


DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "everyone", "Everyone on record", "people on record",
        "Every person record an organisation holds, whatever their job and whether or not "
        "they are still there. Records of people who have left are kept, with the date "
        "they left.",
        "Head of profession and people lists, when leavers are included."),
    Definition(
        "current-staff", "Current staff", "current staff",
        "People who have not left: no leaving date, or one still to come. This includes "
        "every job and profession, and contractors, consultants and interims as well as "
        "employees.",
        "Workforce statistics (it is the largest of the totals)."),
    Definition(
        "in-the-profession", "In the profession", "current staff in the profession",
        "Current staff whose job title places them in the digital, data and technology "
        "profession, as decided by the job title classifier or by a head of profession "
        "reviewing its suggestion. People whose titles belong to other professions are "
        "not counted.",
        "The workforce picture of an organisation and across government."),
    Definition(
        "capability-profile", "With a capability profile", "people with a capability profile",
        "People who have a current role level recorded against the capability framework "
        "(their capability profile), whatever their job title says. Anyone who has one is "
        "counted, including people who have since left, until the profile is removed.",
        "Skill coverage of an organisation and across government. This count can be "
        "larger than the same organisation's workforce picture, because it does not "
        "depend on the job title and keeps leavers with a profile, and it can be smaller, "
        "because people in the profession need not have a profile yet."),
    Definition(
        "open-to-opportunities", "Open to opportunities", "people open to opportunities",
        "People who have said on their mobility preference that they may be named to "
        "hiring heads of profession. Nobody else is ever named in a list of matches; "
        "they are only counted.",
        "Matches for a vacancy."),
    Definition(
        "hidden-numbers", "Hidden numbers: \"fewer than 5\" and [c]", "",
        "Where a page or file could show a number about fewer than 5 people to someone "
        "who may not see those people by name, the number is replaced. \"fewer than 5\" "
        "means the real number is between 1 and 4. [c] means the number is withheld "
        "although it may be large: it is hidden so that nobody can subtract it from a "
        "total, or from other numbers in its row or column, to work out a small one. "
        "Percentages, costs and changes worked out from a hidden number read [c] too.",
        "Workforce statistics, the workforce picture, skill coverage across government, "
        "succession coverage and workforce plans seen by analysts, and their downloads."),
    Definition(
        "match-score", "Match score", "",
        "How well a person fits a vacancy, in points. Skills give up to 100 points: each "
        "skill asked for has a share (essential skills three times a desirable one); a "
        "skill held at the level asked keeps its whole share, one held below it loses the "
        "part it is short by, and one not held loses the whole share. Grade takes 10 "
        "points off for every grade between the person and the vacancy; location adds up "
        "to 10. So being a level short in many skills can score higher than meeting some "
        "skills and missing others entirely.",
        "Matches for a vacancy, vacancies that fit me, and their downloads."),
    Definition(
        "skill-fit", "Skill fit (succession candidates)", "",
        "The skills part of the match score alone, out of 100, against every skill the "
        "post's role level requires (each counted as essential). Grade and location play "
        "no part in a succession shortlist.",
        "Candidates for a critical post."),
    Definition(
        "nine-box", "Nine-box grid", "",
        "A rating of performance (low, moderate or high) against potential (low, "
        "moderate or high). Each of the nine combinations has a name, such as \"High "
        "performance, moderate potential\"; a calibrated rating replaces the first "
        "rating where there is one.",
        "Appraisal cycles and talent reviews."),
    Definition(
        "whole-people", "Workforce plan figures in whole people", "",
        "A projection works in fractions (10% of 23 people leaving is 2.3), but a plan "
        "is shown in whole people. Each figure is rounded to the nearest whole person, "
        "with halves rounded up (2.5 becomes 3). Because each figure is rounded on its "
        "own, a total can differ by one or two from the sum of the rounded figures "
        "above it.",
        "Workforce plans and their downloads."),
)

BY_SLUG = {d.slug: d for d in DEFINITIONS}
