"""The permission map: every URL name in the project, and the rule that guards it.

This is the single place that says who may open what. ``PermissionMapMiddleware``
(pages) and ``PermissionMapPermission`` (API) both read it (through the
``CADRE_PERMISSION_MAP`` setting, so ``cadre`` does not import this module), and refuse any URL
that has no entry; ``cadre/access/tests/test_permission_map.py`` fails when a
URL is added without one, or when an entry names a URL that no longer exists.

Rules decide whether a kind of account may use a URL at all. Which records it
then sees is decided by the selectors (for example ``people.selectors.visible_people``).
A value is either one rule for all methods, or a dict of rules per HTTP method
(``GET`` covers HEAD and OPTIONS; a writing method that is not named is refused).
"""

from cadre.access.rules import (
    ACADEMY_CANDIDATES,
    ACCOUNT_LINKERS,
    ACCREDITATION_APPELLANTS,
    ACCREDITATION_APPLICATIONS,
    ACCREDITATION_ASSESSOR_RECORDS,
    ACCREDITATION_ASSESSORS,
    ACCREDITATION_DECISIONS,
    ACCREDITATION_DRAFTERS,
    ACCREDITATION_HOLDERS,
    ACCREDITATION_RECORDS,
    ACCREDITATION_SUPPORTERS,
    ADMINISTRATOR,
    AGGREGATES,
    APPLICATION_READERS,
    APPLICATION_WITHDRAWERS,
    APPRENTICES,
    BENCH_REQUESTERS,
    BENCH_USERS,
    CAPABILITY_COUNTS,
    CAPABILITY_RECORDS,
    CENTRAL,
    COMMUNICATIONS,
    COMMUNITY_FIGURES,
    COMMUNITY_LEADS,
    COMMUNITY_MEMBERS,
    COMMUNITY_ORGANISERS,
    COMMUNITY_PARTICIPANTS,
    CPD_RECORD_EDITORS,
    EXCHANGE_TRADERS,
    FAST_STREAM_PARTICIPANTS,
    FAST_STREAMERS,
    LEARNING_FIGURES,
    LEARNING_SUPPLY,
    LINE_MANAGERS,
    MENTORING_ORGANISERS,
    MOVE_RECORDS,
    OWN_RECORD,
    PANEL_MEMBERS,
    PANELS_AND_RECRUITERS,
    PEOPLE_MANAGERS,
    PEOPLE_RECORDS,
    PERSON_EDITORS,
    PROGRAMME_RECORDS,
    PUBLIC,
    RECRUITERS,
    RECRUITMENT_FIGURES,
    RECRUITMENT_HUB,
    RESERVE_USERS,
    SIGNED_IN,
    STRATEGY_CONTRIBUTORS,
    STRATEGY_EDITORS,
    STRATEGY_FIGURES,
    SURVEY_ORGANISERS,
    TALENT_RECORDS,
    Entry,
)

