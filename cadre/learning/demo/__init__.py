"""Demo learning supply on the demo government (``cadre demo learning``).

Everything goes through the learning areas' services, as the central team (the command line)
would: eight providers (fictional names) with products tied to the default framework's
skills and levels; a supply framework with three lots; call-off contracts for DWP and other
demo organisations with rate cards, some ending within 6 months and some within 12; a spend
file for each of DWP, HMRC and DVLA (a few thousand lines over three financial years, with
suppliers written as finance systems write them, so some wait for review) imported through
a saved column mapping; pay ranges for the grades the demo uses; an xAPI credential for one
provider and the demo professional's development plan activity linked to a product.

Each part is left alone when it is there already, so the command is safe to run twice (and
adds a part whose area landed since the last run). A part whose service is missing says so.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import random
import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import ModuleType
from typing import Any

from django.utils import timezone

from cadre.framework.models import Skill, SkillLevel
from cadre.framework.selectors import default_framework
from cadre.learning.models import (
    Contract,
    Product,
    Provider,
    SpendImport,
    SupplyFramework,
)
from cadre.organisations.models import Organisation

# --------------------------------------------------------------------------- the catalogue


@dataclass(frozen=True)
class DemoProduct:
    title: str
    code: str
    kind: str
    mode: str
    hours: str
    price: str
    #: (framework skill name, level name) pairs.
    skills: tuple[tuple[str, str], ...]
    description: str
    grades: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoProvider:
    name: str
    company_number: str
    website: str
    aliases: tuple[str, ...]
    #: How finance systems write the name (besides the name and the aliases): some match
    #: well, some go to the review queue.
    spend_names: tuple[str, ...]
    products: tuple[DemoProduct, ...]


P = DemoProduct
PROVIDERS = (
    DemoProvider(
        "Northgate Digital Academy", "09481726", "https://northgate-academy.example",
        ("Northgate Digital Academy Ltd", "NDA Training"),
        ("NORTHGATE DIGITAL ACADEMY LIMITED", "Northgate Dig. Academy"),
        (P("Modern software engineering practice", "NDA-SE3", "course", "in_person", "21",
           "1450", (("Programming and build (software engineering)", "Practitioner"),
                    ("Modern development standards", "Practitioner")),
           "Three days of test-driven development, code review and continuous delivery."),
         P("Cloud infrastructure fundamentals", "NDA-CL1", "e_learning", "self_paced", "8",
           "295", (("IT infrastructure", "Working"),),
           "Networks, compute and storage in the public cloud, at your own pace."),
         P("Test automation in practice", "NDA-TA2", "course", "online_live", "14", "980",
           (("Test engineering", "Practitioner"), ("Testing", "Working")),
           "Automated tests at every level of a service, live online over two days.")),
    ),
    DemoProvider(
        "Fenwick Data School", "11230945", "https://fenwick-data.example",
        ("Fenwick Data School Ltd",),
        ("FENWICK DATA SCHOOL", "Fenwick Data"),
        (P("Data engineering bootcamp", "FDS-DE", "course", "blended", "70", "4200",
           (("Data engineering", "Practitioner"),
            ("Programming and build (data engineering)", "Practitioner")),
           "Ten weeks of pipelines, data modelling and testing, blended."),
         P("Data visualisation for decision makers", "FDS-VIS", "course", "online_live", "7",
           "450", (("Data visualisation", "Working"), ("Communicating data", "Working")),
           "Charts and dashboards that answer a question, in a day."),
         P("Statistics for analysts", "FDS-STA", "e_learning", "self_paced", "12", "240",
           (("Applied maths, statistics and scientific practices", "Working"),),
           "Sampling, inference and regression with worked public-sector examples."),
         P("Certificate in data science (level 7)", "FDS-L7", "qualification", "blended",
           "300", "9500",
           (("Data science innovation", "Expert"),
            ("Programming and build (data science)", "Practitioner")),
           "A postgraduate-level qualification over twelve months.")),
    ),
    DemoProvider(
        "Harbour Lane Learning", "08812374", "https://harbourlane.example",
        ("Harbour Lane Learning LLP",),
        ("HARBOUR LANE LEARNING LLP", "Harbourlane Learning"),
        (P("Agile delivery foundation", "HLL-AG1", "course", "in_person", "14", "895",
           (("Agile working", "Working"), ("Agile and Lean practices", "Working")),
           "Two days on agile teams, planning and the service standard."),
         P("Product management practitioner", "HLL-PM3", "course", "blended", "35", "2350",
           (("Product management", "Practitioner"),
            ("Managing product outcomes", "Practitioner")),
           "Outcomes, prioritisation and roadmaps for product managers."),
         P("Leading digital services", "HLL-LDS", "course", "in_person", "21", "2900",
           (("Leading digital products and services", "Expert"),),
           "For senior leaders who own digital services.", ("G7", "G6", "SCS1"))),
    ),
    DemoProvider(
        "Kestrel Cyber Training", "10567381", "https://kestrel-cyber.example",
        ("Kestrel Cyber Training Ltd",),
        ("KESTREL CYBER", "Kestral Cyber Training"),
        (P("Secure by design for engineers", "KCT-SBD", "course", "online_live", "14",
           "1100", (("Designing secure systems", "Practitioner"),
                    ("Information security", "Working")),
           "Threat modelling and secure design, live online."),
         P("Cyber incident response", "KCT-IR", "course", "in_person", "21", "1750",
           (("Cyber incident management", "Practitioner"),),
           "Three days of exercises on detecting and handling incidents.")),
    ),
    DemoProvider(
        "Meridian Professional Qualifications", "07345128", "https://meridian-pq.example",
        ("Meridian PQ",),
        ("MERIDIAN PROF QUALIFICATIONS", "Meridian Professional Qualifications Ltd"),
        (P("Business analysis diploma", "MPQ-BAD", "qualification", "blended", "120", "3600",
           (("Requirements definition and management", "Practitioner"),
            ("Business modelling", "Practitioner")),
           "Four modules and an oral examination."),
         P("IT service management foundation", "MPQ-ITSM", "qualification", "self_paced",
           "18", "620", (("Service management framework knowledge", "Working"),),
           "The service management framework, with the foundation examination.")),
    ),
    DemoProvider(
        "Ashdown User Research Institute", "12098456", "https://ashdown-research.example",
        ("Ashdown Institute",),
        ("ASHDOWN USER RESEARCH INST", "Ashdown UR Institute"),
        (P("User research methods in government", "AUR-URM", "course", "in_person", "14",
           "1050", (("User research methods", "Practitioner"), ("Inclusive research", "Working")),
           "Planning, running and analysing research with the public."),
         P("Accessibility for service teams", "AUR-ACC", "e_learning", "self_paced", "4",
           "120", (("Accessibility", "Working"),),
           "What every member of a service team needs to know about accessibility.")),
    ),
    DemoProvider(
        "Blue Fern Coaching", "SC612345", "https://bluefern.example",
        ("Blue Fern Coaching Ltd",),
        ("BLUE FERN COACHING LTD", "Bluefern Coaching"),
        (P("Leadership coaching programme", "BFC-LEAD", "coaching", "online_live", "12",
           "3200", (("Leadership and guidance", "Expert"),),
           "Six coaching sessions for leaders of digital teams."),
         P("New manager coaching", "BFC-NEW", "coaching", "online_live", "6", "1400",
           (("Team dynamics and collaboration", "Working"),),
           "Three sessions for people newly managing a team.")),
    ),
    DemoProvider(
        "Saltmarsh Events", "09988776", "https://saltmarsh-events.example",
        ("Saltmarsh Events Ltd",),
        ("SALTMARSH EVENTS LIMITED", "Saltmarsh Evnts"),
        (P("Digital government conference", "SME-DGC", "conference", "in_person", "7", "395",
           (("Innovation in digital, data and technology", "Working"),),
           "A day of talks from service teams across the public sector."),
         P("Data in government summit", "SME-DGS", "conference", "in_person", "7", "350",
           (("Strategic data planning", "Working"),),
           "A day on data strategy, sharing and ethics.")),
    ),
)
#: Suppliers in spend files that are not learning providers: left unmatched.
OTHER_SUPPLIERS = ("Premier Conference Venues Leeds", "Office Supplies Direct",
                   "Rail Travel Bookings Ltd")
#: The product the demo professional's development plan activity is linked to, and the
#: provider whose learning records are sent with the demo xAPI credential.
LINKED_PRODUCT = "NDA-SE3"
XAPI_PROVIDER = "Northgate Digital Academy"


def _module(name: str) -> ModuleType | None:
    """An area's module (``cadre.learning.services.<name>``), or None until it lands."""
    full = f"cadre.learning.{name}"
    try:
        return importlib.import_module(full)
    except ModuleNotFoundError as missing:
        if missing.name != full:
            raise
        return None


