"""The milestone date reader: every published form, the documented rules, and random
phrases generated with the dates they mean worked out by a plain reference."""

from __future__ import annotations

import calendar
import datetime as dt
import random

import pytest

from cadre.strategy import milestone_dates as md

D = dt.date


@pytest.mark.parametrize(("text", "kind", "start", "end"), [
    ("late 2011", md.RANGE, D(2011, 9, 1), D(2011, 12, 31)),
    ("Summer 2012", md.RANGE, D(2012, 6, 1), D(2012, 8, 31)),
    ("Dec 2011", md.RANGE, D(2011, 12, 1), D(2011, 12, 31)),
    ("by March 2012", md.DUE, None, D(2012, 3, 31)),
    ("September-November 2012", md.RANGE, D(2012, 9, 1), D(2012, 11, 30)),
    ("January 2013-December 2014", md.RANGE, D(2013, 1, 1), D(2014, 12, 31)),
    ("October 2011 – February 2012", md.RANGE, D(2011, 10, 1), D(2012, 2, 29)),
    ("ongoing", md.ONGOING, None, None),
    ("by end 2011", md.DUE, None, D(2011, 12, 31)),
    ("from May 2012", md.FROM, D(2012, 5, 1), None),
    ("from the summer of 2012", md.FROM, D(2012, 6, 1), None),
    ("autumn 2012", md.RANGE, D(2012, 9, 1), D(2012, 11, 30)),
    ("July – December 2012", md.RANGE, D(2012, 7, 1), D(2012, 12, 31)),
    ("June 2012", md.RANGE, D(2012, 6, 1), D(2012, 6, 30)),
    ("by summer 2012", md.DUE, None, D(2012, 8, 31)),
    ("winter 2012", md.RANGE, D(2012, 12, 1), D(2013, 2, 28)),
    ("November-February 2013", md.RANGE, D(2012, 11, 1), D(2013, 2, 28)),
    ("31 March 2012", md.DUE, None, D(2012, 3, 31)),
    ("2012-03-31", md.DUE, None, D(2012, 3, 31)),
    ("Q3 2012", md.RANGE, D(2012, 7, 1), D(2012, 9, 30)),
    ("early 2013", md.RANGE, D(2013, 1, 1), D(2013, 4, 30)),
    ("mid-2013", md.RANGE, D(2013, 5, 1), D(2013, 8, 31)),
    ("by the end of 2013", md.DUE, None, D(2013, 12, 31)),
    ("between March 2012 and May 2012", md.RANGE, D(2012, 3, 1), D(2012, 5, 31)),
    ("in 2012", md.RANGE, D(2012, 1, 1), D(2012, 12, 31)),
    ("  Sept. 2012 ", md.RANGE, D(2012, 9, 1), D(2012, 9, 30)),
])
def test_each_written_form(text: str, kind: str, start: D | None, end: D | None) -> None:
    read = md.parse(text)
    assert (read.kind, read.start, read.end) == (kind, start, end), read
    assert read.read and read.text == text


@pytest.mark.parametrize("text", ["", "soon", "when the stars align", "March",
                                  "December 2012 - January 2012", "31 February 2012",
                                  "June 3012", "summer", "by next week"])
def test_what_it_cannot_read_is_unread_with_a_reason(text: str) -> None:
    read = md.parse(text)
    assert read.kind == md.UNREAD and not read.read and read.problem
    assert read.start is None and read.end is None and read.due is None


def test_due_is_the_last_day_of_a_range_or_the_due_date() -> None:
    assert md.parse("June 2012").due == D(2012, 6, 30)
    assert md.parse("by June 2012").due == D(2012, 6, 30)
    assert md.parse("from June 2012").due is None
    assert md.parse("ongoing").due is None


@pytest.mark.parametrize(("text", "title", "date_text"), [
    ("Full Framework published – Summer 2012", "Full Framework published", "Summer 2012"),
    ("Implement for current cadre from May 2012", "Implement for current cadre",
     "from May 2012"),
    ("Proof of concept July – December 2012", "Proof of concept", "July – December 2012"),
    ("October 2011 – February 2012 stakeholder engagement", "Stakeholder engagement",
     "October 2011 – February 2012"),
    ("First IT Academy cadre (c. 25 members) January 2013-December 2014",
     "First IT Academy cadre (c. 25 members)", "January 2013-December 2014"),
    ("Implementation plan based on data, by April 2012", "Implementation plan based on data",
     "by April 2012"),
    ("Recruitment from the summer of 2012 into one scheme.",
     "Recruitment from the summer of 2012 into one scheme.", "from the summer of 2012"),
    ("Communication with other workstreams – ongoing", "Communication with other workstreams",
     "ongoing"),
    ("A networks strategy – when the stars align", "A networks strategy",
     "when the stars align"),
    ("A title with no date at all", "A title with no date at all", ""),
])
def test_split_separates_the_title_from_the_date(text: str, title: str, date_text: str) -> None:
    parts = md.split(text)
    assert (parts.title, parts.date_text) == (title, date_text)
    assert parts.date.read == (date_text not in ("", "when the stars align"))


# -- random phrases against a plain reference ------------------------------------------

MONTH_NAMES = list(calendar.month_name)[1:]
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}


def _last(year: int, month: int) -> D:
    return D(year, month, calendar.monthrange(year, month)[1])


def _phrase(rng: random.Random) -> tuple[str, str, D | None, D | None]:
    """A random phrase and (kind, start, end) worked out independently of the reader."""
    year = rng.randint(2000, 2030)
    month = rng.randint(1, 12)
    name = rng.choice([MONTH_NAMES[month - 1], MONTH_NAMES[month - 1][:3]])
    name = rng.choice([name, name.upper(), name.lower()])
    form = rng.choice(["month", "by", "from", "range", "season", "late", "end", "span"])
    if form == "month":
        return f"{name} {year}", md.RANGE, D(year, month, 1), _last(year, month)
    if form == "by":
        return f"by {name} {year}", md.DUE, None, _last(year, month)
    if form == "from":
        return f"from {name} {year}", md.FROM, D(year, month, 1), None
    if form == "range":
        other = rng.randint(month, 12)
        dash = rng.choice(["-", " - ", " – ", "–", " to "])
        return (f"{name}{dash}{MONTH_NAMES[other - 1]} {year}", md.RANGE, D(year, month, 1),
                _last(year, other))
    if form == "span":
        later = year + rng.randint(1, 3)
        other = rng.randint(1, 12)
        return (f"{name} {year} – {MONTH_NAMES[other - 1]} {later}", md.RANGE,
                D(year, month, 1), _last(later, other))
    if form == "season":
        season = rng.choice(list(SEASONS))
        first, last = SEASONS[season]
        if rng.random() < 0.5:
            return f"by {season} {year}", md.DUE, None, _last(year, last)
        return f"{season.title()} {year}", md.RANGE, D(year, first, 1), _last(year, last)
    if form == "late":
        return f"late {year}", md.RANGE, D(year, 9, 1), D(year, 12, 31)
    return f"by end {year}", md.DUE, None, D(year, 12, 31)


def test_random_phrases_match_the_reference() -> None:
    rng = random.Random(19)
    for _ in range(2000):
        text, kind, start, end = _phrase(rng)
        read = md.parse(text)
        assert (read.kind, read.start, read.end) == (kind, start, end), text
        title = f"Milestone {rng.randint(1, 99)}"
        parts = md.split(f"{title} – {text}")
        assert parts.title == title and (parts.date.start, parts.date.end) == (start, end), text
