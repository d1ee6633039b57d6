"""Privacy: an assessor sees only the applications allocated to them (never one they are
excluded from), and no one sees another assessor's scores before both have submitted, on
the pages, through the API and in the selectors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.accreditation.models import Allocation
from cadre.accreditation.selectors import assessment as sel
from cadre.accreditation.services import assessment as svc
from cadre.accreditation.tests.score_fixtures import Scored, scored  # noqa: F401

pytestmark = pytest.mark.django_db


def _faulty_allocation(s: Scored) -> Allocation:
    """An allocation row for the excluded assessor: allocation never makes one, but if one
    existed it must still hide the application."""
    return Allocation.objects.create(application=s.application,
                                     assessor=s.assessor_barred.person.assessor)


def test_assessor_sees_only_allocated_applications(scored: Scored, web_client,  # noqa: F811
                                                   api_client) -> None:  # noqa: ANN001
    barred = _faulty_allocation(scored)
    assert list(sel.assessor_allocations(scored.assessor_one)) == [scored.one]
    for user in (scored.assessor_idle, scored.assessor_barred, scored.applicant,
                 scored.supporter):
        assert not sel.assessor_allocations(user).exists()
        assert not sel.applications_for_assessor(user).exists()
    for user, allocation in ((scored.assessor_idle, scored.one),
                             (scored.assessor_two, scored.one),
                             (scored.assessor_barred, barred),
                             (scored.applicant, scored.one)):
        page = web_client(user).get(reverse("accreditation:assessment", args=[allocation.pk]))
        assert page.status_code in (403, 404)
        api = api_client(user).get(reverse("api:accreditation-allocation-scores",
                                           args=[allocation.pk]))
        assert api.status_code in (403, 404)
    queue = web_client(scored.assessor_barred).get(reverse("accreditation:assessing"))
    assert scored.application.person.full_name not in queue.content.decode()
    listing = api_client(scored.assessor_barred).get(
        reverse("api:accreditation-allocation-list"))
    assert listing.json() == []
    mine = web_client(scored.assessor_one).get(reverse("accreditation:assessing"))
    assert scored.application.person.full_name in mine.content.decode()


def test_excluded_assessor_cannot_score_or_count(scored: Scored) -> None:  # noqa: F811
    barred = _faulty_allocation(scored)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        svc.record_scores(actor=scored.assessor_barred, allocation_id=barred.pk,
                          scores={scored.skills.pk: (4, "")})
    # the two real assessors submitting still moves the application on
    for user, alloc in ((scored.assessor_one, scored.one), (scored.assessor_two, scored.two)):
        svc.record_scores(actor=user, allocation_id=alloc.pk,
                          scores={scored.skills.pk: (4, ""), scored.conduct.pk: (4, "")})
        svc.submit_scores(actor=user, allocation_id=alloc.pk)
    scored.application.refresh_from_db()
    assert scored.application.state == "panel"


def test_scores_hidden_until_both_submit(scored: Scored, web_client, api_client) -> None:  # noqa: ANN001, F811
    svc.record_scores(actor=scored.assessor_one, allocation_id=scored.one.pk,
                      scores={scored.skills.pk: (6, "ONE-SECRET-COMMENT"),
                              scored.conduct.pk: (5, "")})
    svc.submit_scores(actor=scored.assessor_one, allocation_id=scored.one.pk)
    svc.record_scores(actor=scored.assessor_two, allocation_id=scored.two.pk,
                      scores={scored.skills.pk: (4, "TWO-SECRET-COMMENT")})

    def sees(user, allocation) -> tuple[set[str], str, str]:  # noqa: ANN001
        comments = {s.comment for s in sel.visible_scores(user, scored.application)}
        page = web_client(user).get(reverse("accreditation:assessment", args=[allocation.pk]))
        api = api_client(user).get(reverse("api:accreditation-allocation-scores",
                                           args=[allocation.pk]))
        return comments, page.content.decode(), api.content.decode()

    comments, page, api = sees(scored.assessor_one, scored.one)
    assert "TWO-SECRET-COMMENT" not in comments | {page, api} and "TWO-SECRET" not in page
    assert "TWO-SECRET-COMMENT" not in api and "ONE-SECRET-COMMENT" in page
    comments, page, api = sees(scored.assessor_two, scored.two)
    assert "ONE-SECRET-COMMENT" not in page and "ONE-SECRET-COMMENT" not in api
    assert comments == {"TWO-SECRET-COMMENT"}
    # nobody else: the runners, the applicant, the supporter, an idle assessor
    for user in (scored.runner, scored.applicant, scored.supporter, scored.assessor_idle):
        assert not sel.visible_scores(user, scored.application).exists()
    runner_page = web_client(scored.runner).get(
        reverse("accreditation:panel-application", args=[scored.application.pk]))
    assert runner_page.status_code == 200
    assert "SECRET-COMMENT" not in runner_page.content.decode()
    for user in (scored.applicant, scored.supporter):
        decision_page = web_client(user).get(
            reverse("accreditation:decision", args=[scored.application.pk]))
        assert "SECRET-COMMENT" not in decision_page.content.decode()

    svc.record_scores(actor=scored.assessor_two, allocation_id=scored.two.pk,
                      scores={scored.conduct.pk: (5, "")})
    svc.submit_scores(actor=scored.assessor_two, allocation_id=scored.two.pk)
    _, page, api = sees(scored.assessor_one, scored.one)
    assert "TWO-SECRET-COMMENT" in page and "TWO-SECRET-COMMENT" in api
    runner_page = web_client(scored.runner).get(
        reverse("accreditation:panel-application", args=[scored.application.pk]))
    assert "ONE-SECRET-COMMENT" in runner_page.content.decode()
    # the applicant still does not see scores, only decisions
    assert not sel.visible_scores(scored.applicant, scored.application).exists()


def test_panel_pages_are_for_runners_only(scored: Scored, web_client, api_client) -> None:  # noqa: ANN001, F811
    for user in (scored.assessor_one, scored.applicant, scored.supporter):
        assert web_client(user).get(reverse("accreditation:panel")).status_code == 403
        assert web_client(user).get(reverse("accreditation:panel-application",
                                            args=[scored.application.pk])).status_code == 403
        response = api_client(user).post(
            reverse("api:accreditation-application-decision", args=[scored.application.pk]),
            {"outcome": "awarded", "reasons": "x", "members": [scored.panellist.pk]},
            format="json")
        assert response.status_code == 403
    # another person's decision page is not found
    other = web_client(scored.assessor_idle).get(
        reverse("accreditation:decision", args=[scored.application.pk]))
    assert other.status_code in (403, 404)