def _function(module_name: str, *names: str) -> Any:
    """The first of ``names`` the module has, or None."""
    module = _module(module_name)
    for name in names:
        if module is not None and hasattr(module, name):
            return getattr(module, name)
    return None


def _levels() -> dict[str, SkillLevel]:
    framework = default_framework()
    if framework is None:
        return {}
    return {level.name: level for level in SkillLevel.objects.filter(framework=framework)}


def _skills(names: list[str]) -> dict[str, Skill]:
    framework = default_framework()
    if framework is None:
        return {}
    return {s.name: s for s in Skill.objects.filter(framework=framework, name__in=names)}


def _product_skills(spec: DemoProduct) -> list[tuple[Skill, SkillLevel]]:
    skills, levels = _skills([name for name, _ in spec.skills]), _levels()
    return [(skills[name], levels[level]) for name, level in spec.skills
            if name in skills and level in levels]


def _xapi_id(provider: DemoProvider, product: DemoProduct) -> str:
    return f"{provider.website}/activities/{product.code.lower()}"


def load_catalogue(actor: Any) -> list[str]:
    """The providers and their products, through the catalogue service."""
    add_provider = _function("services.catalogue", "create_provider", "add_provider")
    add_product = _function("services.catalogue", "create_product", "add_product")
    if add_provider is None or add_product is None:
        return ["Catalogue: the catalogue service is not there yet; no providers added."]
    added_providers = added_products = 0
    for spec in PROVIDERS:
        provider = Provider.objects.filter(name=spec.name).first()
        if provider is None:
            provider = add_provider(actor=actor, name=spec.name,
                                    company_number=spec.company_number, website=spec.website,
                                    aliases=list(spec.aliases))
            added_providers += 1
        for item in spec.products:
            if Product.objects.filter(provider=provider, code=item.code).exists():
                continue
            add_product(
                actor=actor, provider=provider, title=item.title, code=item.code,
                kind=item.kind, mode=item.mode, duration_hours=Decimal(item.hours),
                list_price=Decimal(item.price), description=item.description,
                skills=_product_skills(item),
                audience="grades" if item.grades else "open", grades=list(item.grades),
                url=f"{spec.website}/courses/{item.code.lower()}",
                xapi_activity_id=_xapi_id(spec, item))
            added_products += 1
    if not added_providers and not added_products:
        return ["Catalogue: demo providers and products already there."]
    return [f"Catalogue: {added_providers} providers and {added_products} products, each "
            "tied to framework skills and levels."]


