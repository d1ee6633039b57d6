"""A synthetic public sector for demonstrations and benchmarks (``cadre demo generate``).

``plan_government(people=N, seed=S, levels=...)`` works out, in plain Python, a
government of about N current staff: real departments (those ``cadre
load_defaults`` loads) beside invented agencies, arm's-length bodies, councils,
NHS trusts, police forces and fire services of realistic relative sizes. Each
organisation has directorates, divisions and teams, each headed by someone
senior; line-management spans of 3 to 10; grades that fall as the chain goes
down (so more junior than senior) on the organisation's own grade scheme; about
78% of people in the digital, data and technology profession on the default
framework's role levels that fit their grade, the rest finance, HR, policy,
operations, commercial and communications staff; messy job titles; contractors,
consultants and interims with day rates and suppliers; and manager-agreed skill
assessments near what their level requires.

The year is seen through five quarterly HR extract snapshots (the end of
September 2025, then each quarter end to the end of September 2026): quarterly
because that is how often public bodies report workforce numbers, and a
baseline plus four quarters shows a year of joiners, leavers and changes with 5
rows per person rather than 13. The people table ends as of the last snapshot;
leavers stay with an end date.

Everything is drawn from ``random.Random`` seeded by the seed and the
organisation, over lists in a fixed order, so one seed gives the same
government every time. ``save_government`` writes it in bulk (``bulk_create``,
and plain parameterised INSERTs for the largest tables); it writes no
simple-history rows, since generated records have no past worth keeping, and one
audit event records the run. ``extract_csv`` writes an organisation's last snapshot
as an HR extract file with that organisation's own column headers.
"""

from __future__ import annotations

import csv
import io
import math
import random
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from cadre.core import stamps
from cadre.organisations.reference_data import DEPARTMENTS_CSV, GRADES_CSV

SNAPSHOT_DATES = (date(2025, 9, 30), date(2025, 12, 31), date(2026, 3, 31), date(2026, 6, 30),
                  date(2026, 9, 30))
AS_OF = SNAPSHOT_DATES[-1]
#: Generated staff numbers are "G" and seven digits; no other data uses that form.
STAFF_NUMBER_RE = r"^G[0-9]{7}$"
#: Extracts written by the generator have file names starting with this.
FILENAME_PREFIX = "generated-"

SCHEME_BY_TYPE = {
    "ministerial_department": "civil_service", "non_ministerial_department": "civil_service",
    "agency": "civil_service", "arms_length_body": "civil_service",
    "local_authority": "local_government", "nhs_body": "nhs", "police_force": "police",
    "fire_and_rescue_service": "fire",
}
#: Relative size of an organisation of each type (before noise).
TYPE_WEIGHT = {
    "ministerial_department": 14.0, "non_ministerial_department": 10.0, "agency": 5.0,
    "arms_length_body": 2.0, "local_authority": 1.6, "nhs_body": 1.8, "police_force": 1.2,
    "fire_and_rescue_service": 0.5,
}
#: Share of the organisations of each kind.
TYPE_SHARE = (("department", 0.15), ("agency", 0.10), ("arms_length_body", 0.15),
              ("local_authority", 0.25), ("nhs_body", 0.15), ("police_force", 0.10),
              ("fire_and_rescue_service", 0.10))
#: Departments reused first, largest first.
DEPARTMENTS = ("DWP", "HMRC", "HO", "MOJ", "MOD", "DfE", "DHSC", "DfT", "Defra", "CO", "DSIT",
               "DBT", "MHCLG", "FCDO", "DESNZ", "DCMS", "HMLR", "NCA", "CPS", "UKSA")
AGENCIES = (
    "Rural Payments and Inspections Agency", "Benefits Processing Agency",
    "Public Records Digitisation Agency", "Border Systems Agency",
    "Land and Property Data Agency", "Pensions Administration Agency",
    "Courts Digital Services Agency", "Skills Funding Delivery Agency",
    "Marine Licensing Agency", "Grants Administration Agency", "Fleet and Estates Agency",
    "Licensing and Permits Agency",
)
ARMS_LENGTH_BODIES = (
    "Office for Digital Standards", "National Data Trust Board",
    "Heritage Collections Authority", "Coastal Protection Authority",
    "Energy Efficiency Commission", "Public Health Data Authority", "Student Finance Board",
    "Water Resources Authority", "Housing Standards Board", "Apprenticeship Quality Authority",
    "Tenancy Deposit Authority", "Open Spaces Commission",
)
PLACE_STARTS = ("Ash", "Brack", "Cald", "Dun", "Elm", "Fen", "Gald", "Hart", "Ivy", "Kel",
                "Lang", "Mere", "Nor", "Oak", "Pen", "Rad", "Sel", "Thorn", "Wex", "Yar")
PLACE_ENDS = ("ford", "ley", "bridge", "wick", "ham", "ton", "moor", "shire", "dale", "field")
PLACE_TEMPLATES = {
    "local_authority": ("{} City Council", "{} Borough Council", "{} County Council",
                        "{} District Council"),
    "nhs_body": ("{} Teaching Hospitals NHS Trust", "{} Community Health NHS Trust",
                 "{} and District NHS Foundation Trust", "{} Mental Health NHS Trust"),
    "police_force": ("{} Police", "{} Constabulary"),
    "fire_and_rescue_service": ("{} Fire and Rescue Service",),
}
TYPE_CODE = {"local_authority": "C", "nhs_body": "NHS", "police_force": "POL",
             "fire_and_rescue_service": "FRS"}
HEAD_TITLES = {
    "ministerial_department": "Permanent Secretary",
    "non_ministerial_department": "Chief Executive", "agency": "Chief Executive",
    "arms_length_body": "Chief Executive Officer", "local_authority": "Chief Executive",
    "nhs_body": "Chief Executive", "police_force": "Chief Officer (Police Staff)",
    "fire_and_rescue_service": "Chief Fire Officer",
}
#: The Civil Service rank of an organisation's head, by type.
HEAD_RANK = {"ministerial_department": 11, "non_ministerial_department": 10, "agency": 10,
             "arms_length_body": 9}

LOCATIONS = (("London", "London"), ("Leeds", "Yorkshire and the Humber"),
             ("Manchester", "North West"), ("Newcastle", "North East"),
             ("Glasgow", "Scotland"), ("Cardiff", "Wales"), ("Birmingham", "West Midlands"),
             ("Sheffield", "Yorkshire and the Humber"), ("Bristol", "South West"),
             ("Belfast", "Northern Ireland"), ("Nottingham", "East Midlands"),
             ("Norwich", "East of England"), ("Darlington", "North East"),
             ("Croydon", "London"), ("Swansea", "Wales"), ("Edinburgh", "Scotland"))
