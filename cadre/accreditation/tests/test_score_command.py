"""``cadre accreditation panel list|decide``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cadre.accreditation.models import Application
from cadre.accreditation.services import assessment as svc
from cadre.accreditation.tests.score_fixtures import Scored, scored  # noqa: F401

pytestmark = pytest.mark.django_db


def test_list_and_decide(scored: Scored, keep_connection_open) -> None:  # noqa: ANN001, F811
    for user, alloc in ((scored.assessor_one, scored.one), (scored.assessor_two, scored.two)):
        svc.record_scores(actor=user, allocation_id=alloc.pk,
                          scores={scored.skills.pk: (4, ""), scored.conduct.pk: (4, "")})
        svc.submit_scores(actor=user, allocation_id=alloc.pk)
    out = io.StringIO()
    call_command("accreditation_panel", "list", stdout=out)
    rows = json.loads(out.getvalue())
    assert rows == [{"application": scored.application.pk, "applicant_staff_number": "A3",
                     "applicant_organisation": "DA", "level": str(scored.application.level),
                     "state": "panel", "flagged_criteria": []}]
    with pytest.raises(CommandError, match="cannot sit"):  # the supporter
        call_command("accreditation_panel", "decide", "--application",
                     str(scored.application.pk), "--outcome", "not_awarded",
                     "--reasons", "No", "--member", "DA:A2", stdout=io.StringIO())
    out = io.StringIO()
    call_command("accreditation_panel", "decide", "--application", str(scored.application.pk),
                 "--outcome", "not_awarded", "--reasons", "Not yet", "--member", "DC:C3",
                 stdout=out)
    assert "Not awarded" in out.getvalue()
    assert Application.objects.get(pk=scored.application.pk).state == "not_awarded"
    with pytest.raises(CommandError, match="no longer possible"):
        call_command("accreditation_panel", "decide", "--application",
                     str(scored.application.pk), "--outcome", "awarded",
                     "--reasons", "Yes", "--member", "DC:C3", stdout=io.StringIO())
