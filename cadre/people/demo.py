"""A small, deterministic demo data set: extra organisations, people and sign-ins.

People are generated as import rows and loaded through the real import
service, so the demo exercises the same checks as a user's file.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

DEMO_PASSWORD = "cadre-demo-2026"  # noqa: S105 - demo sign-ins only, printed for the user

DEMO_ORGANISATIONS = (
    # name, abbreviation, type, parent
    ("Driver and Vehicle Licensing Agency", "DVLA", "agency", "DfT"),
    ("Companies House", "CH", "agency", "DBT"),
    ("HM Courts and Tribunals Service", "HMCTS", "agency", "MOJ"),
    ("Government Digital Service", "GDS", "other_public_body", "DSIT"),
    ("Scottish Government", "SG", "devolved_administration", ""),
    ("Leeds City Council", "LCC", "local_authority", ""),
    ("Manchester City Council", "MCC", "local_authority", ""),
    ("Leeds Teaching Hospitals NHS Trust", "LTHT", "nhs_body", ""),
    ("West Yorkshire Police", "WYP", "police_force", ""),
    ("West Yorkshire Fire and Rescue Service", "WYFRS", "fire_and_rescue_service", ""),
)

#: organisation abbreviation -> (people, grade codes from junior to senior)
DEMO_PEOPLE = {
    "DWP": (60, ["AO", "EO", "HEO", "SEO", "G7", "G6", "SCS1"]),
    "HMRC": (40, ["AO", "EO", "HEO", "SEO", "G7", "G6", "SCS1"]),
    "DVLA": (25, ["AO", "EO", "HEO", "SEO", "G7", "G6"]),
    "GDS": (25, ["EO", "HEO", "SEO", "G7", "G6", "SCS1"]),
    "LCC": (15, ["LG-SCALE4-6", "LG-SO1", "LG-PO1-2", "LG-PO3-5", "LG-PO6"]),
    "LTHT": (15, ["NHS-4", "NHS-5", "NHS-6", "NHS-7", "NHS-8A", "NHS-8C"]),
    "WYP": (10, ["POL-STAFF-E", "POL-STAFF-G", "POL-STAFF-I", "POL-STAFF-PO", "POL-STAFF-SM"]),
    "WYFRS": (8, ["FRS-CM", "FRS-WM", "FRS-SM", "FRS-GM"]),
}

FIRST_NAMES = (
    "Aisha", "Ben", "Chloe", "Dev", "Eilidh", "Femi", "Grace", "Hamza", "Isla", "Jack", "Kiran",
    "Leah", "Mohammed", "Niamh", "Owen", "Priya", "Quinn", "Rhys", "Sofia", "Tom", "Usha",
    "Vikram", "Wen", "Yusuf", "Zara", "Ciaran", "Megan", "Olu", "Ruth", "Sam",
)
LAST_NAMES = (
    "Ahmed", "Bailey", "Campbell", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal",
    "Jones", "Khan", "Lewis", "Murray", "Nowak", "O'Brien", "Patel", "Reid", "Singh", "Taylor",
    "Walker", "Wright", "Young", "Zhang", "MacLeod", "Okafor", "Price", "Roberts", "Shah",
)
TITLES = (
    "Software developer", "Senior software developer", "Lead developer", "Delivery manager",
    "Service owner", "Product manager", "User researcher", "Content designer",
    "Data analyst", "Data engineer", "Data scientist", "Performance analyst",
    "Technical architect", "Security architect", "Infrastructure engineer",
    "Service desk analyst", "IT service manager", "Business analyst", "Test engineer",
    "Head of digital", "Chief technology officer",
)
UNITS = ("Digital/Platforms", "Digital/Services", "Data/Analytics", "Data/Engineering",
         "Technology/Infrastructure", "Technology/Security")
LOCATIONS = ("London", "Leeds", "Manchester", "Newcastle", "Glasgow", "Cardiff", "Birmingham",
             "Sheffield", "Bristol")
EMPLOYMENT = (["permanent"] * 14 + ["contractor"] * 3 + ["fixed_term", "interim", "apprentice",
              "fast_streamer", "consultant", "secondee"])


#: The demo professional; their line manager gets the demo line manager's sign-in.
DEMO_PROFESSIONAL = "DWP0030"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str | None
    organisation: str | None
    staff_number: str | None
    note: str
    #: Link the account to this person's line manager instead of a fixed staff number.
    line_manager_of: str | None = None


DEMO_ACCOUNTS = (
    DemoAccount("admin@cadre.example", "administrator", None, None, "administrator"),
    DemoAccount("central@cadre.example", "central_team", None, None, "central profession team"),
    DemoAccount("analyst@cadre.example", "analyst", None, None, "analyst (aggregates only)"),
    DemoAccount("hop.dwp@cadre.example", "head_of_profession", "DWP", None,
                "head of profession, DWP"),
    DemoAccount("programme@cadre.example", "programme_manager", None, None, "programme manager"),
    DemoAccount("assessor@cadre.example", "assessor", "DWP", None,
                "assessor for DWP (validates agreed assessments)"),
    DemoAccount("learning.dwp@cadre.example", "learning_lead", "DWP", None, "learning lead, DWP"),
    DemoAccount("manager.dwp@cadre.example", "professional", "DWP", None,
                "line manager in DWP: the demo professional's manager, with assessments "
                "and a plan to agree", line_manager_of=DEMO_PROFESSIONAL),
    DemoAccount("professional.dwp@cadre.example", "professional", "DWP", DEMO_PROFESSIONAL,
                "professional in DWP (own record, starts and sends a self-assessment)"),
)


def people_rows(abbreviation: str, count: int, grades: list[str], seed: int = 1) -> list[dict]:
    """Import rows for one organisation: a pyramid with line managers one grade up."""
    rng = random.Random(f"{seed}-{abbreviation}")  # noqa: S311 - demo data, not security
    rows: list[dict] = []
    by_level: dict[int, list[str]] = {}
    top = len(grades) - 1
    for i in range(count):
        # The first person is the most senior and the second reports to them;
        # the rest spread towards junior grades, each managed one level up if possible.
        level = top - i if i < 2 else max(0, top - 1 - int(rng.triangular(0, top - 1, top - 1)))
        staff = f"{abbreviation}{i + 1:04d}"
        managers = next(
            (by_level[lvl] for lvl in range(level + 1, top + 1) if by_level.get(lvl)), []
        )
        manager = rng.choice(managers) if managers else ""
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        rows.append({
            "staff_number": staff,
            "first_name": first,
            "last_name": last,
            "email": f"{first}.{last}.{i + 1}@{abbreviation.lower()}.example".lower().replace(
                "'", ""),
            "grade": grades[level],
            "job_title": rng.choice(TITLES),
            "unit": rng.choice(UNITS),
            "line_manager_staff_number": manager,
            "employment_type": rng.choice(EMPLOYMENT) if i else "permanent",
            "start_date": f"{rng.randint(2005, 2025)}-{rng.randint(1, 12):02d}-01",
            "location": rng.choice(LOCATIONS),
        })
        by_level.setdefault(level, []).append(staff)
    return rows