FIRST_NAMES = (
    "Aisha", "Ben", "Chloe", "Dev", "Eilidh", "Femi", "Grace", "Hamza", "Isla", "Jack", "Kiran",
    "Leah", "Mohammed", "Niamh", "Owen", "Priya", "Quinn", "Rhys", "Sofia", "Tom", "Usha",
    "Vikram", "Wen", "Yusuf", "Zara", "Ciaran", "Megan", "Olu", "Ruth", "Sam", "Adam", "Beth",
    "Callum", "Daisy", "Ewan", "Fatima", "George", "Hannah", "Imran", "Jade", "Karen", "Liam",
    "Maya", "Nathan", "Olivia", "Paul", "Rachel", "Sean", "Tara", "Uzma", "Victoria", "Will",
    "Yasmin", "Zoe", "Alan", "Bronwen", "Connor", "Deborah", "Emeka", "Fiona", "Gareth",
    "Helen", "Ian", "Joanne", "Kwame", "Lucy", "Martin", "Nadia", "Oscar", "Pooja", "Rob",
    "Sarah", "Tariq", "Amy", "Chris", "Jo", "Lee", "Mark", "Nicola", "Steve",
)
LAST_NAMES = (
    "Ahmed", "Bailey", "Campbell", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal",
    "Jones", "Khan", "Lewis", "Murray", "Nowak", "O'Brien", "Patel", "Reid", "Singh", "Taylor",
    "Walker", "Wright", "Young", "Zhang", "MacLeod", "Okafor", "Price", "Roberts", "Shah",
    "Smith", "Brown", "Wilson", "Thomas", "Johnson", "Robinson", "Thompson", "White", "Hall",
    "Clarke", "Jackson", "Wood", "Harris", "Martin", "Cooper", "Hill", "Ward", "Morris",
    "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
    "Phillips", "Watson", "Begum", "Hussain", "Ali", "Kowalski", "Nguyen", "Mensah", "Adeyemi",
    "Doherty", "Gallagher", "McDonald", "Stewart", "Kaur", "Chowdhury", "Osei", "Byrne",
    "Kelly", "Murphy", "Quinn", "Rees", "Powell", "Jenkins", "Lloyd", "Ellis", "Fox",
)
SUPPLIERS = (
    "Northgate Digital Partners", "Kestrel Technology Services", "Bluefin Consulting",
    "Harbour Lane Associates", "Copperleaf Solutions", "Meridian Talent",
    "Oakridge IT Resourcing", "Pennant Consulting", "Riverstone Digital", "Saltire Systems",
    "Tollgate Professional Services", "Wren and Finch Consulting", "Ashdown Interim",
    "Beacon Resourcing", "Cobalt Street Digital", "Fieldfare Data", "Granite Bay Technology",
    "Lantern Consulting Group", "Quayside Engineering", "Silverbirch Recruitment",
)
#: Profession directorates and the framework role families working in them.
PROFESSION_DIRECTORATES = (
    ("Digital", 0.45, ("Product and delivery", "User-centred design", "Software development",
                       "Quality assurance testing (QAT)")),
    ("Data", 0.20, ("Data",)),
    ("Technology", 0.35, ("IT operations", "Architecture")),
)
ALL_PROFESSION_FAMILIES = tuple(f for _, _, fams in PROFESSION_DIRECTORATES for f in fams)
CHIEF_FAMILY = "Chief digital and data"
#: Other directorates: name, share, function (for job titles).
OTHER_DIRECTORATES = (("Operations", 0.40, "operations"), ("Policy and Strategy", 0.20, "policy"),
                      ("Finance", 0.15, "finance"), ("Human Resources", 0.12, "hr"),
                      ("Commercial", 0.07, "commercial"), ("Communications", 0.06, "comms"))
DIVISIONS = {
    "Digital": ("Platforms", "Citizen Services", "Payments", "Case Management",
                "Digital Channels", "Identity", "Service Design", "Product Delivery"),
    "Data": ("Analytics", "Data Engineering", "Data Science", "Data Governance",
             "Management Information", "Insight"),
    "Technology": ("Infrastructure", "Cyber Security", "Service Management",
                   "End User Computing", "Networks", "Cloud Hosting", "Architecture"),
    "Digital, Data and Technology": ("Digital Services", "Data and Insight", "IT Services"),
    "Operations": ("Casework", "Customer Contact", "Regional Delivery", "Business Support",
                   "Estates"),
    "Policy and Strategy": ("Strategy", "Legislation", "Analysis", "Ministerial Support"),
    "Finance": ("Financial Planning", "Accounts Payable", "Payroll", "Management Accounts"),
    "Human Resources": ("Recruitment", "Employee Relations", "Learning", "HR Operations"),
    "Commercial": ("Procurement", "Contract Management"),
    "Communications": ("Internal Communications", "Press Office", "Campaigns"),
    "Corporate Services": ("Finance and HR", "Business Support", "Governance"),
}
TEAMS = ("North", "South", "East", "West", "Central", "Blue", "Green", "Red", "Amber", "Teal")
#: Job titles of other staff by function and seniority tier (up to EO, HEO-SEO, G7-G6, SCS).
OTHER_TITLES = {
    "operations": (("Administrative Officer", "Caseworker", "Customer Service Adviser",
                    "Business Support Officer", "Data Entry Clerk", "Admin Assistant"),
                   ("Operations Manager", "Team Leader", "Senior Caseworker",
                    "Project Support Officer", "Programme Manager", "Performance Officer"),
                   ("Head of Operations", "Operations Director", "Programme Director"),
                   ("Director of Operations",)),
    "policy": (("Policy Officer", "Correspondence Officer"),
               ("Policy Adviser", "Senior Policy Advisor", "Private Secretary",
                "Information Governance Officer"),
               ("Head of Policy", "Deputy Director Policy", "Strategy Lead"),
               ("Director of Strategy",)),
    "finance": (("Finance Officer", "Accounts Assistant", "Payroll Officer"),
                ("Finance Business Partner", "Management Accountant", "Senior Finance Officer"),
                ("Head of Finance", "Financial Controller"), ("Finance Director",)),
    "hr": (("HR Administrator", "Recruitment Officer", "HR Assistant"),
           ("HR Advisor", "HR Business Partner", "Learning and Development Adviser",
            "Data Protection Officer"),
           ("Head of HR", "Head of Organisational Design"), ("HR Director",)),
    "commercial": (("Procurement Officer", "Contracts Assistant"),
                   ("Commercial Manager", "Category Manager", "Contract Manager (ICT)"),
                   ("Head of Commercial", "Head of Procurement"), ("Commercial Director",)),
    "comms": (("Communications Officer", "Web Editor (Comms)"),
              ("Digital Communications Officer", "Press Officer", "Campaigns Manager"),
              ("Head of Communications",), ("Director of Communications",)),
}
#: Older or local titles for the profession, by role family.
LEGACY_TITLES = {
    "Software development": ("Analyst Programmer", "Web Developer", "Applications Developer",
                             "Systems Developer", "Programmer", ".NET Developer"),
    "IT operations": ("IT Officer", "ICT Support Officer", "IT Technician",
                      "Desktop Support Analyst", "Systems Administrator",
                      "Network Administrator", "IT Support Analyst", "2nd Line Support"),
    "Data": ("Information Analyst", "MI Analyst", "Reporting Analyst", "BI Developer",
             "Database Administrator", "Statistician"),
    "Product and delivery": ("IT Project Manager", "Scrum Master", "Digital Project Manager",
                             "Agile Coach"),
    "User-centred design": ("UX Designer", "UX Researcher", "Digital Content Officer",
                            "Web Designer"),
    "Architecture": ("Systems Architect", "IT Architect", "Design Authority Lead"),
    "Quality assurance testing (QAT)": ("Software Tester", "QA Analyst", "Test Analyst"),
    CHIEF_FAMILY: ("Head of IT", "Director of Digital", "Head of ICT", "IT Director"),
}
SHORT_FORMS = (("Senior ", ("Snr ", "Sr ", "Senior ")), ("Developer", ("Dev", "Developer")),
               ("developer", ("dev", "developer")), ("Manager", ("Mgr", "Manager")),
               ("manager", ("mgr", "manager")), ("engineer", ("eng", "engineer")),
               ("Principal ", ("Prin ", "Principal ")), ("technical", ("tech", "technical")),
               ("Lead ", ("Lead ", "Ld ")), ("analyst", ("analyst", "anlyst")))