# --------------------------------------------------------------------------- contracts

FRAMEWORK = "Digital and data learning supply framework"
#: (lot number, title, description, skills: every skill of these providers' products)
LOTS = (
    (1, "Software, infrastructure and security",
     "Technical courses for engineers, testers and security specialists.",
     ("Northgate Digital Academy", "Kestrel Cyber Training")),
    (2, "Data and analysis",
     "Courses and qualifications for data engineers, scientists and analysts.",
     ("Fenwick Data School",)),
    (3, "Product, delivery and user-centred design",
     "Agile delivery, product management, user research and accessibility.",
     ("Harbour Lane Learning", "Ashdown User Research Institute")),
)


@dataclass(frozen=True)
class DemoContract:
    reference: str
    title: str
    supplier: str
    buyers: tuple[str, ...]
    lot: int | None
    #: Start and end, in months from today (negative: in the past).
    starts: int
    ends: int
    ceiling: str
    #: Contracted price as a share of each product's list price.
    discount: str


CONTRACTS = (
    DemoContract("DWP-LRN-0101", "Software engineering training", "Northgate Digital Academy",
                 ("DWP",), 1, -20, 4, "450000", "0.82"),
    DemoContract("DWP-LRN-0102", "Data skills programme", "Fenwick Data School", ("DWP",), 2,
                 -26, 10, "900000", "0.85"),
    DemoContract("DWP-LRN-0103", "Agile and product training", "Harbour Lane Learning",
                 ("DWP",), 3, -6, 30, "600000", "0.88"),
    DemoContract("DWP-LRN-0104", "Leadership coaching", "Blue Fern Coaching", ("DWP",), None,
                 -30, 5, "250000", "0.90"),
    DemoContract("HMRC-TR-2231", "Engineering and cloud courses", "Northgate Digital Academy",
                 ("HMRC",), 1, -8, 20, "380000", "0.90"),
    DemoContract("HMRC-TR-2232", "Cyber security training", "Kestrel Cyber Training",
                 ("HMRC",), 1, -15, 8, "220000", "0.87"),
    DemoContract("DVLA-L-0042", "Data and analysis courses", "Fenwick Data School", ("DVLA",), 2,
                 -33, 3, "150000", "0.93"),
    DemoContract("GDS-DWP-UR-01", "User research and accessibility", "Ashdown User Research "
                 "Institute", ("GDS", "DWP"), 3, -10, 14, "300000", "0.84"),
    DemoContract("HMRC-TR-2240", "Professional qualifications", "Meridian Professional "
                 "Qualifications", ("HMRC", "DVLA"), None, -18, 11, "200000", "0.91"),
)


