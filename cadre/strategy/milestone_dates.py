"""Published milestone dates, written as people write them, turned into dates (issue 19).

Plain Python (no Django). :func:`parse` reads a date phrase on its own; :func:`split`
finds the date phrase inside a milestone's text and separates it from the title.

The rules
---------
A *period* is one of these, each covering whole days from its first to its last:

- a month, full or short ("March 2012", "Mar 2012", "Sept 2012"): the month's days;
- a season: spring = March-May, summer = June-August, autumn (or fall) = September-November,
  winter YEAR = December YEAR to February YEAR+1; "the summer of 2012" is "summer 2012";
- a part of a year: early = January-April, mid (or middle) = May-August, late = September-
  December; "end YEAR" (and "the end of YEAR") = December of the year;
- a calendar quarter, "Q1 2012" = January-March ... "Q4 2012" = October-December;
- a day, "31 March 2012" or "2012-03-31";
- a year on its own ("2012") only when it is the whole phrase: January-December.

A phrase is then read as:

- "ongoing" (also "continuous", "throughout"): **ongoing**, no dates;
- "by PERIOD" (also "by the end of", "no later than", "before"): **due** on the period's
  last day ("by March 2012" = due 31 March 2012, "by end 2011" = due 31 December 2011,
  "by summer 2012" = due 31 August 2012);
- "from PERIOD" (also "starting", "starting in", "from the"): **from** the period's first
  day, with no end ("from May 2012" = from 1 May 2012);
- "PERIOD - PERIOD" (a hyphen or dash with or without spaces, "to", "until", "through",
  "between ... and ..."): a **range** from the first period's first day to the second's
  last day. When only the second names a year ("September-November 2012") the first takes
  the same year, or the year before when its month comes after the second's
  ("November-February 2013" = 1 November 2012 to 28 February 2013);
- a period alone (also "in", "during"): a **range** of its days ("June 2012" = 1 to 30 June
  2012, "late 2011" = 1 September to 31 December 2011); a single day is **due** that day.

A range whose end comes before its start, a month or season that does not exist, or text
that matches none of the above is **unread**: the result keeps the text and says why, so
an importer lists it and never drops the milestone.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DUE", "FROM", "KINDS", "ONGOING", "RANGE", "UNREAD", "MilestoneDate", "Split",
           "parse", "split"]

DUE, RANGE, FROM, ONGOING, UNREAD = "due", "range", "from", "ongoing", "unread"
KINDS = (DUE, RANGE, FROM, ONGOING, UNREAD)

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
#: season -> (first month, last month); winter runs into the next year.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
           "winter": (12, 2)}
PARTS = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12), "end": (12, 12)}
QUARTERS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
#: The years read; outside them a phrase is unread.
YEARS = (1900, 2200)

_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november" \
         r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_PART = r"(?:early|mid|middle|late)"
_YEAR = r"(?:1[0-9]{3}|2[0-9]{3})"
_DASH = r"(?:\s*[-\u2010\u2011\u2012\u2013\u2014]\s*|\s+(?:to|until|till|through)\s+)"
#: One period with its year.
_POINT = (rf"(?:[0-9]{{1,2}}\s+{_MONTH}\s+{_YEAR}"
          rf"|{_YEAR}-[0-9]{{2}}-[0-9]{{2}}"
          rf"|{_MONTH}\s+{_YEAR}"
          rf"|(?:the\s+)?{_SEASON}(?:\s+of)?\s+{_YEAR}"
          rf"|{_PART}(?:-|\s+)(?:of\s+)?{_YEAR}"
          rf"|(?:the\s+)?end(?:\s+of)?\s+{_YEAR}"
          rf"|q[1-4]\s+{_YEAR})")
#: The first end of a range, whose year may be left to the second ("September-November").
_OPEN_POINT = rf"(?:{_POINT}|{_MONTH}|(?:the\s+)?{_SEASON})"
_BY = r"(?:by\s+the\s+end\s+of|by\s+end\s+of|no\s+later\s+than|by|before)"
_FROM = r"(?:from|starting\s+in|starting|beginning)"
_IN = r"(?:in|during)"
_ONGOING = r"(?:ongoing|on-going|continuous|throughout)"
_PHRASE = (rf"(?:{_ONGOING}"
           rf"|(?:between\s+)?{_OPEN_POINT}(?:{_DASH}|\s+and\s+){_POINT}"
           rf"|(?:{_BY}|{_FROM}|{_IN})\s+{_POINT}"
           rf"|{_POINT})")
_SEARCH = re.compile(rf"(?<![\w-]){_PHRASE}(?![\w])", re.IGNORECASE)
_DASH_RE = re.compile(_DASH, re.IGNORECASE)
#: Separators between a title and its date ("Title – June 2012", "Title, by April 2012").
_SEPARATORS = " \t,;:-\u2010\u2011\u2012\u2013\u2014("
_TRAILING = " \t,;:-\u2010\u2011\u2012\u2013\u2014.)"


@dataclass(frozen=True)
class MilestoneDate:
    """What a date phrase says: ``kind`` (due, range, from, ongoing or unread), the first
    and last days it covers (``start`` is None for a due date, ``end`` for "from"), the
    text as written and, when unread, why."""

    kind: str
    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    problem: str = ""

    @property
    def read(self) -> bool:
        return self.kind != UNREAD

    @property
    def due(self) -> dt.date | None:
        """The day it is due by: a due date, or the last day of a range."""
        return self.end if self.kind in (DUE, RANGE) else None


@dataclass(frozen=True)
class Split:
    """A milestone's text split into its title and its date phrase (empty when none)."""

    title: str
    date_text: str
    date: MilestoneDate