#: Civil Service rank -> a typical day rate (GBP) for bought-in people.
DAY_RATE_BY_RANK = {1: 350, 2: 350, 3: 400, 4: 480, 5: 560, 6: 680, 7: 820, 8: 950, 9: 1100,
                    10: 1200, 11: 1200}
#: Typical annual pay (whole pounds) by Civil Service rank, AA (1) to Permanent Secretary
#: (11), for employed people; each person's pay is within 10% of it (``demo_annual_pay``).
PAY_BY_RANK = {1: 23500, 2: 25500, 3: 30500, 4: 37500, 5: 45500, 6: 60000, 7: 72000,
               8: 85000, 9: 105000, 10: 135000, 11: 170000}
EMPLOYMENT_LABELS = {
    "permanent": "Permanent", "fixed_term": "Fixed-term", "contractor": "Contractor",
    "consultant": "Consultant", "interim": "Interim", "apprentice": "Apprentice",
    "fast_streamer": "Fast streamer", "secondee": "Secondee",
}
CONTINGENT = frozenset({"contractor", "consultant", "interim"})
#: Column headers of the extract files, one dialect per organisation. All but "Rate"
#: (left for the person importing to map) are among the headers Cadre recognises.
EXTRACT_DIALECTS = (
    {"staff_number": "Employee Number", "first_name": "Forename", "last_name": "Surname",
     "email": "Email", "job_title": "Job Title", "grade": "Pay Band", "unit": "Organisational Unit",
     "location": "Work Location", "employment_type": "Contract Type",
     "start_date": "Start Date", "line_manager_staff_number": "Line Manager Number",
     "day_rate": "Day Rate", "supplier": "Supplier", "annual_pay": "Annual Salary",
     "_dates": "dmy"},
    {"staff_number": "Staff No", "first_name": "First Name", "last_name": "Last Name",
     "email": "Email Address", "job_title": "Position Title", "grade": "Grade",
     "unit": "Business Unit", "location": "Base Location", "employment_type": "Employment Status",
     "start_date": "Date Joined", "line_manager_staff_number": "Manager Employee Number",
     "day_rate": "Daily Rate", "supplier": "Agency", "annual_pay": "Basic Pay",
     "_dates": "iso"},
    {"staff_number": "Personnel Number", "first_name": "Given Name", "last_name": "Family Name",
     "email": "Work Email", "job_title": "Role", "grade": "Grade Code", "unit": "Team",
     "location": "Office", "employment_type": "Worker Type", "start_date": "Hire Date",
     "line_manager_staff_number": "Reports To", "day_rate": "Rate", "supplier": "Supplier Name",
     "annual_pay": "Salary", "_dates": "dmy"},
)
EXTRACT_FIELDS = ("staff_number", "first_name", "last_name", "email", "job_title", "grade",
                  "unit", "location", "employment_type", "start_date",
                  "line_manager_staff_number", "day_rate", "supplier", "annual_pay")


# --- Inputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelInfo:
    """One framework role level, as the generator needs it (key = the database id)."""

    key: int
    role: str
    family: str
    name: str
    order: int
    seniority: int
    track: str
    low: int  # lowest Civil Service rank expected
    high: int  # highest
    requirements: tuple[tuple[int, int], ...]  # (skill key, required ordinal)


@dataclass(frozen=True)
class GradeInfo:
    code: str
    scheme: str
    rank: int
    cs_rank: int  # the Civil Service equivalent's rank


def read_grades() -> dict[str, GradeInfo]:
    """The embedded grades (the same file ``cadre load_defaults`` loads)."""
    with GRADES_CSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    ranks = {r["code"]: int(r["rank"]) for r in rows if r["scheme"] == "civil_service"}
    return {r["code"]: GradeInfo(r["code"], r["scheme"], int(r["rank"]),
                                 ranks[r["civil_service_equivalent"] or r["code"]])
            for r in rows}


def _department_names() -> dict[str, tuple[str, str]]:
    with DEPARTMENTS_CSV.open(newline="", encoding="utf-8") as handle:
        return {r["abbreviation"]: (r["name"], r["type"]) for r in csv.DictReader(handle)}


# --- The plan -------------------------------------------------------------------------


@dataclass
class PersonPlan:
    staff_number: str
    first_name: str
    last_name: str
    email: str
    grade: str
    job_title: str
    unit_path: str
    location: str
    employment_type: str
    start_date: date
    end_date: date | None
    manager: PersonPlan | None
    depth: int
    in_profession: bool
    level: LevelInfo | None
    day_rate: Decimal | None = None
    supplier: str = ""
    #: Whole pounds a year, employed people only (contractors have a day rate).
    annual_pay: Decimal | None = None
    #: (date of the change, the values before it) for someone promoted, retitled or moved.
    change: tuple[date, dict] | None = None
    #: Manager-agreed assessments: (skill key, ordinal; 0 = not held).
    assessments: tuple[tuple[int, int], ...] = ()
    assessed_on: date | None = None
    reports: int = 0


@dataclass(frozen=True)
class OrgSpec:
    name: str
    abbreviation: str
    type: str
    parent: str
    size: int
    reused: bool


@dataclass
class OrgPlan:
    spec: OrgSpec
    scheme: str
    dialect: int
    people: list[PersonPlan]  # current staff at the last snapshot, managers first
    leavers: list[PersonPlan]
    units: list[str]  # unit paths, parents first
    locations: list[str]

    def everyone(self) -> list[PersonPlan]:
        return self.people + self.leavers


@dataclass
class GovernmentPlan:
    seed: int
    organisations: list[OrgPlan] = field(default_factory=list)

    def summary(self) -> dict:
        """Counts describing the plan (the same for the same seed)."""
        current = [p for o in self.organisations for p in o.people]
        profession = [p for p in current if p.in_profession]
        contingent = [p for p in profession if p.employment_type in CONTINGENT]
        return {
            "organisations": len(self.organisations),
            "reused_departments": sum(o.spec.reused for o in self.organisations),
            "people": len(current),
            "leavers": sum(len(o.leavers) for o in self.organisations),
            "profession": len(profession),
            "profession_share": round(len(profession) / max(1, len(current)), 3),
            "contingent": len(contingent),
            "contingent_share": round(len(contingent) / max(1, len(profession)), 3),
            "assessments": sum(len(p.assessments) for p in current),
            "extracts": len(self.organisations) * len(SNAPSHOT_DATES),
        }


def generated_organisation_names() -> set[str]:
    """Every name the generator could give an organisation it invents."""
    names = set(AGENCIES) | set(ARMS_LENGTH_BODIES)
    for place in _places():
        for templates in PLACE_TEMPLATES.values():
            names.update(t.format(place) for t in templates)
    return names


def _places() -> list[str]:
    return [start + end for start in PLACE_STARTS for end in PLACE_ENDS]


def _place_end(place: str) -> str:
    return next(end for end in PLACE_ENDS if place.endswith(end))


def _initials(name: str) -> str:
    small = {"and", "of", "for", "the"}
    return "".join(w[0].upper() for w in re.split(r"[\s-]+", name) if w and w not in small)


