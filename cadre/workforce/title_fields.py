"""The context of a job title: other fields' words, technology words, ambiguous roles. No Django.

Public bodies employ people in many fields besides digital, data and technology. A
qualifier, team name or word before the role that names one of those fields ("Delivery
manager - prison education", "Fleet network manager") is evidence that the title is
outside the profession, unless the role phrase is unmistakably technology or a
technology word stands beside it. This module holds that vocabulary as plain data:

- ``FIELD_WORDS``: words and short phrases of other fields -> a plain-English field label;
- ``TECH_WORDS`` / ``WEAK_TECH_WORDS``: words and phrases that put a qualifier in
  technology work, strongly or only weakly (disjoint sets; ``ALL_TECH_WORDS`` is both);
- ``NEUTRAL_WORDS``: words common to technology titles that name no field at all;
- ``AMBIGUOUS_ROLE_PHRASES``: role phrases the engine knows that other fields use too;
- ``ORGANISATION_TYPE_ALIASES``: organisation types as labelled sets write them -> Cadre codes.

All phrases are in normalised form (``classifier.normalise_title``): lower case, no
punctuation, abbreviations expanded, noise words such as "contract" or "post" dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cadre.workforce import title_knowledge as tk


def _phrases(text: str) -> frozenset[str]:
    """The whitespace-separated phrases of a block ("|" joins a phrase's words)."""
    return frozenset(item.replace("|", " ") for item in text.split())


def _by_field(groups: Mapping[str, str]) -> dict[str, str]:
    """Phrase -> field from field -> whitespace-separated phrases ("|" joins a phrase's words).

    A phrase listed under two fields is a mistake in the table: it raises ValueError."""
    out: dict[str, str] = {}
    for label, text in groups.items():
        for item in text.split():
            phrase = item.replace("|", " ")
            if phrase in out and out[phrase] != label:
                raise ValueError(f"'{phrase}' is listed under '{out[phrase]}' and '{label}'")
            out[phrase] = label
    return out


# Words of several words are joined with "|" so that each field's list reads as one block.
_FIELDS: dict[str, str] = {
    "justice": """
        prison prisons prisoner prisoners probation offender offenders offending reoffending
        custody custodial youth|justice youth|offending young|offenders rehabilitation
        resettlement|of|offenders parole sentence sentencing remand detention|centre
        secure|training|centre approved|premises community|payback unpaid|work
        victim victims witness witnesses restorative|justice criminal|justice justice
        """,
    "courts and tribunals": """
        court courts tribunal tribunals magistrates magistrate crown|court county|court
        judicial judiciary judge judges usher ushers bailiff bailiffs jury coroner coroners
        inquest inquests court|listing legal|adviser enforcement|agent
        """,
    "policing": """
        police policing constable constables sergeant sergeants detective detectives pcso
        crime crimes criminal forensic forensics firearms counter|terrorism neighbourhood|policing
        roads|policing road|policing collision|investigation exhibits evidential evidence
        public|protection missing|persons safeguarding|hub offender|management
        """,
    "security and intelligence": """
        intelligence counter|intelligence national|security protective|security vetting
        security|guard security|guards
        """,
    "fire and rescue": """
        fire firefighter firefighters fire|and|rescue rescue fire|safety fire|prevention
        fire|protection fire|station watch|manager crew|manager station|manager hydrant
        hydrants breathing|apparatus incident|command retained|duty
        """,
    "emergency control rooms": """
        control|room control|rooms call|handler call|handlers call|handling dispatcher
        dispatchers emergency|call emergency|calls
        """,
    "emergency planning": """
        emergency|planning civil|contingencies emergency|preparedness business|continuity
        contingency|planning emergency|management emergency|response resilience|forum
        community|resilience civil|protection
        """,
    "education": """
        school schools pupil pupils curriculum teacher teachers teaching classroom education
        educational early|years nursery nurseries special|educational|needs exams examinations
        examination further|education higher|education college colleges student students
        apprenticeship apprenticeships tutor tutors lecturer lecturers headteacher
        attendance|officer admissions school|admissions academy academies ofsted
        """,
    "health care": """
        clinical clinician clinicians patient patients ward wards pharmacy pharmacist
        pharmacists pharmaceutical medicines medical nursing nurse nurses midwifery midwife
        midwives hospital hospitals general|practice primary|care secondary|care
        mental|health dental dentist ambulance paramedic paramedics surgery surgical
        outpatient outpatients inpatient emergency|department cancer oncology cardiology
        renal neonatal paediatric paediatrics physiotherapy physiotherapist radiography
        radiographer radiology pathology audiology optometry dietetics dietitian
        infection|prevention infection|control vaccination immunisation transfusion
        blood clinic clinics health|visitor district|nurse healthcare health|care
        operating|theatre theatres|nurse occupational|therapy occupational|therapist
        diagnostic|imaging clinical|coding clinical|coder care|quality sexual|health
        substance|misuse drugs|and|alcohol biomedical medical|physics
        clinical|engineering hospice bed beds bed|management patient|flow
        """,
    "public health": """
        public|health health|protection epidemiology epidemiologist health|improvement
        screening health|visiting
        """,
    "social care": """
        social|care social|worker social|workers social|work care|home care|homes foster
        fostering adoption childrens adult|social|care adults looked|after|children
        care|leavers reablement carers domiciliary residential|care home|care
        safeguarding family|support early|help child|protection youth|work youth|worker
        """,
    "maritime and ports": """
        harbour harbours harbour|master port ports marine maritime vessel vessels ship ships
        shipping coastguard dock docks quay pilotage lighthouse lighthouses mariner mariners
        seafarer seafarers offshore ferry ferries boat boats hydrographic hydrography
        """,
    "transport and fleet": """
        fleet vehicle vehicles depot depots bus buses rail railway railways train trains
        tram trams rolling|stock signalling aviation airport airports aircraft airfield
        air|traffic driver drivers driving taxi taxis passenger passengers transport
        freight logistics routes bus|routes route|planning concessionary|travel
        road|safety school|transport active|travel cycling parking car|park car|parks
        hgv mechanic mechanics haulage
        """,
    "highways": """
        highway highways road roads bridge bridges street|lighting street|works streetworks
        drainage winter|maintenance gritting potholes footways footway carriageway
        traffic traffic|signals traffic|management tunnels resurfacing
        """,
    "estates and facilities": """
        estates estate facilities building buildings premises property properties
        building|maintenance planned|maintenance reactive|maintenance grounds|maintenance
        catering cleaning cleaner cleaners caretaker caretaking porter porters portering
        reception receptionist facilities|management accommodation hvac
        mechanical|and|electrical energy|management space|planning mailroom mail|room
        canteen kitchen chef chefs cook cooks hospitality grounds
        """,
    "finance": """
        finance financial accounts accountant accountants accounting treasury budget budgets
        budgeting management|accounts accounts|payable accounts|receivable debt debts
        debtors creditors income invoice invoices invoicing billing insurance grants grant
        funding fund funds investment investments ledger purchase|ledger sales|ledger
        exchequer cashier
        cashiers debt|collections income|collections collections|and|recovery
        credit|control loans lending fiscal financial|reporting
        """,
    "human resources": """
        hr human|resources people payroll recruitment recruiter recruiters resourcing talent
        workforce employee|relations occupational|health wellbeing pay|and|reward reward
        learning|and|development organisational|development training|and|development
        trainer trainers training|officer training|coordinator absence disciplinary
        grievance job|evaluation workforce|planning people|partner
        """,
    "equality and inclusion": """
        equality equalities inclusion diversity diversity|and|inclusion
        """,
    "legal": """
        legal lawyer lawyers solicitor solicitors barrister barristers paralegal paralegals
        litigation conveyancing prosecution prosecutor prosecutors counsel law legal|aid
        legislation legislative
        """,
    "procurement and contracts": """
        procurement purchasing buyer buyers buying contracts commissioning commissioner
        supplier suppliers supply|chain commercial tender tenders tendering sourcing
        category|management
        """,
    "benefits and pensions": """
        benefit benefits pension pensions universal|credit jobcentre job|centre work|coach
        work|coaches jobseekers claimant claimants child|maintenance disability
        personal|independence|payment state|pension housing|benefit welfare welfare|rights
        revenues|and|benefits
        """,
    "tax and customs": """
        tax taxes taxation vat excise customs tariff tariffs council|tax business|rates
        revenues stamp|duty income|tax self|assessment tax|compliance
        """,
    "museums, libraries and archives": """
        museum museums collections gallery galleries archive archives archivist archivists
        library libraries librarian librarians curator curators curatorial conservator
        conservators exhibition exhibitions
        """,
    "records management": """
        records records|management medical|records health|records
        """,
    "culture and heritage": """
        heritage historic listed|buildings arts culture cultural tourism archaeology
        archaeologist archaeological monuments palace palaces castle castles festival
        festivals conservation visitor visitors visitor|services music photography
        """,
    "farming and fisheries": """
        farm farms farming farmer farmers agriculture agricultural livestock animal animals
        animal|health veterinary vet vets fisheries fishery fishing fish crop crops
        plant|health horticulture horticultural rural forestry forest forests woodland
        woodlands tree trees arboricultural dairy food|standards
        """,
    "environment": """
        environment environmental ecology ecologist ecological biodiversity nature wildlife
        flood floods flooding flood|risk coastal water|quality water air|quality pollution
        contaminated|land climate climate|change carbon net|zero sustainability sustainable
        energy decarbonisation emissions river rivers reservoir reservoirs catchment
        countryside rights|of|way hydrology hydrologist geology
        """,
    "housing": """
        housing homelessness homeless tenancy tenancies tenant tenants lettings letting
        landlord landlords rent rents leasehold leaseholder leaseholders voids repairs
        housing|allocations sheltered|housing supported|housing social|housing
        council|housing housing|association right|to|buy
        """,
    "planning": """
        planning town|planning spatial|planning development|management planning|enforcement
        planning|application planning|policy land|charges local|land|charges minerals
        placemaking urban|design landscape neighbourhood|planning building|control
        land|registration developer|contributions s106
        community|infrastructure|levy
        """,
    "regeneration and economic development": """
        regeneration economic|development inward|investment business|growth
        business|support|grants levelling|up levelling|up|fund shared|prosperity|fund
        towns|fund
        """,
    "waste": """
        waste recycling refuse bin bins street|cleansing cleansing landfill fly|tipping
        litter waste|collection household|waste trade|waste waste|management
        """,
    "leisure": """
        leisure sport sports fitness gym swimming lifeguard lifeguards parks playground
        play recreation leisure|centre sports|centre open|spaces green|spaces allotments
        golf olympic olympics paralympic paralympics athlete athletes athletics
        elite|sport commonwealth|games
        """,
    "registration and bereavement": """
        cemetery cemeteries crematorium bereavement registrar registrars
        births|deaths|and|marriages marriages ceremonies
        """,
    "democratic services": """
        elections electoral electoral|registration democratic|services councillors
        committee committees scrutiny civic mayor mayoral
        """,
    "communities": """
        community communities community|development community|safety anti|social|behaviour
        volunteer volunteers volunteering voluntary|sector cctv
        """,
    "communications and marketing": """
        communications comms marketing press press|office media public|relations campaign
        campaigns brand branding publications publishing editorial news newsletter
        internal|communications engagement stakeholder|engagement public|affairs
        speechwriter speech|writer copywriter journalist advertising sponsorship
        fundraising events translation interpreter interpreting conference conferences
        """,
    "customer contact and casework": """
        contact|centre call|centre customer|service customer|services complaints complaint
        casework caseworker caseworkers case|worker case|officer case|management
        """,
    "policy": """
        policy policies parliamentary parliament ministerial minister ministers
        private|office private|secretary cabinet correspondence briefing briefings
        international trade treaty diplomatic embassy consular foreign overseas
        international|development
        """,
    "statistics, economics and social research": """
        statistics statistician statisticians statistical economics economist economists
        economic social|research social|researcher operational|research
        operational|researcher evaluation actuary actuarial
        """,
    "science and research (non-digital)": """
        research scientific laboratory laboratories chemistry chemist chemists biology
        biologist biologists microbiology physics physicist physicists genomics toxicology
        metrology meteorology meteorologist forecaster forecasters geoscience geologist
        oceanography nuclear radiation materials clinical|trials
        """,
    "defence and military": """
        defence military army navy naval royal|navy air|force royal|air|force armed|forces
        veterans veteran reserve|forces cadet cadets munitions weapons ordnance submarine
        submarines warship warships dockyard barracks garrison regiment battalion squadron
        soldier soldiers sailor sailors missile missiles
        """,
    "border and immigration": """
        border borders immigration visa visas passport passports asylum citizenship
        nationality migration migrants refugee refugees detention
        """,
    "licensing and regulation": """
        licensing trading|standards environmental|health food|safety food|hygiene
        regulation regulatory regulator inspection inspections inspectorate enforcement
        compliance permits permitting weights|and|measures pest|control animal|welfare
        gambling alcohol taxi|licensing noise nuisance
        """,
    "health and safety": """
        health|and|safety safety occupational|safety
        """,
    "engineering (non-digital)": """
        civil civil|engineering structural mechanical electrical chemical aeronautical
        aerospace geotechnical marine|engineering building|services plumbing plumber
        plumbers electrician electricians gas boiler boilers heating ventilation pumping
        hydraulic hydraulics surveyor surveyors surveying quantity|surveyor construction
        fabrication welding welder manufacturing lifts escalator escalators elevator
        elevators passenger|lifts air|conditioning refrigeration sprinkler sprinklers
        fire|alarm fire|alarms intruder|alarm intruder|alarms
        """,
    "energy and utilities": """
        electricity utilities sewerage power|station
        """,
}

#: Normalised word or phrase of another field -> the field's plain-English label.
FIELD_WORDS: dict[str, str] = _by_field(_FIELDS)

#: Words and phrases that put a qualifier or team name in technology work.
TECH_WORDS: frozenset[str] = _phrases("""
    digital data technology it software cloud cyber devops agile scrum kanban api apis
    database databases analytics hosting computing computer computers server servers
    informatics website websites intranet internet online web telephony telecoms
    telecommunications sql sharepoint salesforce azure aws kubernetes docker terraform
    linux unix windows vmware citrix servicenow jira github mainframe cobol java python
    javascript react php microservices etl itil itsm siam cmdb devsecops mlops dataops
    finops firewall firewalls cybersecurity m365 crm erp
    """) | _phrases("""
    cyber|security information|security it|security cyber|defence threat|intelligence
    user|research user|centred|design user|experience user|interface end|user|computing
    service|desk help|desk it|service|desk it|service|management it|service|continuity
    machine|learning artificial|intelligence business|intelligence management|information
    data|science data|engineering data|analytics data|and|analytics health|informatics
    electronic|patient|record electronic|health|record electronic|patient|records
    digital|transformation digital|services digital|service digital|workplace
    power|business|intelligence active|directory google|cloud microsoft|dynamics
    open|source open|data route|to|live capacity|planning enterprise|resource|planning
    resource|planning release|planning sprint|planning robotic|process|automation
    research|software software|licensing software|licence software|licences
    it|asset|management software|asset|management network|operations|centre
    security|operations|centre operations|bridge penetration|testing
    unified|communications service|integration|and|management clinical|systems
    clinical|system clinical|informatics
    """)

#: Words that lean towards technology but are used in other fields too ("systems" of a
#: ship, "network" of roads, "infrastructure" of a railway). Disjoint from TECH_WORDS.
WEAK_TECH_WORDS: frozenset[str] = _phrases("""
    systems system network networks application infrastructure platform platforms
    security technical integration automation electronic portal integrations
    information digitisation bioinformatics technologies gis
    """)

#: Technology words of both strengths.
ALL_TECH_WORDS: frozenset[str] = TECH_WORDS | WEAK_TECH_WORDS

#: Words common in technology titles that name no field; never in FIELD_WORDS.
NEUTRAL_WORDS: frozenset[str] = _phrases("""
    service services operations operational support systems network data digital product
    products delivery platform security change release incident problem design content
    performance business information project projects programme programmes quality test
    testing architecture infrastructure solution application customer customers
    management manager officer analyst engineer lead team unit transformation improvement
    strategy strategic assurance governance control centre development
    """)

#: Role phrases (normalised, as the engine knows them) that name a framework role but are
#: also used in other fields: a qualifier or modifier from another field should take a
#: title that rests on one of these out of the profession. Decided phrase by phrase from
#: the engine's table; phrases with a technology word ("digital delivery manager") or
#: that no other field uses ("software developer", "user researcher") are not here.
AMBIGUOUS_ROLE_PHRASES: frozenset[str] = _phrases("""
    accessibility accessibility|lead accessibility|specialist head|of|accessibility
    junior|accessibility|specialist senior|accessibility|specialist
    automation|engineer
    business|analyst business|analysis junior|business|analyst lead|business|analyst
    senior|business|analyst trainee|business|analyst head|of|business|analysis
    business|architect business|architecture associate|business|architect
    lead|business|architect trainee|business|architect
    business|relationship|manager lead|business|relationship|manager
    senior|business|relationship|manager
    change|manager change|analyst change|coordinator configuration|manager
    configuration|analyst release|manager release|analyst release|coordinator
    chief|technical|officer
    coder
    command|and|control command|and|control|centre|manager command|centre command|control
    head|of|command|and|control operational|control operational|control|manager
    operations|centre network|operations|centre operations|bridge monitoring|analyst
    senior|operations|analyst
    content|editor content|strategist content|strategy
    data|officer data|manager data|quality|officer information|analyst
    insight|analyst insights|analyst reporting|analyst
    delivery|lead delivery|manager associate|delivery|manager senior|delivery|manager
    programme|delivery|manager
    design|authority
    developer apprentice|developer junior|developer senior|developer lead|developer
    principal|developer development|engineer development|manager
    first|line|support help|desk help|desk|analyst second|line
    incident incident|manager major|incident|manager incident|analyst incident|management
    problem|manager problem|analyst problem|management
    infrastructure infrastructure|engineer associate|infrastructure|engineer
    lead|infrastructure|engineer principal|infrastructure|engineer
    senior|infrastructure|engineer infrastructure|architect infrastructure|operations
    infrastructure|operations|engineer associate|infrastructure|operations|engineer
    lead|infrastructure|operations|engineer principal|infrastructure|operations|engineer
    senior|infrastructure|operations|engineer
    network|manager network|analyst network|specialist network|support network|engineer
    operations|engineer
    performance|analyst performance|analysis head|of|performance|analysis
    associate|performance|analyst lead|performance|analyst senior|performance|analyst
    head|of|portfolio
    product|manager product|owner product|lead head|of|product associate|product|manager
    lead|product|manager senior|product|manager product|designer
    production|support reliability|engineer requirements|analyst requirements|engineer
    service|acceptance service|acceptance|analyst service|readiness
    service|readiness|analyst service|transition service|transition|manager
    lead|service|transition|manager service|transition|analyst
    service|management service|owner service|level|manager service|level|management
    service|level|analyst
    service|integration|manager service|integration|lead
    storage|engineer systems|analyst systems|architect systems|engineer systems|officer
    systems|support systems|support|analyst
    technical|architect technical|lead technical|project|manager technical|support
    technical|writer technical|author technical|documentation documentation|writer
    lead|technical|writer
    tester test|analyst test|engineer test|manager test|lead testing|analyst
    testing|manager head|of|test head|of|testing associate|test|engineer
    lead|test|engineer senior|test|engineer quality|assurance|analyst
    quality|assurance|engineer quality|assurance|lead quality|assurance|manager
    quality|assurance|tester
    configuration|management change|and|configuration|manager change|and|configuration|analyst
    configuration|management|analyst incident|management|analyst major|incident|management
    incident|and|problem|manager problem|management|analyst
    capacity|and|availability|manager availability|and|capacity|manager
    first|line|support|analyst first|line|support|engineer first|line|support|technician
    first|line|analyst first|line|engineer second|line|support second|line|support|analyst
    second|line|support|engineer second|line|support|technician second|line|analyst
    second|line|engineer second|line|technician third|line|support
    third|line|support|engineer third|line|support|analyst third|line|engineer
    third|line|analyst request|fulfilment request|fulfilment|analyst
    service|introduction|manager service|introduction|analyst continual|service|improvement
    continual|service|improvement|manager service|management|process|owner
    service|management|process|manager technical|product|owner technical|product|manager
    service|transition|coordinator
    quality|assurance capacity|manager availability|manager capacity|management
    availability|management capacity|analyst availability|analyst event|management
    event|manager event|management|analyst event|monitoring
    service|desk service|desk|manager service|desk|analyst service|desk|coordinator
    service|desk|agent service|desk|technician service|desk|engineer
    """)

#: Organisation types as Cadre and other labelled sets write them -> Cadre's codes.
ORGANISATION_TYPE_ALIASES: dict[str, str] = {
    # Cadre's own codes
    "ministerial_department": "ministerial_department",
    "non_ministerial_department": "non_ministerial_department",
    "agency": "agency",
    "arms_length_body": "arms_length_body",
    "devolved_administration": "devolved_administration",
    "local_authority": "local_authority",
    "nhs_body": "nhs_body",
    "police_force": "police_force",
    "fire_and_rescue_service": "fire_and_rescue_service",
    "other_public_body": "other_public_body",
    # the shared development set (../shared/data/job-titles/dev.csv)
    "central_department": "ministerial_department",
    "devolved": "devolved_administration",
    "fire_and_rescue": "fire_and_rescue_service",
    "nhs": "nhs_body",
    "police": "police_force",
    # other common spellings
    "ministerial": "ministerial_department",
    "non_ministerial": "non_ministerial_department",
    "executive_agency": "agency",
    "alb": "arms_length_body",
    "ndpb": "arms_length_body",
    "non_departmental_public_body": "arms_length_body",
    "devolved_government": "devolved_administration",
    "council": "local_authority",
    "nhs_trust": "nhs_body",
    "fire": "fire_and_rescue_service",
    "fire_service": "fire_and_rescue_service",
    "public_body": "other_public_body",
    "other": "other_public_body",
}


def organisation_type_code(value: str | None) -> str:
    """Cadre's code for an organisation type as written ("NHS", "central-department").

    "" when the value is empty or names no known type."""
    key = (value or "").strip().lower().replace("-", "_").replace(" ", "_")
    return ORGANISATION_TYPE_ALIASES.get(key, "")


#: Phrases that name a duty of the post, not a field ("Principal Developer - People
#: Manager"): never another field's words.
DUTY_PHRASES: frozenset[str] = _phrases("""
    line|manager line|management people|manager people|management people|leader
    people|lead
    team|leader team|manager budget|holder
    """)

# Longer technology, role and duty phrases that may contain a field word: inside one of
# them the word is not another field's ("operations bridge", "research software",
# "it asset", "people manager").
_SHIELDS: frozenset[str] = frozenset(
    p for p in ALL_TECH_WORDS | set(tk.ROLE_PHRASES) | DUTY_PHRASES
    if " " in p and p not in FIELD_WORDS)


def _prefixes(phrases: frozenset[str] | set[str]) -> frozenset[str]:
    """Every phrase's leading words ("a", "a b", "a b c" for "a b c")."""
    out: set[str] = set()
    for phrase in phrases:
        words = phrase.split()
        out.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
    return frozenset(out)


_FIELD_PREFIXES = _prefixes(set(FIELD_WORDS) | _SHIELDS)
_TECH_PREFIXES = _prefixes(ALL_TECH_WORDS)


def _scan(words: Sequence[str], table: Mapping[str, object] | frozenset[str],
          shields: frozenset[str], prefixes: frozenset[str]) -> list[tuple[str, int]]:
    """(phrase, start) of table phrases in the words, longest first, no overlaps.

    Shield phrases take their words like table phrases but are not returned."""
    candidates: list[tuple[int, int, str, bool]] = []
    size = len(words)
    for start in range(size):
        phrase = words[start]
        end = start + 1
        while phrase in prefixes:
            if phrase in table:
                candidates.append((end - start, start, phrase, True))
            elif phrase in shields:
                candidates.append((end - start, start, phrase, False))
            if end == size:
                break
            phrase = f"{phrase} {words[end]}"
            end += 1
    if not candidates:
        return []
    if len(candidates) == 1:
        return [(candidates[0][2], candidates[0][1])] if candidates[0][3] else []
    candidates.sort(key=lambda c: (-c[0], c[1]))
    taken = [False] * size
    found: list[tuple[str, int]] = []
    for n, start, phrase, wanted in candidates:
        if any(taken[start:start + n]):
            continue
        taken[start:start + n] = [True] * n
        if wanted:
            found.append((phrase, start))
    return found


def field_spans(words: Sequence[str]) -> list[tuple[str, int, str]]:
    """(phrase, start, field) of other fields' phrases in the words, as ``field_of``."""
    return [(p, s, FIELD_WORDS[p]) for p, s in _scan(words, FIELD_WORDS, _SHIELDS,
                                                     _FIELD_PREFIXES)]


def tech_spans(words: Sequence[str]) -> list[tuple[str, int, bool]]:
    """(phrase, start, strong) of technology words and phrases in the words, as ``tech_of``."""
    return [(p, s, p in TECH_WORDS)
            for p, s in _scan(words, ALL_TECH_WORDS, frozenset(), _TECH_PREFIXES)]


def field_of(words: Sequence[str]) -> list[tuple[str, str]]:
    """The (phrase, field) pairs in normalised words: longest phrase first, then in title
    order, no two overlapping. A field word inside a longer technology or role phrase
    ("operations bridge") does not count."""
    return [(p, FIELD_WORDS[p]) for p, _s in _scan(words, FIELD_WORDS, _SHIELDS, _FIELD_PREFIXES)]


def tech_of(words: Sequence[str]) -> list[tuple[str, bool]]:
    """The (phrase, strong) technology words and phrases in normalised words, longest first."""
    return [(p, p in TECH_WORDS)
            for p, _s in _scan(words, ALL_TECH_WORDS, frozenset(), _TECH_PREFIXES)]