class _Unread(ValueError):
    pass


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str) -> int:
    year = int(text)
    if not YEARS[0] <= year <= YEARS[1]:
        raise _Unread(f"{year} is outside the years read ({YEARS[0]} to {YEARS[1]}).")
    return year


def _months(first: int, last: int, year: int) -> tuple[dt.date, dt.date]:
    end_year = year + 1 if last < first else year
    return dt.date(year, first, 1), _last_day(end_year, last)


def _point(text: str, *, year: int | None = None, alone: bool = False
           ) -> tuple[dt.date, dt.date, int | None, int | None]:
    """(first day, last day, year written or None, first month) of one period; ``year``
    fills in a period written without one."""
    words = re.sub(r"\s+", " ", text.strip().lower().replace(".", ""))
    words = re.sub(r"^the ", "", words)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", words):
        try:
            day = dt.date.fromisoformat(words)
        except ValueError:
            raise _Unread(f"'{text}' is not a day of the calendar.") from None
        _year(str(day.year))
        return day, day, day.year, day.month
    match = re.fullmatch(r"([0-9]{1,2}) ([a-z]+) ([0-9]{4})", words)
    if match and match.group(2) in MONTHS:
        y, m = _year(match.group(3)), MONTHS[match.group(2)]
        try:
            day = dt.date(y, m, int(match.group(1)))
        except ValueError:
            raise _Unread(f"'{text}' is not a day of the calendar.") from None
        return day, day, y, m
    match = re.fullmatch(r"q([1-4]) ([0-9]{4})", words)
    if match:
        first, last = QUARTERS[int(match.group(1))]
        return (*_months(first, last, _year(match.group(2))), int(match.group(2)), first)
    match = re.fullmatch(r"(?:the )?end(?: of)? ([0-9]{4})", words)
    if match:
        y = _year(match.group(1))
        return dt.date(y, 12, 1), _last_day(y, 12), y, 12
    match = re.fullmatch(r"(early|mid|middle|late)(?:-| )(?:of )?([0-9]{4})", words)
    if match:
        first, last = PARTS[match.group(1)]
        y = _year(match.group(2))
        return (*_months(first, last, y), y, first)
    match = re.fullmatch(r"(spring|summer|autumn|fall|winter)(?: of)?(?: ([0-9]{4}))?", words)
    if match:
        first, last = SEASONS[match.group(1)]
        written = _year(match.group(2)) if match.group(2) else None
        y = written if written is not None else year
        if y is None:
            raise _Unread(f"'{text}' has no year.")
        return (*_months(first, last, y), written, first)
    match = re.fullmatch(r"([a-z]+)(?: ([0-9]{4}))?", words)
    if match and match.group(1) in MONTHS:
        m = MONTHS[match.group(1)]
        written = _year(match.group(2)) if match.group(2) else None
        y = written if written is not None else year
        if y is None:
            raise _Unread(f"'{text}' has no year.")
        return dt.date(y, m, 1), _last_day(y, m), written, m
    if alone and re.fullmatch(r"[0-9]{4}", words):
        y = _year(words)
        return dt.date(y, 1, 1), _last_day(y, 12), y, 1
    raise _Unread(f"'{text}' is not a month, season, part of a year or day.")