def organisation_specs(people: int, seed: int) -> list[OrgSpec]:
    """Which organisations, of which types and sizes, hold ``people`` current staff."""
    rng = random.Random(f"{seed}:organisations")  # noqa: S311 - demo data
    total = max(10, min(150, round(8 + people / 800)))
    counts = {kind: max(1, round(share * total)) for kind, share in TYPE_SHARE}
    departments = _department_names()
    specs: list[tuple[str, str, str, str, bool]] = []
    for abbr in DEPARTMENTS[:counts["department"]]:
        name, kind = departments[abbr]
        specs.append((name, abbr, kind, "", True))
    parents = [s[1] for s in specs]
    for kind, pool in (("agency", AGENCIES), ("arms_length_body", ARMS_LENGTH_BODIES)):
        for name in rng.sample(pool, min(len(pool), counts[kind])):
            specs.append((name, _initials(name), kind, rng.choice(parents), False))
    places = rng.sample(_places(), sum(counts[k] for k in PLACE_TEMPLATES))
    for kind, templates in PLACE_TEMPLATES.items():
        for _ in range(counts[kind]):
            place = places.pop()
            name = rng.choice(templates).format(place)
            abbr = (place[:3] + place[len(place) - len(_place_end(place)):][:2]).upper()
            specs.append((name, abbr + TYPE_CODE[kind], kind, "", False))
    used: set[str] = set(departments)
    for i, (name, abbr, kind, parent, reused) in enumerate(specs):
        while abbr in used and not reused:
            abbr += "X"
        used.add(abbr)
        specs[i] = (name, abbr, kind, parent, reused)
    weights = [TYPE_WEIGHT[kind] * rng.lognormvariate(0, 0.5) for _, _, kind, _, _ in specs]
    sizes = _allocate(people, weights, minimum=5)
    return [OrgSpec(name, abbr, kind, parent, size, reused)
            for (name, abbr, kind, parent, reused), size in zip(specs, sizes, strict=True)]