def _months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months (to the 1st, so every month has it)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def load_contracts(actor: Any) -> list[str]:
    """The supply framework, its lots and the contracts with their rate cards."""
    services = _module("services.contracts")
    if services is None:
        return ["Contracts: the contracts service is not there yet; no contracts added."]
    if not Provider.objects.filter(name__in=[c.supplier for c in CONTRACTS]).exists():
        return ["Contracts: no demo providers (the catalogue part added none); no contracts."]
    today = timezone.localdate()
    lines = []
    framework = SupplyFramework.objects.filter(name=FRAMEWORK).first()
    if framework is None:
        framework = services.create_framework(
            actor=actor, name=FRAMEWORK, reference="DDL-2024",
            starts_on=_months(today, -36), ends_on=_months(today, 36),
            description="A cross-government framework for professional learning in digital, "
                        "data and technology, with one lot per kind of learning.")
        for number, title, description, suppliers in LOTS:
            names = sorted({name for spec in PROVIDERS if spec.name in suppliers
                            for item in spec.products for name, _ in item.skills})
            services.add_lot(actor=actor, framework=framework, number=number, title=title,
                             description=description, skills=list(_skills(names).values()))
        lines.append(f"{FRAMEWORK}: {len(LOTS)} lots, each with the framework skills it "
                     "covers.")
    lots = {lot.number: lot for lot in framework.lots.all()}
    organisations = {o.abbreviation: o for o in Organisation.objects.filter(
        abbreviation__in={b for c in CONTRACTS for b in c.buyers})}
    added = soon = within_year = 0
    for spec in CONTRACTS:
        supplier = Provider.objects.filter(name=spec.supplier).first()
        buyers = [organisations[b] for b in spec.buyers if b in organisations]
        if supplier is None or not buyers or Contract.objects.filter(
                reference=spec.reference).exists():
            continue
        ends_on = _months(today, spec.ends) - dt.timedelta(days=1)
        contract = services.create_contract(
            actor=actor, reference=spec.reference, title=spec.title, supplier=supplier,
            buyers=buyers, starts_on=_months(today, spec.starts), ends_on=ends_on,
            framework=framework if spec.lot else None,
            lot=lots.get(spec.lot) if spec.lot else None,
            ceiling_value=Decimal(spec.ceiling),
            notes="Called off for the demo.")
        for product in supplier.products.order_by("code"):
            services.set_rate(actor=actor, contract=contract, product=product,
                              unit_price=_money(product.list_price * Decimal(spec.discount)))
        added += 1
        soon += ends_on <= today + dt.timedelta(days=183)
        within_year += today + dt.timedelta(days=183) < ends_on <= today + dt.timedelta(
            days=365)
    if added:
        lines.append(f"Contracts: {added} call-off contracts with rate cards; {soon} end within "
                     f"6 months and {within_year} more within 12.")
    return lines or ["Contracts: the demo framework and contracts already there."]


