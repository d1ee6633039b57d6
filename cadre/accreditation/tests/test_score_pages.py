"""The assessment pages end to end: score, submit, reconcile, interview, panel decision,
appeal; forms re-render with errors (400), never a 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cadre.accreditation.models import Application, Award, Interview
from cadre.accreditation.tests.score_fixtures import Scored, scored  # noqa: F401

pytestmark = pytest.mark.django_db


def _post_scores(client, s: Scored, allocation, skills: int, conduct: int):  # noqa: ANN001, ANN202
    url = reverse("accreditation:assessment", args=[allocation.pk])
    return client.post(url, {
        "action": "scores",
        f"scores-criterion_{s.skills.pk}": skills,
        f"scores-criterion_{s.skills.pk}_comment": "Evidence seen",
        f"scores-criterion_{s.conduct.pk}": conduct,
        f"scores-criterion_{s.conduct.pk}_comment": "",
    })


def test_score_reconcile_decide_and_appeal_on_pages(scored: Scored, web_client) -> None:  # noqa: ANN001, F811
    one, two = web_client(scored.assessor_one), web_client(scored.assessor_two)
    bad = _post_scores(one, scored, scored.one, 9, 4)
    assert bad.status_code == 400 and "There is a problem" in bad.content.decode()
    assert _post_scores(one, scored, scored.one, 6, 4).status_code == 302
    assert _post_scores(two, scored, scored.two, 3, 4).status_code == 302
    url_one = reverse("accreditation:assessment", args=[scored.one.pk])
    url_two = reverse("accreditation:assessment", args=[scored.two.pk])
    assert one.post(url_one, {"action": "submit"}).status_code == 302
    assert two.post(url_two, {"action": "submit"}).status_code == 302
    scored.application.refresh_from_db()
    assert scored.application.state == Application.State.RECONCILIATION
    page = one.get(url_one).content.decode()
    assert "More than one level apart" in page and "Reconcile the flagged scores" in page
    # reconcile without a reason: refused, named
    missing = one.post(url_one, {"action": "reconcile",
                                 f"reconcile-criterion_{scored.skills.pk}": 5})
    assert missing.status_code == 400
    assert one.post(url_one, {"action": "reconcile",
                              f"reconcile-criterion_{scored.skills.pk}": 5,
                              f"reconcile-criterion_{scored.skills.pk}_comment": "Fair"}
                    ).status_code == 302
    assert two.post(url_two, {"action": "reconcile",
                              f"reconcile-criterion_{scored.skills.pk}": 4,
                              f"reconcile-criterion_{scored.skills.pk}_comment": "Agreed"}
                    ).status_code == 302
    assert two.post(url_two, {"action": "send"}).status_code == 302
    scored.application.refresh_from_db()
    assert scored.application.state == Application.State.PANEL
    # an interview from the panel page
    runner = web_client(scored.runner)
    panel_url = reverse("accreditation:panel-application", args=[scored.application.pk])
    when = timezone.localdate() + dt.timedelta(days=5)
    assert runner.post(panel_url, {"action": "interview", "interview-day": when.isoformat(),
                                   "interview-time": "10:30", "interview-place": "Room 2"}
                       ).status_code == 302
    assert Interview.objects.filter(application=scored.application).count() == 1
    listing = runner.get(reverse("accreditation:panel")).content.decode()
    assert scored.application.person.full_name in listing
    # decline with the supporter on the panel: refused; then decline properly
    refused = runner.post(panel_url, {"action": "decide", "decide-outcome": "not_awarded",
                                      "decide-reasons": "Not yet",
                                      "decide-members": [scored.application.supporter_id]})
    assert refused.status_code == 400
    Assessor = type(scored.one.assessor)
    Assessor.objects.create(person=scored.panellist)
    Assessor.objects.create(person=scored.appeal_panellist)
    assert runner.post(panel_url, {"action": "decide", "decide-outcome": "not_awarded",
                                   "decide-reasons": "More evidence needed",
                                   "decide-members": [scored.panellist.pk]}
                       ).status_code == 302
    # the applicant reads the reasons and appeals
    applicant = web_client(scored.applicant)
    decision_url = reverse("accreditation:decision", args=[scored.application.pk])
    page = applicant.get(decision_url).content.decode()
    assert "More evidence needed" in page and "Appeal the decision" in page
    assert applicant.post(decision_url, {"grounds": ""}).status_code == 400
    assert applicant.post(decision_url, {"grounds": "Overlooked evidence"}).status_code == 302
    # the appeal panel offers only people with no part so far
    page = runner.get(panel_url).content.decode()
    assert "The appeal panel" in page
    assert runner.post(panel_url, {"action": "appeal", "appeal-outcome": "upheld",
                                   "appeal-reasons": "Evidence was there",
                                   "appeal-members": [scored.appeal_panellist.pk]}
                       ).status_code == 302
    scored.application.refresh_from_db()
    assert scored.application.state == Application.State.AWARDED
    assert Award.objects.filter(application=scored.application).exists()


def test_post_without_a_form_is_refused(scored: Scored, web_client) -> None:  # noqa: ANN001, F811
    client = web_client(scored.assessor_one)
    url = reverse("accreditation:assessment", args=[scored.one.pk])
    assert client.post(url, {"action": "nonsense"}).status_code == 403
    refused = client.post(url, {"action": "submit"})  # nothing scored yet
    assert refused.status_code == 400 and "Score every criterion" in refused.content.decode()


def test_home_page_lists_the_work_waiting(scored: Scored, web_client) -> None:  # noqa: ANN001, F811
    from cadre.accreditation.services import assessment as svc
    from cadre.accreditation.services import decisions

    home = reverse("core:home")
    page = web_client(scored.assessor_one).get(home).content.decode()
    assert "Accreditation applications to assess" in page
    assert reverse("accreditation:assessment", args=[scored.one.pk]) in page
    assert "Accreditation applications to assess" not in web_client(
        scored.assessor_idle).get(home).content.decode()
    for user, alloc in ((scored.assessor_one, scored.one), (scored.assessor_two, scored.two)):
        svc.record_scores(actor=user, allocation_id=alloc.pk,
                          scores={scored.skills.pk: (4, ""), scored.conduct.pk: (4, "")})
        svc.submit_scores(actor=user, allocation_id=alloc.pk)
    page = web_client(scored.runner).get(home).content.decode()
    assert "Accreditation applications for a panel" in page
    decisions.decide(actor=scored.runner, application_id=scored.application.pk,
                     outcome="not_awarded", reasons="Not yet", members=[scored.panellist])
    page = web_client(scored.applicant).get(home).content.decode()
    assert reverse("accreditation:decision", args=[scored.application.pk]) in page