def _allocate(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainders, each >= minimum)."""
    spare = max(0, total - minimum * len(weights))
    whole = sum(weights) or 1.0
    exact = [spare * w / whole for w in weights]
    sizes = [minimum + math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - math.floor(exact[i])), i))
    for i in order[:total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def plan_government(*, people: int, seed: int, levels: Sequence[LevelInfo],
                    grades: dict[str, GradeInfo] | None = None) -> GovernmentPlan:
    """The whole synthetic government for ``people`` current staff; same seed, same plan."""
    grades = grades or read_grades()
    builder = _Builder(levels, grades)
    plan = GovernmentPlan(seed=seed)
    for spec in organisation_specs(people, seed):
        plan.organisations.append(builder.organisation(spec, seed))
    return plan


def plan_organisation(*, spec: OrgSpec, seed: int, levels: Sequence[LevelInfo],
                      grades: dict[str, GradeInfo] | None = None) -> OrgPlan:
    """One organisation on its own (the benchmark builds an extract of N rows this way)."""
    return _Builder(levels, grades or read_grades()).organisation(spec, seed)


class _Builder:
    def __init__(self, levels: Sequence[LevelInfo], grades: dict[str, GradeInfo]) -> None:
        self.levels = sorted(levels, key=lambda lv: (lv.role, lv.order, lv.name))
        self.grades = grades
        self.ladders: dict[str, list[GradeInfo]] = {}
        for grade in sorted(grades.values(), key=lambda g: (g.scheme, g.rank)):
            self.ladders.setdefault(grade.scheme, []).append(grade)
        self.by_role: dict[str, list[LevelInfo]] = {}
        for level in self.levels:
            self.by_role.setdefault(level.role, []).append(level)
        self._candidates: dict[tuple, list[LevelInfo]] = {}

    # Grades ----------------------------------------------------------------------------
    def grade_for(self, scheme: str, cs_rank: int, rng: random.Random) -> GradeInfo:
        ladder = self.ladders[scheme]
        same = [g for g in ladder if g.cs_rank == cs_rank]
        if same:
            return rng.choice(same)
        below = [g for g in ladder if g.cs_rank < cs_rank]
        return below[-1] if below else ladder[0]

    # Role levels -----------------------------------------------------------------------
    def level_for(self, families: tuple[str, ...], cs_rank: int, manages: bool,
                  rng: random.Random) -> LevelInfo:
        if cs_rank >= 9:
            families = (CHIEF_FAMILY,)
        key = (families, cs_rank, manages)
        if key not in self._candidates:
            fits = [lv for lv in self.levels if lv.family in families
                    and lv.low <= cs_rank <= lv.high and lv.seniority > 0]
            if not fits:
                fits = [lv for lv in self.levels if lv.low <= cs_rank <= lv.high
                        and lv.seniority > 0] or list(self.levels)
            track = [lv for lv in fits if (lv.track == "management") == manages]
            self._candidates[key] = track or fits
        return rng.choice(self._candidates[key])

    def apprentice_level(self, families: tuple[str, ...], rng: random.Random) -> LevelInfo | None:
        found = [lv for lv in self.levels if lv.seniority == 0 and lv.family in families]
        found = found or [lv for lv in self.levels if lv.seniority == 0]
        return rng.choice(found) if found else None

    # One organisation ------------------------------------------------------------------
    def organisation(self, spec: OrgSpec, seed: int) -> OrgPlan:
        rng = random.Random(f"{seed}:{spec.abbreviation}")  # noqa: S311 - demo data
        scheme = SCHEME_BY_TYPE.get(spec.type, "civil_service")
        locations = [name for name, _ in rng.sample(LOCATIONS, rng.randint(2, 5))]
        suppliers = rng.sample(SUPPLIERS, rng.randint(3, 7))
        org = OrgPlan(spec=spec, scheme=scheme, dialect=rng.randrange(len(EXTRACT_DIALECTS)),
                      people=[], leavers=[], units=[], locations=locations)
        ctx = _OrgContext(org, rng, suppliers, contingent_rate=rng.uniform(0.08, 0.22))
        top_rank = self.ladders[scheme][-1].cs_rank
        head = self._person(ctx, cs_rank=min(top_rank, HEAD_RANK.get(spec.type, 99)),
                            depth=0, manager=None, unit="Executive Office", profession=False,
                            families=(), function="", title=HEAD_TITLES[spec.type])
        org.units.append("Executive Office")
        rest = spec.size - 1
        share = rng.uniform(0.76, 0.88)
        n_prof = round(rest * share)
        if rest < 40:
            directorates = [("Digital, Data and Technology", n_prof, ALL_PROFESSION_FAMILIES, ""),
                            ("Corporate Services", rest - n_prof, (), "operations")]
        else:
            directorates = []
            if n_prof < 80:
                directorates.append(("Digital, Data and Technology", n_prof,
                                     ALL_PROFESSION_FAMILIES, ""))
            else:
                weights = [w * rng.uniform(0.8, 1.2) for _, w, _ in PROFESSION_DIRECTORATES]
                for (name, _, fams), n in zip(PROFESSION_DIRECTORATES,
                                              _allocate(n_prof, weights), strict=True):
                    directorates.append((name, n, fams, ""))
            n_other = rest - n_prof
            if n_other < 30:
                directorates.append(("Corporate Services", n_other, (), "operations"))
            else:
                weights = [w * rng.uniform(0.7, 1.3) for _, w, _ in OTHER_DIRECTORATES]
                for (name, _, function), n in zip(OTHER_DIRECTORATES,
                                                  _allocate(n_other, weights), strict=True):
                    directorates.append((name, n, (), function))
        for name, size, families, function in directorates:
            if size > 0:
                self._directorate(ctx, head, name, size, families, function)
        self._leavers(ctx)
        self._changes(ctx)
        self._number(ctx)
        return org

    def _directorate(self, ctx: _OrgContext, head: PersonPlan, name: str, size: int,
                     families: tuple[str, ...], function: str) -> None:
        rng, scheme = ctx.rng, ctx.org.scheme
        # Shape first: breadth-first, each manager taking 3 to 10 reports.
        parent_of = [-1] * size
        depth = [0] * size
        queue, nxt = [0], 1
        while nxt < size:
            boss = queue.pop(0)
            span = rng.randint(3, 10)
            for child in range(nxt, min(size, nxt + span)):
                parent_of[child], depth[child] = boss, depth[boss] + 1
                queue.append(child)
            nxt += span
        reports = [0] * size
        for p in parent_of[1:]:
            reports[p] += 1
        head_rank = 9 if size >= 1000 else 8 if size >= 150 else 7 if size >= 40 else 6
        head_rank = min(head_rank, max(2, self.grade_for(scheme, 99, rng).cs_rank - 1))
        floor = 3 if families else 2
        ranks = [head_rank] * size
        divisions = list(DIVISIONS.get(name, ("Division",)))
        units = [name] * size
        ctx.org.units.append(name)
        made: list[PersonPlan] = []
        division_count = team_count = 0
        for i in range(size):
            if i:
                # Managers are usually one grade below theirs; others one to three.
                step = (rng.choices((1, 2), (0.85, 0.15))[0] if reports[i]
                        else rng.choices((1, 2, 3), (0.55, 0.35, 0.1))[0])
                ranks[i] = max(floor, ranks[parent_of[i]] - step)
                units[i] = units[parent_of[i]]
                if depth[i] == 1 and reports[i]:
                    label = divisions[division_count % len(divisions)]
                    if division_count >= len(divisions):
                        label += f" {division_count // len(divisions) + 1}"
                    division_count += 1
                    units[i] = f"{name}/{label}"
                    ctx.org.units.append(units[i])
                elif depth[i] == 2 and reports[i]:
                    label = TEAMS[team_count % len(TEAMS)]
                    if team_count >= len(TEAMS):
                        label += f" {team_count // len(TEAMS) + 1}"
                    team_count += 1
                    units[i] = f"{units[i]}/{label} team"
                    ctx.org.units.append(units[i])
            # A few profession people sit outside the profession's directorates and the
            # other way round, so finding the profession takes more than the unit name.
            profession = bool(families)
            if not reports[i] and i and rng.random() < 0.05:
                profession = not profession
            manager = head if i == 0 else made[parent_of[i]]
            made.append(self._person(
                ctx, cs_rank=ranks[i], depth=manager.depth + 1, manager=manager,
                unit=units[i], profession=profession,
                families=families or ("Data", "IT operations", "Product and delivery"),
                function=function or "operations", manages=bool(reports[i])))

    def _person(self, ctx: _OrgContext, *, cs_rank: int, depth: int, manager: PersonPlan | None,
                unit: str, profession: bool, families: tuple[str, ...], function: str,
                manages: bool = True, title: str = "") -> PersonPlan:
        rng, org = ctx.rng, ctx.org
        employment = "permanent"
        level = None
        grade = self.grade_for(org.scheme, cs_rank, rng)
        if profession:
            if not manages and grade.cs_rank <= 3 and rng.random() < 0.12:
                level = self.apprentice_level(families, rng)
                if level is not None:
                    employment = "apprentice"
                    grade = self.grade_for(org.scheme, 1 if org.scheme != "police" else 2, rng)
            if level is None:
                level = self.level_for(families, grade.cs_rank, manages, rng)
            title = title or profession_title(level, rng, grade.code)
        else:
            tier = 0 if cs_rank <= 3 else 1 if cs_rank <= 5 else 2 if cs_rank <= 7 else 3
            title = title or _messy(rng.choice(OTHER_TITLES[function][tier]), rng)
        if employment == "permanent":
            contingent = ctx.contingent_rate * 1.15 if profession else 0.03
            if depth and not manages and rng.random() < contingent:
                employment = rng.choices(("contractor", "consultant", "interim"),
                                         (0.65, 0.2, 0.15))[0]
            elif depth and manages and profession and rng.random() < 0.03:
                employment = "interim"
            else:
                r = rng.random()
                employment = ("fixed_term" if r < 0.04 else "secondee" if r < 0.05 else
                              "fast_streamer" if r < 0.065 and org.scheme == "civil_service"
                              and 3 <= grade.cs_rank <= 4 else "permanent")
        day_rate, supplier = None, ""
        if employment in CONTINGENT:
            rate = DAY_RATE_BY_RANK.get(grade.cs_rank, 600) * rng.lognormvariate(0, 0.15)
            rate *= {"consultant": 1.15, "interim": 1.1}.get(employment, 1.0)
            day_rate = Decimal(min(1200, max(350, 5 * round(rate / 5))))
            supplier = rng.choices(ctx.suppliers, [1 / (i + 1) for i in
                                                   range(len(ctx.suppliers))])[0]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if employment in CONTINGENT:
            start = AS_OF - timedelta(days=rng.randint(20, 700))
        else:
            start = AS_OF - timedelta(days=int(rng.expovariate(1 / 2500)) + 20)
        person = PersonPlan(
            staff_number="", first_name=first, last_name=last, email="", grade=grade.code,
            job_title=title, unit_path=unit, location=rng.choice(org.locations),
            employment_type=employment, start_date=start, end_date=None, manager=manager,
            depth=depth, in_profession=profession, level=level, day_rate=day_rate,
            supplier=supplier, annual_pay=None if employment in CONTINGENT else
            demo_annual_pay(grade.cs_rank, f"{first} {last} {start.isoformat()} {title}"))
        if manager is not None:
            manager.reports += 1
        if profession and level is not None and employment not in CONTINGENT \
                and rng.random() < 0.85:
            person.assessments = _assess(level, rng)
            person.assessed_on = AS_OF - timedelta(days=rng.randint(0, 330))
        org.people.append(person)
        return person

    def _leavers(self, ctx: _OrgContext) -> None:
        """People who left during the year: like current staff, with an end date."""
        rng, org = ctx.rng, ctx.org
        pool = [p for p in org.people if p.depth >= 2] or org.people[1:]
        if not pool:
            return
        employed = sum(p.employment_type not in CONTINGENT for p in pool)
        count = round(employed * 0.10 + (len(pool) - employed) * 0.30)
        year = (SNAPSHOT_DATES[-1] - SNAPSHOT_DATES[0]).days
        for _ in range(count):
            model = rng.choice(pool)
            end = SNAPSHOT_DATES[0] + timedelta(days=rng.randint(1, year))
            if model.employment_type in CONTINGENT:
                start = end - timedelta(days=rng.randint(60, 540))
            else:
                start = end - timedelta(days=rng.randint(200, 9000))
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            org.leavers.append(PersonPlan(
                staff_number="", first_name=first, last_name=last, email="",
                grade=model.grade, job_title=model.job_title, unit_path=model.unit_path,
                location=model.location, employment_type=model.employment_type,
                start_date=start, end_date=end, manager=model.manager, depth=model.depth,
                in_profession=model.in_profession, level=model.level, day_rate=model.day_rate,
                supplier=model.supplier, annual_pay=model.annual_pay))
        # Joiners: some current staff started during the year.
        for person in org.people[1:]:
            chance = 0.35 if person.employment_type in CONTINGENT else 0.09
            if person.depth >= 2 and rng.random() < chance:
                person.start_date = SNAPSHOT_DATES[0] + timedelta(days=rng.randint(1, year))

    def _changes(self, ctx: _OrgContext) -> None:
        """A few staff present all year were promoted, retitled or moved during it."""
        rng, org = ctx.rng, ctx.org
        for person in org.people:
            if person.depth < 2 or person.start_date > SNAPSHOT_DATES[0] or rng.random() > 0.05:
                continue
            quarter = rng.randint(1, len(SNAPSHOT_DATES) - 1)
            on = SNAPSHOT_DATES[quarter] - timedelta(days=rng.randint(0, 80))
            kind = rng.random()
            before: dict = {}
            lower = [lv for lv in self.by_role.get(person.level.role, [])
                     if lv.seniority < person.level.seniority] if person.level else []
            if kind < 0.35 and lower:
                old = lower[-1]
                before["role_level"] = old
                before["job_title"] = profession_title(old, rng, "")
                grade = self.grades[person.grade]
                before["grade"] = self.grade_for(org.scheme, max(1, grade.cs_rank - 1), rng).code
            elif kind < 0.7:
                before["job_title"] = (profession_title(person.level, rng, person.grade)
                                       if person.level else _messy(person.job_title, rng))
            else:
                before["unit_path"] = rng.choice(org.units)
            before = {k: v for k, v in before.items() if v != getattr(person, k, None)
                      and not (k == "role_level" and v == person.level)}
            if before:
                person.change = (on, before)

    def _number(self, ctx: _OrgContext) -> None:
        """Staff numbers in order of start date, and work e-mail addresses."""
        rng, org = ctx.rng, ctx.org
        everyone = org.everyone()
        numbers = sorted(rng.sample(range(1_000_000, 10_000_000), len(everyone)))
        order = sorted(range(len(everyone)), key=lambda i: (everyone[i].start_date, i))
        domain = re.sub(r"[^a-z0-9]", "", org.spec.abbreviation.lower()) + ".example"
        for number, i in zip(numbers, order, strict=True):
            person = everyone[i]
            person.staff_number = f"G{number:07d}"
            local = re.sub(r"[^a-z.]", "", f"{person.first_name}.{person.last_name}".lower())
            person.email = f"{local}.{number % 10000}@{domain}"


@dataclass
class _OrgContext:
    org: OrgPlan
    rng: random.Random
    suppliers: list[str]
    contingent_rate: float


def _assess(level: LevelInfo, rng: random.Random) -> tuple[tuple[int, int], ...]:
    """Manager-agreed levels near what the role level needs: a personal lean plus noise."""
    lean = rng.gauss(0, 0.35)
    return tuple((skill, max(0, min(4, round(required + lean + rng.gauss(0, 0.55)))))
                 for skill, required in level.requirements)


def _messy(title: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.3:
        for long, shorts in SHORT_FORMS:
            if long in title:
                title = title.replace(long, rng.choice(shorts), 1)
    if r > 0.97:
        return title.upper()
    if r > 0.93:
        return title.lower()
    return title


def profession_title(level: LevelInfo, rng: random.Random, grade_code: str) -> str:
    """A job title as an HR system might hold it for someone at ``level``."""
    r = rng.random()
    name = re.sub(r"\s+-\s*management$", "", level.name)
    if level.track == "management" and rng.random() < 0.5:
        name = f"{name} (Line Manager)"
    if r < 0.5:
        return _messy(name[0].upper() + name[1:], rng)
    if r < 0.78:
        return _messy(name.title(), rng)
    if r < 0.92:
        base = rng.choice(LEGACY_TITLES.get(level.family, (name,)))
        prefix = ("" if level.family == CHIEF_FAMILY else
                  "Principal " if level.seniority >= 10 else "Lead " if level.seniority >= 8
                  else rng.choice(("Senior ", "Snr ")) if level.seniority >= 6
                  else rng.choice(("Junior ", "Assistant ", "Trainee ")) if level.seniority <= 3
                  else "")
        return _messy(prefix + base, rng)
    if grade_code and rng.random() < 0.5:
        return f"{grade_code} {name}"
    team = rng.choice(("Payments", "Platforms", "Cloud", "Data", "Digital", "Service Desk"))
    return f"{name} - {team}"


# --- Snapshots ------------------------------------------------------------------------

SNAPSHOT_FIELDS = ("grade", "job_title", "employment_type", "unit_path", "location",
                   "day_rate", "supplier", "in_profession", "role_level")


def demo_annual_pay(cs_rank: int, key: str) -> Decimal:
    """A plausible annual pay for the rank, within 10% of ``PAY_BY_RANK``, to the nearest
    100 pounds. Worked out from a checksum of ``key`` rather than drawn from the plan's
    random generator, so adding pay left every other figure of a seed as it was."""
    base = PAY_BY_RANK.get(cs_rank, 45500)
    spread = (zlib.crc32(key.encode("utf-8")) % 2001) / 10000 - 0.1  # -0.1 .. +0.1
    return Decimal(100 * round(base * (1 + spread) / 100))


def present(person: PersonPlan, on: date) -> bool:
    return person.start_date <= on and (person.end_date is None or person.end_date > on)


def values_on(person: PersonPlan, on: date) -> dict:
    """What the extract of ``on`` said about ``person``."""
    values = {"grade": person.grade, "job_title": person.job_title,
              "employment_type": person.employment_type, "unit_path": person.unit_path,
              "location": person.location, "day_rate": person.day_rate,
              "supplier": person.supplier, "in_profession": person.in_profession,
              "role_level": person.level}
    if person.change and on < person.change[0]:
        values.update(person.change[1])
    return values


def snapshot_changes(org: OrgPlan, index: int) -> list[tuple[PersonPlan, str, dict]]:
    """Joiners, leavers and changed records between snapshot ``index - 1`` and ``index``."""
    before, after = SNAPSHOT_DATES[index - 1], SNAPSHOT_DATES[index]
    found = []
    for person in org.everyone():
        was, now = present(person, before), present(person, after)
        if now and not was:
            found.append((person, "joiner", {}))
        elif was and not now:
            found.append((person, "leaver", {}))
        elif was and now and person.change and before < person.change[0] <= after:
            old, new = values_on(person, before), values_on(person, after)
            found.append((person, "changed", {
                k: {"before": _show(old[k]), "after": _show(new[k])}
                for k in SNAPSHOT_FIELDS if old[k] != new[k]}))
    return found


def _show(value: object) -> str:
    if isinstance(value, LevelInfo):
        return value.name
    return "" if value is None else str(value)


# --- Extract files --------------------------------------------------------------------


def extract_rows(org: OrgPlan, on: date = AS_OF) -> list[dict[str, str]]:
    """The extract of ``on`` as rows keyed by Cadre field names."""
    rows = []
    for person in org.everyone():
        if not present(person, on):
            continue
        values = values_on(person, on)
        manager = person.manager
        rows.append({
            "staff_number": person.staff_number, "first_name": person.first_name,
            "last_name": person.last_name, "email": person.email,
            "job_title": values["job_title"], "grade": values["grade"],
            "unit": values["unit_path"], "location": values["location"],
            "employment_type": EMPLOYMENT_LABELS[values["employment_type"]],
            "start_date": person.start_date.isoformat(),
            "line_manager_staff_number": manager.staff_number if manager and present(
                manager, on) else "",
            "day_rate": "" if values["day_rate"] is None else str(values["day_rate"]),
            "supplier": values["supplier"],
            "annual_pay": "" if person.annual_pay is None else str(person.annual_pay),
        })
    return rows


def extract_csv(rows: Iterable[dict[str, str]], dialect: int = 0) -> str:
    """Rows as a CSV file with one dialect's headers and date format."""
    headers = EXTRACT_DIALECTS[dialect]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([headers[f] for f in EXTRACT_FIELDS])
    for row in rows:
        cells = dict(row)
        if headers["_dates"] == "dmy" and cells["start_date"]:
            y, m, d = cells["start_date"].split("-")
            cells["start_date"] = f"{d}/{m}/{y}"
        writer.writerow([cells[f] for f in EXTRACT_FIELDS])
    return out.getvalue()