# --------------------------------------------------------------------------- spend

#: The organisations with a spend file: (abbreviation, lines, how their prices compare
#: with the list price, their finance system's headers in file order).
SPEND_ORGANISATIONS = (
    ("DWP", 1500, "1.00"),
    ("HMRC", 1100, "0.92"),
    ("DVLA", 700, "1.12"),
)
SPEND_HEADERS = {
    "Posting date": "date",
    "Supplier name": "supplier",
    "Line description": "description",
    "Net amount": "amount",
    "Delegates": "attendees",
    "PO number": "purchase_order",
    "Cost centre": "cost_centre",
}
SPEND_MAPPING = "Finance system"
SPEND_FILE = "learning-spend-demo.csv"


def _financial_year_start(day: dt.date) -> dt.date:
    return dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)  # noqa: PLR2004


def spend_file(abbreviation: str, count: int, factor: str, rng: random.Random) -> bytes:
    """A CSV spend file over three financial years (the current one so far): mostly lines for
    catalogue products under their own names, some under finance-system spellings of the
    supplier or loose names of the product (to review) and some for suppliers that are not
    learning providers."""
    today = timezone.localdate()
    first = _financial_year_start(today).replace(year=_financial_year_start(today).year - 2)
    days = (today - first).days
    products = [(provider, item) for provider in PROVIDERS for item in provider.products]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(list(SPEND_HEADERS))
    for n in range(count):
        spent_on = first + dt.timedelta(days=rng.randrange(days))
        roll = rng.random()
        provider, item = rng.choice(products)
        attendees = rng.choice((1, 1, 1, 2, 2, 3, 4, 6, 8, 12))
        supplier = provider.name
        description = item.title
        if roll < 0.08:  # noqa: PLR2004 - a finance system's spelling: to review
            supplier = rng.choice(provider.spend_names)
            description = f"{item.title} - {attendees} delegates"
        elif roll < 0.15:  # noqa: PLR2004 - a trading name the catalogue knows
            supplier = rng.choice(provider.aliases)
        elif roll < 0.18:  # noqa: PLR2004 - not a learning supplier
            supplier = rng.choice(OTHER_SUPPLIERS)
            description = "Room hire and refreshments" if "Venues" in supplier else "Sundries"
        elif roll < 0.23:  # noqa: PLR2004 - a known supplier, the product loosely named
            description = " ".join(item.title.split()[:2]) + " training"
        unit = Decimal(item.price) * Decimal(factor) * Decimal(rng.choice(
            ("0.85", "0.90", "0.95", "1.00", "1.00", "1.05", "1.10")))
        amount = _money(unit * attendees)
        writer.writerow([spent_on.isoformat(), supplier, description, f"{amount}", attendees,
                         f"PO{abbreviation}{100000 + n}",
                         rng.choice(("DIG-100", "DIG-200", "DATA-310", "TECH-400"))])
    return out.getvalue().encode("utf-8")


