"""The permission map: every URL name in the project, and the rule that guards it.

This is the single place that says who may open what. ``PermissionMapMiddleware``
(pages) and ``PermissionMapPermission`` (API) both read it, and refuse any URL
that has no entry; ``cadre/access/tests/test_permission_map.py`` fails when a
URL is added without one, or when an entry names a URL that no longer exists.

Rules decide whether a kind of account may use a URL at all. Which records it
then sees is decided by the selectors (for example ``people.selectors.visible_people``).
A value is either one rule for all methods, or a dict of rules per HTTP method
(``GET`` covers HEAD and OPTIONS; a writing method that is not named is refused).
"""

from cadre.access.permission_map import Entry
from cadre.access.rules import (
    ADMINISTRATOR,
    AGGREGATES,
    CENTRAL,
    NAMED_RECORDS,
    PEOPLE_MANAGERS,
    PUBLIC,
    SIGNED_IN,
)

PERMISSION_MAP: dict[str, Entry] = {
    # core
    "core:home": SIGNED_IN,
    "core:healthz": PUBLIC,
    # access
    "access:sign-in": PUBLIC,
    "access:sign-out": PUBLIC,
    "access:accounts": ADMINISTRATOR,
    "access:account-create": ADMINISTRATOR,
    "access:account": ADMINISTRATOR,
    "access:account-active": ADMINISTRATOR,
    "access:role-revoke": ADMINISTRATOR,
    # organisations: reference data; changes by the central team
    "organisations:list": SIGNED_IN,
    "organisations:detail": SIGNED_IN,
    "organisations:create": CENTRAL,
    "organisations:edit": CENTRAL,
    "organisations:import": CENTRAL,
    "organisations:import-confirm": CENTRAL,
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
    "people:list": NAMED_RECORDS,
    "people:detail": NAMED_RECORDS,
    "people:edit": NAMED_RECORDS,
    "people:create": PEOPLE_MANAGERS,
    "people:export": NAMED_RECORDS,
    "people:import": PEOPLE_MANAGERS,
    "people:import-confirm": PEOPLE_MANAGERS,
    "people:statistics": AGGREGATES,
    # capability: scoped by assessments.selectors.capability_people
    "assessments:mine": SIGNED_IN,
    "assessments:team": SIGNED_IN,
    "assessments:person": NAMED_RECORDS,
    "assessments:start-round": NAMED_RECORDS,
    "assessments:gaps-download": NAMED_RECORDS,
    "assessments:round": NAMED_RECORDS,
    "assessments:plan": NAMED_RECORDS,
    "assessments:organisation": PEOPLE_MANAGERS,
    "assessments:skill-drilldown": PEOPLE_MANAGERS,
    "assessments:coverage": AGGREGATES,
    "assessments:cycles": PEOPLE_MANAGERS,
    "assessments:evidence": NAMED_RECORDS,
    "assessments:my-data": SIGNED_IN,
    # workforce: HR extracts (import section)
    # workforce: classification and review (classify section)
    # workforce: the workforce picture (picture section)
    # talent: vacancies, matching, managed moves (mobility section)
    # talent: nine-box, calibration, pools, succession (talent section)
    # talent: specialist bench and workforce plans (planning section)
    # audit
    "audit:list": ADMINISTRATOR,
    "audit:export": ADMINISTRATOR,
    # API
    "api:schema": SIGNED_IN,
    "api:docs": SIGNED_IN,
    "api:me": SIGNED_IN,
    "api:organisation-list": {"GET": SIGNED_IN, "POST": CENTRAL},
    "api:organisation-detail": {"GET": SIGNED_IN, "PATCH": CENTRAL},
    "api:grade-list": SIGNED_IN,
    "api:grade-detail": SIGNED_IN,
    "api:unit-list": SIGNED_IN,
    "api:unit-detail": SIGNED_IN,
    "api:person-list": {"GET": NAMED_RECORDS, "POST": PEOPLE_MANAGERS},
    "api:person-detail": {"GET": NAMED_RECORDS, "PATCH": NAMED_RECORDS},
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
    "api:capability": NAMED_RECORDS,
    "api:capability-profile": {"PUT": NAMED_RECORDS},
    "api:capability-start-round": {"POST": NAMED_RECORDS},
    "api:capability-objectives": {"POST": NAMED_RECORDS},
    "api:capability-agree-plan": {"POST": NAMED_RECORDS},
    "api:assessment-round-items": {"POST": NAMED_RECORDS},
    "api:assessment-round-list": NAMED_RECORDS,
    "api:assessment-round-detail": NAMED_RECORDS,
    # API workforce: import section
    # API workforce: classify section
    # API workforce: picture section
    # API talent: mobility section
    # API talent: talent section
    # API talent: planning section
    "api:audit-event-list": ADMINISTRATOR,
    "api:audit-event-detail": ADMINISTRATOR,
}