def extract_mapping(dialect: int) -> dict[str, str]:
    """{"header in the file": "cadre field"} for one dialect."""
    return {header: name for name, header in EXTRACT_DIALECTS[dialect].items()
            if not name.startswith("_")}


def extract_filename(org: OrgPlan, on: date = AS_OF) -> str:
    return f"{org.spec.abbreviation.lower().replace('&', 'and')}-hr-extract-{on.isoformat()}.csv"


def write_extract_files(plan: GovernmentPlan, directory: Path) -> list[Path]:
    """Write each organisation's last snapshot as a CSV file in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for org in plan.organisations:
        path = directory / extract_filename(org)
        path.write_text(extract_csv(extract_rows(org), org.dialect), encoding="utf-8")
        written.append(path)
    return written


def change_rows(rows: list[dict[str, str]], share: float, seed: int) -> list[dict[str, str]]:
    """A copy of extract rows with ``share`` of them changed (title, grade or unit)."""
    rng = random.Random(f"{seed}:changes")  # noqa: S311 - demo data
    changed = [dict(r) for r in rows]
    for i in rng.sample(range(len(changed)), round(len(changed) * share)):
        row = changed[i]
        what = rng.randrange(3)
        if what == 0:
            row["job_title"] = "Senior " + row["job_title"]
        elif what == 1:
            row["unit"] = row["unit"].split("/")[0]
        else:
            row["location"] = "Darlington" if row["location"] != "Darlington" else "Leeds"
    return changed


# --- Writing to the database ------------------------------------------------------------


def framework_levels() -> list[LevelInfo]:
    """The default framework's role levels with their requirements, from the database."""
    from cadre.framework.models import Requirement, RoleLevel
    from cadre.framework.selectors import default_framework

    framework = default_framework()
    if framework is None:
        return []
    cs = {g.code: g.cs_rank for g in read_grades().values() if g.scheme == "civil_service"}
    needs: dict[int, list[tuple[int, int]]] = {}
    for rl, skill, ordinal in (Requirement.objects.filter(role_level__framework=framework)
                               .order_by("role_level_id", "skill__name")
                               .values_list("role_level_id", "skill_id", "level__ordinal")):
        needs.setdefault(rl, []).append((skill, ordinal))
    seniority_range = {0: (1, 2), 1: (2, 3), 2: (3, 3), 3: (3, 4), 4: (4, 5), 6: (5, 6),
                       8: (6, 6), 10: (7, 7), 12: (7, 8), 14: (9, 10)}
    levels = []
    for lv in (RoleLevel.objects.filter(framework=framework).select_related("role__family")
               .order_by("role__name", "order", "name")):
        low, high = seniority_range.get(lv.seniority, (4, 5))
        low = cs.get(lv.grade_from, low)
        high = cs.get(lv.grade_to, high)
        levels.append(LevelInfo(lv.pk, lv.role.name, lv.role.family.name, lv.name, lv.order,
                                lv.seniority, lv.track, low, high, tuple(needs.get(lv.pk, ()))))
    return levels


