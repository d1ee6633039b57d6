"""The rules the permission map attaches to each URL.

A rule answers one coarse question about the account ("may this kind of user
open this page at all?"). Which records they then see is decided by the
selectors; these rules never grant access to data on their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist

from cadre.access.roles import Role
from cadre.access.scope import Scope, scope_for


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    test: Callable[[object, Scope], bool]
    allows_anonymous: bool = False

    def allows(self, user: object) -> bool:
        if self.allows_anonymous:
            return True
        scope = scope_for(user)
        return scope.authenticated and self.test(user, scope)


def _has_person(user: object) -> bool:
    """Whether the account is linked to a person record (kept on the account object).

    The reverse one-to-one from people.Person (access does not import people). It is a
    query, and Django does not remember a missing one, so the answer is kept; the rules
    below test the roles (already loaded) first."""
    cached = getattr(user, "_cadre_has_person", None)
    if cached is None:
        try:
            cached = user.person is not None  # type: ignore[attr-defined]
        except ObjectDoesNotExist:
            cached = False
        except AttributeError:  # AnonymousUser has no person
            cached = False
        user._cadre_has_person = cached  # type: ignore[attr-defined]
    return cached


def _has_reports(user: object) -> bool:
    """Whether the account's person record manages anyone (kept on the account object)."""
    cached = getattr(user, "_cadre_has_reports", None)
    if cached is None:
        cached = _has_person(user) and user.person.reports.exists()  # type: ignore[attr-defined]
        user._cadre_has_reports = cached  # type: ignore[attr-defined]
    return cached