def _range(first: str, second: str) -> tuple[dt.date, dt.date]:
    start2, end2, year2, month2 = _point(second)
    if year2 is None:
        raise _Unread(f"'{second}' has no year.")
    try:
        start1, end1, year1, month1 = _point(first)
    except _Unread:
        start1, end1, year1, month1 = _point(first, year=year2)
        if month1 is not None and month2 is not None and month1 > month2:
            start1, end1, _, _ = _point(first, year=year2 - 1)
    if end2 < start1:
        raise _Unread(f"The range ends ({end2:%d %B %Y}) before it starts "
                      f"({start1:%d %B %Y}).")
    return start1, end2


def _read(words: str) -> tuple[str, dt.date | None, dt.date | None]:
    lowered = words.lower()
    if re.fullmatch(_ONGOING, lowered):
        return ONGOING, None, None
    match = re.fullmatch(rf"({_BY})\s+(.+)", words, re.IGNORECASE)
    if match:
        _, end, _, _ = _point(match.group(2), alone=True)
        return DUE, None, end
    match = re.fullmatch(rf"({_FROM})\s+(.+)", words, re.IGNORECASE)
    if match:
        start, _, _, _ = _point(match.group(2), alone=True)
        return FROM, start, None
    match = re.fullmatch(rf"(?:{_IN})\s+(.+)", words, re.IGNORECASE)
    if match:
        words = match.group(1)
    match = re.fullmatch(rf"between\s+({_OPEN_POINT})\s+and\s+({_POINT})", words,
                         re.IGNORECASE) \
        or re.fullmatch(rf"({_OPEN_POINT}){_DASH}({_POINT})", words, re.IGNORECASE)
    if match:
        start, end = _range(match.group(1), match.group(2))
        return RANGE, start, end
    start, end, year, _ = _point(words, alone=True)
    if year is None:
        raise _Unread(f"'{words}' has no year.")
    if start == end:
        return DUE, None, end
    return RANGE, start, end


def parse(text: str) -> MilestoneDate:
    """Read one date phrase (see the module for the rules); never raises."""
    written = str(text or "")
    words = re.sub(r"\s+", " ", written).strip().strip(_TRAILING).strip()
    if not words:
        return MilestoneDate(UNREAD, written, problem="No date was given.")
    try:
        kind, start, end = _read(words)
    except _Unread as exc:
        return MilestoneDate(UNREAD, written, problem=str(exc))
    return MilestoneDate(kind, written, start, end)


def _clean_title(text: str) -> str:
    title = re.sub(r"\s+", " ", text).strip(_SEPARATORS.replace("(", ""))
    title = title.rstrip(_TRAILING.replace(")", "")).strip()
    return title[:1].upper() + title[1:]


def split(text: str) -> Split:
    """Separate a milestone's title from its date phrase.

    The date is the date phrase that ends the text ("Full Framework published – Summer
    2012", "Proof of concept July – December 2012"); else what follows the last spaced
    dash when it reads as a date; else the date phrase that starts the text ("October
    2011 – February 2012 stakeholder engagement"); else the first one inside it (then the
    title is the whole text). With no date phrase at all the title is the whole text, the
    date text is what follows the last spaced dash if it is short, or empty, and the date
    is unread."""
    written = re.sub(r"\s+", " ", str(text or "")).strip()
    head, dash, tail = _rpartition_dash(written)
    found = list(_SEARCH.finditer(written))
    stripped_end = len(written.rstrip(_TRAILING))
    at_end = [m for m in found if m.end() >= stripped_end]
    at_start = [m for m in found if not written[:m.start()].strip(_SEPARATORS)]
    if not at_end and dash and parse(tail).read:
        return Split(_clean_title(head), tail.strip(), parse(tail))
    if found:
        best = (at_end or at_start or found)[0]
        date_text = best.group(0).strip()
        if at_end or at_start:
            title = _clean_title(written[:best.start()] + " " + written[best.end():])
        else:
            title = written
        return Split(title or written, date_text, parse(date_text))
    if dash and 0 < len(tail.strip()) <= 40:
        return Split(_clean_title(head), tail.strip(), parse(tail))
    return Split(written, "", MilestoneDate(UNREAD, "", problem="No date was found in the "
                                                                 "text."))


def _rpartition_dash(text: str) -> tuple[str, str, str]:
    """(before, dash, after) around the last dash with spaces on both sides."""
    matches = list(re.finditer(r"\s[-\u2012\u2013\u2014]\s", text))
    if not matches:
        return text, "", ""
    last = matches[-1]
    return text[:last.start()], last.group(0), text[last.end():]