def load_spend(actor: Any, rng: random.Random) -> list[str]:
    """A spend file per demo organisation, through a saved mapping and the import service."""
    importer = _function("services.spend", "import_spend")
    save_mapping = _function("services.spend", "save_mapping")
    if importer is None or save_mapping is None:
        return ["Spend: the spend import service is not there yet; no spend added."]
    if not Provider.objects.filter(name__in=[p.name for p in PROVIDERS]).exists():
        return ["Spend: no demo providers (the catalogue part added none); no spend."]
    lines = []
    for abbreviation, count, factor in SPEND_ORGANISATIONS:
        organisation = Organisation.objects.filter(abbreviation=abbreviation).first()
        if organisation is None or SpendImport.objects.filter(
                organisation=organisation, filename=SPEND_FILE).exists():
            continue
        save_mapping(actor=actor, organisation=organisation, name=SPEND_MAPPING,
                     columns=dict(SPEND_HEADERS))
        data = spend_file(abbreviation, count, factor, rng)
        result = importer(actor=actor, organisation=organisation, data=data,
                          filename=SPEND_FILE, mapping_name=SPEND_MAPPING)
        lines.append(f"Spend: {abbreviation}, {result.rows} lines over three financial years "
                     f"through the '{SPEND_MAPPING}' mapping; {result.matched} matched, "
                     f"{result.to_review} waiting for review, {result.unmatched} not "
                     "learning suppliers.")
    return lines or ["Spend: the demo spend files already there."]


# --------------------------------------------------------------------------- pay ranges

#: Grade code -> (minimum, maximum) yearly pay in pounds, for the Civil Service grades (the
#: ones role levels name, so the ones the contingent labour comparison reads). Illustrative
#: national ranges, not any department's pay award.
PAY_RANGES = {
    "AA": (22800, 24200), "AO": (23500, 25500), "EO": (28000, 31500),
    "HEO": (34000, 38500), "SEO": (41000, 46500), "G7": (54000, 64500),
    "G6": (65000, 77500), "SCS1": (75000, 117800), "SCS2": (97000, 162500),
    "SCS3": (125000, 208100),
}
#: Employer National Insurance and pension, as a share of pay.
ON_COST_PERCENT = "28.5"


def load_pay_ranges(actor: Any) -> list[str]:
    """Pay ranges for the Civil Service grades, through the rates service."""
    setter = _function("services.rates", "create_pay_range")
    if setter is None:
        return ["Pay ranges: the rates service is not there yet; no pay ranges added."]
    from cadre.learning.models import PayRange
    from cadre.organisations.models import Grade

    grades = {g.code: g for g in Grade.objects.filter(code__in=PAY_RANGES)}
    start = _financial_year_start(timezone.localdate())
    added = 0
    for code, (low, high) in PAY_RANGES.items():
        grade = grades.get(code)
        if grade is None or PayRange.objects.filter(grade=grade).exists():
            continue
        setter(actor=actor, grade=grade, minimum=low, maximum=high,
               on_cost_percent=ON_COST_PERCENT, effective_from=start,
               source="Demo figures for illustration")
        added += 1
    if not added:
        return ["Pay ranges: already there."]
    return [f"Pay ranges: {added} Civil Service grades, to cost contingent roles against "
            "employed staff."]


# --------------------------------------------------------------------------- learning records


#: The label of the demo provider's credential.
CREDENTIAL_LABEL = "Demo learning platform"
#: A product the demo professional has completed (a learning record sent for it).
COMPLETED_PRODUCT = "NDA-CL1"