PUBLIC = Rule("public", "Anyone, signed in or not.", lambda u, s: True, allows_anonymous=True)
SIGNED_IN = Rule("signed_in", "Any signed-in account.", lambda u, s: True)
NAMED_RECORDS = Rule(
    "named_records",
    "Accounts that may see named people: anyone with a person record or a role other "
    "than analyst. Selectors then narrow to the records in scope.",
    lambda u, s: bool(s.roles - {Role.ANALYST}) or _has_person(u),
)
PEOPLE_MANAGERS = Rule(
    "people_managers",
    "Heads of profession (their organisations), the central team and administrators.",
    lambda u, s: s.has(Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
)
AGGREGATES = Rule(
    "aggregates",
    "Analysts, heads of profession, the central team and administrators (suppressed counts).",
    lambda u, s: s.has(
        Role.ANALYST, Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR
    ),
)
CAPABILITY_COUNTS = Rule(
    "capability_counts",
    "Accounts that see skill coverage as suppressed counts: everyone in AGGREGATES, and "
    "learning leads, who plan learning from it (ADR 23).",
    lambda u, s: s.has(Role.ANALYST, Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM,
                       Role.ADMINISTRATOR, Role.LEARNING_LEAD),
)
CENTRAL = Rule(
    "central",
    "The central profession team and administrators.",
    lambda u, s: s.has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
)
ADMINISTRATOR = Rule(
    "administrator", "Administrators only.", lambda u, s: s.has(Role.ADMINISTRATOR)
)
ACCOUNT_LINKERS = Rule(
    "account_linkers",
    "Administrators and heads of profession, who link accounts to person records "
    "(heads of profession for their organisations' people).",
    lambda u, s: s.has(Role.ADMINISTRATOR, Role.HEAD_OF_PROFESSION),
)

OWN_RECORD = Rule(
    "own_record",
    "Accounts linked to a person record: pages about the person themselves.",
    lambda u, s: _has_person(u),
)
LINE_MANAGERS = Rule(
    "line_managers",
    "Accounts whose person record has direct reports: pages about their team.",
    lambda u, s: _has_reports(u),
)
PEOPLE_RECORDS = Rule(
    "people_records",
    "Accounts that see people by name: anyone with a person record (themselves and the "
    "chain below them), heads of profession and learning leads (their organisations), the "
    "central team and administrators. Selectors then narrow to the records in scope.",
    lambda u, s: (s.has(Role.HEAD_OF_PROFESSION, Role.LEARNING_LEAD,
                        Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
                  or _has_person(u)),
)
PERSON_EDITORS = Rule(
    "person_editors",
    "Accounts that change person records: a person their own, heads of profession their "
    "organisations', the central team and administrators anyone's.",
    lambda u, s: (s.has(Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
                  or _has_person(u)),
)
CAPABILITY_RECORDS = Rule(
    "capability_records",
    "Accounts that see named capability (profiles, assessments, evidence, plans): anyone "
    "with a person record, heads of profession, assessors (agreed assessments), the central "
    "team and administrators (assessments.selectors.capability_people).",
    lambda u, s: (s.has(Role.HEAD_OF_PROFESSION, Role.ASSESSOR,
                        Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
                  or _has_person(u)),
)
TALENT_RECORDS = Rule(
    "talent_records",
    "Accounts that see named ratings, pool places and succession plans: line managers "
    "(the chain below them), heads of profession, the central team and administrators "
    "(talent.selectors.sensitive_people).",
    lambda u, s: s.has(Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
    or _has_reports(u),
)
MOVE_RECORDS = Rule(
    "move_records",
    "Accounts that see managed moves: the person moving (and the chain above them), heads "
    "of profession of either organisation, the central team and administrators.",
    lambda u, s: (s.has(Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
                  or _has_person(u)),
)
def _fast_stream_role(user: object) -> str:
    """"streamer" when the account's person record is a fast streamer, "host" when it
    manages a Fast Stream offer, else "" (kept on the account object). Read through the
    reverse relations ``fast_streamer`` and ``hosted_offers`` of ``programmes``, which
    access does not import."""
    cached = getattr(user, "_cadre_fast_stream", None)
    if cached is None:
        cached = ""
        if _has_person(user):
            person = user.person  # type: ignore[attr-defined]
            if hasattr(person, "fast_streamer"):
                cached = "streamer"
            elif getattr(person, "hosted_offers", None) is not None and \
                    person.hosted_offers.exists():
                cached = "host"
        user._cadre_fast_stream = cached  # type: ignore[attr-defined]
    return cached


PROGRAMME_RECORDS = Rule(
    "programme_records",
    "Accounts that see Fast Stream records: fast streamers and host managers, heads of "
    "profession, the central team and administrators (programmes.selectors).",
    lambda u, s: (s.has(Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
                  or bool(_fast_stream_role(u))),
)
FAST_STREAM_PARTICIPANTS = Rule(
    "fast_stream_participants",
    "Fast streamers and host managers: their own Fast Stream page.",
    lambda u, s: bool(_fast_stream_role(u)),
)
FAST_STREAMERS = Rule(
    "fast_streamers",
    "Fast streamers: ranking the offers of their rounds.",
    lambda u, s: _fast_stream_role(u) == "streamer",
)
def _is_apprentice(user: object) -> bool:
    """Whether the account's person is an apprentice (the reverse one-to-one ``apprentice``
    of ``programmes``, which access does not import); remembered on the account object."""
    cached = getattr(user, "_cadre_apprentice", None)
    if cached is None:
        cached = bool(_has_person(user)) and hasattr(user.person, "apprentice")  # type: ignore[attr-defined]
        user._cadre_apprentice = cached  # type: ignore[attr-defined]
    return cached


APPRENTICES = Rule(
    "apprentices",
    "Apprentices: their own apprenticeship page and evidence log.",
    lambda u, s: _is_apprentice(u),
)


def _is_academy_candidate(user: object) -> bool:
    """Whether the account's person was ever nominated to an academy (the reverse relation
    ``academy_candidacies`` of ``programmes``, which access does not import); remembered
    on the account object for the request."""
    cached = getattr(user, "_cadre_academy_candidate", None)
    if cached is None:
        cached = bool(_has_person(user)) and user.person.academy_candidacies.exists()  # type: ignore[attr-defined]
        user._cadre_academy_candidate = cached  # type: ignore[attr-defined]
    return cached


ACADEMY_CANDIDATES = Rule(
    "academy_candidates",
    "Who sees academy candidacies: the nominee, heads of profession (their organisations), "
    "the central team and administrators (programmes.selectors.academies).",
    lambda u, s: (s.has(Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
                  or _is_academy_candidate(u)),
)



def _in_accreditation(user: object, part: str) -> bool:
    """Whether the account's person takes ``part`` in accreditation: "applicant" (has an
    application), "drafter" (has a draft one), "decided" (has one decided), "supporter"
    (named on one), "holder" (has an award), "cpd" (has a CPD record) or "assessor" (is in the
    assessor pool). Read through the reverse relations of ``accreditation``, which access
    does not import; each answer is remembered on the account object."""
    answers = getattr(user, "_cadre_accreditation", None)
    if answers is None:
        answers = {}
        user._cadre_accreditation = answers  # type: ignore[attr-defined]
    if part not in answers:
        found = False
        if _has_person(user):
            person = user.person  # type: ignore[attr-defined]
            found = {
                "applicant": lambda: person.accreditation_applications.exists(),
                "drafter": lambda: person.accreditation_applications.filter(
                    state="draft").exists(),
                "decided": lambda: person.accreditation_applications.filter(
                    decided_at__isnull=False).exists(),
                "supporter": lambda: person.supported_applications.exists(),
                "holder": lambda: person.accreditation_awards.exists(),
                "cpd": lambda: person.cpd_records.filter(source="typed").exists(),
                "assessor": lambda: hasattr(person, "assessor"),
            }[part]()
        answers[part] = found
    return answers[part]


def _runs_schemes(s: Scope) -> bool:
    return s.has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR)


ACCREDITATION_DRAFTERS = Rule(
    "accreditation_drafters",
    "Applicants with a draft accreditation application: its statements, evidence and "
    "supporter (accreditation.selectors.applications.own_applications).",
    lambda u, s: _in_accreditation(u, "drafter"),
)
ACCREDITATION_SUPPORTERS = Rule(
    "accreditation_supporters",
    "People named as supporter on an accreditation application: confirming its statements.",
    lambda u, s: _in_accreditation(u, "supporter"),
)
ACCREDITATION_APPLICATIONS = Rule(
    "accreditation_applications",
    "Who sees an accreditation application: its applicant, its named supporter, the central "
    "team and administrators (accreditation.selectors.applications.visible_applications).",
    lambda u, s: (_runs_schemes(s) or _in_accreditation(u, "applicant")
                  or _in_accreditation(u, "supporter")),
)
ACCREDITATION_DECISIONS = Rule(
    "accreditation_decisions",
    "Who reads panel decisions: applicants with a decided application, the central team and "
    "administrators (accreditation.selectors.assessment.decided_applications).",
    lambda u, s: _runs_schemes(s) or _in_accreditation(u, "decided"),
)
ACCREDITATION_APPELLANTS = Rule(
    "accreditation_appellants",
    "Applicants with a decided accreditation application: appealing against it.",
    lambda u, s: _in_accreditation(u, "decided"),
)
ACCREDITATION_RECORDS = Rule(
    "accreditation_records",
    "Who lists accreditation awards: anyone with a person record (their own), the central "
    "team and administrators (every award; accreditation.selectors.credentials).",
    lambda u, s: _runs_schemes(s) or _has_person(u),
)
ACCREDITATION_HOLDERS = Rule(
    "accreditation_holders",
    "Who downloads a signed credential or certificate: award holders (their own), the central "
    "team and administrators (accreditation.selectors.credentials.may_download).",
    lambda u, s: _runs_schemes(s) or _in_accreditation(u, "holder"),
)
CPD_RECORD_EDITORS = Rule(
    "cpd_record_editors",
    "Who opens a CPD record to change it: people with CPD records they typed in (only those "
    "can change, linked from their CPD page; accreditation.selectors.cpd.may_change).",
    lambda u, s: _in_accreditation(u, "cpd"),
)
ACCREDITATION_ASSESSORS = Rule(
    "accreditation_assessors",
    "Accreditation assessors (a person record in the assessor pool): the applications "
    "allocated to them (accreditation.selectors.assessment.assessor_allocations).",
    lambda u, s: _in_accreditation(u, "assessor"),
)
ACCREDITATION_ASSESSOR_RECORDS = Rule(
    "accreditation_assessor_records",
    "Who opens an assessor's record: the assessor (their own, to declare conflicts), the "
    "central team and administrators (accreditation.selectors.allocation).",
    lambda u, s: _runs_schemes(s) or _in_accreditation(u, "assessor"),
)


BENCH_USERS = Rule(
    "bench_users",
    "Accounts that use the specialist bench: specialists (a person record), programme "
    "managers, heads of profession, the central team and administrators.",
    lambda u, s: (s.has(Role.PROGRAMME_MANAGER, Role.HEAD_OF_PROFESSION,
                        Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
                  or _has_person(u)),
)
BENCH_REQUESTERS = Rule(
    "bench_requesters",
    "Accounts that ask for a specialist's time: programme managers, heads of profession, "
    "the central team and administrators (bench.selectors.may_request).",
    lambda u, s: s.has(Role.PROGRAMME_MANAGER, Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM,
                       Role.ADMINISTRATOR),
)

LEARNING_SUPPLY = Rule(
    "learning_supply",
    "Accounts that keep the learning catalogue, contracts and spend: learning leads (their "
    "organisations' contracts and spend), the central team and administrators "
    "(learning.selectors and learning.services narrow each record).",
    lambda u, s: s.has(Role.LEARNING_LEAD, Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
)
LEARNING_FIGURES = Rule(
    "learning_figures",
    "Accounts that see learning supply figures (spend baseline, price variance, demand, "
    "contractor day-rate benchmarks): learning leads, heads of profession, analysts, the "
    "central team and administrators; counts of people are suppressed below 5.",
    lambda u, s: s.has(Role.LEARNING_LEAD, Role.HEAD_OF_PROFESSION, Role.ANALYST,
                       Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
)

COMMUNITY_MEMBERS = Rule(
    "community_members",
    "Accounts linked to a person record, from any public-sector organisation: they join "
    "communities, register for events, sign up for mentoring and answer surveys "
    "(community.services check each record again).",
    lambda u, s: _has_person(u),
)
COMMUNITY_ORGANISERS = Rule(
    "community_organisers",
    "Accounts that set up communities of practice and appoint their leads: heads of "
    "profession, the central team and administrators. A community's leads (a membership, "
    "not a role) run its events (community.services.networks).",
    lambda u, s: s.has(Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
)


def _in_community(user: object, *, lead: bool) -> bool:
    """Whether the account's person has a current community membership (a lead one when
    ``lead``), read through ``person.community_memberships`` (access does not import
    community); remembered on the account object."""
    key = "_cadre_community_lead" if lead else "_cadre_community_member"
    cached = getattr(user, key, None)
    if cached is None:
        cached = False
        if _has_person(user):
            current = user.person.community_memberships.filter(  # type: ignore[attr-defined]
                left_on__isnull=True)
            cached = (current.filter(role="lead") if lead else current).exists()
        setattr(user, key, cached)
    return cached


COMMUNITY_LEADS = Rule(
    "community_leads",
    "Accounts that run community events and members: community organisers and people who "
    "lead a community (a current lead membership); community.services.networks checks the "
    "community itself.",
    lambda u, s: (s.has(Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
                  or _in_community(u, lead=True)),
)
COMMUNITY_PARTICIPANTS = Rule(
    "community_participants",
    "Accounts that see who belongs to a community: community organisers and members of any "
    "community (community.views.networks checks membership of the community itself).",
    lambda u, s: (s.has(Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
                  or _in_community(u, lead=False)),
)
MENTORING_ORGANISERS = Rule(
    "mentoring_organisers",
    "Accounts that run mentoring schemes and their matching: programme managers, the "
    "central team and administrators.",
    lambda u, s: s.has(Role.PROGRAMME_MANAGER, Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
)
EXCHANGE_TRADERS = Rule(
    "exchange_traders",
    "Accounts that offer and book learning exchange sessions for their organisations: "
    "learning leads and heads of profession (their organisations), the central team and "
    "administrators (community.services.exchange narrows each organisation).",
    lambda u, s: s.has(Role.LEARNING_LEAD, Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM,
                       Role.ADMINISTRATOR),
)
COMMUNICATIONS = Rule(
    "communications",
    "Accounts that keep the stakeholder register, define audiences and draft, assure and "
    "send messages to the profession: the central team and administrators.",
    lambda u, s: s.has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
)
SURVEY_ORGANISERS = Rule(
    "survey_organisers",
    "Accounts that write and open perception surveys: the central team and administrators.",
    lambda u, s: s.has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
)
COMMUNITY_FIGURES = Rule(
    "community_figures",
    "Accounts that see survey results and the impact of taking part: heads of profession, "
    "analysts, the central team and administrators; survey results are suppressed below 10 "
    "responses and impact groups below 5 for everyone.",
    lambda u, s: s.has(Role.HEAD_OF_PROFESSION, Role.ANALYST, Role.CENTRAL_TEAM,
                       Role.ADMINISTRATOR),
)

STRATEGY_EDITORS = Rule(
    "strategy_editors",
    "Accounts that set up strategies, workstreams, metric definitions, the ICT function "
    "taxonomy, operating models and strategic suppliers, import published strategy data and "
    "give the central delivery-confidence rating: the central team and administrators.",
    lambda u, s: s.has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
)
STRATEGY_CONTRIBUTORS = Rule(
    "strategy_contributors",
    "Accounts that report for their organisations: commitments, progress and plans, the "
    "owner's delivery-confidence rating and milestone progress, metric values, the retained "
    "ICT function matrix and supplier scores. Heads of profession (their organisations), the "
    "central team and administrators (strategy.services narrow each organisation).",
    lambda u, s: s.has(Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
)
STRATEGY_FIGURES = Rule(
    "strategy_figures",
    "Accounts that see strategy metrics by organisation, the retained-function checks and "
    "contribution counts: heads of profession, analysts, the central team and "
    "administrators; counts of people are suppressed below 5 for everyone.",
    lambda u, s: s.has(Role.HEAD_OF_PROFESSION, Role.ANALYST, Role.CENTRAL_TEAM,
                       Role.ADMINISTRATOR),
)
# strategy (issue 19): a rule an area needs beyond the three above goes below this line.

RECRUITMENT_HUB = Rule(
    "recruitment_hub",
    "The recruitment hub: the central team and administrators, who run any campaign, provide "
    "panel members, enter market pay figures and manage the reserve list.",
    lambda u, s: s.has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
)
RECRUITERS = Rule(
    "recruiters",
    "Accounts that run recruitment campaigns: heads of profession (their organisations' "
    "campaigns; recruitment.services narrow each organisation) and the hub.",
    lambda u, s: s.has(Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
)


def _on_panel(user: object) -> bool:
    """Whether the account's person sits on a recruitment panel of a campaign that is not
    closed, read through ``person.recruitment_panel_seats`` (access does not import
    recruitment); remembered on the account object."""
    cached = getattr(user, "_cadre_on_panel", None)
    if cached is None:
        cached = bool(_has_person(user) and user.person.recruitment_panel_seats.exclude(  # type: ignore[attr-defined]
            campaign__state__in=("closed", "cancelled")).exists())
        user._cadre_on_panel = cached
    return cached


PANEL_MEMBERS = Rule(
    "panel_members",
    "Accounts whose person sits on a sift or interview panel of a live campaign, and the hub; "
    "recruitment.selectors show each member only the applications allocated to them.",
    lambda u, s: s.has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR) or _on_panel(u),
)
RECRUITMENT_FIGURES = Rule(
    "recruitment_figures",
    "Accounts that see recruitment outcomes and pay benchmarks: heads of profession, analysts, "
    "the central team and administrators; counts of people are suppressed below 5 for "
    "everyone.",
    lambda u, s: s.has(Role.HEAD_OF_PROFESSION, Role.ANALYST, Role.CENTRAL_TEAM,
                       Role.ADMINISTRATOR),
)
# recruitment (issue 21): a rule an area needs beyond the four above goes below this line.
PANELS_AND_RECRUITERS = Rule(
    "panels_and_recruiters",
    "Accounts that sit on a live recruitment panel or run recruitment campaigns (panels "
    "area); recruitment.selectors.panels show members only their own campaigns' panels and "
    "the applications allocated to them.",
    lambda u, s: RECRUITERS.test(u, s) or PANEL_MEMBERS.test(u, s),
)


def _on_reserve_list(user: object) -> bool:
    """Whether the account's person is (or was) a candidate on the recruitment reserve list,
    read through ``person.recruitment_candidacies`` (access does not import recruitment);
    remembered on the account object."""
    cached = getattr(user, "_cadre_on_reserve", None)
    if cached is None:
        cached = bool(_has_person(user) and user.person.recruitment_candidacies.filter(  # type: ignore[attr-defined]
            application__reserve_entry__isnull=False).exists())
        user._cadre_on_reserve = cached  # type: ignore[attr-defined]
    return cached


RESERVE_USERS = Rule(
    "reserve_users",
    "Accounts that use the recruitment reserve list (reserve area): those who run campaigns "
    "(heads of profession, the hub) and internal candidates with a reserve-list entry; "
    "recruitment.selectors.reserve narrows each to the entries it may see.",
    lambda u, s: RECRUITERS.test(u, s) or _on_reserve_list(u),
)


def _is_candidate(user: object) -> bool:
    """Whether the account's person has applied to (or been recorded on) a recruitment
    campaign, read through ``person.recruitment_candidacies`` (access does not import
    recruitment); remembered on the account object."""
    cached = getattr(user, "_cadre_candidate", None)
    if cached is None:
        cached = bool(_has_person(user) and user.person.recruitment_candidacies.filter(  # type: ignore[attr-defined]
            application__isnull=False).exists())
        user._cadre_candidate = cached  # type: ignore[attr-defined]
    return cached


APPLICATION_READERS = Rule(
    "application_readers",
    "Accounts that open a recruitment application (applications area): those who run "
    "campaigns, panel members and internal candidates; recruitment.selectors.applications "
    "narrows each to the campaign's recruiters, the members allocated to it and the "
    "candidate.",
    lambda u, s: RECRUITERS.test(u, s) or PANEL_MEMBERS.test(u, s) or _is_candidate(u),
)
APPLICATION_WITHDRAWERS = Rule(
    "application_withdrawers",
    "Accounts that withdraw a recruitment application (applications area): the campaign's "
    "recruiters and the internal candidate themselves (recruitment.selectors.applications).",
    lambda u, s: RECRUITERS.test(u, s) or _is_candidate(u),
)

#: A permission-map entry: one rule for every method, or a rule per HTTP method.
Entry = Rule | dict[str, Rule]