def existing_generated() -> dict[str, int]:
    """What a previous run left: generated people, extracts and organisations."""
    from cadre.organisations.models import Organisation
    from cadre.people.models import Person
    from cadre.workforce.models import Extract

    return {
        "people": Person.objects.filter(staff_number__regex=STAFF_NUMBER_RE).count(),
        "extracts": Extract.objects.filter(filename__startswith=FILENAME_PREFIX).count(),
        "organisations": Organisation.objects.filter(
            name__in=generated_organisation_names()).count(),
    }


@transaction.atomic
def remove_generated(*, actor: object | None = None) -> dict[str, int]:
    """Delete what the generator made: its extracts, people, and invented organisations."""
    from cadre.assessments.models import CapabilityProfile, SkillAssessment
    from cadre.audit.models import AuditEvent
    from cadre.audit.services import record_event
    from cadre.organisations.models import Organisation, Unit
    from cadre.people.models import Person
    from cadre.workforce.models import Extract, ExtractChange, ExtractRecord, WorkforceRecord

    orgs = Organisation.objects.filter(name__in=generated_organisation_names())
    generated = Person.objects.filter(Q(staff_number__regex=STAFF_NUMBER_RE)
                                      | Q(organisation__in=orgs))
    extracts = Extract.objects.filter(Q(filename__startswith=FILENAME_PREFIX)
                                      | Q(organisation__in=orgs))
    # The largest tables go first without the ORM's per-row work; the ORM then deletes
    # the people and extracts themselves, with everything else that refers to them.
    ExtractChange.objects.filter(extract__in=extracts)._raw_delete(ExtractChange.objects.db)
    ExtractRecord.objects.filter(extract__in=extracts)._raw_delete(ExtractRecord.objects.db)
    for model in (SkillAssessment, CapabilityProfile, WorkforceRecord):
        model.objects.filter(person__in=generated)._raw_delete(model.objects.db)
    counts = {"extracts": extracts.count(), "people": generated.count()}
    Person.objects.filter(line_manager__in=generated).update(line_manager=None)
    extracts.delete()
    generated.delete()
    units = Unit.objects.filter(organisation__in=orgs, people__isnull=True)
    for unit_id in sorted(units.values_list("id", "path"), key=lambda u: -u[1].count("/")):
        Unit.objects.filter(pk=unit_id[0]).delete()
    counts["organisations"] = orgs.count()
    orgs.delete()
    stamps.bump_all()  # bulk deletes: shared caches must not keep the old figures
    record_event(actor=actor, action=AuditEvent.Action.RECORD_DELETED,
                 summary=f"Removed generated demo data: {counts}", data=counts)
    return counts


def _insert(model: type, fields: Sequence[str], rows: Iterable[tuple], size: int = 5000) -> int:
    """Insert plain rows with one prepared statement (the ORM's per-value work is the
    bulk of the time for the largest tables). Values must already suit the database."""
    meta = model._meta  # type: ignore[attr-defined]
    columns = ", ".join(connection.ops.quote_name(meta.get_field(f).column) for f in fields)
    table = connection.ops.quote_name(meta.db_table)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - names from _meta
    count = 0
    chunk: list[tuple] = []
    with connection.cursor() as cursor:
        for row in rows:
            chunk.append(row)
            if len(chunk) >= size:
                cursor.executemany(sql, chunk)
                count, chunk = count + len(chunk), []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