PERMISSION_MAP: dict[str, Entry] = {
    # core
    "core:home": SIGNED_IN,
    "core:healthz": PUBLIC,
    "core:definitions": SIGNED_IN,
    # access
    "access:sign-in": PUBLIC,
    "access:sign-out": PUBLIC,
    "access:password-email": PUBLIC,
    "access:password-email-sent": PUBLIC,
    "access:password-set": PUBLIC,
    "access:password-set-done": PUBLIC,
    "access:signed-out": PUBLIC,
    # identity: the callback from an organisation's sign-in service (ADR 29)
    "identity:callback": PUBLIC,
    # identity: local passwords per organisation (administrators; ADR 29)
    "identity:organisations": ADMINISTRATOR,
    "identity:organisation": {"GET": ADMINISTRATOR, "POST": ADMINISTRATOR},
    "access:accounts": ADMINISTRATOR,
    "access:account-create": ADMINISTRATOR,
    "access:account": ADMINISTRATOR,
    "access:account-active": ADMINISTRATOR,
    "access:role-revoke": ADMINISTRATOR,
    # jobs: each account sees the background jobs it started (jobs.selectors)
    "jobs:list": SIGNED_IN,
    "jobs:detail": SIGNED_IN,
    "jobs:download": SIGNED_IN,
    # notifications (ADR 30): each account its own choices; the outbox for administrators
    # (it holds messages about anyone in any organisation, like the audit trail)
    "notifications:preferences": SIGNED_IN,
    "notifications:outbox": ADMINISTRATOR,
    "notifications:message": ADMINISTRATOR,
    # organisations: reference data; changes by the central team
    "organisations:list": SIGNED_IN,
    "organisations:detail": SIGNED_IN,
    "organisations:create": CENTRAL,
    "organisations:edit": CENTRAL,
    "organisations:import": CENTRAL,
    "organisations:import-confirm": CENTRAL,
    # organisations: former names and machinery-of-government changes (issue 19)
    "organisations:changes": SIGNED_IN,
    "organisations:former-name-add": CENTRAL,
    "organisations:change-add": CENTRAL,
    # framework: everyone signed in reads; the central team and administrators change it
    "framework:home": SIGNED_IN,
    "framework:search": SIGNED_IN,
    "framework:compare": SIGNED_IN,
    "framework:path": SIGNED_IN,
    "framework:versions": SIGNED_IN,
    "framework:diff": SIGNED_IN,
    "framework:export": SIGNED_IN,
    "framework:role-level": SIGNED_IN,
    "framework:role-profile": SIGNED_IN,
    "framework:skill": SIGNED_IN,
    "framework:level-order": CENTRAL,
    # people: named records, scoped by people.selectors
    "people:list": PEOPLE_RECORDS,
    "people:detail": PEOPLE_RECORDS,
    "people:edit": PERSON_EDITORS,
    "people:create": PEOPLE_MANAGERS,
    "people:export": PEOPLE_RECORDS,
    "people:import": PEOPLE_MANAGERS,
    "people:import-confirm": PEOPLE_MANAGERS,
    "people:statistics": AGGREGATES,
    # accounts and people (ADR 23): administrators, heads of profession for their people
    "people:link-account": ACCOUNT_LINKERS,
    "people:unlink-account": {"POST": ACCOUNT_LINKERS},
    # a bouncing work email, flagged for the person's head of profession (ADR 30)
    "people:clear-address-problem": {"POST": PEOPLE_MANAGERS},
    # capability: scoped by assessments.selectors.capability_people
    "assessments:mine": SIGNED_IN,
    "assessments:team": LINE_MANAGERS,
    "assessments:person": CAPABILITY_RECORDS,
    # a form's target: people start their own assessments (assessments.services.start_round)
    "assessments:start-round": {"POST": OWN_RECORD},
    "assessments:gaps-download": CAPABILITY_RECORDS,
    "assessments:round": CAPABILITY_RECORDS,
    "assessments:plan": CAPABILITY_RECORDS,
    "assessments:organisation": PEOPLE_MANAGERS,
    "assessments:skill-drilldown": PEOPLE_MANAGERS,
    "assessments:coverage": CAPABILITY_COUNTS,
    "assessments:cycles": PEOPLE_MANAGERS,
    "assessments:evidence": CAPABILITY_RECORDS,
    "assessments:my-data": OWN_RECORD,
    # workforce: HR extracts (import section)
    "workforce:extracts": PEOPLE_MANAGERS,
    "workforce:extract-upload": PEOPLE_MANAGERS,
    "workforce:extract-mapping": PEOPLE_MANAGERS,
    "workforce:extract-confirm": PEOPLE_MANAGERS,
    "workforce:extract": PEOPLE_MANAGERS,
    "workforce:extract-changes-csv": {"GET": PEOPLE_MANAGERS},
    "workforce:mappings": PEOPLE_MANAGERS,
    # workforce: classification and review (classify section)
    "workforce:review-queue": PEOPLE_MANAGERS,
    "workforce:review-detail": {"GET": PEOPLE_MANAGERS, "POST": PEOPLE_MANAGERS},
    "workforce:review-classify": {"POST": PEOPLE_MANAGERS},
    "workforce:review-try": SIGNED_IN,
    "workforce:review-settings": {"GET": CENTRAL, "POST": CENTRAL},
    # workforce: the workforce picture (picture section)
    "workforce:picture-home": AGGREGATES,
    "workforce:picture-government": AGGREGATES,
    "workforce:picture-organisation": AGGREGATES,
    "workforce:picture-senior": PEOPLE_MANAGERS,
    "talent:home": SIGNED_IN,
    # talent: vacancies, matching, managed moves (mobility section)
    "mobility:vacancy-board": SIGNED_IN,
    "mobility:vacancies-managed": PEOPLE_MANAGERS,
    "mobility:vacancy-create": PEOPLE_MANAGERS,
    "mobility:vacancies-for-me": SIGNED_IN,
    "mobility:vacancy": {"GET": SIGNED_IN, "POST": PEOPLE_MANAGERS},
    "mobility:vacancy-edit": PEOPLE_MANAGERS,
    "mobility:vacancy-matches": PEOPLE_MANAGERS,
    "mobility:vacancy-matches-export": {"GET": PEOPLE_MANAGERS},
    "mobility:mobility-preference": SIGNED_IN,
    "mobility:mobility-policy": {"GET": SIGNED_IN, "POST": CENTRAL},
    "mobility:moves": MOVE_RECORDS,
    "mobility:move-propose": {"POST": PEOPLE_MANAGERS},
    "mobility:move-durations": PEOPLE_MANAGERS,
    "mobility:move": {"GET": MOVE_RECORDS, "POST": PEOPLE_MANAGERS},
    # talent: nine-box, calibration, pools, succession (talent section)
    "talent:ratings": SIGNED_IN,
    "talent:rating": PEOPLE_MANAGERS,
    "talent:cycles": PEOPLE_MANAGERS,
    "talent:ninebox": PEOPLE_MANAGERS,
    "talent:ninebox-export": {"GET": PEOPLE_MANAGERS},
    "talent:ninebox-government": CENTRAL,
    "talent:pools": TALENT_RECORDS,
    "talent:my-pools": SIGNED_IN,
    "talent:pool": TALENT_RECORDS,
    "talent:pool-export": {"GET": TALENT_RECORDS},
    "talent:succession": TALENT_RECORDS,
    "talent:succession-coverage": AGGREGATES,
    "talent:succession-export": {"GET": TALENT_RECORDS},
    "talent:critical-post": TALENT_RECORDS,
    # talent: specialist bench and workforce plans (planning section)
    "bench:bench": BENCH_USERS,
    "bench:bench-specialist": BENCH_USERS,
    "bench:bench-request-new": BENCH_REQUESTERS,
    "bench:bench-window-delete": {"POST": BENCH_USERS},
    "bench:bench-requests": BENCH_USERS,
    "bench:bench-request": BENCH_USERS,
    "bench:bench-export": {"GET": BENCH_USERS},
    "planning:plans": {"GET": AGGREGATES, "POST": PEOPLE_MANAGERS},
    "planning:plan": {"GET": AGGREGATES, "POST": PEOPLE_MANAGERS},
    "planning:plan-demand": PEOPLE_MANAGERS,
    "planning:plan-download": {"GET": AGGREGATES},
    # calendars (ADR 31): the feed's secret token is its credential, so no sign-in; an
    # unknown or revoked token is a 404. The page manages the account's own feed.
    "calendars:ics": PUBLIC,
    "calendars:feed": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    # programmes: IT and CIO Academies (programmes.selectors.academies scopes candidates and
    # members; the services authorise each write: nominees apply, heads of profession
    # nominate their own people, the central team runs the panel)
    "programmes:academies": SIGNED_IN,
    "programmes:academy": SIGNED_IN,
    "programmes:academy-round": {"GET": SIGNED_IN, "POST": PEOPLE_MANAGERS},
    "programmes:academy-candidate": {"GET": ACADEMY_CANDIDATES, "POST": ACADEMY_CANDIDATES},
    "programmes:academy-cadre": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "programmes:academy-create": {"GET": CENTRAL, "POST": CENTRAL},
    "programmes:academy-providers": {"GET": CENTRAL, "POST": CENTRAL},
    "programmes:academy-module-create": {"GET": CENTRAL, "POST": CENTRAL},
    "programmes:academy-round-create": {"GET": CENTRAL, "POST": CENTRAL},
    "programmes:academy-criterion-create": {"GET": CENTRAL, "POST": CENTRAL},
    "programmes:academy-intervention-create": {"GET": CENTRAL, "POST": CENTRAL},
    "programmes:academy-attendance": {"GET": CENTRAL, "POST": CENTRAL},
    "api:academy-list": SIGNED_IN,
    "api:academy-detail": SIGNED_IN,
    "api:academy-round-detail": SIGNED_IN,
    "api:academy-round-transition": {"POST": CENTRAL},
    "api:academy-candidate-transition": {"POST": ACADEMY_CANDIDATES},
    # programmes: the Fast Stream (programmes.selectors scopes every record)
    # programmes: apprentices (programmes.selectors.apprentices scopes every record)
    "programmes:apprentices": PEOPLE_MANAGERS,
    "programmes:apprenticeship-target": PEOPLE_MANAGERS,
    "programmes:apprentice-mine": {"GET": APPRENTICES, "POST": APPRENTICES},  # own evidence
    # one apprentice: heads of profession of the employer or a host see it; the services
    # let only the central team and the employer's heads of profession change it
    "programmes:apprentice": {"GET": PEOPLE_MANAGERS, "POST": PEOPLE_MANAGERS},
    "programmes:apprentice-places": {"GET": PEOPLE_MANAGERS, "POST": PEOPLE_MANAGERS},
    "programmes:apprentice-enrol": {"GET": PEOPLE_MANAGERS, "POST": PEOPLE_MANAGERS},
    "programmes:apprentice-cohort-create": {"GET": CENTRAL, "POST": CENTRAL},
    "programmes:apprentice-partner-create": {"GET": CENTRAL, "POST": CENTRAL},
    "programmes:rounds": {"GET": PEOPLE_MANAGERS, "POST": CENTRAL},
    "programmes:mine": FAST_STREAM_PARTICIPANTS,
    "programmes:round": {"GET": PROGRAMME_RECORDS, "POST": CENTRAL},
    "programmes:offer-create": PEOPLE_MANAGERS,
    "programmes:preferences": FAST_STREAMERS,
    "programmes:allocate": CENTRAL,
    "programmes:offer": PROGRAMME_RECORDS,
    "programmes:posting": PROGRAMME_RECORDS,  # POST: override, objectives, review
    "programmes:schemes": CENTRAL,
    "programmes:intake": CENTRAL,
    "programmes:outcomes": CENTRAL,
    # audit
    "audit:list": ADMINISTRATOR,
    "audit:export": ADMINISTRATOR,
    # API
    "api:schema": SIGNED_IN,
    "api:docs": SIGNED_IN,
    "api:me": SIGNED_IN,
    "api:account-link": {"POST": ACCOUNT_LINKERS},
    "api:organisation-list": {"GET": SIGNED_IN, "POST": CENTRAL},
    "api:organisation-detail": {"GET": SIGNED_IN, "PATCH": CENTRAL},
    "api:organisation-former-names": {"GET": SIGNED_IN, "POST": CENTRAL},
    "api:organisation-changes": {"GET": SIGNED_IN, "POST": CENTRAL},
    "api:grade-list": SIGNED_IN,
    "api:grade-detail": SIGNED_IN,
    "api:unit-list": SIGNED_IN,
    "api:unit-detail": SIGNED_IN,
    "api:person-list": {"GET": PEOPLE_RECORDS, "POST": PEOPLE_MANAGERS},
    "api:person-detail": {"GET": PEOPLE_RECORDS, "PATCH": PERSON_EDITORS},
    "api:framework-list": SIGNED_IN,
    "api:framework-detail": SIGNED_IN,
    "api:framework-export": SIGNED_IN,
    "api:framework-diff": SIGNED_IN,
    "api:framework-import-document": {"POST": CENTRAL},
    "api:role-level-list": SIGNED_IN,
    "api:role-level-detail": SIGNED_IN,
    "api:skill-list": SIGNED_IN,
    "api:skill-detail": SIGNED_IN,
    "api:skill-mapping-list": SIGNED_IN,
    "api:skill-mapping-detail": SIGNED_IN,
    "api:career-path": SIGNED_IN,
    "api:capability": CAPABILITY_RECORDS,
    "api:capability-profile": {"PUT": CAPABILITY_RECORDS},
    "api:capability-start-round": {"POST": OWN_RECORD},
    "api:capability-objectives": {"POST": OWN_RECORD},
    "api:capability-agree-plan": {"POST": OWN_RECORD},
    "api:assessment-round-items": {"POST": OWN_RECORD},
    "api:assessment-round-send-back": {"POST": OWN_RECORD},
    "api:assessment-round-list": CAPABILITY_RECORDS,
    "api:assessment-round-detail": CAPABILITY_RECORDS,
    # API workforce: import section
    "api:workforce-extract-list": {"GET": PEOPLE_MANAGERS, "POST": PEOPLE_MANAGERS},
    "api:workforce-extract-detail": PEOPLE_MANAGERS,
    "api:workforce-extract-changes": PEOPLE_MANAGERS,
    "api:workforce-column-mapping-list": PEOPLE_MANAGERS,
    "api:workforce-column-mapping-detail": {"GET": PEOPLE_MANAGERS, "PUT": PEOPLE_MANAGERS},
    # API workforce: classify section
    "api:workforce-classification-list": PEOPLE_MANAGERS,
    "api:workforce-classification-detail": {"GET": PEOPLE_MANAGERS, "POST": PEOPLE_MANAGERS},
    "api:workforce-classify-organisation": {"POST": PEOPLE_MANAGERS},
    "api:workforce-classify-title": {"POST": SIGNED_IN},
    "api:workforce-classification-settings": {"GET": PEOPLE_MANAGERS, "PUT": CENTRAL,
                                              "PATCH": CENTRAL},
    # API workforce: picture section
    "api:workforce-picture-government": AGGREGATES,
    "api:workforce-picture-organisation": AGGREGATES,
    "api:workforce-picture-senior": PEOPLE_MANAGERS,
    # API talent: mobility section
    "api:vacancy-list": {"GET": SIGNED_IN, "POST": PEOPLE_MANAGERS},
    "api:vacancies-for-me": SIGNED_IN,
    "api:vacancy-detail": {"GET": SIGNED_IN, "PATCH": PEOPLE_MANAGERS},
    "api:vacancy-matches": PEOPLE_MANAGERS,
    "api:vacancy-transition": {"POST": PEOPLE_MANAGERS},
    "api:mobility-preference": {"GET": SIGNED_IN, "PUT": SIGNED_IN},
    "api:mobility-policy": {"GET": SIGNED_IN, "PUT": CENTRAL},
    "api:move-list": {"GET": MOVE_RECORDS, "POST": PEOPLE_MANAGERS},
    "api:move-durations": PEOPLE_MANAGERS,
    "api:move-detail": MOVE_RECORDS,
    "api:move-transition": {"POST": PEOPLE_MANAGERS},
    # API talent: talent section
    "api:talent-cycle-list": {"GET": PEOPLE_MANAGERS, "POST": PEOPLE_MANAGERS},
    "api:talent-ninebox": PEOPLE_MANAGERS,
    "api:talent-ninebox-government": CENTRAL,
    "api:talent-rating-list": {"GET": TALENT_RECORDS, "POST": SIGNED_IN},
    "api:talent-rating-detail": TALENT_RECORDS,
    "api:talent-rating-calibrate": {"POST": PEOPLE_MANAGERS},
    "api:talent-pool-list": {"GET": TALENT_RECORDS, "POST": PEOPLE_MANAGERS},
    "api:talent-my-pools": SIGNED_IN,
    "api:talent-pool-detail": TALENT_RECORDS,
    "api:talent-pool-members": {"POST": PEOPLE_MANAGERS},
    "api:talent-pool-member": {"PATCH": PEOPLE_MANAGERS, "DELETE": PEOPLE_MANAGERS},
    "api:talent-pool-member-actions": {"POST": PEOPLE_MANAGERS},
    "api:critical-post-list": {"GET": TALENT_RECORDS, "POST": PEOPLE_MANAGERS},
    "api:critical-post-detail": {"GET": TALENT_RECORDS, "PATCH": PEOPLE_MANAGERS},
    "api:critical-post-successors": {"POST": PEOPLE_MANAGERS},
    "api:critical-post-candidates": PEOPLE_MANAGERS,
    "api:succession-coverage": AGGREGATES,
    "api:successor-detail": {"GET": TALENT_RECORDS, "PATCH": PEOPLE_MANAGERS,
                             "DELETE": PEOPLE_MANAGERS},
    "api:talent-pool-action": {"PATCH": PEOPLE_MANAGERS},
    # API talent: planning section
    "api:bench-window-list": BENCH_USERS,
    "api:bench-window-detail": {"GET": BENCH_USERS, "DELETE": BENCH_USERS},
    "api:deployment-list": BENCH_USERS,
    "api:deployment-detail": BENCH_USERS,
    "api:deployment-action": {"POST": BENCH_USERS},
    "api:workforce-plan-list": {"GET": AGGREGATES, "POST": PEOPLE_MANAGERS},
    "api:workforce-plan-detail": {"GET": AGGREGATES, "PATCH": PEOPLE_MANAGERS},
    "api:workforce-plan-demand": {"PUT": PEOPLE_MANAGERS},
    "api:calendar-feed": {"GET": SIGNED_IN, "POST": SIGNED_IN, "DELETE": SIGNED_IN},
    # API programmes: apprentices
    "api:programme-apprentice-list": PEOPLE_MANAGERS,
    "api:programme-apprentice-transition": {"POST": PEOPLE_MANAGERS},
    "api:programme-apprenticeship-target": PEOPLE_MANAGERS,
    # API programmes: the Fast Stream
    "api:programme-round-list": {"GET": PROGRAMME_RECORDS, "POST": CENTRAL},
    "api:programme-round-detail": PROGRAMME_RECORDS,
    "api:programme-round-transition": {"POST": CENTRAL},
    "api:programme-round-allocation": CENTRAL,
    "api:programme-offer-list": {"GET": PROGRAMME_RECORDS, "POST": PEOPLE_MANAGERS},
    "api:programme-offer-detail": {"GET": PROGRAMME_RECORDS, "PATCH": PEOPLE_MANAGERS,
                                   "DELETE": PEOPLE_MANAGERS},
    "api:programme-preferences": {"GET": FAST_STREAMERS, "PUT": FAST_STREAMERS},
    "api:programme-offer-ranking": {"PUT": PROGRAMME_RECORDS},
    "api:programme-posting-list": PROGRAMME_RECORDS,
    "api:programme-posting-detail": PROGRAMME_RECORDS,
    "api:programme-posting-override": {"POST": CENTRAL},
    "api:programme-posting-review": {"GET": PROGRAMME_RECORDS, "PUT": PROGRAMME_RECORDS},
    "api:programme-fast-streamer-outcome": {"POST": CENTRAL},
    "api:programme-fast-stream-retention": CENTRAL,
    "api:job-list": {"GET": SIGNED_IN},
    "api:job-detail": {"GET": SIGNED_IN},
    "api:job-download": {"GET": SIGNED_IN},
    "api:notification-preferences": {"GET": SIGNED_IN, "PUT": SIGNED_IN},
    "api:notification-message-list": ADMINISTRATOR,
    "api:identity-organisation-sign-in": {"GET": ADMINISTRATOR, "PATCH": ADMINISTRATOR},
    "api:audit-event-list": ADMINISTRATOR,
    "api:audit-event-detail": ADMINISTRATOR,
    # accreditation: apps (area 2). Any person applies; an application is seen by its
    # applicant, its named supporter and the scheme runners (accreditation.selectors.
    # applications, else 404); services.applications authorises every change. Rounds: open
    # ones listed to everyone, made and moved by the central team.
    "accreditation:applications": OWN_RECORD,
    "accreditation:application-start": {"GET": OWN_RECORD, "POST": OWN_RECORD},
    "accreditation:application": {"GET": ACCREDITATION_APPLICATIONS,
                                  "POST": ACCREDITATION_APPLICATIONS},
    "accreditation:application-statements": {"GET": ACCREDITATION_DRAFTERS,
                                             "POST": ACCREDITATION_DRAFTERS},
    "accreditation:application-evidence": {"GET": ACCREDITATION_DRAFTERS,
                                           "POST": ACCREDITATION_DRAFTERS},
    "accreditation:application-supporter": {"GET": ACCREDITATION_DRAFTERS,
                                            "POST": ACCREDITATION_DRAFTERS},
    "accreditation:application-support": {"GET": ACCREDITATION_SUPPORTERS,
                                          "POST": ACCREDITATION_SUPPORTERS},
    "accreditation:supporting": ACCREDITATION_SUPPORTERS,
    "accreditation:rounds": CENTRAL,
    "accreditation:round-create": {"GET": CENTRAL, "POST": CENTRAL},
    "accreditation:round": {"GET": CENTRAL, "POST": CENTRAL},
    "api:accreditation-application-list": {"GET": SIGNED_IN, "POST": OWN_RECORD},
    "api:accreditation-application-detail": ACCREDITATION_APPLICATIONS,
    "api:accreditation-application-statements": {"POST": ACCREDITATION_DRAFTERS},
    "api:accreditation-application-evidence": {"POST": ACCREDITATION_DRAFTERS},
    "api:accreditation-application-supporter": {"POST": ACCREDITATION_DRAFTERS},
    "api:accreditation-application-support": {"POST": ACCREDITATION_SUPPORTERS},
    "api:accreditation-application-transition": {"POST": SIGNED_IN},
    "api:accreditation-round-list": {"GET": SIGNED_IN, "POST": CENTRAL},
    "api:accreditation-round-detail": SIGNED_IN,
    "api:accreditation-round-transition": {"POST": CENTRAL},
    # accreditation: CPD (area 6). Each person their own records (a 404 without a person
    # record); a person's CPD for their heads of profession and the central team
    # (accreditation.selectors.cpd scopes every read; services.cpd authorises every change).
    "accreditation:cpd": OWN_RECORD,
    "accreditation:cpd-record": {"GET": CPD_RECORD_EDITORS, "POST": CPD_RECORD_EDITORS},
    "accreditation:cpd-person": PEOPLE_MANAGERS,
    "api:accreditation-cpd-list": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "api:accreditation-cpd-detail": {"GET": SIGNED_IN, "PATCH": SIGNED_IN,
                                     "DELETE": SIGNED_IN},
    # accreditation: the hub (links filtered per account) and the measures (area 6): analysts,
    # the central team and administrators every organisation, heads of profession theirs;
    # assessors are named to the central team only (accreditation.selectors.measurement).
    "accreditation:home": SIGNED_IN,
    "accreditation:measures": AGGREGATES,
    "api:accreditation-measures": AGGREGATES,
    # accreditation: cred (area 5). Anyone may check a credential, read the status lists, the
    # issuer profile and the signing keys (no sign-in, like a certificate's public check);
    # the signed file and the certificate are for the holder and the scheme runners
    # (accreditation.selectors.credentials, else 404); runners change an award's status.
    "accreditation:credential-verify": PUBLIC,
    "accreditation:credential-status-list": PUBLIC,
    "accreditation:credential-issuer": PUBLIC,
    "accreditation:credential-keys": PUBLIC,
    "accreditation:credentials": ACCREDITATION_RECORDS,
    "accreditation:credential-json": ACCREDITATION_HOLDERS,
    "accreditation:credential-pdf": ACCREDITATION_HOLDERS,
    "accreditation:credential-status": {"GET": CENTRAL, "POST": CENTRAL},
    "api:accreditation-credential-list": SIGNED_IN,
    "api:accreditation-credential-detail": ACCREDITATION_HOLDERS,
    "api:accreditation-credential-status": {"POST": CENTRAL},
    # accreditation: alloc (area 3). The pool and allocation are the scheme runners'; an
    # assessor opens their own record to declare conflicts (accreditation.selectors.allocation
    # scopes every read and leaves out applications the viewer is excluded from).
    "accreditation:assessors": {"GET": CENTRAL, "POST": CENTRAL},
    "accreditation:assessor": {"GET": ACCREDITATION_ASSESSOR_RECORDS,
                               "POST": ACCREDITATION_ASSESSOR_RECORDS},
    "accreditation:round-allocation": {"GET": CENTRAL, "POST": CENTRAL},
    "api:accreditation-assessor-list": {"GET": CENTRAL, "POST": CENTRAL},
    "api:accreditation-assessor-detail": {"GET": ACCREDITATION_ASSESSOR_RECORDS,
                                          "PATCH": CENTRAL},
    "api:accreditation-assessor-conflicts": {"GET": ACCREDITATION_ASSESSOR_RECORDS,
                                             "POST": ACCREDITATION_ASSESSOR_RECORDS},
    "api:accreditation-round-allocation": {"GET": CENTRAL, "POST": CENTRAL},
    # accreditation: score (area 4). Assessors (a person record) see only their own
    # allocations, never one they are excluded from, and others' scores only once all have
    # submitted (accreditation.selectors.assessment); the panel is the scheme runners';
    # an applicant reads their decision and appeals.
    "accreditation:assessing": ACCREDITATION_ASSESSORS,
    "accreditation:assessment": {"GET": ACCREDITATION_ASSESSORS, "POST": ACCREDITATION_ASSESSORS},
    "accreditation:panel": CENTRAL,
    "accreditation:panel-application": {"GET": CENTRAL, "POST": CENTRAL},
    "accreditation:decision": {"GET": ACCREDITATION_DECISIONS, "POST": ACCREDITATION_APPELLANTS},
    "api:accreditation-allocation-list": ACCREDITATION_ASSESSORS,
    "api:accreditation-allocation-scores": {"GET": ACCREDITATION_ASSESSORS,
                                            "PUT": ACCREDITATION_ASSESSORS},
    "api:accreditation-allocation-submit": {"POST": ACCREDITATION_ASSESSORS},
    "api:accreditation-application-decision": {"POST": CENTRAL},
    "api:accreditation-application-appeal": {"POST": ACCREDITATION_APPELLANTS},
    "api:accreditation-appeal-decision": {"POST": CENTRAL},
    # accreditation: std (area 1). Schemes, levels and published criteria hold no one's
    # data: everyone signed in reads them; drafts and every change are the scheme runners'
    # (accreditation.selectors.standards, services.standards). Eligibility: a person their
    # own; someone else's for those who see their capability (assessments.selectors).
    "accreditation:schemes": SIGNED_IN,
    "accreditation:scheme-create": {"GET": CENTRAL, "POST": CENTRAL},
    "accreditation:scheme": SIGNED_IN,
    "accreditation:scheme-edit": {"GET": CENTRAL, "POST": CENTRAL},
    "accreditation:level-create": {"GET": CENTRAL, "POST": CENTRAL},
    "accreditation:level-edit": {"GET": CENTRAL, "POST": CENTRAL},
    "accreditation:version-create": {"GET": CENTRAL, "POST": CENTRAL},
    "accreditation:version": {"GET": SIGNED_IN, "POST": CENTRAL},
    "accreditation:criterion-create": {"GET": CENTRAL, "POST": CENTRAL},
    "accreditation:criterion-edit": {"GET": CENTRAL, "POST": CENTRAL},
    "accreditation:eligibility": SIGNED_IN,
    "accreditation:person-eligibility": CAPABILITY_RECORDS,
    "api:accreditation-scheme-list": {"GET": SIGNED_IN, "POST": CENTRAL},
    "api:accreditation-scheme-detail": SIGNED_IN,
    "api:accreditation-scheme-levels": {"POST": CENTRAL},
    "api:accreditation-level-versions": {"GET": SIGNED_IN, "POST": CENTRAL},
    "api:accreditation-version-detail": SIGNED_IN,
    "api:accreditation-version-criteria": {"POST": CENTRAL},
    "api:accreditation-version-publish": {"POST": CENTRAL},
    "api:accreditation-eligibility": SIGNED_IN,
    # learning: catalogue (issue 17, area 1). Entries for this area go below this line.
    # The catalogue holds no one's personal data: everyone signed in reads it; learning leads,
    # the central team and administrators keep it (learning.services.catalogue authorises
    # every write again).
    "learning:providers": SIGNED_IN,
    "learning:provider": SIGNED_IN,
    "learning:provider-create": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "learning:provider-edit": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "learning:products": SIGNED_IN,
    "learning:product": SIGNED_IN,
    "learning:product-create": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "learning:product-edit": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "learning:product-withdraw": {"POST": LEARNING_SUPPLY},
    "learning:product-skills": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "learning:catalogue-import": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "api:learning-provider-list": {"GET": SIGNED_IN, "POST": LEARNING_SUPPLY},
    "api:learning-provider-detail": {"GET": SIGNED_IN, "PATCH": LEARNING_SUPPLY},
    "api:learning-product-list": {"GET": SIGNED_IN, "POST": LEARNING_SUPPLY},
    "api:learning-product-detail": {"GET": SIGNED_IN, "PATCH": LEARNING_SUPPLY},
    "api:learning-product-withdrawn": {"POST": LEARNING_SUPPLY},
    "api:learning-product-skills": {"GET": SIGNED_IN, "POST": LEARNING_SUPPLY},
    "api:learning-product-skill": {"DELETE": LEARNING_SUPPLY},
    "api:learning-product-jsonld": SIGNED_IN,
    "api:learning-catalogue-import": {"POST": LEARNING_SUPPLY},
    # learning: contracts (issue 17, area 2). Entries for this area go below this line.
    # Frameworks and lots: every supply account reads them; the central team and
    # administrators write them. Contracts: learning.selectors.contracts narrows reads to a
    # learning lead's organisations' contracts; learning.services.contracts lets a learning
    # lead change only contracts all of whose buyers they lead.
    "learning:contracts": LEARNING_SUPPLY,
    "learning:contract-create": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "learning:contracts-import": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "learning:contracts-coverage": LEARNING_SUPPLY,
    "learning:contract": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "learning:contract-edit": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "learning:contract-rate": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "learning:frameworks": LEARNING_SUPPLY,
    "learning:framework": LEARNING_SUPPLY,
    "learning:framework-create": {"GET": CENTRAL, "POST": CENTRAL},
    "learning:framework-edit": {"GET": CENTRAL, "POST": CENTRAL},
    "learning:lot-create": {"GET": CENTRAL, "POST": CENTRAL},
    "learning:lot-edit": {"GET": CENTRAL, "POST": CENTRAL},
    "api:learning-contract-list": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "api:learning-contract-export": LEARNING_SUPPLY,
    "api:learning-contract-import": {"POST": LEARNING_SUPPLY},
    "api:learning-contract-coverage-all": LEARNING_SUPPLY,
    "api:learning-contract-detail": {"GET": LEARNING_SUPPLY, "PATCH": LEARNING_SUPPLY},
    "api:learning-contract-rates": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "api:learning-contract-rate-detail": {"GET": LEARNING_SUPPLY, "PATCH": LEARNING_SUPPLY,
                                          "DELETE": LEARNING_SUPPLY},
    "api:learning-contract-coverage": LEARNING_SUPPLY,
    "api:learning-framework-list": {"GET": LEARNING_SUPPLY, "POST": CENTRAL},
    "api:learning-framework-detail": {"GET": LEARNING_SUPPLY, "PATCH": CENTRAL},
    "api:learning-framework-lots": {"GET": LEARNING_SUPPLY, "POST": CENTRAL},
    "api:learning-lot-detail": {"GET": LEARNING_SUPPLY, "PATCH": CENTRAL},
    # learning: spend (issue 17, area 3). Entries for this area go below this line.
    # Spend is kept by learning leads (their organisations' imports, lines and review
    # queue: learning.selectors.spend), the central team and administrators (all).
    "learning:spend-imports": LEARNING_SUPPLY,
    "learning:spend-upload": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "learning:spend-mapping": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "learning:spend-confirm": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "learning:spend-import": LEARNING_SUPPLY,
    "learning:spend-mappings": LEARNING_SUPPLY,
    "learning:spend-review": LEARNING_SUPPLY,
    "learning:spend-review-supplier": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "learning:spend-review-description": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "api:learning-spend-import-list": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "api:learning-spend-import-detail": LEARNING_SUPPLY,
    "api:learning-spend-mapping-list": {"GET": LEARNING_SUPPLY, "POST": LEARNING_SUPPLY},
    "api:learning-spend-review": LEARNING_SUPPLY,
    "api:learning-spend-review-supplier": {"POST": LEARNING_SUPPLY},
    "api:learning-spend-review-description": {"POST": LEARNING_SUPPLY},
    # learning: variance and baseline (issue 17, area 4). Entries for this area go below this line.
    # Spend figures across government (organisations named: public spending, no person);
    # headcounts suppressed below 5 (learning.selectors.figures).
    "learning:baseline": LEARNING_FIGURES,
    "learning:baseline-download": LEARNING_FIGURES,
    "learning:variance": LEARNING_FIGURES,
    "learning:variance-download": LEARNING_FIGURES,
    "learning:variance-product": LEARNING_FIGURES,
    "api:learning-baseline": LEARNING_FIGURES,
    "api:learning-variance": LEARNING_FIGURES,
    # learning: demand (issue 17, area 5). Entries for this area go below this line.
    # Counts only (suppressed below 5, the same table for everyone); contracted prices in a
    # pack only from contracts the account may see (learning.selectors.contracts).
    "learning:demand": LEARNING_FIGURES,
    "learning:demand-pack": LEARNING_FIGURES,
    "api:learning-demand": LEARNING_FIGURES,
    "api:learning-demand-pack": LEARNING_FIGURES,
    # learning: contractor rates (issue 17, area 6). Entries for this area go below this line.
    # Day-rate figures are counts of people suppressed below 5 for everyone (learning.selectors
    # .rates); named rates only for people managers, narrowed to the organisations they
    # manage and people they may see by name; pay ranges are reference data the central
    # team keeps.
    "learning:rates": LEARNING_FIGURES,
    "learning:rates-variance": LEARNING_FIGURES,
    "learning:rates-above": LEARNING_FIGURES,
    "learning:rates-costs": LEARNING_FIGURES,
    "learning:rates-named": PEOPLE_MANAGERS,
    "learning:pay-ranges": LEARNING_FIGURES,
    "learning:pay-range-add": {"GET": CENTRAL, "POST": CENTRAL},
    "learning:pay-range-edit": {"GET": CENTRAL, "POST": CENTRAL},
    "api:learning-rates": LEARNING_FIGURES,
    "api:learning-rates-variance": LEARNING_FIGURES,
    "api:learning-rates-above": LEARNING_FIGURES,
    "api:learning-rates-costs": LEARNING_FIGURES,
    "api:learning-rates-named": PEOPLE_MANAGERS,
    "api:learning-pay-range-list": {"GET": LEARNING_FIGURES, "POST": CENTRAL},
    "api:learning-pay-range-detail": {"GET": LEARNING_FIGURES, "PATCH": CENTRAL},
    # learning: xapi (issue 17, area 7). Entries for this area go below this line.
    # The endpoint is for providers' systems: PUBLIC here because the views check HTTP Basic
    # credentials of a provider themselves (401 without them) and read only that provider's
    # statements (learning.views.xapi). Credentials: every supply role lists them; the
    # central team makes and revokes them. Statements: central all, learning leads those
    # about their organisations' people. A person's own records; a person's plan links for
    # them and their line manager (learning.selectors.xapi).
    "xapi:statements": {"GET": PUBLIC, "POST": PUBLIC, "PUT": PUBLIC},
    "xapi:about": PUBLIC,
    "learning:xapi-credentials": LEARNING_SUPPLY,
    "learning:xapi-credential-create": {"GET": CENTRAL, "POST": CENTRAL},
    "learning:xapi-credential-revoke": {"GET": CENTRAL, "POST": CENTRAL},
    "learning:xapi-statements": LEARNING_SUPPLY,
    "learning:xapi-my-records": OWN_RECORD,
    "learning:xapi-plan-links": {"GET": OWN_RECORD, "POST": OWN_RECORD},
    "api:learning-xapi-records": OWN_RECORD,
    "api:learning-xapi-statements": LEARNING_SUPPLY,
    "api:learning-xapi-credentials": {"GET": LEARNING_SUPPLY, "POST": CENTRAL},
    "api:learning-xapi-credential-revoke": {"POST": CENTRAL},
    "api:learning-xapi-activity-product": {"GET": OWN_RECORD, "PUT": OWN_RECORD},
    # learning: home, demo (issue 17, area 8). Entries for this area go below this line.
    # The hub: anyone signed in (everyone may browse the catalogue and see their own learning
    # records); each link on it is checked against this map (learning.views.home).
    "learning:home": SIGNED_IN,
    # community: home (issue 18, lead). The hub: anyone signed in; each link on it is checked
    # against this map (community.views.home).
    "community:home": SIGNED_IN,
    # community: networks (issue 18, area 1). Entries for this area go below this line.
    # Everyone signed in reads communities and events; names of members only members, leads
    # and organisers (COMMUNITY_PARTICIPANTS here, the community itself checked in
    # community.views/api.networks: 403 otherwise). Lead pages: COMMUNITY_LEADS here, and
    # community.services.networks refuses anyone but that community's leads and organisers.
    "community:networks": SIGNED_IN,
    "community:network": SIGNED_IN,
    "community:network-create": {"GET": COMMUNITY_ORGANISERS, "POST": COMMUNITY_ORGANISERS},
    "community:network-edit": {"GET": COMMUNITY_ORGANISERS, "POST": COMMUNITY_ORGANISERS},
    "community:network-close": {"POST": COMMUNITY_ORGANISERS},
    "community:network-join": {"POST": COMMUNITY_MEMBERS},
    "community:network-leave": {"POST": COMMUNITY_MEMBERS},
    "community:network-members": {"GET": COMMUNITY_PARTICIPANTS, "POST": COMMUNITY_LEADS},
    "community:network-leads": {"GET": COMMUNITY_ORGANISERS, "POST": COMMUNITY_ORGANISERS},
    "community:event-create": {"GET": COMMUNITY_LEADS, "POST": COMMUNITY_LEADS},
    "community:events": SIGNED_IN,
    "community:event": SIGNED_IN,
    "community:event-edit": {"GET": COMMUNITY_LEADS, "POST": COMMUNITY_LEADS},
    "community:event-cancel": {"GET": COMMUNITY_LEADS, "POST": COMMUNITY_LEADS},
    "community:event-register": {"POST": COMMUNITY_MEMBERS},
    "community:event-unregister": {"POST": SIGNED_IN},
    "community:event-attendance": {"GET": COMMUNITY_LEADS, "POST": COMMUNITY_LEADS},
    "community:event-feedback": {"GET": COMMUNITY_MEMBERS, "POST": COMMUNITY_MEMBERS},
    "community:event-feedback-summary": COMMUNITY_LEADS,
    "api:community-network-list": {"GET": SIGNED_IN, "POST": COMMUNITY_ORGANISERS},
    "api:community-network-detail": {"GET": SIGNED_IN, "PATCH": COMMUNITY_ORGANISERS},
    "api:community-network-close": {"POST": COMMUNITY_ORGANISERS},
    "api:community-network-members": {"GET": COMMUNITY_PARTICIPANTS, "POST": SIGNED_IN},
    "api:community-network-member": {"DELETE": SIGNED_IN},
    "api:community-network-leads": {"POST": COMMUNITY_ORGANISERS},
    "api:community-network-lead": {"DELETE": COMMUNITY_ORGANISERS},
    "api:community-event-list": {"GET": SIGNED_IN, "POST": COMMUNITY_LEADS},
    "api:community-event-detail": {"GET": SIGNED_IN, "PATCH": COMMUNITY_LEADS},
    "api:community-event-cancel": {"POST": COMMUNITY_LEADS},
    "api:community-event-registrations": {"GET": COMMUNITY_LEADS,
                                          "POST": COMMUNITY_MEMBERS},
    "api:community-event-registration": {"DELETE": SIGNED_IN},
    "api:community-event-attendance": {"POST": COMMUNITY_LEADS},
    "api:community-event-feedback": {"GET": COMMUNITY_LEADS, "POST": COMMUNITY_MEMBERS},
    # community: feeds (issue 18, area 2). Entries for this area go below this line.
    # A feed's address is its credential (calendar apps fetch it without signing in); an
    # unknown, replaced or revoked one is a 404. The community feed page and API answer 404
    # for a community the account may not see (community.selectors.feeds); replacing its
    # address is for its leads and organisers (community.services.feeds).
    "community:feeds": {"GET": SIGNED_IN, "POST": COMMUNITY_MEMBERS},
    "community:feed-community": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "community:feed-community-ics": PUBLIC,
    "community:feed-personal-ics": PUBLIC,
    "api:community-feed-personal": {"GET": COMMUNITY_MEMBERS, "POST": COMMUNITY_MEMBERS,
                                    "DELETE": COMMUNITY_MEMBERS},
    "api:community-feed-community": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    # community: mentoring (issue 18, area 3). Entries for this area go below this line.
    # Members (a person record) see their own sign-ups and matches (community.selectors.
    # mentoring: 404 for anyone else's); organisers the schemes they organise (all for the
    # central team and administrators), with their sign-ups and matches.
    "community:mentoring": COMMUNITY_MEMBERS,
    "community:mentoring-scheme": COMMUNITY_MEMBERS,
    "community:mentoring-signup": {"GET": COMMUNITY_MEMBERS, "POST": COMMUNITY_MEMBERS},
    "community:mentoring-signup-withdraw": {"GET": COMMUNITY_MEMBERS, "POST": COMMUNITY_MEMBERS},
    "community:mentoring-match": {"GET": COMMUNITY_MEMBERS, "POST": COMMUNITY_MEMBERS},
    "community:mentoring-check-in": {"GET": COMMUNITY_MEMBERS, "POST": COMMUNITY_MEMBERS},
    "community:mentoring-review": {"GET": COMMUNITY_MEMBERS, "POST": COMMUNITY_MEMBERS},
    "community:mentoring-manage": MENTORING_ORGANISERS,
    "community:mentoring-scheme-create": {"GET": MENTORING_ORGANISERS,
                                          "POST": MENTORING_ORGANISERS},
    "community:mentoring-scheme-manage": {"GET": MENTORING_ORGANISERS,
                                          "POST": MENTORING_ORGANISERS},
    "community:mentoring-scheme-edit": {"GET": MENTORING_ORGANISERS,
                                        "POST": MENTORING_ORGANISERS},
    "community:mentoring-scheme-match": {"GET": MENTORING_ORGANISERS,
                                         "POST": MENTORING_ORGANISERS},
    "api:community-mentoring-scheme-list": {"GET": MENTORING_ORGANISERS,
                                            "POST": MENTORING_ORGANISERS},
    "api:community-mentoring-scheme-detail": {"GET": MENTORING_ORGANISERS,
                                              "PATCH": MENTORING_ORGANISERS},
    "api:community-mentoring-scheme-status": {"POST": MENTORING_ORGANISERS},
    "api:community-mentoring-match-run": {"POST": MENTORING_ORGANISERS},
    "api:community-mentoring-signup-list": {"GET": COMMUNITY_MEMBERS,
                                            "POST": COMMUNITY_MEMBERS},
    "api:community-mentoring-match-list": {"GET": COMMUNITY_MEMBERS},
    "api:community-mentoring-match-response": {"POST": COMMUNITY_MEMBERS},
    "api:community-mentoring-match-check-ins": {"GET": COMMUNITY_MEMBERS,
                                                "POST": COMMUNITY_MEMBERS},
    "api:community-mentoring-match-review": {"POST": COMMUNITY_MEMBERS},
    # community: exchange (issue 18, area 4). Entries for this area go below this line.
    # Balances, limits, offers, bookings and statements are published to everyone signed in
    # (bookings name organisations, never people). Offering, booking, cancelling and
    # refunding are for exchange traders, and community.services.exchange refuses an
    # organisation the account does not trade for; credit limits are the central team's.
    "community:exchange": SIGNED_IN,
    "community:exchange-offer": SIGNED_IN,
    "community:exchange-offer-add": {"GET": EXCHANGE_TRADERS, "POST": EXCHANGE_TRADERS},
    "community:exchange-offer-edit": {"GET": EXCHANGE_TRADERS, "POST": EXCHANGE_TRADERS},
    "community:exchange-offer-withdraw": {"GET": EXCHANGE_TRADERS, "POST": EXCHANGE_TRADERS},
    "community:exchange-offer-book": {"GET": EXCHANGE_TRADERS, "POST": EXCHANGE_TRADERS},
    "community:exchange-bookings": SIGNED_IN,
    "community:exchange-booking-cancel": {"GET": EXCHANGE_TRADERS, "POST": EXCHANGE_TRADERS},
    "community:exchange-booking-refund": {"GET": EXCHANGE_TRADERS, "POST": EXCHANGE_TRADERS},
    "community:exchange-balances": SIGNED_IN,
    "community:exchange-statement": SIGNED_IN,
    "community:exchange-limits": SIGNED_IN,
    "community:exchange-limit-edit": {"GET": CENTRAL, "POST": CENTRAL},
    "api:community-exchange-balances": SIGNED_IN,
    "api:community-exchange-offers": {"GET": SIGNED_IN, "POST": EXCHANGE_TRADERS},
    "api:community-exchange-offer": {"GET": SIGNED_IN, "PATCH": EXCHANGE_TRADERS},
    "api:community-exchange-offer-withdraw": {"POST": EXCHANGE_TRADERS},
    "api:community-exchange-offer-bookings": {"GET": SIGNED_IN, "POST": EXCHANGE_TRADERS},
    "api:community-exchange-bookings": SIGNED_IN,
    "api:community-exchange-booking": SIGNED_IN,
    "api:community-exchange-booking-cancel": {"POST": EXCHANGE_TRADERS},
    "api:community-exchange-booking-refund": {"POST": EXCHANGE_TRADERS},
    "api:community-exchange-statement": SIGNED_IN,
    "api:community-exchange-limits": SIGNED_IN,
    "api:community-exchange-limit": {"GET": SIGNED_IN, "PATCH": CENTRAL},
    # community: communications (issue 18, area 5). Entries for this area go below this line.
    # The central team and administrators only (COMMUNICATIONS): the register, audiences
    # (who is in each, by name), messages, assurance and figures. community.services
    # .communications checks the rule again and that the assurer is not the author. The
    # unsubscribe link is public: its signed token is the credential (a bad one is a 400).
    "community:communications": COMMUNICATIONS,
    "community:communications-stakeholders": COMMUNICATIONS,
    "community:communications-stakeholder-add": {"GET": COMMUNICATIONS, "POST": COMMUNICATIONS},
    "community:communications-stakeholder-edit": {"GET": COMMUNICATIONS,
                                                  "POST": COMMUNICATIONS},
    "community:communications-channels": COMMUNICATIONS,
    "community:communications-audiences": COMMUNICATIONS,
    "community:communications-audience-add": {"GET": COMMUNICATIONS, "POST": COMMUNICATIONS},
    "community:communications-audience": COMMUNICATIONS,
    "community:communications-audience-edit": {"GET": COMMUNICATIONS,
                                               "POST": COMMUNICATIONS},
    "community:communications-messages": COMMUNICATIONS,
    "community:communications-message-add": {"GET": COMMUNICATIONS, "POST": COMMUNICATIONS},
    "community:communications-message": COMMUNICATIONS,
    "community:communications-message-edit": {"GET": COMMUNICATIONS, "POST": COMMUNICATIONS},
    "community:communications-message-version": COMMUNICATIONS,
    "community:communications-message-action": {"POST": COMMUNICATIONS},
    "community:communications-unsubscribe": {"GET": PUBLIC, "POST": PUBLIC},
    "api:community-stakeholder-list": {"GET": COMMUNICATIONS, "POST": COMMUNICATIONS},
    "api:community-stakeholder-detail": {"GET": COMMUNICATIONS, "PATCH": COMMUNICATIONS},
    "api:community-channel-list": COMMUNICATIONS,
    "api:community-audience-list": {"GET": COMMUNICATIONS, "POST": COMMUNICATIONS},
    "api:community-audience-detail": COMMUNICATIONS,
    "api:community-message-list": {"GET": COMMUNICATIONS, "POST": COMMUNICATIONS},
    "api:community-message-detail": {"GET": COMMUNICATIONS, "PATCH": COMMUNICATIONS},
    "api:community-message-versions": COMMUNICATIONS,
    "api:community-message-transition": {"POST": COMMUNICATIONS},
    "api:community-message-figures": COMMUNICATIONS,
    # community: surveys (issue 18, area 6). Entries for this area go below this line.
    # The list: anyone signed in (community.selectors.surveys hides drafts from all but
    # survey organisers). Survey organisers write, open and close surveys; anyone with a
    # person record answers an open one once; results (suppressed below 10 responses) for
    # COMMUNITY_FIGURES.
    "community:surveys": SIGNED_IN,
    "community:survey-create": {"GET": SURVEY_ORGANISERS, "POST": SURVEY_ORGANISERS},
    "community:survey": SURVEY_ORGANISERS,
    "community:survey-edit": {"GET": SURVEY_ORGANISERS, "POST": SURVEY_ORGANISERS},
    "community:survey-item-add": {"GET": SURVEY_ORGANISERS, "POST": SURVEY_ORGANISERS},
    "community:survey-item-remove": {"POST": SURVEY_ORGANISERS},
    "community:survey-open": {"POST": SURVEY_ORGANISERS},
    "community:survey-close": {"POST": SURVEY_ORGANISERS},
    "community:survey-respond": {"GET": COMMUNITY_MEMBERS, "POST": COMMUNITY_MEMBERS},
    "community:survey-results": COMMUNITY_FIGURES,
    "community:survey-change": COMMUNITY_FIGURES,
    "api:community-survey-list": {"GET": SIGNED_IN, "POST": SURVEY_ORGANISERS},
    "api:community-survey-detail": {"GET": SIGNED_IN, "PATCH": SURVEY_ORGANISERS},
    "api:community-survey-items": {"POST": SURVEY_ORGANISERS},
    "api:community-survey-open": {"POST": SURVEY_ORGANISERS},
    "api:community-survey-close": {"POST": SURVEY_ORGANISERS},
    "api:community-survey-responses": {"POST": COMMUNITY_MEMBERS},
    "api:community-survey-results": COMMUNITY_FIGURES,
    "api:community-survey-change": COMMUNITY_FIGURES,
    # community: impact (issue 18, area 7). Entries for this area go below this line.
    # Figures about groups of people (suppressed below 5): heads of profession, analysts,
    # the central team and administrators.
    "community:impact": COMMUNITY_FIGURES,
    "community:impact-download": COMMUNITY_FIGURES,
    "api:community-impact": COMMUNITY_FIGURES,
    # recruitment: home (issue 21, lead). The hub: anyone signed in; each link on it is
    # checked against this map (recruitment.views.home).
    "recruitment:home": SIGNED_IN,
    # recruitment: campaigns (issue 21). Entries for this area go below this line.
    # Everyone signed in reads open campaigns (their public summary, so that people inside
    # government can apply); heads of profession also see every campaign of their
    # organisations and the hub every campaign (recruitment.selectors.campaigns: 404
    # otherwise). Writing is for RECRUITERS, narrowed by recruitment.services.campaigns to
    # the campaign's organisation for heads of profession (403 otherwise).
    "recruitment:campaigns": SIGNED_IN,
    "recruitment:campaign": SIGNED_IN,
    "recruitment:campaign-create": {"GET": RECRUITERS, "POST": RECRUITERS},
    "recruitment:campaign-edit": {"GET": RECRUITERS, "POST": RECRUITERS},
    "recruitment:campaign-criteria": {"GET": RECRUITERS, "POST": RECRUITERS},
    "recruitment:campaign-criterion-edit": {"GET": RECRUITERS, "POST": RECRUITERS},
    "recruitment:campaign-criterion-remove": {"POST": RECRUITERS},
    "recruitment:campaign-transition": {"POST": RECRUITERS},
    "api:recruitment-campaigns": {"GET": SIGNED_IN, "POST": RECRUITERS},
    "api:recruitment-campaign": {"GET": SIGNED_IN, "PATCH": RECRUITERS},
    "api:recruitment-campaign-criteria": {"GET": SIGNED_IN, "POST": RECRUITERS},
    "api:recruitment-campaign-transition": {"POST": RECRUITERS},
    "api:recruitment-criterion": {"PATCH": RECRUITERS, "DELETE": RECRUITERS},
    # recruitment: applications (issue 21). Entries for this area go below this line.
    # Recruiters (the hub; heads of profession for their organisations' campaigns, else 403)
    # list, record and import; applying is for accounts linked to a person record. One
    # application is for recruiters, panel members and internal candidates, and
    # recruitment.selectors.applications shows only those in scope (the hub all, a head of
    # profession their organisations', a panel member those allocated to them, a candidate
    # their own: 404 otherwise); its steps are the recruiters', withdrawing the recruiters'
    # and the candidate's, authorised by recruitment.services.applications.
    "recruitment:campaign-applications": RECRUITERS,
    "recruitment:application-record": {"GET": RECRUITERS, "POST": RECRUITERS},
    "recruitment:application-import": {"GET": RECRUITERS, "POST": RECRUITERS},
    "recruitment:application-apply": {"GET": OWN_RECORD, "POST": OWN_RECORD},
    "recruitment:my-applications": SIGNED_IN,
    "recruitment:application": {"GET": APPLICATION_READERS, "POST": RECRUITERS},
    "recruitment:application-withdraw": {"GET": APPLICATION_WITHDRAWERS,
                                         "POST": APPLICATION_WITHDRAWERS},
    "api:recruitment-applications": {"GET": SIGNED_IN, "POST": RECRUITERS},
    "api:recruitment-application": SIGNED_IN,
    "api:recruitment-application-transition": {"POST": SIGNED_IN},
    "api:recruitment-campaign-apply": {"POST": SIGNED_IN},
    "api:recruitment-applications-import": {"POST": RECRUITERS},
    # recruitment: panels (issue 21). Entries for this area go below this line.
    # Panel pages and endpoints: members see only their campaigns' panels and the
    # applications allocated to them (recruitment.selectors.panels, 404 otherwise); seating
    # people, allocating and feedback are for the campaign's recruiters, scores for the
    # assigned member, moderation and decisions for the chair (recruitment.services.panels).
    "recruitment:panels": {"GET": PANELS_AND_RECRUITERS},
    "recruitment:panel": {"GET": PANELS_AND_RECRUITERS},
    "recruitment:panel-member-add": {"GET": RECRUITERS, "POST": RECRUITERS},
    "recruitment:panel-member-remove": {"POST": RECRUITERS},
    "recruitment:panel-conflicts": {"GET": PANELS_AND_RECRUITERS,
                                    "POST": PANELS_AND_RECRUITERS},
    "recruitment:panel-allocate": {"GET": RECRUITERS, "POST": RECRUITERS},
    "recruitment:panel-scores": {"GET": PANELS_AND_RECRUITERS, "POST": PANEL_MEMBERS},
    "recruitment:panel-application": {"GET": PANELS_AND_RECRUITERS},
    "recruitment:panel-moderate": {"POST": PANEL_MEMBERS},
    "recruitment:panel-decide": {"POST": PANEL_MEMBERS},
    "recruitment:panel-feedback": {"POST": PANELS_AND_RECRUITERS},
    "recruitment:panel-feedback-release": {"POST": PANELS_AND_RECRUITERS},
    "api:recruitment-panel-members": {"GET": PANELS_AND_RECRUITERS, "POST": RECRUITERS},
    "api:recruitment-panel-member": {"DELETE": RECRUITERS},
    "api:recruitment-panel-conflicts": {"GET": PANELS_AND_RECRUITERS,
                                        "POST": PANELS_AND_RECRUITERS},
    "api:recruitment-panel-allocation": {"POST": RECRUITERS},
    "api:recruitment-panel-assignments": {"GET": PANELS_AND_RECRUITERS},
    "api:recruitment-panel-scores": {"GET": PANELS_AND_RECRUITERS, "POST": PANEL_MEMBERS},
    "api:recruitment-panel-stage": {"GET": PANELS_AND_RECRUITERS},
    "api:recruitment-panel-moderation": {"POST": PANEL_MEMBERS},
    "api:recruitment-panel-decision": {"POST": PANEL_MEMBERS},
    "api:recruitment-panel-feedback": {"GET": PANELS_AND_RECRUITERS,
                                       "PUT": PANELS_AND_RECRUITERS},
    "api:recruitment-panel-feedback-release": {"POST": PANELS_AND_RECRUITERS},
    # recruitment: pay (issue 21). Entries for this area go below this line.
    # Benchmarks are counts and quartiles suppressed below 5 people; market figures are
    # entered and withdrawn by the hub only.
    "recruitment:pay-benchmarks": RECRUITMENT_FIGURES,
    "recruitment:pay-market-add": RECRUITMENT_HUB,
    "recruitment:pay-market-withdraw": RECRUITMENT_HUB,
    "api:recruitment-pay-benchmark": RECRUITMENT_FIGURES,
    "api:recruitment-pay-market-figures": {"GET": RECRUITMENT_FIGURES,
                                           "POST": RECRUITMENT_HUB},
    # recruitment: reserve (issue 21). Entries for this area go below this line.
    # Pages and API read through recruitment.selectors.reserve (the hub every entry; heads of
    # profession their own candidates, entries similar to their running campaigns and
    # vacancies, named once they make an offer; internal candidates their own; 404
    # otherwise); RESERVE_USERS: recruiters and internal candidates with an entry. Offers and
    # their withdrawal are for RECRUITERS, narrowed by
    # recruitment.services.reserve to the target's organisation; answering is for the
    # candidate or those recruiters, and withdrawing an entry for the candidate or the hub
    # (the services check).
    "recruitment:reserve": RESERVE_USERS,
    "recruitment:reserve-add": {"GET": RECRUITERS, "POST": RECRUITERS},
    "recruitment:reserve-entry": RESERVE_USERS,
    "recruitment:reserve-make-offer": {"GET": RECRUITERS, "POST": RECRUITERS},
    "recruitment:reserve-entry-withdraw": {"POST": RESERVE_USERS},
    "recruitment:reserve-offer": RESERVE_USERS,
    "recruitment:reserve-respond": {"GET": RESERVE_USERS, "POST": RESERVE_USERS},
    "recruitment:reserve-offer-withdraw": {"POST": RECRUITERS},
    "api:recruitment-reserve": {"GET": RESERVE_USERS, "POST": RECRUITERS},
    "api:recruitment-reserve-entry": RESERVE_USERS,
    "api:recruitment-reserve-targets": RESERVE_USERS,
    "api:recruitment-reserve-offers": {"GET": RESERVE_USERS, "POST": RECRUITERS},
    "api:recruitment-reserve-withdraw": {"POST": RESERVE_USERS},
    "api:recruitment-reserve-offer": RESERVE_USERS,
    "api:recruitment-reserve-respond": {"POST": RESERVE_USERS},
    "api:recruitment-reserve-offer-withdraw": {"POST": RECRUITERS},
    "api:recruitment-reserve-expire": {"POST": RECRUITMENT_HUB},
    # recruitment: outcomes (issue 21). Entries for this area go below this line.
    # The outcome figures (the page with its CSV download, the API): heads of profession
    # (their organisations' lines and every organisation's totals), analysts, the central
    # team and administrators; counts of 1 to 4 people hidden (recruitment.selectors.outcomes).
    "recruitment:outcomes": RECRUITMENT_FIGURES,
    "api:recruitment-outcomes": {"GET": RECRUITMENT_FIGURES},
    # strategy: home (issue 19, lead). The hub: anyone signed in; each link on it is checked
    # against this map (strategy.views.home).
    "strategy:home": SIGNED_IN,
    # strategy: workstreams (area 1). Entries for this area go below this line.
    # Strategies, workstreams, milestones, ratings, scales and periods are about
    # organisations: anyone signed in reads them. The central team (STRATEGY_EDITORS) sets
    # up and gives the central rating; progress and the owner's rating are for
    # STRATEGY_CONTRIBUTORS here, and strategy.services.workstreams narrows them to heads of
    # profession of the owning organisation (403 otherwise).
    "strategy:strategies": SIGNED_IN,
    "strategy:strategy-create": {"GET": STRATEGY_EDITORS, "POST": STRATEGY_EDITORS},
    "strategy:strategy": SIGNED_IN,
    "strategy:workstream-create": {"GET": STRATEGY_EDITORS, "POST": STRATEGY_EDITORS},
    "strategy:workstream": SIGNED_IN,
    "strategy:milestone-create": {"GET": STRATEGY_EDITORS, "POST": STRATEGY_EDITORS},
    "strategy:milestone": SIGNED_IN,
    "strategy:milestone-update": {"GET": STRATEGY_CONTRIBUTORS, "POST": STRATEGY_CONTRIBUTORS},
    "strategy:milestone-rate-owner": {"GET": STRATEGY_CONTRIBUTORS,
                                      "POST": STRATEGY_CONTRIBUTORS},
    "strategy:milestone-rate-central": {"GET": STRATEGY_EDITORS, "POST": STRATEGY_EDITORS},
    "strategy:confidence": SIGNED_IN,
    "strategy:scale-create": {"GET": STRATEGY_EDITORS, "POST": STRATEGY_EDITORS},
    "strategy:period-create": {"GET": STRATEGY_EDITORS, "POST": STRATEGY_EDITORS},
    "strategy:period-edit": {"GET": STRATEGY_EDITORS, "POST": STRATEGY_EDITORS},
    "api:strategy-strategies": {"GET": SIGNED_IN, "POST": STRATEGY_EDITORS},
    "api:strategy-strategy": SIGNED_IN,
    "api:strategy-workstreams": {"GET": SIGNED_IN, "POST": STRATEGY_EDITORS},
    "api:strategy-workstream": SIGNED_IN,
    "api:strategy-milestones": {"GET": SIGNED_IN, "POST": STRATEGY_EDITORS},
    "api:strategy-milestone": {"GET": SIGNED_IN, "PATCH": STRATEGY_CONTRIBUTORS},
    "api:strategy-milestone-ratings": {"GET": SIGNED_IN, "POST": STRATEGY_CONTRIBUTORS},
    "api:strategy-milestones-import": {"POST": STRATEGY_EDITORS},
    "api:strategy-scales": {"GET": SIGNED_IN, "POST": STRATEGY_EDITORS},
    "api:strategy-periods": {"GET": SIGNED_IN, "POST": STRATEGY_EDITORS},
    "api:strategy-period": {"GET": SIGNED_IN, "PATCH": STRATEGY_EDITORS},
    # strategy: commitments (area 2). Entries for this area go below this line.
    # Published commitments, progress and plans: everyone signed in reads them (who entered
    # an entry is shown to the central team only). Heads of profession enter their own
    # organisations' (strategy.services.commitments refuses others with a 403), the central
    # team and administrators any; importing files is the central team's.
    "strategy:commitments": SIGNED_IN,
    "strategy:commitments-action": SIGNED_IN,
    "strategy:commitments-organisation": SIGNED_IN,
    "strategy:commitments-entry-edit": {"GET": STRATEGY_CONTRIBUTORS,
                                        "POST": STRATEGY_CONTRIBUTORS},
    "strategy:commitments-import": {"GET": STRATEGY_EDITORS, "POST": STRATEGY_EDITORS},
    "api:strategy-commitment-list": {"GET": SIGNED_IN, "POST": STRATEGY_CONTRIBUTORS},
    "api:strategy-commitment-detail": {"GET": SIGNED_IN, "PATCH": STRATEGY_CONTRIBUTORS},
    "api:strategy-commitment-actions": {"GET": SIGNED_IN},
    "api:strategy-commitment-import": {"POST": STRATEGY_EDITORS},
    # strategy: metrics (area 3). Entries for this area go below this line.
    # Definitions and values by organisation (suppressed below 5 people for everyone) for
    # STRATEGY_FIGURES; editors define metrics and queue computations; contributors enter
    # values (strategy.services.metrics narrows heads of profession to their organisations).
    # The published agreed set is SIGNED_IN, not PUBLIC: Cadre is the civil service's own
    # tool and shows no data to anonymous visitors; publication to the public is a release
    # the central team makes from these downloads (CSV/XLSX/ODS, the same suppressed
    # values) on GOV.UK, under the usual statistics clearance, not a live page of Cadre.
    "strategy:metrics": STRATEGY_FIGURES,
    "strategy:metric": STRATEGY_FIGURES,
    "strategy:metric-create": {"GET": STRATEGY_EDITORS, "POST": STRATEGY_EDITORS},
    "strategy:metric-edit": {"GET": STRATEGY_EDITORS, "POST": STRATEGY_EDITORS},
    "strategy:metric-value-add": {"GET": STRATEGY_CONTRIBUTORS, "POST": STRATEGY_CONTRIBUTORS},
    "strategy:metrics-compute": {"POST": STRATEGY_EDITORS},
    "strategy:metrics-published": SIGNED_IN,
    "api:strategy-metric-list": {"GET": STRATEGY_FIGURES, "POST": STRATEGY_EDITORS},
    "api:strategy-metric-detail": {"GET": STRATEGY_FIGURES, "PATCH": STRATEGY_EDITORS},
    "api:strategy-metric-values": {"GET": STRATEGY_FIGURES, "POST": STRATEGY_CONTRIBUTORS},
    "api:strategy-metrics-published": SIGNED_IN,
    # strategy: functions (area 4). Entries for this area go below this line.
    # The taxonomy and reference models are reference data for everyone signed in; matrices,
    # checks and the cross-government view are for STRATEGY_FIGURES (counts of people hidden
    # below 5); recording a matrix row is for STRATEGY_CONTRIBUTORS, and
    # strategy.services.functions refuses a head of profession another organisation's (403).
    "strategy:functions": SIGNED_IN,
    "strategy:function-models": SIGNED_IN,
    "strategy:function-retention": STRATEGY_FIGURES,
    "strategy:function-matrix": STRATEGY_FIGURES,
    "strategy:function-checks": STRATEGY_FIGURES,
    "strategy:function-entry": {"GET": STRATEGY_CONTRIBUTORS, "POST": STRATEGY_CONTRIBUTORS},
    "api:strategy-functions": SIGNED_IN,
    "api:strategy-operating-models": SIGNED_IN,
    "api:strategy-function-matrix": STRATEGY_FIGURES,
    "api:strategy-function-entry": {"GET": STRATEGY_FIGURES, "PUT": STRATEGY_CONTRIBUTORS},
    "api:strategy-function-checks": STRATEGY_FIGURES,
    "api:strategy-function-retention": STRATEGY_FIGURES,
    # strategy: suppliers (area 5). Entries for this area go below this line.
    # Suppliers, the framework, plans and figures: heads of profession, analysts, central
    # (strategy.selectors.suppliers hides one organisation's figures from the others and
    # aggregates behind fewer than 2 other organisations from all but the central team);
    # scores: heads of profession for their organisations and central (the services check);
    # the rest: the central team and administrators.
    "strategy:suppliers": STRATEGY_FIGURES,
    "strategy:supplier": STRATEGY_FIGURES,
    "strategy:supplier-framework": STRATEGY_FIGURES,
    "strategy:supplier-action": STRATEGY_FIGURES,
    "strategy:supplier-create": STRATEGY_EDITORS,
    "strategy:supplier-edit": STRATEGY_EDITORS,
    "strategy:supplier-version-create": STRATEGY_EDITORS,
    "strategy:supplier-criterion-create": STRATEGY_EDITORS,
    "strategy:supplier-period-create": STRATEGY_EDITORS,
    "strategy:supplier-action-create": STRATEGY_EDITORS,
    "strategy:supplier-scores": STRATEGY_CONTRIBUTORS,
    "strategy:supplier-action-move": STRATEGY_CONTRIBUTORS,
    "api:strategy-suppliers": {"GET": STRATEGY_FIGURES, "POST": STRATEGY_EDITORS},
    "api:strategy-supplier": {"GET": STRATEGY_FIGURES, "PATCH": STRATEGY_EDITORS},
    "api:strategy-supplier-overall": STRATEGY_FIGURES,
    "api:strategy-supplier-figures": STRATEGY_FIGURES,
    "api:strategy-supplier-scores": {"GET": STRATEGY_CONTRIBUTORS,
                                     "POST": STRATEGY_CONTRIBUTORS},
    "api:strategy-supplier-actions": {"GET": STRATEGY_FIGURES, "POST": STRATEGY_EDITORS},
    "api:strategy-supplier-action": STRATEGY_FIGURES,
    "api:strategy-supplier-action-transition": STRATEGY_CONTRIBUTORS,
    "api:strategy-supplier-framework": STRATEGY_FIGURES,
    "api:strategy-supplier-versions": {"GET": STRATEGY_FIGURES, "POST": STRATEGY_EDITORS},
    "api:strategy-supplier-criteria": {"GET": STRATEGY_FIGURES, "POST": STRATEGY_EDITORS},
    "api:strategy-supplier-periods": {"GET": STRATEGY_FIGURES, "POST": STRATEGY_EDITORS},
    # strategy: contributions (area 6). Entries for this area go below this line.
    # A person's contributions: whoever sees the person (people.selectors narrow it);
    # offering and withdrawing evidence: the person and their line managers (the service).
    "strategy:contributions-mine": SIGNED_IN,
    "strategy:contributions-person": {"GET": PEOPLE_RECORDS, "POST": OWN_RECORD},
    "strategy:contributions-evidence-withdraw": {"GET": OWN_RECORD, "POST": OWN_RECORD},
    "strategy:contributions-counts": STRATEGY_FIGURES,
    "api:strategy-contributions-person": PEOPLE_RECORDS,
    "api:strategy-contributions-counts": STRATEGY_FIGURES,
}
