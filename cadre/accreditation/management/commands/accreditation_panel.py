"""``cadre accreditation panel list`` and ``cadre accreditation panel decide``.

``list`` prints (JSON) the applications waiting for a review or appeal panel: ``application``,
``applicant_staff_number``, ``applicant_organisation``, ``level``, ``state`` and
``flagged_criteria`` (criteria still scored more than one level apart).

``decide --application ID --outcome awarded|not_awarded --reasons TEXT --member ORG:STAFF``
(``--member`` once per panel member: organisation abbreviation and staff number) records the
panel's decision; on an application under appeal, ``--outcome upheld|dismissed`` records the
appeal panel's. The same checks as the page apply (no conflicted or earlier-involved member;
a decision already made is refused).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError

from cadre.accreditation.models import Application
from cadre.accreditation.selectors import assessment as sel
from cadre.accreditation.services import decisions
from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.people.models import Person


def _person(value: str) -> Person:
    organisation, _, staff_number = value.partition(":")
    person = Person.objects.filter(organisation__abbreviation=organisation.strip(),
                                   staff_number=staff_number.strip()).first()
    if person is None:
        raise CommandError(f"No person {value!r}: give ORGANISATION:STAFF_NUMBER.")
    return person


class Command(SubcommandCommand):
    help = "Accreditation panels: list applications waiting, or record a decision."

    def add_actions(self, actions: Any) -> None:
        actions.add_parser("list", help="Applications waiting for a panel (JSON).")
        decide = actions.add_parser("decide", help="Record a panel's decision.")
        decide.add_argument("--application", type=int, required=True)
        decide.add_argument("--outcome", required=True,
                            choices=[*decisions.OUTCOMES, *decisions.APPEAL_OUTCOMES])
        decide.add_argument("--reasons", required=True)
        decide.add_argument("--member", action="append", default=[],
                            help="ORGANISATION:STAFF_NUMBER of a panel member (repeat)")

    def handle_list(self, options: dict[str, Any], *, actor: Actor) -> None:
        rows = [{"application": a.pk, "applicant_staff_number": a.person.staff_number,
                 "applicant_organisation": a.person.organisation.abbreviation,
                 "level": str(a.level), "state": a.state,
                 "flagged_criteria": sorted(sel.flagged_criteria(a.pk))}
                for a in Application.objects.filter(state__in=sel.PANEL_STATES)
                .select_related("person__organisation", "level__scheme").order_by("pk")]
        self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))

    def handle_decide(self, options: dict[str, Any], *, actor: Actor) -> None:
        members = [_person(m) for m in options["member"]]
        application = Application.objects.filter(pk=options["application"]).first()
        if application is None:
            raise CommandError(f"No application {options['application']}.")
        outcome = options["outcome"]
        if outcome in decisions.APPEAL_OUTCOMES:
            decisions.decide_appeal(actor=actor, application_id=application.pk,
                                    outcome=outcome, reasons=options["reasons"], panel=members)
        else:
            decisions.decide(actor=actor, application_id=application.pk, outcome=outcome,
                             reasons=options["reasons"], members=members)
        application.refresh_from_db()
        self.stdout.write(f"Application {application.pk}: {application.get_state_display()}.")