@transaction.atomic
def classify_titles(plan: GovernmentPlan, *, actor: object | None = None) -> int:
    """Classify the job titles of every organisation in the plan, as importing its extracts
    would: suggestions for the job-title review queue, and each person's classification.
    Returns how many people."""
    from cadre.organisations.models import Organisation
    from cadre.workforce.services_review import classify_organisation

    abbreviations = [o.spec.abbreviation for o in plan.organisations]
    return sum(classify_organisation(actor=actor, organisation=organisation)
               for organisation in Organisation.objects.filter(
                   abbreviation__in=abbreviations).order_by("pk"))


def save_government(plan: GovernmentPlan, *, actor: object | None = None) -> dict:
    """Write the plan in bulk; returns the plan's summary. Needs ``cadre load_defaults``."""
    from cadre.assessments.models import CapabilityProfile, SkillAssessment
    from cadre.audit.models import AuditEvent
    from cadre.audit.services import record_event
    from cadre.framework.models import SkillLevel
    from cadre.framework.selectors import default_framework
    from cadre.organisations.models import Grade, Location, Organisation, Unit
    from cadre.people.models import Person
    from cadre.workforce.models import Extract, ExtractChange, ExtractRecord, WorkforceRecord

    batch = 2000
    grade_ids = dict(Grade.objects.values_list("code", "id"))
    orgs = {o.abbreviation: o for o in Organisation.objects.all()}
    new = [Organisation(name=o.spec.name, abbreviation=o.spec.abbreviation, type=o.spec.type,
                        parent=orgs.get(o.spec.parent))
           for o in plan.organisations if o.spec.abbreviation not in orgs]
    for org in Organisation.objects.bulk_create(new):
        orgs[org.abbreviation] = org
    org_ids = {o.spec.abbreviation: orgs[o.spec.abbreviation].pk for o in plan.organisations}

    location_ids = dict(Location.objects.values_list("name", "id"))
    Location.objects.bulk_create([Location(name=n, region=r) for n, r in LOCATIONS
                                  if n not in location_ids])
    location_ids = dict(Location.objects.values_list("name", "id"))

    unit_ids = {(o, p): pk for o, p, pk in Unit.objects.filter(
        organisation_id__in=org_ids.values()).values_list("organisation_id", "path", "id")}
    all_paths = sorted({(org_ids[o.spec.abbreviation], p) for o in plan.organisations
                        for p in o.units}, key=lambda u: (u[1].count("/"), u))
    for depth in sorted({p.count("/") for _, p in all_paths}):
        todo = [(o, p) for o, p in all_paths if p.count("/") == depth and (o, p) not in unit_ids]
        made = Unit.objects.bulk_create(
            [Unit(organisation_id=o, path=p, name=p.rsplit("/", 1)[-1],
                  parent_id=unit_ids.get((o, p.rsplit("/", 1)[0])) if "/" in p else None)
             for o, p in todo], batch_size=batch)
        unit_ids.update({(u.organisation_id, u.path): u.pk for u in made})

    person_ids: dict[int, int] = {}  # id(PersonPlan) -> Person pk
    everyone = [(org_ids[o.spec.abbreviation], p) for o in plan.organisations
                for p in o.everyone()]
    for depth in sorted({p.depth for _, p in everyone}):
        rows = [(o, p) for o, p in everyone if p.depth == depth]
        made = Person.objects.bulk_create([Person(
            organisation_id=o, staff_number=p.staff_number, first_name=p.first_name,
            last_name=p.last_name, email=p.email, job_title=p.job_title,
            unit_id=unit_ids[(o, p.unit_path)], grade_id=grade_ids[p.grade],
            line_manager_id=person_ids[id(p.manager)] if p.manager else None,
            employment_type=p.employment_type, start_date=p.start_date, end_date=p.end_date,
            location_id=location_ids[p.location]) for o, p in rows], batch_size=batch)
        person_ids.update({id(p): m.pk for (_, p), m in zip(rows, made, strict=True)})

    current = [p for o in plan.organisations for p in o.people]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    _insert(CapabilityProfile, ("person", "current_role_level", "updated_at"),
            ((person_ids[id(p)], p.level.key, now) for _, p in everyone
             if p.in_profession and p.level is not None))
    level_by_ordinal = dict(SkillLevel.objects.filter(framework=default_framework())
                            .values_list("ordinal", "id"))
    _insert(SkillAssessment, ("person", "skill", "level", "source", "assessed_on", "evidence",
                              "comment", "created_at"),
            ((person_ids[id(p)], skill, level_by_ordinal.get(ordinal), "manager",
              p.assessed_on, "", "", now) for p in current for skill, ordinal in p.assessments))

    last_extract: dict[int, int] = {}
    for org in plan.organisations:
        org_id = org_ids[org.spec.abbreviation]
        extracts = []
        for index, on in enumerate(SNAPSHOT_DATES):
            rows = [p for p in org.everyone() if present(p, on)]
            changes = snapshot_changes(org, index) if index else []
            kinds = [kind for _, kind, _ in changes]
            extracts.append(Extract(
                organisation_id=org_id, taken_on=on,
                filename=FILENAME_PREFIX + extract_filename(org, on), rows=len(rows),
                joiners=kinds.count("joiner"), leavers=kinds.count("leaver"),
                changed=kinds.count("changed"),
                unchanged=len(rows) - kinds.count("joiner") - kinds.count("changed")))
        extracts = Extract.objects.bulk_create(extracts)
        for index, (on, extract) in enumerate(zip(SNAPSHOT_DATES, extracts, strict=True)):
            records = []
            for p in org.everyone():
                if not present(p, on):
                    continue
                v = values_on(p, on)
                last_extract[id(p)] = extract.pk
                records.append((extract.pk, person_ids[id(p)], p.staff_number, v["grade"],
                                v["job_title"], v["employment_type"], v["unit_path"],
                                v["location"], v["day_rate"], v["supplier"], v["in_profession"],
                                v["role_level"].key if v["role_level"] else None))
            _insert(ExtractRecord, ("extract", "person", "staff_number", "grade_code",
                                    "job_title", "employment_type", "unit_path", "location",
                                    "day_rate", "supplier", "in_profession", "role_level"),
                    records)
            if index:
                ExtractChange.objects.bulk_create(
                    [ExtractChange(extract_id=extract.pk, person_id=person_ids[id(p)],
                                   staff_number=p.staff_number, kind=kind, fields=fields)
                     for p, kind, fields in snapshot_changes(org, index)], batch_size=batch)

    _insert(WorkforceRecord, ("person", "job_description", "day_rate", "supplier",
                              "annual_pay", "in_profession", "role_level", "last_extract",
                              "fingerprint"),
            ((person_ids[id(p)], "", p.day_rate, p.supplier, p.annual_pay, p.in_profession,
              p.level.key if p.level else None, last_extract.get(id(p)), "")
             for _, p in everyone))
    summary = plan.summary()
    stamps.bump_all()  # written in bulk: shared caches must not keep the old figures
    record_event(actor=actor, action=AuditEvent.Action.IMPORT,
                 summary=(f"Generated a demo government: {summary['organisations']} "
                          f"organisations, {summary['people']} people (seed {plan.seed})"),
                 data={"seed": plan.seed, **summary})
    return summary