def _professional_activity(actor: Any, product: Product) -> Any:
    """The demo professional's formal plan activity for ``product`` (made if missing)."""
    from cadre.assessments import services as plans
    from cadre.assessments.models import Activity
    from cadre.people.demo import DEMO_PROFESSIONAL
    from cadre.people.models import Person

    person = Person.objects.filter(staff_number=DEMO_PROFESSIONAL,
                                   account__isnull=False).first()
    if person is None:
        return None
    description = f"Take the {product.title} course"
    activity = Activity.objects.filter(objective__plan__person=person,
                                       description=description).first()
    if activity is not None:
        return activity
    built = product.skills.select_related("skill", "level").order_by("skill__name").first()
    if built is None:
        return None
    objective = plans.add_objective(
        actor=actor, person=person, skill=built.skill, target_level=built.level,
        target_date=timezone.localdate() + dt.timedelta(days=240),
        description=f"Reach {built.level.name} in {built.skill.name} through a course.")
    return plans.add_activity(actor=actor, objective=objective, kind=Activity.Kind.FORMAL,
                              description=description)


def _completion(person_email: str, product: Product, when: dt.datetime) -> dict:
    """An xAPI ``completed`` statement from the provider's platform."""
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{product.xapi_activity_id}|{person_email}")),
        "actor": {"objectType": "Agent", "mbox": f"mailto:{person_email}"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed",
                 "display": {"en-GB": "completed"}},
        "object": {"objectType": "Activity", "id": product.xapi_activity_id,
                   "definition": {"name": {"en-GB": product.title}}},
        "result": {"completion": True},
        "timestamp": when.isoformat(),
    }


def load_records(actor: Any) -> list[str]:
    """An xAPI credential for one provider; the demo professional's plan activity linked to
    one of its products (a statement about it would complete the activity), and a learning
    record of another product the professional completed (which added CPD)."""
    services = _module("services.xapi")
    if services is None or not hasattr(services, "create_credential"):
        return ["Learning records: the xAPI service is not there yet; no credential added."]
    from cadre.learning.models import ActivityProduct, ProviderCredential, StoredStatement

    provider = Provider.objects.filter(name=XAPI_PROVIDER).first()
    if provider is None:
        return ["Learning records: no demo provider (the catalogue part added none)."]
    lines = []
    credential = ProviderCredential.objects.filter(
        provider=provider, label=CREDENTIAL_LABEL, revoked_at__isnull=True).first()
    if credential is None:
        credential, secret = services.create_credential(
            actor=actor, provider=provider, label=CREDENTIAL_LABEL)
        lines.append(f"Learning records: an xAPI credential for {provider.name}: key "
                     f"{credential.key}, secret {secret} (shown once; POST /xapi/statements "
                     "with Basic auth).")
    linked = provider.products.filter(code=LINKED_PRODUCT).first()
    activity = _professional_activity(actor, linked) if linked is not None else None
    if activity is not None and not ActivityProduct.objects.filter(activity=activity).exists():
        services.link_activity(actor=actor, activity=activity, product=linked)
        lines.append(f"{activity.objective.plan.person}: the plan activity '{activity}' "
                     f"linked to {linked.title}.")
    done = provider.products.filter(code=COMPLETED_PRODUCT).first()
    person = activity.objective.plan.person if activity is not None else None
    if done is not None and person is not None and person.account is not None:
        email = person.account.email
        statement = _completion(email, done, timezone.now() - dt.timedelta(days=12))
        if not StoredStatement.objects.filter(statement_id=statement["id"]).exists():
            services.store_statements(credential=credential, statements=[statement])
            lines.append(f"{person}: a learning record from {provider.name}: completed "
                         f"{done.title} (added as CPD).")
    return lines or ["Learning records: the demo credential and records already there."]


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Load the demo; the lines say what was added (or was there, or is not possible yet)."""
    if default_framework() is None:
        return ["No default framework: run cadre load_defaults first."]
    return [*load_catalogue(actor), *load_contracts(actor), *load_spend(actor, rng),
            *load_pay_ranges(actor), *load_records(actor)]
